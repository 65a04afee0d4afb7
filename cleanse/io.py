"""Streaming files for the command line: text, gzip and zstd in, atomic files out.

Nothing here cleans text or knows about JSON records (that is :mod:`cleanse.jsonl`).
This module opens inputs and outputs (compressed by suffix), turns bytes into text
without ever replacing a bad byte silently, and writes files atomically so an error or
Ctrl-C never leaves a half-written file behind.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
from pathlib import Path
from typing import IO, Any, BinaryIO

from cleanse.errors import BinaryInputError, InputError

STDIO = "-"
BINARY_SNIFF_BYTES = 8192


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


def write_all(stream: IO[bytes], data: bytes) -> None:
    """Write every byte of *data* to the uncompressed *stream*, or raise OSError.

    A buffered stream returns a short count, instead of raising, when the reader of a
    pipe goes away in the middle of a large write; writing the rest then raises
    :class:`BrokenPipeError`. Ignoring the count would end the run as if all was written.
    """
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if not written:  # nothing taken and no error: never loop forever on a stuck stream
            raise OSError(errno.EIO, "cannot write output: nothing was written")
        view = view[written:]


class Output:
    """A byte stream to write to: stdout, or a file replaced atomically on :meth:`commit`.

    A file is written to a temporary file beside it (compressed by suffix), flushed,
    fsynced, given the mode of the file it replaces, and moved over it with
    ``os.replace``; :meth:`discard` (on an error or Ctrl-C) removes the temporary file,
    so the destination is either untouched or complete, never half-written. Write with
    :meth:`write`, which never loses bytes silently.
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

    def write(self, data: bytes) -> None:
        """Write all of *data*, or raise OSError (BrokenPipeError: the reader went away)."""
        if self._closers:
            self.stream.write(data)  # a compressor takes all its input or raises
        else:
            write_all(self.stream, data)

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
