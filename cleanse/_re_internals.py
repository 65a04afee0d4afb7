"""Read literal strings and character classes out of ``re`` patterns, with ``re``'s own parser.

The only module of cleanse that touches CPython's private ``re._parser``,
``re._compiler`` and ``re._constants`` (``sre_*`` on Python 3.10). Everything built
on it is a pre-check that may only say "cannot match" when that is certain: where a
pattern cannot be read, the functions here answer None (no pre-check) and the caller
runs the full pattern. ``tests/test_re_internals.py`` checks each reading against
``re`` itself on the running Python; CI runs it on every supported version.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

try:  # Python 3.11+
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _sre_compile
    import sre_constants as _sre_constants
    import sre_parse as _sre_parse

# What reading a parse tree of a shape this module does not know raises: the reading is
# then given up (no pre-check), never the cleaning.
UNREADABLE = (re.error, AttributeError, IndexError, KeyError, TypeError, ValueError)
# A finite set of strings longer than this is not worth enumerating.
MAX_NEEDLES = 256


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
    except UNREADABLE:  # pragma: no cover - a pattern re compiled always parses
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
    except UNREADABLE:  # pragma: no cover - a parse tree of a shape not read here
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
    except UNREADABLE:  # pragma: no cover - a parse tree of a shape not read here
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


# A back-reference ties alternatives to group numbers: such a pattern is never split.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


class Alternatives:
    """A pattern ``P(?:A|B|…)S`` split by its alternatives, for a whole-paragraph match.

    ``gated`` holds ``PAS``, ``PBS``… compiled alone, each with the literals every match of
    it contains (at least *min_literal* characters long); ``always`` the rest joined again
    (None when every alternative is gated), and ``always_tree`` its parsed form, so that the
    ``always`` parts of several patterns can be joined into one (see :func:`join_trees`).
    A whole match of ``P(?:A|B)S`` is a whole match of ``PAS`` or of ``PBS``: asking the
    parts gives the same answer as asking the pattern.
    """

    def __init__(
        self,
        always: re.Pattern[str] | None,
        always_tree: Any,
        gated: list[tuple[re.Pattern[str], tuple[str, ...]]],
    ) -> None:
        self.always = always
        self.always_tree = always_tree
        self.gated = gated


def split_alternatives(pattern: re.Pattern[str], min_literal: int) -> Alternatives:
    """Split *pattern* at its first top-level alternation (see :class:`Alternatives`).

    A pattern with no alternative worth gating, or one that cannot be read, comes back
    whole as ``always`` (with its tree when it could be parsed).

    >>> split = split_alternatives(re.compile(r"(?i)(?:ad|.{0,9}\\bsign up\\b.*)"), 3)
    >>> split.always.fullmatch("AD") is not None, [literals for _, literals in split.gated]
    (True, [('sign up',)])
    """
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except UNREADABLE:  # pragma: no cover - re compiled it already
        return Alternatives(pattern, None, [])
    items = list(parsed)
    whole = Alternatives(pattern, parsed, [])
    at = next((i for i, (op, _) in enumerate(items) if op is _sre_constants.BRANCH), None)
    if at is None or _GROUP_REFERENCE.search(pattern.pattern):
        return whole
    always, gated = [], []
    for branch in items[at][1][1]:
        found = _needles(list(branch))
        if found and min(map(len, found)) >= min_literal:
            gated.append((branch, found))
        else:
            always.append(branch)
    if not gated:
        return whole

    def tree(branches: list[Any]) -> Any:
        middle = [(_sre_constants.BRANCH, (None, branches))]
        return _sre_parse.SubPattern(parsed.state, items[:at] + middle + items[at + 1 :])

    parts = [
        (_sre_compile.compile(tree([branch]), pattern.flags), tuple(sorted(literals)))
        for branch, literals in gated
    ]
    always_tree = tree(always) if always else None
    compiled = _sre_compile.compile(always_tree, pattern.flags) if always_tree is not None else None
    return Alternatives(compiled, always_tree, parts)


def join_trees(trees: Sequence[Any], flags: int) -> re.Pattern[str]:
    """Compile the parsed patterns *trees* as one alternation ``A|B|…`` (no groups in any)."""
    joined = _sre_parse.SubPattern(trees[0].state, [(_sre_constants.BRANCH, (None, list(trees)))])
    compiled: re.Pattern[str] = _sre_compile.compile(joined, flags)
    return compiled


def max_width(pattern: re.Pattern[str]) -> int:
    """The most characters a match of *pattern* can span (``re``'s own reckoning).

    >>> max_width(re.compile("read more|more from [a-z ]{1,40}"))
    50
    """
    width: int = _sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[1]
    return width
