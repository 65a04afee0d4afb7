"""Streaming readers and writers for the command line: text, JSONL, gzip and zstd.

Nothing here cleans text. This module opens inputs and outputs (compressed by suffix),
turns bytes into text without ever replacing a bad byte silently, finds the one JSON
field to clean in a record and puts the cleaned value back, leaving every other byte of
the record as it was, and writes files atomically so an error or Ctrl-C never leaves a
half-written file behind.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import IO, Any, BinaryIO

from cleanse.errors import BinaryInputError, InputError, RecordError

STDIO = "-"
BINARY_SNIFF_BYTES = 8192

_DECODER = json.JSONDecoder()
_scanstring: Any = json.decoder.scanstring  # type: ignore[attr-defined]


def display_name(path: str) -> str:
    """Name *path* the way messages show it: ``<stdin>``/``<stdout>`` for ``-``."""
    return "<stdin>" if path == STDIO else path


def check_encoding(name: str) -> str:
    """Return the canonical name of the codec *name*, or raise InputError.

    >>> check_encoding("latin-1")
    'iso8859-1'
    """
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown encoding {name!r} (try utf-8, cp1252 or latin-1)") from None


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError:
        raise InputError(
            "reading or writing .zst needs the zstandard package: pip install 'cleanse-corpus[zstd]'"
        ) from None
    return zstandard


def open_input(path: str) -> BinaryIO:
    """Open *path* for reading bytes (``-`` is stdin), decompressing ``.gz`` and ``.zst``.

    Every failure a user can cause (missing file, a directory, no permission) is an
    :class:`InputError` naming the file. The stream returned supports ``peek``.
    """
    if path == STDIO:
        if sys.stdin is None:  # started with stdin closed (<&-)
            raise InputError("<stdin>: standard input is closed")
        stream: Any = sys.stdin.buffer
        return stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    try:
        if os.path.isdir(path):
            raise IsADirectoryError(21, "Is a directory")
        raw = open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory (pass the files in it, e.g. {path}/*.txt)") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from None
    if path.endswith(".gz"):
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if path.endswith(".zst"):
        try:
            zstandard = _zstandard()
        except InputError:
            raw.close()
            raise
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=True)
        return io.BufferedReader(reader)
    return raw


def read_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a (compressed) stream raises for corrupt data, to report as InputError."""
    errors: list[type[BaseException]] = [EOFError, OSError]  # gzip.BadGzipFile is an OSError
    if "zstandard" in sys.modules:
        errors.append(sys.modules["zstandard"].ZstdError)
    return tuple(errors)


def _is_wide(encoding: str) -> bool:
    """True for UTF-16 and UTF-32, whose text is full of NUL bytes."""
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def looks_binary(stream: BinaryIO, encoding: str = "utf-8") -> bool:
    """Return True when the first 8 KiB of *stream* hold a NUL byte (in an 8-bit encoding)."""
    if _is_wide(encoding):
        return False
    peek = getattr(stream, "peek", None)
    head: bytes = peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES] if peek else b""
    return b"\x00" in head


def decode(data: bytes, encoding: str, source: str, offset: int = 0) -> str:
    """Decode *data*, raising InputError with the file and byte offset of a bad byte.

    Bad bytes are never replaced: the user learns where they are and can pick the
    right ``--encoding``. *offset* is where *data* starts in the file.

    >>> decode(b"caf\\xc3\\xa9", "utf-8", "x.txt")
    'café'
    >>> decode(b"caf\\xe9", "utf-8", "x.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleanse.errors.InputError: x.txt: invalid UTF-8 at byte offset 3 (byte 0xe9); for a legacy ...
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
        bad = data[exc.start : exc.start + 1].hex()
        hint = "; for a legacy encoding use --encoding cp1252" if name == "UTF-8" else ""
        where = f"byte offset {offset + exc.start} (byte 0x{bad})"
        raise InputError(f"{source}: invalid {name} at {where}{hint}") from None


def read_document(stream: BinaryIO, source: str, encoding: str = "utf-8") -> tuple[str, int]:
    """Read all of *stream* as one text document; return the text and its size in bytes.

    A NUL byte means the file is binary (:class:`BinaryInputError`); bad bytes for the
    encoding are an :class:`InputError` with their offset.
    """
    data = stream.read()
    if b"\x00" in data and not _is_wide(encoding):
        raise BinaryInputError(f"{source}: looks binary (contains NUL bytes); skipped")
    text = decode(data, encoding, source)
    if "\x00" in text:
        raise BinaryInputError(f"{source}: looks binary (contains NUL characters); skipped")
    return text, len(data)


def newline_of(text: str) -> str:
    r"""Return the line ending *text* uses: ``"\r\n"`` when its first line break is CRLF.

    >>> newline_of("a\r\nb\r\n"), newline_of("a\nb"), newline_of("one line")
    ('\r\n', '\n', '\n')
    """
    index = text.find("\n")
    return "\r\n" if index > 0 and text[index - 1] == "\r" else "\n"


@functools.cache
def _orjson() -> Any:
    """orjson, imported on first use (text mode never needs it, and it takes ~15 ms), or None.

    Without it (a platform with no orjson wheel) every record takes json's path: the same
    bytes, slower.
    """
    try:
        import orjson
    except ImportError:
        return None
    return orjson


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    names = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def locate_field(line: str, field: str) -> tuple[str, int, int]:
    """Return the string value of *field* in the JSON object *line*, and where its JSON lies.

    The exact path, for every record :func:`locate_field_fast` leaves alone: ``json.loads``
    decides what is valid and words the error, as it always has.

    >>> locate_field('{"id": 1, "text": "Hi"}', "text")
    ('Hi', 18, 22)
    >>> locate_field('[1, 2]', "text")
    Traceback (most recent call last):
    ...
    cleanse.errors.RecordError: not a JSON object but an array
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        raise RecordError(f"malformed JSON: {exc}") from None
    if not isinstance(record, dict):
        raise RecordError(f"not a JSON object but {_json_type(record)}")
    if field not in record:
        raise RecordError(f"no {field!r} field (use --field NAME to clean another field)")
    value = record[field]
    if not isinstance(value, str):
        raise RecordError(f"field {field!r} is {_json_type(value)}, not a string")
    start, end = field_span(line, field)
    return value, start, end


# orjson refuses everything json refuses, and more (NaN, lone surrogate escapes, numbers
# out of a double's range, nesting over 1024), but it accepts nesting that json's
# recursion limit refuses: records with many brackets take the exact path.
_FAST_MAX_BRACKETS = 500


def locate_field_fast(data: bytes, field: str) -> tuple[str, int, int] | None:
    """Return the string value of *field* in the UTF-8 record *data*, and its byte span.

    The common case, at about three times the speed of :func:`locate_field`: orjson
    parses, and the span is found without decoding anything. None means "not the common
    case" (malformed, not an object, no such string field, or anything orjson reads
    differently from json): the caller then takes the exact path, which gives json's
    answer and words its error.

    >>> locate_field_fast(b'{"id": 1, "text": "Hi"}', "text")
    ('Hi', 18, 22)
    >>> locate_field_fast(b'{"n": NaN, "text": "Hi"}', "text") is None
    True
    """
    orjson = _orjson()
    if orjson is None:
        return None
    try:
        record = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    if type(record) is not dict:
        return None
    value = record.get(field)
    if type(value) is not str:
        return None
    start, end = _span_of_only_key(data, field) or _walk_for_span(data, field)
    # Brackets inside the field's own string add no depth, and it is most of the record.
    before = data.count(b"[", 0, start) + data.count(b"{", 0, start)
    if before + data.count(b"[", end) + data.count(b"{", end) > _FAST_MAX_BRACKETS:
        return None
    return value, start, end


_COLON = re.compile(rb"[ \t\n\r]*:[ \t\n\r]*")


def _span_of_only_key(data: bytes, field: str) -> tuple[int, int] | None:
    """The span of the string value of *field*, found from the first place its key is written.

    An ASCII key with no character that has a short escape (``\\"``, ``\\/``) is written
    literally unless a ``\\uXXXX`` escape spells one of its letters. Take the first
    ``"field":`` in the record and the string after it; that is the answer unless the key
    is written again further on (repeated, or nested), or an escape outside the string
    could spell another copy. Neither can hide inside the string, which has no unescaped
    quote before its end. A few ``bytes.find`` calls instead of a walk through every
    member; None: walk.
    """
    key = _literal_key(field)
    if key is None:
        return None
    at = data.find(key)
    colon = _COLON.match(data, at + len(key)) if at >= 0 else None
    if colon is None or data[colon.end()] != _QUOTE:
        return None
    start = colon.end()
    end = _string_end(data, start)
    if data.find(key, end) >= 0:
        return None
    if data.find(b"\\u", 0, at) >= 0 or data.find(b"\\u", end) >= 0:
        outside = (data[:at] + data[end:]).lower()  # hex digits may be either case
        if any(f"\\u{ord(char):04x}".encode("ascii") in outside for char in set(field)):
            return None
    return start, end


@functools.lru_cache(maxsize=16)
def _literal_key(field: str) -> bytes | None:
    """The bytes of *field* as a JSON key, if it can only be written that way (bar ``\\u``)."""
    if not (field.isascii() and field.isprintable()) or any(c in field for c in '"\\/'):
        return None  # not ASCII, or a character with a short escape: "\t", "\/"
    return b'"' + field.encode("ascii") + b'"'


def _walk_for_span(data: bytes, field: str) -> tuple[int, int]:
    """Walk the top-level members of *data* to the last *field*, skipping values undecoded.

    For the records :func:`_span_of_only_key` cannot answer: a key repeated, or nested
    objects with the same key.
    """
    wanted = field.encode("utf-8")
    index = data.index(b"{") + 1
    span = None
    while True:
        member = _KEY.match(data, index)
        if member is None:  # the "}" of an empty object
            break
        key, start = member.group(1), member.end()
        end = _value_end(data, start)
        if key == wanted or (b"\\" in key and json.loads(b'"' + key + b'"') == field):
            span = (start, end)
        after = _AFTER_VALUE.match(data, end)
        if after is None or after.group(1) == b"}":
            break
        index = after.end()
    assert span is not None, "_walk_for_span() takes a record orjson read the field from"
    return span


_KEY = re.compile(rb'[ \t\n\r]*"((?:[^"\\]|\\.)*)"[ \t\n\r]*:[ \t\n\r]*', re.DOTALL)
_AFTER_VALUE = re.compile(rb"[ \t\n\r]*([,}])")
_SCALAR = re.compile(rb"[^ \t\n\r,\]}]*")
_BRACKET_OR_QUOTE = re.compile(rb'["\[\]{}]')
_QUOTE, _BACKSLASH, _OPENERS = ord('"'), ord("\\"), b"[{"


def _value_end(data: bytes, start: int) -> int:
    """Index just past the JSON value that starts at *start* in valid JSON *data*."""
    first = data[start]
    if first == _QUOTE:
        return _string_end(data, start)
    if first not in _OPENERS:
        return _SCALAR.match(data, start).end()  # type: ignore[union-attr]  # * always matches
    depth, index = 0, start
    while True:
        found = _BRACKET_OR_QUOTE.search(data, index)
        assert found is not None, "brackets balance in valid JSON"
        at = found.start()
        if data[at] == _QUOTE:
            index = _string_end(data, at)
            continue
        depth += 1 if data[at] in _OPENERS else -1
        index = at + 1
        if depth == 0:
            return index


def _string_end(data: bytes, quote: int) -> int:
    """Index just past the JSON string whose opening quote is at *quote*.

    A string ends at the first quote after an even number of backslashes. Searching
    for quotes only is what makes this cheap: a regex for a JSON string steps through
    every escape, and an article's text holds one per line break.
    """
    index = quote
    while True:
        index = data.index(b'"', index + 1)
        before = index - 1
        while data[before] == _BACKSLASH:
            before -= 1
        if (index - before) % 2:  # index - before - 1 backslashes: an even number
            return index + 1


def field_span(line: str, field: str) -> tuple[int, int]:
    """Return where the value of the top-level *field* starts and ends in a valid record.

    Only the value's characters are replaced when a record is written back, so every
    other field keeps its bytes: key order, spacing, number formats, escapes. With a key
    repeated, the last one counts, as in ``json.loads``.

    >>> line = '{"text": "a", "n": 1.50, "text": "b"}'
    >>> start, end = field_span(line, "text")
    >>> line[start:end]
    '"b"'
    """
    index = _skip_space(line, 0) + 1  # past "{"
    span: tuple[int, int] | None = None
    while True:
        index = _skip_space(line, index)
        if line[index] == "}":
            break
        key, index = _scanstring(line, index + 1)
        index = _skip_space(line, index) + 1  # past ":"
        index = _skip_space(line, index)
        _, end = _DECODER.raw_decode(line, index)
        if key == field:
            span = (index, end)
        index = _skip_space(line, end)
        if line[index] == ",":
            index += 1
    if span is None:
        raise RecordError(f"no {field!r} field")
    return span


def _skip_space(line: str, index: int) -> int:
    while index < len(line) and line[index] in " \t\n\r":
        index += 1
    return index


def json_string(value: str, *, ascii_only: bool = False) -> bytes:
    r"""Return *value* as a JSON string in UTF-8, byte for byte as ``json.dumps`` writes it.

    That is ``json.dumps(value, ensure_ascii=ascii_only).encode()``, made by orjson where
    it writes the same bytes: json's C encoder goes one character at a time once a text
    holds non-ASCII (45 µs for a 4 kB article, more than the rest of a record's
    handling), orjson about 7 µs. A lone surrogate, which UTF-8 cannot carry, is written
    as a ``\uXXXX`` escape, as json writes it with ``ensure_ascii``.

    >>> json_string('He said "hi"\n')
    b'"He said \\"hi\\"\\n"'
    >>> json_string("caf\u00e9 \ud800")
    b'"caf\\u00e9 \\ud800"'
    """
    orjson = _orjson()
    if not ascii_only and orjson is not None:
        try:
            dumped: bytes = orjson.dumps(value)
            return dumped
        except orjson.JSONEncodeError:  # a lone surrogate
            ascii_only = True
    if not ascii_only and _has_surrogate(value):
        ascii_only = True
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def splice_field(data: bytes, start: int, end: int, value: str) -> bytes:
    r"""Return the UTF-8 record *data* with the JSON text from byte *start* to *end* set to *value*.

    Every other byte stays as it was. A value written with ``\uXXXX`` escapes in pure
    ASCII is written back the same way.

    >>> splice_field(b'{"n": 1.50, "text": "a  b"}', 20, 26, "a b")
    b'{"n": 1.50, "text": "a b"}'
    >>> splice_field(b'{"text": "caf\\u00e9  x"}', 9, 23, "caf\u00e9 x")
    b'{"text": "caf\\u00e9 x"}'
    """
    ascii_only = data.find(b"\\u", start, end) >= 0 and data[start:end].isascii()
    return b"".join((data[:start], json_string(value, ascii_only=ascii_only), data[end:]))


def to_utf8(line: str, start: int, end: int) -> tuple[bytes, int, int]:
    """Encode *line* to UTF-8 and turn the character offsets *start* and *end* into byte offsets.

    >>> to_utf8('{"é": 1, "text": "x"}', 17, 20)
    (b'{"\\xc3\\xa9": 1, "text": "x"}', 18, 21)
    """
    head = len(line[:start].encode("utf-8"))
    return line.encode("utf-8"), head, head + len(line[start:end].encode("utf-8"))


class Output:
    """A byte stream to write to: stdout, or a file replaced atomically on :meth:`commit`.

    A file is written to a temporary file beside it (compressed by suffix), flushed,
    fsynced, given the mode of the file it replaces, and moved over it with
    ``os.replace``; :meth:`discard` (on an error or Ctrl-C) removes the temporary file,
    so the destination is either untouched or complete, never half-written.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._tmp: str | None = None
        self._raw: IO[bytes] | None = None
        self._closers: list[Any] = []
        if path == STDIO:
            stdout: Any = sys.stdout
            stdout.flush()
            self.stream: BinaryIO = stdout.buffer
            return
        import tempfile

        target = Path(path)
        if target.is_dir():
            raise InputError(f"{path}: is a directory, not an output file")
        if target.exists() and not target.is_file():
            # A device or a pipe (/dev/null, a FIFO) is written to as it is: replacing it
            # with a regular file would destroy it (as root, even /dev/null).
            try:
                self._raw = open(path, "wb")  # noqa: SIM115 - closed in commit()/discard()
            except PermissionError:
                raise InputError(f"{path}: permission denied") from None
            self.stream = self._raw
            return
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except FileNotFoundError:
            raise InputError(f"{path}: no such directory {str(target.parent)!r}") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        self._raw = os.fdopen(fd, "wb")
        stream: Any = self._raw
        try:
            if path.endswith(".gz"):
                import gzip

                stream = gzip.GzipFile(filename=target.name[:-3], fileobj=self._raw, mode="wb", mtime=0)
                self._closers.append(stream)
            elif path.endswith(".zst"):
                stream = _zstandard().ZstdCompressor().stream_writer(self._raw, closefd=False)
                self._closers.append(stream)
        except BaseException:
            self.discard()
            raise
        self.stream = stream

    def commit(self) -> None:
        """Finish writing: flush (and fsync, then move into place, for a file)."""
        if self._tmp is None or self._raw is None:
            self.stream.flush()
            if self._raw is not None:
                self._raw.close()
            return
        for closer in self._closers:
            closer.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        try:
            mode = os.stat(self.path).st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self._tmp, mode)
        os.replace(self._tmp, self.path)
        self._tmp = None

    def discard(self) -> None:
        """Forget everything written to a file output; the destination stays as it was."""
        if self._tmp is None:
            if self._raw is not None and not self._raw.closed:
                self._raw.close()
            return
        for closer in self._closers:
            with contextlib.suppress(Exception):
                closer.close()
        if self._raw is not None:
            self._raw.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._tmp)
        self._tmp = None
