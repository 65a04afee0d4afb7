"""Phrase files: a literal phrase becomes a pattern for a whole paragraph."""

from __future__ import annotations

import re

import pytest

from cleanse.phrase_files import phrase_pattern


@pytest.mark.parametrize(
    ("phrase", "paragraph", "matches"),
    [
        ("Support the Gazette", "Support the Gazette", True),
        ("Support the Gazette", "SUPPORT THE GAZETTE!", True),
        ("Support the Gazette.", "support  the gazette", True),
        ("Don't miss out", "Don’t miss out", True),
        ("Don’t miss out", "Don't miss out", True),
        ("Support the Gazette", "Support the Gazette today", False),
        ("Support the Gazette", "Please support the Gazette", False),
        ("Got a tip? Email tips@gazette.example", "Got a tip? Email tips@gazette.example.", True),
        ("Got a tip? Email tips@gazette.example", "Got a tip Email tipsXgazette.example", False),
        ("***", "***", True),
    ],
)
def test_phrase_pattern(phrase: str, paragraph: str, matches: bool) -> None:
    assert bool(re.fullmatch(phrase_pattern(phrase), paragraph, re.IGNORECASE)) is matches
