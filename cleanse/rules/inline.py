"""Inline cuts: junk glued inside a paragraph of the article, cut so the sentences around
it survive: name hover-cards, calls to action glued to a paragraph's edge, furniture
labels ("Story highlights") and photo credits glued to a caption's end.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from cleanse import _re_internals, _speed
from cleanse._speed import LazyRegex
from cleanse.patterns import builtin_phrases, scope_inline_flags, word_alternation
from cleanse.rules import phrases
from cleanse.rules.cuts import Cut, apply_cuts, merge
from cleanse.rules.text import may_hold_two_sentences, sentence_spans

# The Hill's hover cards: the display name, then the full name glued to a string of the
# person's other headlines, closed by "MORE": "Sen. Rand Paul Randal (Rand) Howard
# PaulSenate GOP waves Trump off … MORE (Ky.)".
HOVER_CARD = LazyRegex(
    r"""\b(?P<surname>\p{Lu}[\p{Ll}'’]+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?)\s?
    (?P<card>
      (?:(?:\p{Lu}[\p{L}'’.-]*|\(\p{Lu}[\p{L}'’.-]*\))\s){0,5}?
      (?P=surname)
      (?=[\p{Lu}\d'"‘“$#])
      [^\n]{0,1200}?
      (?:(?<=\s)|(?<=(?P=surname)))MORE
    )(?=[\s.,;:!?’'")\]]|$)""",
    verbose=True,
)


# The same card when a space, not glue, follows the full name: "Speaker Paul Ryan Paul
# Davis Ryan Retirees should say … MORE (R-Wis.)". Without the glue the card is only
# trusted when it repeats the display name's first and last names around its middle ones.
SPACED_HOVER_CARD = LazyRegex(
    r"""\b(?P<first>\p{Lu}\p{Ll}+)\s(?P<surname>\p{Lu}[\p{Ll}'’]*(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?)\s
    (?P<card>
      (?P=first)\s(?:(?:\p{Lu}[\p{L}'’.-]*|\(\p{Lu}[\p{L}'’.-]*\))\s){1,3}?
      (?P=surname)\s
      [^\n]{0,1200}?\sMORE
    )(?=[\s.,;:!?’'")\]]|$)""",
    verbose=True,
)


def hover_card(paragraph: str) -> list[Cut]:
    """Cut name hover-cards glued into a sentence: a full name, headlines, then ``MORE``.

    >>> p = "Sen. Ann Lee Ann Marie LeeSenate passes bill Lee talks trade MORE (D-Ore.) spoke."
    >>> [p[c.start:c.end] for c in hover_card(p)]
    ['Ann Marie LeeSenate passes bill Lee talks trade MORE']
    >>> p = "Speaker Paul Ryan Paul Davis Ryan Retirees should say no to the plan MORE (R-Wis.) spoke."
    >>> [p[c.start:c.end] for c in hover_card(p)]
    ['Paul Davis Ryan Retirees should say no to the plan MORE']
    """
    if "MORE" not in paragraph:
        return []
    cuts = [
        Cut(m.start("card"), m.end("card"), "name hover-card with other headlines")
        for m in HOVER_CARD.finditer(paragraph)
    ]
    if not cuts:
        cuts = [
            Cut(m.start("card"), m.end("card"), "name hover-card with other headlines")
            for m in SPACED_HOVER_CARD.finditer(paragraph)
        ]
    return cuts


@functools.cache
def promo_literals() -> tuple[str, ...] | None:
    """Strings one of which every sentence that glued_promo may cut holds (lower case).

    Read from the phrase lists of STANDALONE_JUNK themselves, so that the gate and the
    phrases cannot disagree: a sentence some phrase matches holds one of that phrase's
    literals, so a paragraph holding none has no sentence to cut. None when a phrase's
    literals cannot be read (the gate then stays open; a test keeps that from happening).
    """
    literals: set[str] = set()
    for rule in STANDALONE_JUNK:
        for phrase in builtin_phrases(rule):
            found = _re_internals.required_literals(re.compile(scope_inline_flags(phrase), re.IGNORECASE))
            if found is None:
                return None
            literals.update(found)
    return _speed.shortest_literals(sorted(literals))


@functools.cache
def _promo_gate() -> Callable[[str], bool]:
    literals = promo_literals()
    return (lambda paragraph: True) if literals is None else _speed.literal_gate(literals)


def _has_promo_hint(paragraph: str) -> bool:
    """False only when no phrase of STANDALONE_JUNK can match any part of *paragraph*."""
    return _promo_gate()(paragraph)


# Page furniture glued to the start of a paragraph ("Story highlights The minister …") or a
# photo credit glued to its end ("… the vote. | Jo Doe/AP Photo").
LEADING_LABEL = LazyRegex(
    r"(?:(?-i:CLOSE)\s+)?(?i:story highlights|key points|highlights)\b[:\s]*(?=\S)|(?-i:CLOSE)\s+(?=\p{Lu})"
)
# Furniture before a photo's caption: a row of share buttons ("Facebook Twitter Pinterest"),
# "Buy Photo", or "Image copyright Getty Images Image caption". The caption stays.
CAPTION_LABEL = LazyRegex(
    r"(?i:(?:facebook|twitter|pinterest|e-?mail|whatsapp|linkedin|reddit|share)\s+){3,}(?=[\p{Lu}\p{N}\"'“‘«])"
    r"|Buy Photo\s+(?=\p{Lu})"
    r"|(?i:image copyright\b.{1,80}?\bimage caption)\s+(?=\S)"
    r"|(?i:image|media|video) caption,?\s+(?=[\p{Lu}\p{N}\"'“‘«])"
)
# Every character CAPTION_LABEL can start with, small letters matching their capitals
# (ſ matches s, and İ and ı match i, ignoring case).
CAPTION_LABEL_INITIALS = frozenset("FfTtPpEeWwLlRrSsBIi\u017f\u0130\u0131")
# The other openings of CAPTION_LABEL, asked as they are written on the page.
CAPTION_LABEL_OPENINGS = ("Media caption", "Video caption", "MEDIA CAPTION", "VIDEO CAPTION")
# The same label after a photo caption's credit, inside the paragraph:
# "… (Photo: Jo Doe, AFP) Story Highlights The talks …".
LABEL_INITIALS = frozenset("CcSsKkHh\u017f\u212a")
INNER_LABEL = LazyRegex(r"(?<=[.)”\"]\s)(?i:story highlights)\s+(?=\p{Lu})")
# A market widget's ticker chip inside a sentence: a symbol, then its move with a sign
# ("FaceTime AAPL, -1.43% video calls"). Prose writes "Apple shares fell 1.4%".
TICKER_CHIP = re.compile(r"(?<![\w$])(?-i:[A-Z]{1,5}(?:\.[A-Z]{1,2})?), [+-]\d{1,3}\.\d{2}%(?!\w)\s?")
# An ad slot's notice glued after the paragraph's last sentence ("… Route 9. Story continues
# below advertisement"); a sentence about advertising is no notice.
TRAILING_AD_NOTICE = re.compile(
    r"(?<=[.!?”\"’)])\s+(?i:(?:the )?(?:story|article) continues (?:below|after)(?: (?:this|the))?"
    r"(?: (?:advertisement|ad))?|advertisement"
    r"|continue reading (?:below|after (?:the )?(?:advertisement|ad)))\s*$"
)
# The words such a notice ends with, as pages print them. Glued to a paragraph, it ends the
# paragraph without a stop: only a paragraph that ends with a letter is asked.
AD_NOTICE_ENDINGS = tuple(
    form
    for word in ("advertisement", "ad", "below", "after", "this", "the")
    for form in (word, word.capitalize(), word.upper())
)
# The agencies are a word list (cleanse/patterns/words/photo_agency.txt).
TRAILING_CREDIT = re.compile(
    rf"\s+\|\s+[^|]{{0,60}}?(?:/|\b){word_alternation('photo_agency')}\b[^|]{{0,60}}$"
)


def glued_promo(paragraph: str) -> list[Cut]:
    """Cut a call to action glued to the end or start of a paragraph of text.

    "… contributed to this report. Want the newsletter in your inbox? Sign up here." keeps
    its first sentence. A sentence is cut only when it is, on its own, a line that
    ``promo_line``, ``related_link`` or ``legal_notice`` would drop. (A caption's photo
    credit is left on the caption: the credit says whose picture it is.)

    >>> p = "Jo Doe contributed to this report. Want our newsletter in your inbox? Sign up here."
    >>> [p[c.start:c.end] for c in glued_promo(p)]
    ['Want our newsletter in your inbox? Sign up here.']
    """
    if paragraph.isalnum():
        return []  # one word: every label, credit and sentence end needs a space or a stop
    edges = _glued_furniture(paragraph)
    # A paragraph of one sentence is never asked about the phrase lists' literals: the gate
    # is built from every phrase on first use, which a one-line input need not pay.
    if not may_hold_two_sentences(paragraph) or not _has_promo_hint(paragraph):
        return edges
    spans = sentence_spans(paragraph)
    if len(spans) < 2:
        return edges
    last = len(spans) - 1
    # Grow the run from each edge: "Want it in your inbox? Sign up here." is one promo in
    # two sentences, so the joined sentences are tested, not each alone.
    tail = _longest_junk_run(
        paragraph, spans, range(last, max(last - GLUED_PROMO_SENTENCES, 0) - 1, -1), last
    )
    head = _longest_junk_run(paragraph, spans, range(0, min(GLUED_PROMO_SENTENCES, last + 1)), 0)
    cuts = []
    if head is not None:
        cuts.append(Cut(spans[0][0], spans[head][1], "call to action inside the text"))
    if tail is not None:
        cuts.append(Cut(spans[tail][0], spans[last][1], "call to action inside the text"))
    if cuts and _leaves_a_label(paragraph, cuts) and _is_standalone_junk(paragraph, paragraph):
        # A promo whose opening words are no junk alone ("Fight back! Sign up …") is a line
        # the phrase rules drop whole: cutting its sentences would leave the opening behind.
        # A sentence of the article left after the cuts stays ("© 2020 The Maroon. All
        # rights reserved. In 1962 he became dean …"), however the phrase rules read the line.
        return []
    # Every sentence junk (the runs from both edges meet): the whole paragraph goes, as a
    # phrase list would drop it, but one sentence at a time, never a sentence of the article.
    return merge(cuts + edges)


# What the cuts of a promo may leave that is a label of the promo, not a sentence: a few words.
LEFTOVER_LABEL_WORDS = 4


def _leaves_a_label(paragraph: str, cuts: list[Cut]) -> bool:
    """True when what *cuts* leave of *paragraph* is LEFTOVER_LABEL_WORDS words or fewer."""
    return len(apply_cuts(paragraph, merge(cuts)).split()) <= LEFTOVER_LABEL_WORDS


def _glued_furniture(paragraph: str) -> list[Cut]:
    cuts = []
    # LEADING_LABEL starts with "CLOSE" or one of its labels, ignoring case (ſ and the
    # Kelvin sign K match s and k, ignoring case).
    lead = LEADING_LABEL.match(paragraph) if paragraph[:1] in LABEL_INITIALS else None
    initial = paragraph[:1]
    if not lead and (
        initial in CAPTION_LABEL_INITIALS
        or (initial in "MV" and paragraph.startswith(CAPTION_LABEL_OPENINGS))
    ):
        lead = CAPTION_LABEL.match(paragraph)
    if lead:
        cuts.append(Cut(lead.start(), lead.end(), "page furniture glued to the text"))
    elif "ighlights" in paragraph:
        cuts += [
            Cut(m.start(), m.end(), "page furniture glued to the text")
            for m in INNER_LABEL.finditer(paragraph)
        ]
    if "%" in paragraph and (", +" in paragraph or ", -" in paragraph):
        ticker = "stock ticker glued to the text"
        cuts += [Cut(m.start(), m.end(), ticker) for m in TICKER_CHIP.finditer(paragraph)]
    if paragraph[-1:].isalpha() and paragraph.endswith(AD_NOTICE_ENDINGS):
        notice = TRAILING_AD_NOTICE.search(paragraph, max(0, len(paragraph) - 80))
        if notice and notice.start() > 0:
            cuts.append(Cut(notice.start(), notice.end(), "advertising notice glued to the text"))
    trail = TRAILING_CREDIT.search(paragraph) if "|" in paragraph else None
    if trail and trail.start() > 0:
        cuts.append(Cut(trail.start(), trail.end(), "photo credit glued to the text"))
    return cuts


GLUED_PROMO_SENTENCES = 4


def _longest_junk_run(paragraph: str, spans: list[tuple[int, int]], order: range, anchor: int) -> int | None:
    """Return the sentence index farthest from the edge *anchor* such that the run is junk.

    The run grows one sentence at a time from the edge. A sentence joins it when it is
    junk on its own, or together with its neighbour on the edge side ("Want it in your
    inbox? Sign up here."); the first sentence that is neither stops the run, so a
    sentence of the article is never swallowed.
    """

    def junk(a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return _is_standalone_junk(paragraph[spans[lo][0] : spans[hi][1]].strip(), paragraph)

    indices = list(order)
    found = None
    i = 0
    while i < len(indices):
        k = indices[i]
        if junk(k, k) or (found is not None and junk(k, found)):
            found = k
            i += 1
        elif found is None and i + 1 < len(indices) and junk(k, indices[i + 1]):
            found = indices[i + 1]
            i += 2
        else:
            break
    return found


# The line rules a sentence cut from a paragraph must satisfy on its own.
STANDALONE_JUNK = ("promo_line", "related_link", "legal_notice")


def _is_standalone_junk(sentence: str, paragraph: str) -> bool:
    """True when *sentence* (a part of *paragraph*) is a line some STANDALONE_JUNK rule drops.

    Every such phrase holds one of the gate's literals (tests/test_patterns.py), so a
    sentence without one is ruled out by a scan of it alone, before any pattern runs.
    """
    return _has_promo_hint(sentence) and phrases.may_match_any(sentence, STANDALONE_JUNK, paragraph)
