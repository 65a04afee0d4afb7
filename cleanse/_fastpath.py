"""One switch for every fast path, so tests and benchmarks can run the plain reference path.

A fast path is a shortcut that gives the same answer as the plain code for less work: a
pre-check proving that a step cannot change a paragraph, or a cheaper way to count the
same thing. Each one is taken only while ``ENABLED`` is true. ``reference_path()`` turns
them all off; ``tests/test_fast_path.py`` requires byte-identical output both ways, and
``benchmarks/bench_clean.py`` measures what they save. Private and not thread-safe: for
tests and benchmarks, never for choosing behaviour.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, overload

from mypy_extensions import mypyc_attr

T = TypeVar("T")
P = TypeVar("P", bound="cached_property[Any]")


@mypyc_attr(native_class=False)
class cached_property(functools.cached_property[T]):
    """``functools.cached_property``, which mypyc (setup.py) would compile as a plain
    property under its own name: a document's or a config's answers would then be
    computed again on every question.

    Without the lock that Python 3.11's takes around every first computation, one lock
    for all instances (3.12 dropped it: it serialised threads working on different
    objects): a document's answers are pure, so two threads computing one answer at once
    agree, and the lock cost a few per cent of cleaning a short document.
    """

    @overload
    def __get__(self: P, instance: None, owner: type[Any] | None = None) -> P: ...

    @overload
    def __get__(self, instance: object, owner: type[Any] | None = None) -> T: ...

    def __get__(self, instance: object, owner: type[Any] | None = None) -> Any:
        if instance is None or self.attrname is None:
            return super().__get__(instance, owner)  # itself, or functools' error
        # Called only while the answer is not in the instance's __dict__, which is
        # looked up first (this is a non-data descriptor): compute and keep it there.
        value = self.func(instance)
        instance.__dict__[self.attrname] = value
        return value


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
    function: Callable[[str], T], max_entries: int = 8192, max_length: int = 2000
) -> Callable[[str], T]:
    """Wrap a pure function of one string with a small cache of its recent answers.

    Context rules ask the same questions about the same paragraphs in every round
    (the normalised sentences of a paragraph, its share of capitals). Only strings up to
    *max_length* characters are kept, and the cache is emptied when full, so memory stays
    bounded whatever the input.
    """
    cache: dict[str, T] = {}

    def cached(text: str) -> T:
        if not ENABLED or len(text) > max_length:
            return function(text)
        found = cache.get(text, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        if len(cache) >= max_entries:
            cache.clear()
        result = cache[text] = function(text)
        return result

    return functools.wraps(function)(cached)


# --- literal pre-checks for regular expressions --------------------------------------------
#
# Most paragraphs are prose that no phrase list can match, and a phrase pattern such as
# ``.{0,300}\bby signing up\b.{0,300}`` costs hundreds of steps to reject them. Every match
# of such a pattern contains one of a few literal strings ("by signing up"); looking for
# those with ``in`` is far cheaper, and only a paragraph that holds one runs the pattern.
# The strings are read from the compiled pattern itself, so they follow every edit of the
# phrase lists; a pattern they cannot be read from simply has no pre-check.

try:  # Python 3.11+
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _sre_compile
    import sre_constants as _sre_constants
    import sre_parse as _sre_parse

# Non-ASCII characters that a case-insensitive ``re`` pattern matches to an ASCII letter
# (tests/test_fast_path.py checks this against ``re`` for every code point). Mapping them
# first makes ``str.lower()`` a key in which an ASCII needle is found wherever ``re``
# would find it, ignoring case.
CASE_FOLD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
# A finite set of strings longer than this is not worth enumerating.
MAX_NEEDLES = 64


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


def shortest_literals(literals: Sequence[str]) -> tuple[str, ...]:
    """*literals* without those that hold another of them: where "sign up here" occurs,
    "sign up" does too, so the pre-check answers the same with a smaller automaton.

    >>> shortest_literals(["sign up here", "sign up", "subscribe"])
    ('sign up', 'subscribe')
    """
    return tuple(
        sorted(
            literal
            for literal in set(literals)
            if not any(other != literal and other in literal for other in literals)
        )
    )


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
            return frozenset()
        found = self.automaton.find_matches_as_indexes(data, overlapping=True)
        if not found:
            return frozenset()
        owners = self.owners
        if len(found) == 1:
            only: int = found[0][0]
            return owners[only]  # the usual hit: one literal, its owners as they are
        return frozenset().union(*[owners[index] for index, _, _ in found])


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
    each hit mapped back to its paragraph in Python, measured 1% slower.)
    """
    global _PRESCANNED
    scan = _SCAN
    if not ENABLED or scan.automaton is None or not texts:
        return
    possible = scan.possible
    answers = {text: possible(fold_bytes(text)) for text in texts}
    _PRESCANNED = (scan, answers)


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
# shorter ones ("ad") would run their pattern nearly every time (on the news corpus 3
# measured 1.7% faster than 5, the first value, and than 2 or 4).
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
        self.always: re.Pattern[str] | None = pattern
        self.gated: dict[int, re.Pattern[str]] = {}
        self.gated_ids: frozenset[int] = frozenset()
        self.always_tree: Any = None  # the parsed form of ``always``, for _SplitGroup to join
        try:
            parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
            self.always_tree = parsed
            items = list(parsed)
            if _GROUP_REFERENCE.search(pattern.pattern):
                return
            at = next(i for i, (op, _) in enumerate(items) if op is _sre_constants.BRANCH)
            always, gated = [], []
            for branch in items[at][1][1]:
                found = _needles(list(branch))
                if found and min(map(len, found)) >= GATED_LITERAL_LENGTH:
                    gated.append((branch, found))
                else:
                    always.append(branch)
            if not gated:
                return

            def tree(branches: list[Any]) -> Any:
                middle = [(_sre_constants.BRANCH, (None, branches))]
                return _sre_parse.SubPattern(parsed.state, items[:at] + middle + items[at + 1 :])

            parts: dict[int, re.Pattern[str]] = {}
            for branch, literals in gated:
                compiled: re.Pattern[str] = _sre_compile.compile(tree([branch]), pattern.flags)
                parts[id(compiled)] = compiled
                _PRE_CHECKS[id(compiled)] = _PreCheck(compiled, tuple(sorted(literals)))
            self.always_tree = tree(always) if always else None
            self.always = _sre_compile.compile(self.always_tree, pattern.flags) if always else None
            self.gated, self.gated_ids = parts, frozenset(parts)
            _rescan()
        except Exception:  # pragma: no cover - an unexpected pattern structure or Python version
            self.always, self.gated, self.gated_ids, self.always_tree = pattern, {}, frozenset(), None

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
    # A loop, not any() over a generator: 24,000 calls a pass on news, most running one pattern.
    for key in gated_ids & possible:  # noqa: SIM110 - see the comment above
        if gated[key].fullmatch(text) is not None:
            return True
    return False


# A back-reference ties alternatives to group numbers: such a pattern is never split.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


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
            joined = _sre_parse.SubPattern(trees[0].state, [(_sre_constants.BRANCH, (None, trees))])
            self.always = [_sre_compile.compile(joined, patterns[0].flags)]
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


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Return strings of which every match of *pattern* contains one, or None.

    Case is ignored (the strings are looked for in text whose ASCII letters are lower
    case, and hold an accented letter in both cases), which can only make the pre-check
    pass more often. None when no such strings can be read from the
    pattern, e.g. when an alternative is made only of classes like ``\\w+``.

    >>> required_literals(re.compile(r"(?i)(?:click|tap) here\\b|subscribe\\b.{0,40}"))
    ('click here', 'subscribe', 'tap here')
    >>> required_literals(re.compile(r"\\w+")) is None
    True
    """
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern re compiled always parses
        return None
    needles = _needles(list(parsed))
    if not needles:
        return None
    # A needle that contains another adds nothing: the shorter one is found first.
    kept = sorted(needles, key=len)
    minimal = [n for i, n in enumerate(kept) if not any(k in n for k in kept[:i])]
    return tuple(sorted(minimal))


def _char(code: int) -> frozenset[str] | None:
    """The needle characters for a literal (any of them may stand for it in folded text),
    or None when case folding makes it ambiguous."""
    char = chr(code)
    if char.isascii():
        return frozenset(char.lower())
    if char in TWO_CASE_LETTERS:
        return frozenset((char.lower(), char.upper()))  # fold_bytes leaves them as they are
    if char.lower() == char == char.upper() and not unicodedata.category(char).startswith("L"):
        return frozenset(char)  # a symbol or punctuation mark: only itself matches it
    return None


# Accented letters that case-insensitive ``re`` matches to their own capital or small
# letter and to nothing else (tests/test_fast_path.py checks this for every code point):
# "précédent" and "vidéo" can then be literals of their own, not "dent" and "vid".
TWO_CASE_LETTERS = frozenset("àáâãäæçèéêëìíîïñòóôõöøùúûüýÀÁÂÃÄÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ")


def _language(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The finite set of strings a sequence matches, lower-cased, or None if too many."""
    strings = {""}
    for op, av in items:
        part = _item_language(op, av)
        joined = None if part is None else _joined(strings, part)
        if joined is None:
            return None
        strings = joined
    return strings


def _item_language(op: Any, av: Any) -> set[str] | None:
    c = _sre_constants
    if op is c.LITERAL:
        found = _char(av)
        return None if found is None else set(found)
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is not c.LITERAL:
                return None
            found = _char(value)
            if found is None:
                return None
            chars |= found
        return chars or None
    if op is c.SUBPATTERN:
        return _language(list(av[-1]))
    if op is c.BRANCH:
        strings: set[str] = set()
        for branch in av[1]:
            part = _language(list(branch))
            if part is None:
                return None
            strings |= part
        return strings if len(strings) <= MAX_NEEDLES else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 3:
        part = _language(list(av[2]))
        if part is None:
            return None
        strings, power = (set(), {""})
        for count in range(av[1] + 1):
            if count >= av[0]:
                strings |= power
            power = {a + b for a in power for b in part}
            if len(strings) > MAX_NEEDLES or len(power) > MAX_NEEDLES:
                return None
        return strings
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}  # zero-width: the strings on either side stay adjacent
    return None


def _needles(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Strings of which every match of the sequence *items* contains one, or None."""
    candidates: list[set[str]] = []
    run = {""}
    for op, av in items:
        part = _item_language(op, av)
        if part is not None:
            joined = _joined(run, part)
            if joined is not None:
                run = joined
                continue
            candidates.append(run)
            run = part
            continue
        # An item of no finite language may still start or end with a literal, as
        # ``(?:[\w ]+/){1,3}`` ends with "/": the strings on either side reach into it.
        candidates.append(_joined(run, _edge_language(op, av, at_end=False)) or run)
        inner = _item_needles(op, av)
        if inner:
            candidates.append(inner)
        run = _edge_language(op, av, at_end=True)
    candidates.append(run)
    usable = [s for s in candidates if s and "" not in s]
    if not usable:
        return None
    # Prefer long needles (rarer in prose), then few of them.
    return max(usable, key=lambda s: (min(map(len, s)), -len(s)))


def _joined(first: set[str], second: set[str]) -> set[str] | None:
    """Every string of *first* followed by every string of *second*; None when too many."""
    joined = {a + b for a in first for b in second}
    return joined if len(joined) <= MAX_NEEDLES else None


def _edge_language(op: Any, av: Any, at_end: bool) -> set[str]:
    """Strings one of which every match of the item starts with (ends with, *at_end*);
    ``{""}`` when none can be read.

    >>> sorted(_edge_language(*_sre_parse.parse(r"(?:[a-z]+/){1,3}")[0], at_end=True))
    ['/']
    """
    c = _sre_constants
    if op is c.SUBPATTERN:
        return _sequence_edge(list(av[-1]), at_end)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence_edge(list(av), at_end)
    if op is c.BRANCH:
        edges: set[str] = set()
        for branch in av[1]:
            edges |= _sequence_edge(list(branch), at_end)
        # A branch with no edge of its own leaves the others' edges telling nothing.
        return edges if "" not in edges and len(edges) <= MAX_NEEDLES else {""}
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)) and av[0] >= 1:
        return _sequence_edge(list(av[2]), at_end)
    return {""}


def _sequence_edge(items: list[tuple[Any, Any]], at_end: bool) -> set[str]:
    """Strings one of which every match of the sequence *items* starts (ends) with."""
    edge = {""}
    for op, av in reversed(items) if at_end else items:
        part = _item_language(op, av)
        inner = _edge_language(op, av, at_end) if part is None else part
        joined = _joined(inner, edge) if at_end else _joined(edge, inner)
        if joined is None:
            return edge  # too many strings: the shorter edge still holds
        if part is None:
            return joined  # the item goes on past its edge: nothing further is fixed
        edge = joined
    return edge


def _item_needles(op: Any, av: Any) -> set[str] | None:
    c = _sre_constants
    if op is c.SUBPATTERN:
        return _needles(list(av[-1]))
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _needles(list(av))
    if op is c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            inner = _needles(list(branch))
            if inner is None:
                return None
            found |= inner
        return found
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)) and av[0] >= 1:
        return _needles(list(av[2]))
    return None


def could_search(pattern: re.Pattern[str], extra: str = "") -> Callable[[str], bool] | None:
    """Return a cheap test that is True whenever ``pattern.search(text)`` could match.

    Read from the pattern: each top-level alternative is anchored on the rarest class of
    characters it cannot match without; text with none of those classes' characters (nor
    any of *extra*) cannot match. An alternative whose rarest class holds ASCII or
    everyday typography (curly quotes) is searched for as it stands instead. None when
    the pattern cannot be read that way (the caller then always runs the full check).
    Before any search, text whose only characters beyond ASCII are typography no branch
    can be made of (see _safe_typography) is answered at once: most prose is like that.

    ftfy's mojibake detector is the case in point: every match holds one of a few hundred
    rare characters, so text without them cannot be mojibake.

    >>> test = could_search(re.compile("[ab]é|y+[ÂÃ]|x“"))
    >>> [test(t) for t in ("naïve café", "Ãx", "a “quote”", "x“y")]
    [False, True, False, True]
    """
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        items = list(parsed)
        branches = _top_branches(items)
        rare: set[str] = set(extra)
        exact = []
        for branch, sub in zip(branches, items[0][1][1] if len(branches) > 1 else [parsed], strict=True):
            chars = _chars(branch)
            if chars is None:
                return None
            if any(c.isascii() or c in COMMON_CHARS for c in chars):
                exact.append(sub)
            else:
                rare |= chars
        rare_class = re.compile("[" + "".join(sorted(map(re.escape, rare))) + "]") if rare else None
        safe = frozenset(_safe_typography(branches)) - set(extra)  # extra: always searched
        exact_pattern = None
        if exact:
            tree = _first_character_first(exact, parsed.state) or _sre_parse.SubPattern(
                parsed.state, [(_sre_constants.BRANCH, (None, exact))]
            )
            exact_pattern = _sre_compile.compile(tree, pattern.flags)
    except Exception:  # pragma: no cover - an unexpected pattern structure or Python version
        return None

    def test(text: str) -> bool:
        if safe:
            try:
                # The characters of *text* outside ASCII, in a few C calls.
                others = text.encode().translate(None, ASCII_BYTES).decode()
            except UnicodeEncodeError:  # a lone surrogate: the full check decides
                pass
            else:
                if safe.issuperset(others):
                    return False
        if rare_class is not None and rare_class.search(text):
            return True
        return exact_pattern is not None and exact_pattern.search(text) is not None

    return test


ASCII_BYTES = bytes(range(128))  # deleted from UTF-8, they leave the characters beyond ASCII
# Characters of everyday prose, none of them a letter: the text most often passed to
# could_search's tests holds only these beyond ASCII.
EVERYDAY_TYPOGRAPHY = "’‘“”–—…\u00a0•·«»"


def safe_typography(pattern: re.Pattern[str]) -> frozenset[str]:
    """The characters of EVERYDAY_TYPOGRAPHY that, with all of ASCII, cannot make up a
    match of *pattern* (empty when the pattern cannot be read; see _safe_typography).

    >>> sorted(safe_typography(re.compile("x”|[ÂÃ]")))  # ” is the one "x”" needs
    ['\xa0', '«', '·', '»', '–', '—', '‘', '’', '“', '•', '…']
    """
    if pattern.flags & re.IGNORECASE:
        return frozenset()
    try:
        items = list(_sre_parse.parse(pattern.pattern, pattern.flags))
        return frozenset(_safe_typography(_top_branches(items)))
    except Exception:  # pragma: no cover - an unexpected pattern structure or Python version
        return frozenset()


def _top_branches(items: list[Any]) -> list[list[Any]]:
    """The top-level alternatives of a parsed pattern (the whole of it when it has none)."""
    if len(items) == 1 and items[0][0] is _sre_constants.BRANCH:
        return [list(branch) for branch in items[0][1][1]]
    return [items]


def _safe_typography(branches: list[list[Any]]) -> str:
    """The characters of EVERYDAY_TYPOGRAPHY that, with all of ASCII, cannot make up a
    match of any of *branches*: text made only of them cannot match.

    A branch is ruled out by one of its required classes holding neither ASCII nor a
    safe character. A branch not yet ruled out gives up the safe characters of its
    required class that holds fewest of them; a branch all of whose required classes
    hold ASCII leaves nothing safe. ("" when nothing is.)
    """
    safe = set(EVERYDAY_TYPOGRAPHY)
    for branch in branches:
        required = [
            chars
            for chars in (_item_chars(op, av) for op, av in branch)
            if chars and not any(c.isascii() for c in chars)
        ]
        if not required:
            return ""
        if any(chars.isdisjoint(safe) for chars in required):
            continue
        safe -= min(required, key=lambda chars: len(chars & safe))
    return "".join(sorted(safe))


def _first_character_first(branches: list[Any], state: Any) -> Any:
    """``A|B|C`` rewritten as ``[abc](?:(?<=a)A'|(?<=b)B'|(?<=c)C')``, or None.

    Here ``a`` is the class of characters branch ``A`` starts with and ``A'`` the rest of
    it. Both match the same text, but ``re`` searches a pattern that starts with a class
    by skipping to the characters of the class, where it would otherwise try every branch
    at every position. Only for branches that each start with one character of a class
    of plain characters (None otherwise).
    """
    c = _sre_constants
    union: set[str] = set()
    rewritten = []
    for branch in branches:
        items = list(branch)
        if not items or items[0][0] not in (c.LITERAL, c.IN):
            return None
        first = _item_chars(*items[0])
        if first is None:
            return None
        union |= first
        behind = (c.ASSERT, (-1, _sre_parse.SubPattern(state, [items[0]])))
        rewritten.append(_sre_parse.SubPattern(state, [behind, *items[1:]]))
    start = (c.IN, [(c.LITERAL, ord(char)) for char in sorted(union)])
    return _sre_parse.SubPattern(state, [start, (c.BRANCH, (None, rewritten))])


# Characters too common in real text to make a good pre-check: ASCII, and the typography
# of ordinary prose. When an alternative offers a choice, the rarest class is used.
COMMON_CHARS = frozenset(EVERYDAY_TYPOGRAPHY + "éáíóúñüöäèàç")


def _rarity_cost(chars: set[str]) -> int:
    return sum(1000 if c.isascii() else 50 if c in COMMON_CHARS else 1 for c in chars)


def _chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    best: set[str] | None = None
    for op, av in items:
        found = _item_chars(op, av)
        if found and (best is None or _rarity_cost(found) < _rarity_cost(best)):
            best = found
    return best


def _item_chars(op: Any, av: Any) -> set[str] | None:
    c = _sre_constants
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < 4096:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None
        return chars
    if op is c.SUBPATTERN:
        return _chars(list(av[-1]))
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _chars(list(branch))
            if not found:
                return None
            union |= found
        return union
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
        return _chars(list(av[2]))
    return None
