"""Golden cases: ``fixtures/<case>.in.txt`` must clean to ``fixtures/<case>.out.txt``.

A case with no ``.out.txt`` is a hard negative and must come back unchanged (it is
written in clean paragraph form: one blank line between paragraphs, a final newline).
Every expected output, and whatever clean() makes of each input, must also be a fixed
point: cleaning it again changes nothing.

A case the library gets wrong is not bent to fit: it is listed, with the reason, in
``fixtures/KNOWN_FAILURES.txt`` (``<case> <reason>`` per line) and runs as a strict xfail,
so it turns into an error the day it passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def read(path: Path) -> str:
    # Bytes, not read_text(): universal newlines would hide the CRLF cases.
    return path.read_bytes().decode("utf-8")


def known_failures() -> dict[str, str]:
    """Map case name to reason from KNOWN_FAILURES.txt (blank lines and # comments skipped)."""
    path = FIXTURES / "KNOWN_FAILURES.txt"
    if not path.exists():
        return {}
    failures = {}
    for line in read(path).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            failures[name] = reason.strip() or "known failure"
    return failures


CASES = sorted(p.name.removesuffix(".in.txt") for p in FIXTURES.glob("*.in.txt"))
KNOWN = known_failures()


def expected_output(name: str) -> str:
    out = FIXTURES / f"{name}.out.txt"
    return read(out) if out.exists() else read(FIXTURES / f"{name}.in.txt")


def params() -> list[object]:
    marked = []
    for name in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[name])] if name in KNOWN else []
        marked.append(pytest.param(name, id=name, marks=marks))
    return marked


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 35
    negatives = [name for name in CASES if not (FIXTURES / f"{name}.out.txt").exists()]
    assert len(negatives) >= 10, "hard negatives (cases with no .out.txt) keep the rules honest"


def test_known_failures_name_real_cases() -> None:
    assert set(KNOWN) <= set(CASES)


def test_every_output_has_an_input() -> None:
    outputs = {p.name.removesuffix(".out.txt") for p in FIXTURES.glob("*.out.txt")}
    assert outputs <= set(CASES)


@pytest.mark.parametrize("name", params())
def test_fixture(name: str) -> None:
    got = cleanse.clean(read(FIXTURES / f"{name}.in.txt"))
    assert got == expected_output(name)


@pytest.mark.parametrize("name", CASES)
def test_output_is_a_fixed_point(name: str) -> None:
    """What clean() makes of a case, and the expected output, both clean to themselves."""
    got = cleanse.clean(read(FIXTURES / f"{name}.in.txt"))
    assert cleanse.clean(got) == got
    if name not in KNOWN:  # a known failure may be a failure on its expected output too
        expected = expected_output(name)
        assert cleanse.clean(expected) == expected
