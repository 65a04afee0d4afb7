"""ftfy's own test cases: cleanse repairs them as ftfy does, except where its policy differs.

The cases (``corpora/ftfy_test_cases/*.json``, ftfy's MIT-licensed test data) give, for
each ``original``, ftfy's ``fixed-encoding`` (``ftfy.fix_encoding``) and ``fixed``
(``ftfy.fix_text``). Two comparisons:

1. **The encoding repair**: ``fix_mojibake(original)`` must equal ``fixed-encoding``
   (or ``fixed`` where the case gives no ``fixed-encoding``), exactly. ``fix_mojibake`` is
   ftfy's encoding repair and nothing else, so no policy difference is allowed here.
2. **The whole unicode step**: the five fixes, run as the pipeline runs them
   (``clean(original, Config().only(<the fix steps>))``), compared with ``fixed``. This
   is the fair comparison rather than the whole ``clean``: the rules judge *content*
   (is this line a promo?), which is not what ftfy's cases are about, and a rule that
   started dropping one of these lines would say nothing about unicode repair. (Today the
   whole ``clean`` gives the same output on every case.) ftfy's ``fixed`` also straightens
   quotes, splits ligatures and narrows full-width characters, which cleanse deliberately
   does not do; each difference is classified, and the classes each case shows are listed
   below as *expected differences*: a case not listed must match exactly, and a listed
   case must show exactly its listed difference. Layout is compared after both sides are
   put in paragraph form (a line a paragraph, spaces collapsed): that is cleanse's output
   form, not a repair. The policy is written up in docs/unicode.md.

Cases in ``known-failures.json`` (ftfy's own known failures) are strict xfails where
cleanse still fails them, so fixing one is noticed. Everything skips when the corpora
are absent.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ftfy.fixes
import pytest

import cleanse
from cleanse import fixes
from cleanse.paragraphs import join_paragraphs, split_lines

PROJECT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("CLEANSE_CORPORA") or PROJECT.parent / "shared" / "corpora")
CASES_DIR = CORPORA / "ftfy_test_cases"
MISSING = f"ftfy test cases not found at {CASES_DIR}; set CLEANSE_CORPORA"

UNICODE_STEP = cleanse.Config().only(s.name for s in cleanse.steps() if s.kind == "fix")

# The typography ftfy's fix_text changes and cleanse keeps, as the ftfy function that makes
# the change, in the order fix_text applies them.
TYPOGRAPHY_POLICIES: dict[str, Callable[[str], str]] = {
    "ligatures and digraphs kept": ftfy.fixes.fix_latin_ligatures,
    "full-width kept": ftfy.fixes.fix_character_width,
    "curly quotes kept": ftfy.fixes.uncurl_quotes,
}
# cleanse deletes control characters that ftfy keeps (U+0081, U+001A...).
CONTROLS_REMOVED = "controls removed"

# Expected differences between cleanse's unicode step and ftfy's ``fixed``, by case id
# (``<file>-<index>``). Every other case matches exactly.
EXPECTED_DIFFERENCES: dict[str, tuple[str, ...]] = {
    "in-the-wild-4": ("curly quotes kept",),  # Latin-1 / Windows-1252 mixup in German („ “)
    "in-the-wild-13": ("curly quotes kept",),  # UTF-8 / Windows-1252 mixed up twice in Malay
    "in-the-wild-15": ("curly quotes kept",),  # Left quote is UTF-8, right quote is Latin-1
    "in-the-wild-17": ("curly quotes kept",),  # UTF-8 / Windows-1252 mixed up three times
    "in-the-wild-25": ("curly quotes kept",),  # UTF-8 / sloppy Windows-1250 mixup in English
    "in-the-wild-26": ("curly quotes kept",),  # the same text as a UTF-8 / ISO-8859-2 mixup
    "in-the-wild-28": ("curly quotes kept",),  # mixed French and Arabic
    "in-the-wild-36": ("curly quotes kept",),  # lossy decoding with ASCII question marks
    "in-the-wild-38": ("curly quotes kept",),  # an absolutely hopeless garble (‚ and „ in it)
    "in-the-wild-39": ("curly quotes kept",),  # inconsistent UTF-8 / Latin-1 mojibake
    "in-the-wild-40": ("curly quotes kept",),  # the same with a Windows-1252 ellipsis
    "in-the-wild-42": ("ligatures and digraphs kept", "curly quotes kept"),  # Afrikaans ŉ
    "in-the-wild-43": ("ligatures and digraphs kept", "curly quotes kept"),  # Croatian ǌ, ǉ
    "in-the-wild-47": ("ligatures and digraphs kept",),  # English with the ﬁ ligature
    "in-the-wild-49": ("curly quotes kept",),  # 'à' in inconsistent mojibake
    "in-the-wild-52": ("curly quotes kept",),  # 'à' in windows-1251
    "in-the-wild-57": ("curly quotes kept",),  # UTF-8 / Windows-1251 mixup
    "in-the-wild-69": ("full-width kept",),  # wide comma
    "known-failures-0": ("curly quotes kept",),  # ftfy fails it; cleanse's curly quotes are right
    "negative-1": ("curly quotes kept",),  # multiplication sign in quotes
    "negative-10": ("curly quotes kept",),  # 'É' followed by a curly apostrophe
    "negative-11": ("curly quotes kept",),  # 'é' preceded by a curly apostrophe
    "synthetic-8": ("curly quotes kept",),  # Brontë…”
    "synthetic-11": (CONTROLS_REMOVED,),  # U+001A and U+0081 that ftfy leaves in
    "synthetic-16": ("curly quotes kept",),  # mismatched encoding glitches in Latin-1
    "synthetic-17": ("curly quotes kept",),  # mismatched encoding glitches in Windows-1252
    "synthetic-18": ("curly quotes kept",),  # lossy decoding in sloppy-windows-1252
    "synthetic-23": ("curly quotes kept",),  # Ã’s
}


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for index, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            cases.append((f"{path.stem}-{index}", case))
    return cases


CASES = load_cases()


def params(still_failing: Callable[[str, dict[str, Any]], bool]) -> list[Any]:
    if not CASES:
        return [pytest.param("", {}, marks=pytest.mark.skip(reason=MISSING))]
    marked = []
    for case_id, case in CASES:
        marks = []
        if case["expect"] == "fail" and still_failing(case_id, case):
            marks.append(pytest.mark.xfail(strict=True, reason=f"ftfy known failure: {case['label']}"))
        marked.append(pytest.param(case_id, case, id=case_id, marks=marks))
    return marked


def layout(text: str) -> str:
    """*text* in cleanse's output form: a line a paragraph, spaces collapsed."""
    return join_paragraphs(fixes.collapse_spaces(line) for line in split_lines(text))


def classify(ours: str, theirs: str) -> tuple[str, ...]:
    """Return the smallest set of policy differences that explains ours != theirs.

    () when they match; ("different",) when no combination of policies explains it.
    """
    options = [*TYPOGRAPHY_POLICIES, CONTROLS_REMOVED]
    for size in range(len(options) + 1):
        for combo in itertools.combinations(options, size):
            mine = ours
            for name in combo:
                if name in TYPOGRAPHY_POLICIES:
                    mine = TYPOGRAPHY_POLICIES[name](mine)
            target = fixes.remove_invisible_chars(theirs) if CONTROLS_REMOVED in combo else theirs
            if mine == layout(target):
                return combo
    return ("different",)


def encoding_target(case: dict[str, Any]) -> str:
    return str(case.get("fixed-encoding", case["fixed"]))


def _encoding_fails(case_id: str, case: dict[str, Any]) -> bool:
    return fixes.fix_mojibake(case["original"]) != encoding_target(case)


def _unicode_step_fails(case_id: str, case: dict[str, Any]) -> bool:
    got = classify(cleanse.clean(case["original"], UNICODE_STEP), case["fixed"])
    return got != EXPECTED_DIFFERENCES.get(case_id, ())


@pytest.mark.parametrize(("case_id", "case"), params(_encoding_fails))
def test_encoding_repair_is_ftfys(case_id: str, case: dict[str, Any]) -> None:
    assert fixes.fix_mojibake(case["original"]) == encoding_target(case), case["label"]


@pytest.mark.parametrize(("case_id", "case"), params(_unicode_step_fails))
def test_unicode_step_matches_ftfy_but_for_policy(case_id: str, case: dict[str, Any]) -> None:
    got = classify(cleanse.clean(case["original"], UNICODE_STEP), case["fixed"])
    assert got == EXPECTED_DIFFERENCES.get(case_id, ()), case["label"]


def test_expected_differences_name_real_cases() -> None:
    if not CASES:
        pytest.skip(MISSING)
    assert set(EXPECTED_DIFFERENCES) <= {case_id for case_id, _ in CASES}


@pytest.mark.parametrize(
    ("ours", "theirs", "expected"),
    [
        ("same\n", "same", ()),
        ("“curly”\n", '"curly"', ("curly quotes kept",)),
        ("ﬁne\n", "fine", ("ligatures and digraphs kept",)),
        ("Ａ\n", "A", ("full-width kept",)),
        ("ok\n", "ok \x81", (CONTROLS_REMOVED,)),
        ("wrong\n", "right", ("different",)),
    ],
)
def test_classify(ours: str, theirs: str, expected: tuple[str, ...]) -> None:
    assert classify(ours, theirs) == expected
