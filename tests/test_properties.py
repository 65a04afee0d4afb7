"""Property-based tests: the guarantees cleanse makes for *every* input, checked by hypothesis.

- cleaning twice is the same as cleaning once, for arbitrary text (all of Unicode,
  lone surrogates and controls included) and for article-shaped text;
- every step alone is idempotent;
- ``clean`` never raises, and its output is NFC, encodable as UTF-8, free of control
  characters and trailing spaces, and in paragraph form;
- junk-free prose comes back with every sentence;
- replaying an explanation gives ``clean(x)``.

The number of examples comes from the hypothesis profile (see conftest.py): CI runs the
derandomized ``ci`` profile, ``HYPOTHESIS_PROFILE=thorough`` runs many more.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cleanse
from cleanse import fixes, paragraphs, pipeline, rules
from cleanse.paragraphs import join_paragraphs, split_paragraphs
from cleanse.rules import text as text_facts

FIXES = [s for s in cleanse.steps() if s.kind == "fix"]

# --- strategies: arbitrary text --------------------------------------------------------------

# Every code point, surrogates, controls and unassigned ones included.
any_char = st.characters(codec=None, exclude_categories=())

# Pieces that steer random text towards what the pipeline reacts to: line breaks of every
# kind, entities, template syntax, mojibake, joiners, capitals and the hover-card "MORE".
TRICKY_PIECES = [
    "\n", "\r\n", "\r", "\n\n", " ", "\t", "\u00a0", "\u2028", "\u2029", "\x85", "\x0b", "\x0c",
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\x00", "\x1b[31m", "\ud83d", "\udc69",
    "&amp;", "&amp;amp;", "&#8217;", "&#10;", "&#x1F600;", "&nbsp;", "&", ";", "#",
    "{{", "}}", "{%", "%}", "{{#rendered}}", "{{/rendered}}", "[[ad-slot-2]]", "%%AD_UNIT%%", "${x}",
    "â€™", "â€œ", "Ã©", "Ã", "\x80", "\x9d", "é", "e\u0301", "ﬁ", "Ａ", "“", "”", "’", "—", "…",
    "MORE", "NATO", "SENATE", "PASSES", "BUDGET", "The", "said", ".", "?", "!", ":", '"', "(", ")",
    "Advertisement", "Click here", "Sign up for our newsletter", "RELATED:", "* * *", "___",
    "Σ", "ς", "İ", "ß", "ǅ", "ᾈ", "東京", "مرحبا", "שלום", "👩\u200d💻", "🇩🇪",
]  # fmt: skip
tricky_text = st.lists(st.one_of(any_char, st.sampled_from(TRICKY_PIECES)), max_size=60).map("".join)
arbitrary_text = st.one_of(st.text(any_char, max_size=200), tricky_text)

# --- strategies: article-shaped text ---------------------------------------------------------

PROSE_VOCABULARY = (
    "the council voted on tuesday to rebuild pier after two storms closed it harbour "
    "engineers said pilings had lost a third of their strength fishermen welcomed plan "
    "mayor budget would rise by four percent next year residents asked about ferry "
    "café naïve Zürich São Paulo Москва Αθήνα 東京 مرحبا שלום 👩‍💻 NATO COVID-19 EU "
    "newsletter advertisement template app video copyright"
)
WORDS = PROSE_VOCABULARY.split()


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """A plain sentence: capitalised first word, lower-case words, a full stop."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12))
    first = words[0][:1].upper() + words[0][1:]
    punct = draw(st.sampled_from([".", ".", ".", "?", "!", "…"]))
    body = " ".join([first, *words[1:]])
    if draw(st.booleans()):
        # Typography the pipeline must keep: curly quotes, em dashes, apostrophes.
        body = draw(st.sampled_from(["“{}”", "{} — indeed", "{}’s view", "{}, she said"])).format(body)
    return body + punct


prose_paragraphs = st.lists(sentences(), min_size=1, max_size=4).map(" ".join)

CAPS_VOCABULARY = (
    "SENATE PASSES BUDGET AFTER LONG NIGHT OF VOTES FLOOD WATERS RISE IN NORTH "
    "ΣΥΝΟΔΟΣ ΚΟΡΥΦΗΣ ΣΤΗΝ ΑΘΗΝΑ МИНИСТР ОБЪЯВИЛ НОВЫЕ МЕРЫ TRUMP SAYS TALKS ARE DEAD"
)
CAPS_WORDS = CAPS_VOCABULARY.split()
JUNK_LINES = [
    "{{#rendered}} {{/rendered}}", "{{ article.subtitle }}", "{% if ad %}", "<%= headline %>",
    "[[ad-slot-2]]", "%%AD_UNIT%%", "${headline}",
    "CLICK HERE TO GET THE HARBOUR NEWS APP", "Sign up for our Daily Briefing newsletter",
    "Follow us on Twitter", "Subscribe now", "Download our app", "Click here to read more",
    "Lesen Sie auch: Neue Regeln für Radfahrer", "Lire aussi : la grève continue",
    "Lee también: el puerto reabre", "Jetzt unseren Newsletter abonnieren",
    "Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "Anzeige", "Publicité",
    "Share this article", "Video playback is unsupported on your device", "Scroll down for video",
    "Updated at 4:08 p.m.", "Photo: Jane Roe/Harbour News",
    "Copyright 2024 Harbour News. All rights reserved.",
    "* * *", "___", "-----", "RELATED: Ferry fares to rise in spring", "READ MORE:", "ALSO READ",
]  # fmt: skip


@st.composite
def caps_headlines(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(st.sampled_from(CAPS_WORDS), min_size=5, max_size=12)))


@st.composite
def glued_junk(draw: st.DrawFn) -> str:
    """Junk glued inside prose: hover cards, caps headlines, template markers, promos."""
    before, after = draw(sentences()), draw(sentences())
    kind = draw(st.integers(0, 3))
    if kind == 0:
        card = "Sen. Ann Lee Ann Marie LeeSenate passes bill Lee talks trade MORE (D-Ore.)"
        return f"{before} {card} {after}"
    if kind == 1:
        return f"{before} {draw(caps_headlines())} {after}"
    if kind == 2:
        return f"{draw(st.sampled_from(['{{#rendered}}', '[[ad-slot]]', '%%AD%%']))}{before} {after}"
    return f"{before} Want our newsletter in your inbox? Sign up here."


def mojibake(text: str) -> str:
    """Mis-decode *text* the way scrapers do: UTF-8 bytes read as windows-1252 or Latin-1."""
    data = text.encode("utf-8")
    try:
        return data.decode("windows-1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@st.composite
def odd_whitespace(draw: st.DrawFn, text: str) -> str:
    pad = st.text(st.sampled_from(" \t\u00a0\u2003\u200b\ufeff"), max_size=3)
    return draw(pad) + text.replace(" ", draw(st.sampled_from([" ", "  ", " \u00a0", "\t"]))) + draw(pad)


@st.composite
def article_lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 11))
    if kind <= 3:
        line = draw(prose_paragraphs)
    elif kind == 4:
        line = draw(st.sampled_from(JUNK_LINES))
    elif kind == 5:
        line = draw(caps_headlines())
    elif kind == 6:
        line = draw(glued_junk())
    elif kind == 7:
        line = mojibake(draw(prose_paragraphs))
    elif kind == 8:
        line = draw(st.sampled_from(["", " ", "\t", "\u00a0", "\u200b"]))
    elif kind == 9:
        # lines the rules must keep, or that sit on the edge of a rule
        line = draw(st.sampled_from(LOOKALIKE_LINES))
    elif kind == 10:
        # a short capital subhead, or a sentence shouted in full
        line = " ".join(draw(st.lists(st.sampled_from(CAPS_WORDS), min_size=1, max_size=4)))
        if draw(st.booleans()):
            line = draw(prose_paragraphs).upper()
    else:
        # two pieces of junk, or junk and prose, on one line
        second = draw(st.one_of(st.sampled_from(JUNK_LINES), sentences()))
        line = f"{draw(st.sampled_from(JUNK_LINES))} {second}"
    if draw(st.integers(0, 4)) == 0:
        line = draw(odd_whitespace(line))
    return line


LOOKALIKE_LINES = [
    "", "Short subhead", "WASHINGTON (AP) — The vote was close.", "By Jane Roe, Associated Press",
    "Jane Roe contributed to this report.", "Advertisement spending fell 4% last year.",
    "The newsletter has 40,000 readers.", "“WE WANT THE PIER BACK,” the crowd shouted.",
    "NATO and the EU met in Brussels.", "Related", "Read more", "MORE FROM THE HARBOUR NEWS:",
    "Mayor resigns after vote", "Ferry fares to rise", "- Pier plan approved", "1. Bring cash.",
    "{{ name }}", "A Jinja template prints {{ name }}.", "Sen. Ann Lee (D-Ore.) spoke.", "MORE",
]  # fmt: skip


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A scraped article: a title, then prose, junk lines and blank lines, any line ending.

    Some lines repeat a sentence or a line already written, as pull quotes, refrains and
    repeated widgets do, so the context rules meet what they look for.
    """
    title = draw(sentences()).rstrip(".?!…")
    lines = [title]
    for _ in range(draw(st.integers(1, 14))):
        if len(lines) > 1 and draw(st.integers(0, 5)) == 0:
            earlier = draw(st.sampled_from(lines))
            pieces = text_facts.SENTENCE_END.split(earlier)
            lines.append(draw(st.sampled_from([earlier, *pieces])))
        else:
            lines.append(draw(article_lines()))
    newline = draw(st.sampled_from(["\n", "\r\n", "\n", "\r", "\u2028"]))
    return newline.join(lines) + draw(st.sampled_from(["", "\n", "\n\n", newline]))


any_input = st.one_of(arbitrary_text, articles())

# --- the output contract ---------------------------------------------------------------------

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def assert_clean_output(out: str) -> None:
    """The form of every ``clean`` result: paragraphs, NFC, UTF-8, no controls."""
    assert isinstance(out, str)
    out.encode("utf-8")  # raises on a lone surrogate
    assert unicodedata.is_normalized("NFC", out)
    assert not CONTROL.search(out), "control character in output"
    assert not fixes.INVISIBLE.search(out), "invisible junk (zero-width space, BOM, soft hyphen) in output"
    if out == "":
        return
    assert out.endswith("\n") and not out.endswith("\n\n")
    paragraphs = out[:-1].split("\n\n")
    for paragraph in paragraphs:
        assert paragraph, "empty paragraph: more than one blank line"
        # A block of code or a stanza keeps its lines together; code keeps its indentation.
        lines = paragraph.split("\n")
        assert all(line.strip() and line == line.rstrip() for line in lines), f"untidy lines {paragraph!r}"
        if len(lines) == 1 and not paragraph[:1].isspace():
            assert split_paragraphs(paragraph) == [paragraph], "a paragraph holds a line break"
    assert join_paragraphs(paragraphs) == out


# --- idempotence: clean(clean(x)) == clean(x) ----------------------------------------------


@given(arbitrary_text)
@example("")
@example("\ud800\n\udfff")
@example("x\r\n\r\n\x00y")
@example("&amp;#8217;")
def test_clean_is_idempotent_on_arbitrary_text(text: str) -> None:
    once = cleanse.clean(text)
    assert cleanse.clean(once) == once


@given(articles())
def test_clean_is_idempotent_on_articles(text: str) -> None:
    once = cleanse.clean(text)
    assert cleanse.clean(once) == once


CONFIGS = [
    cleanse.Config(enable={"join_wrapped_lines"}),
    cleanse.Config(protect=[r"(?i)advertisement", r"\bMORE\b"]),
    cleanse.Config(disable={"fix_mojibake", "collapse_spaces", "pull_quote"}),
    cleanse.Config(extra_patterns={"promo_line": [r".*harbour.*"], "injected_headline": [r"the .*"]}),
]


@given(config=st.sampled_from(CONFIGS), text=any_input)
def test_clean_is_idempotent_under_other_configs(config: cleanse.Config, text: str) -> None:
    once = cleanse.clean(text, config)
    assert cleanse.clean(once, config) == once
    if all(config.is_enabled(step.name) for step in FIXES):
        assert_clean_output(once)  # switching fixes off is switching this guarantee off


# --- the output contract ---------------------------------------------------------------------


@given(any_input)
@example("\x00\x01\x1f\x7f\x9f")
@example("a \n b \r\n\n\n c ")
@example("\ud83d\udc69")
def test_clean_never_raises_and_returns_clean_paragraphs(text: str) -> None:
    assert_clean_output(cleanse.clean(text))


# --- every step alone is idempotent --------------------------------------------------------


@pytest.mark.parametrize("step", FIXES, ids=[s.name for s in FIXES])
@given(text=arbitrary_text)
def test_each_fix_is_idempotent(step: cleanse.Step, text: str) -> None:
    assert step.function is not None
    once = step.function(text)
    assert step.function(once) == once


# A paragraph as a rule sees it: already through every fix.
def _fixed(text: str) -> str:
    for step in FIXES:
        assert step.function is not None
        text = step.function(text)
    return text


paragraph_text = st.one_of(arbitrary_text, article_lines()).map(_fixed)
SPANS = [s for s in cleanse.steps() if s.kind == "span"]


# Cases the thorough profile (5,000 examples) found, which the default and CI profiles
# do not reach: kept as plain tests.


def test_clean_is_idempotent_when_protect_keeps_a_link_header() -> None:
    """The list under a protected header ends where its style changes ("0" then "0.");
    once the list is dropped, the lines after it sit right under the header, and a second
    clean would take them for a list: the first clean already looks again as it would."""
    config = cleanse.Config(protect=[r"\bMORE\b"])
    once = cleanse.clean("MORE FROM 0\n0\n0.\n0.", config)
    assert once == "MORE FROM 0\n"
    assert cleanse.clean(once, config) == once


def test_glued_template_marker_cuts_nested_markers_at_once() -> None:
    paragraph = "0{{{{}}}}"
    cut = rules.apply_cuts(paragraph, rules.glued_template_marker(paragraph))
    assert cut == "0"
    assert rules.glued_template_marker(cut) == []


@pytest.mark.parametrize("depth", [2, 7, 48])
def test_clean_is_idempotent_on_deeply_nested_template_markers(depth: int) -> None:
    """Deeper than the pipeline's rounds of cuts (six): each call of the rule cuts
    every level it can see."""
    once = cleanse.clean("Text before " + "{{" * depth + "x" + "}}" * depth + " after.")
    assert once == "Text before after.\n"
    assert cleanse.clean(once) == once


@pytest.mark.parametrize("step", SPANS, ids=[s.name for s in SPANS])
@given(paragraph=paragraph_text)
def test_each_span_rule_cuts_once(step: cleanse.Step, paragraph: str) -> None:
    """Cutting what a span rule finds, and tidying, leaves nothing more for it to cut."""
    assert step.function is not None
    cut = _fixed(rules.apply_cuts(paragraph, step.function(paragraph)))
    assert rules.apply_cuts(cut, step.function(cut)) == cut


STEP_NAMES = [s.name for s in cleanse.steps() if s.kind != "fix"]


# One property over every step (the step is drawn too), so the examples are shared among
# the steps instead of multiplied by them.
@given(name=st.sampled_from(STEP_NAMES), text=any_input)
def test_each_step_alone_is_idempotent(name: str, text: str) -> None:
    """The pipeline with a single step on: dropping or cutting twice equals once."""
    config = cleanse.Config().only({name})
    once = cleanse.clean(text, config)
    assert cleanse.clean(once, config) == once


# --- junk-free prose keeps every sentence --------------------------------------------------


def _sentence_key(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", sentence.casefold()))


# A paragraph opening "Video copyright …" is a picture credit ("Image copyright Reuters"),
# which page_furniture drops: junk the vocabulary can spell, so not prose for this test.
def _not_a_credit_line(sentence: str) -> bool:
    return not sentence.lower().startswith("video copyright")


# Prose in which no sentence is repeated: a repeated sentence is what a pull quote is.
@st.composite
def distinct_prose(draw: st.DrawFn) -> list[str]:
    """Paragraphs of one to four sentences, no sentence used twice."""
    prose = sentences().filter(_not_a_credit_line)
    pool = draw(st.lists(prose, min_size=1, max_size=10, unique_by=_sentence_key))
    paragraphs = []
    while pool:
        size = draw(st.integers(1, 4))
        paragraphs.append(" ".join(pool[:size]))
        pool = pool[size:]
    return paragraphs


@given(distinct_prose())
@example(["The council met.", "“The council met” again."])
@example(["The the the.", "Video council copyright the."])
def test_junk_free_prose_comes_back_whole(paragraphs: list[str]) -> None:
    """Prose with no junk in it, one paragraph a line, comes back with every sentence, as is."""
    assert cleanse.clean("\n".join(paragraphs)) == join_paragraphs(paragraphs)


# --- explanations replay -------------------------------------------------------------------


@given(any_input)
@example("Title\n{{#rendered}} {{/rendered}}\nThey donâ€™t agree.\nADVERTISEMENT\n")
def test_replaying_an_explanation_gives_clean(text: str) -> None:
    cleaned, changes = cleanse.clean_and_explain(text)
    assert cleaned == cleanse.clean(text)
    assert cleanse.replay(text, changes) == cleaned


@given(config=st.sampled_from(CONFIGS), text=any_input)
def test_replaying_an_explanation_gives_clean_under_other_configs(config: cleanse.Config, text: str) -> None:
    """Structure steps record no changes but still decide the paragraphs a replay sees."""
    cleaned, changes = cleanse.clean_and_explain(text, config)
    assert cleanse.replay(text, changes, config) == cleaned


# --- odd shapes of text: cost in proportion to size ----------------------------------------

WORD = st.text(st.sampled_from(list("abcdefgh")), min_size=1, max_size=8)
SHAPES = st.one_of(
    st.lists(WORD, min_size=1000, max_size=3000).map("\n".join),  # one word a line
    st.lists(WORD, min_size=1000, max_size=3000).map(" ".join).map(str.upper),  # capitals, one line
    st.lists(st.sampled_from(["{{x}}", "{% if %}", "[[ad]]"]), min_size=1000, max_size=3000).map("\n".join),
    st.lists(
        st.sampled_from(["HELLO WORLD AND MORE", "Ann Lee AnnLee says MORE"]), min_size=500, max_size=1500
    ).map(" ".join),
)


@settings(deadline=5000, max_examples=10)
@given(SHAPES)
def test_odd_shapes_clean_within_a_generous_deadline(text: str) -> None:
    # A few thousand lines or words: a shape whose cost grew faster than its size (a
    # pattern rescanning from every capital, fixes re-run over a whole line) takes seconds.
    assert cleanse.clean(cleanse.clean(text)) == cleanse.clean(text)


# --- a long text of short lines is cleaned as a short one is -------------------------------


DEFAULT = cleanse.Config()


@contextlib.contextmanager
def every_text_held_as_lines() -> Iterator[None]:
    """Every text held as Lines (see cleanse.paragraphs), read and joined a few lines at a
    time, and repeated lines remembered: what a long text of short lines goes through."""
    with (
        mock.patch.multiple(paragraphs, MANY_LINES=0, SHORT_LINE=10**9, JOIN_BATCH=2, PICKED_AT_ONCE=2),
        mock.patch.multiple(paragraphs, SPLIT_AT_ONCE=5),
        mock.patch.multiple(pipeline, BATCH_PARAGRAPHS=3, BATCH_CHARACTERS=40, REMEMBER_FROM=1),
        mock.patch.multiple(pipeline, REMEMBERED_PARAGRAPHS=2, HELD_AT_ONCE=2, READ_AT_ONCE=3),
    ):
        yield


@given(config=st.sampled_from([DEFAULT, *CONFIGS]), text=any_input)
@example(config=DEFAULT, text="Python basics\nfor line in f:\n    print(line)\nDone.\n")
@example(config=DEFAULT, text="Sea\n\nThe tide comes in,\nthe gulls cry.\n\nAnd still,\nthe sea.\n")
@example(config=DEFAULT, text="READ MORE:\nA\nB\r\nText of it.\r\n{{x}}\n{{x}}\n")
def test_a_text_held_as_lines_is_cleaned_and_explained_as_a_listed_one(
    config: cleanse.Config, text: str
) -> None:
    expected = cleanse.clean_and_explain(text, config)
    with every_text_held_as_lines():
        assert cleanse.clean_and_explain(text, config) == expected
        assert cleanse.clean(text, config) == expected[0]
