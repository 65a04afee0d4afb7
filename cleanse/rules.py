"""Rules: decide what in a paragraph is not the article, and say why.

Three shapes, all pure and all returning *reasons*, never raising:

- a **line rule** looks at one paragraph alone and returns a reason to drop it, or None;
- a **context rule** also sees the paragraphs around it (the article's title, the text a
  subhead heads, sentences repeated elsewhere) through a :class:`Document`;
- a **span rule** returns the spans of junk glued *inside* a paragraph, so the sentence
  around them survives.

Phrase lists live in ``cleanse/patterns/`` as data; the logic here is what a list cannot
say: letter case, position, repetition.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from mypy_extensions import mypyc_attr

from cleanse import _fastpath
from cleanse._fastpath import cached_property
from cleanse.patterns import builtin_pattern


# A plain Python class in the compiled build too: it sets attributes of any name.
@mypyc_attr(native_class=False)
class _LazyRegex:
    """A pattern of the ``regex`` module (Unicode classes such as ``\\p{Lu}``), compiled on
    first use: importing ``regex`` and compiling these costs tens of milliseconds, which a
    command in a shell pipe pays on every start."""

    def __init__(self, pattern: str, *, verbose: bool = False) -> None:
        self._pattern = pattern
        self._verbose = verbose
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        # Called only for a name not yet set on the instance: the compiled pattern's method
        # is then set there, so that later calls (one per paragraph) skip this function.
        if self._compiled is None:
            import regex

            self._compiled = regex.compile(self._pattern, regex.VERBOSE if self._verbose else 0)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value


class Cut(NamedTuple):
    """A span of a paragraph to remove, ``text[start:end]``, and why."""

    start: int
    end: int
    reason: str


# --- line rules --------------------------------------------------------------------------


def _phrase_rule(rule: str, paragraph: str, within: str | None = None) -> bool:
    pattern = builtin_pattern(rule)
    return pattern is not None and _fastpath.fullmatch(pattern, paragraph, within)


# The line rules that are phrase lists (cleanse/patterns/), in pipeline order.
PHRASE_RULES = ("promo_line", "advertisement", "page_furniture", "legal_notice", "related_link")


def may_match_phrases(paragraph: str, rules: Sequence[str] = PHRASE_RULES, within: str | None = None) -> bool:
    """False only when no phrase list of *rules* matches *paragraph* (True when unsure).

    One question for the whole family instead of one per rule: a fast path that lets the
    pipeline skip the phrase rules for prose, and glued promos test a sentence at once
    (*within*: the paragraph that holds the sentence, see _fastpath._gated_fullmatch).
    """
    if not _fastpath.ENABLED:
        return True
    names = rules if isinstance(rules, tuple) else tuple(rules)
    matches = _PHRASE_MATCHERS.get(names)
    if matches is None:
        matches = _PHRASE_MATCHERS[names] = _fastpath.fullmatch_any_of(_phrase_patterns(names))
    return matches(paragraph, within)


# The function of _fastpath.fullmatch_any_of for each family of phrase lists, by its rules' names.
_PHRASE_MATCHERS: dict[tuple[str, ...], Callable[[str, str | None], bool]] = {}


@functools.cache
def _phrase_patterns(rules: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(p for p in map(builtin_pattern, rules) if p is not None)


def promo_line(paragraph: str) -> str | None:
    """Drop a call to action: app promos, newsletter sign-ups, "Follow us on", "Click here".

    The phrase lists (English, German, French, Spanish) match whole paragraphs, so a
    sentence that only mentions a newsletter or an app is content and stays.

    >>> promo_line("CLICK HERE TO GET THE FOX NEWS APP")
    'call to action'
    >>> promo_line("The newsletter, founded in 1998, has 40,000 readers.") is None
    True
    """
    return "call to action" if _phrase_rule("promo_line", paragraph) else None


def advertisement(paragraph: str) -> str | None:
    """Drop ad slots and their notices: "Advertisement", "Story continues below advertisement".

    >>> advertisement("ADVERTISEMENT")
    'advertising marker'
    >>> advertisement("Advertisement spending fell 4% last year.") is None
    True
    """
    return "advertising marker" if _phrase_rule("advertisement", paragraph) else None


def page_furniture(paragraph: str) -> str | None:
    """Drop page furniture: share widgets, media-player notices, gallery and photo credits,
    update stamps, "Scroll down for video".

    >>> page_furniture("Updated at 4:08 p.m.")
    'page furniture'
    >>> page_furniture("The photo was taken in 1968.") is None
    True
    """
    return "page furniture" if _phrase_rule("page_furniture", paragraph) else None


def legal_notice(paragraph: str) -> str | None:
    """Drop copyright lines, "All rights reserved", syndication and "views expressed" notices.

    >>> legal_notice("Copyright 2019 Example Media, Inc. All rights reserved.")
    'legal notice'
    >>> legal_notice("The copyright case was settled out of court.") is None
    True
    """
    return "legal notice" if _phrase_rule("legal_notice", paragraph) else None


def related_link(paragraph: str) -> str | None:
    """Drop links to other stories: ``RELATED: …``, ``READ MORE:``, ``ALSO READ``, ``VIDEO: …``.

    >>> related_link("RELATED: Senate passes the budget after a long night")
    'link to another story'
    >>> related_link("Related questions remain unanswered.") is None
    True
    """
    return "link to another story" if _phrase_rule("related_link", paragraph) else None


SEPARATOR_CHARS = set("_-–—=*~#•·+|/\\.:…°^<>─━═")


def separator_line(paragraph: str) -> str | None:
    """Drop a line made only of punctuation used as a rule: ``___``, ``* * *``, ``-----``.

    A paragraph with any letter, digit or emoji in it is not a separator.

    >>> separator_line("* * *")
    'separator'
    >>> separator_line("🎉 🎉") is None
    True
    """
    if paragraph[:1] not in SEPARATOR_CHARS and paragraph[:1] != " ":
        return None  # the usual case, a paragraph that starts with a letter, decided at once
    chars = paragraph.replace(" ", "")
    if chars and all(c in SEPARATOR_CHARS for c in chars):
        return "separator"
    return None


# --- the document a context rule sees ------------------------------------------------------

# Words that show a paragraph is *about* templates (a tutorial, docs, a code review),
# so the template syntax it quotes is an example, not a rendering failure.
TEMPLATE_TALK = re.compile(
    r"\b(?:templat\w*|jinja2?|mustache|handlebars|liquid|django|twig|erb|ejs|nunjucks|"
    r"placeholders?|interpolat\w*|shortcodes?|syntax|delimiters?|curly braces)\b",
    re.IGNORECASE,
)
# Words that show a paragraph is about code (a shell or JavaScript example with ``${name}``):
# consulted only for markers inside that same paragraph, never for the whole document,
# where a "tax code" must not shield the page's unrendered markers.
CODE_TALK = re.compile(
    r"\b(?:javascript|typescript|python|ruby|perl|php|bash|shell|powershell|sql|html|css|json|yaml|"
    r"variables?|functions?|strings?|code|commands?|scripts?|echo|printf?|api|environment)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
WORD = re.compile(r"\w+")
# For ASCII text the same words in C: \w is [A-Za-z0-9_], casefold() is lower().
_ASCII_WORD_BYTES = (
    bytes(
        (c | 0x20 if chr(c).isalpha() else c) if chr(c).isalnum() or c == 0x5F else 0x20 for c in range(128)
    )
    + b" " * 128
)


# For squeezing ASCII text: the same table keeping the line breaks and carriage returns
# that _squeeze_sentences puts between paragraphs and between sentences, and the bytes to
# delete (every other one that is not a word character).
_SQUEEZE_SEPARATORS = b"\n\r"
_ASCII_WORD_BYTES_BY_SENTENCE = bytes(
    c if c in _SQUEEZE_SEPARATORS else _ASCII_WORD_BYTES[c] for c in range(256)
)
_ASCII_NON_WORD_BYTES = bytes(
    c for c in range(128) if _ASCII_WORD_BYTES[c] == 0x20 and c not in _SQUEEZE_SEPARATORS
)


# Punctuation of everyday prose outside ASCII. None of it is a word character, so
# replacing it with spaces leaves the words as they were, and often leaves ASCII.
_TYPOGRAPHY = tuple(_fastpath.EVERYDAY_TYPOGRAPHY)


def _normalise(text: str) -> str:
    """The words of *text*, case-folded, one space apart: how repeated text is compared."""
    if _fastpath.ENABLED:
        return " ".join(_words_of(text))
    return " ".join(WORD.findall(text.casefold()))


# Every round of context rules asks again about the same sentences. (Whole paragraphs and
# first sentences are asked about once per document: they call _normalise itself, and
# would only push the sentences out of the memo.)
_normalise_sentence = _fastpath.memoize(_normalise)


def _squeeze_sentences(texts: Sequence[str], joined: str | None = None) -> str | None:
    """Each text's words, case-folded, with nothing between them (``_normalise`` without
    its spaces), one text a line and a carriage return between a text's sentences (as
    SENTENCE_END splits them). None when a text holds a line break or a carriage return.

    Texts that are ASCII but for everyday typography are squeezed all at once in C
    (splitting into words is what normalising costs, and squeezing needs none); the few
    others one sentence at a time.

    >>> _squeeze_sentences(["He said: “No.” Then left!", "B-52", "Straße 5"]).split("\\n")
    ['hesaidno\\rthenleft', 'b52', 'strasse5']

    *joined*, when given, is ``"\\n".join(texts)``, already made by the caller.
    """
    if joined is None:
        joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1 or "\r" in joined:
        return None  # no texts, or a text holding a line break
    # A sentence ends where SENTENCE_END matches: marked from its stop, every stop made a
    # full stop first so that the pattern starts with one fixed character, which ``re``
    # finds several times faster than a class. Stops are not word characters: squeezing
    # deletes them either way.
    stops = joined.replace("!", ".").replace("?", ".").replace("…", ".")
    joined = _without_typography(_SENTENCE_END_AT_FULL_STOP.sub("\r", stops))
    others: dict[int, str] = {}
    if not joined.isascii():
        lines = joined.split("\n")
        others = {
            i: "\r".join("".join(_words_of(sentence)) for sentence in line.split("\r"))
            for i, line in enumerate(lines)
            if not line.isascii()
        }
        joined = "\n".join("" if i in others else line for i, line in enumerate(lines))
    squeezed = joined.encode("ascii").translate(_ASCII_WORD_BYTES_BY_SENTENCE, _ASCII_NON_WORD_BYTES)
    result = squeezed.decode("ascii")
    if others:
        lines = result.split("\n")
        for i, text in others.items():
            lines[i] = text
        result = "\n".join(lines)
    return result


# SENTENCE_END, in text whose stops are all full stops, matched from the stop and never
# across a line break (each line is a paragraph of its own).
_SENTENCE_END_AT_FULL_STOP = re.compile(r"\.[\"'”’)\]]*[^\S\n]+")


def _without_typography(text: str) -> str:
    """*text* with the everyday typography of _TYPOGRAPHY replaced by spaces."""
    if not text.isascii():
        for mark in _TYPOGRAPHY:
            if mark in text:
                text = text.replace(mark, " ")
    return text


def _words_of(text: str) -> list[str]:
    """``WORD.findall(text.casefold())``, in C for text that is ASCII but for everyday typography."""
    if not text.isascii():
        text = _without_typography(text)  # uncased, so replacing before case folding changes nothing
        if not text.isascii():
            return WORD.findall(text.casefold())
    # ASCII: the table lower-cases the letters, which is all that case folding does here.
    return text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split()


@_fastpath.memoize
def _sentence_keys(paragraph: str) -> tuple[str, ...]:
    """The normalised sentences of *paragraph*, as pull quotes are compared."""
    return tuple(map(_normalise_sentence, SENTENCE_END.split(paragraph)))


# SENTENCE_END starting at its full stop rather than after it: a pattern that starts with
# a class of characters, which ``re`` looks for in a tight loop (several times faster
# than trying the look-behind at every position). Both find the same first sentence end.
_SENTENCE_END_FROM_STOP = re.compile(r"[.!?…][\"'”’)\]]*\s+")


def _first_sentence(paragraph: str) -> str:
    """The normalised first sentence of *paragraph* (pull quotes ask once per paragraph)."""
    end = _SENTENCE_END_FROM_STOP.search(paragraph)
    return _normalise(paragraph[: end.start() + 1] if end else paragraph)


def _line_starts(lines: Sequence[str]) -> list[int]:
    """Where each of *lines* starts in ``"\\n".join(lines)``."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return starts


# A plain Python class in the compiled build, so that its cached properties stay cached.
@mypyc_attr(native_class=False)
class _Squeezed:
    """A document's paragraphs squeezed (see _squeeze_sentences), and what is read off them.

    Each is made when first asked for: ruling a document out of pull quotes only asks
    whether a squeezed sentence repeats (two thirds of the news corpus's documents need
    nothing more), so the lines, the document and the counts wait until a search needs them.
    """

    def __init__(self, paragraphs: Sequence[str], marked: str) -> None:
        self.paragraphs = paragraphs
        self.marked = marked  # one paragraph a line, "\r" between a paragraph's sentences

    @cached_property
    def document(self) -> str:
        """The squeezed paragraphs, one line each."""
        return self.marked.replace("\r", "")

    @cached_property
    def lines(self) -> dict[str, str]:
        """Each paragraph squeezed, "\r" between its sentences."""
        return dict(zip(self.paragraphs, self.marked.split("\n"), strict=True))

    @cached_property
    def _sentences(self) -> list[str]:
        return self.marked.replace("\n", "\r").split("\r")

    @cached_property
    def sentences(self) -> Counter[str]:
        """How many times each squeezed sentence is in the document."""
        return Counter(self._sentences)

    @cached_property
    def may_repeat_any(self) -> bool:
        """False only when no squeezed sentence occurs twice and none is empty."""
        sentences = self._sentences
        distinct = set(sentences)
        return "" in distinct or len(distinct) < len(sentences)


def _close_link_run(items: set[str], run: list[str], header: str | None) -> None:
    """Add a finished run of link-list lines, and its header, to *items*."""
    # One line ending in a full stop after a header is a sentence, not a list.
    if run and not (len(run) == 1 and run[0].endswith(".")):
        items.update(run)
        if header is not None:
            items.add(header)


# A plain Python class in the compiled build, so that its cached properties stay cached.
@mypyc_attr(native_class=False)
@dataclass(frozen=True)
class Document:
    """The paragraphs still standing, as context rules see them, and the junk already found.

    Context rules are run again on the survivors until none drops anything, so each
    decision depends on paragraphs that are in the output, plus ``dropped``: the
    paragraphs the line rules removed, which tell what kind of page this was (a site that
    prints its app promo in capitals also injects headlines in capitals). A context rule
    may only drop *more* when more was dropped; that keeps cleaning twice the same as
    cleaning once, because a second pass finds no line junk left.
    """

    paragraphs: Sequence[str]
    dropped: Sequence[str] = ()
    #: Input positions of ``paragraphs`` and of ``dropped``, when known: they say which
    #: survivors came right after a dropped "READ MORE:" header.
    positions: Sequence[int] = ()
    dropped_positions: Sequence[int] = ()
    #: Link lists found in the first round of context rules: once their items are gone,
    #: the lines after them would look like the list's continuation, so later rounds
    #: reuse the lists found on the page as it came in.
    known_link_items: frozenset[str] | None = None

    @cached_property
    def joined(self) -> str:
        """The paragraphs joined by line breaks: one search there answers for all of them."""
        return "\n".join(self.paragraphs)

    @cached_property
    def discusses_templates(self) -> bool:
        """True when some paragraph talks about templates (a tutorial, template docs)."""
        return any(TEMPLATE_TALK.search(p) for p in self.paragraphs)

    @cached_property
    def shouting_share(self) -> float:
        """The share of paragraphs written in capitals: near 1 for an all-caps document."""
        if not self.paragraphs:
            return 0.0
        return sum(map(is_shouting, self.paragraphs)) / len(self.paragraphs)

    @cached_property
    def headline_shapes(self) -> list[int]:
        """Word counts of the paragraphs shaped like headlines, the title excepted."""
        return [n for n in map(_headline_shape, self.paragraphs[1:]) if n]

    @cached_property
    def is_sectioned(self) -> bool:
        """True when short capital subheads divide the document into sections.

        Two or more capital lines under five words mark a roundup or a Q&A whose capital
        lines are its own subheads; sites that inject other stories' headlines inject long ones.
        """
        return sum(n < SHORT_HEADLINE_MIN_WORDS for n in self.headline_shapes) >= 2

    @cached_property
    def stacked_headlines(self) -> frozenset[str]:
        """Capital lines of three words or more standing next to another such line.

        A subhead heads text, so two stacked capital lines are headlines of other stories.
        """
        shaped = [i > 0 and _headline_shape(p) >= 3 for i, p in enumerate(self.paragraphs)]
        return frozenset(
            p
            for i, p in enumerate(self.paragraphs)
            if shaped[i] and ((i > 0 and shaped[i - 1]) or (i + 1 < len(shaped) and shaped[i + 1]))
        )

    @cached_property
    def shouted_junk(self) -> bool:
        """True when the line rules dropped boilerplate written in capitals."""
        return any(map(is_shouting, self.dropped))

    @cached_property
    def has_certain_headline(self) -> bool:
        """True when some paragraph is an unmistakable injected headline (eight words or more)."""
        return any(n >= HEADLINE_MIN_WORDS for n in self.headline_shapes)

    @cached_property
    def link_list_items(self) -> frozenset[str]:
        """Paragraphs that form a list of links under a header such as "READ MORE:".

        The run starts after a header (kept or already dropped) and takes every short,
        headline-like paragraph until the first paragraph of prose; dropped lines inside
        the run (an "Advertisement") do not end it.
        """
        if self.known_link_items is not None:
            return self.known_link_items
        if _fastpath.ENABLED and not any(map(is_link_header, itertools.chain(self.paragraphs, self.dropped))):
            return frozenset()  # no header, no list: most pages (a fast path, before any sorting)
        if self.positions and len(self.positions) == len(self.paragraphs):
            kept = list(zip(self.positions, self.paragraphs, strict=True))
        else:
            kept = list(enumerate(self.paragraphs))
        events = sorted(
            [(pos, False, p) for pos, p in kept]
            + [(pos, True, p) for pos, p in zip(self.dropped_positions, self.dropped, strict=False)]
        )
        items: set[str] = set()
        header: str | None = None
        run: list[str] = []
        in_list = False
        style: tuple[str, bool] | None = None  # the first item's bullet and final stop set the list's style

        for _, was_dropped, paragraph in events:
            if is_link_header(paragraph):
                _close_link_run(items, run, header)
                header, run, style = (None if was_dropped else paragraph), [], None
                in_list = True
            elif was_dropped:
                continue
            elif in_list and is_link_shaped(paragraph) and _fits_style(style, paragraph):
                style = style or _list_style(paragraph)
                run.append(paragraph)
            else:
                _close_link_run(items, run, header)
                header, run, in_list = None, [], False
        _close_link_run(items, run, header)
        return frozenset(items)

    @cached_property
    def _normalised_paragraphs(self) -> list[str]:
        return [_normalise(p) for p in self.paragraphs]

    @cached_property
    def _normalised(self) -> tuple[str, dict[str, int]]:
        texts = self._normalised_paragraphs
        counts: dict[str, int] = {}
        for t in texts:
            counts[t] = counts.get(t, 0) + 1
        return "\n".join(texts), counts

    def repeats_elsewhere(self, normalised: str, paragraph: str) -> bool:
        """True when *normalised* (taken from *paragraph*) occurs inside another, longer paragraph.

        Only for documents of moderate size (see PULL_QUOTE_SEARCH_LIMIT).
        """
        if _fastpath.ENABLED:
            # One copy is the paragraph's own: unless there are two, no other paragraph holds it.
            squeezed = self._squeezed
            if squeezed is not None:
                if squeezed.document.count(normalised.replace(" ", "")) < 2:
                    return False
            elif len(self._words) <= SMALL_DOCUMENT and self._words.count(normalised) < 2:
                return False
        joined, counts = self._normalised
        if len(joined) > PULL_QUOTE_SEARCH_LIMIT:
            return False
        own = _normalise_sentence(paragraph)
        copies = counts.get(normalised, 0) + (counts.get(own, 0) if own != normalised else 0)
        return joined.count(normalised) > copies

    def may_quote_elsewhere(self, paragraph: str) -> bool:
        """False only when :meth:`repeats_elsewhere` is False for the quotation *paragraph* holds.

        The quotation is the paragraph without the attribution after its dash, so it
        holds at least the words before the paragraph's first dash: unless those occur
        twice in the squeezed document, the quotation cannot (and without a dash, they
        are the paragraph's own squeezed line). No pattern and no normalising.
        """
        squeezed = self._squeezed if _fastpath.ENABLED else None
        if squeezed is None or paragraph not in squeezed.lines:
            return True
        dash = min((at for at in map(paragraph.find, _ATTRIBUTION_DASHES) if at != -1), default=-1)
        if dash == -1:
            before_dash = squeezed.lines[paragraph].replace("\r", "")
        else:
            before_dash = "".join(_words_of(paragraph[:dash]))
        return squeezed.document.count(before_dash) >= 2

    def may_repeat(self, paragraph: str) -> bool:
        """False only when the first sentence of *paragraph* is in no other paragraph.

        A pre-check for :attr:`sentence_owners`, which splits and normalises every sentence
        of the document: a pull quote's first sentence is printed as a sentence of another
        paragraph, so it occurs twice among the sentences of the whole document, squeezed
        (once in the quote, once in the other paragraph), counted once for the document
        whatever its size. Where the paragraphs cannot be squeezed (one holds a line
        break), one string search of the document's words rules most paragraphs out;
        past SMALL_DOCUMENT, where a search per paragraph would be quadratic, each of the
        sentence's words must occur twice instead.
        """
        if not _fastpath.ENABLED:
            return True
        squeezed = self._squeezed_any_size  # counting sentences is linear at any size
        if squeezed is not None and paragraph in squeezed.lines:
            key = squeezed.lines[paragraph].partition("\r")[0]
            return not key or squeezed.sentences[key] >= 2
        key = _first_sentence(paragraph)
        if not key:
            return True
        if len(self._words) <= SMALL_DOCUMENT:
            return self._words.count(key) >= 2
        counts = self._word_counts
        return all(counts.get(word, 0) >= 2 for word in key.split(" "))

    @cached_property
    def _squeezed(self) -> _Squeezed | None:
        """The paragraphs squeezed (see _squeeze_sentences) for the pull-quote searches, or None.

        Squeezing does what normalising does for these searches, without splitting the
        text into words, which is what normalising costs. Text that occurs twice among the
        normalised paragraphs still occurs twice once the spaces between words are
        deleted, and a sentence of a paragraph is still inside it; the searches may find
        more there (words run together), which only sends more paragraphs to the full
        check. Only for documents of at most SMALL_DOCUMENT characters squeezed: they are
        searched once per paragraph.
        """
        squeezed = self._squeezed_any_size
        return squeezed if squeezed is not None and len(squeezed.document) <= SMALL_DOCUMENT else None

    @cached_property
    def _squeezed_any_size(self) -> _Squeezed | None:
        """The paragraphs squeezed, whatever the document's size (None when a paragraph
        holds a line break): what :meth:`may_repeat` counts its sentences in."""
        paragraphs = self.paragraphs
        marked = _squeeze_sentences(paragraphs, self.joined)
        if marked is None:
            return None
        return _Squeezed(paragraphs, marked)

    @cached_property
    def _squeezed_starts(self) -> list[int]:
        """Where each line of the squeezed document starts (only asked when it is searched)."""
        squeezed = self._squeezed
        return _line_starts(squeezed.document.split("\n")) if squeezed is not None else []

    @cached_property
    def _words(self) -> str:
        # Every word of the document, one space apart: where paragraphs meet, a search
        # may find words of two paragraphs, which only makes the pre-check pass more.
        return " ".join(filter(None, self._normalised_paragraphs))

    @cached_property
    def _word_counts(self) -> dict[str, int]:
        return Counter(self._words.split())

    def owned_by_longer(self, sentence: str, size: int) -> bool:
        """True when the normalised *sentence* is a sentence of a paragraph of more than *size* words.

        The same answer as ``sentence_owners.get(sentence, 0) > size``, without splitting
        the sentences of every paragraph: only a longer paragraph whose words contain the
        sentence's words is split.
        """
        if not sentence:
            return False  # the index holds no empty sentence
        if not _fastpath.ENABLED or "\n" in sentence:
            return self.sentence_owners.get(sentence, 0) > size
        # Only the paragraphs whose text holds the sentence, found by a string search of
        # all of them joined, one line each: squeezed, or else normalised.
        squeezed = self._squeezed
        if squeezed is not None:
            joined, starts, needle = squeezed.document, self._squeezed_starts, sentence.replace(" ", "")
        elif len(self._words) <= SMALL_DOCUMENT:
            joined, starts, needle = self._normalised[0], self._normalised_starts, sentence
        else:
            # A long document: one index of every sentence costs less than a scan per question.
            return self.sentence_owners.get(sentence, 0) > size
        at = joined.find(needle)
        while at != -1:
            i = bisect.bisect_right(starts, at) - 1
            longer = len(self.paragraphs[i].split(None, size)) > size  # more than *size* words
            if longer and sentence in _sentence_keys(self.paragraphs[i]):
                return True
            if i + 1 == len(starts):
                break
            at = joined.find(needle, starts[i + 1])
        return False

    @cached_property
    def _normalised_starts(self) -> list[int]:
        """Where each normalised paragraph starts in the joined text of ``_normalised``."""
        return _line_starts(self._normalised_paragraphs)

    @cached_property
    def sentence_owners(self) -> dict[str, int]:
        """Map each normalised sentence to the word count of the longest paragraph holding it."""
        owners: dict[str, int] = {}
        for p in self.paragraphs:
            size = len(p.split())
            for key in _sentence_keys(p):
                if key and owners.get(key, 0) < size:
                    owners[key] = size
        return owners


# --- context rules -------------------------------------------------------------------------

TEMPLATE_MARKER = re.compile(
    r"\{\{[#/^!>&]?\s*[^{}\n]{0,200}?\s*\}\}"  # Mustache / Handlebars / Jinja expressions
    r"|\{%-?\s*[^{}\n]{0,200}?\s*-?%\}"  # Jinja / Liquid / Django statements
    r"|\{#\s*[^{}\n]{0,200}?\s*#\}"  # Jinja comments
    r"|<%[=#-]?\s*[^<>\n]{0,200}?\s*-?%>"  # ERB / EJS / ASP
    r"|\[\[\s*[\w:.-]{1,60}\s*\]\]"  # ad slots and wiki-style placeholders
    r"|%%[A-Z][A-Z0-9_]{1,60}%%"  # %%AD_UNIT%%
    r"|\$\{\s*[\w.]{1,60}\s*\}"  # ${headline}
    r"|\[(?:summary|caption|image|embed|video|tweet|ad|related)\]"  # unfilled CMS shortcodes
    # wire story codes such as [L2N2CA27E]: letters and digits mixed
    r"|\[(?-i:(?=[A-Z0-9]*\d[A-Z0-9]*[A-Z])(?=[A-Z0-9]*[A-Z][A-Z0-9]*\d)[A-Z0-9]{8,12})\]",
    re.IGNORECASE,
)


def _may_hold_template_marker(paragraph: str) -> bool:
    # Every TEMPLATE_MARKER alternative starts with one of these: a few C-speed searches
    # rule out prose (prices and percentages included) before any pattern runs.
    # Single characters first: prose usually has none of "[", "{" or "%".
    if "[" in paragraph:
        return True
    if "{" in paragraph and any(opening in paragraph for opening in ("{{", "{%", "{#", "${")):
        return True
    return "%" in paragraph and ("<%" in paragraph or "%%" in paragraph)


def is_template_only(paragraph: str) -> bool:
    """True when *paragraph* is nothing but template markers, spaces and punctuation.

    >>> is_template_only("{{#rendered}} {{/rendered}}")
    True
    >>> is_template_only("Hello {{ name }}, welcome!")
    False
    """
    if not _may_hold_template_marker(paragraph):
        return False
    rest = TEMPLATE_MARKER.sub("", paragraph)
    return rest != paragraph and not any(c.isalnum() for c in rest)


def template_marker(paragraph: str, document: Document) -> str | None:
    """Drop a line made only of unrendered template syntax (``{{#rendered}} {{/rendered}}``).

    In a document that talks about templates (a Jinja tutorial) such a line is a code
    example and stays.
    """
    if is_template_only(paragraph) and not document.discusses_templates:
        return "unrendered template marker"
    return None


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
QUOTE_OPENERS = "\"'“‘«„‹「『"


@_fastpath.memoize
def is_shouting(paragraph: str) -> bool:
    """True when at least 85% of the cased letters (any script) are capitals.

    Asked of every paragraph by several rules, so the answers are memoized, and prose
    is told apart by its small letters alone (see _too_many_small_letters).

    >>> is_shouting("US MILITARY SHOOTS DOWN SPY BALLOON")
    True
    >>> is_shouting("ΣΥΝΟΔΟΣ ΚΟΡΥΦΗΣ ΣΤΗΝ ΑΘΗΝΑ")
    True
    >>> is_shouting("NATO and the EU met in Brussels.")
    False
    """
    if _fastpath.ENABLED and _too_many_small_letters(paragraph):
        return False
    upper, lower = _case_counts(paragraph)
    return upper >= 6 and upper >= 0.85 * (upper + lower)


def _too_many_small_letters(text: str) -> bool:
    """True when *text* has too many small letters a-z to be 85% capitals, whatever the rest.

    Capitals cannot outnumber the characters that are not a-z, so 85% capitals needs
    ``15 * (len - small) >= 85 * small``; one deletion in C counts a-z (prose fails the
    test at once, and never needs its capitals counted).
    """
    small = len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_SMALL_ASCII))
    return 85 * small > 15 * (len(text) - small)


_NOT_SMALL_ASCII = bytes(c for c in range(256) if not ord("a") <= c <= ord("z"))


# For counting cases in C: A-Z become "U", a-z "l", every other byte "." (in ASCII only
# A-Z are capitals and a-z small letters; the bytes of other characters are all >= 0x80).
_ASCII_CASES = bytes(
    ord("U")
    if chr(c).isascii() and chr(c).isupper()
    else ord("l")
    if chr(c).isascii() and chr(c).islower()
    else ord(".")
    for c in range(256)
)
# Non-ASCII characters of everyday prose that are neither capitals nor small letters.
_UNCASED_TYPOGRAPHY = frozenset(_fastpath.EVERYDAY_TYPOGRAPHY)


def _case_counts(text: str) -> tuple[int, int]:
    """Count the capitals and the small letters of *text*, any script.

    This runs on many paragraphs, so the fast path counts the ASCII letters
    in C (in ASCII only A-Z are capitals and a-z small letters) and asks ``str.isupper``
    and ``str.islower`` only about the other characters.

    >>> _case_counts("NATO met in Brüssel, ΑΘΗΝΑ")
    (10, 11)
    """
    if _fastpath.ENABLED:
        if text.isascii():
            others = ""
            cases = text.encode("ascii").translate(_ASCII_CASES)
        else:
            encoded = text.encode("utf-8", "surrogatepass")
            others = encoded.translate(None, _fastpath.ASCII_BYTES).decode("utf-8", "surrogatepass")
            cases = encoded.translate(_ASCII_CASES)  # bytes beyond ASCII become "."
        upper, lower = cases.count(b"U"), cases.count(b"l")
        if others and not _UNCASED_TYPOGRAPHY.issuperset(others):
            for c in others:
                if c.isupper():
                    upper += 1
                elif c.islower():
                    lower += 1
        return upper, lower
    upper = lower = 0
    for c in text:
        if c.isupper():
            upper += 1
        elif c.islower():
            lower += 1
    return upper, lower


QUOTE_CLOSERS = "\"'”’»›」』"


def _is_quotation(paragraph: str) -> bool:
    """True for a quotation standing alone: it opens with a quote mark and ends with one,
    maybe followed by an attribution ("… ” — Name"). A headline that only *starts* with a
    quoted phrase ("'COUP HAS STARTED,' LAWYER SAID") is not one."""
    if paragraph[0] not in QUOTE_OPENERS:
        return False
    body = re.split(r"\s[—–-]\s", paragraph, maxsplit=1)[0].rstrip(".,!? ")
    return len(body) > 1 and body[-1] in QUOTE_CLOSERS


def _headline_shape(paragraph: str) -> int:
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
    if not is_shouting(paragraph) or _is_quotation(stripped):
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
    if _is_sourced_headline(paragraph):
        return "another story's headline, with its source"
    words = _headline_shape(paragraph)
    if not words:
        return None
    if document.shouting_share > 0.5 or document.is_sectioned:
        return None
    if words >= HEADLINE_MIN_WORDS:
        return "another story's headline"
    if words >= 3 and (document.has_certain_headline or document.shouted_junk):
        return "another story's headline"
    if words >= 3 and paragraph in document.stacked_headlines:
        return "another story's headline"
    return None


def _is_sourced_headline(paragraph: str) -> bool:
    """True for a sentence-case headline followed by its source ("… - NYT")."""
    return _has_spaced_dash(paragraph) and SOURCED_HEADLINE.fullmatch(paragraph) is not None


def _has_spaced_dash(text: str) -> bool:
    """``" - " in text or " – " in text``: a hyphen or an en dash with a space on each side.

    Searching for a three-character needle that ends with a space stops at every space
    of the text; the fast path finds each dash alone (a single character is searched for
    like a byte, tens of times faster) and looks at its neighbours. A news page holds a
    dozen hyphens on average, and asking for spaced dashes took 2% of cleaning it.

    >>> _has_spaced_dash("Senate passes budget – NYT"), _has_spaced_dash("well-known")
    (True, False)
    """
    if not _fastpath.ENABLED:
        return " - " in text or " – " in text
    for dash in "-–":
        at = text.find(dash, 1)
        while at != -1:
            if text[at - 1] == " " and text[at + 1 : at + 2] == " ":
                return True
            at = text.find(dash, at + 1)
    return False


def _may_hold_injected_headline(document: Document) -> bool:
    """False only when ``injected_headline`` drops no paragraph of *document*.

    A line shaped like a headline drops only when it has three words or more, and never
    in a document mostly in capitals or divided by capital subheads; a sourced headline
    ("… - NYT") is asked for by itself. Past these, every paragraph is kept whatever the
    rest of the rule would say. The title is never another story's headline: a document
    of one paragraph (a title, a comment, one line of a corpus of lines) keeps it.
    """
    if len(document.paragraphs) < 2:
        return False
    if any(n >= 3 for n in document.headline_shapes) and not (
        document.shouting_share > 0.5 or document.is_sectioned
    ):
        return True
    return _has_spaced_dash(document.joined) and any(map(_is_sourced_headline, document.paragraphs[1:]))


LINK_HEADER = re.compile(
    r"[(\[\s]*(?:read more|more from (?:the )?[\w .'’-]{1,40}|"
    r"related(?: stories| coverage| articles| content| links)?|"
    r"other developments\b.{0,80}|(?:today'?s|today’s) must[- ]reads|(?:the )?latest from [\w .'’-]{1,40}|"
    r"you might (?:also )?(?:like|be interested in)|you may also like|recommended(?: for you)?|"
    r"trending(?: now)?|more stories|also read|see also|top stories|most (?:read|popular)|editor'?s picks|"
    r"lesen sie auch|mehr zum thema|lire aussi|à lire aussi|sur le même sujet|lee también|te puede interesar)"
    r"[\s:.…)\]]*",
    re.IGNORECASE,
)
# Between LINK_HEADER's leading brackets and its trailing punctuation, no header is
# longer than this (tests/test_fast_path.py reads it from the pattern), and these are
# all the characters those edges can hold (every character ``\s`` matches among them).
LINK_HEADER_LONGEST = 98
LINK_HEADER_EDGES = (
    "([:.…)]\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
LINK_MAX_WORDS = 25
# "…,” the senator said." is a sentence of the article, not a link's headline.
REPORTED_SPEECH = re.compile(
    r"[,.?!…][\"”’']\s+(?:\w+\W+){0,6}?(?:said|says|told|wrote|added|asked)\b", re.IGNORECASE
)


def is_link_header(paragraph: str) -> bool:
    """True for a header that introduces links to other stories ("READ MORE:", "Related").

    >>> is_link_header("MORE FROM THE POLITICAL TICKER:")
    True
    >>> is_link_header("Read more about the plan below.")
    False
    """
    # A fast path: a paragraph of prose is too long to be a header, edges and all.
    longest = LINK_HEADER_LONGEST
    if _fastpath.ENABLED and len(paragraph) > longest and len(paragraph.strip(LINK_HEADER_EDGES)) > longest:
        return False
    return LINK_HEADER.fullmatch(paragraph) is not None


def is_link_shaped(paragraph: str) -> bool:
    """True for a short line that could be a link's headline: no more than 25 words, not a
    heading of its own (final colon), not reported speech."""
    return (
        len(paragraph.split()) <= LINK_MAX_WORDS
        and not paragraph.endswith(":")
        and not REPORTED_SPEECH.search(paragraph)
    )


def _bullet(paragraph: str) -> str:
    return paragraph[0] if paragraph[0] in "-–—•*·" else ""


def _list_style(paragraph: str) -> tuple[str, bool] | None:
    """The look every item of one list shares: its bullet, and whether it ends in a full stop.

    A question or exclamation fits either kind of list, so it sets no style.
    """
    if paragraph.endswith(("?", "!")):
        return None
    return _bullet(paragraph), paragraph.endswith(".")


def _fits_style(style: tuple[str, bool] | None, paragraph: str) -> bool:
    own = _list_style(paragraph)
    if style is None or own is None:
        return style is None or style[0] == _bullet(paragraph)
    return own == style


def link_list(paragraph: str, document: Document) -> str | None:
    """Drop a list of links to other stories: the header ("READ MORE:", "Other developments:")
    and the short headline lines under it, up to the first paragraph of prose.

    >>> doc = Document(["Text of the story.", "Related", "Senate passes budget", "Mayor resigns"])
    >>> link_list("Mayor resigns", doc)
    'list of links to other stories'
    >>> link_list("Text of the story.", doc) is None
    True
    """
    if paragraph in document.link_list_items:
        return "list of links to other stories"
    return None


PULL_QUOTE_MIN_WORDS = 6


# "…” — Name, title": the attribution printed under a pull quote.
ATTRIBUTION = re.compile(r"(?<=[\"”’'.!?])\s*(?:[—–]|--?)\s*\S.{0,120}$")
_ATTRIBUTION_DASHES = ("—", "–", "-")  # an attribution starts with one of them
# Above this much text, searching each candidate in the whole document costs too much;
# sentence-by-sentence matching still runs.
PULL_QUOTE_SEARCH_LIMIT = 300_000
# Up to this many characters of words, the pull-quote pre-checks search the document once
# per paragraph; past it they use the index of every sentence (linear, built once a round).
SMALL_DOCUMENT = 20_000


def pull_quote(paragraph: str, document: Document) -> str | None:
    """Drop a pull quote: a paragraph whose sentences are all repeated in a longer paragraph,
    or a quotation (with or without "— Name") repeated anywhere inside a longer one.

    Magazines lift a striking sentence out of the text and print it again in large type,
    often in quotation marks with an attribution; the scraper keeps both.
    Identical paragraphs are left alone (a refrain in a poem), and so is the title.
    """
    if document.paragraphs[0] == paragraph:
        return None  # the title (and the whole of a one-paragraph text: nothing to repeat)
    # The two pre-checks next (a fast path): most paragraphs fail both, and then none of
    # the checks below can matter, since only the two branches guarded by them drop.
    if _fastpath.ENABLED and not (
        document.may_repeat(paragraph)
        or (paragraph[:1] in QUOTE_OPENERS and document.may_quote_elsewhere(paragraph))
    ):
        return None
    # Six words or more: splitting off the first six tells, without listing every word.
    if len(paragraph.split(None, PULL_QUOTE_MIN_WORDS - 1)) < PULL_QUOTE_MIN_WORDS:
        return None
    if is_shouting(paragraph) or _bullet(paragraph):
        return None  # a subhead or a teaser repeating its section's text is the page's own outline
    if document.may_repeat(paragraph):
        size = len(paragraph.split())
        sentences = [s for s in _sentence_keys(paragraph) if s]
        if sentences and all(document.owned_by_longer(s, size) for s in sentences):
            return "pull quote repeating the article"
    if paragraph[0] not in QUOTE_OPENERS:
        return None
    # A quotation printed apart, maybe with its attribution: repeated anywhere inside a
    # longer paragraph, even without its sentence boundaries.
    if not document.may_quote_elsewhere(paragraph):
        return None
    body = _normalise_sentence(ATTRIBUTION.sub("", paragraph))
    if len(body.split()) >= PULL_QUOTE_MIN_WORDS and document.repeats_elsewhere(body, paragraph):
        return "pull quote repeating the article"
    return None


def only_loses_evidence(rule: Any, paragraphs: Sequence[tuple[int, str]]) -> bool:
    """True when *rule* cannot drop anything more once it has run on a larger document.

    Context rules run again on the survivors until nothing drops. A pull quote needs a
    longer paragraph repeating its sentences; dropping paragraphs only takes such
    evidence away, so a paragraph ``pull_quote`` kept once it keeps in every later round.
    (Except past PULL_QUOTE_SEARCH_LIMIT, where a shrinking document could start the
    whole-document search: such documents, and every other rule, run every round.)
    A fast path: the reference path asks every rule every round.
    """
    # Normalising can at most triple a text's length (case folding "ﬃ" gives "ffi").
    return rule is pull_quote and 3 * sum(len(p) + 1 for _, p in paragraphs) <= PULL_QUOTE_SEARCH_LIMIT


def may_drop_any(rule: Any, document: Document) -> bool:
    """False only when *rule* drops no paragraph of *document* (True when unsure).

    Asked once per round of context rules, so that most documents skip the rules that
    cannot fire on them instead of asking each paragraph: no paragraph holds the start of a
    template marker, no list of links was found, no headline can be injected (see
    _may_hold_injected_headline), no paragraph can be a pull quote (see
    _may_hold_pull_quote). A fast path: the reference path asks every rule about every
    paragraph.
    """
    if rule is pull_quote:
        return _may_hold_pull_quote(document)
    if rule is template_marker:
        # Every opening the test looks for in a paragraph is in the joined text too; where
        # one is, the paragraphs are asked in a row (a "[" alone is in a quarter of pages).
        return _may_hold_template_marker(document.joined) and any(map(is_template_only, document.paragraphs))
    if rule is link_list:
        return bool(document.link_list_items)
    if rule is injected_headline:
        return _may_hold_injected_headline(document)
    return True


def _may_hold_pull_quote(document: Document) -> bool:
    """False only when ``pull_quote``'s pre-checks rule out every paragraph of *document*.

    The title is never a pull quote. Any other paragraph passes the first pre-check
    (:meth:`Document.may_repeat`) only when its first sentence occurs twice among the
    sentences of the document, squeezed: where no sentence does, one look at their counts
    rules out every paragraph at once (two thirds of the news corpus's documents). What
    is left is the second pre-check, for the paragraphs that open with a quotation mark.
    """
    if len(document.paragraphs) < 2:
        return False  # a one-paragraph text is its own title (and is never squeezed)
    squeezed = document._squeezed_any_size
    if squeezed is None or squeezed.may_repeat_any:
        return True
    return any(
        paragraph[:1] in QUOTE_OPENERS and document.may_quote_elsewhere(paragraph)
        for paragraph in document.paragraphs[1:]
    )


# --- span rules ----------------------------------------------------------------------------


def glued_template_marker(paragraph: str) -> list[Cut]:
    """Cut template markers glued to prose (``{{#rendered}}The minister said…``).

    Left alone: a paragraph that talks about templates or code (a tutorial sentence naming
    ``{{ name }}`` or Jinja's ``{# … #}``, a shell example with ``${HOME}``), and a marker
    quoted or inside backticks (a news story reporting that a page showed
    “{{ article.title }}”).

    >>> glued_template_marker("{{#rendered}}The minister said no.")
    [Cut(start=0, end=13, reason='unrendered template marker')]
    >>> glued_template_marker("In Jinja, write {{ name }} to print a variable.")
    []
    >>> glued_template_marker("The page showed “{{ article.title }}” all morning.")
    []

    A marker around a marker (``{{ {{x}} }}``) closes up once the inner one is cut; it is
    cut in the same call, so that what is left holds nothing more to cut:

    >>> glued_template_marker("Text{{ {{x}} }} here.")
    [Cut(start=4, end=15, reason='unrendered template marker')]
    """
    cuts = _template_marker_cuts(paragraph)
    for _ in range(MAX_MARKER_NESTING if len(paragraph) <= NESTED_MARKER_SEARCH_LIMIT else 0):
        if not cuts:
            break
        rest, pieces = _cut_and_map(paragraph, cuts)
        closed_up = _template_marker_cuts(rest)
        if not closed_up:
            break
        # A marker starts and ends with a bracket, never with a space a seam added, so
        # both its ends lie in pieces of the paragraph.
        cuts = _merge(
            cuts
            + [Cut(_origin(pieces, c.start), _origin(pieces, c.end - 1) + 1, c.reason) for c in closed_up]
        )
    return cuts


# Markers nested deeper than this inside one another (never seen in scraped text) take
# more than one call; with the pipeline's rounds of cuts, clean() removes 54 levels at
# once. Each level is a search of the whole paragraph, so past the limit (a huge line,
# maybe of nothing but braces) a call cuts one level, the pipeline's rounds six.
MAX_MARKER_NESTING = 8
NESTED_MARKER_SEARCH_LIMIT = 10_000


def _template_marker_cuts(paragraph: str) -> list[Cut]:
    """The template markers glued_template_marker cuts, one level of nesting."""
    if not _may_hold_template_marker(paragraph) or is_template_only(paragraph):
        return []
    if _fastpath.ENABLED and not TEMPLATE_MARKER.search(paragraph):
        return []  # no marker to cut: a bracket or a brace of prose (the talk searches cost more)
    if TEMPLATE_TALK.search(paragraph) or CODE_TALK.search(paragraph):
        return []
    ticks = [i for i, c in enumerate(paragraph) if c == "`"] if "`" in paragraph else []
    return [
        Cut(m.start(), m.end(), "unrendered template marker")
        for m in TEMPLATE_MARKER.finditer(paragraph)
        if not _is_quoted(paragraph, m.start(), m.end()) and bisect.bisect(ticks, m.start()) % 2 == 0
    ]


def _is_quoted(paragraph: str, start: int, end: int) -> bool:
    # Look only at the few characters around the marker: this runs once per marker, and
    # slicing the whole paragraph each time would be quadratic on a huge line.
    before = paragraph[max(0, start - 8) : start].rstrip()[-1:]
    after = paragraph[end : end + 8].lstrip()[:1]
    return bool(before and after and before in "\"'“‘«`" and after in "\"'”’»`")


# The Hill's hover cards: the display name, then the full name glued to a string of the
# person's other headlines, closed by "MORE": "Sen. Rand Paul Randal (Rand) Howard
# PaulSenate GOP waves Trump off … MORE (Ky.)".
HOVER_CARD = _LazyRegex(
    r"""\b(?P<surname>\p{Lu}[\p{Ll}'’]*(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?)\s?
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
SPACED_HOVER_CARD = _LazyRegex(
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


# A run of at least eight capitalised words inside a mixed-case paragraph: another story's
# headline pasted into the text.
CAPS_WORD = r"[\p{Lu}\d$#%&][\p{Lu}\d'’.,:;$%&?!-]*"
GLUED_HEADLINE = _LazyRegex(
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
        if _inside_quotes(paragraph, m.start()) or m.group().endswith("."):
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
    if not _fastpath.ENABLED:
        return True
    data = paragraph.encode("utf-8", "surrogatepass").translate(_SMALL_LETTERS_AS_A)
    return _CAPS_RUN in data


def _inside_quotes(paragraph: str, position: int) -> bool:
    before = paragraph[:position]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly


# A sentence ends at . ! ? … (and closing quotes) before a space and a capital, a digit or
# a quote mark, unless the word before the point is an abbreviation or an initial.
SENTENCE_BREAK = _LazyRegex(
    r"(?<=[.!?…][\"'”’)\]*]*|[”»])\s+(?=[\p{Lu}\d\"'“‘(\[*#•-])|(?<=[.!?…][\"'”’]*)(?=\()"
)
ABBREVIATION = _LazyRegex(
    r"(?i:\b(?:mr|mrs|ms|dr|prof|sen|rep|reps|gov|gen|lt|col|capt|sgt|st|jr|sr|rev|hon|pres|sens|"
    r"u\.s|u\.k|u\.n|a\.m|p\.m|no|nos|vs|v|etc|inc|co|corp|ltd|llc|dept|jan|feb|mar|apr|aug|sept|sep|"
    r"oct|nov|dec|fig|e\.g|i\.e|ft|mt|ave|blvd|approx)\.|\b\p{Lu}\.)$"
)


# SENTENCE_BREAK with its look-behinds turned into the start of the match, the spaces (or
# the empty string before "(") captured, and its look-ahead left to _starts_sentence: a
# pattern for ``re``, starting with one class of characters (the stops and closing quotes)
# so that ``re`` skips to them. ``[^\S\x1c-\x1f]`` is ``regex``'s ``\s`` (``re`` also
# counts the four information separators as spaces). Both find the same breaks
# (tests/test_fast_path.py): the spaces are taken to their end, where the look-ahead
# looks, and a candidate the look-ahead refuses hides no break, since every candidate
# starting inside it ends at the same character.
_SENTENCE_BREAK_CANDIDATE = re.compile(
    r"[.!?…”»](?:(?:(?<=[.!?…])[\"'”’)\]*]*)?([^\S\x1c-\x1f]+)|(?<=[.!?…])[\"'”’]*()(?=\())"
)
# SENTENCE_BREAK's look-ahead admits these marks, capitals and digits. ASCII capitals and
# digits are told by str methods; beyond ASCII the regex module answers (its Unicode
# tables are newer than unicodedata's).
_SENTENCE_START_MARKS = "\"'“‘([*#•-"
SENTENCE_START = _LazyRegex(r"[\p{Lu}\d]")


def _starts_sentence(char: str) -> bool:
    """True when SENTENCE_BREAK's look-ahead admits *char* (one character, or "" at the end)."""
    if char.isascii():
        return char.isupper() or char.isdigit() or (char != "" and char in _SENTENCE_START_MARKS)
    return char in _SENTENCE_START_MARKS or SENTENCE_START.fullmatch(char) is not None


def _sentence_breaks(paragraph: str) -> list[tuple[int, int]]:
    """The spans of SENTENCE_BREAK's matches in *paragraph*, in order."""
    if not _fastpath.ENABLED:
        return [m.span() for m in SENTENCE_BREAK.finditer(paragraph)]
    breaks = []
    for m in _SENTENCE_BREAK_CANDIDATE.finditer(paragraph):
        start, end = m.span(1)
        if start == -1:
            breaks.append(m.span(2))  # before "(": no look-ahead to ask
        elif _starts_sentence(paragraph[end : end + 1]):
            breaks.append((start, end))
    return breaks


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Split *paragraph* into sentences, as (start, end) offsets covering all of it.

    >>> p = "Sen. Ann Lee spoke at 9 a.m. ET on Monday. She left. Watch here."
    >>> [p[a:b] for a, b in sentence_spans(p)]
    ['Sen. Ann Lee spoke at 9 a.m. ET on Monday. ', 'She left. ', 'Watch here.']
    """
    spans = []
    start = 0
    for at, end in _sentence_breaks(paragraph):
        # Every ABBREVIATION ends with a full stop, so only a break right after one can
        # follow an abbreviation (a fast path: the reference path always asks).
        if (paragraph[at - 1 : at] == "." or not _fastpath.ENABLED) and ABBREVIATION.search(
            paragraph, max(start, at - 12), at
        ):
            continue
        spans.append((start, end))
        start = end
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


GLUED_PROMO_HINT = re.compile(
    r"(?i)click|sign up|subscribe|watch|inbox|download|follow|read more|here[.!]|related|photos?\b|"
    r"video|copyright|©|all rights|lesen sie|lire aussi|lee también|graphic:"
)


@functools.cache
def _folded_promo_hint() -> re.Pattern[str]:
    """GLUED_PROMO_HINT's phrases, all in lower case, to search case-sensitively in
    case-folded text: then ``re`` skips to their first letters instead of trying every
    phrase at every position. (Compiled on first use, not at start-up.)"""
    return re.compile(GLUED_PROMO_HINT.pattern.removeprefix("(?i)"))


def _has_promo_hint(paragraph: str) -> bool:
    """``GLUED_PROMO_HINT.search(paragraph)``, the fast path asking the literal scan first."""
    if not _fastpath.ENABLED:
        return GLUED_PROMO_HINT.search(paragraph) is not None
    if not _fastpath.may_match(GLUED_PROMO_HINT, paragraph):
        return False
    return _folded_promo_hint().search(_fastpath.fold_case(paragraph)) is not None


# Page furniture glued to the start of a paragraph ("Story highlights The minister …") or a
# photo credit glued to its end ("… the vote. | Jo Doe/AP Photo").
LEADING_LABEL = _LazyRegex(
    r"(?:(?-i:CLOSE)\s+)?(?i:story highlights|key points|highlights)\b[:\s]*(?=\S)|(?-i:CLOSE)\s+(?=\p{Lu})"
)
# The same label after a photo caption's credit, inside the paragraph:
# "… (Photo: Jo Doe, AFP) Story Highlights The talks …".
LABEL_INITIALS = frozenset("CcSsKkHh\u017f\u212a")
INNER_LABEL = _LazyRegex(r"(?<=[.)”\"]\s)(?i:story highlights)\s+(?=\p{Lu})")
TRAILING_CREDIT = re.compile(
    r"\s+\|\s+[^|]{0,60}?(?:/|\b)"
    r"(?:AP|AFP|Getty Images|Reuters|EPA|Bloomberg|AP Photos?|Shutterstock)\b[^|]{0,60}$"
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
    edges = _glued_furniture(paragraph)
    if not _has_promo_hint(paragraph):
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
    cuts = _merge(cuts)
    if cuts and cuts[0].start <= spans[0][0] and cuts[-1].end >= spans[last][1] and len(cuts) == 1:
        return edges  # the whole paragraph is junk: a line rule's job, not a cut
    return _merge(cuts + edges)


def _glued_furniture(paragraph: str) -> list[Cut]:
    cuts = []
    # LEADING_LABEL starts with "CLOSE" or one of its labels, ignoring case (ſ and the
    # Kelvin sign K match s and k, ignoring case).
    lead = LEADING_LABEL.match(paragraph) if paragraph[:1] in LABEL_INITIALS else None
    if lead:
        cuts.append(Cut(lead.start(), lead.end(), "page furniture glued to the text"))
    elif "ighlights" in paragraph:
        cuts += [
            Cut(m.start(), m.end(), "page furniture glued to the text")
            for m in INNER_LABEL.finditer(paragraph)
        ]
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
    """True when *sentence* (a part of *paragraph*) is a line some STANDALONE_JUNK rule drops."""
    if not may_match_phrases(sentence, STANDALONE_JUNK, paragraph):
        return False
    return any(_phrase_rule(rule, sentence, paragraph) for rule in STANDALONE_JUNK)


def _merge(cuts: list[Cut]) -> list[Cut]:
    merged: list[Cut] = []
    for cut in sorted(cuts):
        if merged and cut.start <= merged[-1].end:
            last = merged.pop()
            cut = Cut(last.start, max(last.end, cut.end), last.reason)
        merged.append(cut)
    return merged


def apply_cuts(paragraph: str, cuts: Sequence[Cut]) -> str:
    """Remove *cuts* from *paragraph* and tidy the seam: one space, none before punctuation.

    >>> apply_cuts("Sen. Lee [card] (Ore.) said .", [Cut(9, 16, "x")])
    'Sen. Lee (Ore.) said .'
    >>> apply_cuts("Hillary Clinton XYZ.", [Cut(16, 19, "x")])
    'Hillary Clinton.'
    """
    return _cut_and_map(paragraph, cuts, mapped=False)[0]


def _cut_and_map(
    paragraph: str, cuts: Sequence[Cut], mapped: bool = True
) -> tuple[str, list[tuple[int, int]]]:
    """``apply_cuts(paragraph, cuts)``, and (when *mapped*) where each of its pieces starts:
    in the result, and in *paragraph* (see _origin)."""
    pieces = []
    position = 0
    for cut in _merge(sorted(cuts)):
        if cut.start < position:
            continue
        pieces.append((position, paragraph[position : cut.start]))
        position = cut.end
    pieces.append((position, paragraph[position:]))
    # Join piece by piece without re-reading what is already joined: a 20 MB line with
    # thousands of cuts must stay linear.
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    length = 0
    for at, piece in pieces:
        kept = piece.strip()
        if not kept:
            continue
        if parts and not (kept[0] in ".,;:!?’'”)]" or unicodedata.category(kept[0]) == "Pe"):
            parts.append(" ")
            length += 1
        if mapped:
            starts.append((length, at + len(piece) - len(piece.lstrip())))
        parts.append(kept)
        length += len(kept)
    return "".join(parts), starts


def _origin(starts: list[tuple[int, int]], position: int) -> int:
    """Where the character at *position* of a ``_cut_and_map`` result was in the paragraph."""
    at, origin = starts[bisect.bisect_right(starts, position, key=lambda start: start[0]) - 1]
    return origin + position - at
