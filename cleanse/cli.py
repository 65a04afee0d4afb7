"""The ``cleanse`` command: a thin adapter from argv to the library (no cleaning here)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cleanse import __version__
from cleanse.pipeline import clean


def main(argv: Sequence[str] | None = None) -> int:
    """Clean FILE (or stdin) to stdout; return the exit status."""
    parser = argparse.ArgumentParser(prog="cleanse", description="Clean scraped text into paragraphs.")
    parser.add_argument("file", nargs="?", default="-")
    parser.add_argument("--version", action="version", version=f"cleanse {__version__}")
    args = parser.parse_args(argv)
    if args.file == "-":
        text = sys.stdin.read()
    else:
        with open(args.file, encoding="utf-8") as f:
            text = f.read()
    sys.stdout.write(clean(text))
    return 0
