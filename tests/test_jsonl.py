"""Tests for cleanse.jsonl: finding a record's field, and writing a cleaned value back."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.errors import InputError, RecordError
from cleanse.jsonl import (
    field_span,
    is_utf8,
    json_string,
    locate_field,
    locate_field_fast,
    locate_record,
    splice_field,
    to_utf8,
)

# --- JSONL records


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "a"', "malformed JSON"),
        ("not json", "malformed JSON"),
        ("[1, 2]", "not a JSON object but an array"),
        ('"just a string"', "not a JSON object but a string"),
        ("null", "not a JSON object but null"),
        ('{"body": "a"}', "no 'text' field"),
        ('{"text": 3}', "field 'text' is a number, not a string"),
        ('{"text": null}', "field 'text' is null, not a string"),
        ('{"text": ["a"]}', "field 'text' is an array, not a string"),
        ('{"text": true}', "field 'text' is a boolean, not a string"),
        ('{"n": ' + "9" * 5000 + ', "text": "a"}', "malformed JSON"),
    ],
)
def test_locate_field_errors(line: str, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        locate_field(line, "text")


@pytest.mark.parametrize(
    "line",
    [
        '{"text": "x"}',
        '  {  "text"  :  "x"  }  \r\n',
        '{"a": {"text": "nested"}, "text": "x", "b": [{"text": "y"}]}',
        '{"text": "first", "text": "x"}',
        '{"t\\u0065xt": "x"}',
        '{"a": "}\\"text\\": ", "text": "x"}',
        '{"a": "ends in a backslash \\\\", "text": "x", "b": "\\u00e9\\""}',
    ],
)
def test_field_span_finds_the_top_level_value(line: str) -> None:
    start, end = field_span(line, "text")
    assert json.loads(line[start:end]) == json.loads(line)["text"] == "x"


def replace_field(line: str, field: str, value: str) -> str:
    """Set *field* of the record *line* to *value* the way the command line writes a record back."""
    _, start, end = locate_field(line, field)
    data, start, end = to_utf8(line, start, end)
    return splice_field(data, start, end, value).decode("utf-8")


def test_replace_field_keeps_every_other_byte() -> None:
    line = '{"id":1.50, "text" : "a  b",\t"z": 1e3, "u": "caf\\u00e9"}\r\n'
    assert (
        replace_field(line, "text", "a b") == '{"id":1.50, "text" : "a b",\t"z": 1e3, "u": "caf\\u00e9"}\r\n'
    )


def test_replace_field_keeps_escaping_style() -> None:
    assert replace_field('{"text": "caf\\u00e9 x"}', "text", "café") == '{"text": "caf\\u00e9"}'
    assert replace_field('{"text": "café x"}', "text", "café") == '{"text": "café"}'
    assert replace_field('{"text": "a\\nb"}', "text", "a\n\nb") == '{"text": "a\\n\\nb"}'


# --- JSONL records, the fast path: it answers as the exact path does, or not at all


def exact(line: bytes, field: str = "text") -> tuple[str, int, int]:
    """What json.loads and field_span say, as the value and a byte span."""
    text = line.decode("utf-8")
    value, start, end = locate_field(text, field)
    _, start, end = to_utf8(text, start, end)
    return value, start, end


@pytest.mark.parametrize(
    "line",
    [
        b'{"text": "x"}',
        b'  {  "text"  :  "x"  }  \r\n',
        b'{"id": 1.50, "text": "caf\xc3\xa9 \\u00e9 \\"q\\" \\\\", "z": [1, {"a": "}"}]}\n',
        b'{"a": {"text": "nested"}, "text": "x", "b": [{"text": "y"}]}',
        b'{"text": "first", "text": "x"}',
        b'{"text": "x", "t\\u0065xt": "escaped key, repeated: the last counts"}',
        b'{"t\\u0065xt": "x"}',
        b'{"a": "}\\"text\\": ", "text": "x"}',
        b'{"a": "say \\"text", "text": "x"}',
        b'{"a": {"say \\"text": 1}, "text": "x"}',
        b'{"a": "ends in a backslash \\\\", "text": "x", "b": "\\u00e9\\""}',
        b'{"text": "ends in a backslash \\\\", "b": 1}',
        b'{"text": "\\ud83d\\ude00 a pair of escapes"}',
        b'{"n": 123456789012345678901234567890, "text": "orjson reads a float, json an int"}',
        b'{"a": [[[[{"text": "deep"}]]]], "text": "x"}',
    ],
)
def test_fast_path_finds_what_the_exact_path_finds(line: bytes) -> None:
    assert locate_field_fast(line, "text") == exact(line)


@pytest.mark.parametrize(
    "line",
    [
        b'{"text": "a"',
        b"not json",
        b"[1, 2]",
        b'{"body": "a"}',
        b'{"text": 3}',
        b'{"text": "x", "text": 3}',
        b'{"n": NaN, "text": "json reads NaN, orjson does not"}',
        b'{"n": 1e400, "text": "json reads inf"}',
        b'{"text": "a lone \\ud800 surrogate"}',
        b'\xef\xbb\xbf{"text": "a BOM"}',
        b'{"text": "caf\xe9 is not UTF-8"}',
        b'{"text": "a raw \t tab"}',
        b'{"a": ' + b"[" * 600 + b"]" * 600 + b', "text": "nesting json may refuse"}',
    ],
)
def test_fast_path_declines_what_it_cannot_answer_as_json_does(line: bytes) -> None:
    assert locate_field_fast(line, "text") is None


def test_fast_path_for_other_field_names() -> None:
    line = b'{"a/b": "x", "body": "y", "caf\xc3\xa9": "z"}'
    for field in ("a/b", "body", "caf\u00e9"):
        assert locate_field_fast(line, field) == exact(line, field)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["text", "a", "té"]), inner),
    max_leaves=8,
)


@given(
    members=st.lists(st.tuples(st.sampled_from(["text", "t\\u0065xt", "a", "b"]), _JSON_VALUES), max_size=5),
    text=st.text(),
    ensure_ascii=st.booleans(),
    space=st.sampled_from(["", " ", "\t", "\r\n "]),
)
def test_fast_path_agrees_with_the_exact_path(
    members: list[tuple[str, object]], text: str, ensure_ascii: bool, space: str
) -> None:
    dump = lambda value: json.dumps(value, ensure_ascii=ensure_ascii)  # noqa: E731
    parts = [f'"{key}"{space}:{space}{dump(value)}' for key, value in [*members, ("text", text)]]
    line = ("{" + space + f",{space}".join(reversed(parts)) + space + "}\n").encode("utf-8", "surrogatepass")
    try:
        expected = exact(line)
    except (UnicodeDecodeError, RecordError):
        expected = None
    found = locate_field_fast(line, "text")
    assert found is None or found == expected


# --- whole records: byte-order marks and encodings


def locate(raw: bytes, *, encoding: str = "utf-8", first: bool = False) -> tuple[bytes, str, int, int]:
    return locate_record(raw, "text", encoding=encoding, first=first, source="x.jsonl", offset=100)


def test_a_byte_order_mark_is_dropped_on_the_first_line_only() -> None:
    bom = b'\xef\xbb\xbf{"text": "a"}\n'
    assert locate(bom, first=True) == (b'{"text": "a"}\n', "a", 9, 12)
    with pytest.raises(RecordError, match="malformed JSON"):
        locate(bom)
    utf16 = '\ufeff{"text": "a"}\n'.encode("utf-16-le")
    assert locate(utf16, encoding="utf-16-le", first=True) == (b'{"text": "a"}\n', "a", 9, 12)


def test_a_record_in_a_legacy_encoding_comes_back_as_utf8() -> None:
    data, text, start, end = locate('{"text": "caf\u00e9"}'.encode("cp1252"), encoding="cp1252")
    assert (data, text, data[start:end]) == ('{"text": "café"}'.encode(), "café", '"café"'.encode())


def test_a_bad_byte_names_its_offset_in_the_file() -> None:
    with pytest.raises(InputError, match=r"x\.jsonl: invalid UTF-8 at byte offset 113"):
        locate(b'{"text": "caf\xe9"}')


def test_is_utf8() -> None:
    assert [is_utf8(name) for name in ("utf-8", "UTF8", "utf_8", "latin-1")] == [True, True, True, False]


# --- writing a value back


def test_json_string_writes_every_character_as_json_does() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for start in range(0, len(every), 4096):
        chunk = every[start : start + 4096]
        assert json_string(chunk) == json.dumps(chunk, ensure_ascii=False).encode("utf-8")
        assert json_string(chunk, ascii_only=True) == json.dumps(chunk).encode("ascii")


@given(st.text())
def test_json_string_is_json_dumps(text: str) -> None:
    expected = json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if any(0xD800 <= ord(c) < 0xE000 for c in text):
        expected = json.dumps(text).encode("ascii")  # UTF-8 cannot carry a lone surrogate
    assert json_string(text) == expected


def test_splice_field_keeps_every_other_byte_and_the_escaping_style() -> None:
    line = b'{"id":1.50, "text" : "a  b",\t"z": 1e3, "u": "caf\\u00e9"}\r\n'
    assert (
        splice_field(line, 21, 27, "\u00e9 b")
        == b'{"id":1.50, "text" : "\xc3\xa9 b",\t"z": 1e3, "u": "caf\\u00e9"}\r\n'
    )
    escaped = b'{"text": "caf\\u00e9  x"}'
    assert splice_field(escaped, 9, 23, "caf\u00e9 x") == b'{"text": "caf\\u00e9 x"}'
