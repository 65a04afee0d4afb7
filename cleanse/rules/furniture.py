"""Page furniture in an HTML page: elements that are not the article, judged before extraction.

A prune rule looks at one element of a page, as an :class:`Element` (its tag, the words
of its class and id, its inline style), and returns a reason to remove it, or None. It
never sees the element's text: what an element is called and how it is shown is the
evidence, so a rule cannot mistake an article's sentence for furniture.

Only the rules that measurably help are here (see benchmarks/README.md): trafilatura
already removes navigation, footers, share bars, comment sections and link lists, and
removing them again before it changed nothing but the risk. Two kinds of element are
left to it that are never the article text a reader sees:

- ``hidden_element``: an element the page itself hides (``display: none``,
  ``visibility: hidden``, the ``hidden`` attribute): menus, templates, hidden duplicates
  of the story;
- ``promo_block``: an element whose class or id names it a promotion.

Whatever a rule says, ``cleanse.html`` never removes the page's ``html``, ``body``,
``main`` or ``article`` element, nor an element holding most of the page's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Element", "element_names", "hidden_element", "promo_block"]

# Class and id values split into words: at spaces, dashes, underscores and colons, and
# where camelCase turns ("promoBox" is "promo box").
_NAME_SPLIT = re.compile(r"[\s\-_:]+|(?<=[a-z])(?=[A-Z])")

# Whole words only: "promo" names a promotion, "promotion-rules" of a sports page does
# too, but "compromise" and "promoter" do not.
PROMO_NAMES = frozenset({"promo", "promos", "promotion", "promotions", "promoted", "promobox"})

_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def element_names(class_value: str, id_value: str) -> frozenset[str]:
    """Return the lower-case words of an element's class and id.

    >>> sorted(element_names("story promoBox", "main_promo-2"))
    ['2', 'box', 'main', 'promo', 'story']
    """
    words = _NAME_SPLIT.split(f"{class_value} {id_value}")
    return frozenset(word.lower() for word in words if word)


@dataclass(frozen=True)
class Element:
    """What a prune rule may know of an element: its tag, its names, how it is shown.

    ``names`` are the words of its class and id (:func:`element_names`); ``style`` its
    inline style; ``hidden`` whether it has the ``hidden`` attribute.
    """

    tag: str
    names: frozenset[str] = frozenset()
    style: str = ""
    hidden: bool = False
    label: str = ""  # how an explanation shows the element: <div class="promo">

    def __str__(self) -> str:
        return self.label or f"<{self.tag}>"


def hidden_element(element: Element) -> str | None:
    """Drop an element the page hides: its text is not what a reader of the page sees.

    Left alone: elements hidden by a stylesheet or a script (only the element's own
    markup is read), and ``aria-hidden``, which hides icons from screen readers while
    they stay on the screen.

    >>> hidden_element(Element("div", style="display: none"))
    'hidden by its style (display: none)'
    >>> hidden_element(Element("div", style="color: red")) is None
    True
    """
    if element.hidden:
        return "hidden by its hidden attribute"
    match = _HIDING_STYLE.search(element.style)
    if match:
        return f"hidden by its style ({match.group(0)})"
    return None


def promo_block(element: Element) -> str | None:
    """Drop an element named a promotion by its class or id (an offer, a house advert).

    Only whole words of the names count: ``promo-box`` and ``promoted-content`` do,
    ``compromise`` does not.

    >>> promo_block(Element("div", element_names("sidebar promo-box", "")))
    'its class or id names a promotion (promo)'
    >>> promo_block(Element("div", element_names("compromise", ""))) is None
    True
    """
    found = sorted(element.names & PROMO_NAMES)
    if found:
        return f"its class or id names a promotion ({found[0]})"
    return None
