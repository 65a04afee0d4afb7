"""Agreement between two independent labellings of the same articles.

    python eval/agreement.py eval/labels.jsonl eval/labels_second.jsonl

Compares, over every non-blank line of the articles both files label: whether the line is
an artifact (Cohen's kappa and raw agreement), and, where both call it one, its type.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read(path: Path) -> dict[str, dict[int, str]]:
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return {row["id"]: {label["i"]: label["type"] for label in row["labels"]} for row in rows}


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    p_a = sum(a for a, _ in pairs) / n
    p_b = sum(b for _, b in pairs) / n
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpora" / "abp_unlabelled.jsonl.gz")
    args = parser.parse_args(argv)
    first, second = read(args.first), read(args.second)
    both = set(first) & set(second)
    lines: dict[str, list[int]] = {}
    with gzip.open(args.corpus, "rt", encoding="utf-8") as records:
        for record in map(json.loads, records):
            if record["id"] in both:
                lines[record["id"]] = [i for i, line in enumerate(record["text"].split("\n")) if line.strip()]
    pairs: list[tuple[bool, bool]] = []
    types: Counter[tuple[str, str]] = Counter()
    for article in sorted(both):
        for i in lines.get(article, []):
            a, b = first[article].get(i), second[article].get(i)
            pairs.append((a is not None, b is not None))
            if a and b:
                types[(a, b)] += 1
    same_type = sum(n for (a, b), n in types.items() if a == b)
    flagged = sum(a or b for a, b in pairs)
    print(f"{len(both)} articles, {len(pairs)} lines, {flagged} marked as artifacts by one labeller or both")
    print(f"artifact or content: agreement {sum(a == b for a, b in pairs) / len(pairs):.4f}, kappa {kappa(pairs):.3f}")
    both_marked = sum(a and b for a, b in pairs)
    print(f"lines both mark: {both_marked} of {flagged} ({both_marked / max(flagged, 1):.3f}); same type {same_type / max(sum(types.values()), 1):.3f}")
    for (a, b), n in types.most_common():
        if a != b:
            print(f"  type disagreement {a} / {b}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
