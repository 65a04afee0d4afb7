"""Paragraph boundaries: the one place that knows how text is split and joined.

Scraper output puts one paragraph on each line, so by default every line break is a
paragraph boundary. Output paragraphs are separated by exactly one blank line and the
text ends with a single newline; text with no paragraphs is the empty string. Because
that output splits back into the same paragraphs, joining is idempotent.

Two kinds of text keep their lines together, as one block:

- **code**: a line that opens a block (``for line in f:``, ``if (x) {``) and the lines
  indented under it, and shell prompt lines (``$ ls``). Code lines are *verbatim*: no fix
  or rule touches them, so indentation and comment lines such as ``# -----`` stay;
- **verse**: in a text that separates its stanzas by blank lines, a run of two or more
  short lines between blank lines (a stanza; two at least in the text) is cleaned line by
  line and its lines stay together, so the stanza breaks survive.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import accumulate
from typing import overload

# Every character Python's str.splitlines() treats as a line boundary, as one pattern,
# CRLF first so it counts once; except NEL (U+0085): in scraped text it is a windows-1252
# ellipsis read as Latin-1 ("parlé\x85 Tu sais"), which fix_mojibake turns back into "…".
LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """Split on every kind of line break (CRLF, CR, LF, U+2028, U+2029, VT, FF), not NEL.

    >>> split_lines("one\\r\\ntwo\\u2028three")
    ['one', 'two', 'three']
    """
    if text.isprintable():
        return [text]  # no line break of any kind is printable: one line (a title, a post)
    if not any(mark in text for mark in _RARE_BREAKS):
        return text.split("\n")  # the usual case: one search per mark beats the pattern
    return LINE_BREAK.split(text)


_RARE_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\u2028", "\u2029")

# A text of more lines than this, SHORT_LINE characters long or less on average, is held
# as Lines: listed as strings, a line costs about 50 bytes before its first character, and
# a text of short lines (a word list, a column of template markers) would take 7 to 10
# times its own size before any cleaning. Longer lines are listed: the rules read each
# paragraph several times, and Lines would make a new string each time.
MANY_LINES = 4096
SHORT_LINE = 64


def line_count(text: str) -> int:
    """The number of lines split_lines finds in *text*: one count per kind of break, a
    CRLF counted once.

    >>> line_count("a\\r\\nb\\rc\\n\\u2028d")
    5
    """
    breaks = text.count("\n")
    if any(mark in text for mark in _RARE_BREAKS):
        breaks += sum(map(text.count, _RARE_BREAKS)) - text.count("\r\n")
    return breaks + 1


# Lines read at a time by Lines.pick, and how far apart the first and last of them may lie
# (in lines, for each one read) for the stretch between to be split whole.
PICKED_AT_ONCE = 1024
SPLIT_SPAN = 4
# The characters of text Lines splits at once to find where its lines start and end.
SPLIT_AT_ONCE = 1 << 13


class ReadWhenAsked(Sequence[str]):
    """A sequence of strings made only when read (see Lines): a subclass says how to read
    the string at an index, counted from 0, and how many there are."""

    __slots__ = ()

    def _read(self, index: int) -> str:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._read(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._read(index)


class Lines(ReadWhenAsked):
    """The lines of a long text as split_lines splits them, held as the text and where
    each line starts and ends: 8 bytes a line until it is read, and a line read is a
    string that goes as soon as it is no longer used.

    >>> lines = Lines("one\\r\\ntwo\\n\\nthree")
    >>> len(lines), lines[1], list(lines)
    (4, 'two', ['one', 'two', '', 'three'])
    """

    __slots__ = ("_ends", "_line_feeds_only", "_starts", "_text")

    def __init__(self, text: str) -> None:
        typecode = "i" if len(text) < 2**31 else "q"
        starts, ends = array(typecode), array(typecode)
        self._line_feeds_only = not any(mark in text for mark in _RARE_BREAKS)
        if self._line_feeds_only:
            # A piece of whole lines at a time, split at the speed of C: its lines' lengths
            # give where each starts and ends.
            position = 0
            while position <= len(text):
                cut = text.find("\n", position + SPLIT_AT_ONCE)
                cut = len(text) if cut < 0 else cut
                lengths = list(map(len, text[position:cut].split("\n")))
                piece_starts = list(accumulate(map((1).__add__, lengths[:-1]), initial=position))
                starts.extend(piece_starts)
                ends.extend(map(operator.add, piece_starts, lengths))
                position = cut + 1
        else:
            position = 0
            for found in LINE_BREAK.finditer(text):
                starts.append(position)
                ends.append(found.start())
                position = found.end()
            starts.append(position)
            ends.append(len(text))
        self._text, self._starts, self._ends = text, starts, ends

    def __len__(self) -> int:
        return len(self._starts)

    def _read(self, index: int) -> str:
        return self._text[self._starts[index] : self._ends[index]]

    def __iter__(self) -> Iterator[str]:
        return self.pick(range(len(self)))

    def batches(self, most_lines: int, most_characters: int) -> Iterator[tuple[int, list[str]]]:
        """The lines in consecutive batches of at most *most_lines* lines, those that start
        within *most_characters* of the first, each batch with the index of its first.

        >>> list(Lines("ab\\ncd\\nefgh\\ni").batches(10, 5))
        [(0, ['ab', 'cd']), (2, ['efgh', 'i'])]
        """
        starts = self._starts
        first = 0
        while first < len(starts):
            past = bisect.bisect_right(starts, starts[first] + most_characters, first + 1)
            past = min(past, first + most_lines)
            yield first, list(self.pick(range(first, past)))
            first = past

    def pick(self, indices: Sequence[int]) -> Iterator[str]:
        """The lines at *indices* (in increasing order), each read when asked.

        >>> list(Lines("a\\nb\\nc\\nd").pick([0, 2, 3]))
        ['a', 'c', 'd']
        """
        text, starts, ends = self._text, self._starts, self._ends
        for first in range(0, len(indices), PICKED_AT_ONCE):
            batch = indices[first : first + PICKED_AT_ONCE]
            low, high = batch[0], batch[-1]
            if self._line_feeds_only and high - low < SPLIT_SPAN * len(batch):
                # One split of the stretch of text the batch spans makes its lines at the
                # speed of C; slicing them one by one costs ten times more.
                lines = text[starts[low] : ends[high]].split("\n")
                if high - low + 1 == len(batch):
                    yield from lines
                else:
                    yield from map(lines.__getitem__, [i - low for i in batch])
            else:
                for i in batch:
                    yield text[starts[i] : ends[i]]


def split_paragraphs(text: str, *, join_wrapped_lines: bool = False) -> list[str]:
    """Return the raw paragraphs of *text*, blank ones included (their index is the line).

    With ``join_wrapped_lines`` a paragraph is a block of lines between blank lines and
    its lines are joined with a space: the layout of hard-wrapped prose, e-mail and
    plain-text books, where a single line break is not a boundary.

    >>> split_paragraphs("a\\nb\\n\\nc")
    ['a', 'b', '', 'c']
    >>> split_paragraphs("a\\nb\\n\\nc", join_wrapped_lines=True)
    ['a b', 'c']
    """
    return list(layout(text, join_wrapped_lines=join_wrapped_lines).paragraphs)


def join_paragraphs(paragraphs: Iterable[str], separator: str = "\n\n", *, final_newline: bool = True) -> str:
    """Join paragraphs with *separator* (one blank line) and end with a newline (as a file
    does, unless *final_newline* is false, as for a field of a record); none gives "".

    >>> join_paragraphs(["First.", "Second."])
    'First.\\n\\nSecond.\\n'
    >>> join_paragraphs(["First.", "Second."], "\\n", final_newline=False)
    'First.\\nSecond.'
    >>> join_paragraphs([])
    ''
    """
    # A long text is joined a batch at a time (see JOIN_BATCH), each batch added to the
    # text so far with += on a string nothing else holds: CPython then grows it where it
    # lies, and the text is held once, not twice (as batches and their join would be).
    joined = ""
    kept: list[str] = []
    for paragraph in paragraphs:
        if paragraph:
            if len(kept) == JOIN_BATCH:
                if joined:
                    joined += separator
                joined += separator.join(kept)
                kept = []
            kept.append(paragraph)
    if not kept:
        return ""
    if final_newline:
        kept[-1] += "\n"  # not added to the joined text: that would copy the whole of it
    if joined:
        joined += separator
    joined += separator.join(kept)
    return joined


# Paragraphs joined at a time: a list of every paragraph of a long text of short lines, as
# strings, would cost several times the text (see MANY_LINES); batches joined cost the
# text once more.
JOIN_BATCH = 1024


# --- blocks: code and verse ----------------------------------------------------------------

# What a line that opens a block of code ends with, and what marks it as code rather than
# a prose label ("He said:"): a keyword of a programming language first, or code punctuation.
_OPENER_ENDS = (":", "{", "(", "[", "\\", ",", ";")
_CODE_KEYWORD = re.compile(
    r"(?:for|if|while|def|class|else|elif|try|except|finally|with|function|switch|case|do|"
    r"foreach|fn|impl|struct|loop|match|begin|public|private|protected|static|async|const|"
    r"let|var|return|import|from|export|print|echo)\b"
)
_CODE_PUNCTUATION = frozenset("()[]{}=;<>")
# A closing line of a block at the opener's indentation ("}", "end", "fi").
_CLOSER = re.compile(r"(?:[}\])][;,)]*|end|fi|done|esac)\s*")
# A shell or interpreter prompt starting a line.
_PROMPT = re.compile(r"\s*(?:\$|>>>|PS>)\s")
# The last character of an opening line, and the first of a prompt (see _PROMPT).
_OPENER_LAST = frozenset(":{([\\,;")
_PROMPT_FIRST = frozenset("$>P")

# A stanza's lines are short: at most this many characters and words each.
VERSE_MAX_CHARS = 60
VERSE_MAX_WORDS = 10
# A text is verse when it has at least this many stanzas.
MIN_STANZAS = 2


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _looks_like_code(line: str) -> bool:
    stripped = line.strip()
    return bool(
        _CODE_KEYWORD.match(stripped)
        or stripped.startswith(("#", "//", "/*", "--"))
        or any(c in _CODE_PUNCTUATION for c in stripped)
        or stripped.endswith(_OPENER_ENDS)
    )


def _opens_block(line: str, following: str) -> bool:
    """True when *line* opens a block of code that *following*, indented deeper, belongs to."""
    stripped = line.rstrip()
    return (
        stripped.endswith(_OPENER_ENDS)
        and (
            _CODE_KEYWORD.match(stripped.lstrip()) is not None
            or any(c in _CODE_PUNCTUATION for c in stripped)
        )
        and following.strip() != ""
        and _indent(following) > _indent(line)
        and _looks_like_code(following)
    )


def _may_hold_code(text: str, only_line_feeds: bool = False) -> bool:
    """False only when *text* holds no code block: every block has a line that starts
    indented or with a prompt, at the text's start or after a line break of any kind
    (*only_line_feeds*: the text breaks its lines with line feeds alone)."""
    if text.startswith(_CODE_STARTS):
        return True
    after_break = _CODE_AFTER_LINE_FEED if only_line_feeds else _CODE_LINE_START
    return after_break.search(text) is not None


# How an indented line or a prompt line starts (see _PROMPT), at the text's start and after
# a line break: one search, anchored on the break.
_CODE_STARTS = (" ", "\t", "$", ">>>", "PS>")
_CODE_LINE_START = re.compile(r"[\n\r\x0b\x0c\x1c\x1d\x1e\u2028\u2029](?:[ \t$]|>>>|PS>)")
_CODE_AFTER_LINE_FEED = re.compile(r"\n(?:[ \t$]|>>>|PS>)")  # a literal first: a fast search


class Runs:
    """Runs of consecutive lines, each as where it starts and where it ends (exclusive), in
    order: two flat arrays, so that a text of many small blocks (code, stanzas) costs 16
    bytes a block, not a dictionary entry a line.

    >>> runs = Runs()
    >>> runs.add(1, 3); runs.add(5, 6)
    >>> list(runs), runs.as_dict()
    ([(1, 3), (5, 6)], {1: 1, 2: 1, 5: 5})
    """

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")

    def add(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)

    def __len__(self) -> int:
        return len(self.starts)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)

    def as_dict(self) -> dict[int, int]:
        """Each line of a run, mapped to the run's first line."""
        return {line: start for start, end in self for line in range(start, end)}


class LineSet(AbstractSet[int]):
    """Line numbers held as one byte a line (a set would take some 60 bytes for each).

    >>> marked = LineSet.of_runs(6, [(1, 3)])
    >>> 2 in marked, 3 in marked, list(marked), len(marked)
    (True, False, [1, 2], 2)
    """

    __slots__ = ("_count", "_flags")

    def __init__(self, flags: bytearray) -> None:
        self._flags = flags
        self._count = len(flags) - flags.count(0)

    @classmethod
    def of_runs(cls, size: int, runs: Iterable[tuple[int, int]]) -> LineSet:
        """The lines of *runs*, among *size* lines."""
        flags = bytearray(size)
        for start, end in runs:
            flags[start:end] = b"\x01" * (end - start)
        return cls(flags)

    def __contains__(self, line: object) -> bool:
        return isinstance(line, int) and 0 <= line < len(self._flags) and self._flags[line] != 0

    def __iter__(self) -> Iterator[int]:
        flags = self._flags
        line = flags.find(1)
        while line >= 0:
            yield line
            line = flags.find(1, line + 1)

    def __len__(self) -> int:
        return self._count


def code_blocks(lines: Sequence[str]) -> dict[int, int]:
    """Map each line that is code to the first line of its block.

    >>> code_blocks(["Python basics", "for line in f:", "    print(line)", "Done."])
    {1: 1, 2: 1}
    >>> code_blocks(["He said:", "    We will win.", "$ ls -la"])
    {2: 2}
    """
    return code_runs(lines).as_dict()


def code_runs(lines: Sequence[str]) -> Runs:
    """The blocks of code among *lines* (see code_blocks), as runs."""
    code = Runs()
    i = 0
    while i < len(lines):
        line = lines[i]
        # Looked at first, the two characters every opening or prompt line needs rule out
        # almost every line of prose without a pattern.
        last = line[-1:]
        if last.isspace():
            last = line.rstrip()[-1:]
        if last not in _OPENER_LAST and line.lstrip()[:1] not in _PROMPT_FIRST:
            i += 1
            continue
        if _PROMPT.match(line):
            start = i
            i += 1
            while i < len(lines) and _PROMPT.match(lines[i]):
                i += 1
            code.add(start, i)
            continue
        if i + 1 < len(lines) and _opens_block(line, lines[i + 1]):
            start, base, j = i, _indent(line), i + 1
            while j < len(lines) and lines[j].strip():
                if _indent(lines[j]) > base:
                    j += 1
                elif _CLOSER.fullmatch(lines[j].strip()):
                    j += 1  # the closing line belongs to the block and ends it
                    break
                else:
                    break
            code.add(start, j)
            i = j
            continue
        i += 1
    return code


# What a line of prose ends with: the end of its sentence, maybe inside quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")


def breaks_a_sentence(line: str) -> bool:
    """True when *line* ends in the middle of a sentence, as lines of verse do.

    >>> breaks_a_sentence("The tide comes in, the tide goes out,"), breaks_a_sentence("He left.")
    (True, False)
    """
    return bool(line.strip()) and _SENTENCE_END.search(line) is None


def is_verse_length(line: str) -> bool:
    """True for a line short enough to be a line of verse."""
    stripped = line.strip()
    return len(stripped) <= VERSE_MAX_CHARS and len(stripped.split()) <= VERSE_MAX_WORDS


def verse_blocks(lines: Sequence[str], taken: Iterable[int] = ()) -> dict[int, int]:
    """Map each line of a stanza to the stanza's first line.

    Only in a text that has blank lines (one that separates its paragraphs or stanzas by
    them): a run of two or more short lines between blank lines, none of them code
    (*taken*), where some line ends in the middle of a sentence (lines of prose end with
    their sentence).

    >>> verse_blocks(["The tide comes in,", "the gulls cry.", "", "And still,", "the sea."])
    {0: 0, 1: 0, 3: 3, 4: 3}
    >>> verse_blocks(["Doors open at six.", "Entry is free.", "", "Parking is limited."])
    {}
    >>> verse_blocks(["The tide comes in,", "the gulls complain."])
    {}
    """
    skip = taken if isinstance(taken, AbstractSet) else frozenset(taken)
    return verse_runs(lines, skip).as_dict()


def verse_runs(lines: Sequence[str], taken: AbstractSet[int] = frozenset()) -> Runs:
    """The stanzas among *lines* (see verse_blocks), as runs."""
    filled = bytearray(map(bool, map(str.strip, lines)))  # a byte a line: 1 when not blank
    # Blank lines between paragraphs, and two non-blank lines in a row, or no stanza at all:
    # most texts have no blank line, or one between every two paragraphs.
    verse = Runs()
    if 0 not in filled or b"\x01\x01" not in filled:
        return verse
    start = 0
    for i in range(len(lines) + 1):
        if i < len(lines) and filled[i]:
            continue
        run = range(start, i)
        if (
            len(run) >= 2
            and not any(k in taken for k in run)
            and all(is_verse_length(lines[k]) for k in run)
            and any(breaks_a_sentence(lines[k]) for k in run[:-1])
        ):
            verse.add(start, i)
        start = i + 1
    # One stanza alone is no poem: a title and a byline above the text look the same.
    return verse if len(verse) >= MIN_STANZAS else Runs()


def regroup(indices: Sequence[int], paragraphs: Sequence[str], layout: Layout) -> Sequence[int]:
    """The blocks to join the kept paragraphs by (*paragraphs*, at *indices* of the input),
    as cleaning the result again would find them: code as it was, and the stanzas that are
    still stanzas.

    Dropping lines can leave a stanza of one line, or one stanza in the whole text; the
    output is then laid out as the same rules read it, so that cleaning twice changes
    nothing more.

    >>> lay = layout("Sea\\n\\nThe tide comes in,\\nthe gulls cry.\\n\\nAnd still,\\nthe sea.\\n")
    >>> list(regroup([0, 2, 3], ["Sea", "The tide comes in,", "the gulls cry."], lay)[2:4])
    [2, 3]
    """
    # The output's lines, as a kept paragraph's place among the kept (-1: the blank line
    # between two blocks): flat, and each line read when asked (see _OutputLines).
    where: array[int] = array("q")
    previous = None
    for position, index in enumerate(indices):
        block = layout.blocks[index]
        if where and block != previous:
            where.append(-1)
        where.append(position)
        previous = block
    verbatim = layout.verbatim
    code = (
        frozenset[int]()
        if not verbatim
        else LineSet(bytearray(position >= 0 and indices[position] in verbatim for position in where))
    )
    verse = verse_runs(_OutputLines(where, paragraphs), code)
    blocks = array("q", range(len(layout.blocks)))  # flat: an int object a line costs more than a short line
    if verbatim:
        for index in indices:
            if index in verbatim:
                blocks[index] = layout.blocks[index]
    for start, end in verse:
        first = indices[where[start]]
        for line in range(start, end):
            blocks[indices[where[line]]] = first
    return blocks


class _OutputLines(ReadWhenAsked):
    """The lines of an output (see regroup), each read from the kept paragraphs when asked."""

    __slots__ = ("_paragraphs", "_where")

    def __init__(self, where: Sequence[int], paragraphs: Sequence[str]) -> None:
        self._where = where
        self._paragraphs = paragraphs

    def __len__(self) -> int:
        return len(self._where)

    def _read(self, index: int) -> str:
        position = self._where[index]
        return "" if position < 0 else self._paragraphs[position]


@dataclass(frozen=True)
class Layout:
    """A text split into raw paragraphs, and which of them stay together.

    ``paragraphs`` are indexed like the input's lines (or its blocks, when wrapped lines
    are joined), blank ones included; ``blocks[i]`` is the block paragraph *i* belongs to
    (paragraphs of one block are joined by a line break in the output); ``verbatim`` holds
    the indices of code lines, which no fix or rule touches.
    """

    paragraphs: Sequence[str]
    blocks: Sequence[int]
    verbatim: AbstractSet[int]

    #: True when some block holds two paragraphs or more (code, a stanza).
    keeps_together: bool = False


def layout(text: str, *, join_wrapped_lines: bool = False) -> Layout:
    """Split *text* into paragraphs, keeping code and verse together (see the module).

    >>> list(layout("for x in y:\\n    go(x)\\nText.").blocks)
    [0, 0, 2]
    """
    count = line_count(text)
    many_short = count > MANY_LINES and len(text) < SHORT_LINE * count
    lines: Sequence[str] = Lines(text) if many_short else split_lines(text)
    # Lines split on line feeds alone when the text has no other break (see split_lines).
    only_line_feeds = len(lines) == 1 or len(lines) == text.count("\n") + 1
    code = code_runs(lines) if _may_hold_code(text, only_line_feeds) else Runs()
    code_lines: AbstractSet[int] = LineSet.of_runs(len(lines), code) if code else frozenset()
    # Hard-wrapped text (join_wrapped_lines) says its short lines are wrapped prose, not verse.
    verse = Runs() if join_wrapped_lines else verse_runs(lines, code_lines)
    if not join_wrapped_lines:
        if not code and not verse:
            return Layout(lines, range(len(lines)), frozenset())
        numbered = array("q", range(len(lines)))
        together = False
        for start, end in itertools.chain(verse, code):
            numbered[start:end] = array("q", [start]) * (end - start)
            together = together or end - start > 1
        return Layout(lines, numbered, code_lines, together)
    # Joining wrapped lines, no stanza is looked for: the only blocks are code.
    paragraphs: list[str] = []
    blocks: list[int] = []
    verbatim: set[int] = set()
    current: list[int] = []
    together = False

    def close() -> None:
        nonlocal together
        if not current:
            return
        if any(i in code_lines for i in current):
            first = len(paragraphs)
            together = together or len(current) > 1
            for i in current:
                if i in code_lines:
                    verbatim.add(len(paragraphs))
                paragraphs.append(lines[i] if i in code_lines else lines[i].strip())
                blocks.append(first)
        else:
            blocks.append(len(paragraphs))
            paragraphs.append(" ".join(lines[i].strip() for i in current))
        current.clear()

    for i, line in enumerate(lines):
        if line.strip():
            current.append(i)
        else:
            close()
    close()
    return Layout(paragraphs, blocks, frozenset(verbatim), together)


def join_layout(
    kept: Iterable[tuple[int, str]],
    blocks: Sequence[int],
    separator: str = "\n\n",
    *,
    final_newline: bool = True,
) -> str:
    """Join the kept ``(index, paragraph)`` pairs: a line break inside a block, *separator*
    between blocks, a final newline as a file has (unless *final_newline* is false).

    >>> join_layout([(0, "for x in y:"), (1, "    go(x)"), (2, "Text.")], [0, 0, 2])
    'for x in y:\\n    go(x)\\n\\nText.\\n'
    """
    joined = ""  # grown a batch at a time, as join_paragraphs grows its text
    parts: list[str] = []
    last_block = None
    for index, paragraph in kept:
        if not paragraph:
            continue
        block = blocks[index]
        if last_block is not None:
            parts.append("\n" if block == last_block else separator)
        parts.append(paragraph)
        last_block = block
        if len(parts) >= 2 * JOIN_BATCH:
            joined += "".join(parts)
            parts = []
    if last_block is None:
        return ""
    if final_newline:
        parts.append("\n")  # joined with the rest: added afterwards, it would copy the whole text
    joined += "".join(parts)
    return joined
