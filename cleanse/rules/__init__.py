"""Rules: decide what in a paragraph is not the article, and say why.

One module per family of junk, each the one home of its rules and of the evidence they
read from the document:

- ``phrases``: boilerplate lines by their words (``promo_line``, ``advertisement``,
  ``page_furniture``, ``legal_notice``, ``related_link``), from the phrase lists in
  ``cleanse/patterns/``;
- ``separators``: lines of punctuation (``separator_line``);
- ``templates``: unrendered template markers (``template_marker``, ``glued_template_marker``);
- ``headlines``: other stories' headlines (``injected_headline``, ``glued_headline``);
- ``links``: lists of links to other stories (``link_list``);
- ``pull_quotes``: sentences of the article printed twice (``pull_quote``);
- ``inline``: junk glued inside a sentence (``hover_card``, ``glued_promo``).
- ``furniture``: elements of an HTML page that are not the article (``hidden_element``,
  ``promo_block``), judged by their markup before extraction.

Three shapes, all pure, all returning *reasons*, never raising: a **line rule** looks at
one paragraph alone; a **context rule** also sees the paragraphs around it through a
:class:`Document`; a **span rule** returns the :class:`Cut` s of junk glued inside a
paragraph. ``text`` holds what several families need to know about text (case, words,
sentences), ``cuts`` how a paragraph is put back together.
"""

from __future__ import annotations

from cleanse.rules.cuts import Cut, apply_cuts
from cleanse.rules.document import Document
from cleanse.rules.headlines import glued_headline, injected_headline
from cleanse.rules.inline import glued_promo, hover_card
from cleanse.rules.links import is_link_header, link_list
from cleanse.rules.phrases import advertisement, legal_notice, page_furniture, promo_line, related_link
from cleanse.rules.pull_quotes import pull_quote
from cleanse.rules.separators import separator_line
from cleanse.rules.templates import glued_template_marker, is_template_only, template_marker
from cleanse.rules.text import is_shouting, sentence_spans

__all__ = [
    "Cut",
    "Document",
    "advertisement",
    "apply_cuts",
    "glued_headline",
    "glued_promo",
    "glued_template_marker",
    "hover_card",
    "injected_headline",
    "is_link_header",
    "is_shouting",
    "is_template_only",
    "legal_notice",
    "link_list",
    "page_furniture",
    "promo_line",
    "pull_quote",
    "related_link",
    "sentence_spans",
    "separator_line",
    "template_marker",
]
