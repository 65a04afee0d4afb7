"""Instructions per pass of ``cleanse.clean`` over the news corpus, counted by valgrind:
a measure that the machine's other work cannot move.

    .venv/bin/python benchmarks/count_instructions.py                  # this checkout
    .venv/bin/python benchmarks/count_instructions.py /tmp/before .    # two checkouts
    .venv/bin/python benchmarks/count_instructions.py --disable pull_quote --ftfy
    .venv/bin/python benchmarks/count_instructions.py --explain    # clean_and_explain instead

On a shared machine, wall-clock timings of the same code differ by 10-30% from one run
to the next, and even CPU time moves with the other tenants: more than most single
changes are worth. The number of instructions a pass executes does not move, so a
change worth 1% shows. It does not see what memory costs (a table pushed out of the
CPU's caches costs time, not instructions), so a change that counts fewer instructions
is still confirmed with ``bench_clean.py``.

Each figure is the instructions of a process cleaning the corpus twice less those of one
cleaning it once (start-up, imports and the first pass's compiling cancel out), per byte
of text. ``--ftfy`` also counts ``ftfy.fix_text`` on the same text, the
yardstick, as a ratio; ``--explain`` counts ``cleanse.clean_and_explain`` in place of
``clean`` (what ``--explain``, ``--check`` and the datatrove step's counters run). Needs
``valgrind`` (callgrind); a pass takes about a minute.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_clean import NEWS, default_corpora, read_texts  # this folder is on the path

# Run under valgrind: clean (or fix) every document PASSES times, in a checkout's package.
CHILD = """
import json, sys
folder, corpus, passes, what = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
disable = sys.argv[5:]
sys.path.insert(0, folder)
texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8") if line.strip()]
if what == "ftfy":
    import ftfy
    run = ftfy.fix_text
else:
    import cleanse
    from cleanse.pipeline import Config
    if not cleanse.__file__.startswith(folder):
        sys.exit(f"{folder}: no cleanse package there (imported {cleanse.__file__})")
    config = Config(disable=disable)
    clean = cleanse.clean_and_explain if what == "explain" else cleanse.clean
    run = lambda text: clean(text, config)
for _ in range(passes):
    for text in texts:
        run(text)
"""
COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(folder: Path, corpus: Path, passes: int, what: str, disable: list[str]) -> int:
    """The instructions a process executes to clean (or fix) the corpus *passes* times."""
    argv = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-c",
        CHILD,
        str(folder.resolve()),
        str(corpus),
        str(passes),
        what,
        *disable,
    ]
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    found = COLLECTED.search(result.stderr)
    if result.returncode != 0 or not found:
        raise SystemExit(f"count_instructions: the run failed:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def per_pass(folder: Path, corpus: Path, what: str, disable: list[str]) -> int:
    """Instructions of one pass: two passes less one, counted side by side (two cores)."""
    with ThreadPoolExecutor(2) as pool:
        once, twice = pool.map(lambda n: instructions(folder, corpus, n, what, disable), (1, 2))
    return twice - once


def counted(count: int, size: int) -> str:
    return f"{count / 1e6:9.0f} M instructions a pass, {count / size:6.0f} a byte"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("folders", nargs="*", type=Path, help="checkouts to count (default: this one)")
    parser.add_argument("--corpora", type=Path, default=default_corpora())
    parser.add_argument("--disable", nargs="*", default=[], metavar="STEP", help="steps switched off")
    parser.add_argument("--ftfy", action="store_true", help="also count ftfy.fix_text, as a ratio")
    parser.add_argument("--explain", action="store_true", help="count clean_and_explain instead of clean")
    args = parser.parse_args(argv)
    corpus = args.corpora / NEWS
    if not corpus.exists():
        print(f"count_instructions: skipped: {corpus} not found (pass --corpora DIR)")
        return 0
    if shutil.which("valgrind") is None:
        print("count_instructions: skipped: valgrind is not installed")
        return 0
    size = sum(len(text.encode("utf-8")) for text in read_texts(corpus))
    folders = args.folders or [Path(__file__).resolve().parent.parent]
    disabled = f", steps off: {' '.join(args.disable)}" if args.disable else ""
    disabled += ", cleanse.clean_and_explain" if args.explain else ""
    print(f"news corpus: {size / 1e6:.2f} MB{disabled}")
    ftfy_count = per_pass(folders[0], corpus, "ftfy", []) if args.ftfy else None
    if ftfy_count is not None:
        print(f"{'ftfy.fix_text':30s} {counted(ftfy_count, size)}")
    first = None
    for folder in folders:
        count = per_pass(folder, corpus, "explain" if args.explain else "clean", args.disable)
        line = f"{folder!s:30s} {counted(count, size)}"
        if ftfy_count is not None:
            line += f", {ftfy_count / count:.2f}x ftfy"
        if first is not None:
            line += f", {count / first:.4f}x the first"
        first = first or count
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
