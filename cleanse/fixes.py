"""Fixes: ``str -> str`` functions that repair one paragraph, one concern each.

Every fix is pure and idempotent (applying it twice changes nothing more), and leaves
typography alone: curly quotes, dashes, ellipses, full-width and CJK characters, and the
joiners (ZWJ, ZWNJ) that emoji and Persian or Indic scripts need all pass through.
Each fix takes one paragraph (a line), never a whole document, so it cannot create or
remove a paragraph boundary.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from cleanse import _speed

if TYPE_CHECKING:
    import ftfy


@functools.cache
def _mojibake_only() -> ftfy.TextFixerConfig:
    """ftfy's encoding repair and nothing else: its quote-uncurling, ligature and width fixes
    would change typography that the article's author chose. (ftfy is imported on first
    need: ASCII text never needs it, and `echo x | cleanse` should not pay for it.)"""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


# ftfy can need a second pass on text that was mis-decoded twice; past this many passes
# the text is not mojibake any more but something ftfy keeps reinterpreting.
MAX_MOJIBAKE_PASSES = 4


@functools.cache
def _mojibake_suspect() -> Callable[[str], bool]:
    """Return a test that is True for every text ftfy's encoding repair would change.

    ftfy's repair changes only text that its badness pattern flags as mojibake, that holds
    C1 controls (which the pattern flags too) or that holds UTF-16 surrogates. This test,
    read from that same pattern (on first use, to keep ``import cleanse`` quick), costs a
    fraction of ftfy's own check; other text (curly quotes, accented names, CJK) is
    returned at once.
    """
    import ftfy.badness

    surrogates = "".join(map(chr, range(0xD800, 0xE000)))
    return _speed.could_search(ftfy.badness.BADNESS_RE, surrogates)


HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")

ANSI_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
# Invisible characters that carry no meaning in plain text: C0/C1 controls, DEL, zero-width
# space, word joiner, BOM, soft hyphen, Mongolian vowel separator, invisible operators and
# interlinear annotation marks. ZWJ/ZWNJ (U+200C/D) and bidi marks are deliberately absent.
INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u180e\u200b\u2060-\u2064\ufeff\ufff9-\ufffb]"
)
# Characters that break a line or tab: inside one paragraph they can only mean a space.
SPACE_LIKE_BREAKS = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029]")
# Written as an escape for ``re`` to read (a raw string): a lone surrogate in the source
# itself would make the module's text unencodable.
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
HORIZONTAL_SPACE_RUN = re.compile(
    "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f]"
)


def unescape_html_entities(text: str) -> str:
    """Decode HTML entities left in plain text (``&amp;``, ``&#8217;``, ``&eacute;``).

    Scrapers that strip tags often forget to decode entities, and some escape twice
    (``&amp;amp;``), so decoding repeats until nothing is left to decode. Only complete
    entities, with their semicolon, are decoded, so ``AT&T`` and ``?a=1&copy=2`` stay.
    An entity that stands for a control character or a line break (``&#10;``) is left
    as it is: decoding it would make invisible junk or split a paragraph.

    >>> unescape_html_entities("Fish &amp;amp; chips &#8211; don&#8217;t")
    'Fish & chips – don’t'
    >>> unescape_html_entities("AT&T and R&D")
    'AT&T and R&D'
    """
    if "&" not in text:
        return text
    while True:
        decoded = HTML_ENTITY.sub(_decode_entity, text)
        if decoded == text:
            return text
        text = decoded


def _decode_entity(match: re.Match[str]) -> str:
    entity = match.group()
    char = html.unescape(entity)
    if not char or char == entity or any(unicodedata.category(c) in ("Cc", "Zl", "Zp", "Cs") for c in char):
        return entity
    if entity.startswith("&#") and char == "\ufffd":
        return entity  # a number that is no character: decoding would only lose it
    return char


def fix_mojibake(text: str) -> str:
    """Repair text that was decoded with the wrong encoding (``donâ€™t`` becomes ``don’t``).

    This is ftfy's encoding repair alone (``fix_encoding``, C1 controls read as
    windows-1252, UTF-16 surrogate pairs joined). ftfy's other changes are left out
    on purpose: it would straighten curly quotes, split ligatures and narrow full-width
    characters. Pure ASCII cannot hold mojibake and is returned at once.

    >>> fix_mojibake("donâ€™t")
    'don’t'
    >>> fix_mojibake("“curly” stays curly")
    '“curly” stays curly'

    A paragraph longer than LONG_PARAGRAPH (a whole page scraped onto one line) is repaired
    sentence by sentence, and only its sentences that may hold mojibake are: ftfy reads
    the whole of the text it is given at every pass, so the cost stays in proportion to
    the text at any length.
    """
    if not _may_hold_mojibake(text):
        return text
    if len(text) > LONG_PARAGRAPH:
        pieces = SENTENCE_GAP.split(text)
        if len(pieces) > 1:
            return "".join(piece if i % 2 else _fix_mojibake_whole(piece) for i, piece in enumerate(pieces))
    return _fix_mojibake_whole(text)


# Past this length a paragraph is repaired sentence by sentence (see fix_mojibake).
LONG_PARAGRAPH = 5_000
# Where one sentence ends and the next begins, kept as a piece of its own when splitting.
SENTENCE_GAP = re.compile(r"(?<=[.!?…])(\s+)")


def _fix_mojibake_whole(text: str) -> str:
    """ftfy's encoding repair of *text* as one piece, until it stops changing."""
    if not _may_hold_mojibake(text):
        return text
    import ftfy

    config = _mojibake_only()
    for _ in range(MAX_MOJIBAKE_PASSES):
        fixed: str = ftfy.fix_text(text, config)
        if fixed == text or not _may_hold_mojibake(fixed):
            # Repaired text the pre-check clears needs no further pass: one more call
            # would only return it as it is (a third of ftfy's calls on the news corpus).
            return fixed
        text = fixed
    return text


def _may_hold_mojibake(text: str) -> bool:
    """False only when ftfy's encoding repair would leave *text* as it is (see _mojibake_suspect)."""
    if text.isascii():
        return False
    return _mojibake_suspect()(text)


def remove_invisible_chars(text: str) -> str:
    """Delete invisible junk: controls, zero-width spaces, BOMs, soft hyphens, ANSI colours.

    Tabs and stray line breaks inside a paragraph become spaces, and a lone UTF-16
    surrogate (which cannot be written as UTF-8) becomes U+FFFD so the text stays
    encodable. Left alone: ZWJ and ZWNJ, which join emoji sequences and shape Persian
    and Indic words, and the bidirectional marks of right-to-left text.

    >>> remove_invisible_chars("zero\\u200bwidth\\u00adsoft\\x07bell\\tend")
    'zerowidthsoftbell end'
    >>> remove_invisible_chars("\\U0001F469\\u200d\\U0001F4BB") == "\\U0001F469\\u200d\\U0001F4BB"
    True
    """
    if text.isprintable():
        return text  # every character removed or replaced here is unprintable (Cc, Cf, Zl, Zp, Cs)
    text = ANSI_ESCAPE.sub("", text)
    text = INVISIBLE.sub("", text)
    text = SPACE_LIKE_BREAKS.sub(" ", text)
    return LONE_SURROGATE.sub("\ufffd", text)


def normalize_unicode(text: str) -> str:
    """Compose characters to NFC, so equal-looking text compares and searches equal.

    NFC, not NFKC: compatibility forms such as full-width letters, superscripts and
    ligatures are the author's typography and stay.

    >>> normalize_unicode("e\\u0301") == "\\u00e9"
    True
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """Collapse runs of spaces, tabs and no-break spaces into one space; strip both ends.

    Scraped markup leaves indentation, doubled spaces and ``&nbsp;`` padding behind.
    The ideographic space (U+3000) inside CJK text is typography and stays.

    >>> collapse_spaces("  too \\u00a0 many   spaces ")
    'too many spaces'
    """
    if "  " not in text and text.isprintable():
        # Printable text holds no tab or no-break space (they are unprintable), so only
        # two plain spaces in a row could need collapsing.
        return text.strip()
    return HORIZONTAL_SPACE_RUN.sub(" ", text).strip()


def tidy_code_line(line: str) -> str:
    """Keep a line of code as written, but for what no text may hold: invisible characters,
    terminal colours and lone surrogates go, tabs become spaces (four to a stop), the line
    is composed to NFC and its end trimmed. Its indentation stays.

    >>> tidy_code_line("\\tprint(x)\\u200b  ")
    '    print(x)'
    """
    line = LONE_SURROGATE.sub("\ufffd", INVISIBLE.sub("", ANSI_ESCAPE.sub("", line.expandtabs(4))))
    return normalize_unicode(line).rstrip()


def only_strip_can_change(text: str) -> bool:
    """True when no fix here could change *text* except by stripping its ends.

    Plain ASCII prose, the most common paragraph, holds no entity (no "&"), cannot be
    mojibake, holds no invisible character (printable), is NFC, and has no run of spaces
    to collapse: the fixes would only strip it. So does prose whose only other characters
    are curly quotes, dashes and the like that cannot make up mojibake, once it is NFC.
    A fast path: the pipeline then skips the fixes.
    """
    if "&" in text or "  " in text:
        return False
    if text.isascii():
        return text.isprintable()
    try:
        # What is left once printable ASCII is deleted: control characters and the rest.
        rest = text.encode().translate(None, _PRINTABLE_ASCII).decode()
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return _inert_typography().issuperset(rest)


_PRINTABLE_ASCII = bytes(c for c in range(128) if chr(c).isprintable())


@functools.cache
def _inert_typography() -> frozenset[str]:
    """Typography that, with ASCII, no fix here changes: printable (so no space to
    collapse either), unable to make up mojibake (read from ftfy's badness pattern), and
    NFC in any sequence (no canonical decomposition, no combining class, no pair that
    composes)."""
    import ftfy.badness

    chars = {
        c
        for c in _speed.safe_typography(ftfy.badness.BADNESS_RE)
        if c.isprintable() and unicodedata.normalize("NFD", c) == c and not unicodedata.combining(c)
    }
    neighbours = chars | {chr(i) for i in range(128)}
    return frozenset(
        c
        for c in chars
        if all(unicodedata.is_normalized("NFC", pair) for n in neighbours for pair in (n + c, c + n))
    )
