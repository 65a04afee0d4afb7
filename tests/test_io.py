"""Tests for cleanse.io: opening inputs and outputs, decoding, and JSONL field surgery."""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.errors import BinaryInputError, InputError, RecordError
from cleanse.io import (
    Output,
    check_encoding,
    decode,
    field_span,
    json_string,
    locate_field,
    locate_field_fast,
    looks_binary,
    newline_of,
    open_input,
    read_document,
    splice_field,
    to_utf8,
)

# --- opening inputs


def test_open_input_reads_plain_gzip_and_zstd(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    data = b'{"text": "a"}\n{"text": "b"}\n'
    (tmp_path / "x.jsonl").write_bytes(data)
    (tmp_path / "x.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "x.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    for name in ("x.jsonl", "x.jsonl.gz", "x.jsonl.zst"):
        with open_input(str(tmp_path / name)) as stream:
            assert list(stream) == [b'{"text": "a"}\n', b'{"text": "b"}\n']


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
    ],
)
def test_open_input_errors_name_the_file(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(InputError, match=message) as info:
        open_input(str(path))
    assert str(path) in str(info.value)


def test_open_input_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, where chmod 000 does not stop reading; simulate the refusal.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("cleanse.io.open", refuse, raising=False)
    with pytest.raises(InputError, match="permission denied"):
        open_input(str(tmp_path / "secret.txt"))


def test_open_input_stdin_supports_peek(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"abc")))
    stream = open_input("-")
    assert stream.peek(2)[:2] == b"ab"  # type: ignore[attr-defined]
    assert stream.read() == b"abc"


def test_missing_zstandard_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "x.zst").write_bytes(b"whatever")
    monkeypatch.setitem(__import__("sys").modules, "zstandard", None)
    with pytest.raises(InputError, match=r"pip install 'cleanse-corpus\[zstd\]'"):
        open_input(str(tmp_path / "x.zst"))


# --- decoding


def test_decode_reports_byte_offset_including_the_start_offset() -> None:
    with pytest.raises(InputError, match=r"f\.jsonl: invalid UTF-8 at byte offset 105 \(byte 0xff\)"):
        decode(b"abcde\xff", "utf-8", "f.jsonl", offset=100)


def test_decode_legacy_encoding() -> None:
    assert decode(b"caf\xe9 \x93quoted\x94", "cp1252", "x") == "café “quoted”"


def test_decode_error_in_other_encoding_names_it() -> None:
    with pytest.raises(InputError, match="invalid ascii at byte offset 1"):
        decode(b"a\xe9", "ascii", "x")


def test_check_encoding() -> None:
    assert check_encoding("CP1252") == "cp1252"
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        check_encoding("klingon")


def test_read_document_binary_and_utf16() -> None:
    with pytest.raises(BinaryInputError, match="looks binary"):
        read_document(io.BufferedReader(io.BytesIO(b"PK\x03\x04\x00\x00")), "x.zip")
    text = "Hello\nWorld\n"
    assert read_document(io.BufferedReader(io.BytesIO(text.encode("utf-16"))), "x", "utf-16")[0] == text


def test_looks_binary_only_sniffs_8bit_encodings() -> None:
    assert looks_binary(io.BufferedReader(io.BytesIO(b"a\x00b")))
    assert not looks_binary(io.BufferedReader(io.BytesIO(b"ab")))
    assert not looks_binary(io.BufferedReader(io.BytesIO("ab".encode("utf-16"))), "utf-16")


def test_newline_of() -> None:
    assert newline_of("a\r\nb\n") == "\r\n"
    assert newline_of("a\nb\r\n") == "\n"
    assert newline_of("") == "\n"


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


# --- atomic outputs


def test_output_commit_replaces_atomically_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    out = Output(str(target))
    out.stream.write(b"new")
    assert target.read_text() == "old"  # nothing visible before commit
    out.commit()
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["out.txt"]


def test_output_discard_leaves_destination_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    out = Output(str(target))
    out.stream.write(b"half")
    out.discard()
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_output_new_file_gets_default_mode(tmp_path: Path) -> None:
    out = Output(str(tmp_path / "new.txt"))
    out.stream.write(b"x")
    out.commit()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o666 & ~umask


def test_output_compresses_by_suffix(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    for name in ("o.gz", "o.zst"):
        out = Output(str(tmp_path / name))
        out.stream.write(b"hello\n")
        out.commit()
    assert gzip.decompress((tmp_path / "o.gz").read_bytes()) == b"hello\n"
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO((tmp_path / "o.zst").read_bytes()))
    assert reader.read() == b"hello\n"


def test_output_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        Output(str(tmp_path))
    with pytest.raises(InputError, match="no such directory"):
        Output(str(tmp_path / "nope" / "out.txt"))


def test_output_to_a_device_writes_through_and_never_replaces_it(tmp_path: Path) -> None:
    """`-o /dev/null` (or a FIFO) must not be swapped for a regular file by the atomic rename."""
    from cleanse.io import Output

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    out = Output(str(fifo))
    out.stream.write(b"through the pipe\n")
    out.commit()
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    out = Output(os.devnull)
    out.stream.write(b"gone")
    out.commit()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
