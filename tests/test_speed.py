"""The shared fast layer changes nothing, and every rule's pre-check answers as the plain
code it stands for.

``cleanse._speed.reference_path()`` turns the fast layer (literal scans, split phrase
patterns, memos) into the plain calls it stands for; the first tests run both and require
byte-identical output and explanations, on the whole news corpus and on generated text
(article-shaped documents with mojibake, entities, junk lines and arbitrary unicode). The
rest check each rule's own pre-checks (a context step's ``may_fire``, the squeezed
searches of pull quotes, the byte counts of capitals) against plain definitions written
out here.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import ftfy
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cleanse import _re_internals, _speed, clean, fixes, rules
from cleanse.patterns import builtin_pattern
from cleanse.pipeline import Change, Config, clean_and_explain
from cleanse.registry import BUILTIN_STEPS, ContextStep
from cleanse.rules import inline, links, phrases, pull_quotes, templates
from cleanse.rules import text as text_facts

PROJECT = Path(__file__).resolve().parent.parent
CONTEXT_STEPS = {step.function: step for step in BUILTIN_STEPS if isinstance(step, ContextStep)}


def may_fire(rule: Callable[..., object], document: rules.Document) -> bool:
    """The pre-check the context step of *rule* declares."""
    return CONTEXT_STEPS[rule].may_fire(document)


PHRASE_RULES = phrases.PHRASE_RULES


def reference_clean(text: str) -> str:
    with _speed.reference_path():
        return clean(text)


def reference_explained(text: str, config: Config | None = None) -> tuple[str, list[Change]]:
    with _speed.reference_path():
        return clean_and_explain(text, config)


@pytest.fixture(scope="module")
def news_texts(corpora: Path) -> list[str]:
    path = corpora / "news_articles_with_artifacts.jsonl"
    if not path.exists():
        pytest.skip(f"news corpus not found at {path}; set CLEANSE_CORPORA")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


# --- the whole pipeline -------------------------------------------------------------------


@pytest.mark.slow
def test_news_corpus_is_byte_identical(news_texts: list[str]) -> None:
    texts = news_texts
    differ = [i for i, text in enumerate(texts) if clean(text) != reference_clean(text)]
    assert differ == [], f"fast and reference paths differ on documents {differ[:10]}"


@pytest.mark.slow
def test_news_corpus_explanations_are_the_same(news_texts: list[str]) -> None:
    """Explained cleaning takes the fast paths too: the same text and the same changes."""
    differ = [i for i, text in enumerate(news_texts) if clean_and_explain(text) != reference_explained(text)]
    assert differ == [], f"fast and reference explanations differ on documents {differ[:10]}"


def test_reference_path_switches_back_on() -> None:
    with _speed.reference_path():
        assert not _speed.ENABLED
    assert _speed.ENABLED


# Pieces of scraped articles: prose, the junk the rules look for, mojibake, entities.
PROSE = st.sampled_from(
    [
        "The minister said the budget would pass before the summer recess.",
        "“We don’t agree,” said Ana Núñez, who leads the coalition in Zürich.",
        "NATO and the EU met in Brussels on Tuesday to discuss COVID-19 aid.",
        "Shares fell 4% after the company said it would sign up new partners.",
        "Ελληνικά κείμενα και кириллица и 中文 文本 と 日本語 stay as they are.",
        "Advertisement spending fell 4% last year, the report said.",
        "He asked readers to follow the story closely as it developed here.",
    ]
)
JUNK = st.sampled_from(
    [
        "ADVERTISEMENT",
        "CLICK HERE TO GET THE FOX NEWS APP",
        "Sign up for our newsletter",
        "Follow us on Twitter",
        "{{#rendered}} {{/rendered}}",
        "Copyright 2019 Example Media, Inc. All rights reserved.",
        "RELATED: Senate passes the budget after a long night",
        "SENATE PASSES BUDGET AFTER LONG NIGHT OF VOTES AND DEBATE",
        "Want the newsletter in your inbox? Sign up here.",
        "* * *",
        "Photo: Jo Doe/AP",
        "Updated at 4:08 p.m.",
        "Lesen Sie auch: Die Regierung plant neue Steuern",
    ]
)
# Mojibake made the way scrapers make it: UTF-8 bytes read as a single-byte encoding.
MOJIBAKE = st.builds(
    lambda text, encoding: text.encode("utf-8").decode(encoding, errors="replace"),
    st.text(alphabet=st.characters(min_codepoint=0xA0, max_codepoint=0x2FFF), min_size=1, max_size=12)
    | PROSE,
    st.sampled_from(["latin-1", "cp1252", "cp1251", "mac_roman", "cp437"]),
)
# Text mis-decoded twice: ftfy undoes both in one call, and the text it returns still
# goes through the pre-check before another pass.
MOJIBAKE_TWICE = st.builds(
    lambda text, encoding: text.encode("utf-8").decode(encoding, errors="replace"),
    MOJIBAKE,
    st.sampled_from(["latin-1", "cp1252", "mac_roman"]),
)
ENTITIES = st.sampled_from(
    ["&amp;", "&amp;amp;", "&#8217;", "&eacute;", "&nbsp;", "&#x2019;", "AT&T", "&#10;"]
)
PIECE = st.one_of(PROSE, JUNK, MOJIBAKE, ENTITIES, st.text(max_size=40))
LINE = st.lists(PIECE, min_size=1, max_size=4).map(" ".join)

# Prose with typography and the odd character that can make mojibake, combine or space.
NEAR_PLAIN = st.text(
    st.characters(max_codepoint=0x7F)
    | st.sampled_from(_speed.EVERYDAY_TYPOGRAPHY)
    | st.sampled_from(list("ÃÂâ€™©é\u0301\u2009"))
)
ARTICLE = st.lists(LINE, max_size=12).map("\n".join)


@given(ARTICLE)
def test_generated_articles_are_byte_identical(text: str) -> None:
    assert clean(text) == reference_clean(text)


@given(st.text())
def test_arbitrary_text_is_byte_identical(text: str) -> None:
    assert clean(text) == reference_clean(text)


STEP_NAMES = [step.name for step in BUILTIN_STEPS if step.kind != "structure"]


@given(ARTICLE, st.sets(st.sampled_from(STEP_NAMES)))
@example(" Plain prose, a space at each end. \n\nADVERTISEMENT", {"collapse_spaces"})
@example("Plain prose.\n\n\n“Typography” – too. ", {"fix_mojibake", "normalize_unicode"})
def test_any_steps_switched_off_are_byte_identical(text: str, switched_off: set[str]) -> None:
    # The fast paths hold for any choice of steps, not only the default pipeline.
    config = Config(disable=sorted(switched_off))
    with _speed.reference_path():
        expected = clean(text, config)
    assert clean(text, config) == expected


@given(ARTICLE | NEAR_PLAIN, st.sets(st.sampled_from(STEP_NAMES)))
@example(" Plain prose, a space at each end. \n\nADVERTISEMENT", set())
@example(" “Typography” – and a space at each end. ", {"remove_invisible_chars"})
@example("  Two spaces: collapse_spaces, not the shortcut.  ", set())
def test_explanations_are_the_same_on_both_paths(text: str, switched_off: set[str]) -> None:
    # The same changes, in the same order, whichever steps run: a paragraph that only
    # needs stripping is explained as collapse_spaces's fix, as the reference path does.
    config = Config(disable=sorted(switched_off))
    assert clean_and_explain(text, config) == reference_explained(text, config)


# --- each pre-check against what it stands in for ------------------------------------------


@given(st.one_of(MOJIBAKE, MOJIBAKE_TWICE, LINE, st.text()))
@example("They donÃ¢â‚¬â„¢t agree.")  # "don’t" mis-decoded twice
def test_fix_mojibake_pre_check_is_exact(text: str) -> None:
    fast = fixes.fix_mojibake(text)
    with _speed.reference_path():
        assert fixes.fix_mojibake(text) == fast


@given(st.one_of(MOJIBAKE, LINE, st.text()))
def test_mojibake_suspect_covers_ftfy_badness(text: str) -> None:
    suspect = fixes._mojibake_suspect()
    assert suspect is not None
    if ftfy.badness.is_bad(text) or re.search("[\x80-\x9f\ud800-\udfff]", text):
        assert suspect(text)


# Characters of ftfy's badness pattern whose sequences ordinary prose also holds (curly
# quotes, guillemets, accented letters): the suspect test searches those sequences exactly.
@given(st.from_regex(ftfy.badness.BADNESS_RE), PROSE)
def test_mojibake_suspect_finds_every_kind_of_badness(bad: str, prose: str) -> None:
    # Every branch of ftfy's pattern, the ones made of common typography included.
    suspect = fixes._mojibake_suspect()
    assert suspect is not None
    for text in (bad, f"{prose} {bad.strip()} {prose}"):
        if ftfy.badness.is_bad(text):
            assert suspect(text)


# ASCII and the typography of everyday prose: text made only of these is answered "not
# mojibake" before any search, so ftfy's pattern must not be able to match it.
TYPOGRAPHY_AND_ASCII = st.text(
    st.characters(max_codepoint=0x7F) | st.sampled_from(_speed.EVERYDAY_TYPOGRAPHY)
)


@given(TYPOGRAPHY_AND_ASCII, TYPOGRAPHY_AND_ASCII)
def test_text_of_safe_typography_is_never_mojibake(before: str, after: str) -> None:
    suspect = fixes._mojibake_suspect()
    assert suspect is not None
    for text in (before + after, f"{before}Ã {after}"):  # the second one is mojibake
        if ftfy.badness.is_bad(text) or re.search("[\x80-\x9f]", text):
            assert suspect(text)


@given(st.text(alphabet="ax”“Ãé "))
def test_typography_a_pattern_needs_is_not_safe(text: str) -> None:
    # "x”" needs only ASCII and a curly quote: the quote cannot be safe for this pattern,
    # while for "x“é" the é (not typography) already rules the branch out.
    test = _re_internals.could_search(re.compile("x”|x“é|[ÂÃ]"))
    assert test is not None
    if re.search("x”|x“é|[ÂÃ]", text):
        assert test(text)


@given(st.text(alphabet="abcdxyz”“é "))
def test_searching_from_the_first_character_finds_the_same(text: str) -> None:
    # could_search rewrites A|B as [ab](?:(?<=a)A'|(?<=b)B') so that re skips to the
    # characters the branches start with.
    pattern = re.compile("[ab]c|d[“é]|”x+|[yz]")
    tree = _re_internals._sre_parse.parse(pattern.pattern)
    ((_, (_, branches)),) = list(tree)  # one BRANCH
    rewritten = _re_internals._first_character_first(branches, tree.state)
    fast = _re_internals._sre_compile.compile(rewritten, 0)
    assert bool(fast.search(text)) == bool(pattern.search(text))


@given(st.one_of(LINE, st.text(alphabet=" \t\u00a0\u2009\u3000ab.\n"), st.text()))
def test_collapse_spaces_is_its_pattern(text: str) -> None:
    assert fixes.collapse_spaces(text) == fixes.HORIZONTAL_SPACE_RUN.sub(" ", text).strip()


@given(st.one_of(LINE, st.text(), st.text(alphabet=st.characters(max_codepoint=127))))
def test_sentence_keys_are_the_normalised_sentences(text: str) -> None:
    plain = tuple(
        " ".join(text_facts.WORD.findall(s.casefold())) for s in text_facts.SENTENCE_END.split(text)
    )
    assert text_facts.sentence_keys(text) == plain


@given(st.one_of(LINE, NEAR_PLAIN, st.text()))
def test_case_counts_count_capitals_and_small_letters(text: str) -> None:
    plain = (sum(c.isupper() for c in text), sum(c.islower() for c in text))
    assert text_facts.case_counts(text) == plain


# Text near the 85% line: capitals and small letters of several scripts, digits, marks.
NEAR_SHOUTING = st.text(st.sampled_from(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdÉΣσßǅ 1.’")), min_size=1)
# So many capitals, so many small letters, so many other characters: every share.
CASE_MIXES = st.tuples(st.integers(0, 60), st.integers(0, 15), st.integers(0, 5)).map(
    lambda n: "X" * n[0] + "y" * n[1] + "." * n[2]
)


@given(st.one_of(LINE, NEAR_PLAIN, NEAR_SHOUTING, CASE_MIXES, st.text()))
@example("SENATE PASSES BUDGETS abc")  # 19 capitals and 3 small letters: just over 85%
@example("ABCDEFGHIJKLMNOPQabc")  # 17 capitals, 3 small letters, nothing else: exactly 85%
def test_shouting_is_85_percent_capitals(text: str) -> None:
    for candidate in (text, text.upper()):
        upper = sum(c.isupper() for c in candidate)
        lower = sum(c.islower() for c in candidate)
        assert rules.is_shouting(candidate) == (upper >= 6 and upper >= 0.85 * (upper + lower))


def test_link_header_bounds_are_read_from_its_pattern() -> None:
    # is_link_header rules out a paragraph longer than LINK_HEADER_LONGEST once the
    # characters of the pattern's leading and trailing runs are stripped.
    parse, compile_ = _re_internals._sre_parse, _re_internals._sre_compile
    tree = parse.parse(links.LINK_HEADER.pattern, links.LINK_HEADER.flags)
    lead, middle, trail = tree
    assert parse.SubPattern(tree.state, [middle]).getwidth()[1] == links._longest_header()
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for op, (low, _, run) in (lead, trail):  # each edge: a run of one class of characters
        assert op is _re_internals._sre_constants.MAX_REPEAT and low == 0 and len(run) == 1
        edge = compile_.compile(parse.SubPattern(tree.state, list(run)), links.LINK_HEADER.flags)
        assert set(edge.findall(everything)) <= set(links.LINK_HEADER_EDGES)


@given(st.one_of(LINE, st.text(st.sampled_from(list("( [Read more]:… x")))))
@example(" " * 60 + "READ MORE:" + " " * 60)
@example("(" * 50 + "Related stories" + ")" * 50)
def test_link_headers_are_their_pattern(text: str) -> None:
    assert rules.is_link_header(text) == (links.LINK_HEADER.fullmatch(text) is not None)


def test_typography_counted_as_no_letter_is_neither_capital_nor_small() -> None:
    assert not [c for c in text_facts._UNCASED_TYPOGRAPHY if c.isupper() or c.islower()]


@given(st.one_of(JUNK, LINE, st.text()), st.sampled_from(PHRASE_RULES))
def test_phrase_pre_check_never_hides_a_match(text: str, rule: str) -> None:
    pattern = builtin_pattern(rule)
    assert pattern is not None
    for candidate in (text, text.upper(), text.swapcase()):
        if pattern.fullmatch(candidate) or pattern.search(candidate):
            assert _speed.may_match(pattern, candidate)


# Letters that case-insensitive ``re`` matches to ASCII ones: long s, Kelvin sign, dotted
# and dotless i.
ODD_CASE = st.sampled_from([("s", "ſ"), ("k", "\u212a"), ("i", "İ"), ("i", "ı"), ("", "")])


@given(st.one_of(JUNK, LINE, st.text()), ODD_CASE)
def test_the_glued_promo_gate_never_hides_a_sentence_it_could_cut(text: str, odd: tuple[str, str]) -> None:
    # A sentence some standalone-junk phrase matches holds one of the gate's literals, in
    # any case and with the letters re folds to ASCII.
    if odd[0]:
        text = text.replace(odd[0], odd[1])
    for candidate in (text, text.upper(), text.swapcase()):
        for start, end in text_facts.sentence_spans(candidate):
            sentence = candidate[start:end].strip()
            if any(phrases.matches(rule, sentence) for rule in inline.STANDALONE_JUNK):
                assert inline._has_promo_hint(candidate)


@given(st.one_of(JUNK, LINE, st.text()), st.sampled_from(PHRASE_RULES))
def test_split_fullmatch_is_exact(text: str, rule: str) -> None:
    pattern = builtin_pattern(rule)
    assert pattern is not None
    if rule not in SPLITS:
        SPLITS[rule] = _speed._SplitFullmatch(pattern)
    split = SPLITS[rule]
    for candidate in (text, text.upper(), text.swapcase()):
        expected = pattern.fullmatch(candidate) is not None
        assert split(candidate) == expected
        assert _speed.fullmatch(pattern, candidate) == expected


SPLITS: dict[str, _speed._SplitFullmatch] = {}


@given(st.one_of(JUNK, LINE, st.text()), st.sets(st.sampled_from(PHRASE_RULES), min_size=1))
def test_one_question_for_several_phrase_lists_is_exact(text: str, chosen: set[str]) -> None:
    names = tuple(rule for rule in PHRASE_RULES if rule in chosen)
    patterns = phrases._phrase_patterns(names)
    group = _speed._SplitGroup(patterns)  # built at once, not after SPLIT_AFTER_CALLS questions
    for candidate in (text, text.upper(), text.swapcase()):
        expected = any(p.fullmatch(candidate) for p in patterns)
        assert group(candidate) == expected
        assert phrases.may_match_any(candidate, names) == expected


@given(st.one_of(JUNK, LINE), st.one_of(JUNK, LINE, st.text()), st.one_of(JUNK, LINE, st.text()), ODD_CASE)
def test_a_sentence_asked_within_its_paragraph_gets_the_same_answer(
    sentence: str, before: str, after: str, odd: tuple[str, str]
) -> None:
    # Glued promos ask about a sentence with the literals of its whole paragraph: more
    # gated alternatives run, never fewer.
    if odd[0]:
        sentence = sentence.replace(odd[0], odd[1])
    paragraph = f"{before} {sentence} {after}"
    patterns = phrases._phrase_patterns(inline.STANDALONE_JUNK)
    group = _speed._SplitGroup(patterns)
    _speed.prescan([paragraph])
    for candidate in (sentence, sentence.upper()):
        within = paragraph.replace(sentence, candidate)
        expected = any(p.fullmatch(candidate) for p in patterns)
        assert group(candidate, within) == expected
        for pattern in patterns:
            expected = pattern.fullmatch(candidate) is not None
            assert _speed._split(pattern)(candidate, within) == expected


@pytest.mark.slow
@pytest.mark.parametrize("rule", PHRASE_RULES)
def test_phrase_pre_check_on_the_corpus(rule: str, news_texts: list[str]) -> None:
    pattern = builtin_pattern(rule)
    assert pattern is not None
    paragraphs = [p.strip() for text in news_texts for p in text.splitlines()]
    hidden = [p for p in paragraphs if pattern.fullmatch(p) and not _speed.may_match(pattern, p)]
    assert hidden == []
    differ = [p for p in paragraphs if _speed.fullmatch(pattern, p) != (pattern.fullmatch(p) is not None)]
    assert differ == []


# Accented capitals and small letters, to find literals in either case.
ACCENTED = st.lists(
    st.sampled_from(["précédent", "PRÉCÉDENT", "PrÉcédent", "vidéo", "VIDÉO", "Publié", "à", "lire"]),
    max_size=4,
).map(" ".join)


@given(st.one_of(JUNK, LINE, ACCENTED, st.text()), ODD_CASE)
def test_literals_are_found_in_folded_bytes_wherever_the_pattern_can_match(
    text: str, odd: tuple[str, str]
) -> None:
    # Each pre-check's literals, looked for in fold_bytes, are found whenever one of them
    # occurs in the text ignoring case (the way the pattern would see it).
    if odd[0]:
        text = text.replace(odd[0], odd[1])
    for pattern in phrases._phrase_patterns(PHRASE_RULES):
        _speed._split(pattern)  # every phrase list's literals in the scan
    data, folded = _speed.fold_bytes(text), _speed.fold_case(text)
    for check in _speed._PRE_CHECKS.values():
        for candidate in (text, text.upper(), text.swapcase()):
            data, folded = _speed.fold_bytes(candidate), _speed.fold_case(candidate)
            ignoring_case = any(literal.lower() in folded for literal in check.literals)
            if ignoring_case:
                assert any(literal.encode() in data for literal in check.literals), check.literals


# Patterns whose literals reach into a repeat or a group: a credit's "/" before the
# agency, the closing "!" of every repeated item, the openings of a group's branches.
EDGE_PATTERNS = [
    re.compile(r"(?i)(?:[\w.' -]{2,40}/){1,3}(?:getty images|afp|ap|reuters)(?: via [\w .]+)?"),
    re.compile(r"(?i)(?:[a-z]+!|[0-9]+!)+ now"),
    re.compile(r"(?i)(?:abc[0-9]*|xyz[a-z]*)\d{2,4}"),
    re.compile(r"(?i)(?:one|two)?(?:[a-z]+ )?tail"),
]


@given(st.data())
def test_every_match_holds_a_literal_read_from_the_pattern(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(EDGE_PATTERNS))
    text = data.draw(st.from_regex(pattern, fullmatch=True))
    literals = _re_internals.required_literals(pattern)
    assert literals, pattern.pattern
    assert any(literal in _speed.fold_case(text) for literal in literals), (literals, text)


def test_a_literal_before_a_repeat_reaches_into_it() -> None:
    # "/ap" rules out far more paragraphs than "ap": the credit's pattern now gets a gate.
    assert _re_internals.required_literals(EDGE_PATTERNS[0]) == ("/afp", "/ap", "/getty images", "/reuters")
    assert _re_internals.required_literals(EDGE_PATTERNS[1]) == ("! now",)


def test_two_case_letters_match_only_their_two_cases() -> None:
    letters = _re_internals.TWO_CASE_LETTERS
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    matched = set(re.findall(f"[{''.join(sorted(letters))}]", everything, re.IGNORECASE))
    assert matched == {case for letter in letters for case in (letter.lower(), letter.upper())}
    for char in matched:  # and each one to the letters of its own two cases only
        same = {letter for letter in letters if re.fullmatch(re.escape(letter), char, re.IGNORECASE)}
        assert same == {char.lower(), char.upper()} & letters


def test_case_fold_table_matches_re() -> None:
    """Every non-ASCII character that ``re`` matches to an ASCII letter ignoring case is mapped."""
    everything = "".join(map(chr, range(0x80, sys.maxunicode + 1)))
    found = {m.group(): m.group() for m in re.finditer("[a-z]", everything, re.IGNORECASE)}
    for char in found:
        letters = [a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, char, re.IGNORECASE)]
        assert char.translate(_speed.CASE_FOLD_TO_ASCII) in letters, hex(ord(char))
    assert set(found) == {chr(c) for c in _speed.CASE_FOLD_TO_ASCII}
    for char in found:
        assert _speed.fold_case(f"é{char}") == f"é{char}".translate(_speed.CASE_FOLD_TO_ASCII)


def test_leading_label_gate_lists_every_initial_the_label_can_start_with() -> None:
    # glued_promo asks LEADING_LABEL only about paragraphs starting with one of
    # LABEL_INITIALS; ignoring case, the regex module also matches s and k to ſ and K.
    import regex

    initial = regex.compile(r"(?i:s|k|h)|C")
    starts = {chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and initial.fullmatch(chr(c))}
    assert starts <= inline.LABEL_INITIALS


def test_caption_label_gate_lists_every_initial_the_label_can_start_with() -> None:
    import regex

    initial = regex.compile(r"(?i:f|t|p|e|w|l|r|s|i)|B")
    starts = {chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and initial.fullmatch(chr(c))}
    assert starts <= inline.CAPTION_LABEL_INITIALS


@given(st.lists(st.one_of(JUNK, LINE, st.text()), min_size=1, max_size=6), ODD_CASE)
def test_a_document_scanned_at_once_gives_each_paragraph_its_own_answer(
    texts: list[str], odd: tuple[str, str]
) -> None:
    # The pipeline scans a document's paragraphs for the pre-checks' literals in one
    # pass; each paragraph must get the answer a scan of it alone gives.
    if odd[0]:
        texts = [t.replace(odd[0], odd[1]) for t in texts]
    for pattern in phrases._phrase_patterns(PHRASE_RULES):  # every phrase list's pre-checks in the scan
        _speed._split(pattern)
    inline._has_promo_hint("x")
    _speed.prescan(texts)
    scan = _speed._SCAN
    for text in texts:
        alone = scan.possible(_speed.fold_bytes(text))
        _speed._LAST_SCAN = ("", scan, frozenset())  # forget the last answer
        assert _speed._possible(text) == alone


@given(
    st.lists(st.one_of(JUNK, st.text(max_size=12)), min_size=2, max_size=30), st.sampled_from([1 << 16, 40])
)
def test_short_paragraphs_scanned_joined_get_the_answers_of_their_own_scans(
    texts: list[str], run: int
) -> None:
    # A literal found across the line feed that joins two paragraphs belongs to neither,
    # nor one found across two runs of paragraphs scanned apart.
    inline._has_promo_hint("x")
    scan = _speed._SCAN
    default, _speed.SCAN_RUN = _speed.SCAN_RUN, run
    try:
        joined = _speed._scan_joined(scan, texts)
    finally:
        _speed.SCAN_RUN = default
    assert joined == {text: scan.possible(_speed.fold_bytes(text)) for text in texts}


def test_literals_are_found_next_to_a_lone_surrogate() -> None:
    # The automaton reads UTF-8; a lone surrogate passes as its three bytes.
    pattern = re.compile(r"(?i)\bsign up\b.{0,40}")
    for _ in range(2):
        assert _speed.may_match(pattern, "Sign up \ud800 now")
        assert not _speed.may_match(pattern, "The senate voted on Tuesday.")


@given(st.one_of(LINE, st.text(st.characters(max_codepoint=0x7F)), NEAR_PLAIN, st.text()))
@example("“It’s done” — voilÃ the end")  # mojibake of "à" amid typography
@example("“Cafe\u0301” – closed")  # not NFC
def test_plain_prose_needs_only_a_strip(text: str) -> None:
    # When the pipeline skips the fixes for plain ASCII (and typography), it strips the
    # text instead, or leaves it as it is when collapse_spaces is switched off: every
    # other fix leaves it alone, so any choice of fixes gives one of the two.
    if not fixes.only_strip_can_change(text):
        return
    with _speed.reference_path():
        for fix in (
            fixes.unescape_html_entities,
            fixes.fix_mojibake,
            fixes.remove_invisible_chars,
            fixes.normalize_unicode,
        ):
            assert fix(text) == text, fix.__name__
        assert fixes.collapse_spaces(text) == text.strip()


@given(st.text(st.sampled_from(list(".!?…\"'”’)] \t\u00a0\u2028abcXYZ1"))) | st.text())
def test_first_sentence_end_found_from_the_stop_is_the_same(text: str) -> None:
    end = pull_quotes._SENTENCE_END_FROM_STOP.search(text)
    first = text[: end.start() + 1] if end else text
    assert first == text_facts.SENTENCE_END.split(text, maxsplit=1)[0]


@given(st.text(st.sampled_from(list("ab\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"))) | st.text())
def test_line_split_without_the_pattern_is_the_same(text: str) -> None:
    from cleanse import paragraphs

    assert paragraphs.split_lines(text) == paragraphs.LINE_BREAK.split(text)


def test_long_documents_take_the_sentence_index_and_agree() -> None:
    # Past pull_quotes.SMALL_DOCUMENT the pull-quote pre-checks stop searching the document once
    # per paragraph (quadratic) and ask the index of every sentence instead; may_repeat
    # still counts the squeezed sentences, once for the whole document.
    story = (
        "The council said the budget would pass before the summer recess, officials said. "
        "It added that schools and hospitals would get more money next year."
    )
    quote = "“The budget would pass before the summer recess,” officials said."
    pulled = "It added that schools and hospitals would get more money next year."
    paragraphs = ["Title"]
    for i in range(300):
        paragraphs += [f"Item {i}: " + story, quote if i % 7 == 0 else pulled, f"Vote {i} was close."]
    document = "\n".join(paragraphs)
    assert len(document) > 2 * pull_quotes.SMALL_DOCUMENT
    assert clean(document) == reference_clean(document)


@given(st.text(st.sampled_from(list("abcXYZ_1 .,’‘“”–—…\u00a0ßİKſ\u0301é\t"))) | st.text())
def test_words_are_found_as_the_regular_expression_finds_them(text: str) -> None:
    # Sentences are compared by their words: the fast path replaces everyday typography
    # and lower-cases ASCII with a byte table instead of case folding and searching.
    assert text_facts.words_of(text) == text_facts.WORD.findall(text.casefold())


@given(
    st.from_regex(templates.TEMPLATE_MARKER) | st.text(st.sampled_from(list("{}[]%<>#$ ab_AD1"))) | st.text()
)
def test_template_marker_gate_never_hides_a_marker(text: str) -> None:
    # Every marker starts with "[", "{{", "{%", "{#", "<%", "%%" or "${": without one the
    # pattern is not run at all.
    if templates.TEMPLATE_MARKER.search(text):
        assert templates.may_hold_template_marker(text)


@given(
    st.lists(st.from_regex(templates.TEMPLATE_MARKER) | st.text(st.sampled_from(list("{}[]%# aé_1.!")))).map(
        "".join
    )
    | st.text()
)
def test_template_only_lines_are_read_between_their_markers(text: str) -> None:
    # A line is template markers alone when cutting every marker leaves no letter or
    # digit: read between the markers, without the copy cutting them makes.
    rest = templates.TEMPLATE_MARKER.sub("", text)
    expected = rest != text and not any(c.isalnum() for c in rest)
    assert templates.is_template_only.__wrapped__(text) == expected  # type: ignore[attr-defined]


@given(st.text(st.sampled_from(list("CLOSEHighlightsBuyPhotoFacebookKſKİıé1"))) | st.text())
@example("CLOSE")
@example("BuyPhoto")
def test_one_word_is_never_cut_as_a_glued_promo(word: str) -> None:
    # glued_promo answers a word (letters and digits only) at once: its labels, credits and
    # sentence ends all need a space or a stop.
    if word.isalnum():
        assert inline._glued_furniture(word) == []
        assert not text_facts.may_hold_two_sentences(word)


SENTENCES = st.sampled_from(
    [
        "The vote was close.",
        "“It is over,” she said.",
        "Nobody came!",
        "nobody came",
        "Why now?",
        "Ja.",
        "",
        "x",
        "Zürich voted — again.",
        "“The vote was close.” — Jo Lee",
        "“Nobody came to the vote at all” — Jo Lee",
        "She said nobody came to the vote at all on Monday.",
        "“Nobody came to the well-known vote at all,” -- Jo Lee",
        "The well-known vote, nobody came to the vote at all — she said.",
    ]
)
PARAGRAPH_LISTS = st.lists(st.lists(SENTENCES, max_size=4).map(" ".join), min_size=1, max_size=8)


@given(PARAGRAPH_LISTS, st.integers(0, 8))
def test_sentences_owned_by_longer_paragraphs_agree_with_the_index(paragraphs: list[str], size: int) -> None:
    # Pull quotes ask whether a sentence belongs to a longer paragraph; the fast path
    # searches the joined paragraphs (squeezed, or normalised) instead of reading the
    # index of them all.
    document = rules.Document(paragraphs)
    for paragraph in paragraphs:
        for sentence in text_facts.sentence_keys(paragraph):
            expected = pull_quotes.PullQuoteEvidence(document).sentence_owners.get(sentence, 0) > size
            assert pull_quotes.PullQuoteEvidence(document).owned_by_longer(sentence, size) == expected


@given(PARAGRAPH_LISTS)
def test_repeated_first_sentences_always_pass_the_pre_check(paragraphs: list[str]) -> None:
    # A first sentence that is a sentence of another paragraph must never be ruled out,
    # whether the pre-check searches the squeezed or the normalised document.
    document = rules.Document(paragraphs)
    for i, paragraph in enumerate(paragraphs):
        first = pull_quotes._first_sentence(paragraph)
        others = [q for j, q in enumerate(paragraphs) if j != i]
        if any(first in text_facts.sentence_keys(q) for q in others):
            assert pull_quotes.PullQuoteEvidence(document).may_repeat(paragraph)


@given(PARAGRAPH_LISTS)
def test_long_documents_count_sentences_as_the_index_does(paragraphs: list[str]) -> None:
    # Past SMALL_DOCUMENT the evidence is hashes of the sentences of paragraphs that may take
    # part in a pull quote: a paragraph long enough to be one, asking about its own
    # sentences, gets the index's answers.
    counts = pull_quotes._LongSentences.count(paragraphs)
    assert counts is not None
    owners = pull_quotes.PullQuoteEvidence(rules.Document(paragraphs)).sentence_owners
    for i, paragraph in enumerate(paragraphs):
        size = len(paragraph.split())
        if size < pull_quotes.PULL_QUOTE_MIN_WORDS:
            continue
        for sentence in text_facts.sentence_keys(paragraph):
            assert counts.owned_by_longer(sentence, size) == (owners.get(sentence, 0) > size)
        # A first sentence repeated in another paragraph that may be a pull quote's source.
        first = pull_quotes._first_sentence(paragraph)
        others = [q for j, q in enumerate(paragraphs) if j != i and len(q.split()) >= len(paragraph.split())]
        if any(first in text_facts.sentence_keys(q) for q in others):
            assert counts.may_repeat(paragraph)


def plain_repeats_elsewhere(paragraphs: list[str], normalised: str, paragraph: str) -> bool:
    """PullQuoteEvidence.repeats_elsewhere as defined, without its pre-checks."""
    if len("\n".join(paragraphs)) > pull_quotes.PULL_QUOTE_SEARCH_LIMIT:
        return False
    texts = [text_facts.normalise(p) for p in paragraphs]
    joined = "\n".join(texts)
    own = text_facts.normalise(paragraph)
    copies = texts.count(normalised) + (texts.count(own) if own != normalised else 0)
    return joined.count(normalised) > copies


@given(PARAGRAPH_LISTS)
def test_repeats_elsewhere_is_its_plain_definition(paragraphs: list[str]) -> None:
    page = pull_quotes.PullQuoteEvidence(rules.Document(paragraphs))
    for paragraph in paragraphs:
        body = text_facts.normalise(pull_quotes.ATTRIBUTION.sub("", paragraph))
        expected = plain_repeats_elsewhere(paragraphs, body, paragraph)
        assert page.repeats_elsewhere(body, paragraph) == expected


@given(PARAGRAPH_LISTS)
def test_quotations_repeated_elsewhere_always_pass_the_pre_check(paragraphs: list[str]) -> None:
    # The quotation a paragraph starts with holds at least its words before the first
    # dash: the pre-check searches those, without finding the attribution or normalising.
    document = rules.Document(paragraphs)
    for paragraph in paragraphs:
        body = text_facts.normalise(pull_quotes.ATTRIBUTION.sub("", paragraph))
        if plain_repeats_elsewhere(paragraphs, body, paragraph):
            assert pull_quotes.PullQuoteEvidence(document).may_quote_elsewhere(paragraph)


@given(PARAGRAPH_LISTS)
def test_pull_quotes_are_the_same_on_both_paths(paragraphs: list[str]) -> None:
    fast = [rules.pull_quote(p, rules.Document(paragraphs)) for p in paragraphs]
    with _speed.reference_path():
        assert [rules.pull_quote(p, rules.Document(paragraphs)) for p in paragraphs] == fast


CONTEXT_RULES = [s.function for s in BUILTIN_STEPS if s.kind == "context"]
# Paragraphs that context rules drop, and prose that looks a little like them.
CONTEXT_LINES = st.one_of(
    JUNK,
    LINE,
    st.sampled_from(
        [
            "Senate passes the budget after a long night – NYT",
            "Senate passes the budget after a long night - Reuters",
            "SENATE PASSES BUDGET",
            "Read more:",
            "Mayor resigns over the budget",
            "[caption] The mayor spoke.",
            "Prices rose 5% in May; 100%% of the vote <% end %>",
            "The {{ name }} template renders a name.",
        ]
    ),
)


@given(st.lists(CONTEXT_LINES, min_size=1, max_size=8), st.sampled_from(CONTEXT_RULES))
@example(
    ["Title", "Text.", "SENATE PASSES BUDGET AFTER LONG NIGHT OF VOTES", "More."], rules.injected_headline
)
@example(["Title", "Senate passes the budget after a long night – NYT"], rules.injected_headline)
@example(["SENATE PASSES BUDGET AFTER LONG NIGHT OF VOTES - NYT"], rules.injected_headline)
@example(["Title", "Text.", "{{#rendered}} {{/rendered}}"], rules.template_marker)
@example(["{{ headline }}", "Text."], rules.template_marker)
@example(["Title", "[[ad-slot]]", "Text."], rules.template_marker)
@example(["Title", "Related", "Senate passes budget", "Mayor resigns"], rules.link_list)
@example(
    [
        "Title",
        "The council voted to rebuild the pier after the storms.",
        "The council voted to rebuild the pier after the storms. Work starts in May and ends in June.",
    ],
    rules.pull_quote,
)
@example(
    [
        "Title",
        "“We will rebuild the pier before the summer,” — Mayor Dana Whitlock",
        "The mayor spoke. “We will rebuild the pier before the summer,” she said to applause.",
    ],
    rules.pull_quote,
)
def test_a_rule_ruled_out_for_a_document_drops_none_of_its_paragraphs(
    paragraphs: list[str], rule: Callable[[str, rules.Document], str | None]
) -> None:
    document = rules.Document(paragraphs)
    if not may_fire(rule, document):
        assert [rule(p, document) for p in paragraphs] == [None] * len(paragraphs)


def test_pull_quotes_are_ruled_out_for_a_document_only_without_a_repeated_sentence_or_quotation() -> None:
    story = "The council voted to rebuild the pier after the storms. Work starts in May and ends in June."
    lifted = "The council voted to rebuild the pier after the storms."
    quoted = "“We will rebuild the pier before the summer,” — Mayor Dana Whitlock"
    said = "The mayor spoke. “We will rebuild the pier before the summer,” she said to applause."
    assert not may_fire(rules.pull_quote, rules.Document(["Title", story, "Another thing."]))
    assert may_fire(rules.pull_quote, rules.Document(["Title", lifted, story]))
    assert may_fire(rules.pull_quote, rules.Document(["Title", quoted, said]))
    assert rules.pull_quote(lifted, rules.Document(["Title", lifted, story]))
    assert rules.pull_quote(quoted, rules.Document(["Title", quoted, said]))


def test_a_short_capital_headline_keeps_its_rule_asked_where_capital_boilerplate_was_dropped() -> None:
    # Three capital words are another story's headline only on a page that also carried
    # boilerplate in capitals: the document-wide ruling-out must see that too.
    paragraphs = ["Title", "Text of the story.", "MAYOR RESIGNS TODAY", "More text."]
    document = rules.Document(paragraphs, dropped=["CLICK HERE TO GET THE APP"])
    assert rules.injected_headline("MAYOR RESIGNS TODAY", document)
    assert may_fire(rules.injected_headline, document)
    # One or two capital words are never another story's headline: nothing to ask.
    one_word = rules.Document(["Title", "Text.", "UPDATE", "More."])
    assert not may_fire(rules.injected_headline, one_word)
    # A document of one paragraph is its title, which is never another story's headline.
    alone = rules.Document(["SENATE PASSES BUDGET AFTER LONG NIGHT OF VOTES - NYT"])
    assert not may_fire(rules.injected_headline, alone)


def test_a_one_paragraph_text_is_never_squeezed_for_pull_quotes() -> None:
    # A short record (a title, a comment) is its own title and can repeat nothing:
    # squeezing its sentences for the pull-quote pre-checks cost more than the rest of
    # cleaning it.
    paragraph = "The senate voted on Tuesday to approve the measure, which now goes to the House."
    document = rules.Document([paragraph])
    assert rules.pull_quote(paragraph, document) is None
    assert "_squeezed_any_size" not in vars(document)


def test_ruling_a_document_out_of_pull_quotes_only_counts_its_squeezed_sentences() -> None:
    # Two thirds of the news corpus's documents repeat no sentence: ruling them out needs
    # the squeezed sentences, not the squeezed lines, document or counts the searches read.
    story = ["Title", "The council voted to rebuild the pier.", "Work starts in May and ends in June."]
    document = rules.Document(story)
    assert not may_fire(rules.pull_quote, document)
    squeezed = document.fact(pull_quotes.PullQuoteEvidence).squeezed_any_size
    assert squeezed is not None
    assert not {"lines", "document", "sentences"} & set(vars(squeezed))
    # Asked for, they are what they always were.
    assert squeezed.lines[story[1]] == "thecouncilvotedtorebuildthepier"
    assert squeezed.document == "title\nthecouncilvotedtorebuildthepier\nworkstartsinmayandendsinjune"
    assert squeezed.sentences["title"] == 1


# Text shaped like sentence ends: a word, a cluster of stops and closing marks, a gap.
SENTENCE_END_SHAPES = st.lists(
    st.tuples(
        # "\ua7cb" is a capital for the regex module and unassigned in older unicodedata;
        # "\x1c" a space for re, not for regex.
        st.sampled_from(
            ["He", "said", "Mr", "e.g", "A", "x", "1", "Σ", "“Yes", "(so", "#1", "-", "\ua7cb", "٣"]
        ),
        st.lists(st.sampled_from(list(".!?…”»)]*\"'’")), max_size=3).map("".join),
        st.sampled_from([" ", "  ", "\t", "\u00a0", "", "(", " (", "\x1c", " \x1c"]),
    ).map("".join),
    max_size=8,
).map("".join)


@given(st.lists(SENTENCE_END_SHAPES | st.text(), min_size=1, max_size=4))
def test_squeezed_sentences_are_the_normalised_sentences_without_spaces(texts: list[str]) -> None:
    # Pull quotes find repeated sentences among the document's sentences squeezed all at
    # once: the same sentences SENTENCE_END splits off, the same words, run together.
    marked = pull_quotes._squeeze_sentences(texts)
    if any("\n" in text or "\r" in text for text in texts):
        assert marked is None
        return
    assert marked is not None
    for text, line in zip(texts, marked.split("\n"), strict=True):
        sentences = text_facts.SENTENCE_END.split(text)
        assert line.split("\r") == [text_facts.normalise(s).replace(" ", "") for s in sentences]


@given(SENTENCE_END_SHAPES | st.text())
@example("He left. \ua7cbhe came.")  # a capital only the regex module knows
@example("He left.\x1c Then she came. \x1cThen.")  # a space only for re
def test_sentences_split_from_the_stop_are_the_same(text: str) -> None:
    # Glued promos split paragraphs into sentences: the fast pattern (``re``, not
    # ``regex``) starts at the full stop instead of looking behind at every position,
    # leaves its look-ahead to _starts_sentence, and skips the abbreviation check where no
    # full stop precedes the break.
    assert text_facts.sentence_spans(text) == plain_sentence_spans(text)


def plain_sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """sentence_spans as defined: every SENTENCE_BREAK not right after an ABBREVIATION."""
    spans, start = [], 0
    for m in text_facts.SENTENCE_BREAK.finditer(paragraph):
        at, end = m.span()
        if text_facts.ABBREVIATION.search(paragraph, max(start, at - 12), at):
            continue
        spans.append((start, end))
        start = end
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


@given(st.lists(st.text(alphabet="ab é", min_size=1, max_size=6), max_size=40))
def test_shortest_literals_drop_exactly_those_holding_another(literals: list[str]) -> None:
    plain = tuple(
        sorted(
            literal for literal in set(literals) if not any(o != literal and o in literal for o in literals)
        )
    )
    assert _speed.shortest_literals(literals) == plain
