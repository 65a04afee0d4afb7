"""Tests for the ``cleanse`` command, run in-process through ``main(argv)``.

Grouped by what the command does: text mode, JSONL, compression, the modes (check, diff,
in place, explain, stats), parallel jobs, bad input (each kind has a test), steps and
config files, and a hypothesis property for JSONL.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleanse
import cleanse.pipeline
from cleanse.cli import main, reading, reporting
from cleanse.cli.options import build_parser, parse_options

PROJECT = Path(__file__).resolve().parent.parent
ARTICLE = PROJECT / "examples" / "article.txt"

DIRTY = "Title\nSign up for our Daily Briefing newsletter\nThey donâ€™t agree.\nADVERTISEMENT\n"
CLEAN = "Title\n\nThey don’t agree.\n"
CLEAN_FIELD = "Title\n\nThey don’t agree."  # a field's clean form: no final newline
FIELD = cleanse.Config(final_newline=False)


@dataclass
class Result:
    status: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


class _Std(io.TextIOWrapper):
    """A stand-in for a std stream: text on top of bytes, written through at once."""

    def __init__(self, data: bytes = b"") -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", newline="", write_through=True)

    def bytes(self) -> bytes:
        self.flush()
        assert isinstance(self.buffer, io.BytesIO)
        return self.buffer.getvalue()


@contextmanager
def _swapped_std(stdin: bytes) -> Iterator[tuple[_Std, _Std]]:
    saved = sys.stdin, sys.stdout, sys.stderr
    out, err = _Std(), _Std()
    sys.stdin, sys.stdout, sys.stderr = _Std(stdin), out, err
    try:
        yield out, err
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def run(*argv: str | Path, stdin: bytes | str = b"") -> Result:
    """Run ``cleanse *argv`` in-process with *stdin*; return the status, stdout and stderr."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    with _swapped_std(data) as (out, err):
        status = main([str(a) for a in argv])
    return Result(status, out.bytes(), err.bytes().decode("utf-8"))


def record(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


@pytest.fixture(autouse=True)
def _no_config_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Config discovery starts at the input's directory and the cwd: keep both inside tmp.
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()


# --- text mode


def test_file_to_stdout_is_the_library_output() -> None:
    result = run("--no-config", ARTICLE)  # the project's own pyproject may configure cleanse
    assert result.status == 0
    assert result.text == cleanse.clean(ARTICLE.read_text(encoding="utf-8"))
    assert result.err == ""


@pytest.mark.parametrize("argv", [(), ("-",)])
def test_stdin_when_no_file_or_dash(argv: tuple[str, ...]) -> None:
    result = run(*argv, stdin=DIRTY)
    assert (result.status, result.text) == (0, CLEAN)


def test_output_file(tmp_path: Path) -> None:
    result = run("-o", tmp_path / "out.txt", stdin=DIRTY)
    assert (result.status, result.out) == (0, b"")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == CLEAN


def test_each_file_is_one_document_separated_by_a_blank_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.\nADVERTISEMENT\n")
    (tmp_path / "b.txt").write_text("ADVERTISEMENT\n")  # cleans to nothing: no blank line for it
    (tmp_path / "c.txt").write_text("Two.\n")
    result = run(tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt")
    assert result.text == "One.\n\nTwo.\n"
    assert cleanse.clean(result.text) == result.text


def test_empty_input() -> None:
    assert (run(stdin=b"").status, run(stdin=b"").out) == (0, b"")
    assert run("--jsonl", stdin=b"").out == b""


def test_no_final_newline() -> None:
    assert run(stdin="Title\nLast line").text == "Title\n\nLast line\n"


def test_crlf_input_gives_lf_on_stdout() -> None:
    assert run(stdin=DIRTY.replace("\n", "\r\n")).text == CLEAN


def test_huge_single_line_streams_through() -> None:
    line = "word " * 200_000  # 1 MB, one paragraph
    assert run(stdin=line).text == line.strip() + "\n"


# --- JSONL


def test_jsonl_cleans_only_the_field_and_keeps_every_other_byte() -> None:
    line = '{"id": 7, "score":1.50,  "text": "' + DIRTY.replace("\n", "\\n") + '", "tags": ["a"], "z": 1e3}\n'
    result = run("--jsonl", stdin=line)
    expected = line.replace(DIRTY.replace("\n", "\\n"), CLEAN_FIELD.replace("\n", "\\n"))
    assert (result.status, result.text) == (0, expected)


def test_jsonl_unchanged_records_are_byte_identical() -> None:
    line = '{ "text" : "Caf\\u00e9 au lait.\\n\\nSecond paragraph." ,"n":1.0}\n'
    assert run("--jsonl", stdin=line).text == line


def test_jsonl_field_option() -> None:
    line = record(text="ADVERTISEMENT", body=DIRTY) + "\n"
    result = run("--jsonl", "--field", "body", stdin=line)
    assert json.loads(result.text) == {"text": "ADVERTISEMENT", "body": CLEAN_FIELD}


def test_jsonl_drop_empty() -> None:
    lines = record(id=1, text="ADVERTISEMENT") + "\n" + record(id=2, text=DIRTY) + "\n"
    kept = [json.loads(x) for x in run("--jsonl", stdin=lines).text.splitlines()]
    assert [r["text"] for r in kept] == ["", CLEAN_FIELD]
    dropped = [json.loads(x) for x in run("--jsonl", "--drop-empty", stdin=lines).text.splitlines()]
    assert [r["id"] for r in dropped] == [2]


def test_jsonl_crlf_no_final_newline_blank_lines_and_bom() -> None:
    data = "\ufeff" + record(text="a  b") + "\r\n\r\n" + record(text="c\n") + "\r\n" + record(text="d")
    result = run("--jsonl", stdin=data)
    assert result.status == 0
    expected = [record(text="a b"), "", record(text="c"), record(text="d")]
    assert result.text == "\r\n".join(expected) + "\n"


def test_jsonl_lone_surrogate_escape_is_written_escaped() -> None:
    fixes = ["unescape_html_entities", "fix_mojibake", "remove_invisible_chars", "normalize_unicode"]
    off = [arg for name in fixes for arg in ("--disable", name)]
    result = run("--jsonl", *off, stdin='{"text": "café \\ud800  x"}\n')
    assert (result.status, result.text) == (0, '{"text": "caf\\u00e9 \\ud800 x"}\n')


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"n": NaN, "text": "a  b", "m": -Infinity}', '{"n": NaN, "text": "a b", "m": -Infinity}'),
        ('{"n": 1e400, "text": "a  b"}', '{"n": 1e400, "text": "a b"}'),
        ('{"n": ' + "9" * 40 + ', "text": "a  b"}', '{"n": ' + "9" * 40 + ', "text": "a b"}'),
        ('{"text": "x", "text": "a  b"}', '{"text": "x", "text": "a b"}'),
        ('{"text": "x", "t\\u0065xt": "a  b"}', '{"text": "x", "t\\u0065xt": "a b"}'),
        ('{"a": {"text": "x"}, "text": "a  b"}', '{"a": {"text": "x"}, "text": "a b"}'),
        (
            '{"a": ' + "[" * 600 + "]" * 600 + ', "text": "a  b"}',
            '{"a": ' + "[" * 600 + "]" * 600 + ', "text": "a b"}',
        ),
    ],
)
def test_jsonl_records_json_reads_but_orjson_does_not_or_differently(line: str, expected: str) -> None:
    # The fast path (orjson) declines these; json's reading decides, as it always has.
    assert run("--jsonl", stdin=line + "\n").text == expected + "\n"


def test_jsonl_output_is_the_same_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (PROJECT / "examples" / "articles.jsonl").read_text(encoding="utf-8") + _corpus_lines(40)
    with_orjson = run("--jsonl", "--stats", stdin=data)
    monkeypatch.setattr("cleanse.jsonl._orjson", lambda: None)  # a platform with no orjson wheel
    without = run("--jsonl", "--stats", stdin=data)
    assert with_orjson.out == without.out and with_orjson.status == without.status == 0


def test_jsonl_bom_on_a_later_line_is_a_bad_record() -> None:
    data = record(text="a") + "\n\ufeff" + record(text="b") + "\n"
    result = run("--jsonl", stdin=data)
    assert result.status == 2 and "<stdin>:2: malformed JSON" in result.err


def test_jsonl_records_longer_than_a_chunk_and_a_lone_carriage_return(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading, "FIRST_CHUNK_BYTES", 10)
    monkeypatch.setattr(reading, "CHUNK_BYTES", 20)
    data = "".join(record(id=i, text=f"record {i}  " + "x" * i) + "\n" for i in range(30))
    data += '{"text": "x"}\r{"text": "y"}\n' + record(text="last, with no newline")
    result = run("--jsonl", "--on-error", "keep", stdin=data)
    lines = result.text.split("\n")
    assert [json.loads(x)["id"] for x in lines[:30]] == list(range(30))
    assert lines[30] == '{"text": "x"}\r{"text": "y"}'  # one line: only \n ends a record
    assert "<stdin>:31: malformed JSON" in result.err
    assert lines[31] == record(text="last, with no newline")


def test_jsonl_records_of_every_kind_in_one_chunk_keep_their_order() -> None:
    # A worker finds every field of its chunk, cleans them, then writes them back: the
    # blank line, the bad record and the dropped one stay where they were.
    data = "\n".join(
        [
            record(id=1, text="Kept as it is."),
            "",
            "{not json",
            record(id=2, text="ADVERTISEMENT"),
            record(id=3, text="Cleaned  text.\nADVERTISEMENT"),
        ]
    )
    result = run("--jsonl", "--on-error", "keep", "--drop-empty", stdin=data + "\n")
    assert result.text.split("\n") == [
        record(id=1, text="Kept as it is."),
        "",
        "{not json",
        record(id=3, text="Cleaned text."),
        "",
    ]
    assert "<stdin>:3: malformed JSON" in result.err


# --- clean text is left unchanged; the paragraph separator


REPRO = b'{"text": "A clean sentence."}\n'


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_clean_jsonl_record_is_written_back_byte_for_byte(jobs: str) -> None:
    result = run("--jsonl", "--jobs", jobs, stdin=REPRO)
    assert (result.status, result.out, result.err) == (0, REPRO, "")


def test_a_clean_jsonl_corpus_counts_no_document_changed() -> None:
    result = run("--jsonl", "--stats-format", "json", stdin=REPRO)
    stats = json.loads(result.err)
    assert (stats["documents_in"], stats["documents_changed"], stats["changes"]) == (1, 0, {})
    assert result.out == REPRO


@pytest.mark.parametrize("explain", [(), ("--explain",)])
def test_check_passes_a_clean_jsonl_corpus(explain: tuple[str, ...]) -> None:
    result = run("--jsonl", "--check", *explain, stdin=REPRO)
    assert (result.status, result.out, result.err) == (0, b"", "")


def test_a_field_ends_with_no_newline_and_a_file_with_one() -> None:
    assert run("--jsonl", stdin=record(text="A.\nADVERTISEMENT\nB.\n")).text == record(text="A.\n\nB.") + "\n"
    assert run(stdin="A.\nADVERTISEMENT\nB.").text == "A.\n\nB.\n"


ONE_A_LINE = "First paragraph.\nSecond paragraph.\nThird paragraph.\n"


def test_paragraph_separator_newline_leaves_one_paragraph_a_line_unchanged(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ONE_A_LINE)
    records = "".join(record(id=i, text=ONE_A_LINE.rstrip("\n")) + "\n" for i in range(3))
    (tmp_path / "a.jsonl").write_text(records)
    flag = ("--paragraph-separator", "newline")
    assert run(*flag, tmp_path / "a.txt").text == ONE_A_LINE
    assert run("--check", *flag, tmp_path / "a.txt").status == 0
    assert run("--jsonl", *flag, tmp_path / "a.jsonl").text == records
    stats = run("--jsonl", "--check", "--stats-format", "json", *flag, tmp_path / "a.jsonl")
    assert stats.status == 0
    assert json.loads(stats.err)["documents_changed"] == 0
    # The default separator is a blank line: the same corpus would be laid out again.
    assert run("--check", tmp_path / "a.txt").text == f"would clean {tmp_path / 'a.txt'} (paragraph_form)\n"


def test_paragraph_separator_newline_still_cleans() -> None:
    result = run("--paragraph-separator", "newline", stdin=DIRTY)
    assert result.text == CLEAN.replace("\n\n", "\n")


def test_paragraph_separator_from_a_config_file_and_the_command_line_on_top(tmp_path: Path) -> None:
    (tmp_path / "cleanse.toml").write_text('paragraph_separator = "newline"\n')
    (tmp_path / "a.txt").write_text(ONE_A_LINE)
    assert run("--check", tmp_path / "a.txt").status == 0
    blank = run("--paragraph-separator", "blank-line", tmp_path / "a.txt").text
    assert blank == ONE_A_LINE.replace("\n", "\n\n")[:-1]
    shown = run("--show-config", tmp_path / "a.txt").text
    assert f'paragraph_separator = "newline"  # from {tmp_path / "cleanse.toml"}' in shown


def test_a_bad_paragraph_separator_is_a_usage_error() -> None:
    result = run("--paragraph-separator", "\\n", stdin="x")
    assert result.status == 2 and "invalid choice" in result.err


def test_check_and_explain_name_a_layout_change_like_any_other(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ONE_A_LINE)
    result = run("--check", "--explain", tmp_path / "a.txt")
    assert result.status == 1
    assert result.text == f"would clean {tmp_path / 'a.txt'} (paragraph_form)\n"
    assert result.err == (
        f"{tmp_path / 'a.txt'}:1:1 paragraph_form: paragraphs separated by one blank line, ends trimmed"
        f" (laid out {ONE_A_LINE!r})\n"
    )
    jsonl = run("--jsonl", "--check", "--explain", stdin=record(text="A clean sentence.\n") + "\n")
    assert jsonl.status == 1
    assert jsonl.text == "would clean <stdin>:1 (paragraph_form)\n"
    assert jsonl.err.startswith("<stdin>:1:1 paragraph_form: paragraphs separated by one blank line")


def test_check_names_every_step_that_changes_a_record_and_drop_empty() -> None:
    lines = record(text="A.  B.\nADVERTISEMENT") + "\n" + record(text="") + "\n"
    result = run("--jsonl", "--check", "--drop-empty", stdin=lines)
    assert result.text == (
        "would clean <stdin>:1 (collapse_spaces, advertisement)\nwould clean <stdin>:2 (--drop-empty)\n"
    )


def test_a_crlf_file_already_clean_is_reported_unchanged(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Title\r\n\r\nThey agree.\r\n")
    result = run("--check", "--explain", "--stats", tmp_path / "a.txt")
    assert (result.status, result.out) == (0, b"")
    assert "paragraph_form" not in result.err and "1 in, 1 out, 0 changed" in result.err


# --- compression


def test_gzip_and_zstd_inputs_and_outputs(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    data = (record(text=DIRTY) + "\n").encode("utf-8")
    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(data))
    assert run("--jsonl", tmp_path / "in.jsonl.gz", "-o", tmp_path / "out.jsonl.zst").status == 0
    out = (
        zstandard.ZstdDecompressor()
        .stream_reader(io.BytesIO((tmp_path / "out.jsonl.zst").read_bytes()))
        .read()
    )
    assert json.loads(out)["text"] == CLEAN_FIELD
    assert run("--jsonl", tmp_path / "out.jsonl.zst", "-o", tmp_path / "again.gz").status == 0
    assert gzip.decompress((tmp_path / "again.gz").read_bytes()) == out


def test_corrupt_gzip_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "bad.txt.gz").write_bytes(b"not gzip at all")
    result = run(tmp_path / "bad.txt.gz")
    assert result.status == 2
    assert "cleanse: error:" in result.err and "bad.txt.gz" in result.err


def test_truncated_gzip_jsonl_is_an_error(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(record(text=f"line {i}") for i in range(5000)) + "\n").encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    result = run("--jsonl", tmp_path / "cut.jsonl.gz", "-o", tmp_path / "out.jsonl")
    assert result.status == 2
    assert "truncated" in result.err
    assert not (tmp_path / "out.jsonl").exists()


# --- --check, --diff, --in-place


def test_check_exit_status_and_writes_nothing(tmp_path: Path) -> None:
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_text(DIRTY)
    clean.write_text(CLEAN)
    result = run("--check", dirty, clean)
    assert (result.status, result.text) == (
        1,
        f"would clean {dirty} (promo_line, fix_mojibake, advertisement)\n",
    )
    assert dirty.read_text() == DIRTY
    assert run("--check", clean).status == 0


def test_check_jsonl_lists_records() -> None:
    lines = record(text=CLEAN_FIELD) + "\n" + record(text=DIRTY) + "\n"
    result = run("--jsonl", "--check", stdin=lines)
    assert (result.status, result.text) == (
        1,
        "would clean <stdin>:2 (promo_line, fix_mojibake, advertisement)\n",
    )


def test_diff(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY)
    result = run("--diff", tmp_path / "a.txt")
    assert result.status == 0
    assert result.text.startswith(f"--- a/{tmp_path / 'a.txt'}\n+++ b/{tmp_path / 'a.txt'}\n@@")
    assert "-ADVERTISEMENT\n" in result.text
    assert (tmp_path / "a.txt").read_text() == DIRTY
    assert run("--diff", "--check", tmp_path / "a.txt").status == 1
    (tmp_path / "b.txt").write_text(CLEAN)
    assert run("--diff", tmp_path / "b.txt").out == b""


def test_diff_jsonl_shows_the_field_text() -> None:
    result = run("--jsonl", "--diff", stdin=record(text=DIRTY) + "\n")
    assert "--- a/<stdin>:1\n" in result.text and "-ADVERTISEMENT\n" in result.text


def test_in_place_rewrites_keeps_mode_and_leaves_clean_files_alone(tmp_path: Path) -> None:
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_text(DIRTY)
    dirty.chmod(0o600)
    clean.write_text(CLEAN)
    os.utime(clean, (1_000_000, 1_000_000))
    result = run("--in-place", dirty, clean)
    assert (result.status, result.out) == (0, b"")
    assert dirty.read_text() == CLEAN
    assert stat.S_IMODE(dirty.stat().st_mode) == 0o600
    assert clean.stat().st_mtime == 1_000_000
    assert sorted(os.listdir(tmp_path)) == [".git", "clean.txt", "dirty.txt"]


def test_in_place_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(DIRTY)
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert run("--in-place", tmp_path / "link.txt").status == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text() == CLEAN


def test_in_place_refuses_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    result = run("--in-place", tmp_path / "pipe")
    assert result.status == 2 and "not a regular file" in result.err
    assert stat.S_ISFIFO((tmp_path / "pipe").stat().st_mode)


def test_in_place_keeps_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(DIRTY.replace("\n", "\r\n").encode())
    assert run("--in-place", path).status == 0
    assert path.read_bytes() == CLEAN.replace("\n", "\r\n").encode()
    assert run("--check", path).status == 0  # rewritten CRLF file is clean as it is


def test_in_place_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl.gz"
    path.write_bytes(gzip.compress((record(id=1, text=DIRTY) + "\n").encode()))
    assert run("--jsonl", "--in-place", path).status == 0
    assert json.loads(gzip.decompress(path.read_bytes())) == {"id": 1, "text": CLEAN_FIELD}


def test_in_place_legacy_encoding_written_back_in_it(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Café  crème\nADVERTISEMENT\n".encode("cp1252"))
    assert run("--in-place", "--encoding", "cp1252", path).status == 0
    assert path.read_bytes() == "Café crème\n".encode("cp1252")


def test_in_place_error_leaves_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    original = record(text=DIRTY) + "\n{broken\n"
    path.write_text(original)
    result = run("--jsonl", "--in-place", path)
    assert result.status == 2
    assert f"{path}:2: malformed JSON" in result.err
    assert path.read_text() == original
    assert sorted(os.listdir(tmp_path)) == [".git", "x.jsonl"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--in-place"], "--in-place needs FILE arguments"),
        (["--in-place", "-"], "--in-place needs FILE arguments"),
        (["--in-place", "x", "-o", "y"], "cannot be used together"),
        (["--check", "-o", "y"], "write nothing"),
        (["--field", "body"], "only applies to --jsonl"),
        (["--jobs", "-1"], "--jobs must be"),
        (["--on-error", "ignore"], "invalid choice"),
        (["--no-such-flag"], "unrecognized arguments"),
    ],
)
def test_bad_flags_exit_2(argv: list[str], message: str) -> None:
    result = run(*argv)
    assert result.status == 2
    assert "cleanse: error:" in result.err and message in result.err


# --- --explain and --stats


def test_explain_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY)
    result = run("--explain", tmp_path / "a.txt")
    assert result.text == CLEAN
    promo = "promo_line: call to action (dropped 'Sign up for our Daily Briefing newsletter')"
    assert f"{tmp_path / 'a.txt'}:1:2 {promo}" in result.err
    assert f"{tmp_path / 'a.txt'}:1:4 advertisement: " in result.err


def test_explain_json_for_jsonl() -> None:
    lines = record(text=CLEAN_FIELD) + "\n" + record(text=DIRTY) + "\n"
    result = run("--jsonl", "--explain-format", "json", stdin=lines)  # the format implies --explain
    changes = [json.loads(x) for x in result.err.splitlines()]
    assert {(c["source"], c["record"], c["paragraph"], c["step"]) for c in changes} >= {
        ("<stdin>", 2, 2, "promo_line"),
        ("<stdin>", 2, 3, "fix_mojibake"),
        ("<stdin>", 2, 4, "advertisement"),
    }
    assert all(c["action"] in ("fixed", "dropped", "cut") for c in changes)


def test_stats_text_and_json() -> None:
    lines = record(text=DIRTY) + "\n" + "oops\n" + record(text=CLEAN_FIELD) + "\n"
    result = run("--jsonl", "--stats-format", "json", "--on-error", "skip", stdin=lines)
    stats = json.loads(result.err.splitlines()[-1])
    assert stats["documents_in"] == 2 and stats["documents_out"] == 2 and stats["documents_changed"] == 1
    assert stats["bad_records"] == 1 and stats["skipped_records"] == 1
    assert stats["bytes_in"] == len(lines.encode())
    assert stats["changes"]["promo_line"] == 1 and stats["changes"]["advertisement"] == 1
    assert {"seconds", "mb_per_s", "bytes_out"} <= stats.keys()
    text = run("--stats", stdin=DIRTY).err
    assert "cleanse: documents: 1 in, 1 out, 1 changed" in text and "MB/s" in text


# --- bad input


def test_invalid_utf8_text_names_file_and_offset(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Hello\nCaf\xe9\n")
    result = run(tmp_path / "bad.txt")
    assert result.status == 2
    assert f"cleanse: error: {tmp_path / 'bad.txt'}: invalid UTF-8 at byte offset 9 (byte 0xe9)" in result.err
    assert "Traceback" not in result.err


def test_invalid_utf8_jsonl_names_line_and_offset() -> None:
    data = b'{"text": "ok"}\n{"text": "caf\xe9"}\n'
    result = run("--jsonl", stdin=data)
    assert result.status == 2
    assert "cleanse: error: <stdin>:2: invalid UTF-8 at byte offset 28 (byte 0xe9)" in result.err


def test_encoding_option_reads_legacy_text() -> None:
    result = run("--encoding", "cp1252", stdin="“Quoted” café\n".encode("cp1252"))
    assert result.text == "“Quoted” café\n"
    assert (
        run("--encoding", "latin-1", "--jsonl", stdin=b'{"text": "caf\xe9\\n"}\n').text
        == '{"text": "café"}\n'
    )
    unchanged = run("--encoding", "latin-1", "--jsonl", stdin=b'{"text": "caf\xe9 cr\xe8me"}\n')
    assert unchanged.text == '{"text": "café crème"}\n'  # output is UTF-8 even when nothing changed
    assert run("--encoding", "klingon", stdin="x").status == 2


def test_binary_file_among_text_files_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First.\n")
    (tmp_path / "b.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "c.txt").write_text("Second.\n")
    result = run(tmp_path / "a.txt", tmp_path / "b.bin", tmp_path / "c.txt")
    assert result.status == 2
    assert result.text == "First.\n\nSecond.\n"
    assert f"cleanse: warning: {tmp_path / 'b.bin'}: looks binary" in result.err


def test_binary_file_in_jsonl_mode_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(record(text="One.") + "\n")
    (tmp_path / "b.jsonl").write_bytes(b"\x1f\x8b\x08\x00\x00\x00binary")
    result = run("--jsonl", tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert result.status == 2
    assert result.text == record(text="One.") + "\n"
    assert "looks binary" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json}", "malformed JSON"),
        ("[1, 2, 3]", "not a JSON object but an array"),
        ('{"body": "x"}', "no 'text' field"),
        ('{"text": 42}', "field 'text' is a number, not a string"),
    ],
)
def test_bad_jsonl_record_fail_skip_keep(tmp_path: Path, line: str, reason: str) -> None:
    lines = record(id=1, text=DIRTY) + "\n" + line + "\n" + record(id=3, text="x") + "\n"
    failed = run("--jsonl", stdin=lines)
    assert failed.status == 2
    assert f"cleanse: error: <stdin>:2: {reason}" in failed.err and "Traceback" not in failed.err
    assert [json.loads(x)["id"] for x in failed.text.splitlines()] == [1]  # what came before went out

    quarantine = tmp_path / "bad.jsonl"
    skipped = run("--jsonl", "--on-error", "skip", "--errors-to", quarantine, stdin=lines)
    assert skipped.status == 0
    assert [json.loads(x)["id"] for x in skipped.text.splitlines()] == [1, 3]
    assert f"<stdin>:2: {reason}" in skipped.err
    assert quarantine.read_text() == line + "\n"

    kept = run("--jsonl", "--on-error", "keep", "--quiet", stdin=lines)
    assert kept.status == 0 and kept.err == ""
    assert kept.text.splitlines()[1] == line


def test_keep_passes_undecodable_bytes_through() -> None:
    data = b'{"text": "caf\xe9"}\n'
    result = run("--jsonl", "--on-error", "keep", stdin=data)
    assert (result.status, result.out) == (0, data)


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.txt", "no such file"), (".", "is a directory")],
)
def test_missing_file_and_directory(tmp_path: Path, name: str, message: str) -> None:
    result = run(tmp_path / name)
    assert result.status == 2
    assert result.err.startswith("cleanse: error: ") and message in result.err


def test_no_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("cleanse.io.open", refuse, raising=False)
    result = run(tmp_path / "secret.txt")
    assert result.status == 2 and "permission denied" in result.err


def test_unwritable_output_is_an_error(tmp_path: Path) -> None:
    result = run("-o", tmp_path / "no" / "such" / "dir.txt", stdin="x")
    assert result.status == 2 and "cleanse: error:" in result.err


def test_keyboard_interrupt_exits_130_and_discards_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("cleanse.pipeline.clean", interrupted)
    result = run("-o", tmp_path / "out.txt", stdin=DIRTY)
    assert result.status == 130 and "Traceback" not in result.err
    assert sorted(os.listdir(tmp_path)) == [".git"]


# --- --jobs


def _corpus_lines(n: int) -> str:
    parts = [DIRTY, CLEAN, "Story.\nSign up for our newsletter\nÂ£5 pints\n", "x" * 5000]
    return "".join(record(id=i, text=parts[i % len(parts)] * (1 + i % 7)) + "\n" for i in range(n))


def test_jobs_output_identical_to_one_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "FIRST_CHUNK_BYTES", 500)  # many chunks, so order really is at stake
    monkeypatch.setattr(reading, "CHUNK_BYTES", 5000)
    data = _corpus_lines(150) + "{bad\n" + _corpus_lines(20)
    argv = ["--jsonl", "--explain", "--on-error", "keep"]
    one = run(*argv, "--jobs", "1", stdin=data)
    two = run(*argv, "--jobs", "2", stdin=data)
    every = run(*argv, "--jobs", "0", stdin=data)
    assert one.out == two.out == every.out
    assert one.err == two.err == every.err


def test_jobs_text_files_in_order(tmp_path: Path) -> None:
    paths = []
    for i in range(6):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text(f"Document {i}.\nADVERTISEMENT\n")
    assert run("--jobs", "2", *paths).out == run(*paths).out


def test_jobs_fail_on_bad_record_stops_with_error() -> None:
    data = _corpus_lines(30) + "[]\n" + _corpus_lines(30)
    result = run("--jsonl", "--jobs", "2", stdin=data)
    assert result.status == 2 and "<stdin>:31: not a JSON object" in result.err


# --- steps, config files, help


def test_list_steps_enable_disable() -> None:
    listing = run("--list-steps", "--disable", "promo_line", "--enable", "join_wrapped_lines").text
    rows = {line.split()[0]: line.split()[2] for line in listing.splitlines()}
    assert rows["promo_line"] == "off" and rows["join_wrapped_lines"] == "on" and rows["fix_mojibake"] == "on"
    assert list(rows) == [s.name for s in cleanse.steps()]
    assert "Sign up" in run("--disable", "promo_line", stdin=DIRTY).text


def test_unknown_step_is_a_clear_error() -> None:
    result = run("--disable", "promo_lines", stdin="x")
    assert result.status == 2
    assert "cleanse: error: --disable: unknown step 'promo_lines'; valid steps:" in result.err


def test_config_file_and_command_line_override(tmp_path: Path) -> None:
    (tmp_path / "cfg.toml").write_text('disable = ["promo_line"]\nfield = "body"\n')
    data = record(body=DIRTY) + "\n"
    result = run("--jsonl", "--config", tmp_path / "cfg.toml", stdin=data)
    assert "Sign up" in json.loads(result.text)["body"]
    result = run("--jsonl", "--config", tmp_path / "cfg.toml", "--enable", "promo_line", stdin=data)
    assert json.loads(result.text)["body"] == CLEAN_FIELD


def test_config_discovered_per_input_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / ".cleanse.toml").write_text('disable = ["promo_line"]\n')
    (tmp_path / "a" / "x.txt").write_text(DIRTY)
    (tmp_path / "b" / "x.txt").write_text(DIRTY)
    both = run(tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt").text
    assert both.count("Sign up") == 1
    assert "Sign up" not in run("--no-config", tmp_path / "a" / "x.txt").text


def test_show_config(tmp_path: Path) -> None:
    (tmp_path / ".cleanse.toml").write_text('disable = ["pull_quote"]\n')
    result = run("--show-config", "--disable", "promo_line")
    assert result.status == 0
    assert f"# config file: {tmp_path / '.cleanse.toml'}" in result.text
    assert 'disable = ["promo_line", "pull_quote"]' in result.text and "command line" in result.text


@pytest.mark.parametrize("jsonl", [False, True])
def test_show_config_shows_exactly_the_settings_a_run_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jsonl: bool
) -> None:
    (tmp_path / ".cleanse.toml").write_text(
        'enable = ["join_wrapped_lines", "pull_quote"]\ndisable = ["advertisement"]\nfield = "body"\n'
    )
    target = tmp_path / "in.jsonl"
    target.write_text(record(body="Title\nADVERTISEMENT\nText.") + "\n")
    flags = ["--disable", "pull_quote", "--enable", "advertisement", "--disable", "promo_line"]
    if jsonl:
        flags += ["--jsonl", "--field", "body"]
    shown = run("--show-config", target, *flags)
    assert shown.status == 0, shown.err
    described = tomllib.loads(shown.text)
    used: list[tuple[cleanse.Config, str]] = []
    real_clean = cleanse.pipeline.clean

    def spy(text: str, config: cleanse.Config | None = None) -> str:
        assert config is not None
        used.append((config, text))
        return real_clean(text, config)

    monkeypatch.setattr(cleanse.pipeline, "clean", spy)
    assert run(*flags, target).status == 0
    (config, text), *_ = used
    assert sorted(config.enable) == described["enable"] == ["advertisement", "join_wrapped_lines"]
    assert sorted(config.disable) == described["disable"] == ["promo_line", "pull_quote"]
    running = [step.name for step in config.all_steps if config.is_enabled(step.name)]
    assert f"# steps that run, in order: {', '.join(running)}\n" in shown.text
    assert described["field"] == "body"
    assert text == ("Title\nADVERTISEMENT\nText." if jsonl else target.read_text())


def test_bad_config_file_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("enable = [1\n")
    result = run("--config", tmp_path / "bad.toml", stdin="x")
    assert result.status == 2 and result.err.startswith("cleanse: error: ")
    assert run("--config", tmp_path / "missing.toml", stdin="x").status == 2


def test_version_and_help() -> None:
    assert run("--version").text == f"cleanse {cleanse.__version__}\n"
    help_text = run("--help").text
    assert "examples:" in help_text and "exit status:" in help_text


def test_options_leave_nothing_implied() -> None:
    options = parse_options(["--jsonl", "--explain-format", "json", "--stats-format", "json", "a.jsonl"])
    assert (options.explain, options.explain_format, options.stats, options.stats_format) == (
        True,
        "json",
        True,
        "json",
    )
    assert options.inputs == ("a.jsonl",) and parse_options([]).inputs == ("-",)
    assert options.writes_output and not parse_options(["--check"]).writes_output
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.jobs = 2  # type: ignore[misc]


def test_readme_documents_every_flag() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)[-1].split("\n## ", 1)[0]
    flags = [s for action in build_parser()._actions for s in action.option_strings if s.startswith("--")]
    missing = [flag for flag in flags if flag not in section]
    assert not missing, f"README's Command line section does not mention {missing}"


# --- progress bar


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(stdin=DIRTY).err == ""  # not a terminal
    monkeypatch.setattr(reporting, "isatty", lambda stream: True)
    monkeypatch.setattr(reporting.Progress, "advance", _always_draw)
    assert "cleanse: " in run(stdin=DIRTY).err
    assert run("--quiet", stdin=DIRTY).err == ""


def _always_draw(self: reporting.Progress, nbytes: int, records: int) -> None:
    self.bytes += nbytes
    if self.enabled:
        self._draw(1.0)


# --- property: JSONL round trip

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@given(
    records=st.lists(
        st.tuples(st.dictionaries(st.text(max_size=6), _json_values, max_size=4), st.text(), st.booleans()),
        max_size=6,
    )
)
def test_jsonl_output_parses_keeps_records_and_fields_and_is_idempotent(
    records: list[tuple[dict[str, object], str, bool]],
) -> None:
    lines = []
    originals = []
    for other, text, ascii_only in records:
        item = {k: v for k, v in other.items() if k != "text"}
        item["text"] = text
        originals.append(item)
        lines.append(json.dumps(item, ensure_ascii=ascii_only) + "\n")
    first = run("--jsonl", stdin="".join(lines))
    assert first.status == 0, first.err
    out = [json.loads(line) for line in first.text.split("\n")[:-1]]
    assert len(out) == len(originals)
    for before, after in zip(originals, out, strict=True):
        assert list(after) == list(before)
        others = [k for k in before if k != "text"]
        assert [after[k] for k in others] == [before[k] for k in others]
        assert after["text"] == cleanse.clean(before["text"], FIELD)  # type: ignore[arg-type]
    assert run("--jsonl", stdin=first.out).out == first.out
