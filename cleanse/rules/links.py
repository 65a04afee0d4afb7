"""Lists of links to other stories: a header ("READ MORE:", "Related") and the short
headline lines under it, up to the first paragraph of prose.
"""

from __future__ import annotations

import functools
import itertools
import re

from cleanse import _re_internals
from cleanse.patterns import word_alternation
from cleanse.rules.document import Document
from cleanse.rules.text import bullet


def _close_link_run(items: set[str], run: list[str], header: str | None) -> None:
    """Add a finished run of link-list lines, and its header, to *items*."""
    # One line ending in a full stop after a header is a sentence, not a list.
    if run and not (len(run) == 1 and run[0].endswith(".")):
        items.update(run)
        if header is not None:
            items.add(header)


# The headers themselves are a word list (cleanse/patterns/words/link_header.txt).
LINK_HEADER_WORDS = word_alternation("link_header")
LINK_HEADER = re.compile(rf"[(\[\s]*{LINK_HEADER_WORDS}[\s:.…)\]]*", re.IGNORECASE)
# All the characters LINK_HEADER's leading brackets and trailing punctuation can hold
# (every character ``\s`` matches among them).
LINK_HEADER_EDGES = (
    "([:.…)]\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
LINK_MAX_WORDS = 25
# A list item ending in a full stop is a teaser at most this long; longer, it is prose.
LINK_MAX_SENTENCE_WORDS = 18
# "…,” the senator said." is a sentence of the article, not a link's headline.
REPORTED_SPEECH = re.compile(
    r"[,.?!…][\"”’']\s+(?:\w+\W+){0,6}?(?:said|says|told|wrote|added|asked)\b", re.IGNORECASE
)


def is_link_header(paragraph: str) -> bool:
    """True for a header that introduces links to other stories ("READ MORE:", "Related").

    >>> is_link_header("MORE FROM THE POLITICAL TICKER:")
    True
    >>> is_link_header("Read more about the plan below.")
    False
    """
    # A paragraph of prose is too long to be a header, edges and all.
    longest = _longest_header()
    if len(paragraph) > longest and len(paragraph.strip(LINK_HEADER_EDGES)) > longest:
        return False
    return LINK_HEADER.fullmatch(paragraph) is not None


@functools.cache
def _longest_header() -> int:
    """The most characters a header can have between its edges, read from the word list."""
    return _re_internals.max_width(re.compile(LINK_HEADER_WORDS, re.IGNORECASE))


def is_link_shaped(paragraph: str) -> bool:
    """True for a short line that could be a link's headline: no more than 25 words (18 when
    it ends in a full stop, as a sentence of the article does), not a heading of its own
    (final colon), not reported speech."""
    words = len(paragraph.split())
    return (
        words <= (LINK_MAX_SENTENCE_WORDS if paragraph.endswith(".") else LINK_MAX_WORDS)
        and not paragraph.endswith(":")
        and not REPORTED_SPEECH.search(paragraph)
    )


def _list_style(paragraph: str) -> tuple[str, bool] | None:
    """The look every item of one list shares: its bullet, and whether it ends in a full stop.

    A question or exclamation fits either kind of list, so it sets no style.
    """
    if paragraph.endswith(("?", "!")):
        return None
    return bullet(paragraph), paragraph.endswith(".")


def _fits_style(style: tuple[str, bool] | None, paragraph: str) -> bool:
    own = _list_style(paragraph)
    if style is None or own is None:
        return style is None or style[0] == bullet(paragraph)
    return own == style


def link_list(paragraph: str, document: Document) -> str | None:
    """Drop a list of links to other stories: the header ("READ MORE:", "Other developments:")
    and the short headline lines under it, up to the first paragraph of prose.

    >>> doc = Document(["Text of the story.", "Related", "Senate passes budget", "Mayor resigns"])
    >>> link_list("Mayor resigns", doc)
    'list of links to other stories'
    >>> link_list("Text of the story.", doc) is None
    True
    """
    if paragraph in document.as_first_seen.fact(link_items):
        return "list of links to other stories"
    return None


def link_items(document: Document) -> frozenset[str]:
    """Paragraphs that form a list of links under a header such as "READ MORE:".

    The run starts after a header (kept or already dropped) and takes every short,
    headline-like paragraph until the first paragraph of prose; dropped lines inside
    the run (an "Advertisement") do not end it. Later rounds of context rules ask the
    page as it first came in (:attr:`Document.as_first_seen`): once a list's items are
    gone, the lines after it would look like its continuation.
    """
    if not any(map(is_link_header, itertools.chain(document.paragraphs, document.dropped))):
        return frozenset()  # no header, no list: most pages, answered before any sorting
    if document.positions and len(document.positions) == len(document.paragraphs):
        kept = list(zip(document.positions, document.paragraphs, strict=True))
    else:
        kept = list(enumerate(document.paragraphs))
    events = sorted(
        [(pos, False, p) for pos, p in kept]
        + [(pos, True, p) for pos, p in zip(document.dropped_positions, document.dropped, strict=False)]
    )
    items: set[str] = set()
    header: str | None = None
    run: list[str] = []
    in_list = False
    style: tuple[str, bool] | None = None  # the first item's bullet and final stop set the list's style

    for _, was_dropped, paragraph in events:
        if is_link_header(paragraph):
            _close_link_run(items, run, header)
            header, run, style = (None if was_dropped else paragraph), [], None
            in_list = True
        elif was_dropped:
            continue
        elif in_list and is_link_shaped(paragraph) and _fits_style(style, paragraph):
            style = style or _list_style(paragraph)
            run.append(paragraph)
        else:
            _close_link_run(items, run, header)
            header, run, in_list = None, [], False
    _close_link_run(items, run, header)
    return frozenset(items)


def may_fire(document: Document) -> bool:
    """False only when ``link_list`` drops no paragraph of *document*: no list was found."""
    return bool(document.as_first_seen.fact(link_items))


def needs_fresh_look(document: Document) -> bool:
    """True when a link header stays on the page (protected, or heading no list) while a
    list was found: a second clean would find the lines that followed the list right under
    the header, and might take them for a list, so the pipeline looks again as it would."""
    return bool(document.as_first_seen.fact(link_items)) and any(map(is_link_header, document.paragraphs))
