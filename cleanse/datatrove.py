"""cleanse as a step of a datatrove pipeline, to clean a corpus across processes and machines.

datatrove (Hugging Face's engine for building training corpora) reads shards, runs a list
of steps on each document and writes the results, on one machine or many (its local,
Slurm and Ray executors). This module is a thin adapter with no cleaning of its own:
the text is :func:`cleanse.clean`'s (``clean_and_explain``'s when changes are counted),
and the explanations become datatrove's counters.
A document's text is a field, not a file: it is cleaned with no final newline
(:func:`cleanse.jsonl.field_config`), so a clean document comes back as it was and is not
counted as changed.
Import it explicitly (``from cleanse.datatrove import CleanseFormatter``): ``import
cleanse`` never imports datatrove.

    >>> from datatrove.data import Document
    >>> step = CleanseFormatter()
    >>> [doc.text for doc in step.run(iter([Document("Title\\nADVERTISEMENT\\nText.", "1")]))]
    ['Title\\n\\nText.']
    >>> step.stats["advertisement_dropped"].total
    1
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cleanse.config import DEFAULT_CONFIG, PARAGRAPH_SEPARATOR_NAMES, Config
from cleanse.errors import ConfigError, RecordError
from cleanse.jsonl import field_config
from cleanse.pipeline import Change, clean, clean_and_explain

try:
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # tests/test_datatrove.py hides datatrove to reach this
    raise ImportError(
        "cleanse.datatrove needs datatrove, which is not installed: pip install 'cleanse-corpus[datatrove]'"
    ) from exc

if TYPE_CHECKING:
    from datatrove.data import Document
    from datatrove.pipeline.writers.disk_base import DiskWriter

__all__ = ["CleanseFormatter"]


class CleanseFormatter(BaseFormatter):  # type: ignore[misc]  # datatrove has no type hints
    """Clean each document's text as ``cleanse.clean(text, config)`` does, with no final newline.

    *paragraph_separator*, when given, is ``"blank-line"`` or ``"newline"`` (one paragraph
    a line), as in config files and on the command line, and replaces the config's; a
    document whose paragraphs are already separated so is left as it is.

    Counters (in datatrove's stats, per task and merged): ``total``, ``changed``, and one
    per step and action, in the words of the explanations (``advertisement_dropped``,
    ``glued_promo_cut``, ``fix_mojibake_fixed``, ``paragraph_form_laid_out``), counting
    paragraphs. Counting needs the explained path (about 1% more work than ``clean`` on
    news); ``step_stats=False`` counts documents only.

    *explain_key*, when given, keeps each document's explanation in its metadata under
    that key: one record per change, as ``cleanse --explain-format json`` writes them
    (step, action, reason, paragraph from 1, the text before and after, the span cut),
    so what was removed from a corpus can be audited where the corpus is.

    A document left with no text is passed on empty, as the CLI keeps an empty record,
    unless *drop_empty*: then it is counted as ``dropped`` and, given an
    *exclusion_writer* (any datatrove writer), written there as it came, so no text is
    lost without a trace.

    With *html*, each document's text is an HTML page (bytes or str): it becomes the page's
    clean article, as :func:`cleanse.clean_html` gives it, with the document's
    ``metadata["url"]`` as the page's URL (this needs the ``html`` extra). A page with no
    article is an empty document, as above; its ``extract_article_dropped`` counter says so.
    """

    name = "🧽 cleanse"

    def __init__(
        self,
        config: Config | None = None,
        *,
        drop_empty: bool = False,
        exclusion_writer: DiskWriter | None = None,
        step_stats: bool = True,
        explain_key: str | None = None,
        paragraph_separator: str | None = None,
        html: bool = False,
    ) -> None:
        super().__init__()
        if config is not None and not isinstance(config, Config):
            raise ConfigError(
                f"CleanseFormatter: config must be a cleanse.Config, not {type(config).__name__}"
            )
        if exclusion_writer is not None and not drop_empty:
            raise ConfigError(
                "CleanseFormatter: exclusion_writer only receives documents dropped with drop_empty=True"
            )
        if explain_key is not None and (not isinstance(explain_key, str) or not explain_key):
            raise ConfigError(f"CleanseFormatter: explain_key must be a non-empty str, not {explain_key!r}")
        config = config or DEFAULT_CONFIG
        if paragraph_separator is not None:
            if paragraph_separator not in PARAGRAPH_SEPARATOR_NAMES:
                raise ConfigError(
                    f"CleanseFormatter: paragraph_separator must be "
                    f"{' or '.join(map(repr, PARAGRAPH_SEPARATOR_NAMES))}, not {paragraph_separator!r}"
                )
            config = config.replace(paragraph_separator=PARAGRAPH_SEPARATOR_NAMES[paragraph_separator])
        self.config = field_config(config)
        self.drop_empty = drop_empty
        self.exclusion_writer = exclusion_writer
        self.step_stats = step_stats
        self.explain_key = explain_key
        self.html = html
        if html:
            from cleanse.html import require_trafilatura

            require_trafilatura()

    def format(self, text: str) -> str:
        """The cleaned *text*, counting its changes (what a datatrove formatter implements;
        :meth:`run` calls :meth:`_clean` itself, to keep the changes and drop empty documents)."""
        return self._clean(text)[0]

    def _clean(self, text: str | bytes, url: str | None = None) -> tuple[str, list[Change]]:
        if self.html:
            from cleanse.html import clean_html, clean_html_and_explain

            if not self.step_stats and self.explain_key is None:
                return clean_html(text, url, self.config), []
            cleaned, changes = clean_html_and_explain(text, url, self.config)
        elif not self.step_stats and self.explain_key is None:
            return clean(str(text), self.config), []
        else:
            cleaned, changes = clean_and_explain(str(text), self.config)
        if self.step_stats:
            for change in changes:
                self.stat_update(f"{change.step}_{change.action.replace(' ', '_')}")
        return cleaned, changes

    def run(self, data: Iterator[Document], rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        writer: Any = self.exclusion_writer or contextlib.nullcontext()
        with writer:
            for doc in data:
                self.stat_update(StatHints.total)
                if not isinstance(doc.text, str) and not (self.html and isinstance(doc.text, bytes)):
                    raise RecordError(
                        f"document {doc.id!r}: its text is {type(doc.text).__name__}, not a str"
                    )
                with self.track_time():
                    url = doc.metadata.get("url") if self.html else None
                    cleaned, changes = self._clean(doc.text, url if isinstance(url, str) else None)
                if self.explain_key is not None:
                    doc.metadata[self.explain_key] = [change.as_record() for change in changes]
                if cleaned != doc.text:
                    self.stat_update("changed")
                if self.drop_empty and not cleaned:
                    self.stat_update(StatHints.dropped)
                    if self.exclusion_writer is not None:
                        writer.write(doc, rank)
                    continue
                doc.text = cleaned
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
