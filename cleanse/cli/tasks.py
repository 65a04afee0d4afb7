"""Units of work and running them: a text document or a run of JSONL lines per task.

A task carries everything a worker needs (the text or the lines, and a picklable key
for its configuration), so ``--jobs N`` sends tasks to worker processes unchanged, and
:func:`in_order` hands back their outcomes in input order, with the events that mark
where each input starts and ends, whichever worker finishes first.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from cleanse.config import Config
    from cleanse.pipeline import Change

# Tasks in flight per worker: enough that no worker waits for the next task, few enough
# that memory stays flat however long the input.
IN_FLIGHT_PER_JOB = 3


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
        config.paragraph_separator,
        config.final_newline,
    )


_CONFIGS: dict[tuple[Any, ...], Config] = {}


def config_from_key(key: tuple[Any, ...]) -> Config:
    """Rebuild (once per process) the Config that :func:`config_key` described."""
    if key not in _CONFIGS:
        from cleanse.config import Config

        enable, disable, extra_patterns, protect, separator, final_newline = key
        _CONFIGS[key] = Config(
            enable=enable,
            disable=disable,
            extra_patterns=extra_patterns,
            protect=protect,
            paragraph_separator=separator,
            final_newline=final_newline,
        )
    return _CONFIGS[key]


@dataclass(frozen=True)
class Want:
    """What the orchestrator needs back from a worker besides the output."""

    changes: bool = False  # for --explain, --stats and --check
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
        from cleanse.pipeline import PARAGRAPH_FORM, clean, clean_and_explain

        config = config_from_key(self.config)
        changes: list[Change] = []
        if self.want.changes:
            cleaned, changes = clean_and_explain(self.text, config)
        else:
            cleaned = clean(self.text, config)
        if self.newline != "\n":
            cleaned = cleaned.replace("\n", self.newline)
        changed = cleaned != self.text
        if not changed and changes:
            # Only the line ending differed from what the pipeline writes, and it is written
            # back as it came: the file is unchanged, and so is its layout.
            changes = [change for change in changes if change.step != PARAGRAPH_FORM]
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


class Task(Protocol):
    """A unit of work: text, JSONL lines, or HTML pages (``cleanse.cli.pages``)."""

    def run(self) -> list[Outcome]: ...


Event = SourceStart | SourceEnd | Skipped
_EVENTS = (SourceStart, SourceEnd, Skipped)


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
            yield item if isinstance(item, _EVENTS) else item.run()
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
        if isinstance(item, _EVENTS):
            pending.append(item)
        else:
            pending.append(executor.submit(_run_task, item))
            in_flight += 1
        while in_flight >= limit or (pending and isinstance(pending[0], (SourceStart, SourceEnd, Skipped))):
            yield pop()
    while pending:
        yield pop()


def cores() -> int:
    """The number of cores this process may run on (what ``--jobs 0`` means)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def executor_for(jobs: int) -> Executor | None:
    """A pool of *jobs* worker processes, or None to run every task in this process."""
    if jobs <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_sigint)
