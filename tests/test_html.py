"""HTML in: decoding, pruning, extraction, the title, bad pages, the command and the benchmark."""

from __future__ import annotations

import codecs
import gzip
import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cleanse
from cleanse.cli import main
from cleanse.html import (
    MAX_PAGE_BYTES,
    charset_of,
    clean_html,
    clean_html_and_explain,
    decode_html,
    extract_html,
)
from cleanse.rules.furniture import Element, element_names, hidden_element, promo_block

pytest.importorskip("trafilatura", reason="HTML input needs the html extra: pip install '.[html]'")

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLES = PROJECT / "examples"

BODY = (
    "<p>The council voted on Tuesday to keep the town library open on Sundays, reversing a plan "
    "to close it at weekends that had drawn hundreds of letters from readers.</p>"
    "<p>The extra hours will be paid for from the parking budget, the treasurer said, and the "
    "decision will be reviewed at the end of next year.</p>"
)


def page(inner: str = BODY, head: str = "<title>Library keeps Sunday hours</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{inner}</article></body></html>"


# --- decoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text"),
    [
        # declared and right
        ('<meta charset="utf-8"><p>naïve</p>'.encode(), '<meta charset="utf-8"><p>naïve</p>'),
        (
            '<meta charset="iso-8859-1"><p>naïve</p>'.encode("cp1252"),
            '<meta charset="iso-8859-1"><p>naïve</p>',
        ),
        ('<?xml version="1.0" encoding="cp1252"?><p>naïve</p>'.encode("cp1252"), None),
        # declared and wrong: said utf-8, saved in windows-1252
        ('<meta charset="utf-8"><p>naïve – “quoted”</p>'.encode("cp1252"), None),
        # nothing declared
        ("<p>naïve</p>".encode(), "<p>naïve</p>"),
        # a byte-order mark wins
        (b"\xef\xbb\xbf<p>na\xc3\xafve</p>", "<p>naïve</p>"),
        ("<p>naïve</p>".encode("utf-16"), "<p>naïve</p>"),
        # an unknown label is no declaration
        ('<meta charset="x-made-up"><p>naïve</p>'.encode(), '<meta charset="x-made-up"><p>naïve</p>'),
    ],
)
def test_decode_html_reads_the_declared_charset_or_finds_one(data: bytes, text: str | None) -> None:
    decoded, _ = decode_html(data)
    if text is not None:
        assert decoded == text
    assert "naïve" in decoded


GREEK = "<p>Η βιβλιοθήκη της πόλης θα μένει ανοιχτή τις Κυριακές, αποφάσισε το δημοτικό συμβούλιο.</p>"


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        # the server's charset read where the page says nothing
        (GREEK.encode("iso8859_7"), "text/html; charset=ISO-8859-7", "iso8859-7"),
        # and before what the page wrongly says of itself
        (
            ('<meta charset="windows-1252">' + GREEK).encode("iso8859_7"),
            "text/html; charset=iso-8859-7",
            "iso8859-7",
        ),
        # a byte-order mark before the server's charset
        (codecs.BOM_UTF8 + GREEK.encode(), "text/html; charset=iso-8859-7", "utf-8"),
        # a server's default charset on a page saved in UTF-8: the bytes say UTF-8
        (GREEK.encode(), "text/html; charset=ISO-8859-1", "utf-8"),
        # a charset nobody knows is no charset
        (GREEK.encode(), "text/html; charset=x-made-up", "utf-8"),
    ],
)
def test_decode_html_reads_the_charset_the_server_sent(data: bytes, charset: str, expected: str) -> None:
    decoded, encoding = decode_html(data, charset_of(charset))
    assert "βιβλιοθήκη" in decoded
    assert encoding == expected


def test_a_mislabelled_page_is_read_not_refused() -> None:
    html = page("<p>Le café était fermé – “pour travaux” – jusqu’à lundi prochain, a dit la mairie.</p>")
    data = html.replace("<head>", '<head><meta charset="utf-8">').encode("cp1252")
    assert "café était fermé" in clean_html(data)


# --- prune rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("element", "pruned"),
    [
        (Element("div", style="display:none"), True),
        (Element("div", style="DISPLAY : NONE"), True),
        (Element("span", style="visibility: hidden"), True),
        (Element("div", hidden=True), True),
        (Element("div", style="display: block"), False),
        (Element("div"), False),
    ],
)
def test_hidden_element(element: Element, pruned: bool) -> None:
    assert bool(hidden_element(element)) is pruned


@pytest.mark.parametrize(
    ("class_value", "id_value", "pruned"),
    [
        ("promo", "", True),
        ("sidebar-promo", "", True),
        ("", "promoBox", True),
        ("promoted_content", "", True),
        # whole words only
        ("compromise", "", False),
        ("promoter-profile", "", False),
        ("story body", "", False),
    ],
)
def test_promo_block(class_value: str, id_value: str, pruned: bool) -> None:
    assert bool(promo_block(Element("div", element_names(class_value, id_value)))) is pruned


def test_pruned_elements_are_explained_with_their_step_and_reason() -> None:
    html = page(BODY + "<div class='promo'>Half price for new readers this week only</div>")
    text, changes = clean_html_and_explain(html)
    assert "Half price" not in text
    (pruned,) = [c for c in changes if c.action == "pruned"]
    assert pruned.step == "promo_block"
    assert "promotion" in pruned.reason and '<div class="promo">' in pruned.reason
    assert pruned.before == "Half price for new readers this week only"


def test_a_prune_step_switched_off_keeps_its_element() -> None:
    html = page(BODY + "<p class='promo'>Our own bakery column returns next week with a new writer.</p>")
    assert "bakery column" not in clean_html(html)
    assert "bakery column" in clean_html(html, config=cleanse.Config(disable=["promo_block"]))


def test_the_article_itself_is_never_pruned() -> None:
    # A story a script reveals starts hidden: it is most of the page, so it stays.
    html = f'<html><body><div class="story" style="display:none">{BODY}</div><p>Menu</p></body></html>'
    assert "library open on Sundays" in clean_html(html)
    # An article element named "promo" is still the article.
    html = f'<html><body><article class="promo">{BODY}</article></body></html>'
    assert "library open on Sundays" in clean_html(html)


# --- the title -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "<title>Library keeps Sunday hours</title>",
        "<title>Library keeps Sunday hours | Valley Gazette</title>",
        '<meta property="og:title" content="Library keeps Sunday hours"><title>Gazette</title>',
    ],
)
def test_the_title_comes_first(head: str) -> None:
    assert clean_html(page(head=head)).startswith("Library keeps Sunday hours\n\nThe council voted")


def test_the_title_is_not_repeated_when_the_text_starts_with_it() -> None:
    html = page("<h1>Library keeps Sunday hours</h1>" + BODY)
    assert clean_html(html).count("Library keeps Sunday hours") == 1


def test_title_false_leaves_the_body_alone() -> None:
    assert clean_html(page(), title=False).startswith("The council voted")


def test_extract_html_does_not_clean() -> None:
    html = page(BODY.replace("Tuesday", "Tuesday  ") + "<p>ADVERTISEMENT</p>")
    extracted = extract_html(html)
    assert "ADVERTISEMENT" in extracted
    assert "ADVERTISEMENT" not in clean_html(html)


def test_the_cleaning_is_the_pipeline_with_the_config_given() -> None:
    html = page(BODY + "<p>ADVERTISEMENT</p>")
    assert "ADVERTISEMENT" in clean_html(html, config=cleanse.Config(disable=["advertisement"]))
    text = clean_html(html)
    assert cleanse.clean(text) == text


def test_extract_article_off_keeps_all_the_text_of_the_page() -> None:
    html = f"<html><body><nav><a href='/'>Front page</a></nav><article>{BODY}</article></body></html>"
    assert "Front page" not in clean_html(html)
    assert "Front page" in clean_html(html, config=cleanse.Config(disable=["extract_article"]))


# --- bad pages: no exception, no text, a reason --------------------------------------------


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty page"),
        (b"", "empty page"),
        ("   \n  ", "empty page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Just a line of plain text, with no markup at all.", "not HTML"),
        ("<html><body><div>", "no article text"),
        ("<html><body><p>A truncated par", None),
        ("<script>var x = 1;</script>", None),
        (b"<html>" + bytes(range(256)) * 40, None),
    ],
)
def test_bad_pages_give_no_text_and_say_why(html: str | bytes, reason: str | None) -> None:
    text, changes = clean_html_and_explain(html)
    assert isinstance(text, str)
    if reason is not None:
        assert text == ""
        assert changes[-1].step == "extract_article" and reason in changes[-1].reason


def test_a_huge_page_is_refused_by_its_size() -> None:
    text, changes = clean_html_and_explain(b"<p>" + b"x" * MAX_PAGE_BYTES)
    assert text == "" and "too large" in changes[0].reason


def test_clean_html_takes_str_or_bytes_only() -> None:
    with pytest.raises(TypeError):
        clean_html(12)  # type: ignore[arg-type]


def test_import_cleanse_imports_neither_trafilatura_nor_lxml() -> None:
    code = (
        "import sys, cleanse; cleanse.clean('x'); print(sorted({'trafilatura', 'lxml'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the command ---------------------------------------------------------------------------


def run_cli(
    args: list[str], capsys: pytest.CaptureFixture[str], stdin: bytes | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        status = main(args)
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_html_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(["--html", str(EXAMPLES / "page.html"), "--explain"], capsys)
    assert status == 0
    assert out.startswith("Harbour ferry returns after winter repairs\n\nThe small passenger ferry")
    assert "promo_block: its class or id names a promotion" in err
    assert "hidden_element" in err


def test_cli_html_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    data = (EXAMPLES / "page.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["--html"]) == 0
    assert capsys.readouterr().out.startswith("Harbour ferry returns")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_warc_gives_a_record_per_html_response(capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    status, out, err = run_cli(
        ["--html", "--stats-format", "json", "--explain", "--jobs", jobs, str(EXAMPLES / "pages.warc.gz")],
        capsys,
    )
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["url"] for r in records] == [
        "https://courier.example/ferry",
        "https://courier.example/pier-cafe",
    ]
    assert records[1]["text"].startswith("Café opens on the pier\n\nA café with twenty seats")
    assert "WARC response is not HTML (image/png)" in err
    stats = json.loads(err.splitlines()[-1])
    assert (stats["documents_in"], stats["documents_out"]) == (3, 2)
    assert stats["changes"]["extract_article"] == 1


def test_cli_warc_reads_each_page_in_the_charset_its_server_sent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "greek.warc.gz"
    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        # The page says windows-1252 of itself, wrongly; its server says ISO-8859-7, rightly.
        head = '<meta charset="windows-1252"><title>Βιβλιοθήκη</title>'
        body = page(GREEK + GREEK.replace("Κυριακές", "αργίες"), head).encode("iso8859_7")
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=ISO-8859-7")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "https://news.example/library", "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    status, out, _ = run_cli(["--html", str(path)], capsys)
    assert status == 0
    assert "βιβλιοθήκη της πόλης" in json.loads(out)["text"]


def test_cli_warc_field_and_drop_empty(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run_cli(["--html", "--field", "body", str(EXAMPLES / "pages.warc.gz")], capsys)
    assert status == 0 and all("body" in json.loads(line) for line in out.splitlines())


def test_cli_damaged_warc_files_end_without_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(gzip.compress(b"this is no WARC at all\n"))
    status, out, err = run_cli(["--html", "--explain", str(garbage)], capsys)
    assert (status, out) == (0, "") and "not HTML" in err  # read leniently: a record that is no page
    data = (EXAMPLES / "pages.warc.gz").read_bytes()
    truncated = tmp_path / "truncated.warc.gz"
    truncated.write_bytes(data[: len(data) // 2])
    status, out, err = run_cli(["--html", str(truncated)], capsys)
    assert "Traceback" not in err
    assert status == 0 or (status == 2 and "cleanse: error:" in err)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_jsonl_html_field(capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    status, out, _ = run_cli(
        ["--jsonl", "--html-field", "html", "--field", "text", "--jobs", jobs, str(EXAMPLES / "pages.jsonl")],
        capsys,
    )
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["text"].startswith("Harbour ferry returns after winter repairs\n\n")
    assert records[0]["url"] == "https://courier.example/ferry" and "<html" in records[0]["html"]


def test_cli_jsonl_html_bad_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"html": page()}), "{not json", json.dumps({"html": ""}), json.dumps({"other": 1})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, err = run_cli(["--jsonl", "--html-field", "html", str(source)], capsys)
    assert status == 2 and "in.jsonl:2" in err
    status, out, err = run_cli(
        ["--jsonl", "--html-field", "html", "--on-error", "skip", "--stats", "--explain", str(source)], capsys
    )
    assert status == 0
    texts = [json.loads(line)["text"] for line in out.splitlines()]
    assert texts[0].startswith("Library keeps Sunday hours") and texts[1] == ""
    assert "empty page" in err and "skipped records" not in err


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02binary", b"plain words, no markup", b"<html><body><p>cut off", b"\xff\xfe\xfa" * 50],
)
def test_cli_bad_pages_do_not_fail(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    status, _, err = run_cli(["--html", "--explain", "--stats", str(path)], capsys)
    assert status == 0, err
    assert "Traceback" not in err and "documents: 1 in" in err


@pytest.mark.parametrize("flag", ["--in-place", "--check", "--diff"])
def test_cli_html_cannot_rewrite_or_compare(capsys: pytest.CaptureFixture[str], flag: str) -> None:
    status, _, err = run_cli(["--html", flag, str(EXAMPLES / "page.html")], capsys)
    assert status == 2 and "--html" in err


def test_cli_html_field_needs_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_cli(["--html-field", "html", str(EXAMPLES / "page.html")], capsys)
    assert status == 2 and "--jsonl" in err


def test_cli_without_trafilatura_says_how_to_install(tmp_path: Path) -> None:
    # A module named trafilatura that cannot be imported stands for a missing extra.
    (tmp_path / "trafilatura.py").write_text("raise ImportError('No module named trafilatura')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "cleanse", "--html", str(EXAMPLES / "page.html")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "pip install 'cleanse-corpus[html]'" in done.stderr
    assert "Traceback" not in done.stderr


# --- datatrove -----------------------------------------------------------------------------


def test_datatrove_formatter_takes_pages() -> None:
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from cleanse.datatrove import CleanseFormatter

    step = CleanseFormatter(html=True)
    html = page(BODY + "<div class='promo'>Half price for new readers</div>")
    docs = list(step.run(iter([Document(html, "1", metadata={"url": "https://gazette.example/a"})])))
    assert docs[0].text.startswith("Library keeps Sunday hours\n\nThe council voted")
    assert step.stats["promo_block_pruned"].total == 1


# --- the benchmark -------------------------------------------------------------------------


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_html", PROJECT / "benchmarks" / "bench_html.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shingle_score_is_the_scrapinghub_one() -> None:
    bench = load_benchmark()
    assert bench.page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = bench.page_counts("a b c d e", "a b c d")  # shingles abcd, bcde against abcd
    assert (tp, fp, fn) == (0.5, 0.0, 0.5)
    scores = bench.shingle_scores([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)])  # the second: nothing predicted
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5


def corpora() -> Path:
    return Path(os.environ.get("CLEANSE_CORPORA") or PROJECT.parent / "shared" / "corpora")


@pytest.mark.slow
def test_bench_html_on_both_corpora(capsys: pytest.CaptureFixture[str]) -> None:
    folder = corpora()
    if not (folder / "scrapinghub_article_extraction").is_dir() or not (folder / "trafilatura_eval").is_dir():
        pytest.skip(f"the HTML corpora are not in {folder} (set CLEANSE_CORPORA)")
    assert load_benchmark().main(["--corpora", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "target F1 >= 0.965" in out and "trafilatura's evaluation snippets" in out
    assert out.count("(shipped)") == 6


@pytest.mark.slow
def test_bench_html_skips_without_corpora(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert load_benchmark().main(["--corpora", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out
