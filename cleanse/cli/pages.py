"""HTML input for the command: a page a file, HTML in a JSONL field, the responses of a WARC file.

Each task here is one unit of work for :func:`cleanse.cli.tasks.in_order`, like a text or
JSONL task, and does what :func:`cleanse.clean_html` (or its explaining twin) does with
the page; a page with no text gives an empty outcome whose explanation says why.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from cleanse.cli.tasks import Outcome, Want, config_from_key

# WARC pages per task: enough that a task's fixed cost does not matter, few enough that
# every worker gets some of a small file.
PAGES_PER_TASK = 8
BYTES_PER_TASK = 2 * 1024 * 1024

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: str) -> bool:
    """True when *path* names a WARC file (``.warc`` or ``.warc.gz``).

    >>> is_warc("crawl-00001.warc.gz"), is_warc("page.html")
    (True, False)
    """
    return path.lower().endswith(WARC_SUFFIXES)


def _clean(
    page: str | bytes, url: str | None, key: tuple[Any, ...], want: Want, content_type: str = ""
) -> tuple[str, list[Any]]:
    from cleanse.html import charset_of, clean_html, clean_html_and_explain

    config = config_from_key(key)
    charset = charset_of(content_type)  # what the server said the page is in
    if want.changes:
        return clean_html_and_explain(page, url, config, charset=charset)
    return clean_html(page, url, config, charset=charset), []


def _record(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


@dataclass
class HtmlPageTask:
    """One HTML page (a file, or stdin) to turn into clean text."""

    source: str
    page: bytes
    config: tuple[Any, ...]
    want: Want

    def run(self) -> list[Outcome]:
        cleaned, changes = _clean(self.page, None, self.config, self.want)
        return [Outcome(self.source, 1, len(self.page), cleaned.encode("utf-8"), True, changes)]


@dataclass
class HtmlRecordsTask:
    """A run of JSONL lines whose *html_field* holds a page: the clean text goes to *field*.

    When the two fields differ, the record is written again with the text in *field*
    (added or replaced) and every other field as it was parsed.
    """

    source: str
    first_line: int
    chunk: bytes
    config: tuple[Any, ...]
    html_field: str
    field: str
    encoding: str
    want: Want
    drop_empty: bool

    def run(self) -> list[Outcome]:
        from io import BytesIO

        from cleanse.errors import InputError
        from cleanse.jsonl import locate_record, splice_field

        outcomes = []
        for number, raw in enumerate(BytesIO(self.chunk).readlines(), self.first_line):
            if not raw.strip():
                outcomes.append(Outcome(self.source, number, len(raw), raw, False, blank=True))
                continue
            try:
                data, page, start, end = locate_record(
                    raw,
                    self.html_field,
                    encoding=self.encoding,
                    first=number == 1,
                    source=self.source,
                    offset=0,
                )
                record = json.loads(data)
            except (InputError, ValueError) as exc:
                reason = str(exc).removeprefix(f"{self.source}: ")
                outcomes.append(Outcome(self.source, number, len(raw), None, False, error=reason, raw=raw))
                continue
            url = record.get("url") if isinstance(record.get("url"), str) else None
            cleaned, changes = _clean(page, url, self.config, self.want)
            output: bytes | None
            if self.drop_empty and not cleaned:
                output = None
            elif self.field == self.html_field:
                output = splice_field(data, start, end, cleaned).rstrip(b"\n") + b"\n"
            else:
                record[self.field] = cleaned
                output = _record(record)
            outcomes.append(Outcome(self.source, number, len(raw), output, True, changes))
        return outcomes


@dataclass
class WarcTask:
    """Some responses of a WARC file: each HTML page becomes a JSONL record with its URL."""

    source: str
    pages: list[tuple[int, str, str, bytes]]  # (record number, URL, content type, payload)
    config: tuple[Any, ...]
    field: str
    want: Want
    drop_empty: bool

    def run(self) -> list[Outcome]:
        from cleanse.pipeline import Change

        outcomes = []
        for number, url, content_type, payload in self.pages:
            if not _is_html(content_type, payload):
                reason = f"WARC response is not HTML ({content_type or 'no content type'})"
                change = Change("extract_article", "dropped", 0, "", "", reason)
                outcomes.append(Outcome(self.source, number, len(payload), None, True, [change]))
                continue
            cleaned, changes = _clean(payload, url or None, self.config, self.want, content_type)
            output = None if self.drop_empty and not cleaned else _record({"url": url, self.field: cleaned})
            outcomes.append(Outcome(self.source, number, len(payload), output, True, changes))
        return outcomes


def _is_html(content_type: str, payload: bytes) -> bool:
    """True for a response that says it is HTML, or says nothing and starts like a page."""
    if content_type:
        return "html" in content_type.lower()
    head = payload[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def warc_pages(stream: BinaryIO) -> Iterator[tuple[int, str, str, bytes]]:
    """The response records of the WARC *stream*: (record number, URL, content type, payload).

    Other records (requests, metadata, warcinfo) are not pages and are passed over.
    """
    from cleanse.html import MAX_PAGE_BYTES

    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        from cleanse.errors import MissingExtraError

        raise MissingExtraError(
            "WARC input needs warcio; install it with: pip install 'cleanse-corpus[html]'"
        ) from None
    for number, record in enumerate(ArchiveIterator(stream), 1):
        if record.rec_type != "response":
            continue
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        content_type = record.http_headers.get_header("Content-Type") if record.http_headers else ""
        # One byte more than a page may have, so that an oversized page is still refused by name.
        payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
        yield number, url, content_type or "", payload


def warc_tasks(
    source: str, stream: BinaryIO, key: tuple[Any, ...], field: str, want: Want, drop_empty: bool
) -> Iterator[WarcTask]:
    """The WARC *stream*'s responses, a few pages a task."""
    batch: list[tuple[int, str, str, bytes]] = []
    size = 0
    for page in warc_pages(stream):
        batch.append(page)
        size += len(page[3])
        if len(batch) >= PAGES_PER_TASK or size >= BYTES_PER_TASK:
            yield WarcTask(source, batch, key, field, want, drop_empty)
            batch, size = [], 0
    if batch:
        yield WarcTask(source, batch, key, field, want, drop_empty)
