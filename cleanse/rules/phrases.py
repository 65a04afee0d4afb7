"""Phrase rules: paragraphs that are boilerplate by their words alone.

Each rule is a phrase list in ``cleanse/patterns/<rule>.<language>.txt`` (English, German,
French, Spanish), matched against a *whole* paragraph ignoring case: a sentence that only
mentions a newsletter, an app or advertising is content and stays. The logic here is only
how the lists are asked, quickly: one question rules out every list for prose.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from cleanse import _speed
from cleanse.patterns import builtin_pattern


def matches(rule: str, paragraph: str, within: str | None = None) -> bool:
    """True when the phrase list of *rule* matches all of *paragraph*.

    *within*, when given, is a text that holds *paragraph* (a sentence's paragraph),
    whose literal scan is already known (see ``_speed.fullmatch``).
    """
    pattern = builtin_pattern(rule)
    return pattern is not None and _speed.fullmatch(pattern, paragraph, within)


# The line rules that are phrase lists (cleanse/patterns/), in pipeline order.
PHRASE_RULES = ("promo_line", "advertisement", "page_furniture", "legal_notice", "related_link")


def may_match_any(paragraph: str, rules: Sequence[str] = PHRASE_RULES, within: str | None = None) -> bool:
    """True when some phrase list of *rules* matches all of *paragraph*.

    One question for a family of lists instead of one per rule: the pipeline skips the
    phrase rules for prose with it, and glued promos test a sentence at once (*within*:
    the paragraph that holds the sentence).

    >>> may_match_any("Sign up for our newsletter"), may_match_any("The council voted.")
    (True, False)
    """
    names = rules if isinstance(rules, tuple) else tuple(rules)
    matcher = _PHRASE_MATCHERS.get(names)
    if matcher is None:
        matcher = _PHRASE_MATCHERS[names] = _speed.fullmatch_any_of(_phrase_patterns(names))
    return matcher(paragraph, within)


# The function of _speed.fullmatch_any_of for each family of phrase lists, by its rules' names.
_PHRASE_MATCHERS: dict[tuple[str, ...], Callable[[str, str | None], bool]] = {}


@functools.cache
def _phrase_patterns(rules: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(p for p in map(builtin_pattern, rules) if p is not None)


def promo_line(paragraph: str) -> str | None:
    """Drop a call to action: app promos, newsletter sign-ups, "Follow us on", "Click here".

    The phrase lists (English, German, French, Spanish) match whole paragraphs, so a
    sentence that only mentions a newsletter or an app is content and stays.

    >>> promo_line("CLICK HERE TO GET THE FOX NEWS APP")
    'call to action'
    >>> promo_line("The newsletter, founded in 1998, has 40,000 readers.") is None
    True
    """
    return "call to action" if matches("promo_line", paragraph) else None


def advertisement(paragraph: str) -> str | None:
    """Drop ad slots and their notices: "Advertisement", "Story continues below advertisement".

    >>> advertisement("ADVERTISEMENT")
    'advertising marker'
    >>> advertisement("Advertisement spending fell 4% last year.") is None
    True
    """
    return "advertising marker" if matches("advertisement", paragraph) else None


def page_furniture(paragraph: str) -> str | None:
    """Drop page furniture: share widgets, media-player notices, gallery and photo credits,
    update stamps, "Scroll down for video".

    >>> page_furniture("Updated at 4:08 p.m.")
    'page furniture'
    >>> page_furniture("The photo was taken in 1968.") is None
    True
    """
    return "page furniture" if matches("page_furniture", paragraph) else None


def legal_notice(paragraph: str) -> str | None:
    """Drop copyright lines, "All rights reserved", syndication and "views expressed" notices.

    >>> legal_notice("Copyright 2019 Example Media, Inc. All rights reserved.")
    'legal notice'
    >>> legal_notice("The copyright case was settled out of court.") is None
    True
    """
    return "legal notice" if matches("legal_notice", paragraph) else None


def related_link(paragraph: str) -> str | None:
    """Drop links to other stories: ``RELATED: …``, ``READ MORE:``, ``ALSO READ``, ``VIDEO: …``.

    >>> related_link("RELATED: Senate passes the budget after a long night")
    'link to another story'
    >>> related_link("Related questions remain unanswered.") is None
    True
    """
    return "link to another story" if matches("related_link", paragraph) else None
