"""Cuts: spans of junk glued inside a paragraph, and how a paragraph is put back together.

Span rules return :class:`Cut` s; the pipeline applies them with :func:`apply_cuts`,
which tidies each seam (one space, none before punctuation) so that what is left reads
as the sentence did without the junk.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple


class Cut(NamedTuple):
    """A span of a paragraph to remove, ``text[start:end]``, and why."""

    start: int
    end: int
    reason: str


def merge(cuts: list[Cut]) -> list[Cut]:
    """*cuts* sorted, overlapping ones made one (keeping the first one's reason)."""
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
    return cut_and_map(paragraph, cuts, mapped=False)[0]


def cut_and_map(
    paragraph: str, cuts: Sequence[Cut], mapped: bool = True
) -> tuple[str, list[tuple[int, int]]]:
    """``apply_cuts(paragraph, cuts)``, and (when *mapped*) where each of its pieces starts:
    in the result, and in *paragraph* (see origin)."""
    # The kept pieces as (start, end) in *paragraph*, each stripped there: one slice per
    # piece, not a slice and then its stripped copy (on a page on one line, each a copy
    # of most of the page).
    pieces: list[tuple[int, int]] = []
    position = 0
    for cut in merge(sorted(cuts)):
        if cut.start < position:
            continue
        pieces.append(_stripped(paragraph, position, cut.start))
        position = cut.end
    pieces.append(_stripped(paragraph, position, len(paragraph)))
    # Join piece by piece without re-reading what is already joined: a 20 MB line with
    # thousands of cuts must stay linear.
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    length = 0
    for start, end in pieces:
        if start == end:
            continue
        first = paragraph[start]
        if parts and not (first in ".,;:!?’'”)]" or unicodedata.category(first) == "Pe"):
            parts.append(" ")
            length += 1
        if mapped:
            starts.append((length, start))
        parts.append(paragraph[start:end])
        length += end - start
    return "".join(parts), starts


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of ``text[start:end].strip()`` in *text*."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def origin(starts: list[tuple[int, int]], position: int) -> int:
    """Where the character at *position* of a ``cut_and_map`` result was in the paragraph."""
    at, origin = starts[bisect.bisect_right(starts, position, key=lambda start: start[0]) - 1]
    return origin + position - at
