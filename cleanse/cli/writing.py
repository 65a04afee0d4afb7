"""Where results go: the output (stdout or -o FILE), the files rewritten in place, --errors-to.

:class:`Run` consumes outcomes in input order and sends each piece where it belongs.
Every file is written through :class:`cleanse.io.Output`, so it is replaced atomically
or not at all; every write either writes all its bytes or raises, so a reader that goes
away (``| head``) ends the run with status 141 instead of a silently short output.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from cleanse.cli.options import Options
from cleanse.cli.reporting import Progress, Stats, explain_line, unified_diff
from cleanse.cli.status import EXIT_ERROR, EXIT_OK
from cleanse.cli.tasks import Event, Outcome, Skipped, SourceEnd, SourceStart

if TYPE_CHECKING:
    from cleanse.io import Output


def write_text(stream: TextIO, text: str) -> None:
    """Write *text* to the text stream *stream* (stdout), every byte of it, or raise.

    A text stream hands large writes to its byte buffer and ignores the count that
    comes back, so a reader that closes the pipe mid-write would go unnoticed: the text
    is encoded here and written to the buffer, checked.
    """
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    from cleanse.io import write_all

    stream.flush()
    write_all(buffer, text.encode(stream.encoding or "utf-8", stream.errors or "strict"))


def check_reasons(outcome: Outcome) -> str:
    """What ``--check`` says changes a document: the steps that change it, in the order they
    first do, and ``--drop-empty`` when it would leave the record out."""
    reasons = list(dict.fromkeys(change.step for change in outcome.changes))
    if outcome.output is None:
        reasons.append("--drop-empty")
    return ", ".join(reasons)


class Run:
    """One invocation: consume results in order and send each piece where it belongs."""

    def __init__(self, options: Options, stats: Stats, progress: Progress) -> None:
        self.options = options
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
        # write call per task, not one per record, so system calls stay few however
        # small the records.
        self.pending: list[bytes] = []
        self.pending_text: list[str] = []  # --check and --diff lines for stdout, the same way
        self.writes_jsonl = options.jsonl or options.reads_warc
        self.stdout: TextIO = sys.stdout
        self.stderr: TextIO = sys.stderr

    def say(self, message: str) -> None:
        self.progress.clear()
        self.stderr.write(message)

    def open(self) -> None:
        from cleanse.io import Output

        options = self.options
        if options.errors_to:
            self.errors_to = Output(options.errors_to)
        if options.writes_output:
            self.output = Output(options.output or "-")

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
                if not (item.warning and self.options.quiet):
                    kind = "warning" if item.warning else "error"
                    self.say(f"cleanse: {kind}: {item.message}\n")
            else:
                try:
                    for outcome in item:
                        self.handle(outcome)
                finally:
                    self.write_pending()  # what came before an error still goes out

    def write_pending(self) -> None:
        """Write what the last task's outcomes queued: cleaned text, or --check and --diff lines."""
        if self.pending_text:
            write_text(self.stdout, "".join(self.pending_text))
            self.pending_text.clear()
        if self.pending:
            out = self.current if self.current is not None else self.output
            assert out is not None, "only --in-place's file or the output is written to"
            out.write(b"".join(self.pending))
            self.pending.clear()

    def start_source(self, event: SourceStart) -> None:
        from cleanse.io import Output

        if self.options.in_place:
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
        options, stats = self.options, self.stats
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
        if options.explain:
            self.progress.clear()
            for change in outcome.changes:
                self.stderr.write(explain_line(outcome, change, options.explain_format))
        if options.check and outcome.changed:
            self.would_change = True
            where = outcome.source if not options.jsonl else f"{outcome.source}:{outcome.record}"
            reasons = check_reasons(outcome)
            self.pending_text.append(f"would clean {where}{f' ({reasons})' if reasons else ''}\n")
        if options.diff and outcome.changed:
            self.would_change = True
            if options.jsonl:
                old, new = f"a/{outcome.source}:{outcome.record}", f"b/{outcome.source}:{outcome.record}"
            else:
                old, new = f"a/{outcome.source}", f"b/{outcome.source}"
            self.pending_text.append(unified_diff(outcome.before, outcome.after, old, new))
        if outcome.output is None or (not self.writes_jsonl and not outcome.output):
            if outcome.output is not None and options.in_place and outcome.changed:
                self.current_changed = True  # the whole document went: write an empty file
            return
        stats.documents_out += 1
        stats.bytes_out += len(outcome.output)
        self.write(outcome.output, outcome.changed)

    def bad_record(self, outcome: Outcome) -> None:
        options, stats = self.options, self.stats
        where = f"{outcome.source}:{outcome.record}"
        if options.on_error == "fail":
            from cleanse.errors import RecordError

            hint = " (--on-error skip or keep to go on)"
            raise RecordError(f"{where}: {outcome.error}{hint}")
        stats.bad_records += 1
        if not options.quiet:
            action = "skipped" if options.on_error == "skip" else "kept unchanged"
            self.say(f"cleanse: warning: {where}: {outcome.error}; {action}\n")
        raw = outcome.raw if outcome.raw.endswith(b"\n") else outcome.raw + b"\n"
        if self.errors_to is not None:
            self.errors_to.write(raw)
        if options.on_error == "skip":
            stats.skipped_records += 1
            if options.in_place:
                self.current_changed = True
            return
        stats.kept_records += 1
        stats.documents_out += 1
        stats.bytes_out += len(raw)
        self.write(raw, raw != outcome.raw)

    def write(self, data: bytes, changed: bool) -> None:
        """Queue *data* for the file being rewritten in place or for the output."""
        if self.options.in_place:
            assert self.current is not None
            self.pending.append(data)
            self.current_changed = self.current_changed or changed
            return
        if self.output is None:
            return
        if not self.writes_jsonl and self.documents_written and data:
            self.pending.append(b"\n")  # a blank line between documents keeps the output clean
        self.pending.append(data)
        self.documents_written += 1
