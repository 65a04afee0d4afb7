"""Config: which steps run and what a user adds to them, immutable and checked once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from cleanse.errors import ConfigError
from cleanse.patterns import compile_pattern, compile_whole_paragraph, scope_inline_flags
from cleanse.registry import BUILTIN_STEPS, KIND_ORDER, ContextStep, FixStep, LineStep, SpanStep, Step

# The kinds a user's own step may have (a structure step is the pipeline's own).
USER_STEP_KINDS = (FixStep, SpanStep, LineStep, ContextStep)


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


def _names(value: Iterable[str] | str, option: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    names = list(value)
    for name in names:
        if not isinstance(name, str):
            raise ConfigError(f"{option}: expected strings, got {type(name).__name__}")
    return names


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
    - ``extra_steps``: the user's own :class:`~cleanse.Step` s (fixes and rules), run after
      the built-in steps of the same kind and named in explanations like them.
    - ``paragraph_separator``: what stands between two output paragraphs: ``"\\n\\n"``
      (one blank line, the default) or ``"\\n"`` (one paragraph a line, as many corpora
      keep them).
    - ``final_newline``: whether a text that keeps any paragraph ends with a newline, as
      a file does (the default); a field of a record has none.

    An unknown step name, a pattern that does not compile or a wrong value is a
    :class:`~cleanse.ConfigError`.
    """

    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()
    extra_patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    protect: tuple[str, ...] = ()
    extra_steps: tuple[Step, ...] = ()
    paragraph_separator: str = "\n\n"
    final_newline: bool = True
    # What the pipeline derives from this config once (its plan of functions to run).
    _derived: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "enable", frozenset(_names(self.enable, "enable")))
        object.__setattr__(self, "disable", frozenset(_names(self.disable, "disable")))
        object.__setattr__(self, "extra_patterns", _frozen_patterns(self.extra_patterns))
        object.__setattr__(self, "protect", tuple(_names(self.protect, "protect")))
        object.__setattr__(self, "extra_steps", tuple(self.extra_steps))
        self._validate()

    def _validate(self) -> None:
        if not isinstance(self.final_newline, bool):
            raise ConfigError(f"final_newline must be true or false, not {self.final_newline!r}")
        if self.paragraph_separator not in PARAGRAPH_SEPARATORS:
            raise ConfigError(
                f"paragraph_separator must be one of {', '.join(map(repr, PARAGRAPH_SEPARATORS))}, "
                f"not {self.paragraph_separator!r}"
            )
        seen = {s.name for s in BUILTIN_STEPS}
        for step in self.extra_steps:
            if not isinstance(step, USER_STEP_KINDS):
                raise ConfigError(
                    f"extra_steps takes cleanse.Step objects (Step.fix, Step.rule, Step.span, "
                    f"Step.context), not {type(step).__name__}"
                )
            if not callable(step.function):
                raise ConfigError(f"step {step.name!r}: its function is not callable")
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
            compile_pattern(pattern, "protect")

    def replace(self, **changes: Any) -> Config:
        """Return a copy with some fields changed, checked again (``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)

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
        ordered: list[Step] = []
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
    def protect_pattern(self) -> Any:
        """The ``protect`` patterns as one compiled pattern, or None when there are none."""
        if not self.protect:
            return None
        return compile_pattern("|".join(f"(?:{scope_inline_flags(p)})" for p in self.protect), "protect")


# The paragraph separators a Config accepts: a blank line, or a line break.
PARAGRAPH_SEPARATORS = ("\n\n", "\n")
# Their names in config files, on the command line and in the datatrove step.
PARAGRAPH_SEPARATOR_NAMES: Mapping[str, str] = MappingProxyType({"blank-line": "\n\n", "newline": "\n"})

DEFAULT_CONFIG = Config()
