"""Reading the inputs: each file (or stdin) becomes events and tasks, lazily, as work proceeds.

A text file is one task. A JSONL input is read in chunks of whole lines, each one task;
a record is never split between chunks, and the reader never parses a record (the
worker does), so reading keeps pace with any number of workers.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from typing import Any

from cleanse.cli.options import InputSettings, Options, Resolved
from cleanse.cli.tasks import (
    Event,
    JsonlTask,
    Skipped,
    SourceEnd,
    SourceStart,
    Task,
    TextTask,
    Want,
    config_key,
)
from cleanse.errors import BinaryInputError, CleanseError, InputError

# The first chunk of a JSONL input is small, so a short input still keeps every worker
# busy; chunks then double up to a size at which a task's fixed cost (a pipe round trip,
# pickling) no longer matters, while a few chunks per worker in flight keep memory flat.
FIRST_CHUNK_BYTES = 16 * 1024
CHUNK_BYTES = 256 * 1024


class Reader:
    """Turns the inputs into events and tasks, lazily, so input is read as work proceeds."""

    def __init__(self, options: Options, settings: InputSettings, want: Want) -> None:
        self.options = options
        self.settings = settings
        self.want = want

    def events(self, paths: Sequence[str]) -> Iterator[Task | Event]:
        from cleanse.io import display_name

        for path in paths:
            source = display_name(path)
            if (
                self.options.in_place
                and os.path.exists(path)
                and not os.path.isdir(path)
                and not os.path.isfile(path)
            ):
                # A device or FIFO cannot be replaced by a rewritten copy (as root, not even /dev/null).
                yield Skipped(f"{source}: not a regular file; --in-place only rewrites regular files")
                continue
            try:
                resolved = self.settings.for_input(path)
                key = config_key(resolved.config)
                if self.options.html:
                    yield from self._html(path, source, resolved, key)
                elif self.options.jsonl:
                    yield from self._jsonl(path, source, resolved, key)
                else:
                    yield from self._text(path, source, key)
            except BinaryInputError as exc:
                yield Skipped(str(exc), warning=True)
            except InputError as exc:
                yield Skipped(str(exc))

    def _text(self, path: str, source: str, key: tuple[Any, ...]) -> Iterator[Task | Event]:
        from cleanse.io import newline_of, open_input, read_document, read_errors

        options = self.options
        stream = open_input(path)
        try:
            text, size = read_document(stream, source, options.encoding)
        except read_errors() as exc:
            raise _stream_error(source, exc) from None
        finally:
            if path != "-":
                stream.close()
        in_place = options.in_place or options.check or options.diff
        newline = newline_of(text) if in_place else "\n"
        encoding = options.encoding if options.in_place else "utf-8"
        yield SourceStart(path)
        yield TextTask(source, text, size, key, self.want, newline, encoding)
        yield SourceEnd(path)

    def _html(
        self, path: str, source: str, resolved: Resolved, key: tuple[Any, ...]
    ) -> Iterator[Task | Event]:
        """A page a file; the responses of a WARC file; or, with --jsonl, a page a record."""
        from cleanse.cli import pages
        from cleanse.io import open_input, read_errors

        options = self.options
        if options.jsonl:
            yield from self._jsonl(path, source, resolved, key)
            return
        stream = open_input(path)
        try:
            yield SourceStart(path)
            if pages.is_warc(path):
                try:
                    yield from pages.warc_tasks(
                        source, stream, key, resolved.field, self.want, options.drop_empty
                    )
                except read_errors() as exc:
                    raise _stream_error(source, exc, fatal=True) from None
                except Exception as exc:  # warcio's own errors: not a WARC file, or a damaged one
                    if type(exc).__module__.startswith("warcio"):
                        raise FatalInputError(f"{source}: not a readable WARC file: {exc}") from None
                    raise
            else:
                try:
                    page = stream.read()
                except read_errors() as exc:
                    raise _stream_error(source, exc) from None
                yield pages.HtmlPageTask(source, page, key, self.want)
            yield SourceEnd(path)
        finally:
            if path != "-":
                stream.close()

    def _jsonl(
        self, path: str, source: str, resolved: Resolved, key: tuple[Any, ...]
    ) -> Iterator[Task | Event]:
        from cleanse.io import looks_binary, open_input, read_errors

        options = self.options
        stream = open_input(path)
        try:
            try:
                binary = looks_binary(stream, options.encoding)
            except read_errors() as exc:
                raise _stream_error(source, exc) from None
            if binary:
                raise BinaryInputError(f"{source}: looks binary (contains NUL bytes); skipped")
            yield SourceStart(path)
            number, offset, size = 1, 0, FIRST_CHUNK_BYTES
            while True:
                try:
                    chunk = stream.read(size)
                    if chunk and not chunk.endswith(b"\n"):
                        chunk += stream.readline()  # records stay whole
                except read_errors() as exc:
                    raise _stream_error(source, exc, fatal=True) from None
                if not chunk:
                    break
                if options.html:
                    from cleanse.cli.pages import HtmlRecordsTask

                    yield HtmlRecordsTask(
                        source,
                        number,
                        chunk,
                        key,
                        options.html_field or "html",
                        resolved.field,
                        options.encoding,
                        self.want,
                        options.drop_empty,
                    )
                else:
                    yield JsonlTask(
                        source,
                        number,
                        offset,
                        chunk,
                        key,
                        resolved.field,
                        options.encoding,
                        self.want,
                        options.drop_empty,
                    )
                number, offset, size = (
                    number + chunk.count(b"\n"),
                    offset + len(chunk),
                    min(2 * size, CHUNK_BYTES),
                )
            yield SourceEnd(path)
        finally:
            if path != "-":
                stream.close()


def _stream_error(source: str, exc: BaseException, *, fatal: bool = False) -> Exception:
    """The error for a stream that broke while being read: fatal once part of it went out."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, EOFError):
        message = "compressed stream ends too early (truncated file?)"
    error = InputError(f"{source}: cannot read: {message}")
    return FatalInputError(str(error)) if fatal else error


class FatalInputError(CleanseError):
    """An input broke mid-stream, after some of it was written: stop everything.

    Not an :class:`~cleanse.errors.InputError`, which skips the input and goes on.
    """


def total_size(paths: Sequence[str]) -> int | None:
    """The bytes to read, when every input is a plain (uncompressed) regular file."""
    total = 0
    for path in paths:
        if path == "-" or path.endswith((".gz", ".zst")):
            return None
        with contextlib.suppress(OSError):
            total += os.stat(path).st_size
    return total
