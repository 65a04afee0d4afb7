"""Modules compiled by mypyc when the builder asks (``CLEANSE_COMPILE=1 pip install .``).

Everything else about the package is in pyproject.toml. The compiled modules are the
same sources, run as C: the same output, about 1.2x the speed (benchmarks/README.md).
Without the variable the package is pure Python and needs no compiler.
"""

import os

from setuptools import setup

# The modules whose Python-level work (pre-checks, rules, fixes) dominates cleaning. Not
# pipeline.py: compiled, its public functions and Config would answer a wrong argument
# with mypyc's own TypeError instead of this package's messages.
COMPILED = [
    "cleanse/_fastpath.py",
    "cleanse/fixes.py",
    "cleanse/paragraphs.py",
    "cleanse/rules.py",
]
OPT_LEVEL = "3"  # the C compiler's -O level (tests/test_fast_path.py builds the same way)

if os.environ.get("CLEANSE_COMPILE", "").strip() not in ("", "0"):
    from mypyc.build import mypycify

    setup(ext_modules=mypycify(COMPILED, opt_level=OPT_LEVEL))
else:
    setup()
