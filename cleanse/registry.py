"""Steps: the named units of the pipeline, one class per kind, and the built-in registry.

A step's name is the one word that finds it everywhere: the registry key here, the rule's
function and module (``cleanse.rules.<family>.<name>``), the key in :class:`~cleanse.Config`
and in configuration files, the value of ``--enable``/``--disable``, and the ``step`` of
every :class:`~cleanse.Change` it makes.

Each kind says how its function is called and what the pipeline may ask of it:

- :class:`FixStep`: ``paragraph -> paragraph``, repairing (unicode, whitespace);
- :class:`SpanStep`: ``paragraph -> [Cut]``, junk glued inside a paragraph;
- :class:`LineStep`: ``paragraph -> reason | None``, a paragraph that is junk alone;
- :class:`ContextStep`: ``(paragraph, Document) -> reason | None``, junk for what surrounds
  it, with cheap document-level questions that let the pipeline skip it;
- :class:`StructureStep`: no function; it changes what a paragraph is;
- :class:`PruneStep`: ``Element -> reason | None``, an element of an HTML page that is not
  the article, removed before extraction (``cleanse.html``; plain text never meets one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from cleanse import fixes
from cleanse.rules import furniture, headlines, inline, links, phrases, pull_quotes, separators, templates
from cleanse.rules.cuts import Cut
from cleanse.rules.document import Document

StepKind = Literal["structure", "prune", "fix", "span", "rule", "context"]

Fix = Callable[[str], str]
SpanRule = Callable[[str], "list[Cut]"]
LineRule = Callable[[str], "str | None"]
ContextRule = Callable[[str, Document], "str | None"]
PruneRule = Callable[[furniture.Element], "str | None"]

# The order the kinds run in: an HTML page is pruned (before its text is extracted), then
# a paragraph is repaired, then cut, then judged alone, then in context.
KIND_ORDER: tuple[StepKind, ...] = ("structure", "prune", "fix", "span", "rule", "context")


def _always(document: Document) -> bool:
    return True


def _never(document: Document) -> bool:
    return False


@dataclass(frozen=True)
class Step:
    """One named step of the pipeline (see the subclasses for each kind).

    ``default`` says whether it runs unless switched on or off by name; ``doc`` stands in
    for a function's docstring; ``reason`` is what an explanation says of a change the
    step made (for fixes; rules give their own reason with each drop or cut).
    """

    name: str
    kind: ClassVar[StepKind]
    default: bool = field(default=True, kw_only=True)
    doc: str = field(default="", kw_only=True)
    reason: str = field(default="", kw_only=True)

    @property
    def documentation(self) -> str:
        """What the step says of itself: ``doc``, else its function's docstring."""
        function = getattr(self, "function", None)
        return self.doc or (getattr(function, "__doc__", None) or "")

    @property
    def summary(self) -> str:
        """The first sentence of the step's documentation, on one line (its name if undocumented)."""
        # A summary that wraps onto a second docstring line is still one summary.
        first_paragraph = self.documentation.strip().split("\n\n")[0]
        return " ".join(first_paragraph.split()).rstrip(".") or self.name

    @staticmethod
    def fix(name: str, function: Fix, *, reason: str = "") -> FixStep:
        """Wrap a user's ``str -> str`` function as a fix named *name*."""
        return FixStep(name, function, reason=reason)

    @staticmethod
    def rule(name: str, function: LineRule) -> LineStep:
        """Wrap a user's ``paragraph -> reason | None`` function as a rule named *name*."""
        return LineStep(name, function)

    @staticmethod
    def span(name: str, function: SpanRule) -> SpanStep:
        """Wrap a user's ``paragraph -> list[Cut]`` function as a span rule named *name*."""
        return SpanStep(name, function)

    @staticmethod
    def context(name: str, function: ContextRule) -> ContextStep:
        """Wrap a user's ``(paragraph, Document) -> reason | None`` function as a context rule."""
        return ContextStep(name, function)


@dataclass(frozen=True)
class StructureStep(Step):
    """A step that decides what a paragraph is; it has no function and records no change."""

    kind: ClassVar[StepKind] = "structure"


@dataclass(frozen=True)
class PruneStep(Step):
    """A prune rule: ``function(element)`` returns a reason to remove an HTML element, or None.

    It runs on HTML input only (:func:`cleanse.clean_html`), before the article is
    extracted, and sees an element's tag, names and style, never its text.
    """

    kind: ClassVar[StepKind] = "prune"
    function: PruneRule


@dataclass(frozen=True)
class FixStep(Step):
    """A repair: ``function(paragraph)`` returns the paragraph repaired, or unchanged.

    A fix must be idempotent: the pipeline runs the fixes until a pass changes nothing.
    """

    kind: ClassVar[StepKind] = "fix"
    function: Fix


@dataclass(frozen=True)
class SpanStep(Step):
    """A span rule: ``function(paragraph)`` returns the :class:`Cut` s of junk inside it."""

    kind: ClassVar[StepKind] = "span"
    function: SpanRule


@dataclass(frozen=True)
class LineStep(Step):
    """A line rule: ``function(paragraph)`` returns a reason to drop the paragraph, or None.

    ``phrase_list`` names the built-in phrase list (``cleanse/patterns/<name>.*.txt``)
    the rule is made of, if any: the pipeline rules out all phrase lists for a paragraph
    of prose with one question (:func:`cleanse.rules.phrases.may_match_any`).
    """

    kind: ClassVar[StepKind] = "rule"
    function: LineRule
    phrase_list: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class ContextStep(Step):
    """A context rule: ``function(paragraph, document)`` returns a reason, or None.

    What the pipeline may ask before asking each paragraph:

    - ``may_fire(document)``: False only when the rule drops no paragraph of *document*
      (a cheap document-level pre-check; the default always says True);
    - ``only_loses_evidence(document)``: True when, having run on *document*, the rule
      cannot drop anything from a part of it (dropping paragraphs only takes its
      evidence away), so later rounds need not ask it;
    - ``needs_fresh_look(document)``: True when the survivors of the rounds must be looked
      at again as a second clean would see them (nothing dropped before), so that
      cleaning twice changes nothing more.
    """

    kind: ClassVar[StepKind] = "context"
    function: ContextRule
    may_fire: Callable[[Document], bool] = field(default=_always, kw_only=True)
    only_loses_evidence: Callable[[Document], bool] = field(default=_never, kw_only=True)
    needs_fresh_look: Callable[[Document], bool] = field(default=_never, kw_only=True)


BUILTIN_STEPS: tuple[Step, ...] = (
    StructureStep(
        "join_wrapped_lines",
        default=False,
        doc="Join hard-wrapped lines: paragraphs are blocks separated by blank lines (opt-in).",
    ),
    StructureStep(
        "extract_article",
        doc=(
            "Extract the article from an HTML page with trafilatura; switched off, keep all "
            "the text of the page (HTML input only)."
        ),
    ),
    PruneStep("hidden_element", furniture.hidden_element),
    PruneStep("promo_block", furniture.promo_block),
    FixStep("unescape_html_entities", fixes.unescape_html_entities, reason="HTML entity decoded"),
    FixStep("fix_mojibake", fixes.fix_mojibake, reason="text decoded with the wrong encoding repaired"),
    FixStep("remove_invisible_chars", fixes.remove_invisible_chars, reason="invisible characters removed"),
    FixStep("normalize_unicode", fixes.normalize_unicode, reason="unicode composed (NFC)"),
    FixStep("collapse_spaces", fixes.collapse_spaces, reason="spaces collapsed or trimmed"),
    SpanStep("leftover_markup", templates.leftover_markup),
    SpanStep("glued_template_marker", templates.glued_template_marker),
    SpanStep("hover_card", inline.hover_card),
    SpanStep("glued_headline", headlines.glued_headline),
    SpanStep("glued_promo", inline.glued_promo),
    LineStep("promo_line", phrases.promo_line, phrase_list="promo_line"),
    LineStep("advertisement", phrases.advertisement, phrase_list="advertisement"),
    LineStep("page_furniture", phrases.page_furniture, phrase_list="page_furniture"),
    LineStep("legal_notice", phrases.legal_notice, phrase_list="legal_notice"),
    LineStep("related_link", phrases.related_link, phrase_list="related_link"),
    LineStep("separator_line", separators.separator_line),
    ContextStep("template_marker", templates.template_marker, may_fire=templates.may_fire),
    ContextStep("injected_headline", headlines.injected_headline, may_fire=headlines.may_fire),
    ContextStep(
        "link_list",
        links.link_list,
        may_fire=links.may_fire,
        needs_fresh_look=links.needs_fresh_look,
    ),
    ContextStep(
        "pull_quote",
        pull_quotes.pull_quote,
        may_fire=pull_quotes.may_fire,
        only_loses_evidence=pull_quotes.only_loses_evidence,
    ),
)
