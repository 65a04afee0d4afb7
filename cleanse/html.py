"""HTML in: decode a page, prune its furniture, extract the article, clean it.

:func:`clean_html` is :func:`cleanse.clean` for a web page. It

1. decodes the bytes by the charset the page declares (byte-order mark, XML declaration,
   ``<meta charset>``), falling back to detection when the declaration is missing or
   wrong, as it often is (:func:`decode_html`);
2. removes the elements the prune steps name (``hidden_element``, ``promo_block``; see
   :mod:`cleanse.rules.furniture`), never the page's ``body``, ``main`` or ``article``,
   nor an element holding most of its words;
3. extracts the article with trafilatura (the ``extract_article`` step), and puts the
   page's title first when the text does not already start with it;
4. cleans the text with the same pipeline as :func:`cleanse.clean`, under the same config.

A page with nothing worth keeping (empty, binary, not HTML, too large, no article)
gives "", and :func:`clean_html_and_explain` says why; no input makes it raise, apart
from a missing trafilatura (:class:`~cleanse.errors.MissingExtraError`). trafilatura and
lxml are imported on first use, never by ``import cleanse``.
"""

from __future__ import annotations

import codecs
import functools
import logging
import re
from typing import Any

from cleanse.config import DEFAULT_CONFIG, Config
from cleanse.errors import MissingExtraError
from cleanse.pipeline import PARAGRAPH_FORM, Change, clean, clean_and_explain
from cleanse.registry import PruneStep
from cleanse.rules.furniture import Element, element_names

__all__ = [
    "MAX_PAGE_BYTES",
    "clean_html",
    "clean_html_and_explain",
    "decode_html",
    "extract_html",
    "require_trafilatura",
]

# trafilatura refuses larger pages too; a page this size is a dump, not an article.
MAX_PAGE_BYTES = 20_000_000

# The step that explains what became of the page as a whole.
EXTRACT_STEP = "extract_article"

# Elements a prune rule may never remove: the page and the article's own containers.
_PROTECTED_TAGS = frozenset({"html", "body", "main", "article"})

# An element holding more than this share of the page's words is the article, whatever
# its names or style say (a story shown by a script starts hidden).
_MAX_PRUNED_SHARE = 0.5

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels browsers read as another encoding (the WHATWG Encoding Standard): a page that
# says latin-1 is windows-1252, and so is one that says ascii.
_BROWSER_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252"}

_LATIN_NEIGHBOURS = frozenset(
    {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_15", "mac_roman", "cp850"}
)

_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»]\s+|\s+::\s+")
_SPACES = re.compile(r"\s+")
# A page has tags; text without one is not HTML, whatever it was sent as.
_TAG = re.compile(r"<[A-Za-z!/?]")

# Block elements, for the whole-page text when extract_article is off.
_BLOCK_TAGS = (
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "header", "footer", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption",
)  # fmt: skip


def _byte_order_mark(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _declared_encoding(data: bytes) -> str | None:
    """The encoding a page declares, by BOM, XML declaration or meta tag, if Python knows it."""
    marked = _byte_order_mark(data)
    if marked:
        return marked
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return None if not found else _known_encoding(found.group(1))


def _known_encoding(label: bytes | str) -> str | None:
    """Python's name for the encoding *label* names, as a browser reads it; None if unknown."""
    try:
        name = codecs.lookup(label.decode("ascii") if isinstance(label, bytes) else label).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _BROWSER_ALIASES.get(name, name)


_CHARSET_PARAMETER = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def charset_of(content_type: str) -> str | None:
    """The encoding an HTTP ``Content-Type`` names, or None (no charset, or an unknown one).

    >>> charset_of("text/html; charset=ISO-8859-7"), charset_of("text/html; charset=x-made-up")
    ('iso8859-7', None)
    """
    found = _CHARSET_PARAMETER.search(content_type)
    return None if not found else _known_encoding(found.group(1))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detected_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    best = from_bytes(data[:65536]).best()
    return None if best is None else str(best.encoding)


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Return the page *data* as text, and the encoding it was read in.

    As a browser reads a page: a byte-order mark first, then *charset*, what the
    transport said (an HTTP ``Content-Type``'s charset, see :func:`charset_of`; passed
    over for bytes that are valid UTF-8 beyond ASCII), then the page's own declaration.
    When the page is not valid in what was said (a page declared UTF-8 but saved as
    windows-1252 is common) or nothing was said, UTF-8 is tried, then detection, then
    windows-1252, which decodes any bytes. Never raises.

    >>> decode_html('<meta charset="windows-1252"><p>café'.encode("cp1252"))
    ('<meta charset="windows-1252"><p>café', 'cp1252')
    >>> decode_html('<meta charset="utf-8"><p>café'.encode("cp1252"))[0]
    '<meta charset="utf-8"><p>café'
    >>> decode_html("<p>Καλημέρα</p>".encode("iso8859_7"), charset="iso-8859-7")
    ('<p>Καλημέρα</p>', 'iso8859-7')
    """
    transport = _known_encoding(charset) if charset else None
    if transport and transport != "utf-8" and not data.isascii() and _is_utf8(data):
        # Servers send a default charset (ISO-8859-1) with pages saved in UTF-8: text that
        # is valid UTF-8 beyond ASCII is next to never meant as anything else.
        transport = None
    said = [_byte_order_mark(data), transport, _declared_encoding(data)]
    candidates = list(dict.fromkeys(name for name in said if name))
    if "utf-8" not in candidates:
        candidates.append("utf-8")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text.removeprefix("\ufeff"), encoding
    detected = _detected_encoding(data)
    # Detection cannot tell the Latin code pages apart on a page of mostly ASCII; a page
    # that fails as UTF-8 is windows-1252 far more often than any of its neighbours.
    if detected in _LATIN_NEIGHBOURS:
        detected = "cp1252"
    if detected and detected not in candidates:
        try:
            return data.decode(detected).removeprefix("\ufeff"), detected
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def _unusable(text: str) -> str | None:
    """Why *text* cannot be a page (empty, binary, too large), or None."""
    if not text.strip():
        return "empty page"
    if "\x00" in text[:65536]:
        return "binary data, not a page (NUL characters)"
    if len(text) > MAX_PAGE_BYTES:
        return f"page too large ({len(text):,} characters; the limit is {MAX_PAGE_BYTES:,})"
    if not _TAG.search(text):
        return "not HTML: no markup in it"
    return None


@functools.cache
def _trafilatura() -> Any:
    """trafilatura, imported on first use, with its log kept out of the user's stderr."""
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingExtraError(
            f"HTML input needs trafilatura ({exc}); install it with: pip install 'cleanse-corpus[html]'"
        ) from None
    # A library logs for the application that configures logging; without a handler of
    # its own, Python would print trafilatura's warnings about bad pages on stderr.
    logger = logging.getLogger("trafilatura")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    logger.propagate = False
    return trafilatura


def require_trafilatura() -> None:
    """Raise :class:`~cleanse.errors.MissingExtraError` unless trafilatura can be imported."""
    _trafilatura()


class _HtmlPlan:
    """The prune steps a Config switches on, and whether extraction runs (once per Config)."""

    def __init__(self, config: Config) -> None:
        self.prunes = [s for s in config.all_steps if isinstance(s, PruneStep) and config.is_enabled(s.name)]
        self.extract = config.is_enabled(EXTRACT_STEP)


def _html_plan(config: Config) -> _HtmlPlan:
    plan: _HtmlPlan | None = config._derived.get("html_plan")
    if plan is None:
        plan = config._derived["html_plan"] = _HtmlPlan(config)
    return plan


def _words(element: Any) -> int:
    return len(" ".join(element.itertext()).split())


def _label(element: Any) -> str:
    attributes = "".join(
        f' {name}="{element.get(name)[:40]}"' for name in ("class", "id") if element.get(name)
    )
    return f"<{element.tag}{attributes}>"


def _element(element: Any) -> Element:
    return Element(
        element.tag,
        element_names(element.get("class") or "", element.get("id") or ""),
        element.get("style") or "",
        element.get("hidden") is not None,
        _label(element),
    )


def _prune(tree: Any, steps: list[PruneStep], changes: list[Change] | None) -> None:
    """Remove the elements *steps* name from *tree*, recording each removal in *changes*."""
    body = tree.find(".//body")
    root = tree if body is None else body
    page_words: int | None = None
    doomed: list[tuple[Any, PruneStep, str]] = []
    removed: set[Any] = set()
    for node in root.xpath(".//*[@class or @id or @style or @hidden]"):
        if not isinstance(node.tag, str) or node.tag in _PROTECTED_TAGS:
            continue
        described = _element(node)
        for step in steps:
            reason = step.function(described)
            if not reason:
                continue
            if any(ancestor in removed for ancestor in node.iterancestors()):
                break  # already going with an ancestor
            if page_words is None:
                page_words = _words(root)
            if _words(node) > _MAX_PRUNED_SHARE * page_words:
                break  # most of the page: the article, whatever it is called
            removed.add(node)
            doomed.append((node, step, reason))
            break
    for node, step, reason in doomed:
        if changes is not None:
            text = _SPACES.sub(" ", " ".join(node.itertext())).strip()
            changes.append(Change(step.name, "pruned", 0, text, "", f"{reason}: {_label(node)}"))
        node.drop_tree()  # its tail, text of the parent, stays


def _meta(tree: Any, attribute: str, value: str) -> str:
    found = tree.xpath(f'//meta[@{attribute}="{value}"]/@content')
    return str(found[0]) if found else ""


def _page_title(tree: Any) -> str:
    """The page's title: og:title, else its first h1, else <title> without the site's name."""
    title = _meta(tree, "property", "og:title")
    site = _meta(tree, "property", "og:site_name").strip().casefold()
    if not title:
        heading = tree.find(".//h1")
        title = heading.text_content() if heading is not None else ""
    if not title:
        title = tree.findtext(".//title") or ""
    title = _SPACES.sub(" ", title).strip()
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) > 1:
        # "Story | Site": the site's name is the part equal to og:site_name, else the
        # shorter of the two ends.
        kept = [p for p in parts if p.casefold() != site]
        if len(kept) == len(parts) and len(parts) == 2:
            kept = [max(parts, key=len)]
        if len(kept) == 1:
            title = kept[0]
    return title if len(title) <= 300 else ""


def _with_title(text: str, title: str) -> str:
    """*text* with *title* as its first line, unless one of its first lines is the title."""
    if not title:
        return text
    wanted = title.casefold()
    for line in text.split("\n", 3)[:3]:
        if _SPACES.sub(" ", line).strip().casefold() == wanted:
            return text
    return f"{title}\n{text}" if text else ""


def _page_text(tree: Any) -> str:
    """All the text of the page, a block a line (what is left with extract_article off)."""
    for node in tree.xpath("//script|//style|//noscript|//template|//head"):
        node.drop_tree()
    for node in tree.iter(*_BLOCK_TAGS):
        node.tail = "\n" + (node.tail or "")
        node.text = "\n" + (node.text or "")
    return "\n".join(line for line in tree.text_content().split("\n") if line.strip())


def _extract(
    html: str | bytes,
    url: str | None,
    config: Config,
    changes: list[Change] | None,
    title: bool,
    charset: str | None = None,
) -> str:
    """The article of the page *html* as text, a paragraph a line, recording why when it is ""."""

    def give_up(reason: str) -> str:
        if changes is not None:
            changes.append(Change(EXTRACT_STEP, "dropped", 0, "", "", reason))
        return ""

    if isinstance(html, (bytes, bytearray)):
        if len(html) > MAX_PAGE_BYTES:
            return give_up(f"page too large ({len(html):,} bytes; the limit is {MAX_PAGE_BYTES:,})")
        text, _ = decode_html(bytes(html), charset)
    elif isinstance(html, str):
        text = html
    else:
        raise TypeError(f"cleanse.clean_html() takes str or bytes, not {type(html).__name__}")
    problem = _unusable(text)
    if problem:
        return give_up(problem)
    trafilatura = _trafilatura()
    from trafilatura.utils import load_html

    try:
        tree = load_html(text)
    except Exception:  # lxml refuses some inputs outright; they are not pages
        tree = None
    if tree is None:
        return give_up("not HTML: no page could be parsed")
    plan = _html_plan(config)
    if plan.prunes:
        _prune(tree, plan.prunes, changes)
    heading = _page_title(tree) if title else ""
    if plan.extract:
        extracted = trafilatura.extract(tree, url=url, include_comments=False) or ""
    else:
        extracted = _page_text(tree)
    if not extracted.strip():
        return give_up("no article text found in the page")
    return _with_title(extracted, heading)


def extract_html(
    html: str | bytes,
    url: str | None = None,
    config: Config | None = None,
    *,
    title: bool = True,
    charset: str | None = None,
) -> str:
    """Return the article of the page *html* as text, a paragraph a line, without cleaning it.

    Bytes are decoded as :func:`decode_html` says, *charset* being what the transport said
    (an HTTP ``Content-Type``'s charset). *url* helps trafilatura on some sites.
    *config* chooses the prune steps and ``extract_article``; nothing else of it applies.
    The page's title (og:title, its first ``h1`` or ``<title>``) comes first unless
    *title* is false or one of the text's first three lines already is the title.
    """
    return _extract(html, url, config or DEFAULT_CONFIG, None, title, charset)


def clean_html(
    html: str | bytes,
    url: str | None = None,
    config: Config | None = None,
    *,
    title: bool = True,
    charset: str | None = None,
) -> str:
    """Return the article of the page *html* as clean paragraphs, as :func:`cleanse.clean` gives them.

    "" when the page has nothing worth keeping. ``clean(clean_html(x)) == clean_html(x)``.

    >>> clean_html("<html><head><title>Rain due</title></head><body><article>"
    ...            "<p>Rain is expected all week across the north, the forecasters said on Monday.</p>"
    ...            "<div class='promo'>Subscribe for one euro</div></article></body></html>")
    'Rain due\\n\\nRain is expected all week across the north, the forecasters said on Monday.\\n'
    """
    config = config or DEFAULT_CONFIG
    return clean(_extract(html, url, config, None, title, charset), config)


def clean_html_and_explain(
    html: str | bytes,
    url: str | None = None,
    config: Config | None = None,
    *,
    title: bool = True,
    charset: str | None = None,
) -> tuple[str, list[Change]]:
    """Return ``clean_html(html)`` and every :class:`~cleanse.Change` made on the way.

    First the elements pruned from the page (action ``pruned``), or why the page gave no
    text (step ``extract_article``), then the changes of :func:`cleanse.clean_and_explain`
    to the extracted text, whose paragraphs they count.
    """
    config = config or DEFAULT_CONFIG
    changes: list[Change] = []
    text = _extract(html, url, config, changes, title, charset)
    cleaned, cleaning = clean_and_explain(text, config)
    # The extracted text is laid out a paragraph a line, not as the page was: that the
    # output separates its paragraphs differently is no news about the page.
    return cleaned, changes + [c for c in cleaning if c.step != PARAGRAPH_FORM]
