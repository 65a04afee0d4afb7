"""cleanse.pipeline: Config, the registry of steps, clean(), clean_and_explain() and replay()."""

from __future__ import annotations

import dataclasses
import re
import tracemalloc
import unicodedata
from collections.abc import Callable

import pytest

import cleanse
from cleanse import Change, Config, ConfigError, Step, clean, clean_and_explain, replay
from cleanse.registry import StructureStep

STEP_NAMES = [s.name for s in cleanse.steps()]
SEED_LIKE = (
    "Title\n{{#rendered}} {{/rendered}}\nThey donâ€™t agree.\nADVERTISEMENT\n"
    "Sen. Ann Lee Ann Marie LeeSenate passes bill Lee talks trade MORE (D-Ore.) spoke about it today.\n"
)

# --- Config: validation ----------------------------------------------------------------------


@pytest.mark.parametrize("option", ["enable", "disable"])
def test_unknown_step_is_a_config_error_listing_the_valid_names(option: str) -> None:
    with pytest.raises(ConfigError) as error:
        Config(**{option: {"no_such_step"}})
    message = str(error.value)
    assert "'no_such_step'" in message
    assert option in message
    for name in STEP_NAMES:
        assert name in message


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"extra_patterns": {"promo_line": ["(unclosed"]}}, "(unclosed"),
        ({"extra_patterns": {"promo_line": ["fine", "[bad"]}}, "[bad"),
        ({"protect": ["*starts with a star"]}, "*starts with a star"),
        ({"protect": [r"\p{Lu}"]}, r"\p{Lu}"),
    ],
)
def test_bad_regex_is_a_config_error_quoting_it(kwargs: dict[str, object], pattern: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(repr(pattern))):
        Config(**kwargs)  # type: ignore[arg-type]


def test_extra_patterns_for_a_step_that_is_not_a_rule_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="collapse_spaces"):
        Config(extra_patterns={"collapse_spaces": ["x"]})


@pytest.mark.parametrize(
    "kwargs",
    [
        {"enable": [1]},
        {"extra_steps": ["not a step"]},
        {"extra_steps": [Step.fix("fix_mojibake", str.strip)]},  # a built-in name is taken
        {"extra_steps": [StructureStep("mine")]},  # structure steps are the pipeline's own
        {"extra_steps": [Step.rule("mine", "not callable")]},  # type: ignore[arg-type]
    ],
)
def test_other_bad_configs_are_config_errors(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        Config(**kwargs)  # type: ignore[arg-type]


def test_config_error_is_a_cleanse_error_and_a_value_error() -> None:
    assert issubclass(ConfigError, cleanse.CleanseError)
    assert issubclass(ConfigError, ValueError)


def test_config_is_immutable_and_hashable_by_value() -> None:
    config = Config(disable={"pull_quote"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.disable = frozenset()  # type: ignore[misc]
    assert config == Config(disable=["pull_quote"])
    assert config.replace(disable=()) == Config()


# --- Config: enable and disable by name ------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        # each default step can be switched off by its name
        (Config(disable={"advertisement"}), "Text.\nADVERTISEMENT\n", "Text.\n\nADVERTISEMENT\n"),
        (Config(disable={"fix_mojibake"}), "donâ€™t\n", "donâ€™t\n"),
        (Config(disable={"unescape_html_entities"}), "Fish &amp; chips\n", "Fish &amp; chips\n"),
        (Config(disable={"template_marker"}), "Text.\n{{#a}} {{/a}}\n", "Text.\n\n{{#a}} {{/a}}\n"),
        # opt-in steps are switched on by name
        (Config(enable={"join_wrapped_lines"}), "one\ntwo\n\nthree\n", "one two\n\nthree\n"),
        (Config(), "one\ntwo\n\nthree\n", "one\n\ntwo\n\nthree\n"),
    ],
)
def test_enable_and_disable(config: Config, text: str, expected: str) -> None:
    assert clean(text, config) == expected


def test_only_runs_exactly_the_named_steps() -> None:
    config = Config().only({"advertisement"})
    assert clean("donâ€™t\nADVERTISEMENT\n", config) == "donâ€™t\n"


# --- Config: extra patterns and protect ------------------------------------------------------


def test_extra_patterns_drop_a_publishers_own_lines_with_the_rules_name() -> None:
    config = Config(extra_patterns={"promo_line": [r"support the harbour news.*"]})
    text = "Story text.\nSupport the Harbour News today!\nSupport for the plan grew.\n"
    cleaned, changes = clean_and_explain(text, config)
    assert cleaned == "Story text.\n\nSupport for the plan grew.\n"
    assert [(c.step, c.action, c.paragraph) for c in changes] == [("promo_line", "dropped", 1)]


def test_extra_patterns_must_match_the_whole_paragraph_ignoring_case() -> None:
    config = Config(extra_patterns={"advertisement": ["sponsored by acme"]})
    assert clean("SPONSORED BY ACME\nText sponsored by Acme is labelled.\n", config) == (
        "Text sponsored by Acme is labelled.\n"
    )


def test_extra_patterns_for_a_context_rule() -> None:
    config = Config(extra_patterns={"injected_headline": ["breaking: .*"]})
    assert clean("Title\nBreaking: something else\nText.\n", config) == "Title\n\nText.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a protected paragraph is neither dropped nor cut...
        ("Story text.\nEditor's note: ADVERTISEMENT\n", "Story text.\n\nEditor's note: ADVERTISEMENT\n"),
        ("Text.\nEditor's note: {{#x}}kept{{/x}}\n", "Text.\n\nEditor's note: {{#x}}kept{{/x}}\n"),
        # ...but still repaired by the fixes
        ("Editor's note: it&#8217;s  fine\n", "Editor's note: it’s fine\n"),
    ],
)
def test_protect(text: str, expected: str) -> None:
    assert clean(text, Config(protect=[r"^Editor's note:"])) == expected


# Python takes global flags such as (?i) only at the start of an expression; patterns that
# start with them must still work when cleanse joins them with others.


def test_protect_patterns_may_start_with_global_flags() -> None:
    config = Config(protect=["(?i)^editor's note", r"\bNOTE\b"])
    assert (
        clean("Story.\nEDITOR'S NOTE: ADVERTISEMENT\n", config) == "Story.\n\nEDITOR'S NOTE: ADVERTISEMENT\n"
    )


def test_extra_patterns_may_start_with_global_flags() -> None:
    config = Config(
        extra_patterns={"promo_line": ["(?i)support us.*", "(?s)(?x) donate \\s+ now  # verbose"]}
    )
    assert clean("Story.\nSupport us today\nDonate   now\n", config) == "Story.\n"


# --- user steps --------------------------------------------------------------------------------


def test_user_fix_and_rule_run_and_appear_in_explanations() -> None:
    shout = Step.rule("signature", lambda p: "e-mail signature" if p.startswith("-- ") else None)
    tidy = Step.fix("tidy_ellipsis", lambda p: p.replace("...", "…"))
    config = Config(extra_steps=(shout, tidy))
    cleaned, changes = clean_and_explain("Wait... what?\n-- sent from my phone\n", config)
    assert cleaned == "Wait… what?\n"
    assert [(c.step, c.action, c.paragraph) for c in changes] == [
        ("tidy_ellipsis", "fixed", 0),
        ("signature", "dropped", 1),
    ]
    assert changes[1].reason == "e-mail signature"
    assert replay("Wait... what?\n-- sent from my phone\n", changes, config) == cleaned


def test_user_steps_are_listed_and_can_be_disabled_by_name() -> None:
    mine = Step.rule("mine", lambda p: "mine" if p == "drop me" else None)
    config = Config(extra_steps=(mine,))
    assert "mine" in [s.name for s in cleanse.steps(config)]
    assert clean("keep\ndrop me\n", config) == "keep\n"
    assert clean("keep\ndrop me\n", config.replace(disable={"mine"})) == "keep\n\ndrop me\n"


# --- steps() -----------------------------------------------------------------------------------


def test_steps_lists_every_step_once_in_pipeline_order() -> None:
    steps = cleanse.steps()
    assert len(STEP_NAMES) == len(set(STEP_NAMES))
    kinds = [s.kind for s in steps]
    order = ["structure", "prune", "fix", "span", "rule", "context"]
    assert kinds == sorted(kinds, key=order.index)
    assert {"fix_mojibake", "promo_line", "injected_headline", "join_wrapped_lines"} <= set(STEP_NAMES)


@pytest.mark.parametrize("step", cleanse.steps(), ids=STEP_NAMES)
def test_every_step_has_a_one_line_doc(step: Step) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9_]*", step.name), "names are snake_case, the config word"
    assert step.summary and step.summary != step.name
    assert "\n" not in step.summary
    assert not step.summary.endswith((",", ";", ":")), "the summary is a whole sentence"
    assert step.kind == "structure" or callable(getattr(step, "function", None))


def test_only_join_wrapped_lines_is_opt_in() -> None:
    assert [s.name for s in cleanse.steps() if not s.default] == ["join_wrapped_lines"]


# --- input types -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [b"bytes", bytearray(b"x"), None, 42, ["a list"]])
@pytest.mark.parametrize("function", [clean, clean_and_explain])
def test_non_str_input_is_a_type_error_naming_the_type(value: object, function: object) -> None:
    with pytest.raises(TypeError, match=f"takes a str, not {type(value).__name__}"):
        function(value)  # type: ignore[operator]


def test_bytes_input_says_how_to_decode() -> None:
    with pytest.raises(TypeError, match=r"decode"):
        clean(b"text")  # type: ignore[arg-type]


# --- any str is handled -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # empty and blank input
        ("", ""),
        ("\n\n\n", ""),
        (" \t\u00a0\u200b\n", ""),
        # NUL and other controls
        ("a\x00b\x01c\x7fd\x81e\x8df\n", "abcdef\n"),
        # (a C1 control that windows-1252 defines is mojibake of that character)
        ("5\x80 and \x93quoted\x94\n", "5€ and “quoted”\n"),
        ("\x00\x00\x00", ""),
        # lone surrogates become the replacement character, and the output encodes
        ("lone \ud800 high and \udfff low\n", "lone \ufffd high and \ufffd low\n"),
        # right-to-left scripts and their marks stay as they are
        ("שלום עולם\n", "שלום עולם\n"),
        ("می\u200cخواهم\n", "می\u200cخواهم\n"),
        ("\u200fمرحبا بالعالم\n", "\u200fمرحبا بالعالم\n"),
        # CJK, and the ideographic space
        ("東京\u3000大阪\n", "東京\u3000大阪\n"),
        ("全角ＡＢＣ\n", "全角ＡＢＣ\n"),
        # one paragraph with no line ending gets one
        ("no newline", "no newline\n"),
    ],
)
def test_any_str_is_handled(text: str, expected: str) -> None:
    got = clean(text)
    assert got == expected
    got.encode("utf-8")
    assert unicodedata.is_normalized("NFC", got)


@pytest.mark.slow
def test_a_20_mb_single_line() -> None:
    line = "The council voted on Tuesday to rebuild the pier after two storms closed it. " * 260_000
    line = line.strip()
    assert len(line) > 20_000_000
    assert clean(line) == line + "\n"


def test_a_long_line_of_non_ascii_text() -> None:
    line = "Ünïcödé 東京 шлях — “quoted” " * 40_000
    assert clean(line) == line.strip() + "\n"


@pytest.mark.parametrize(
    "line",
    [
        lambda i: f"word{i}",  # a word list: every line kept
        lambda i: "{{x}}",  # template markers: every line dropped
        lambda i: f" word{i} ",  # every line changed (trimmed)
        lambda i: "for x in y:" if i % 5 == 0 else f"    go({i})",  # code: blocks of five lines
        lambda i: f"the tide comes in {i},\nthe gulls cry\n",  # verse: stanzas of two lines
    ],
    ids=["one word a line", "a template marker a line", "a spaced word a line", "code", "verse"],
)
def test_a_text_of_many_short_lines_holds_less_than_eight_times_its_size(line: Callable[[int], str]) -> None:
    # Listed as strings, lines of a few characters would cost 7-10 times the text before any
    # cleaning; the lines are held as where they start and end instead (cleanse.paragraphs.Lines).
    text = "\n".join(line(i) for i in range(20_000))
    clean(text[: len(text) // 4])  # patterns compiled, once for all documents, before measuring
    tracemalloc.start()
    try:
        clean(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * len(text.encode("utf-8"))


# --- explanations ----------------------------------------------------------------------------


def test_explanation_fields() -> None:
    cleaned, changes = clean_and_explain(SEED_LIKE)
    assert cleaned == "Title\n\nThey don’t agree.\n\nSen. Ann Lee (D-Ore.) spoke about it today.\n"
    by_step = {c.step: c for c in changes}
    assert set(by_step) == {"fix_mojibake", "advertisement", "hover_card", "template_marker"}

    fixed = by_step["fix_mojibake"]
    assert (fixed.action, fixed.paragraph) == ("fixed", 2)
    assert (fixed.before, fixed.after) == ("They donâ€™t agree.", "They don’t agree.")

    dropped = by_step["advertisement"]
    assert (dropped.action, dropped.paragraph, dropped.before, dropped.after) == (
        "dropped",
        3,
        "ADVERTISEMENT",
        "",
    )

    cut = by_step["hover_card"]
    assert (cut.action, cut.paragraph) == ("cut", 4)
    assert cut.span == "Ann Marie LeeSenate passes bill Lee talks trade MORE"
    assert cut.after == "Sen. Ann Lee (D-Ore.) spoke about it today."

    assert by_step["template_marker"].paragraph == 1
    for change in changes:
        assert change.step in STEP_NAMES, "the step is named by its config word"
        assert change.action in ("fixed", "dropped", "cut")
        assert change.reason
        assert str(change).startswith(f"{change.paragraph}: {change.step}: {change.action}")


def test_clean_text_has_no_explanation() -> None:
    assert clean_and_explain("Clean text.\n") == ("Clean text.\n", [])


def test_replay_gives_clean() -> None:
    cleaned, changes = clean_and_explain(SEED_LIKE)
    assert replay(SEED_LIKE, changes) == cleaned == clean(SEED_LIKE)
    assert replay(SEED_LIKE, []) == SEED_LIKE.replace("\n", "\n\n").rstrip("\n") + "\n"


def test_change_is_immutable() -> None:
    change = Change("fix_mojibake", "fixed", 0, "a", "b", "why")
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.step = "other"  # type: ignore[misc]


# --- paragraph form: separator, final newline, and the change that names it ------------------


def test_one_line_per_paragraph_when_configured() -> None:
    config = Config(paragraph_separator="\n")
    assert clean("Title\n\n\nADVERTISEMENT\nText.\n", config) == "Title\nText.\n"


def test_a_field_has_no_final_newline_and_clean_text_comes_back_unchanged() -> None:
    field = Config(paragraph_separator="\n", final_newline=False)
    assert clean("A clean sentence.", field) == "A clean sentence."
    assert clean_and_explain("A clean sentence.", field) == ("A clean sentence.", [])
    assert clean("First.\n\nSecond.", Config(final_newline=False)) == "First.\n\nSecond."


@pytest.mark.parametrize("separator", ["\t", "", "\n\n\n", None])
def test_other_separators_are_config_errors(separator: object) -> None:
    with pytest.raises(ConfigError, match="paragraph_separator"):
        Config(paragraph_separator=separator)  # type: ignore[arg-type]


def test_a_change_of_layout_alone_is_explained_as_paragraph_form() -> None:
    cleaned, changes = clean_and_explain("First.\nSecond.")
    assert cleaned == "First.\n\nSecond.\n"
    assert [(c.step, c.action) for c in changes] == [("paragraph_form", "laid out")]
    assert "blank line" in changes[0].reason
    assert replay("First.\nSecond.", changes) == cleaned


def test_changes_come_in_paragraph_order() -> None:
    _, changes = clean_and_explain(SEED_LIKE)
    assert [c.paragraph for c in changes] == sorted(c.paragraph for c in changes)


@pytest.mark.parametrize("step", [s for s in cleanse.steps() if s.kind == "fix"], ids=lambda s: s.name)
def test_a_fix_explains_itself_in_a_short_plain_sentence(step: Step) -> None:
    assert step.reason and "``" not in step.reason and len(step.reason) <= 60
