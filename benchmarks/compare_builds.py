"""Two builds of cleanse on the same documents, back to back: which one is faster, and by how much.

    git worktree add /tmp/cleanse-before <commit>
    .venv/bin/python benchmarks/compare_builds.py /tmp/cleanse-before . [--repeats 3]

On a shared machine two whole runs, minutes apart, differ by ±30%: that is more than most
single changes are worth. Here both builds are imported into one process (each under its
own copy of the ``cleanse`` modules) and every document of the news corpus is cleaned by
one, then by the other, then by ``ftfy.fix_text``, the order of the two builds alternating
from document to document (whoever runs second finds the document in the CPU caches).
Each document keeps its best time over the passes; the sums are compared. Both builds
must give the same output on every document, or the comparison stops.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy
from bench_clean import NEWS, default_corpora, read_texts  # this folder is on the path


def load_build(folder: Path) -> Callable[[str], str]:
    """Import the ``cleanse`` package found in *folder*, apart from any other copy."""
    for name in [n for n in sys.modules if n == "cleanse" or n.startswith("cleanse.")]:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        module = importlib.import_module("cleanse")
    finally:
        sys.path.remove(str(folder))
    if not str(Path(module.__file__ or "").resolve()).startswith(str(folder.resolve())):
        raise SystemExit(f"{folder}: no cleanse package there (imported {module.__file__})")
    clean: Callable[[str], str] = module.clean
    return clean


def best_times(
    builds: list[Callable[[str], str]], texts: list[str], repeats: int
) -> tuple[list[float], float]:
    """Each build's sum of per-document best times, and ftfy's."""
    best = [[float("inf")] * len(texts) for _ in builds]
    best_ftfy = [float("inf")] * len(texts)
    clock = time.perf_counter
    for round_ in range(repeats):
        for i, text in enumerate(texts):
            order = [0, 1] if (i + round_) % 2 else [1, 0]
            for b in order:
                start = clock()
                builds[b](text)
                best[b][i] = min(best[b][i], clock() - start)
            start = clock()
            ftfy.fix_text(text)
            best_ftfy[i] = min(best_ftfy[i], clock() - start)
    return [sum(times) for times in best], sum(best_ftfy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("before", type=Path, help="folder holding the first build's cleanse package")
    parser.add_argument("after", type=Path, help="folder holding the second build's cleanse package")
    parser.add_argument("--corpora", type=Path, default=default_corpora(), help="folder holding " + NEWS)
    parser.add_argument("--repeats", type=int, default=3, help="passes over the corpus")
    args = parser.parse_args(argv)
    news = args.corpora / NEWS
    if not news.exists():
        print(f"skipped: corpora not found at {news} (use --corpora or set CLEANSE_CORPORA)")
        return 0
    texts = read_texts(news)
    builds = [load_build(args.before), load_build(args.after)]
    differ = [i for i, text in enumerate(texts) if builds[0](text) != builds[1](text)]
    if differ:
        print(f"the builds differ on documents {differ[:10]}: not the same cleaner")
        return 1
    (before, after), ftfy_time = best_times(builds, texts, args.repeats)
    print(f"{len(texts)} documents, best of {args.repeats} each")
    print(f"  before {before:7.3f} s   {ftfy_time / before:5.2f}x ftfy.fix_text")
    print(f"  after  {after:7.3f} s   {ftfy_time / after:5.2f}x ftfy.fix_text")
    print(f"  after is {before / after:.3f}x as fast as before")
    return 0


if __name__ == "__main__":
    sys.exit(main())
