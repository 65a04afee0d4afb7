"""The pattern files are data the rules read: each loads, compiles, and can be read by the
gates that decide when a rule reads it."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from cleanse import _re_internals
from cleanse.patterns import builtin_phrases, scope_inline_flags, word_alternation, word_list
from cleanse.rules.inline import STANDALONE_JUNK, promo_literals

WORD_LISTS = sorted(
    entry.name.removesuffix(".txt")
    for entry in resources.files("cleanse.patterns").joinpath("words").iterdir()
    if entry.name.endswith(".txt")
)


@pytest.mark.parametrize("name", WORD_LISTS)
def test_every_word_list_loads_and_compiles(name: str) -> None:
    entries = word_list(name)
    assert entries, f"words/{name}.txt is empty"
    assert len(set(entries)) == len(entries), f"words/{name}.txt repeats an entry"
    re.compile(word_alternation(name))


def test_word_lists_are_read_in_file_order() -> None:
    assert word_list("photo_agency")[:2] == ("AP", "AFP")


def test_every_phrase_glued_promo_may_cut_has_literals_its_gate_reads() -> None:
    # The glued_promo gate is made of the phrases' own literals: a phrase they cannot be
    # read from would leave the gate open for every paragraph.
    for rule in STANDALONE_JUNK:
        for phrase in builtin_phrases(rule):
            pattern = re.compile(scope_inline_flags(phrase), re.IGNORECASE)
            assert _re_internals.required_literals(pattern), f"{rule}: no literal read from {phrase!r}"
    assert promo_literals()
