"""Cost per MB of odd shapes of text, against the news corpus's own, and peak memory.

    python benchmarks/bench_shapes.py [--corpora PATH] [--mb 1.0] [--only WORDS ...]

One document of each shape, built from the news corpus's own paragraphs, at two sizes (so
that cost growing faster than size shows), timed in the same run as the whole news corpus
cleaned document by document. Each row prints seconds per MB as a ratio to the news
corpus's (target: at most 5x, about the same at both sizes) and the peak memory Python
allocated while cleaning that one document, as a multiple of its UTF-8 size (target: under
8x), beside what ``ftfy.fix_text`` takes on it and what its lines alone take as Python
strings (``text.split("\n")``): a floor no line-by-line cleaner goes under.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import ftfy

import cleanse

TARGET_RATIO = 5.0
TARGET_MEMORY = 8.0
Shape = Callable[[list[str], list[str], int], str]


def _prose(paragraphs: list[str], size: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    chosen: list[str] = []
    total = 0
    while total < size:
        paragraph = rng.choice(paragraphs)
        chosen.append(paragraph)
        total += len(paragraph) + 1
    return chosen


SHAPES: dict[str, Shape] = {
    "prose in capitals, one line": lambda docs, prose, n: " ".join(_prose(prose, n)).upper(),
    "prose, one line": lambda docs, prose, n: " ".join(_prose(prose, n)),
    "one-word lines": lambda docs, prose, n: "\n".join(f"word{i}" for i in range(n // 8)),
    "template-marker lines": lambda docs, prose, n: "\n".join("{{x}}" for _ in range(n // 6)),
    "articles joined into one": lambda docs, prose, n: "\n".join(_prose(docs, n)),
    # Shapes of many lines that are not held as where each line starts and ends alone:
    "one word a line, spaced": lambda docs, prose, n: "\n".join(f" word{i} " for i in range(n // 10)),
    "a number a line": lambda docs, prose, n: "\n".join(str(i) for i in range(n // 6)),
    "a word and an emoji a line": lambda docs, prose, n: "\n".join(
        f"wörd{i} \U0001f600" for i in range(n // 13)
    ),
    "code": lambda docs, prose, n: "\n".join(
        "for x in y:" if i % 5 == 0 else f"    go({i})" for i in range(n // 12)
    ),
    "verse in stanzas": lambda docs, prose, n: "\n\n".join(
        f"the tide comes in {i},\nthe gulls cry" for i in range(n // 32)
    ),
}


def seconds(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def peak_memory(text: str, function: Callable[[str], object] = cleanse.clean) -> int:
    tracemalloc.start()
    try:
        function(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _lines(text: str) -> list[str]:
    return text.split("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    parser.add_argument("--mb", type=float, default=1.0, help="the smaller size of each shape, in MB")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="WORDS",
        help="the shapes whose name holds WORDS (repeatable)",
    )
    args = parser.parse_args(argv)
    shapes = {
        name: make for name, make in SHAPES.items() if not args.only or any(w in name for w in args.only)
    }
    if not shapes:
        print(
            f"bench_shapes: no shape's name holds {' or '.join(map(repr, args.only))};"
            f" the shapes: {', '.join(SHAPES)}"
        )
        return 2
    path = args.corpora / "news_articles_with_artifacts.jsonl"
    if not path.exists():
        print(f"bench_shapes: news corpus not found at {path}; pass --corpora (nothing measured)")
        return 0
    with path.open(encoding="utf-8") as lines:
        docs = [json.loads(line)["text"] for line in lines if line.strip()]
    paragraphs = [p for d in docs for p in d.split("\n") if p.strip()]
    prose = [p for p in paragraphs if len(p) > 200] or paragraphs
    for doc in docs[:100]:
        cleanse.clean(doc)  # one-time costs (patterns compiled, automaton built) paid before timing
    news_mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    news_per_mb = seconds(lambda: [cleanse.clean(d) for d in docs]) / news_mb
    print(f"news corpus: {news_mb:.2f} MB, {news_per_mb:.3f} s/MB (the baseline)")
    print(f"{'shape':30} {'MB':>6} {'s':>7} {'x news':>7} {'peak x size':>12} {'ftfy':>6} {'lines':>6}")
    worst = most = 0.0
    for name, make in shapes.items():
        for factor in (1, 2):
            text = make(docs, prose, int(args.mb * factor * 1e6))
            mb = len(text.encode("utf-8")) / 1e6
            ratio = seconds(lambda text=text: cleanse.clean(text)) / mb / news_per_mb
            worst = max(worst, ratio)
            memory = peak_memory(text) / (mb * 1e6)
            most = max(most, memory)
            by_ftfy = peak_memory(text, ftfy.fix_text) / (mb * 1e6)
            lines = peak_memory(text, _lines) / (mb * 1e6)
            print(
                f"{name:30} {mb:6.2f} {ratio * mb * news_per_mb:7.2f} {ratio:7.1f} {memory:12.1f}"
                f" {by_ftfy:6.1f} {lines:6.1f}"
            )
    verdict = "met" if worst <= TARGET_RATIO else "NOT met"
    print(f"worst shape: {worst:.1f}x the news corpus per MB (target <= {TARGET_RATIO:.0f}x: {verdict})")
    verdict = "met" if most < TARGET_MEMORY else "NOT met"
    print(f"most memory: {most:.1f}x the document's size (target < {TARGET_MEMORY:.0f}x: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
