"""Template markers and markup: template syntax that never rendered, and the shortcodes
and HTML tags a page's text was scraped with.

``template_marker`` drops a line made only of markers (``{{#rendered}} {{/rendered}}``);
``glued_template_marker`` cuts markers out of a sentence; ``leftover_markup`` cuts
WordPress shortcodes (``[caption …]``, ``[embed]…[/embed]``) and HTML tags, keeping the text
they wrap. Prose *about* templates or markup (a Jinja tutorial, an HTML lesson) keeps its
markers: they are examples there.
"""

from __future__ import annotations

import bisect
import re

from cleanse import _speed
from cleanse.patterns import word_alternation
from cleanse.rules.cuts import Cut, cut_and_map, merge, origin
from cleanse.rules.document import Document

# Words that show a paragraph is *about* templates (a tutorial, docs, a code review),
# so the template syntax it quotes is an example, not a rendering failure.
TEMPLATE_TALK = re.compile(rf"\b{word_alternation('template_talk')}\b", re.IGNORECASE)
# Words that show a paragraph is about code (a shell or JavaScript example with ``${name}``):
# consulted only for markers inside that same paragraph, never for the whole document,
# where a "tax code" must not shield the page's unrendered markers.
CODE_TALK = re.compile(rf"\b{word_alternation('code_talk')}\b", re.IGNORECASE)
# A template statement with its keyword ("{% if user %}"): the paragraph is template source.
TEMPLATE_STATEMENT = re.compile(rf"\{{%-?\s*{word_alternation('template_statement')}\b")

TEMPLATE_MARKER = re.compile(
    r"\{\{[#/^!>&]?\s*[^{}\n]{0,200}?\s*\}\}"  # Mustache / Handlebars / Jinja expressions
    r"|\{%-?\s*[^{}\n]{0,200}?\s*-?%\}"  # Jinja / Liquid / Django statements
    r"|\{#\s*[^{}\n]{0,200}?\s*#\}"  # Jinja comments
    r"|<%[=#-]?\s*[^<>\n]{0,200}?\s*-?%>"  # ERB / EJS / ASP
    r"|\[\[\s*[\w:.-]{1,60}\s*\]\]"  # ad slots and wiki-style placeholders
    r"|%%[A-Z][A-Z0-9_]{1,60}%%"  # %%AD_UNIT%%
    r"|\$\{\s*[\w.]{1,60}\s*\}"  # ${headline}
    r"|\[(?:summary|caption|image|embed|video|tweet|ad|related)\]"  # unfilled CMS shortcodes
    r"|#(?:related|embed|ad|video|image|gallery|pullquote)#"  # unfilled CMS placeholders: #related#
    r"|\[ ?edit ?\]"  # a wiki's edit link after a section heading: History[edit]
    # a wire service's typesetting codes, in capitals: (SET ITAL) … (END ITAL)
    r"|\((?-i:SET|END|BEGIN) (?-i:ITAL)\)"
    # wire story codes such as [L2N2CA27E]: letters and digits mixed
    r"|\[(?-i:(?=[A-Z0-9]*\d[A-Z0-9]*[A-Z])(?=[A-Z0-9]*[A-Z][A-Z0-9]*\d)[A-Z0-9]{8,12})\]",
    re.IGNORECASE,
)


def may_hold_template_marker(paragraph: str) -> bool:
    """False only when *paragraph* holds no TEMPLATE_MARKER (True when unsure)."""
    # Every TEMPLATE_MARKER alternative starts with one of these (a typesetting code ends
    # with one): a few C-speed searches rule out prose (prices, percentages and a single
    # hashtag included) before any pattern runs. Single characters first: prose usually
    # has none of "[", "{" or "%".
    if "[" in paragraph:
        return True
    if "{" in paragraph and any(opening in paragraph for opening in ("{{", "{%", "{#", "${")):
        return True
    if "#" in paragraph and paragraph.count("#") >= 2:
        return True
    if "%" in paragraph and ("<%" in paragraph or "%%" in paragraph):
        return True
    return "ITAL)" in paragraph  # a typesetting code: (SET ITAL) … (END ITAL)


@_speed.memoize
def is_template_only(paragraph: str) -> bool:
    """True when *paragraph* is nothing but template markers, spaces and punctuation.

    >>> is_template_only("{{#rendered}} {{/rendered}}")
    True
    >>> is_template_only("Hello {{ name }}, welcome!")
    False
    """
    if not may_hold_template_marker(paragraph):
        return False
    # What is left once every marker is cut has no letter or digit: read between the
    # markers, stopping at the first letter, without making that copy of the paragraph.
    end = 0
    cut = False
    for marker in TEMPLATE_MARKER.finditer(paragraph):
        if _ALNUM.search(paragraph, end, marker.start()):
            return False
        end = marker.end()
        cut = cut or marker.end() > marker.start()
    return cut and not _ALNUM.search(paragraph, end)


# A letter or a digit: what str.isalnum() is true of (a word character, not "_").
_ALNUM = re.compile(r"[^\W_]")


def template_marker(paragraph: str, document: Document) -> str | None:
    """Drop a line made only of unrendered template syntax (``{{#rendered}} {{/rendered}}``).

    In a document that talks about templates (a Jinja tutorial) such a line is a code
    example and stays.
    """
    if is_template_only(paragraph) and not document.fact(discusses_templates):
        return "unrendered template marker"
    return None


def discusses_templates(document: Document) -> bool:
    """True when some paragraph of *document* talks about templates (a tutorial, template docs)."""
    return document.anywhere(_talks_about_templates)


def _talks_about_templates(text: str) -> bool:
    """True when *text* names templates (TEMPLATE_TALK: no match holds a line break)."""
    return TEMPLATE_TALK.search(text) is not None


def may_fire(document: Document) -> bool:
    """False only when ``template_marker`` drops no paragraph of *document*.

    Every opening the test looks for in a paragraph is in the joined text too; where one
    is, the paragraphs are asked in a row (a "[" alone is in a quarter of pages).
    """
    return document.anywhere(may_hold_template_marker) and any(map(is_template_only, document.paragraphs))


def glued_template_marker(paragraph: str) -> list[Cut]:
    """Cut template markers glued to prose (``{{#rendered}}The minister said…``).

    Left alone: a paragraph that talks about templates or code (a tutorial sentence naming
    ``{{ name }}`` or Jinja's ``{# … #}``, a shell example with ``${HOME}``), and a marker
    quoted or inside backticks (a news story reporting that a page showed
    “{{ article.title }}”).

    >>> glued_template_marker("{{#rendered}}The minister said no.")
    [Cut(start=0, end=13, reason='unrendered template marker')]
    >>> glued_template_marker("In Jinja, write {{ name }} to print a variable.")
    []
    >>> glued_template_marker("The page showed “{{ article.title }}” all morning.")
    []

    A marker around a marker (``{{ {{x}} }}``) closes up once the inner one is cut; it is
    cut in the same call, so that what is left holds nothing more to cut:

    >>> glued_template_marker("Text{{ {{x}} }} here.")
    [Cut(start=4, end=15, reason='unrendered template marker')]
    """
    if not may_hold_template_marker(paragraph):
        return []  # most paragraphs: asked first, without the nesting loop around it
    cuts = _template_marker_cuts(paragraph)
    for _ in range(MAX_MARKER_NESTING if len(paragraph) <= NESTED_MARKER_SEARCH_LIMIT else 0):
        if not cuts:
            break
        rest, pieces = cut_and_map(paragraph, cuts)
        closed_up = _template_marker_cuts(rest)
        if not closed_up:
            break
        # A marker starts and ends with a bracket, never with a space a seam added, so
        # both its ends lie in pieces of the paragraph.
        cuts = merge(
            cuts + [Cut(origin(pieces, c.start), origin(pieces, c.end - 1) + 1, c.reason) for c in closed_up]
        )
    return cuts


# Markers nested deeper than this inside one another (never seen in scraped text) take
# more than one call; with the pipeline's rounds of cuts, clean() removes 54 levels at
# once. Each level is a search of the whole paragraph, so past the limit (a huge line,
# maybe of nothing but braces) a call cuts one level, the pipeline's rounds six.
MAX_MARKER_NESTING = 8
NESTED_MARKER_SEARCH_LIMIT = 10_000


def _template_marker_cuts(paragraph: str) -> list[Cut]:
    """The template markers glued_template_marker cuts, one level of nesting."""
    if not may_hold_template_marker(paragraph) or is_template_only(paragraph):
        return []
    if not TEMPLATE_MARKER.search(paragraph):
        return []  # no marker to cut: a bracket or a brace of prose (the talk searches cost more)
    if TEMPLATE_TALK.search(paragraph) or CODE_TALK.search(paragraph) or TEMPLATE_STATEMENT.search(paragraph):
        return []
    ticks = [i for i, c in enumerate(paragraph) if c == "`"] if "`" in paragraph else []
    return [
        Cut(m.start(), m.end(), "unrendered template marker")
        for m in TEMPLATE_MARKER.finditer(paragraph)
        if not _is_quoted(paragraph, m.start(), m.end()) and bisect.bisect(ticks, m.start()) % 2 == 0
    ]


def _is_quoted(paragraph: str, start: int, end: int) -> bool:
    # Look only at the few characters around the marker: this runs once per marker, and
    # slicing the whole paragraph each time would be quadratic on a huge line.
    before = paragraph[max(0, start - 8) : start].rstrip()[-1:]
    after = paragraph[end : end + 8].lstrip()[:1]
    return bool(before and after and before in "\"'“‘«`" and after in "\"'”’»`")


# A shortcode's attributes: ``id="attachment_5" align=alignleft width='300'``.
_ATTRIBUTES = r"""(?:\s+[\w-]+(?:\s*=\s*(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'|[^\s\]"']{1,100}))?){0,20}\s*/?"""
MEDIA_SHORTCODE = re.compile(
    rf"\[(?P<name>{word_alternation('media_shortcode')}){_ATTRIBUTES}\]"
    rf"(?:[^\[\n]{{0,2000}}?\[/(?P=name)\])?",
    re.IGNORECASE,
)
# Any other shortcode tag with attributes, or any closing tag: the wrapper of a caption or
# a pull quote, whose text stays. A bare "[word]" is left alone (an editor's insertion).
SHORTCODE_TAG = re.compile(
    r"\[(?:[a-z][\w-]{1,40}(?:\s+[\w-]+\s*=\s*(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'|[^\s\]\"']{1,100})){1,20}\s*/?"
    rf"|/[a-z][\w-]{{1,40}}|{word_alternation('text_shortcode')})\]"
)
HTML_TAG = re.compile(
    rf"</?(?:{word_alternation('html_tag')})(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"\n]{{0,500}}\"|'[^'\n]{{0,500}}'|[^\s>\"']{{1,200}}))?){{0,30}}\s*/?>",
    re.IGNORECASE,
)
# A paragraph about markup itself (an HTML lesson) keeps its tags as examples.
MARKUP_TALK = re.compile(
    r"\b(?:html|markup|tags?|shortcodes?|elements?|attributes?|wordpress)\b", re.IGNORECASE
)


def leftover_markup(paragraph: str) -> list[Cut]:
    """Cut markup left in the text: WordPress shortcodes and HTML tags.

    A media shortcode goes with what it wraps (an embed's URL is no sentence); any other
    shortcode or tag goes alone, and the text it wraps (a caption, a pull quote) stays.
    Left alone: a paragraph that talks about markup, and square brackets of prose ("[sic]",
    "[the mayor]").

    >>> from cleanse.rules.cuts import apply_cuts
    >>> p = '[caption id="a5" width="300"]<img src="pier.jpg" /> The old pier.[/caption]'
    >>> apply_cuts(p, leftover_markup(p))
    'The old pier.'
    >>> leftover_markup("He said [the mayor] would <b>not</b> resign, as HTML tags show.")
    []
    """
    spans = []
    if "[" in paragraph:
        spans += [m.span() for m in MEDIA_SHORTCODE.finditer(paragraph)]
        spans += [m.span() for m in SHORTCODE_TAG.finditer(paragraph)]
    if "<" in paragraph:
        spans += [m.span() for m in HTML_TAG.finditer(paragraph)]
    # The talk searches cost more than finding markup: asked only where there is some.
    if not spans or MARKUP_TALK.search(paragraph) or TEMPLATE_TALK.search(paragraph):
        return []
    return merge([Cut(start, end, "markup left in the text") for start, end in spans])
