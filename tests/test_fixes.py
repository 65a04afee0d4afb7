"""cleanse.fixes: each fix repairs one thing in one paragraph and leaves typography alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cleanse import Step, fixes

Fix = Callable[[str], str]


UNDEFINED_IN_CP1252 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def moj(text: str) -> str:
    """*text* as a scraper mangles it: UTF-8 bytes read as windows-1252 (the five bytes
    the code page leaves undefined become C1 controls, as browsers do)."""
    data = text.encode("utf-8")
    return "".join(chr(b) if b in UNDEFINED_IN_CP1252 else bytes([b]).decode("windows-1252") for b in data)


# --- unescape_html_entities --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named, decimal and hexadecimal entities
        ("Fish &amp; chips", "Fish & chips"),
        ("don&#8217;t", "don’t"),
        ("don&#x2019;t", "don’t"),
        ("Caf&eacute; &ndash; &ldquo;open&rdquo;", "Café – “open”"),
        ("&lt;b&gt; is bold", "<b> is bold"),
        ("a&nbsp;b", "a\u00a0b"),
        # escaped twice or three times: decoded until nothing is left
        ("Fish &amp;amp; chips", "Fish & chips"),
        ("&amp;amp;#8217;", "’"),
        # astral characters by number
        ("&#x1F600;", "😀"),
    ],
)
def test_unescape_html_entities_decodes(text: str, expected: str) -> None:
    assert fixes.unescape_html_entities(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # ampersands that are not entities
        "AT&T and R&D",
        "Tom & Jerry",
        "?a=1&copy=2",  # no semicolon: not an entity
        "&unknownentity;",
        "&;",
        # entities that would make a control character or a line break stay escaped
        "line&#10;break",
        "bell&#7;",
        "null&#0;",
        "&#xD800;",  # a surrogate by number
        "&#99999999;",  # no such code point
        "",
    ],
)
def test_unescape_html_entities_leaves_alone(text: str) -> None:
    assert fixes.unescape_html_entities(text) == text


# --- fix_mojibake --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # UTF-8 read as windows-1252, the commonest kind
        (moj("don’t"), "don’t"),
        (moj("“quoted”"), "“quoted”"),
        (moj("café in Zürich"), "café in Zürich"),
        (moj("5 €"), "5 €"),
        (moj("the plan — revised"), "the plan — revised"),
        # UTF-8 read as Latin-1: C1 controls are windows-1252 in disguise
        ("caf\u00c3\u00a9", "café"),
        # mis-decoded twice
        (moj(moj("naïve")), "naïve"),
    ],
)
def test_fix_mojibake_repairs(text: str, expected: str) -> None:
    assert fixes.fix_mojibake(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # typography ftfy's full fix_text would change: curly quotes, ligatures, width
        "“curly” and ‘single’ quotes stay curly",
        "the ﬁnal ﬁgure",
        "full-width ＡＢＣ",
        "e\u0301 (decomposed: normalising is another fix's job)",
        # real text in scripts that use the bytes mojibake is made of
        "Très bien, à bientôt",
        "Ελληνικά και русский",
        "日本語の文章",
        "العربية",
        # plain ASCII holds no mojibake
        "plain ASCII text",
        "",
    ],
)
def test_fix_mojibake_leaves_alone(text: str) -> None:
    assert fixes.fix_mojibake(text) == text


# --- remove_invisible_chars ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # zero-width space, word joiner, BOM, soft hyphen
        ("zero\u200bwidth", "zerowidth"),
        ("word\u2060joiner", "wordjoiner"),
        ("\ufeffbyte order mark", "byte order mark"),
        ("soft\u00adhyphen", "softhyphen"),
        # C0 and C1 controls and DEL
        ("bell\x07 null\x00 escape\x1b del\x7f", "bell null escape del"),
        ("c1\x80\x9f", "c1"),
        # terminal colours
        ("\x1b[31mred\x1b[0m text", "red text"),
        # tabs and stray breaks inside a paragraph are spaces
        ("a\tb", "a b"),
        ("a\x0bb\x0cc", "a b c"),
        ("a\u2028b", "a b"),
        # a lone surrogate cannot be written as UTF-8: it becomes U+FFFD
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ],
)
def test_remove_invisible_chars_removes(text: str, expected: str) -> None:
    assert fixes.remove_invisible_chars(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # joiners: emoji sequences, Persian and Indic shaping
        "👩\u200d💻 👨\u200d👩\u200d👧",
        "می\u200cخواهم",
        "क्\u200dष",
        # bidirectional marks in right-to-left text
        "\u200fשלום\u200f",
        "abc \u200e123",
        # visible characters that look unusual
        "non\u00a0breaking space",  # collapsing spaces is another fix's job
        "ideographic\u3000space",
        "",
        "plain",
    ],
)
def test_remove_invisible_chars_leaves_alone(text: str) -> None:
    assert fixes.remove_invisible_chars(text) == text


# --- normalize_unicode ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("e\u0301", "é"),
        ("A\u030a", "Å"),
        ("\u1100\u1161", "가"),  # Hangul jamo compose
        ("\u212b", "Å"),  # the Ångström sign is canonically Å
    ],
)
def test_normalize_unicode_composes(text: str, expected: str) -> None:
    assert fixes.normalize_unicode(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # NFC, not NFKC: compatibility characters are the author's typography
        "ﬁ ligature",
        "ＡＢＣ full width",
        "x² superscript",
        "½ fraction",
        "™ sign",
        "already composed é",
        "",
    ],
)
def test_normalize_unicode_keeps_compatibility_characters(text: str) -> None:
    assert fixes.normalize_unicode(text) == text


# --- collapse_spaces -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("too   many    spaces", "too many spaces"),
        ("  padded  ", "padded"),
        ("tab\tinside", "tab inside"),
        ("nbsp\u00a0\u00a0run", "nbsp run"),
        ("single\u00a0nbsp", "single nbsp"),
        ("em\u2003space and thin\u2009space", "em space and thin space"),
        (" \u00a0 ", ""),
    ],
)
def test_collapse_spaces_collapses(text: str, expected: str) -> None:
    assert fixes.collapse_spaces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "one space each",
        "東京\u3000大阪",  # the ideographic space is CJK typography
        "",
    ],
)
def test_collapse_spaces_leaves_alone(text: str) -> None:
    assert fixes.collapse_spaces(text) == text


# --- every fix -----------------------------------------------------------------------------

ALL_FIXES = [
    fixes.unescape_html_entities,
    fixes.fix_mojibake,
    fixes.remove_invisible_chars,
    fixes.normalize_unicode,
    fixes.collapse_spaces,
]
SAMPLES = [
    "",
    "plain",
    "&amp;amp; " + moj("don’t") + " e\u0301 \u200b\t  x ",
    "\ud800\x00\x1b[1m",
    "👩\u200d💻 می\u200cخواهم",
]


@pytest.mark.parametrize("fix", ALL_FIXES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("text", SAMPLES)
def test_every_fix_is_idempotent_on_samples(fix: Fix, text: str) -> None:
    once = fix(text)
    assert fix(once) == once


@pytest.mark.parametrize("fix", ALL_FIXES, ids=lambda f: f.__name__)
def test_every_fix_is_documented(fix: Fix) -> None:
    doc = Step.fix(fix.__name__, fix).documentation
    assert doc.strip(), "each fix says what it does and why"
    assert ">>>" in doc, "each fix shows an example as a doctest"
