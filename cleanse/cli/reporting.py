"""What the command tells the user besides the cleaned text: progress, statistics, explanations, diffs."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from cleanse.cli.tasks import Outcome
    from cleanse.pipeline import Change


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


def isatty(stream: TextIO) -> bool:
    """True when *stream* is a terminal (False for a closed or missing stream)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
