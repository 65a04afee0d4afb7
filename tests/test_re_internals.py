"""Reading ``re`` patterns with ``re``'s private parser: right on every supported Python.

``cleanse._re_internals`` is the one module that touches ``re._parser``; what it reads
feeds pre-checks that may only say "cannot match" when that is certain. These tests check
its readings against ``re`` itself on the running interpreter, and the slow test runs
them again on every other supported interpreter found on the machine.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse import _re_internals
from cleanse.patterns import builtin_pattern

SUPPORTED = ("3.10", "3.11", "3.12", "3.13")
PROJECT = Path(__file__).resolve().parent.parent

# --- literals every match holds -------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"(?i)(?:click|tap) here\b|subscribe\b.{0,40}", ("click here", "subscribe", "tap here")),
        (r"(?i)read more", ("read more",)),
        (r"(?i)(?:[a-z]+/){1,3}x", ("/x",)),
        (r"\w+", None),
    ],
)
def test_required_literals_are_read_from_the_pattern(pattern: str, literals: tuple[str, ...] | None) -> None:
    assert _re_internals.required_literals(re.compile(pattern)) == literals


@given(st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ADVERTISMENT.:"))))
def test_a_text_without_the_literals_of_a_phrase_list_never_matches_it(text: str) -> None:
    pattern = builtin_pattern("advertisement")
    assert pattern is not None
    literals = _re_internals.required_literals(pattern)
    if literals and not any(literal in text.lower() for literal in literals):
        assert pattern.fullmatch(text) is None


# --- splitting and joining alternations ------------------------------------------------------


@given(st.text(st.sampled_from(list("adsign up SIGN UPhere. "))))
def test_split_alternatives_match_as_the_whole_pattern(text: str) -> None:
    pattern = re.compile(r"(?i)(?:ad|.{0,9}\bsign up\b.*|here)[.]?")
    split = _re_internals.split_alternatives(pattern, 3)
    parts = [split.always] if split.always is not None else []
    parts += [compiled for compiled, _ in split.gated]
    assert any(p.fullmatch(text) for p in parts) == (pattern.fullmatch(text) is not None)


def test_joined_trees_match_either_pattern() -> None:
    first = _re_internals.split_alternatives(re.compile("(?:ab|cd)"), 99)
    second = _re_internals.split_alternatives(re.compile("(?:ef|gh)"), 99)
    joined = _re_internals.join_trees([first.always_tree, second.always_tree], 0)
    assert [bool(joined.fullmatch(t)) for t in ("ab", "gh", "abgh")] == [True, True, False]


def test_max_width_is_re_s_own() -> None:
    assert _re_internals.max_width(re.compile("a{2,5}|bcd")) == 5


# --- character classes a search needs ----------------------------------------------------------


@given(st.text(st.sampled_from(list("ab xyÃÂ“”é"))))
def test_could_search_never_misses_a_match(text: str) -> None:
    pattern = re.compile("[ÂÃ][a-z]|x“")
    test = _re_internals.could_search(pattern)
    assert test is not None
    if pattern.search(text):
        assert test(text)


# --- every supported interpreter --------------------------------------------------------------


def _interpreter(version: str) -> str | None:
    """A working interpreter of *version* on this machine (PATH, then pyenv's), or None."""
    candidates = [shutil.which(f"python{version}")]
    candidates += [
        str(p) for p in sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}"))
    ]
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


@pytest.mark.slow
@pytest.mark.parametrize("version", SUPPORTED)
def test_readings_hold_on_every_supported_python(version: str) -> None:
    if sys.version_info[:2] == tuple(map(int, version.split("."))):
        pytest.skip("the running interpreter: the tests above check it")
    python = _interpreter(version)
    if python is None:
        pytest.skip(f"no working python{version} here")
    # The module needs nothing beyond the standard library: run its doctests and a reading
    # of every built-in phrase list there, from the sources.
    script = (
        "import doctest, re, sys; sys.path.insert(0, sys.argv[1]);"
        "import importlib.util as u;"
        "spec = u.spec_from_file_location('_re_internals', sys.argv[1] + '/cleanse/_re_internals.py');"
        "m = u.module_from_spec(spec); spec.loader.exec_module(m);"
        "failed = doctest.testmod(m).failed;"
        "import pathlib;"
        "lines = [l for f in sorted(pathlib.Path(sys.argv[1], 'cleanse/patterns').glob('*.txt'))"
        " for l in f.read_text(encoding='utf-8').splitlines() if l.strip() and not l.startswith('#')];"
        "read = [m.split_alternatives(re.compile(l, re.I), 3) for l in lines];"
        "assert all(r.always is not None or r.gated for r in read);"
        "sys.exit(1 if failed else 0)"
    )
    result = subprocess.run(
        [python, "-c", script, str(PROJECT)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
