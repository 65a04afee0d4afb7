"""What several rules need to know about a stretch of text: its words, its sentences,
its letter case, its quotation marks.

One implementation each, written for speed where every paragraph asks (counting cases
and words with byte translations in C); ``tests/test_rules_text.py`` checks each against
its plain definition.
"""

from __future__ import annotations

import re

from cleanse import _speed
from cleanse._speed import LazyRegex
from cleanse.patterns import word_alternation

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
WORD = re.compile(r"\w+")
# For ASCII text the same words in C: \w is [A-Za-z0-9_], casefold() is lower().
_ASCII_WORD_BYTES = (
    bytes(
        (c | 0x20 if chr(c).isalpha() else c) if chr(c).isalnum() or c == 0x5F else 0x20 for c in range(128)
    )
    + b" " * 128
)


# Punctuation of everyday prose outside ASCII. None of it is a word character, so
# replacing it with spaces leaves the words as they were, and often leaves ASCII.
_TYPOGRAPHY = tuple(_speed.EVERYDAY_TYPOGRAPHY)


def normalise(text: str) -> str:
    """The words of *text*, case-folded, one space apart: how repeated text is compared.

    >>> normalise("“No,” he SAID — twice.")
    'no he said twice'
    """
    return " ".join(words_of(text))


# Every round of context rules asks again about the same sentences. (Whole paragraphs and
# first sentences are asked about once per document: they call normalise itself, and
# would only push the sentences out of the memo.)
normalise_sentence = _speed.memoize(normalise)


def without_typography(text: str) -> str:
    """*text* with the everyday typography of _TYPOGRAPHY replaced by spaces."""
    if not text.isascii():
        for mark in _TYPOGRAPHY:
            if mark in text:
                text = text.replace(mark, " ")
    return text


def words_of(text: str) -> list[str]:
    """``WORD.findall(text.casefold())``, in C for text that is ASCII but for everyday typography."""
    if not text.isascii():
        text = without_typography(text)  # uncased, so replacing before case folding changes nothing
        if not text.isascii():
            return WORD.findall(text.casefold())
    # ASCII: the table lower-cases the letters, which is all that case folding does here.
    return text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split()


@_speed.memoize
def sentence_keys(paragraph: str) -> tuple[str, ...]:
    """The normalised sentences of *paragraph*, as repeated sentences are compared."""
    return tuple(map(normalise_sentence, SENTENCE_END.split(paragraph)))


QUOTE_OPENERS = "\"'“‘«„‹「『"
QUOTE_CLOSERS = "\"'”’»›」』"


@_speed.memoize
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
    if _too_many_small_letters(paragraph):
        return False
    upper, lower = case_counts(paragraph)
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
_UNCASED_TYPOGRAPHY = frozenset(_speed.EVERYDAY_TYPOGRAPHY)


def case_counts(text: str) -> tuple[int, int]:
    """Count the capitals and the small letters of *text*, any script.

    Asked of many paragraphs: the ASCII letters are counted in C (in ASCII only A-Z are
    capitals and a-z small letters), ``str.isupper`` and ``str.islower`` asked only about
    the other characters.

    >>> case_counts("NATO met in Brüssel, ΑΘΗΝΑ")
    (10, 11)
    """
    if text.isascii():
        others = ""
        cases = text.encode("ascii").translate(_ASCII_CASES)
    else:
        encoded = text.encode("utf-8", "surrogatepass")
        others = encoded.translate(None, _speed.ASCII_BYTES).decode("utf-8", "surrogatepass")
        cases = encoded.translate(_ASCII_CASES)  # bytes beyond ASCII become "."
    upper, lower = cases.count(b"U"), cases.count(b"l")
    if others and not _UNCASED_TYPOGRAPHY.issuperset(others):
        for c in others:
            if c.isupper():
                upper += 1
            elif c.islower():
                lower += 1
    return upper, lower


def is_quotation(paragraph: str) -> bool:
    """True for a quotation standing alone: it opens with a quote mark and ends with one,
    maybe followed by an attribution ("… ” — Name"). A headline that only *starts* with a
    quoted phrase ("'COUP HAS STARTED,' LAWYER SAID") is not one."""
    if paragraph[0] not in QUOTE_OPENERS:
        return False
    body = re.split(r"\s[—–-]\s", paragraph, maxsplit=1)[0].rstrip(".,!? ")
    return len(body) > 1 and body[-1] in QUOTE_CLOSERS


def has_spaced_dash(text: str) -> bool:
    """``" - " in text or " – " in text``: a hyphen or an en dash with a space on each side.

    Each dash is found alone (a single character is searched for like a byte) and its
    neighbours looked at: a three-character needle that ends with a space would stop at
    every space of the text.

    >>> has_spaced_dash("Senate passes budget – NYT"), has_spaced_dash("well-known")
    (True, False)
    """
    for dash in "-–":
        at = text.find(dash, 1)
        while at != -1:
            if text[at - 1] == " " and text[at + 1 : at + 2] == " ":
                return True
            at = text.find(dash, at + 1)
    return False


def bullet(paragraph: str) -> str:
    """The list bullet *paragraph* starts with, or ""."""
    return paragraph[0] if paragraph[0] in "-–—•*·" else ""


def inside_quotes(paragraph: str, position: int) -> bool:
    """True when *position* of *paragraph* lies inside an open straight or curly quotation."""
    before = paragraph[:position]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly


# A sentence ends at . ! ? … (and closing quotes) before a space and a capital, a digit or
# a quote mark, unless the word before the point is an abbreviation or an initial.
SENTENCE_BREAK = LazyRegex(
    r"(?<=[.!?…][\"'”’)\]*]*|[”»])\s+(?=[\p{Lu}\d\"'“‘(\[*#•-])|(?<=[.!?…][\"'”’]*)(?=\()"
)
# The abbreviations are a word list (cleanse/patterns/words/abbreviation.txt).
ABBREVIATION = LazyRegex(rf"(?i:\b{word_alternation('abbreviation')}\.|\b\p{{Lu}}\.)$")


# SENTENCE_BREAK with its look-behinds turned into the start of the match, the spaces (or
# the empty string before "(") captured, and its look-ahead left to _starts_sentence: a
# pattern for ``re``, starting with one class of characters (the stops and closing quotes)
# so that ``re`` skips to them. ``[^\S\x1c-\x1f]`` is ``regex``'s ``\s`` (``re`` also
# counts the four information separators as spaces). Both find the same breaks
# (tests/test_rules_text.py): the spaces are taken to their end, where the look-ahead
# looks, and a candidate the look-ahead refuses hides no break, since every candidate
# starting inside it ends at the same character.
_SENTENCE_BREAK_CANDIDATE = re.compile(
    r"[.!?…”»](?:(?:(?<=[.!?…])[\"'”’)\]*]*)?([^\S\x1c-\x1f]+)|(?<=[.!?…])[\"'”’]*()(?=\())"
)
# SENTENCE_BREAK's look-ahead admits these marks, capitals and digits. ASCII capitals and
# digits are told by str methods; beyond ASCII the regex module answers (its Unicode
# tables are newer than unicodedata's).
_SENTENCE_START_MARKS = "\"'“‘([*#•-"
SENTENCE_START = LazyRegex(r"[\p{Lu}\d]")


def _starts_sentence(char: str) -> bool:
    """True when SENTENCE_BREAK's look-ahead admits *char* (one character, or "" at the end)."""
    if char.isascii():
        return char.isupper() or char.isdigit() or (char != "" and char in _SENTENCE_START_MARKS)
    return char in _SENTENCE_START_MARKS or SENTENCE_START.fullmatch(char) is not None


def may_hold_two_sentences(paragraph: str) -> bool:
    """False only when sentence_spans(*paragraph*) is one sentence or none (one search)."""
    return _SENTENCE_BREAK_CANDIDATE.search(paragraph) is not None


def _sentence_breaks(paragraph: str) -> list[tuple[int, int]]:
    """The spans of SENTENCE_BREAK's matches in *paragraph*, in order."""
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
        # follow an abbreviation.
        if paragraph[at - 1 : at] == "." and ABBREVIATION.search(paragraph, max(start, at - 12), at):
            continue
        spans.append((start, end))
        start = end
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans
