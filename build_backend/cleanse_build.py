"""The build backend: setuptools, and mypyc on request (``CLEANSE_COMPILE=1``).

A compiled build needs mypy (which holds mypyc) while it builds, so this backend asks for
it only then: ``CLEANSE_COMPILE=1 pip install .`` works in one step, and an ordinary
install downloads nothing more. An editable install is never compiled: the compiled
modules would be imported instead of the sources, and an edit would change nothing.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from setuptools import build_meta
from setuptools.build_meta import *  # noqa: F403  (every hook, unchanged unless below)

COMPILE = "CLEANSE_COMPILE"


def compiling() -> bool:
    """True when the builder asked for compiled modules."""
    return os.environ.get(COMPILE, "").strip() not in ("", "0")


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    asked = compiling()
    # setuptools runs setup.py to read what it needs: not yet compiling, mypy is not there.
    saved = os.environ.pop(COMPILE, None)
    try:
        requires: list[str] = build_meta.get_requires_for_build_wheel(config_settings)
    finally:
        if saved is not None:
            os.environ[COMPILE] = saved
    return requires + (["mypy>=1.10"] if asked else [])


def build_editable(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    if compiling():
        print(f"cleanse: an editable install is not compiled ({COMPILE} ignored)", file=sys.stderr)
        os.environ[COMPILE] = "0"
    built: str = build_meta.build_editable(wheel_directory, config_settings, metadata_directory)
    return built
