"""cleanse: turn messy scraped text into clean paragraphs, explaining every change.

>>> import cleanse
>>> cleanse.clean("Title\\nCLICK HERE TO GET THE APP\\nThe text.")
'Title\\n\\nThe text.\\n'
"""

from cleanse.errors import CleanseError, ConfigError, InputError
from cleanse.pipeline import (
    Change,
    Config,
    Step,
    clean,
    clean_and_explain,
    replay,
    steps,
)
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
    "replay",
    "steps",
]
