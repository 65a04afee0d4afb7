"""The pipeline: named steps in order, one immutable Config, and clean() / clean_and_explain().

A document goes through four stages, each made of named steps:

1. **fixes** repair every paragraph (unicode, whitespace);
2. **span rules** cut junk glued inside a paragraph, then the fixes run again on what is
   left, until nothing changes;
3. **line rules** drop a whole paragraph, with a reason;
4. **context rules** drop a paragraph for what surrounds it; they run again on the
   survivors until none drops anything, so the output is a fixed point of the pipeline:
   cleaning it again changes nothing.

Every change can be recorded as a :class:`Change` carrying the step's name, the same word
that switches the step on or off in :class:`Config`.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from cleanse import _fastpath, fixes, rules
from cleanse.errors import ConfigError
from cleanse.paragraphs import join_paragraphs, split_paragraphs
from cleanse.patterns import compile_whole_paragraph, scope_inline_flags

StepKind = Literal["fix", "structure", "span", "rule", "context"]
Action = Literal["fixed", "dropped", "cut"]

Fix = Callable[[str], str]
Rule = Callable[[str], "str | None"]
SpanRule = Callable[[str], "list[rules.Cut]"]
ContextRule = Callable[[str, rules.Document], "str | None"]

# A paragraph that still changes after this many rounds of fixes and cuts is left as the
# last round made it; no known input needs more than two.
MAX_ROUNDS = 6


@dataclass(frozen=True)
class Step:
    """One named step of the pipeline.

    ``kind`` says how the function is called: a ``fix`` maps a paragraph to a paragraph,
    a ``span`` rule returns the :class:`~cleanse.rules.Cut` s to remove, a ``rule``
    returns a reason to drop the paragraph (or None), a ``context`` rule gets the
    :class:`~cleanse.rules.Document` too. ``structure`` steps change how text is split
    into paragraphs and have no function.
    """

    name: str
    kind: StepKind
    function: Callable[..., Any] | None
    default: bool = True
    doc: str = ""

    @property
    def documentation(self) -> str:
        """What the step says of itself: ``doc``, else its function's docstring."""
        return self.doc or _docstring(self.function)

    @property
    def summary(self) -> str:
        """The first sentence of the step's documentation, on one line (its name if undocumented)."""
        text = self.documentation
        # A summary that wraps onto a second docstring line is still one summary.
        first_paragraph = text.strip().split("\n\n")[0]
        return " ".join(first_paragraph.split()).rstrip(".") or self.name

    @classmethod
    def fix(cls, name: str, function: Fix) -> Step:
        """Wrap a user's ``str -> str`` function as a fix named *name*."""
        return cls(name, "fix", function)

    @classmethod
    def rule(cls, name: str, function: Rule) -> Step:
        """Wrap a user's ``paragraph -> reason | None`` function as a rule named *name*."""
        return cls(name, "rule", function)


def _docstring(function: Callable[..., Any] | None) -> str:
    """*function*'s docstring. Compiled (setup.py), this package's functions keep none at
    run time: theirs are read from the sources installed beside the compiled modules."""
    if function is None:
        return ""
    if function.__doc__:
        return function.__doc__
    module = getattr(function, "__module__", None) or ""
    if not module.startswith("cleanse."):
        return ""
    return _source_docstrings(module).get(getattr(function, "__qualname__", ""), "")


@functools.cache
def _source_docstrings(module_name: str) -> dict[str, str]:
    """The docstring of each top-level function in the source of the module *module_name*."""
    import ast

    compiled = Path(getattr(sys.modules.get(module_name), "__file__", None) or "")
    source = compiled.with_name(compiled.name.split(".", 1)[0] + ".py")
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return {}
    return {
        node.name: ast.get_docstring(node) or "" for node in tree.body if isinstance(node, ast.FunctionDef)
    }


BUILTIN_STEPS: tuple[Step, ...] = (
    Step(
        "join_wrapped_lines",
        "structure",
        None,
        default=False,
        doc="Join hard-wrapped lines: paragraphs are blocks separated by blank lines (opt-in).",
    ),
    Step("unescape_html_entities", "fix", fixes.unescape_html_entities),
    Step("fix_mojibake", "fix", fixes.fix_mojibake),
    Step("remove_invisible_chars", "fix", fixes.remove_invisible_chars),
    Step("normalize_unicode", "fix", fixes.normalize_unicode),
    Step("collapse_spaces", "fix", fixes.collapse_spaces),
    Step("glued_template_marker", "span", rules.glued_template_marker),
    Step("hover_card", "span", rules.hover_card),
    Step("glued_headline", "span", rules.glued_headline),
    Step("glued_promo", "span", rules.glued_promo),
    Step("promo_line", "rule", rules.promo_line),
    Step("advertisement", "rule", rules.advertisement),
    Step("page_furniture", "rule", rules.page_furniture),
    Step("legal_notice", "rule", rules.legal_notice),
    Step("related_link", "rule", rules.related_link),
    Step("separator_line", "rule", rules.separator_line),
    Step("template_marker", "context", rules.template_marker),
    Step("injected_headline", "context", rules.injected_headline),
    Step("link_list", "context", rules.link_list),
    Step("pull_quote", "context", rules.pull_quote),
)
KIND_ORDER: tuple[StepKind, ...] = ("structure", "fix", "span", "rule", "context")


def steps(config: Config | None = None) -> list[Step]:
    """Return every step in pipeline order (built-in and the config's own), each with its doc."""
    return list((config or DEFAULT_CONFIG).all_steps)


@dataclass(frozen=True)
class Change:
    """One thing the pipeline did to one paragraph, and why.

    ``paragraph`` is the 0-based index of the paragraph in the input as split (for
    scraper output, the line number minus one). ``before`` is the paragraph as the step
    got it; ``after`` is what the step made of it ("" when dropped); ``span`` is the text
    cut, for cuts.
    """

    step: str
    action: Action
    paragraph: int
    before: str
    after: str
    reason: str
    span: str = ""

    def __str__(self) -> str:
        shown = self.span or self.before
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return f"{self.paragraph}: {self.step}: {self.action} ({self.reason}): {shown!r}"

    def as_record(self) -> dict[str, Any]:
        """The change as a JSON-ready record, as ``--explain-format json`` writes it: the
        paragraph counted from 1, like a line number.

        >>> change = Change("advertisement", "dropped", 2, "ADVERTISEMENT", "", "advertising marker")
        >>> change.as_record()["paragraph"]
        3
        """
        return {
            "paragraph": self.paragraph + 1,
            "step": self.step,
            "action": self.action,
            "reason": self.reason,
            "before": self.before,
            "after": self.after,
            "span": self.span,
        }


def _frozen_patterns(
    value: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]],
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for name, patterns in items:
        if isinstance(patterns, str):
            patterns = (patterns,)
        out.append((name, tuple(patterns)))
    return tuple(out)


@dataclass(frozen=True)
class Config:
    """Which steps run, and what a user adds to them. Immutable; build a new one to change.

    - ``enable`` / ``disable``: step names switched on (opt-in steps such as
      ``join_wrapped_lines``) or off.
    - ``extra_patterns``: for a rule, more regular expressions that each must match a
      whole paragraph, ignoring case (a publisher's own promo lines); a paragraph that
      matches is dropped by that rule.
    - ``protect``: regular expressions; a paragraph containing a match is never cut or
      dropped by any rule (fixes still repair it).
    - ``extra_steps``: the user's own :class:`Step` s (fixes and rules), run after the
      built-in steps of the same kind and named in explanations like them.

    An unknown step name or a pattern that does not compile is a :class:`ConfigError`.
    """

    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()
    extra_patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    protect: tuple[str, ...] = ()
    extra_steps: tuple[Step, ...] = ()
    _compiled: dict[str, Any] = field(default_factory=dict, compare=False, repr=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "enable", frozenset(_names(self.enable, "enable")))
        object.__setattr__(self, "disable", frozenset(_names(self.disable, "disable")))
        object.__setattr__(self, "extra_patterns", _frozen_patterns(self.extra_patterns))
        object.__setattr__(self, "protect", tuple(_names(self.protect, "protect")))
        object.__setattr__(self, "extra_steps", tuple(self.extra_steps))
        self._validate()

    def _validate(self) -> None:
        seen = {s.name for s in BUILTIN_STEPS}
        for step in self.extra_steps:
            if not isinstance(step, Step):
                raise ConfigError(f"extra_steps takes cleanse.Step objects, not {type(step).__name__}")
            if step.kind not in ("fix", "rule", "span", "context") or not callable(step.function):
                raise ConfigError(
                    f"step {step.name!r}: a user step is a fix, rule, span or context step with a function"
                )
            if step.name in seen:
                raise ConfigError(f"step name {step.name!r} is already taken")
            seen.add(step.name)
        valid = sorted(seen)
        for option, names in (("enable", self.enable), ("disable", self.disable)):
            for name in sorted(names):
                if name not in seen:
                    raise ConfigError(f"{option}: unknown step {name!r}; valid steps: {', '.join(valid)}")
        rule_names = sorted(s.name for s in self.all_steps if s.kind in ("rule", "context"))
        for name, patterns in self.extra_patterns:
            if name not in rule_names:
                raise ConfigError(
                    f"extra_patterns: {name!r} is not a rule that drops paragraphs; "
                    f"rules: {', '.join(rule_names)}"
                )
            compile_whole_paragraph(list(patterns), f"extra_patterns for {name}")
        for pattern in self.protect:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"protect: invalid pattern {pattern!r}: {exc}") from None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], origin: str = "config") -> Config:
        """Build a Config from plain data (a TOML table): the keys are the field names."""
        allowed = {"enable", "disable", "extra_patterns", "protect"}
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ConfigError(
                f"{origin}: unknown key {unknown[0]!r}; allowed keys: {', '.join(sorted(allowed))}"
            )
        kwargs: dict[str, Any] = {}
        for key in ("enable", "disable", "protect"):
            if key in data:
                value = data[key]
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(f"{origin}: {key} must be a list of strings")
                kwargs[key] = value
        if "extra_patterns" in data:
            value = data["extra_patterns"]
            if not isinstance(value, Mapping) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
            ):
                raise ConfigError(f"{origin}: extra_patterns must map rule names to lists of strings")
            kwargs["extra_patterns"] = value
        try:
            return cls(**kwargs)
        except ConfigError as exc:
            raise ConfigError(f"{origin}: {exc}") from None

    def replace(self, **changes: Any) -> Config:
        """Return a copy with some fields changed (validated again)."""
        current: dict[str, Any] = {
            "enable": self.enable,
            "disable": self.disable,
            "extra_patterns": self.extra_patterns,
            "protect": self.protect,
            "extra_steps": self.extra_steps,
        }
        current.update(changes)
        return Config(**current)

    def only(self, names: Iterable[str]) -> Config:
        """Return a copy in which exactly the steps in *names* run (for replaying a change log).

        Structure steps (``join_wrapped_lines``) record no changes but decide what a
        paragraph is, so they keep the setting they have here.
        """
        wanted = set(names) | {
            s.name for s in self.all_steps if s.kind == "structure" and self.is_enabled(s.name)
        }
        every = {s.name for s in self.all_steps}
        return self.replace(enable=frozenset(wanted & every), disable=frozenset(every - wanted))

    @cached_property
    def all_steps(self) -> tuple[Step, ...]:
        """Built-in and user steps, in the order they run."""
        ordered = []
        for kind in KIND_ORDER:
            ordered += [s for s in BUILTIN_STEPS if s.kind == kind]
            ordered += [s for s in self.extra_steps if s.kind == kind]
        return tuple(ordered)

    def is_enabled(self, name: str) -> bool:
        """True when the step called *name* runs under this config."""
        if name in self.disable:
            return False
        if name in self.enable:
            return True
        return any(s.name == name and s.default for s in self.all_steps)

    @cached_property
    def _plan(self) -> _Plan:
        return _Plan(self)


def _names(value: Iterable[str] | str, option: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    names = list(value)
    for name in names:
        if not isinstance(name, str):
            raise ConfigError(f"{option}: expected strings, got {type(name).__name__}")
    return names


class _Plan:
    """A Config turned into the lists of functions to run (built once per Config)."""

    def __init__(self, config: Config) -> None:
        active = [s for s in config.all_steps if config.is_enabled(s.name)]
        self.join_wrapped_lines = any(
            s.kind == "structure" and s.name == "join_wrapped_lines" for s in active
        )
        self.fixes = [s for s in active if s.kind == "fix"]
        # Built-in fixes only (all of them, some, or none): then plain ASCII text needs a
        # strip at most, which collapse_spaces does and no other fix (see _fix_until_stable).
        builtin_fixes = [s.function for s in BUILTIN_STEPS if s.kind == "fix"]
        self.only_builtin_fixes = all(s.function in builtin_fixes for s in self.fixes)
        # The fix that strips such text: the first collapse_spaces switched on, if any.
        self.strip_step = next((s for s in self.fixes if s.function is fixes.collapse_spaces), None)
        self.spans = [s for s in active if s.kind == "span"]
        extras = {name: compile_whole_paragraph(list(p), name) for name, p in config.extra_patterns}
        self.extras = {k: v for k, v in extras.items() if v is not None}
        # A rule switched off by name keeps no extra patterns either.
        self.rules = [s for s in active if s.kind == "rule"]
        self.phrase_rules = tuple(s.name for s in self.rules if s.name in rules.PHRASE_RULES)
        # What _clean_paragraph runs, looked up once: (name, function, extra pattern) for
        # every rule, and for the rules left when no phrase list can match (a phrase rule
        # without extra patterns has nothing left to ask).
        calls = [(s.name, s.function, self.extras.get(s.name)) for s in self.rules]
        self.rule_calls = calls
        self.non_phrase_rule_calls = [
            (name, None if name in self.phrase_rules else function, extra)
            for name, function, extra in calls
            if name not in self.phrase_rules or extra is not None
        ]
        self.span_calls = [(s.name, s.function) for s in self.spans]
        self.contexts = [s for s in active if s.kind == "context"]
        self.context_extras = [(s.name, self.extras[s.name]) for s in self.contexts if s.name in self.extras]
        protect = "|".join(f"(?:{scope_inline_flags(p)})" for p in config.protect)
        self.protect = re.compile(protect) if config.protect else None


DEFAULT_CONFIG = Config()


def clean(text: str, config: Config | None = None) -> str:
    """Return *text* as clean paragraphs: junk dropped, glued junk cut, unicode repaired.

    Paragraphs are separated by one blank line and the result ends with a newline;
    text with nothing worth keeping gives "". ``clean(clean(x)) == clean(x)``.

    >>> clean("Title\\n{{#rendered}} {{/rendered}}\\nThey donâ€™t agree.\\nADVERTISEMENT\\n")
    'Title\\n\\nThey don’t agree.\\n'
    """
    return _run(text, config or DEFAULT_CONFIG, None)


def clean_and_explain(text: str, config: Config | None = None) -> tuple[str, list[Change]]:
    """Return ``clean(text)`` and the list of every :class:`Change` made, in order."""
    changes: list[Change] = []
    return _run(text, config or DEFAULT_CONFIG, changes), changes


def replay(text: str, changes: Sequence[Change], config: Config | None = None) -> str:
    """Clean *text* running only the steps named in *changes*: gives ``clean(text)`` again.

    A step that changed nothing cannot have mattered, so the steps an explanation names
    are enough to reproduce its output; this is how a reader checks an explanation.
    """
    return clean(text, (config or DEFAULT_CONFIG).only(c.step for c in changes))


def _run(text: str, config: Config, changes: list[Change] | None) -> str:
    if not isinstance(text, str):
        raise TypeError(
            f"cleanse.clean() takes a str, not {type(text).__name__}"
            + (
                "; decode bytes first, e.g. data.decode('utf-8')"
                if isinstance(text, (bytes, bytearray))
                else ""
            )
        )
    plan = config._plan
    survivors: list[tuple[int, str]] = []
    dropped: list[tuple[int, str]] = []
    paragraphs = split_paragraphs(text, join_wrapped_lines=plan.join_wrapped_lines)
    if _fastpath.ENABLED and plan.spans:
        # Most paragraphs reach the rules as they came, stripped: their literals are
        # found by scanning the document's paragraphs back to back.
        _fastpath.prescan([p.strip() for p in paragraphs if p])
    for index, raw in enumerate(paragraphs):
        if not raw and plan.only_builtin_fixes:
            continue  # a blank line: the built-in fixes leave it empty, and empty is dropped
        paragraph = _clean_paragraph(raw, index, plan, changes, dropped)
        if paragraph:
            survivors.append((index, paragraph))
    if plan.contexts:
        survivors = _drop_in_context(survivors, dropped, plan, changes)
    return join_paragraphs([p for _, p in survivors])


def _clean_paragraph(
    paragraph: str, index: int, plan: _Plan, changes: list[Change] | None, dropped: list[tuple[int, str]]
) -> str | None:
    """Fix and cut *paragraph* until stable, then return it, or None when a rule drops it.

    A paragraph a line rule drops is appended to *dropped*, for the context rules.
    """
    for _ in range(MAX_ROUNDS):
        paragraph = _fix_until_stable(paragraph, index, plan, changes)
        if not paragraph:
            return None
        if plan.protect is not None and plan.protect.search(paragraph):
            return paragraph
        # Span rules are pure: when none of them cuts the fixed paragraph, running them
        # again would cut nothing either, so one pass is enough.
        cut_something = False
        for name, span_rule in plan.span_calls:
            cuts = span_rule(paragraph)  # type: ignore[misc]
            if cuts:
                after = rules.apply_cuts(paragraph, cuts)
                if after != paragraph:
                    if changes is not None:
                        for cut in cuts:
                            changes.append(
                                Change(
                                    name,
                                    "cut",
                                    index,
                                    paragraph,
                                    after,
                                    cut.reason,
                                    paragraph[cut.start : cut.end],
                                )
                            )
                    paragraph = after
                    cut_something = True
        if not paragraph:
            return None
        if not cut_something:
            break
    # One question rules out all the phrase lists for prose (their extra patterns still run).
    no_phrase = bool(plan.phrase_rules) and not rules.may_match_phrases(paragraph, plan.phrase_rules)
    for name, rule, extra in plan.non_phrase_rule_calls if no_phrase else plan.rule_calls:
        reason = None if rule is None else rule(paragraph)
        if not reason and extra is not None and extra.fullmatch(paragraph):
            reason = f"matches a configured {name} pattern"
        if reason:
            if changes is not None:
                changes.append(Change(name, "dropped", index, paragraph, "", str(reason)))
            dropped.append((index, paragraph))
            return None
    for name, pattern in plan.context_extras:
        if pattern.fullmatch(paragraph):
            if changes is not None:
                changes.append(
                    Change(name, "dropped", index, paragraph, "", f"matches a configured {name} pattern")
                )
            dropped.append((index, paragraph))
            return None
    return paragraph


def _fix_until_stable(paragraph: str, index: int, plan: _Plan, changes: list[Change] | None) -> str:
    """Run the fixes in order until a whole pass changes nothing (usually one pass)."""
    if plan.only_builtin_fixes and fixes.only_strip_can_change(paragraph):
        # Each built-in fix leaves such a paragraph as it is, except collapse_spaces, which
        # strips it (then nothing changes it again): so do the fixes switched on, whichever
        # they are, and an explanation names that one change.
        step = plan.strip_step
        if step is None:
            return paragraph
        stripped = paragraph.strip()
        if changes is not None and stripped != paragraph:
            changes.append(Change(step.name, "fixed", index, paragraph, stripped, step.summary))
        return stripped
    for _ in range(MAX_ROUNDS):
        start = paragraph
        for step in plan.fixes:
            fixed = step.function(paragraph)  # type: ignore[misc]
            if fixed != paragraph:
                if changes is not None:
                    changes.append(Change(step.name, "fixed", index, paragraph, fixed, step.summary))
                paragraph = fixed
        if paragraph == start:
            break
    return paragraph


def _drop_in_context(
    survivors: list[tuple[int, str]],
    dropped: list[tuple[int, str]],
    plan: _Plan,
    changes: list[Change] | None,
) -> list[tuple[int, str]]:
    """Run the context rules on the survivors until none drops anything (a fixed point)."""
    survivors, link_items = _context_rounds(survivors, dropped, plan, changes)
    # A link header that stays on the page (protected) while the list under it is dropped:
    # a second clean would find the lines that followed the list right under the header,
    # and might take them for a list. Look again as it would (nothing dropped before,
    # no list known), so that cleaning twice changes nothing more.
    while link_items and any(rules.is_link_header(p) for _, p in survivors):
        again, link_items = _context_rounds(survivors, [], plan, changes)
        if len(again) == len(survivors):
            break
        survivors = again
    return survivors


def _context_rounds(
    survivors: list[tuple[int, str]],
    dropped: list[tuple[int, str]],
    plan: _Plan,
    changes: list[Change] | None,
) -> tuple[list[tuple[int, str]], frozenset[str]]:
    """Rounds of the context rules until none drops anything; also the link lists found."""
    link_items: frozenset[str] | None = None
    contexts = plan.contexts
    first_round = True
    while survivors:
        document = rules.Document(
            paragraphs=[p for _, p in survivors],
            dropped=[p for _, p in dropped],
            positions=[i for i, _ in survivors],
            dropped_positions=[i for i, _ in dropped],
            known_link_items=link_items,
        )
        link_items = document.link_list_items
        # The rules that may drop something here (a fast path: most pages have no template
        # markers, link lists or headlines).
        active = (
            [s for s in contexts if rules.may_drop_any(s.function, document)]
            if _fastpath.ENABLED
            else contexts
        )
        if not active:
            break  # no rule can drop anything: the survivors stay as they are
        kept: list[tuple[int, str]] = []
        for index, paragraph in survivors:
            reason = None
            if plan.protect is None or not plan.protect.search(paragraph):
                for step in active:
                    reason = step.function(paragraph, document)  # type: ignore[misc]
                    if reason:
                        if changes is not None:
                            changes.append(Change(step.name, "dropped", index, paragraph, "", str(reason)))
                        break
            if not reason:
                kept.append((index, paragraph))
        if len(kept) == len(survivors):
            break
        if first_round and _fastpath.ENABLED:
            # Rules that, having run once on this document, cannot drop more from a part
            # of it (asked only when a second round is needed: most documents need none).
            contexts = [s for s in contexts if not rules.only_loses_evidence(s.function, survivors)]
        first_round = False
        survivors = kept
    return survivors, link_items or frozenset()
