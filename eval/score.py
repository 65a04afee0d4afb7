"""Score a cleaner on the project's own labels, split by outlet, and on the shared dev labels.

    python eval/score.py                 # cleanse.clean: tune, validation and dev
    python eval/score.py --cleaner c4    # any cleaner news_eval.py knows
    python eval/score.py --json          # the figures as JSON
    python eval/score.py --show 10       # print the tune articles with mistakes (--show-split)

The labels (``eval/labels.jsonl``, ids, line numbers and inline spans, made with
``../shared/eval/LABELLING.md``) cover articles of ``../shared/corpora/abp_unlabelled.jsonl.gz``
drawn by ``eval/sample.py``; each outlet is wholly in ``tune`` or ``validation``. Rules are
tuned on ``tune``; ``validation`` is the figure users will see. ``eval/modern/`` holds
hand-written pages in the style of today's sites (in four languages, labelled the same
way), split into ``modern-tune`` and ``modern-validation`` alike. The scoring itself is
``../shared/eval/news_eval.py``'s, so every figure means what it means there.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent / "shared"
SPLITS = ("tune", "validation")
SHOWABLE = (*SPLITS, "modern-tune")


def load_scorer(shared: Path) -> ModuleType:
    """``../shared/eval/news_eval.py`` as a module."""
    path = shared / "eval" / "news_eval.py"
    if not path.exists():
        raise SystemExit(f"eval/score.py: the scorer is not at {path}; pass --shared")
    spec = importlib.util.spec_from_file_location("news_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def labelled_articles(shared: Path, labels: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """The labelled articles, read from the unlabelled corpus by id."""
    found: dict[str, dict[str, Any]] = {}
    with gzip.open(shared / "corpora" / "abp_unlabelled.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in labels:
                found[record["id"]] = record
    return found


def evaluate(
    cleaner_spec: str = "cleanse",
    shared: Path = DEFAULT_SHARED,
    labels_path: Path = HERE / "labels.jsonl",
    show: int = 0,
    show_split: str = "tune",
) -> dict[str, dict[str, Any]]:
    """Figures per split (``tune``, ``validation``) and on the shared ``dev`` labels."""
    scorer = load_scorer(shared)
    cleaner = scorer.load_cleaner(cleaner_spec)
    labels = {row["id"]: row["labels"] for row in read_jsonl(labels_path)}
    split_of = {row["id"]: row["split"] for row in read_jsonl(HERE / "sample.jsonl")}
    articles = labelled_articles(shared, labels)
    results: dict[str, dict[str, Any]] = {}
    for split in SPLITS:
        chosen = [articles[i] for i in labels if split_of.get(i) == split and i in articles]
        results[split] = scorer.score(cleaner, chosen, labels, show if split == show_split else 0)
        results[split]["outlets"] = len({a["outlet"] for a in chosen})
    dev_labels = {
        row["id"]: row["labels"] for row in read_jsonl(shared / "corpora" / "news_labels_dev.jsonl")
    }
    dev = [
        a
        for a in read_jsonl(shared / "corpora" / "news_articles_with_artifacts.jsonl")
        if a["id"] in dev_labels
    ]
    results["dev"] = scorer.score(cleaner, dev, dev_labels, 0)
    # Hand-written pages in the style of today's sites (eval/modern/), split the same way.
    modern = read_jsonl(HERE / "modern" / "cases.jsonl")
    modern_labels = {row["id"]: row["labels"] for row in read_jsonl(HERE / "modern" / "labels.jsonl")}
    for split in SPLITS:
        chosen = [case for case in modern if case["split"] == split]
        name = f"modern-{split}"
        results[name] = scorer.score(cleaner, chosen, modern_labels, show if name == show_split else 0)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cleaner", default="cleanse", help="cleanse | none | c4 | module:function")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--labels", type=Path, default=HERE / "labels.jsonl")
    parser.add_argument("--show", type=int, default=0, help="print this many articles with mistakes")
    parser.add_argument("--show-split", choices=SHOWABLE, default="tune", help="whose mistakes --show prints")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = evaluate(args.cleaner, args.shared, args.labels, args.show, args.show_split)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for name, res in results.items():
        by_type = " ".join(f"{t}={v}" for t, v in res["leaked_by_type"].items())
        outlets = f", {res['outlets']} outlets" if "outlets" in res else ""
        print(
            f"{name:10} {res['docs']:4} docs{outlets}: kept {res['content_kept']:.4f}, "
            f"leaked {res['leaked']:.4f} ({by_type}), exact {res['exact_docs']:.3f}"
        )
    gap = results["validation"]["leaked"] - results["tune"]["leaked"]
    print(f"leak gap, validation minus tune: {gap:+.4f}")
    gap = results["modern-validation"]["leaked"] - results["modern-tune"]["leaked"]
    print(f"leak gap on the modern pages, validation minus tune: {gap:+.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
