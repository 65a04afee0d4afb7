"""The pattern files are data the rules read: each loads, compiles, and agrees with the
gates that decide when a rule reads it."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from cleanse import _re_internals
from cleanse.patterns import phrase_files, read_phrases, scope_inline_flags, word_alternation, word_list
from cleanse.rules.inline import GLUED_PROMO_HINT, STANDALONE_JUNK

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


def _gated_phrases() -> list[tuple[str, str]]:
    phrases = []
    for rule in STANDALONE_JUNK:
        for name in phrase_files(rule):
            text = resources.files("cleanse.patterns").joinpath(name).read_text(encoding="utf-8")
            phrases += [(name, phrase) for phrase in read_phrases(text)]
    return phrases


def _ungated(phrase: str) -> list[str]:
    """The literals of *phrase* (one is in every match) that hold no glued-promo hint."""
    literals = _re_internals.required_literals(re.compile(scope_inline_flags(phrase), re.IGNORECASE))
    if literals is None:
        return ["(no literal read)"]
    return [literal for literal in literals if not GLUED_PROMO_HINT.search(literal)]


@pytest.mark.xfail(
    strict=True,
    reason="the glued_promo hint words cover the English calls to action of the first phrase "
    "lists only; the phrases listed in the failure can drop a line but are never cut from a "
    "paragraph's edge",
)
def test_every_phrase_glued_promo_cuts_holds_a_hint_word() -> None:
    ungated = [
        (name, phrase[:60], _ungated(phrase)[:3]) for name, phrase in _gated_phrases() if _ungated(phrase)
    ]
    assert not ungated, "\n".join(map(str, ungated))


def test_the_hint_gates_the_phrases_it_was_written_for() -> None:
    # The agreement that holds today, kept from shrinking while the rest is missing.
    gated = [phrase for _, phrase in _gated_phrases() if not _ungated(phrase)]
    assert len(gated) >= 17
