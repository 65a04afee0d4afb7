"""Headlines of other stories: in capitals between the article's paragraphs, in capitals
pasted inside one, or in sentence case followed by their source ("… - NYT").

A capital line is not always junk: the article's title, its subheads, quotations and
tweets in capitals, labels ("HOST:") and bylines stay. The page decides how much a
shorter capital line must prove (see :class:`HeadlineEvidence`).
"""

from __future__ import annotations

import re
from functools import cached_property
from itertools import islice

from cleanse._speed import LazyRegex
from cleanse.paragraphs import breaks_a_sentence, is_verse_length
from cleanse.patterns import word_list
from cleanse.rules.cuts import Cut
from cleanse.rules.document import Document
from cleanse.rules.text import (
    has_spaced_dash,
    inside_quotes,
    is_quotation,
    is_shouting,
    sentence_spans,
    words_of,
)

# Another story's headline in sentence case followed by its source: "Senate passes the
# budget after a long night - NYT". Sentence case (two small words before the dash) keeps
# product names ("Wireless Headphones - Black") and Title Case subheads out.
SOURCED_HEADLINE = re.compile(
    r"[A-Z](?=[^.!?]*\s[a-z][^.!?]*\s[a-z])[^.!?]{10,160}? [-–] "
    r"(?:\[[\w .]+\] )?[A-Z][\w.&’']*(?: [A-Z][\w.&’']*){0,3}"
)
HEADLINE_MIN_WORDS = 8
SHORT_HEADLINE_MIN_WORDS = 5
HEADLINE_MAX_WORDS = 40
# A capital line whose topic words (this many, and this share of them) open the paragraph
# after it is a subhead.
SUBHEAD_SHARED_WORDS = 2
SUBHEAD_SHARED_SHARE = 0.5
# Topic words are compared by their first letters, so "plans" and "planned" agree.
TOPIC_STEM = 5
_FUNCTION_WORDS = frozenset(word_list("function_words"))


def _is_verse_line(text: str) -> bool:
    """A line as verse has them: short (see cleanse.paragraphs) and not in capitals."""
    return bool(text) and is_verse_length(text) and not is_shouting(text)


def topic_words(text: str) -> frozenset[str]:
    """The stems of the words of four letters or more in *text* that say something.

    >>> sorted(topic_words("HOW THE CITY PLANS TO PAY FOR THE NEW BIKE LANES"))
    ['bike', 'city', 'lanes', 'plans']
    """
    return frozenset(
        word[:TOPIC_STEM] for word in words_of(text) if len(word) >= 4 and word not in _FUNCTION_WORDS
    )


class HeadlineEvidence:
    """What the page says about its capital lines, read once per document.

    - ``shouting_share``: the share of paragraphs in capitals (near 1 for an all-caps page,
      where capitals are no signal);
    - ``shapes``: word counts of the paragraphs shaped like headlines, the title excepted;
    - ``is_sectioned``: two or more capital lines under five words mark a roundup or a Q&A
      whose capital lines are its own subheads (sites inject long headlines);
    - ``stacked``: capital lines of three words or more next to another such line (a
      subhead heads text, so two stacked capital lines are other stories' headlines);
    - ``shouted_junk``: the line rules dropped boilerplate written in capitals;
    - ``has_certain_headline``: some paragraph is an unmistakable headline (eight words+).
    """

    def __init__(self, document: Document) -> None:
        self._document = document
        self.shapes = [n for n in map(headline_shape, islice(document.paragraphs, 1, None)) if n]

    @cached_property
    def shouting_share(self) -> float:
        paragraphs = self._document.paragraphs
        return sum(map(is_shouting, paragraphs)) / len(paragraphs) if paragraphs else 0.0

    @cached_property
    def is_sectioned(self) -> bool:
        return sum(n < SHORT_HEADLINE_MIN_WORDS for n in self.shapes) >= 2

    @cached_property
    def has_certain_headline(self) -> bool:
        return any(n >= HEADLINE_MIN_WORDS for n in self.shapes)

    @property
    def capitals_are_no_signal(self) -> bool:
        """True on a page mostly in capitals, or divided by short capital subheads."""
        return self.shouting_share > 0.5 or self.is_sectioned

    def in_verse(self, paragraph: str) -> bool:
        """True when *paragraph* stands between two short lines in small letters, the line
        before it breaking off mid-sentence: a line of verse (a poem's line in capitals),
        not a headline between sentences of prose."""
        before, after = self._neighbours.get(paragraph, ("", ""))
        return _is_verse_line(before) and _is_verse_line(after) and breaks_a_sentence(before)

    @cached_property
    def _neighbours(self) -> dict[str, tuple[str, str]]:
        """Each paragraph (its first occurrence) and the paragraphs before and after it
        ("" at the document's ends)."""
        paragraphs = self._document.paragraphs
        found: dict[str, tuple[str, str]] = {}
        for i, paragraph in enumerate(paragraphs):
            before = paragraphs[i - 1] if i else ""
            after = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
            found.setdefault(paragraph, (before, after))
        return found

    def heads_its_text(self, paragraph: str) -> bool:
        """True when the first sentence after *paragraph* takes up half its topic words (two
        at least): a subhead is followed by text about it."""
        following = self._neighbours.get(paragraph, ("", ""))[1]
        if not following:
            return False
        spans = sentence_spans(following)
        first = following[: spans[0][1]] if spans else following
        own = topic_words(paragraph)
        shared = own & topic_words(first)
        return len(shared) >= SUBHEAD_SHARED_WORDS and len(shared) >= SUBHEAD_SHARED_SHARE * len(own)

    @cached_property
    def shouted_junk(self) -> bool:
        """True when the line rules dropped boilerplate written in capitals."""
        return any(map(is_shouting, self._document.dropped))

    @cached_property
    def stacked(self) -> frozenset[str]:
        """Capital lines of three words or more standing next to another such line."""
        paragraphs = self._document.paragraphs
        shaped = [i > 0 and headline_shape(p) >= 3 for i, p in enumerate(paragraphs)]
        return frozenset(
            p
            for i, p in enumerate(paragraphs)
            if shaped[i] and ((i > 0 and shaped[i - 1]) or (i + 1 < len(shaped) and shaped[i + 1]))
        )


def headline_shape(paragraph: str) -> int:
    """Return the word count if *paragraph* is shaped like a headline, else 0.

    Shaped like a headline: in capitals, not a quotation, a label (``HOST:``), a
    byline, a parenthesised stage direction or a run of full sentences.

    The punctuation is looked at before the capitals are counted: asked of every
    paragraph of every document, it rules out the two thirds of them that end with a full
    stop (or a colon) at no cost, and the answer is the same either way.
    """
    stripped = paragraph.strip()
    if not stripped or stripped[0] == "(" or stripped.endswith((":", ".")):
        return 0
    # ASCII text without a capital letter (all small letters, or none: a number) is not in
    # capitals: asked in C, this spares counting them.
    if (
        (stripped.isascii() and (stripped.islower() or stripped.lower() == stripped))
        or not is_shouting(paragraph)
        or is_quotation(stripped)
    ):
        return 0
    if stripped.startswith("By ") or (stripped.startswith("BY ") and "," in stripped):
        return 0
    words = len(stripped.split())
    return words if words <= HEADLINE_MAX_WORDS else 0


def injected_headline(paragraph: str, document: Document) -> str | None:
    """Drop another story's ALL-CAPS headline standing between the article's paragraphs.

    Also dropped: a sentence-case headline followed by its source ("… - NYT").
    Kept: the article's own title (the first paragraph), quotations and tweets in capitals,
    labels ending in a colon, bylines, and subheads. A capital line of eight words or more
    is a headline; shorter ones (three words or more) only on a page that already carried
    such a headline or boilerplate in capitals ("CLICK HERE TO GET THE APP").
    A document divided by short capital subheads (a roundup, a Q&A) keeps all its capital
    lines, and in a document written in capitals throughout, capitals are not a signal.

    >>> doc = Document(["Title", "Text.", "SENATE PASSES BUDGET AFTER LONG NIGHT OF VOTES", "More."])
    >>> injected_headline(doc.paragraphs[2], doc)
    "another story's headline"
    >>> injected_headline("WHAT COMES NEXT", Document(["Title", "WHAT COMES NEXT", "Text."])) is None
    True
    """
    if document.paragraphs[0] == paragraph:
        return None
    if is_sourced_headline(paragraph):
        return "another story's headline, with its source"
    words = headline_shape(paragraph)
    if not words:
        return None
    page = document.fact(HeadlineEvidence)
    if page.capitals_are_no_signal or page.in_verse(paragraph):
        return None
    # A subhead heads text about it; on a page that carried capital boilerplate, a capital
    # line on the article's own topic is still one of the site's related headlines.
    if not page.shouted_junk and page.heads_its_text(paragraph):
        return None
    if words >= HEADLINE_MIN_WORDS:
        return "another story's headline"
    if words >= 3 and (page.has_certain_headline or page.shouted_junk):
        return "another story's headline"
    if words >= 3 and paragraph in page.stacked:
        return "another story's headline"
    return None


def is_sourced_headline(paragraph: str) -> bool:
    """True for a sentence-case headline followed by its source ("… - NYT")."""
    return has_spaced_dash(paragraph) and SOURCED_HEADLINE.fullmatch(paragraph) is not None


def may_fire(document: Document) -> bool:
    """False only when ``injected_headline`` drops no paragraph of *document*.

    A line shaped like a headline drops only when it has three words or more, and never
    in a document mostly in capitals or divided by capital subheads; a sourced headline
    ("… - NYT") is asked for by itself. Past these, every paragraph is kept whatever the
    rest of the rule would say. The title is never another story's headline: a document
    of one paragraph (a title, a comment, one line of a corpus of lines) keeps it.
    """
    if len(document.paragraphs) < 2:
        return False
    page = document.fact(HeadlineEvidence)
    if any(n >= 3 for n in page.shapes) and not page.capitals_are_no_signal:
        return True
    others = islice(document.paragraphs, 1, None)
    return document.anywhere(has_spaced_dash) and any(map(is_sourced_headline, others))


# A run of at least eight capitalised words inside a mixed-case paragraph: another story's
# headline pasted into the text.
CAPS_WORD = r"[\p{Lu}\d$#%&][\p{Lu}\d'’.,:;$%&?!-]*"
GLUED_HEADLINE = LazyRegex(
    rf"(?<![\"“‘'«:])\b{CAPS_WORD}(?:\s+{CAPS_WORD}){{7,}}(?=\s+\p{{Lu}}\p{{Ll}}|\s*$)"
)


def glued_headline(paragraph: str) -> list[Cut]:
    """Cut another story's ALL-CAPS headline pasted inside a paragraph.

    Only a run of eight or more capitalised words in a paragraph that is otherwise in
    mixed case, outside quotation marks and followed by a new sentence: acronym runs
    (``NATO, EU and UN``) are far shorter, and all-caps quotes are quoted.

    >>> p = "He left. TRUMP SAYS TALKS WITH TALIBAN ARE DEAD AFTER SUMMIT The talks ended."
    >>> [p[c.start:c.end] for c in glued_headline(p)]
    ['TRUMP SAYS TALKS WITH TALIBAN ARE DEAD AFTER SUMMIT']
    """
    if len(paragraph) < 60 or not _may_hold_caps_run(paragraph) or is_shouting(paragraph):
        return []
    cuts = []
    for m in GLUED_HEADLINE.finditer(paragraph):
        if inside_quotes(paragraph, m.start()) or m.group().endswith("."):
            continue  # quoted shouting, or a shouted sentence: headlines carry no full stop
        cuts.append(Cut(m.start(), m.end(), "another story's headline inside the text"))
    return cuts


# Bytes with every ASCII small letter as "a" and everything else as "X".
_SMALL_LETTERS_AS_A = bytes(0x61 if 0x61 <= c <= 0x7A else 0x58 for c in range(256))
# Eight capitalised words and the spaces between them: at least 15 characters, none of
# them an ASCII small letter.
_CAPS_RUN = b"X" * 15


def _may_hold_caps_run(paragraph: str) -> bool:
    """False when *paragraph* cannot hold a GLUED_HEADLINE match (True when unsure).

    The ``regex`` search costs several microseconds per paragraph; this costs one:
    translated to bytes, each character becomes at least one "X" unless it is a-z.
    """
    data = paragraph.encode("utf-8", "surrogatepass").translate(_SMALL_LETTERS_AS_A)
    return _CAPS_RUN in data
