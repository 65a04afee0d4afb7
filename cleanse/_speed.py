"""The shared fast layer: literal pre-checks, split phrase patterns, memos, lazy patterns.

Rules call these instead of keeping a second, faster copy of themselves. Each shortcut
here gives the same answer as the plain call it stands for (``pattern.fullmatch``,
``True`` for "may match", the function itself for a memo): ``reference_path()`` turns
them all into those plain calls, and ``tests/test_speed.py`` requires byte-identical
output both ways on the news corpus, the fixtures and generated text. The switch is
private and not thread-safe: for tests and benchmarks, never for choosing behaviour.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from cleanse import _re_internals
from cleanse._re_internals import ASCII_BYTES, EVERYDAY_TYPOGRAPHY, required_literals

__all__ = [
    "ASCII_BYTES",
    "EVERYDAY_TYPOGRAPHY",
    "LazyRegex",
    "could_search",
    "fold_bytes",
    "fold_case",
    "fullmatch",
    "fullmatch_any_of",
    "may_match",
    "memoize",
    "prescan",
    "reference_path",
    "safe_typography",
]

T = TypeVar("T")

ENABLED = True


@contextmanager
def reference_path() -> Iterator[None]:
    """Run the block with every fast path switched off (the plain reference code).

    >>> from cleanse import clean
    >>> with reference_path():
    ...     clean("Title\\nADVERTISEMENT\\nText.")
    'Title\\n\\nText.\\n'
    """
    global ENABLED
    saved, ENABLED = ENABLED, False
    try:
        yield
    finally:
        ENABLED = saved


_MISSING = object()  # a cached answer may be None; this never is


def memoize(
    function: Callable[[str], T], max_entries: int = 8192, max_length: int = 2000, max_chars: int = 250_000
) -> Callable[[str], T]:
    """Wrap a pure function of one string with a small cache of its recent answers.

    Context rules ask the same questions about the same paragraphs in every round
    (the normalised sentences of a paragraph, its share of capitals). Only strings up to
    *max_length* characters are kept, and the cache is emptied when it holds *max_entries*
    strings or *max_chars* characters of them, so memory stays bounded whatever the input
    (and small beside a long document's own).
    """
    cache: dict[str, T] = {}
    held = 0

    def cached(text: str) -> T:
        nonlocal held
        if not ENABLED or len(text) > max_length:
            return function(text)
        found = cache.get(text, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        held += len(text)
        if len(cache) >= max_entries or held > max_chars:
            cache.clear()
            held = len(text)
        result = cache[text] = function(text)
        return result

    return functools.wraps(function)(cached)


class LazyRegex:
    """A pattern of the ``regex`` module (Unicode classes such as ``\\p{Lu}``), compiled on
    first use: importing ``regex`` and compiling these costs tens of milliseconds, which a
    command in a shell pipe would otherwise pay on every start."""

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


# --- literal pre-checks for regular expressions --------------------------------------------
#
# Most paragraphs are prose that no phrase list can match, and a phrase pattern such as
# ``.{0,300}\bby signing up\b.{0,300}`` costs hundreds of steps to reject them. Every match
# of such a pattern contains one of a few literal strings ("by signing up"); looking for
# those with ``in`` is far cheaper, and only a paragraph that holds one runs the pattern.
# The strings are read from the compiled pattern itself, so they follow every edit of the
# phrase lists; a pattern they cannot be read from simply has no pre-check.

# Non-ASCII characters that a case-insensitive ``re`` pattern matches to an ASCII letter
# (tests/test_fast_path.py checks this against ``re`` for every code point). Mapping them
# first makes ``str.lower()`` a key in which an ASCII needle is found wherever ``re``
# would find it, ignoring case.
CASE_FOLD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


class _PreCheck:
    """The literal pre-check of one pattern.

    Every pre-check stays on, however often its literals occur: all of them are found by
    one shared pass of an automaton over the text, so a pre-check that lets text through
    costs nothing more than the pattern it guards.
    """

    __slots__ = ("literals", "pattern")

    def __init__(self, pattern: re.Pattern[str], literals: tuple[str, ...] | None = None) -> None:
        self.pattern = pattern  # held, so that its id() stays its own
        self.literals = shortest_literals(literals or required_literals(pattern) or ())


# By id(): hashing a compiled pattern hashes all its code, which costs more than the check.
_PRE_CHECKS: dict[int, _PreCheck] = {}


class _Scan:
    """One pass over a text that finds the literals of every active pre-check at once.

    An Aho-Corasick automaton (``ahocorasick_rs``, the Rust crate behind ripgrep's literal
    search) finds every occurrence of every literal, overlapping ones included, in one
    linear pass; ``owners`` maps each literal to the pre-checks that hold it. (A regular
    expression of all the literals, tried at every position, cost four times as much.)
    """

    def __init__(self, checks: list[_PreCheck]) -> None:
        owners: dict[str, set[int]] = {}
        for check in checks:
            for literal in check.literals:
                owners.setdefault(literal, set()).add(id(check.pattern))
        self.literals = sorted(owners)
        self.owners = [frozenset(owners[literal]) for literal in self.literals]
        self.automaton = _automaton(self.literals) if owners else None

    def possible(self, data: bytes) -> frozenset[int]:
        """The ids of the patterns whose literals occur in *data* (a text's fold_bytes)."""
        if self.automaton is None:
            return _NONE
        found = self.automaton.find_matches_as_indexes(data, overlapping=True)
        if not found:
            return _NONE  # shared: a document of many lines holds one answer per line
        owners = self.owners
        if len(found) == 1:
            only: int = found[0][0]
            return owners[only]  # the usual hit: one literal, its owners as they are
        return frozenset().union(*[owners[index] for index, _, _ in found])


_NONE: frozenset[int] = frozenset()


def shortest_literals(literals: Sequence[str]) -> tuple[str, ...]:
    """*literals* without those that hold another of them: where "sign up here" occurs,
    "sign up" does too, so the pre-check answers the same with a smaller automaton.

    >>> shortest_literals(["sign up here", "sign up", "subscribe"])
    ('sign up', 'subscribe')
    """
    unique = sorted(set(literals))
    if len(unique) < 2:
        return tuple(unique)
    import ahocorasick_rs  # the pairwise test is quadratic: thousands of literals take seconds

    automaton = ahocorasick_rs.AhoCorasick(unique)
    return tuple(
        literal
        for literal in unique
        if all(
            unique[index] == literal
            for index, _, _ in automaton.find_matches_as_indexes(literal, overlapping=True)
        )
    )


def _automaton(literals: list[str]) -> Any:
    import ahocorasick_rs  # imported on first use: a one-line input never needs it

    # A DFA takes ~10 ms to build for the ~1,500 literals of the phrase lists and scans
    # a third faster than the default automaton; it is rebuilt only when a pre-check is
    # added. It reads UTF-8 (see fold_bytes): a third faster again than reading str.
    return ahocorasick_rs.BytesAhoCorasick(
        [literal.encode() for literal in literals], implementation=ahocorasick_rs.Implementation.DFA
    )


_SCAN = _Scan([])
_LAST_SCAN: tuple[str, _Scan, frozenset[int]] = ("", _SCAN, frozenset())


def _rescan() -> None:
    global _SCAN
    _SCAN = _Scan([c for c in _PRE_CHECKS.values() if c.literals])


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when *pattern* cannot match anywhere in *text* (True when unsure).

    >>> may_match(re.compile(r"(?i)\\bsign up\\b.{0,40}"), "The senate voted on Tuesday.")
    False
    >>> may_match(re.compile(r"(?i)\\bsign up\\b.{0,40}"), "SIGN UP for our newsletter")
    True
    """
    if not ENABLED:
        return True
    check = _PRE_CHECKS.get(id(pattern))
    if check is None or check.pattern is not pattern:
        check = _PRE_CHECKS[id(pattern)] = _PreCheck(pattern)
        _rescan()
    if not check.literals:
        return True  # no literal could be read from the pattern
    return id(pattern) in _possible(text)


def literal_gate(literals: Sequence[str]) -> Callable[[str], bool]:
    """A test that is True when one of *literals* (lower case) occurs in a text, ignoring case.

    The literals join the shared scan, so asking costs a set lookup once the text is
    scanned. On the reference path the test always answers True.

    >>> gate = literal_gate(["sign up", "newsletter"])
    >>> gate("SIGN UP today"), gate("The council voted.")
    (True, False)
    """
    key = re.compile(f"(?#literal gate {len(_GATES)})")
    _GATES.append(key)  # held, so that its id() stays its own
    _PRE_CHECKS[id(key)] = _PreCheck(key, tuple(literals))
    _rescan()

    def gate(text: str) -> bool:
        return not ENABLED or id(key) in _possible(text)

    return gate


_GATES: list[re.Pattern[str]] = []


def _possible(text: str) -> frozenset[int]:
    """The ids of the pre-checked patterns whose literals occur in *text* (scanned once per text)."""
    global _LAST_SCAN
    last_text, last_scan, possible = _LAST_SCAN
    scan = _SCAN
    if last_text is not text or last_scan is not scan:
        prescanned_with, prescanned = _PRESCANNED
        found = prescanned.get(text) if prescanned_with is scan else None
        possible = found if found is not None else scan.possible(fold_bytes(text))
        _LAST_SCAN = (text, scan, possible)
    return possible


# The answers of _possible for the paragraphs of the document being cleaned, and the
# scan they were read with.
_PRESCANNED: tuple[_Scan, dict[str, frozenset[int]]] = (_SCAN, {})


def prescan(texts: Sequence[str]) -> None:
    """Scan a document's paragraphs for the literals of every pre-check, back to back.

    The automaton's tables are larger than the CPU's fastest caches: scanned between
    other work, one paragraph at a time, each scan waits on memory and costs four times
    what it costs in a row. So the pipeline hands over the paragraphs of a document as it
    splits them; _possible then looks a paragraph up by its text (one still unchanged
    when the rules ask), and scans only other text. (One scan of the paragraphs joined,
    each hit mapped back to its paragraph in Python, costs more.)
    """
    global _PRESCANNED
    scan = _SCAN
    if not ENABLED or scan.automaton is None or not texts:
        return
    if len(texts) > 1 and sum(map(len, texts)) < SHORT_PARAGRAPH * len(texts):
        answers = _scan_joined(scan, texts)
    else:
        possible = scan.possible
        answers = {text: possible(fold_bytes(text)) for text in texts}
    _PRESCANNED = (scan, answers)


# Paragraphs shorter than this on average are scanned joined: for a list of words or
# short lines, what each scan costs to call outweighs the scanning.
SHORT_PARAGRAPH = 40


def _scan_joined(scan: _Scan, texts: Sequence[str]) -> dict[str, frozenset[int]]:
    """The answers of ``scan.possible`` for each of *texts*, read from scans of runs of them
    joined by line feeds. A literal found across a line feed belongs to no text, so each
    answer is the one its own scan gives."""
    answers: dict[str, frozenset[int]] = dict.fromkeys(texts, _NONE)
    # Runs of about SCAN_RUN characters: each one's joined copy, bytes and hits stay that small.
    for run in runs(texts, SCAN_RUN):
        _scan_run(scan, run, answers)
    return answers


def runs(texts: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """*texts* in consecutive runs of about *size* characters joined by line feeds (a text
    longer than that, alone): work on a long document's text joined, a run at a time.

    >>> [list(run) for run in runs(["ab", "cd", "efgh", "i"], 5)]
    [['ab', 'cd'], ['efgh'], ['i']]
    """
    first = 0
    while first < len(texts):
        last, length = first, 0
        while last < len(texts) and (last == first or length + len(texts[last]) <= size):
            length += len(texts[last]) + 1
            last += 1
        yield texts[first:last]
        first = last


# The characters of short paragraphs scanned joined at once (see _scan_joined).
SCAN_RUN = 1 << 16


def _scan_run(scan: _Scan, texts: Sequence[str], answers: dict[str, frozenset[int]]) -> None:
    """Set the answers of *texts*, scanned joined by line feeds."""
    assert scan.automaton is not None
    data = fold_bytes("\n".join(texts))
    # Flat: an int object a line would outweigh a short line many times over.
    ends = array("q", (m.start() for m in _LINE_FEED.finditer(data)))
    ends.append(len(data))
    if len(ends) != len(texts):  # a text holding a line feed: scan each on its own
        for text in texts:
            answers[text] = scan.possible(fold_bytes(text))
        return
    found: dict[int, set[int]] = {}
    for literal, start, end in scan.automaton.find_matches_as_indexes(data, overlapping=True):
        at = bisect.bisect_left(ends, start)
        if end <= ends[at]:
            found.setdefault(at, set()).update(scan.owners[literal])
    for at, owners in found.items():
        answers[texts[at]] = frozenset(owners)


_LINE_FEED = re.compile(b"\n")


def fold_bytes(text: str) -> bytes:
    """*text* as UTF-8, with ASCII letters lower-cased: where the literal scan looks.

    A pattern's literals are found here wherever the pattern can match: their ASCII
    letters are small, their other letters come in both cases (see _char), and the only
    characters beyond ASCII whose lower case is ASCII are two of those mapped first.
    Lower-casing bytes is done in C at memory speed, where ``str.lower`` looks up every
    character. (Lone surrogates pass as their three bytes, which no literal holds.)

    >>> fold_bytes("CLICK İ HERE – Émile")
    b'click i here \\xe2\\x80\\x93 \\xc3\\x89mile'
    """
    return _map_odd_letters(text).encode("utf-8", "surrogatepass").lower()


def fold_case(text: str) -> str:
    """*text* lower-cased so that a lower-case ASCII needle is found in it wherever a
    case-insensitive ``re`` pattern finds it (see CASE_FOLD_TO_ASCII).

    >>> fold_case("ſIGN UP")
    'sign up'
    """
    return _map_odd_letters(text).lower()


def _map_odd_letters(text: str) -> str:
    """*text* with the four characters of CASE_FOLD_TO_ASCII mapped to their ASCII letters."""
    # One search each (Latin-1 text answers at once): a pattern or a translation of
    # every text costs more.
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text):
        return text.translate(CASE_FOLD_TO_ASCII)
    return text


# An alternative with a literal at least this long is worth gating. Even three letters
# rule most alternatives out for most paragraphs, and the literal scan is paid anyway;
# shorter ones ("ad") would let their pattern run nearly every time. Any value gives the
# same answers: only which alternatives are gated changes.
GATED_LITERAL_LENGTH = 3


class _SplitFullmatch:
    """``pattern.fullmatch`` split: the alternatives that run always, and gated ones.

    Phrase lists mix cheap alternatives, which fail at a paragraph's first character,
    with ones like ``.{0,300}\\bby signing up\\b.{0,300}`` that try every position. Each
    alternative of the second kind that holds a literal of GATED_LITERAL_LENGTH characters
    or more becomes a pattern of its own, run only when the paragraph holds one of *its*
    literals. A whole-paragraph match of ``P(?:A|B)S`` is a match of ``PAS`` or of ``PBS``,
    so the answer is the same.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        split = _re_internals.split_alternatives(pattern, GATED_LITERAL_LENGTH)
        self.always = split.always
        self.always_tree = split.always_tree  # for _SplitGroup to join with other patterns
        self.gated: dict[int, re.Pattern[str]] = {}
        for compiled, literals in split.gated:
            self.gated[id(compiled)] = compiled
            _PRE_CHECKS[id(compiled)] = _PreCheck(compiled, literals)
        self.gated_ids = frozenset(self.gated)
        if self.gated:
            _rescan()

    def __call__(self, text: str, within: str | None = None) -> bool:
        if self.always is not None and self.always.fullmatch(text) is not None:
            return True
        return bool(self.gated) and _gated_fullmatch(self.gated, self.gated_ids, text, within)


def _gated_fullmatch(
    gated: dict[int, re.Pattern[str]], gated_ids: frozenset[int], text: str, within: str | None = None
) -> bool:
    """True when one of the *gated* patterns whose literals occur in *text* matches all of it.

    *within*, a text that holds *text* (a sentence's paragraph), is scanned for the
    literals instead: its literals include those of any part of it, so no pattern that
    could match is left out, and the paragraph's scan is already known.
    """
    possible = _possible(text if within is None else within)
    if possible.isdisjoint(gated_ids):
        return False  # the usual case: none of the gated alternatives' literals occurs
    # A loop, not any() over a generator: called for most sentences, usually one pattern.
    for key in gated_ids & possible:  # noqa: SIM110 - see the comment above
        if gated[key].fullmatch(text) is not None:
            return True
    return False


_SPLITS: dict[int, _SplitFullmatch] = {}


def fullmatch(pattern: re.Pattern[str], text: str, within: str | None = None) -> bool:
    """``pattern.fullmatch(text) is not None``, with long-literal alternatives gated.

    *within*, when given, is a text that holds *text* (see _gated_fullmatch).

    >>> fullmatch(re.compile(r"(?i)ad|.{0,300}\\bby signing up\\b.{0,300}"), "By signing up you agree")
    True
    >>> fullmatch(re.compile(r"(?i)ad|.{0,300}\\bby signing up\\b.{0,300}"), "The senate voted.")
    False
    """
    if not ENABLED:
        return pattern.fullmatch(text) is not None
    split = _SPLITS.get(id(pattern))
    if split is None:
        # Splitting costs a parse and two compiles: worth it for a corpus, not for one line.
        calls = _CALLS[id(pattern)] = _CALLS.get(id(pattern), 0) + 1
        if calls < SPLIT_AFTER_CALLS:
            return pattern.fullmatch(text) is not None
        split = _split(pattern)
    return split(text, within)


SPLIT_AFTER_CALLS = 200
_CALLS: dict[int, int] = {}
_KEEP: list[re.Pattern[str]] = []


def _split(pattern: re.Pattern[str]) -> _SplitFullmatch:
    split = _SPLITS.get(id(pattern))
    if split is None:
        split = _SPLITS[id(pattern)] = _SplitFullmatch(pattern)
        _KEEP.append(pattern)  # its id() must stay its own
    return split


class _SplitGroup:
    """Several split patterns asked together: whether *any* of them matches a whole text.

    The answer is the same as asking each pattern in turn, but the literal scan is looked
    up once and the gated alternatives of all the patterns are ruled out by one set test.
    """

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        splits = [_split(p) for p in patterns]
        self.always = [s.always for s in splits if s.always is not None]
        trees = [s.always_tree for s in splits if s.always is not None]
        if len(self.always) > 1 and None not in trees and _joinable(patterns):
            # One pattern, one call: ``A|B`` matches a whole text when A or B does.
            self.always = [_re_internals.join_trees(trees, patterns[0].flags)]
        self.gated = {k: v for s in splits for k, v in s.gated.items()}
        self.gated_ids = frozenset(self.gated)

    def __call__(self, text: str, within: str | None = None) -> bool:
        for always in self.always:
            if always.fullmatch(text) is not None:
                return True
        return bool(self.gated) and _gated_fullmatch(self.gated, self.gated_ids, text, within)


def _joinable(patterns: tuple[re.Pattern[str], ...]) -> bool:
    """True when the parsed patterns can be joined into one: the same flags, and no groups,
    whose numbers would clash."""
    return len({p.flags for p in patterns}) == 1 and all(p.groups == 0 for p in patterns)


_MATCHERS: dict[tuple[int, ...], Callable[[str, str | None], bool]] = {}


def fullmatch_any_of(patterns: tuple[re.Pattern[str], ...]) -> Callable[[str, str | None], bool]:
    """A function of *text* and *within*: ``any(p.fullmatch(text) for p in patterns)``.

    One call for a family of phrase lists; *within*, when given, is a text that holds
    *text* (see _gated_fullmatch). The function is made once per family: a caller asking
    about every paragraph holds on to it, since looking the family up again for each
    paragraph cost as much as matching its cheap alternatives.

    >>> fullmatch_any_of((re.compile("(?i)ad"), re.compile("(?i)share")))("Share", None)
    True
    """
    key = tuple(map(id, patterns))
    found = _MATCHERS.get(key)
    if found is None:
        found = _MATCHERS[key] = _any_fullmatch(patterns)
    return found


def _any_fullmatch(patterns: tuple[re.Pattern[str], ...]) -> Callable[[str, str | None], bool]:
    calls = 0
    group: _SplitGroup | None = None

    def matches(text: str, within: str | None = None) -> bool:
        nonlocal calls, group
        if not ENABLED:
            return any(p.fullmatch(text) is not None for p in patterns)
        if group is None:
            # Like fullmatch(): split only once the patterns have been asked often enough.
            calls += 1
            if calls < SPLIT_AFTER_CALLS:
                return any(fullmatch(p, text, within) for p in patterns)
            group = _SplitGroup(patterns)
        return group(text, within)

    return matches


def could_search(pattern: re.Pattern[str], extra: str = "") -> Callable[[str], bool]:
    """A cheap test that is True whenever ``pattern.search(text)`` could match.

    Read from the pattern by :func:`cleanse._re_internals.could_search`; where it cannot
    be read, and on the reference path, the test always answers True.

    >>> test = could_search(re.compile("[ÂÃ][\x80-\xbf]"))
    >>> test("plain prose"), test("donÃ\x80t")
    (False, True)
    """
    test = _re_internals.could_search(pattern, extra)

    def may_search(text: str) -> bool:
        return test is None or not ENABLED or test(text)

    return may_search


def safe_typography(pattern: re.Pattern[str]) -> frozenset[str]:
    """The characters of EVERYDAY_TYPOGRAPHY that, with all of ASCII, cannot make up a
    match of *pattern* (none on the reference path; see _re_internals.safe_typography)."""
    return _re_internals.safe_typography(pattern) if ENABLED else frozenset()
