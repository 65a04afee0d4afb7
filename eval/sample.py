"""Draw the project's own labelling sample from the unlabelled news corpus, split by outlet.

    python eval/sample.py [--corpora ../shared/corpora] [--size 1500] > eval/sample.jsonl

Breadth over depth: at most ``--per-outlet`` articles from any outlet, every outlet with
fewer than 20 articles taken first (so at least half the sample comes from them), then the
larger outlets round-robin until ``--size``. Each outlet falls wholly in ``tune`` (70%) or
``validation`` (30%), chosen by a hash of its name, so no rule is tuned on an outlet it is
judged on. The output holds ids, outlets and splits only; the articles stay in the corpus.
Deterministic: the same corpus gives the same sample.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

SMALL_OUTLET = 20  # an outlet with fewer articles than this is "small"
VALIDATION_SHARE = 0.30


def split_of(outlet: str) -> str:
    """``validation`` for about 30% of outlets, ``tune`` for the rest, stable across runs.

    >>> split_of("Reuters") in ("tune", "validation")
    True
    """
    digest = hashlib.sha256(outlet.encode("utf-8")).digest()
    return "validation" if int.from_bytes(digest[:4], "big") / 2**32 < VALIDATION_SHARE else "tune"


def draw(by_outlet: dict[str, list[str]], size: int, per_outlet: int, seed: int) -> list[tuple[str, str]]:
    """(outlet, id) pairs: small outlets first, then larger ones round-robin, up to *size*."""
    rng = random.Random(seed)
    pools = {outlet: rng.sample(ids, len(ids)) for outlet, ids in sorted(by_outlet.items())}
    small = [o for o in pools if len(by_outlet[o]) < SMALL_OUTLET]
    large = [o for o in pools if len(by_outlet[o]) >= SMALL_OUTLET]
    chosen = [(o, i) for o in small for i in pools[o][:per_outlet]]
    taken = {o: min(per_outlet, len(pools[o])) for o in small}
    rng.shuffle(large)
    while len(chosen) < size:
        progressed = False
        for outlet in large:
            n = taken.get(outlet, 0)
            if n < per_outlet and n < len(pools[outlet]) and len(chosen) < size:
                chosen.append((outlet, pools[outlet][n]))
                taken[outlet] = n + 1
                progressed = True
        if not progressed:
            break
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora")
    parser.add_argument("--size", type=int, default=1500)
    parser.add_argument("--per-outlet", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args(argv)
    by_outlet: dict[str, list[str]] = defaultdict(list)
    with gzip.open(args.corpora / "abp_unlabelled.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["text"].strip():
                by_outlet[record["outlet"]].append(record["id"])
    # Labelling order: interleave outlets so that any prefix of the sample is broad too.
    chosen = draw(by_outlet, args.size, args.per_outlet, args.seed)
    order = random.Random(args.seed + 1).sample(chosen, len(chosen))
    for outlet, article in order:
        small = len(by_outlet[outlet]) < SMALL_OUTLET
        row = {"id": article, "outlet": outlet, "split": split_of(outlet), "small_outlet": small}
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
