"""Paragraph boundaries: the one place that knows how text is split and joined.

Scraper output puts one paragraph on each line, so by default every line break is a
paragraph boundary. Output paragraphs are separated by exactly one blank line and the
text ends with a single newline; text with no paragraphs is the empty string. Because
that output splits back into the same paragraphs, joining is idempotent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    lines = split_lines(text)
    if not join_wrapped_lines:
        return lines
    blocks: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


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
    kept = [p for p in paragraphs if p]
    if not kept:
        return ""
    return separator.join(kept) + ("\n" if final_newline else "")
