"""Tests for cleanse.io: opening inputs and outputs, decoding, atomic writes."""

from __future__ import annotations

import gzip
import io
import os
import stat
import threading
from pathlib import Path

import pytest

from cleanse.errors import BinaryInputError, InputError
from cleanse.io import (
    Output,
    check_encoding,
    decode,
    looks_binary,
    newline_of,
    open_input,
    read_document,
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
