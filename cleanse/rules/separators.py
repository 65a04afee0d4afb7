"""Separator lines: a paragraph made only of punctuation used as a rule."""

from __future__ import annotations

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
