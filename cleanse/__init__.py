"""cleanse: turn messy scraped text into clean paragraphs, explaining every change.

>>> import cleanse
>>> cleanse.clean("Title\\nCLICK HERE TO GET THE APP\\nThe text.")
'Title\\n\\nThe text.\\n'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from cleanse.errors import CleanseError, ConfigError, InputError

if TYPE_CHECKING:
    from cleanse.config import Config
    from cleanse.html import clean_html, clean_html_and_explain, extract_html
    from cleanse.pipeline import Change, clean, clean_and_explain, replay, steps
    from cleanse.registry import Step
    from cleanse.rules import Cut, Document

__version__ = "0.1.0"

__all__ = [
    "Change",
    "CleanseError",
    "Config",
    "ConfigError",
    "Cut",
    "Document",
    "InputError",
    "Step",
    "__version__",
    "clean",
    "clean_and_explain",
    "clean_html",
    "clean_html_and_explain",
    "extract_html",
    "replay",
    "steps",
]

# The pipeline loads ftfy, regex and the phrase lists; importing it on first use keeps
# `cleanse --version` and `import cleanse` as quick as a command in a pipe should be.
_LAZY = {
    "Change": "cleanse.pipeline",
    "Config": "cleanse.config",
    "Step": "cleanse.registry",
    "clean": "cleanse.pipeline",
    "clean_and_explain": "cleanse.pipeline",
    "clean_html": "cleanse.html",
    "clean_html_and_explain": "cleanse.html",
    "extract_html": "cleanse.html",
    "replay": "cleanse.pipeline",
    "steps": "cleanse.pipeline",
    "Cut": "cleanse.rules",
    "Document": "cleanse.rules",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cleanse' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
