"""cleanse as a datatrove pipeline step: the same output as ``clean``, on datatrove's executors.

The adapter adds no cleaning of its own: each document comes out as ``clean`` makes a field
of it (no final newline), the explanations become datatrove's counters, and a whole
pipeline (reader, cleanse, writer) run by datatrove's executor in worker processes gives
every record ``clean``'s text.
"""

from __future__ import annotations

import gzip
import importlib
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("datatrove", reason="datatrove is not installed: pip install 'cleanse-corpus[datatrove]'")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

import cleanse
from cleanse import cli
from cleanse.datatrove import CleanseFormatter
from cleanse.errors import ConfigError, RecordError

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLES = PROJECT / "examples" / "articles.jsonl"

DIRTY = "Title\n{{#rendered}} {{/rendered}}\nThey donâ€™t agree.\nADVERTISEMENT\n"
ONLY_JUNK = "ADVERTISEMENT\nCLICK HERE TO GET THE FOX NEWS APP\n"
CLEAN = "Already clean.\n\nAnd laid out as configured."


def field(config: cleanse.Config | None = None) -> cleanse.Config:
    """*config* as it cleans a document's text: a field, with no final newline."""
    return (config or cleanse.Config()).replace(final_newline=False)


def documents(*texts: str) -> list[Document]:
    return [Document(text=text, id=str(i), metadata={"source": "test"}) for i, text in enumerate(texts)]


def run(step: CleanseFormatter, docs: list[Document]) -> list[Document]:
    return list(step.run(iter(docs)))


# --- the step on its own ----------------------------------------------------------------


def test_each_document_comes_out_as_clean_makes_it() -> None:
    texts = [DIRTY, CLEAN, ""]
    out = run(CleanseFormatter(), documents(*texts))
    assert [doc.text for doc in out] == [cleanse.clean(text, field()) for text in texts]


def test_ids_and_metadata_pass_through() -> None:
    (doc,) = run(CleanseFormatter(), documents(DIRTY))
    assert (doc.id, doc.metadata) == ("0", {"source": "test"})


def test_a_config_chooses_the_steps() -> None:
    config = cleanse.Config(disable=frozenset({"advertisement"}))
    (doc,) = run(CleanseFormatter(config), documents(DIRTY))
    assert doc.text == cleanse.clean(DIRTY, field(config))
    assert "ADVERTISEMENT" in doc.text


def test_every_change_is_counted_under_its_step_and_action() -> None:
    step = CleanseFormatter()
    run(step, documents(DIRTY, DIRTY, CLEAN))
    _, changes = cleanse.clean_and_explain(DIRTY, field())
    expected: dict[str, int] = {}
    for change in changes:
        label = f"{change.step}_{change.action}"
        expected[label] = expected.get(label, 0) + 2
    assert {"template_marker_dropped", "advertisement_dropped", "fix_mojibake_fixed"} <= set(expected)
    for label, count in expected.items():
        assert step.stats[label].total == count, label
    assert step.stats["total"].total == 3
    assert step.stats["changed"].total == 2
    assert step.stats["forwarded"].total == 3


def test_step_stats_off_counts_documents_only_and_cleans_the_same() -> None:
    step = CleanseFormatter(step_stats=False)
    out = run(step, documents(DIRTY))
    assert out[0].text == cleanse.clean(DIRTY, field())
    assert step.stats["changed"].total == 1
    assert "advertisement_dropped" not in step.stats.stats


def test_explain_key_keeps_each_documents_explanation_in_its_metadata() -> None:
    step = CleanseFormatter(explain_key="cleanse")
    dirty, plain = run(step, documents(DIRTY, CLEAN))
    _, changes = cleanse.clean_and_explain(DIRTY, field())
    assert dirty.metadata["cleanse"] == [change.as_record() for change in changes]
    assert ("advertisement", "dropped", 4) in [
        (r["step"], r["action"], r["paragraph"]) for r in dirty.metadata["cleanse"]
    ]
    assert plain.metadata["cleanse"] == []
    assert dirty.metadata["source"] == "test"


def test_explain_key_records_are_the_commands_json_explanations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same fields, values and order as ``cleanse --explain-format json``, less where."""
    (doc,) = run(CleanseFormatter(explain_key="cleanse", step_stats=False), documents(DIRTY))
    article = tmp_path / "article.txt"
    article.write_text(DIRTY, encoding="utf-8")
    assert cli.main(["--explain-format", "json", "-q", "-o", str(tmp_path / "out.txt"), str(article)]) == 0
    from_command = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [list(r)[2:] for r in from_command] == [list(r) for r in doc.metadata["cleanse"]]
    assert [{k: v for k, v in r.items() if k not in ("source", "record")} for r in from_command] == (
        doc.metadata["cleanse"]
    )


# --- clean documents and the paragraph separator ---------------------------------------------


def test_a_clean_document_is_passed_on_unchanged_and_not_counted_as_changed() -> None:
    step = CleanseFormatter(explain_key="cleanse")
    out = run(step, documents("A clean sentence.", CLEAN))
    assert [doc.text for doc in out] == ["A clean sentence.", CLEAN]
    assert [doc.metadata["cleanse"] for doc in out] == [[], []]
    assert step.stats["total"].total == 2
    assert "changed" not in step.stats.stats


def test_paragraph_separator_newline_keeps_one_paragraph_a_line() -> None:
    text = "First paragraph.\nSecond paragraph.\nADVERTISEMENT\nThird."
    step = CleanseFormatter(paragraph_separator="newline")
    out = run(step, documents("One line.\nAnother line.", text))
    assert [doc.text for doc in out] == [
        "One line.\nAnother line.",
        "First paragraph.\nSecond paragraph.\nThird.",
    ]
    assert step.stats["changed"].total == 1


def test_a_layout_change_is_counted_under_paragraph_form() -> None:
    step = CleanseFormatter()
    run(step, documents("One line.\nAnother line."))
    assert step.stats["paragraph_form_laid_out"].total == 1
    assert step.stats["changed"].total == 1


def test_paragraph_separator_takes_the_names_config_files_use() -> None:
    with pytest.raises(ConfigError, match="paragraph_separator must be 'blank-line' or 'newline'"):
        CleanseFormatter(paragraph_separator="\n")


def test_explain_key_must_be_a_key() -> None:
    with pytest.raises(ConfigError, match="explain_key"):
        CleanseFormatter(explain_key="")


# --- documents left empty -----------------------------------------------------------------


def test_a_document_left_empty_is_passed_on_empty_by_default() -> None:
    out = run(CleanseFormatter(), documents(ONLY_JUNK))
    assert [doc.text for doc in out] == [""]


def test_drop_empty_drops_it_and_counts_it() -> None:
    step = CleanseFormatter(drop_empty=True)
    out = run(step, documents(ONLY_JUNK, DIRTY))
    assert [doc.id for doc in out] == ["1"]
    assert step.stats["dropped"].total == 1


def test_a_dropped_document_goes_to_the_exclusion_writer_as_it_came(tmp_path: Path) -> None:
    writer = JsonlWriter(str(tmp_path), output_filename="excluded.jsonl", compression=None)
    step = CleanseFormatter(drop_empty=True, exclusion_writer=writer)
    run(step, documents(ONLY_JUNK, DIRTY))
    (record,) = [json.loads(line) for line in (tmp_path / "excluded.jsonl").read_text().splitlines()]
    assert (record["id"], record["text"]) == ("0", ONLY_JUNK)


# --- mistakes get a clear error -----------------------------------------------------------


def test_a_config_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"cleanse\.Config"):
        CleanseFormatter({"disable": ["advertisement"]})  # type: ignore[arg-type]


def test_an_exclusion_writer_without_drop_empty_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="drop_empty"):
        CleanseFormatter(exclusion_writer=JsonlWriter(str(tmp_path)))


def test_a_document_without_text_is_a_clear_error() -> None:
    (doc,) = documents("placeholder")
    doc.text = None  # type: ignore[assignment]
    with pytest.raises(RecordError, match=r"document '0': its text is NoneType, not a str"):
        run(CleanseFormatter(), [doc])


def test_without_datatrove_the_import_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "datatrove", None)
    monkeypatch.setitem(sys.modules, "datatrove.pipeline.formatters.base", None)
    monkeypatch.delitem(sys.modules, "cleanse.datatrove")
    with pytest.raises(ImportError, match=r"pip install 'cleanse-corpus\[datatrove\]'"):
        importlib.import_module("cleanse.datatrove")


def test_import_cleanse_does_not_import_datatrove() -> None:
    import subprocess

    code = "import sys, cleanse; cleanse.clean('x'); print('datatrove' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- a whole pipeline on datatrove's executor ---------------------------------------------


def test_a_pipeline_on_the_local_executor_gives_every_record_cleans_text(tmp_path: Path) -> None:
    """Two tasks in two worker processes: the step and its Config travel to the workers
    the way datatrove's Slurm and Ray executors send them to other machines."""
    source = tmp_path / "in"
    source.mkdir()
    records = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    records += [{"id": "junk", "text": ONLY_JUNK}, {"id": "dirty", "text": DIRTY}]
    for part in range(2):
        with (source / f"part-{part}.jsonl").open("w", encoding="utf-8") as out:
            for record in records[part::2]:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    config = cleanse.Config(disable=frozenset({"pull_quote"}))
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source)),
            CleanseFormatter(config, drop_empty=True),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    written = {}
    for path in (tmp_path / "out").glob("*.jsonl.gz"):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            written.update((r["id"], r["text"]) for r in map(json.loads, lines))
    expected = {r["id"]: cleanse.clean(r["text"], field(config)) for r in records}
    emptied = {k for k, v in expected.items() if not v}
    assert "junk" in emptied
    assert written == {k: v for k, v in expected.items() if k not in emptied}
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    ours = next(s for s in stats if "cleanse" in s["name"])
    assert ours["stats"]["dropped"] == len(emptied)
    assert ours["stats"]["total"] == len(records)
