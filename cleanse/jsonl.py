"""JSONL records: find the one field to clean, the config that cleans it, and put the cleaned value back.

Nothing here cleans text or opens files. A record is found in two ways that give the same
answer: a fast path for the ordinary UTF-8 record (orjson parses, the field's span is
found in the bytes) and the exact path for everything else (``json.loads`` decides what
is valid and words the error). Writing back replaces only the field's JSON, so every
other byte of a record (key order, spacing, number formats, escapes) stays as it was.
"""

from __future__ import annotations

import functools
import json
import re
from typing import TYPE_CHECKING, Any

from cleanse.errors import RecordError
from cleanse.io import decode

if TYPE_CHECKING:
    from cleanse.config import Config

UTF8_BOM = b"\xef\xbb\xbf"

_DECODER = json.JSONDecoder()
_scanstring: Any = json.decoder.scanstring  # type: ignore[attr-defined]


def field_config(config: Config) -> Config:
    """Return *config* as it cleans a field of a record: the same steps, no final newline.

    A file ends with a newline; a value does not, so a field whose paragraphs are already
    separated as configured comes back unchanged instead of gaining a newline (and every
    record of a clean corpus being rewritten). The paragraph separator is left as
    configured. The datatrove step cleans a document's text the same way.

    >>> from cleanse.config import Config
    >>> field_config(Config()).final_newline
    False
    """
    return config.replace(final_newline=False) if config.final_newline else config


def is_utf8(encoding: str) -> bool:
    """Return True when *encoding* names UTF-8, in which records are read as the bytes they are.

    >>> is_utf8("UTF_8"), is_utf8("utf8"), is_utf8("cp1252")
    (True, True, False)
    """
    return encoding.replace("_", "-").lower() in ("utf-8", "utf8")


def locate_record(
    raw: bytes, field: str, *, encoding: str, first: bool, source: str, offset: int
) -> tuple[bytes, str, int, int]:
    r"""Return the record *raw* as UTF-8, the value of its *field*, and the byte span of its JSON.

    *first* says that *raw* is the first line of its input, where a byte-order mark is
    an editor's marker, not part of the record. A UTF-8 record takes the fast path when
    it can; any other record, or one the fast path declines, is decoded (a bad byte is
    an :class:`~cleanse.errors.InputError` with its *offset* in *source*) and read by
    ``json.loads`` (a :class:`~cleanse.errors.RecordError` says what is wrong with it).

    >>> locate_record(b'\xef\xbb\xbf{"text": "Hi"}\n', "text", encoding="utf-8", first=True,
    ...               source="x.jsonl", offset=0)
    (b'{"text": "Hi"}\n', 'Hi', 9, 13)
    """
    if is_utf8(encoding):
        data = raw[len(UTF8_BOM) :] if first and raw.startswith(UTF8_BOM) else raw
        found = locate_field_fast(data, field)
        if found is not None:
            return (data, *found)
    line = decode(raw, encoding, source, offset)
    if first and line.startswith("\ufeff"):
        line = line[1:]
    value, start, end = locate_field(line, field)
    data, start, end = to_utf8(line, start, end)
    return data, value, start, end


@functools.cache
def _orjson() -> Any:
    """orjson, imported on first use (text mode never needs it, so its start-up never pays), or None.

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

    The common case, without the exact path's decoding and second parse: orjson parses,
    and the span is found in the bytes. None means "not the common
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
    holds non-ASCII, which would make writing a record back cost more than finding it.
    A lone surrogate, which UTF-8 cannot carry, is written
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
