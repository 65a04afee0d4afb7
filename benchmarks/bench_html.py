"""HTML in: trafilatura alone, trafilatura's text cleaned, and cleanse.clean_html, in one run.

    .venv/bin/python benchmarks/bench_html.py [--corpora PATH] [--limit N] [--show N]

Two corpora from ``--corpora`` (default ``$CLEANSE_CORPORA`` or ``../shared/corpora``):

- ``scrapinghub_article_extraction/``: 181 pages and their article bodies. Scored as that
  benchmark scores: the words (``\\w+``) of a text, in 4-word shingles counted with
  repeats; per page, true positives, false positives and false negatives as shares of
  their sum; precision and recall are the means over pages (a page with nothing
  predicted has no precision), F1 their harmonic mean. The outputs of other extractors
  shipped with the corpus are scored beside.
- ``trafilatura_eval/``: 233 pages with snippets that must be in the text ("with") and
  that must not ("without"), found after collapsing whitespace, counted over all pages.

The contenders: ``trafilatura.extract`` with its default settings; its text through
``cleanse.clean``; ``cleanse.clean_html``, with the page title (its default) and without
(the ScrapingHub gold is the body alone, without the headline). Pages per second are each
contender's, on the same pages in the same run. For ``clean_html`` without the title, the
pages where gold text went missing are printed, a few shingles each (``--show``), to find
what a pruning or a rule took.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
SCRAPINGHUB = "scrapinghub_article_extraction"
TRAFILATURA_EVAL = "trafilatura_eval"

# The targets, from the README of the benchmarks.
TARGET_F1 = 0.965
TARGET_RECALL_SLACK = 0.005
TARGET_SPEED = 0.7

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

Extractor = Callable[[bytes, "str | None"], str]


def default_corpora() -> Path:
    return Path(os.environ.get("CLEANSE_CORPORA") or PROJECT.parent / "shared" / "corpora")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """The text's words in overlapping runs of *size*, with repeats (a short text is one run)."""
    words = _WORD.findall(text or "")
    if not words:
        return Counter()
    return Counter(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """True positives, false positives and false negatives of one page, as shares of their sum."""
    want, got = shingles(gold), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision and recall over pages, and their F1, as the ScrapingHub benchmark has them."""
    precisions, recalls = [], []
    for tp, fp, fn in counts:
        if fp == fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def snippet_counts(pages: dict[str, dict[str, Any]], outputs: dict[str, str]) -> dict[str, int]:
    """How many "with" snippets each output kept and how many "without" it removed."""
    counts = Counter[str]()
    for key, page in pages.items():
        text = _SPACE.sub(" ", outputs.get(key) or "")
        for snippet in page["with"]:
            counts["with_kept" if _SPACE.sub(" ", snippet).strip() in text else "with_lost"] += 1
        for snippet in page["without"]:
            counts["without_left" if _SPACE.sub(" ", snippet).strip() in text else "without_removed"] += 1
    return dict(counts)


def load_scrapinghub(folder: Path, limit: int | None) -> tuple[dict[str, bytes], dict[str, Any]]:
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[:limit]
    pages = {key: gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()) for key in keys}
    return pages, {key: gold[key] for key in keys}


def load_trafilatura_eval(folder: Path, limit: int | None) -> tuple[dict[str, bytes], dict[str, Any]]:
    meta = json.loads((folder / "evaldata_subset.json").read_text(encoding="utf-8"))
    keys = sorted(meta)[:limit]
    return {key: (folder / "html" / meta[key]["file"]).read_bytes() for key in keys}, {
        k: meta[k] for k in keys
    }


def contenders() -> dict[str, Extractor]:
    import trafilatura

    import cleanse

    def trafilatura_alone(page: bytes, url: str | None) -> str:
        return trafilatura.extract(page, url=url) or ""

    def trafilatura_cleaned(page: bytes, url: str | None) -> str:
        return cleanse.clean(trafilatura.extract(page, url=url) or "")

    def clean_html(page: bytes, url: str | None) -> str:
        return cleanse.clean_html(page, url=url)

    def clean_html_body(page: bytes, url: str | None) -> str:
        return cleanse.clean_html(page, url=url, title=False)

    return {
        "trafilatura.extract": trafilatura_alone,
        "trafilatura + clean": trafilatura_cleaned,
        "clean_html": clean_html,
        "clean_html, no title": clean_html_body,
    }


def run_all(
    extractors: dict[str, Extractor], pages: dict[str, bytes], urls: dict[str, str | None]
) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    """Every contender's output on every page, and its pages per second (the contenders take
    turns page by page, so load hits them alike)."""
    outputs: dict[str, dict[str, str]] = {name: {} for name in extractors}
    seconds = Counter[str]()
    for key, page in pages.items():
        for name, extract in extractors.items():
            start = time.perf_counter()
            outputs[name][key] = extract(page, urls.get(key))
            seconds[name] += time.perf_counter() - start
    return outputs, {name: len(pages) / seconds[name] for name in extractors}


def show_losses(gold: dict[str, Any], output: dict[str, str], show: int) -> None:
    """Print, page by page, gold shingles the output lacks (a few each)."""
    print(f"\ngold text missing from clean_html (no title), up to {show} shingles a page:")
    for key in gold:
        missing = shingles(gold[key]["articleBody"]) - shingles(output[key])
        if missing:
            examples = [" ".join(shingle) for shingle in list(missing)[:show]]
            print(f"  {key[:12]} ({sum(missing.values())} missing) {gold[key].get('url', '')[:70]}")
            for example in examples:
                print(f"      {example}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=default_corpora())
    parser.add_argument("--limit", type=int, help="only the first N pages of each corpus")
    parser.add_argument("--show", type=int, default=3, help="missing gold shingles shown per page")
    args = parser.parse_args(argv)
    try:
        extractors = contenders()
    except ImportError as exc:
        print(f"skipped: {exc}; pip install 'cleanse-corpus[html]'")
        return 0
    ran = False
    folder = args.corpora / SCRAPINGHUB
    if (folder / "ground-truth.json").exists():
        ran = True
        pages, gold = load_scrapinghub(folder, args.limit)
        outputs, speed = run_all(extractors, pages, {k: v.get("url") for k, v in gold.items()})
        print(f"ScrapingHub article extraction, {len(pages)} pages (4-gram shingles)")
        print(f"  {'contender':28} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8}")
        scores = {}
        for name, output in outputs.items():
            scores[name] = s = shingle_scores([page_counts(gold[k]["articleBody"], output[k]) for k in gold])
            ratio = speed[name] / speed["trafilatura.extract"]
            print(
                f"  {name:28} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.4f}"
                f" {speed[name]:8.1f} ({ratio:.2f}x)"
            )
        for path in sorted((folder / "reference_outputs").glob("*.json")):
            shipped = json.loads(path.read_text(encoding="utf-8"))
            shipped = shipped.get("output", shipped)
            if set(gold) <= set(shipped):
                counts = [
                    page_counts(gold[k]["articleBody"], shipped[k].get("articleBody") or "") for k in gold
                ]
                s = shingle_scores(counts)
                name = f"(shipped) {path.stem}"
                print(f"  {name:28} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f}")
        ours, theirs = scores["clean_html, no title"], scores["trafilatura.extract"]
        met_f1 = ours["f1"] >= TARGET_F1 and ours["recall"] >= theirs["recall"] - TARGET_RECALL_SLACK
        met_speed = speed["clean_html"] >= TARGET_SPEED * speed["trafilatura.extract"]
        print(
            f"  target F1 >= {TARGET_F1} with recall at most {TARGET_RECALL_SLACK} below trafilatura's"
            f" (clean_html, no title): {'met' if met_f1 else 'NOT met'}"
        )
        print(
            f"  target clean_html >= {TARGET_SPEED}x trafilatura's pages/s:",
            "met" if met_speed else "NOT met",
        )
        show_losses(gold, outputs["clean_html, no title"], args.show)
    else:
        print(f"ScrapingHub corpus: skipped (no {folder})")
    folder = args.corpora / TRAFILATURA_EVAL
    if (folder / "evaldata_subset.json").exists():
        ran = True
        pages, meta = load_trafilatura_eval(folder, args.limit)
        outputs, speed = run_all(extractors, pages, {})
        total_with = sum(len(m["with"]) for m in meta.values())
        total_without = sum(len(m["without"]) for m in meta.values())
        print(f"\ntrafilatura's evaluation snippets, {len(pages)} pages")
        print(f"  {'contender':28} {'with kept':>14} {'without removed':>16} {'pages/s':>8}")
        counts = {name: snippet_counts(meta, output) for name, output in outputs.items()}
        for name, c in counts.items():
            ratio = speed[name] / speed["trafilatura.extract"]
            kept = f"{c.get('with_kept', 0)}/{total_with}"
            removed = f"{c.get('without_removed', 0)}/{total_without}"
            print(f"  {name:28} {kept:>14} {removed:>16} {speed[name]:8.1f} ({ratio:.2f}x)")
        ours, theirs = counts["clean_html"], counts["trafilatura.extract"]
        met = ours.get("without_removed", 0) > theirs.get("without_removed", 0) and ours.get(
            "with_kept", 0
        ) >= theirs.get("with_kept", 0)
        print(
            "  target more 'without' removed, no fewer 'with' kept (clean_html):",
            "met" if met else "NOT met",
        )
    else:
        print(f"trafilatura evaluation corpus: skipped (no {folder})")
    if not ran:
        print("skipped: no corpus found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
