"""cleanse.paragraphs: where paragraphs begin and end, on the way in and on the way out."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse import paragraphs as paragraphs_module
from cleanse.paragraphs import Lines, join_paragraphs, split_lines, split_paragraphs

# --- split_lines: every kind of line break -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the usual three
        ("a\nb", ["a", "b"]),
        ("a\r\nb", ["a", "b"]),  # CRLF is one break, not two
        ("a\rb", ["a", "b"]),
        # the rest of what str.splitlines() knows
        ("a\u2028b\u2029c", ["a", "b", "c"]),
        ("a\x0bb\x0cc", ["a", "b", "c"]),
        ("a\x1cb\x1dc\x1ed", ["a", "b", "c", "d"]),
        # not NEL (U+0085): in scraped text it is a mis-decoded windows-1252 ellipsis
        ("parlé\x85 Tu sais", ["parlé\x85 Tu sais"]),
        # blank lines and a final break are kept as empty strings (their index is the line)
        ("a\n\nb", ["a", "", "b"]),
        ("a\n", ["a", ""]),
        ("\r\n\r\n", ["", "", ""]),
        ("", [""]),
        # the \r of a CRLF pair is not left behind, nor is \n\r one break
        ("a\n\rb", ["a", "", "b"]),
    ],
)
def test_split_lines(text: str, expected: list[str]) -> None:
    assert split_lines(text) == expected


@pytest.mark.parametrize(
    "text",
    ["plain", "a\nb\r\nc\rd\u2028e\x0bf\x0cg\x1ch\x1di\x1ej\u2029k", "x\r\n\r\ny\n"],
)
def test_split_lines_agrees_with_str_splitlines_but_for_nel(text: str) -> None:
    expected = text.splitlines()
    got = split_lines(text)
    # str.splitlines() drops the empty string after a final break; split_lines keeps it.
    assert got[: len(expected)] == expected
    assert got[len(expected) :] in ([], [""])


# --- split_paragraphs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scraper output: every line is a paragraph, blank lines included
        ("Title\nFirst.\n\nSecond.", ["Title", "First.", "", "Second."]),
        ("one line", ["one line"]),
    ],
)
def test_split_paragraphs_one_per_line(text: str, expected: list[str]) -> None:
    assert split_paragraphs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hard-wrapped prose: blocks between blank lines, their lines joined with one space
        ("The first\nline.\n\nThe second\nline.", ["The first line.", "The second line."]),
        ("  indented\n  lines  \n", ["indented lines"]),
        ("a\r\nb\r\n\r\n\r\nc", ["a b", "c"]),
        ("\n\n\n", []),
        ("", []),
    ],
)
def test_split_paragraphs_joining_wrapped_lines(text: str, expected: list[str]) -> None:
    assert split_paragraphs(text, join_wrapped_lines=True) == expected


# --- join_paragraphs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["First.", "Second."], "First.\n\nSecond.\n"),
        (["Only."], "Only.\n"),
        # empty paragraphs vanish; nothing left gives the empty string, not "\n"
        (["First.", "", "Second."], "First.\n\nSecond.\n"),
        ([], ""),
        ([""], ""),
    ],
)
def test_join_paragraphs(paragraphs: list[str], expected: str) -> None:
    assert join_paragraphs(paragraphs) == expected


@pytest.mark.parametrize("paragraphs", [["a"], ["a", "b", "c"], ["Ünïcödé", "東京", "שלום"]])
def test_joined_paragraphs_split_back_the_same(paragraphs: list[str]) -> None:
    """The output form reads back as the same paragraphs: why cleaning is idempotent."""
    joined = join_paragraphs(paragraphs)
    assert [p for p in split_paragraphs(joined) if p] == paragraphs
    assert split_paragraphs(joined, join_wrapped_lines=True) == paragraphs
    assert join_paragraphs(split_paragraphs(joined)) == joined


# --- Lines: a long text's lines without a string for each ------------------------------------

line_pieces = st.lists(
    st.sampled_from(["a", "word", " ", "", "\n", "\n\n", "\r\n", "\r", "\u2028", "\x85", "é", "😀"]),
    max_size=80,
).map("".join)


@given(line_pieces)
def test_lines_are_the_lines_split_lines_gives(text: str) -> None:
    lines = Lines(text)
    expected = split_lines(text)
    assert list(lines) == expected
    assert len(lines) == len(expected)
    assert [lines[i] for i in range(len(lines))] == expected
    assert lines[-1] == expected[-1]


@given(line_pieces, st.integers(1, 5), st.integers(1, 12), st.data())
def test_lines_are_read_in_batches_and_picked_in_order(
    text: str, most_lines: int, most_characters: int, data: st.DataObject
) -> None:
    lines = Lines(text)
    batches = list(lines.batches(most_lines, most_characters))
    assert [line for _, batch in batches for line in batch] == list(lines)
    assert [first for first, _ in batches] == list(
        itertools.accumulate((len(batch) for _, batch in batches[:-1]), initial=0)
    )
    assert all(1 <= len(batch) <= most_lines for _, batch in batches)
    wanted = sorted(data.draw(st.sets(st.integers(0, len(lines) - 1))))
    assert list(lines.pick(wanted)) == [lines[i] for i in wanted]


def test_lines_read_a_long_text_a_piece_at_a_time() -> None:
    text = "\n".join(f"line {i}" for i in range(20_000)) + "\n"
    assert list(Lines(text)) == text.split("\n")


@pytest.mark.parametrize("size", [0, 1, 2, 3, 7])
def test_joining_in_batches_joins_as_one_join_does(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    paragraphs = ["a", "", "b", "c", "", "d", "e", "f"][:size]
    expected = join_paragraphs(paragraphs)
    monkeypatch.setattr(paragraphs_module, "JOIN_BATCH", 2)
    assert join_paragraphs(paragraphs) == expected
    assert join_paragraphs(paragraphs, "\n", final_newline=False) == "\n".join(p for p in paragraphs if p)
