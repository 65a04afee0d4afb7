"""Pull quotes: a sentence of the article printed again in large type, often in quotation
marks with an attribution; the scraper keeps both copies.

A paragraph is a pull quote when its sentences are all sentences of a longer paragraph,
or when it is a quotation repeated inside a longer one. Identical paragraphs (a refrain)
and the title stay.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from itertools import islice

from cleanse import _speed
from cleanse.rules.document import Document
from cleanse.rules.text import (
    _ASCII_WORD_BYTES,
    QUOTE_OPENERS,
    bullet,
    is_shouting,
    normalise,
    normalise_sentence,
    sentence_keys,
    without_typography,
    words_of,
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


def _squeeze_sentences(texts: Sequence[str], joined: str | None = None) -> str | None:
    """Each text's words, case-folded, with nothing between them (``normalise`` without
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
    joined = without_typography(_SENTENCE_END_AT_FULL_STOP.sub("\r", stops))
    others: dict[int, str] = {}
    if not joined.isascii():
        lines = joined.split("\n")
        others = {
            i: "\r".join("".join(words_of(sentence)) for sentence in line.split("\r"))
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


# SENTENCE_END starting at its full stop rather than after it: a pattern that starts with
# a class of characters, which ``re`` looks for in a tight loop (several times faster
# than trying the look-behind at every position). Both find the same first sentence end.
_SENTENCE_END_FROM_STOP = re.compile(r"[.!?…][\"'”’)\]]*\s+")


def _first_sentence(paragraph: str) -> str:
    """The normalised first sentence of *paragraph* (pull quotes ask once per paragraph)."""
    end = _SENTENCE_END_FROM_STOP.search(paragraph)
    return normalise(paragraph[: end.start() + 1] if end else paragraph)


def _line_starts(lines: Sequence[str]) -> list[int]:
    """Where each of *lines* starts in ``"\\n".join(lines)``."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return starts


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


def _may_take_part(paragraph: str) -> bool:
    """True when *paragraph* has PULL_QUOTE_MIN_WORDS words or more: a pull quote, or the
    longer paragraph it repeats, has (see pull_quote)."""
    words = PULL_QUOTE_MIN_WORDS
    return len(paragraph) >= 2 * words - 1 and len(paragraph.split(None, words - 1)) >= words


# A long document's paragraphs are squeezed this many characters at a time: squeezing
# copies its text several times over, and the copies stay this small.
SQUEEZE_CHUNK = 1 << 16


class _LongSentences:
    """The repeated sentences of a long document, kept as hashes: the evidence of its pull
    quotes in memory that grows with its distinct sentences, not with its text.

    Only paragraphs of PULL_QUOTE_MIN_WORDS words or more are read: a pull quote has that
    many, and so has the longer paragraph it repeats. A hash two sentences share can only
    make a pre-check pass, never fail.
    """

    def __init__(self, repeated: set[int], has_empty: bool, paragraphs: list[str]) -> None:
        self.repeated = repeated  # hashes of the squeezed sentences found twice or more
        self.may_repeat_any = has_empty or bool(repeated)
        self._paragraphs = paragraphs  # those that take part

    @classmethod
    def count(cls, paragraphs: Sequence[str]) -> _LongSentences | None:
        """Count the squeezed sentences of *paragraphs* (None when one holds a line break)."""
        taking_part = [p for p in paragraphs if _may_take_part(p)]
        seen: set[int] = set()
        repeated: set[int] = set()
        has_empty = False
        for marked in map(_squeeze_sentences, _speed.runs(taking_part, SQUEEZE_CHUNK)):
            if marked is None:
                return None
            for sentence in marked.replace("\n", "\r").split("\r"):
                key = hash(sentence)
                if key in seen:
                    repeated.add(key)
                else:
                    seen.add(key)
                has_empty = has_empty or not sentence
        return cls(repeated, has_empty, taking_part)

    def may_repeat(self, paragraph: str) -> bool:
        """False only when the first sentence of *paragraph*, which takes part, is in no
        other paragraph (see PullQuoteEvidence.may_repeat)."""
        if not _may_take_part(paragraph):
            return True
        marked = _squeeze_sentences([paragraph])
        key = "" if marked is None else marked.partition("\r")[0]
        return not key or hash(key) in self.repeated

    def owned_by_longer(self, sentence: str, size: int) -> bool:
        """True when the normalised *sentence*, a sentence of a paragraph of *size* words
        (the one asking, of at least PULL_QUOTE_MIN_WORDS words), is also a sentence of a
        paragraph of more than *size* words."""
        if hash(sentence.replace(" ", "")) not in self.repeated:
            return False  # in one paragraph at most: the one asking
        owners = self._owners
        return owners.get(hash(sentence), 0) > size

    @cached_property
    def _owners(self) -> dict[int, int]:
        """Each repeated normalised sentence's hash, and the word count of the longest
        paragraph holding it."""
        owners: dict[int, int] = {}
        repeated = self.repeated
        for p in self._paragraphs:
            size = len(p.split())
            for key in sentence_keys(p):
                if key and hash(key.replace(" ", "")) in repeated:
                    at = hash(key)
                    if owners.get(at, 0) < size:
                        owners[at] = size
        return owners


class PullQuoteEvidence:
    """The repeated text of a document, read once per round: what pull quotes are made of.

    The full question (is this sentence a sentence of a longer paragraph?) splits and
    normalises every sentence of the page; the pre-checks here answer it for most
    paragraphs with a few string searches of the page's words squeezed together.
    """

    def __init__(self, document: Document) -> None:
        self.paragraphs = document.paragraphs
        self._document = document  # its joined text is read for a small document only

    @cached_property
    def _normalised_paragraphs(self) -> list[str]:
        return [normalise(p) for p in self.paragraphs]

    @cached_property
    def _normalised(self) -> tuple[str, dict[str, int]]:
        texts = self._normalised_paragraphs
        counts: dict[str, int] = {}
        for t in texts:
            counts[t] = counts.get(t, 0) + 1
        return "\n".join(texts), counts

    def repeats_elsewhere(self, normalised: str, paragraph: str) -> bool:
        """True when *normalised* (taken from *paragraph*) occurs inside another, longer paragraph.

        Only for documents of at most PULL_QUOTE_SEARCH_LIMIT characters.
        """
        # One copy is the paragraph's own: unless there are two, no other paragraph holds it.
        if self._document.size > PULL_QUOTE_SEARCH_LIMIT:
            return False
        squeezed = self._squeezed
        if squeezed is not None:
            if squeezed.document.count(normalised.replace(" ", "")) < 2:
                return False
        elif not self.is_large and len(self._words) <= SMALL_DOCUMENT and self._words.count(normalised) < 2:
            return False
        joined, counts = self._normalised
        own = normalise_sentence(paragraph)
        copies = counts.get(normalised, 0) + (counts.get(own, 0) if own != normalised else 0)
        return joined.count(normalised) > copies

    def may_quote_elsewhere(self, paragraph: str) -> bool:
        """False only when :meth:`repeats_elsewhere` is False for the quotation *paragraph* holds.

        The quotation is the paragraph without its attribution, so it holds at least the
        words before the paragraph's first dash, or before a name printed after the closing
        quote mark: unless those occur twice in the squeezed document, the quotation cannot
        (and without either, they are the paragraph's own squeezed line). Most quotations
        have neither, and are asked with no normalising.
        """
        squeezed = self._squeezed
        if squeezed is None or paragraph not in squeezed.lines:
            return True
        dash = min((at for at in map(paragraph.find, _ATTRIBUTION_DASHES) if at != -1), default=-1)
        if dash == -1:
            named = _NAMED_ATTRIBUTION.search(paragraph)
            dash = -1 if named is None else named.start() + 1  # after the quote mark
        if dash == -1:
            before = squeezed.lines[paragraph].replace("\r", "")
        else:
            before = "".join(words_of(paragraph[:dash]))
        return squeezed.document.count(before) >= 2

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

        Past SMALL_DOCUMENT only the sentences of paragraphs that may be a pull quote or
        hold one (PULL_QUOTE_MIN_WORDS words or more) are counted, as hashes: a shorter
        *paragraph* always passes.
        """
        if self.is_large:
            counts = self._long_sentences
            if counts is not None:
                return counts.may_repeat(paragraph)
        else:
            squeezed = self.squeezed_any_size
            if squeezed is not None and paragraph in squeezed.lines:
                key = squeezed.lines[paragraph].partition("\r")[0]
                return not key or squeezed.sentences[key] >= 2
        key = _first_sentence(paragraph)
        if not key:
            return True
        if not self.is_large and len(self._words) <= SMALL_DOCUMENT:
            return self._words.count(key) >= 2
        counts_of_words = self._word_counts
        return all(counts_of_words.get(word, 0) >= 2 for word in key.split(" "))

    def may_repeat_any(self) -> bool:
        """False only when :meth:`may_repeat` is False for every paragraph but the title
        that has PULL_QUOTE_MIN_WORDS words or more."""
        if self.is_large:
            counts = self._long_sentences
            return counts is None or counts.may_repeat_any
        squeezed = self.squeezed_any_size
        return squeezed is None or squeezed.may_repeat_any

    @cached_property
    def is_large(self) -> bool:
        """True past SMALL_DOCUMENT characters: searching the document once per paragraph
        would cost too much, and the evidence is kept as counts and hashes (see _LongSentences)."""
        return self._document.size > SMALL_DOCUMENT

    @cached_property
    def _long_sentences(self) -> _LongSentences | None:
        return _LongSentences.count(self.paragraphs)

    @cached_property
    def _squeezed(self) -> _Squeezed | None:
        """The paragraphs squeezed (see _squeeze_sentences) for the pull-quote searches, or None.

        Squeezing does what normalising does for these searches, without splitting the
        text into words, which is what normalising costs. Text that occurs twice among the
        normalised paragraphs still occurs twice once the spaces between words are
        deleted, and a sentence of a paragraph is still inside it; the searches may find
        more there (words run together), which only sends more paragraphs to the full
        check. Only for documents of at most SMALL_DOCUMENT characters (see :attr:`is_large`):
        they are searched once per paragraph.
        """
        return None if self.is_large else self.squeezed_any_size

    @cached_property
    def squeezed_any_size(self) -> _Squeezed | None:
        """The paragraphs squeezed (None when a paragraph holds a line break): what
        :meth:`may_repeat` counts the sentences of a small document in, and what the
        searches read (see _squeezed)."""
        paragraphs = self.paragraphs
        marked = _squeeze_sentences(paragraphs, self._document.joined)
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
        sentence's words is split. In a long document (:attr:`is_large`), for a sentence of
        the paragraph asking, of *size* words (the only question pull_quote asks).
        """
        if not sentence:
            return False  # the index holds no empty sentence
        if "\n" in sentence:
            return self.sentence_owners.get(sentence, 0) > size
        # Only the paragraphs whose text holds the sentence, found by a string search of
        # all of them joined, one line each: squeezed, or else normalised.
        squeezed = self._squeezed
        if squeezed is not None:
            joined, starts, needle = squeezed.document, self._squeezed_starts, sentence.replace(" ", "")
        elif not self.is_large and len(self._words) <= SMALL_DOCUMENT:
            joined, starts, needle = self._normalised[0], self._normalised_starts, sentence
        else:
            # A long document: one index of the sentences costs less than a scan per question.
            counts = self._long_sentences
            if counts is not None and size >= PULL_QUOTE_MIN_WORDS:
                return counts.owned_by_longer(sentence, size)
            return self.sentence_owners.get(sentence, 0) > size
        at = joined.find(needle)
        while at != -1:
            i = bisect.bisect_right(starts, at) - 1
            longer = len(self.paragraphs[i].split(None, size)) > size  # more than *size* words
            if longer and sentence in sentence_keys(self.paragraphs[i]):
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
            for key in sentence_keys(p):
                if key and owners.get(key, 0) < size:
                    owners[key] = size
        return owners


PULL_QUOTE_MIN_WORDS = 6


# "…” — Name, title" or "…” Name Surname, title": the attribution printed under a pull
# quote, after a dash or straight after the closing quote mark ("…,” Jo Doe said on
# Monday." is a sentence of reported speech, no attribution).
_NAMED = (
    r"(?<=[\"”’'])\s+(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})"
    r"(?:,(?!.*\b(?:said|says|told|wrote|writes|added|asked|tweeted|posted|according)\b).{0,100})?$"
)
ATTRIBUTION = re.compile(r"(?<=[\"”’'.!?])\s*(?:[—–]|--?)\s*\S.{0,120}$|" + _NAMED)
# The second kind alone, for the pre-check, from its closing quote mark: a pattern that
# starts with a class of characters, which ``re`` looks for in a tight loop.
_NAMED_ATTRIBUTION = re.compile(r"[\"”’']" + _NAMED.removeprefix(r"(?<=[\"”’'])"))
_ATTRIBUTION_DASHES = ("—", "–", "-")  # the first kind starts with one of them
# Above this much text, searching each candidate in the whole document costs too much;
# sentence-by-sentence matching still runs.
PULL_QUOTE_SEARCH_LIMIT = 300_000
# Up to this many characters, the pull-quote pre-checks search the document once per
# paragraph; past it they read hashes of the sentences counted once a round (linear in
# time, and in memory with the distinct sentences; see _LongSentences).
SMALL_DOCUMENT = 20_000


def pull_quote(paragraph: str, document: Document) -> str | None:
    """Drop a pull quote: a paragraph whose sentences are all repeated in a longer paragraph,
    or a quotation (with or without "— Name") repeated anywhere inside a longer one.

    Magazines lift a striking sentence out of the text and print it again in large type,
    often in quotation marks with an attribution; the scraper keeps both.
    Identical paragraphs are left alone (a refrain in a poem), and so is the title.

    >>> text = "The plan, she said, would cost far less than the old pier did."
    >>> doc = Document(["Title", "Mayor Ann Lee spoke. " + text + " Then she left.", text])
    >>> pull_quote(text, doc)
    'pull quote repeating the article'
    """
    if document.paragraphs[0] == paragraph:
        return None  # the title (and the whole of a one-paragraph text: nothing to repeat)
    # Six words or more: splitting off the first six tells, without listing every word.
    if not _may_take_part(paragraph):
        return None
    page = document.fact(PullQuoteEvidence)
    # Most paragraphs fail both pre-checks, and then nothing below can drop them: only the
    # two branches they guard drop.
    may_repeat = page.may_repeat(paragraph)
    if not (may_repeat or (paragraph[:1] in QUOTE_OPENERS and page.may_quote_elsewhere(paragraph))):
        return None
    if is_shouting(paragraph) or bullet(paragraph):
        return None  # a subhead or a teaser repeating its section's text is the page's own outline
    if may_repeat:
        size = len(paragraph.split())
        sentences = [s for s in sentence_keys(paragraph) if s]
        if sentences and all(page.owned_by_longer(s, size) for s in sentences):
            return "pull quote repeating the article"
    if paragraph[0] not in QUOTE_OPENERS:
        return None
    # A quotation printed apart, maybe with its attribution: repeated anywhere inside a
    # longer paragraph, even without its sentence boundaries.
    if not page.may_quote_elsewhere(paragraph):
        return None
    body = normalise_sentence(ATTRIBUTION.sub("", paragraph))
    if len(body.split()) >= PULL_QUOTE_MIN_WORDS and page.repeats_elsewhere(body, paragraph):
        return "pull quote repeating the article"
    return None


def only_loses_evidence(document: Document) -> bool:
    """True when ``pull_quote``, having run on *document*, cannot drop anything from a part of it.

    A pull quote needs a longer paragraph repeating its sentences; dropping paragraphs
    only takes such evidence away, so a paragraph kept once is kept in every later round.
    Except past PULL_QUOTE_SEARCH_LIMIT, where a shrinking document could start the
    whole-document search: such documents are asked every round.
    """
    return document.size <= PULL_QUOTE_SEARCH_LIMIT


def may_fire(document: Document) -> bool:
    """False only when ``pull_quote``'s pre-checks rule out every paragraph of *document*.

    The title is never a pull quote. Any other paragraph passes the first pre-check
    (:meth:`PullQuoteEvidence.may_repeat`) only when its first sentence occurs twice among
    the sentences of the document, squeezed: where no sentence does, one look at their
    counts rules out every paragraph at once (most documents). What is left is the second
    pre-check, for the paragraphs that open with a quotation mark.
    """
    if len(document.paragraphs) < 2:
        return False  # a one-paragraph text is its own title (and is never squeezed)
    page = document.fact(PullQuoteEvidence)
    if page.may_repeat_any():
        return True
    return any(
        paragraph[:1] in QUOTE_OPENERS and page.may_quote_elsewhere(paragraph)
        for paragraph in islice(document.paragraphs, 1, None)
    )
