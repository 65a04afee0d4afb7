"""The ``cleanse`` command: a Unix filter over the library, with no cleaning of its own.

argparse turns the command line into a :class:`~cleanse.Config` (plus the settings of any
config file), :mod:`cleanse.io` turns inputs into documents or JSONL records, the library
cleans them, and this module only decides where results, explanations, statistics and
errors go. Everything heavy is imported inside the functions that need it, so
``cleanse --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from cleanse.io import Output
    from cleanse.pipeline import Change, Config

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130

# JSONL is read in chunks of whole lines, each one task (for a worker with --jobs): the
# first small, so a short input still keeps every worker busy, then doubling up to a size
# at which a task's fixed cost (a pipe round trip, pickling) disappears, while a few
# chunks per worker in flight keep memory flat.
FIRST_CHUNK_BYTES = 16 * 1024
CHUNK_BYTES = 256 * 1024
IN_FLIGHT_PER_JOB = 3

EPILOG = """\
examples:
  cleanse article.txt                      clean one document to stdout
  cleanse --jsonl dump.jsonl.zst -o clean.jsonl.gz
  zstdcat dump.jsonl.zst | cleanse --jsonl --stats | zstd > clean.jsonl.zst
  cleanse --jsonl --field body --drop-empty --jobs 0 < in.jsonl > out.jsonl
  cleanse --explain article.txt > /dev/null  why each line went (on stderr)
  cleanse --check docs/*.txt               exit 1 when something would change
  cleanse --diff article.txt               what would change, as a unified diff
  cleanse --in-place --disable pull_quote docs/*.txt
  cleanse --jsonl --on-error skip --errors-to bad.jsonl in.jsonl > out.jsonl

exit status: 0 done (with --check: nothing to change), 1 --check or --diff --check
found changes, 2 errors (bad flag, unreadable or binary file, bad record with
--on-error fail), 130 interrupted (Ctrl-C). Output to a closed pipe (| head) ends
quietly with status 141, like other Unix tools.
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (also used to check the README documents every flag)."""
    from cleanse import __version__

    parser = argparse.ArgumentParser(
        prog="cleanse",
        description=(
            "Clean messy scraped text into clean paragraphs: read FILEs (or stdin), write the\n"
            "cleaned text to stdout. Files ending in .gz or .zst are (de)compressed."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("files", nargs="*", metavar="FILE", help="input files; none or - reads stdin")
    add(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (replaced atomically at the end) instead of stdout",
    )
    add("--version", action="version", version=f"cleanse {__version__}")

    fmt = parser.add_argument_group("input format")
    fmt.add_argument(
        "--jsonl", action="store_true", help="input is JSON Lines: clean one field of every record"
    )
    fmt.add_argument("--field", metavar="NAME", help="the JSONL field to clean (default: text)")
    fmt.add_argument(
        "--drop-empty", action="store_true", help="leave out records whose text is empty after cleaning"
    )
    fmt.add_argument(
        "--encoding", metavar="NAME", default="utf-8", help="read input in this encoding (default utf-8)"
    )
    fmt.add_argument(
        "--on-error",
        choices=("fail", "skip", "keep"),
        default="fail",
        help="a bad JSONL record: fail (stop, exit 2; the default), skip it, or keep it unchanged",
    )
    fmt.add_argument(
        "--errors-to", metavar="FILE", help="also write every skipped or kept bad record to FILE"
    )

    mode = parser.add_argument_group("what to do")
    mode.add_argument("--check", action="store_true", help="list what would change; exit 1 if anything would")
    mode.add_argument(
        "--diff", action="store_true", help="print a unified diff of what would change; write nothing"
    )
    mode.add_argument("-i", "--in-place", action="store_true", help="rewrite the FILEs atomically")
    mode.add_argument(
        "--explain", action="store_true", help="on stderr: source:record:paragraph step: reason"
    )
    mode.add_argument(
        "--explain-format",
        choices=("text", "json"),
        help="explanations as text (default) or JSONL; implies --explain",
    )
    mode.add_argument("--stats", action="store_true", help="print statistics on stderr at the end")
    mode.add_argument(
        "--stats-format",
        choices=("text", "json"),
        help="statistics as text (default) or JSON; implies --stats",
    )
    mode.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (0: all cores)"
    )
    mode.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no warnings")

    steps = parser.add_argument_group("steps and configuration")
    steps.add_argument(
        "--list-steps", action="store_true", help="list every step and whether it runs, then exit"
    )
    steps.add_argument(
        "--enable", action="append", default=[], metavar="STEP", help="switch a step on (repeatable)"
    )
    steps.add_argument(
        "--disable", action="append", default=[], metavar="STEP", help="switch a step off (repeatable)"
    )
    steps.add_argument("--config", metavar="FILE", help="read settings from this TOML file")
    steps.add_argument("--no-config", action="store_true", help="ignore config files")
    steps.add_argument(
        "--show-config",
        nargs="?",
        const="",
        metavar="FILE",
        help="print the settings that apply (to FILE) and where each came from, then exit",
    )
    return parser


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Resolved:
    """The configuration and field that apply to one input."""

    config: Config
    field: str


class SettingsCache:
    """Settings per input (config files, then command-line flags), resolved once per path.

    Config files can carry per-path overrides, so the settings are resolved for each
    input path rather than per directory; :mod:`cleanse.settings` caches parsed files,
    so many inputs under one config cost one parse.
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._by_path: dict[str, Resolved] = {}

    def for_input(self, path: str) -> Resolved:
        args = self.args
        if args.no_config and not args.config:
            if not self._by_path:  # no config files to read: skip importing cleanse.settings
                from cleanse.pipeline import Config

                disable = frozenset(args.disable)
                config = Config(enable=frozenset(args.enable) - disable, disable=disable)
                self._by_path[""] = Resolved(config, args.field or "text")
            return self._by_path[""]
        if path not in self._by_path:
            settings = self.settings(None if path == "-" else path)
            self._by_path[path] = Resolved(settings.config, settings.field)
        return self._by_path[path]

    def settings(self, path: str | None) -> Any:
        """The :class:`cleanse.settings.Settings` for *path*, with the command line applied."""
        import dataclasses
        from pathlib import Path

        from cleanse import settings

        args = self.args
        resolved = settings.resolve_settings(
            Path(path) if path else None,
            config_file=Path(args.config) if args.config else None,
            no_config=args.no_config,
        )
        config, origins = resolved.config, dict(resolved.origins)
        enable, disable = set(args.enable), set(args.disable)
        if enable or disable:
            config = config.replace(
                enable=(config.enable - disable) | enable,
                disable=(config.disable - enable) | disable,
            )
            for key, names in (("enable", enable), ("disable", disable)):
                if names:
                    before = origins.get(key, "default")
                    origins[key] = "command line" if before == "default" else f"{before} + command line"
        field_name = resolved.field
        if args.field:
            field_name, origins["field"] = args.field, "command line (--field)"
        return dataclasses.replace(resolved, config=config, field=field_name, origins=origins)


def show_config(args: argparse.Namespace) -> int:
    """Print the settings that apply to ``--show-config FILE`` (or stdin), and their origins."""
    from cleanse import settings

    resolved = SettingsCache(args).settings(args.show_config or None)
    sys.stdout.write(settings.describe(resolved).rstrip("\n") + "\n")
    return EXIT_OK


def list_steps(config: Config) -> int:
    """Print every step in pipeline order: name, kind, whether it runs, what it does."""
    from cleanse.pipeline import steps

    for step in steps(config):
        state = "on" if config.is_enabled(step.name) else "off"
        sys.stdout.write(f"{step.name:24} {step.kind:9} {state:3} {step.summary}\n")
    return EXIT_OK


# --------------------------------------------------------------------------- work items


def config_key(config: Config) -> tuple[Any, ...]:
    """A picklable description of *config* from which a worker rebuilds it."""
    if config.extra_steps:
        from cleanse.errors import ConfigError

        raise ConfigError("user steps (extra_steps) cannot be sent to --jobs workers; use --jobs 1")
    return (
        tuple(sorted(config.enable)),
        tuple(sorted(config.disable)),
        config.extra_patterns,
        config.protect,
    )


_CONFIGS: dict[tuple[Any, ...], Config] = {}


def config_from_key(key: tuple[Any, ...]) -> Config:
    """Rebuild (once per process) the Config that :func:`config_key` described."""
    if key not in _CONFIGS:
        from cleanse.pipeline import Config

        enable, disable, extra_patterns, protect = key
        _CONFIGS[key] = Config(enable=enable, disable=disable, extra_patterns=extra_patterns, protect=protect)
    return _CONFIGS[key]


@dataclass(frozen=True)
class Want:
    """What the orchestrator needs back from a worker besides the output."""

    changes: bool = False  # for --explain and --stats
    texts: bool = False  # for --diff


@dataclass
class Outcome:
    """What became of one document or record."""

    source: str
    record: int  # 1-based: the line of a JSONL record, 1 for a text document
    bytes_in: int
    output: bytes | None  # None: dropped (or a bad record, see error)
    changed: bool
    changes: list[Change] = field(default_factory=list)
    error: str | None = None
    raw: bytes = b""  # a bad record's line, for --on-error keep and --errors-to
    before: str = ""
    after: str = ""
    blank: bool = False  # a blank JSONL line: not a record, passed through


@dataclass
class TextTask:
    """One text document to clean."""

    source: str
    text: str
    bytes_in: int
    config: tuple[Any, ...]
    want: Want
    newline: str  # the line ending to write back ("\r\n" keeps a CRLF file CRLF)
    encoding: str  # the encoding to write back (in place) or "utf-8"

    def run(self) -> list[Outcome]:
        from cleanse.pipeline import clean, clean_and_explain

        config = config_from_key(self.config)
        changes: list[Change] = []
        if self.want.changes:
            cleaned, changes = clean_and_explain(self.text, config)
        else:
            cleaned = clean(self.text, config)
        if self.newline != "\n":
            cleaned = cleaned.replace("\n", self.newline)
        changed = cleaned != self.text
        try:
            output = cleaned.encode(self.encoding)
        except UnicodeEncodeError as exc:
            from cleanse.errors import InputError

            char = exc.object[exc.start : exc.end]
            raise InputError(
                f"{self.source}: the cleaned text has {char!r}, which {self.encoding} cannot hold"
            ) from None
        outcome = Outcome(self.source, 1, self.bytes_in, output, changed, changes)
        if self.want.texts and changed:
            outcome.before, outcome.after = self.text, cleaned
        return [outcome]


class _Located(NamedTuple):
    """A record of a chunk whose field was found: where its outcome goes, and the field."""

    at: int  # its place among the chunk's outcomes
    number: int  # its line number
    raw: bytes  # the line as read
    data: bytes  # the record as UTF-8
    text: str  # the field's value
    start: int  # the byte span of the field's JSON in data
    end: int


@dataclass
class JsonlTask:
    """A run of consecutive JSONL lines from one source to clean."""

    source: str
    first_line: int  # 1-based line number of the first line in chunk
    offset: int  # byte offset of chunk in the (decompressed) source
    chunk: bytes  # whole lines as read: the worker splits them, the reader need not
    config: tuple[Any, ...]
    field: str
    encoding: str
    want: Want
    drop_empty: bool

    def run(self) -> list[Outcome]:
        from io import BytesIO

        from cleanse.errors import InputError
        from cleanse.jsonl import is_utf8, locate_record, splice_field
        from cleanse.pipeline import clean, clean_and_explain

        config = config_from_key(self.config)
        # Three passes over the chunk, each over all its records: find the fields, clean
        # them, write them back. Cleaning the records one after the other, with no JSON
        # work in between, keeps the cleaner's tables in the CPU's caches.
        outcomes: list[Outcome | None] = []
        records: list[_Located] = []
        offset = self.offset
        utf8 = is_utf8(self.encoding)
        for number, raw in enumerate(BytesIO(self.chunk).readlines(), self.first_line):  # split at \n only
            line_offset, offset = offset, offset + len(raw)
            if not raw.strip():
                outcomes.append(Outcome(self.source, number, len(raw), raw, False, blank=True))
                continue
            try:
                data, text, start, end = locate_record(
                    raw,
                    self.field,
                    encoding=self.encoding,
                    first=number == 1,
                    source=self.source,
                    offset=line_offset,
                )
            except InputError as exc:
                reason = str(exc).removeprefix(f"{self.source}: ")
                outcomes.append(Outcome(self.source, number, len(raw), None, False, error=reason, raw=raw))
                continue
            records.append(_Located(len(outcomes), number, raw, data, text, start, end))
            outcomes.append(None)  # filled in below
        if self.want.changes:
            results = [clean_and_explain(record.text, config) for record in records]
        else:
            results = [(clean(record.text, config), []) for record in records]
        for record, (cleaned, changes) in zip(records, results, strict=True):
            at, number, raw, data, text, start, end = record
            changed = cleaned != text
            output: bytes | None
            if self.drop_empty and not cleaned:
                output = None
            elif changed:
                output = splice_field(data, start, end, cleaned)
            elif utf8:
                output = raw  # byte for byte as it came
            else:
                output = data
            if output is not None and not output.endswith(b"\n"):
                output += b"\n"
            outcome = Outcome(self.source, number, len(raw), output, changed or output is None, changes)
            if self.want.texts and changed:
                outcome.before, outcome.after = text, cleaned
            outcomes[at] = outcome
        return [outcome for outcome in outcomes if outcome is not None]


@dataclass
class SourceStart:
    """The orchestrator is about to get the results for this input."""

    path: str


@dataclass
class SourceEnd:
    """Every result for this input has been delivered."""

    path: str


@dataclass
class Skipped:
    """An input that could not be read at all; the others go on."""

    message: str
    warning: bool = False


Task = TextTask | JsonlTask
Event = SourceStart | SourceEnd | Skipped


def _run_task(task: Task) -> list[Outcome]:
    return task.run()


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; only the parent reports it, once.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def in_order(
    items: Iterable[Task | Event], executor: Executor | None, limit: int
) -> Iterator[list[Outcome] | Event]:
    """Run the tasks in *items* (on *executor* if any) and yield results in input order.

    At most *limit* tasks are in flight, so memory stays bounded however long the input.
    """
    if executor is None:
        for item in items:
            yield item.run() if isinstance(item, (TextTask, JsonlTask)) else item
        return
    pending: deque[Future[list[Outcome]] | Event] = deque()
    in_flight = 0

    def pop() -> list[Outcome] | Event:
        nonlocal in_flight
        head = pending.popleft()
        if isinstance(head, (SourceStart, SourceEnd, Skipped)):
            return head
        in_flight -= 1
        return head.result()

    for item in items:
        if isinstance(item, (TextTask, JsonlTask)):
            pending.append(executor.submit(_run_task, item))
            in_flight += 1
        else:
            pending.append(item)
        while in_flight >= limit or (pending and isinstance(pending[0], (SourceStart, SourceEnd, Skipped))):
            yield pop()
    while pending:
        yield pop()


# --------------------------------------------------------------------------- reading


class Reader:
    """Turns the inputs into events and tasks, lazily, so input is read as work proceeds."""

    def __init__(self, args: argparse.Namespace, settings: SettingsCache, want: Want) -> None:
        self.args = args
        self.settings = settings
        self.want = want

    def events(self, paths: Sequence[str]) -> Iterator[Task | Event]:
        from cleanse.errors import BinaryInputError, InputError
        from cleanse.io import display_name

        for path in paths:
            source = display_name(path)
            if (
                self.args.in_place
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
                if self.args.jsonl:
                    yield from self._jsonl(path, source, resolved, key)
                else:
                    yield from self._text(path, source, key)
            except BinaryInputError as exc:
                yield Skipped(str(exc), warning=True)
            except InputError as exc:
                yield Skipped(str(exc))

    def _text(self, path: str, source: str, key: tuple[Any, ...]) -> Iterator[Task | Event]:
        from cleanse.io import newline_of, open_input, read_document, read_errors

        args = self.args
        stream = open_input(path)
        try:
            text, size = read_document(stream, source, args.encoding)
        except read_errors() as exc:
            raise _stream_error(source, exc) from None
        finally:
            if path != "-":
                stream.close()
        in_place = args.in_place or args.check or args.diff
        newline = newline_of(text) if in_place else "\n"
        encoding = args.encoding if args.in_place else "utf-8"
        yield SourceStart(path)
        yield TextTask(source, text, size, key, self.want, newline, encoding)
        yield SourceEnd(path)

    def _jsonl(
        self, path: str, source: str, resolved: Resolved, key: tuple[Any, ...]
    ) -> Iterator[Task | Event]:
        from cleanse.errors import BinaryInputError
        from cleanse.io import looks_binary, open_input, read_errors

        args = self.args
        stream = open_input(path)
        try:
            try:
                binary = looks_binary(stream, args.encoding)
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
                yield JsonlTask(
                    source,
                    number,
                    offset,
                    chunk,
                    key,
                    resolved.field,
                    args.encoding,
                    self.want,
                    args.drop_empty,
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
    from cleanse.errors import InputError

    message = str(exc) or type(exc).__name__
    if isinstance(exc, EOFError):
        message = "compressed stream ends too early (truncated file?)"
    error = InputError(f"{source}: cannot read: {message}")
    return FatalInputError(str(error)) if fatal else error


class FatalInputError(Exception):
    """An input broke mid-stream, after some of it was written: stop everything."""


# --------------------------------------------------------------------------- reporting


class Progress:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool, total: int | None, unit: str) -> None:
        self.enabled = enabled
        self.total = total
        self.unit = unit
        self.bytes = 0
        self.records = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._shown = False

    def advance(self, nbytes: int, records: int) -> None:
        self.bytes += nbytes
        self.records += records
        if self.enabled:
            now = time.monotonic()
            if now - self._last >= 0.2:
                self._last = now
                self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.bytes / max(now - self.start, 1e-9) / 1e6
        done = f"{self.bytes / 1e6:,.1f} MB"
        if self.total:
            done += f" of {self.total / 1e6:,.1f} MB ({min(100.0, 100 * self.bytes / self.total):.0f}%)"
        sys.stderr.write(f"\r\x1b[Kcleanse: {done}, {self.records:,} {self.unit}, {rate:.2f} MB/s")
        sys.stderr.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self._shown = False


@dataclass
class Stats:
    """Counters for --stats."""

    documents_in: int = 0
    documents_out: int = 0
    documents_changed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    bad_records: int = 0
    skipped_records: int = 0
    kept_records: int = 0
    skipped_files: int = 0
    changes: Counter[str] = field(default_factory=Counter)
    start: float = field(default_factory=time.monotonic)

    def as_dict(self) -> dict[str, Any]:
        seconds = time.monotonic() - self.start
        return {
            "documents_in": self.documents_in,
            "documents_out": self.documents_out,
            "documents_changed": self.documents_changed,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "bad_records": self.bad_records,
            "skipped_records": self.skipped_records,
            "kept_records": self.kept_records,
            "skipped_files": self.skipped_files,
            "changes": dict(sorted(self.changes.items())),
            "seconds": round(seconds, 3),
            "mb_per_s": round(self.bytes_in / 1e6 / seconds, 3) if seconds > 0 else 0.0,
        }

    def render(self, fmt: str) -> str:
        data = self.as_dict()
        if fmt == "json":
            import json

            return json.dumps(data) + "\n"
        d = data
        lines = [
            f"documents: {d['documents_in']} in, {d['documents_out']} out, {d['documents_changed']} changed",
            f"bytes: {d['bytes_in']} in, {d['bytes_out']} out",
            f"bad records: {d['bad_records']} ({d['skipped_records']} skipped, {d['kept_records']} kept);"
            f" skipped files: {d['skipped_files']}",
            f"time: {d['seconds']:.2f} s, {d['mb_per_s']:.2f} MB/s",
        ]
        lines += [f"changes by {step}: {count}" for step, count in data["changes"].items()]
        return "".join(f"cleanse: {line}\n" for line in lines)


def explain_line(outcome: Outcome, change: Change, fmt: str) -> str:
    """One explanation: ``source:record:paragraph step: reason`` (paragraph 1-based)."""
    if fmt == "json":
        import json

        data = {"source": outcome.source, "record": outcome.record, **change.as_record()}
        return json.dumps(data, ensure_ascii=False) + "\n"
    shown = change.span or change.before
    if len(shown) > 60:
        shown = shown[:57] + "..."
    where = f"{outcome.source}:{outcome.record}:{change.paragraph + 1}"
    return f"{where} {change.step}: {change.reason} ({change.action} {shown!r})\n"


def unified_diff(before: str, after: str, old: str, new: str) -> str:
    """A unified diff of two texts, marking a last line that has no newline as diff does."""
    import difflib

    out = []
    for line in difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=old, tofile=new
    ):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --------------------------------------------------------------------------- orchestration


class Run:
    """One invocation: consume results in order and send each piece where it belongs."""

    def __init__(self, args: argparse.Namespace, stats: Stats, progress: Progress) -> None:
        self.args = args
        self.stats = stats
        self.progress = progress
        self.status = EXIT_OK
        self.would_change = False
        self.output: Output | None = None  # -o FILE or stdout (None with --check/--diff)
        self.errors_to: Output | None = None
        self.current: Output | None = None  # the file being rewritten with --in-place
        self.current_changed = False
        self.documents_written = 0
        # What a task's outcomes write, joined and written at the end of the task: one
        # write call per task, not one per record (for 50 MB of news, 201 system calls
        # instead of 7,821: 25-120 ms of a 7-10 s run).
        self.pending: list[bytes] = []
        self.stdout: TextIO = sys.stdout
        self.stderr: TextIO = sys.stderr

    def say(self, message: str) -> None:
        self.progress.clear()
        self.stderr.write(message)

    def open(self) -> None:
        from cleanse.io import Output

        args = self.args
        if args.errors_to:
            self.errors_to = Output(args.errors_to)
        if not (args.in_place or args.check or args.diff):
            self.output = Output(args.output or "-")

    def commit(self) -> None:
        for out in (self.output, self.errors_to):
            if out is not None:
                out.commit()

    def discard(self) -> None:
        for out in (self.current, self.output, self.errors_to):
            if out is not None:
                out.discard()

    def consume(self, results: Iterable[list[Outcome] | Event]) -> None:
        for item in results:
            if isinstance(item, SourceStart):
                self.start_source(item)
            elif isinstance(item, SourceEnd):
                self.end_source(item)
            elif isinstance(item, Skipped):
                self.stats.skipped_files += 1
                self.status = EXIT_ERROR
                if not (item.warning and self.args.quiet):
                    kind = "warning" if item.warning else "error"
                    self.say(f"cleanse: {kind}: {item.message}\n")
            else:
                try:
                    for outcome in item:
                        self.handle(outcome)
                finally:
                    self.write_pending()  # what came before an error still goes out

    def write_pending(self) -> None:
        if self.pending:
            out = self.current if self.current is not None else self.output
            assert out is not None, "only --in-place's file or the output is written to"
            out.stream.write(b"".join(self.pending))
            self.pending.clear()

    def start_source(self, event: SourceStart) -> None:
        from cleanse.io import Output

        if self.args.in_place:
            # Through a symlink, rewrite the file it points to and keep the link.
            self.current = Output(os.path.realpath(event.path))
            self.current_changed = False

    def end_source(self, event: SourceEnd) -> None:
        if self.current is not None:
            if self.current_changed:
                self.current.commit()
            else:
                self.current.discard()  # nothing changed: leave the file (and its mtime) alone
            self.current = None

    def handle(self, outcome: Outcome) -> None:
        args, stats = self.args, self.stats
        stats.bytes_in += outcome.bytes_in
        self.progress.advance(outcome.bytes_in, 0 if outcome.blank else 1)
        if outcome.blank:
            if outcome.output:
                self.write(outcome.output, False)
            return
        if outcome.error is not None:
            self.bad_record(outcome)
            return
        stats.documents_in += 1
        if outcome.changed:
            stats.documents_changed += 1
        for change in outcome.changes:
            stats.changes[change.step] += 1
        if args.explain:
            self.progress.clear()
            for change in outcome.changes:
                self.stderr.write(explain_line(outcome, change, args.explain_format))
        if args.check and outcome.changed:
            self.would_change = True
            where = outcome.source if not args.jsonl else f"{outcome.source}:{outcome.record}"
            self.stdout.write(f"would clean {where}\n")
        if args.diff and outcome.changed:
            self.would_change = True
            if args.jsonl:
                old, new = f"a/{outcome.source}:{outcome.record}", f"b/{outcome.source}:{outcome.record}"
            else:
                old, new = f"a/{outcome.source}", f"b/{outcome.source}"
            self.stdout.write(unified_diff(outcome.before, outcome.after, old, new))
        if outcome.output is None or (not args.jsonl and not outcome.output):
            if outcome.output is not None and args.in_place and outcome.changed:
                self.current_changed = True  # the whole document went: write an empty file
            return
        stats.documents_out += 1
        stats.bytes_out += len(outcome.output)
        self.write(outcome.output, outcome.changed)

    def bad_record(self, outcome: Outcome) -> None:
        args, stats = self.args, self.stats
        where = f"{outcome.source}:{outcome.record}"
        if args.on_error == "fail":
            from cleanse.errors import RecordError

            hint = " (--on-error skip or keep to go on)"
            raise RecordError(f"{where}: {outcome.error}{hint}")
        stats.bad_records += 1
        if not args.quiet:
            action = "skipped" if args.on_error == "skip" else "kept unchanged"
            self.say(f"cleanse: warning: {where}: {outcome.error}; {action}\n")
        raw = outcome.raw if outcome.raw.endswith(b"\n") else outcome.raw + b"\n"
        if self.errors_to is not None:
            self.errors_to.stream.write(raw)
        if args.on_error == "skip":
            stats.skipped_records += 1
            if args.in_place:
                self.current_changed = True
            return
        stats.kept_records += 1
        stats.documents_out += 1
        stats.bytes_out += len(raw)
        self.write(raw, raw != outcome.raw)

    def write(self, data: bytes, changed: bool) -> None:
        """Queue *data* for the file being rewritten in place or for the output."""
        if self.args.in_place:
            assert self.current is not None
            self.pending.append(data)
            self.current_changed = self.current_changed or changed
            return
        if self.output is None:
            return
        if not self.args.jsonl and self.documents_written and data:
            self.pending.append(b"\n")  # a blank line between documents keeps the output clean
        self.pending.append(data)
        self.documents_written += 1


def _check_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    args.explain = args.explain or args.explain_format is not None
    args.explain_format = args.explain_format or "text"
    args.stats = args.stats or args.stats_format is not None
    args.stats_format = args.stats_format or "text"
    if args.in_place:
        if not args.files or "-" in args.files:
            parser.error("--in-place needs FILE arguments (it cannot rewrite stdin)")
        if args.output:
            parser.error("--in-place and -o/--output cannot be used together")
        if args.check or args.diff:
            parser.error("--in-place writes files; --check and --diff write nothing: pick one")
    if (args.check or args.diff) and args.output:
        parser.error("--check and --diff write nothing; drop -o/--output")
    if args.jobs < 0:
        parser.error("--jobs must be 0 (all cores) or more")
    if not args.jsonl:
        for flag, value in (
            ("--field", args.field),
            ("--drop-empty", args.drop_empty),
            ("--errors-to", args.errors_to),
        ):
            if value:
                parser.error(f"{flag} only applies to --jsonl input")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _executor(jobs: int) -> Executor | None:
    if jobs <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_sigint)


def process(args: argparse.Namespace) -> int:
    """Clean every input as *args* says; return the exit status."""
    from cleanse.io import STDIO, check_encoding

    check_encoding(args.encoding)
    if sys.stdout is None and not (args.output or args.in_place):  # started with >&-
        from cleanse.errors import CleanseError

        raise CleanseError("standard output is closed; use -o FILE")
    settings = SettingsCache(args)
    paths = args.files or [STDIO]
    settings.for_input(paths[0])  # a bad --enable/--disable or config file fails before any work
    want = Want(changes=args.explain or args.stats, texts=args.diff)
    total = _total_size(paths)
    show_progress = not args.quiet and _isatty(sys.stderr)
    progress = Progress(show_progress, total, "records" if args.jsonl else "documents")
    stats = Stats()
    run = Run(args, stats, progress)
    jobs = _cores() if args.jobs == 0 else args.jobs
    executor = _executor(jobs)
    try:
        run.open()
        events = Reader(args, settings, want).events(paths)
        run.consume(in_order(events, executor, max(1, jobs) * IN_FLIGHT_PER_JOB))
        run.commit()
    except BaseException:
        run.discard()
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        progress.clear()
    if executor is not None:
        executor.shutdown()
    if args.stats:
        sys.stderr.write(stats.render(args.stats_format))
    if run.status:
        return run.status
    return EXIT_CHANGES if args.check and run.would_change else EXIT_OK


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _total_size(paths: Sequence[str]) -> int | None:
    """The bytes to read, when every input is a plain (uncompressed) regular file."""
    total = 0
    for path in paths:
        if path == "-" or path.endswith((".gz", ".zst")):
            return None
        with contextlib.suppress(OSError):
            total += os.stat(path).st_size
    return total


def _quiet_broken_pipe() -> None:
    # Point stdout at /dev/null so the interpreter's final flush does not complain again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cleanse`` with *argv* (default: the command line); return the exit status.

    0 done (with ``--check``: nothing would change), 1 ``--check`` found changes, 2 an
    error (reported as ``cleanse: error: ...``), 130 interrupted, 141 output pipe closed.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        _check_args(parser, args)
    except SystemExit as exc:  # --help, --version, or a usage error (status 2)
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    return _guarded(lambda: _dispatch(args))


def _dispatch(args: argparse.Namespace) -> int:
    if args.show_config is not None:
        return show_config(args)
    if args.list_steps:
        return list_steps(SettingsCache(args).for_input("-").config)
    return process(args)


def _guarded(action: Callable[[], int]) -> int:
    """Turn every way a run can end into an exit status, without a traceback for users."""
    from cleanse.errors import CleanseError

    try:
        status = action()
        if sys.stdout is not None:
            sys.stdout.flush()
        return status
    except CleanseError as exc:
        _flush_quietly()
        sys.stderr.write(f"cleanse: error: {exc}\n")
        return EXIT_ERROR
    except FatalInputError as exc:
        _flush_quietly()
        sys.stderr.write(f"cleanse: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _flush_quietly()
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_broken_pipe()
        return 141
    except OSError as exc:  # disk full, output gone away: a clear message, not a traceback
        _flush_quietly()
        sys.stderr.write(
            f"cleanse: error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}\n"
        )
        return EXIT_ERROR


def _flush_quietly() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except (OSError, ValueError, AttributeError):
        pass
