"""The pipeline: clean(), clean_and_explain(), replay(), and the Change records they give.

A document goes through four stages, each made of named steps (``cleanse.registry``):

1. **fixes** repair every paragraph (unicode, whitespace);
2. **span rules** cut junk glued inside a paragraph, then the fixes run again on what is
   left, until nothing changes;
3. **line rules** drop a whole paragraph, with a reason;
4. **context rules** drop a paragraph for what surrounds it; they run again on the
   survivors until none drops anything, so the output is a fixed point of the pipeline:
   cleaning it again changes nothing.

Every change can be recorded as a :class:`Change` carrying the step's name, the same word
that switches the step on or off in :class:`~cleanse.Config`. The pipeline asks a step
only what its kind declares (``cleanse.registry``); it knows no rule by name.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from array import array
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, Literal

from cleanse import _speed, fixes
from cleanse.config import DEFAULT_CONFIG, Config
from cleanse.paragraphs import (
    Lines,
    ReadWhenAsked,
    join_layout,
    join_paragraphs,
    layout,
    regroup,
)
from cleanse.patterns import compile_whole_paragraph
from cleanse.registry import BUILTIN_STEPS, ContextStep, FixStep, LineStep, SpanStep, Step
from cleanse.rules import phrases
from cleanse.rules.cuts import apply_cuts
from cleanse.rules.document import Document

__all__ = [
    "BUILTIN_STEPS",
    "DEFAULT_CONFIG",
    "Change",
    "Config",
    "Step",
    "clean",
    "clean_and_explain",
    "replay",
    "steps",
]

Action = Literal["pruned", "fixed", "dropped", "cut", "laid out"]

# Paragraphs remembered per document, and the longest remembered (see _run): repeated
# lines are short (boilerplate, markers), and the bound keeps memory flat (a remembered
# paragraph costs about 170 bytes: a document of short lines must not hold one per line).
REMEMBERED_PARAGRAPHS = 2_000
REMEMBERED_LENGTH = 200
REMEMBER_FROM = 500  # paragraphs in a document
_NO_CHANGES: list[Change] = []  # shared, never appended to

# A paragraph the span rules cut away entirely is handed to the context rules as it was
# before the round's cuts when at most this long; a longer one as the text the last cut
# removed: keeping the original of a page on one line beside its cut copies would double
# what cleaning it holds in memory.
KEPT_BEFORE_CUTS = 10_000

# A paragraph that still changes after this many rounds of fixes and cuts is left as the
# last round made it; no known input needs more than two.
MAX_ROUNDS = 6

# The step an explanation names when only the layout changed: paragraphs separated as
# configured, and the text's final newline.
PARAGRAPH_FORM = "paragraph_form"


class _Numbered:
    """Paragraphs and their input positions, as two flat arrays.

    A pair per paragraph would cost a tuple and an int object each: several times the
    size of a short line, for every line of a document that has many.
    """

    __slots__ = ("positions", "texts")

    def __init__(self) -> None:
        self.positions: array[int] = array("q")
        self.texts: Sequence[str] = []

    def append(self, position: int, text: str) -> None:
        self.positions.append(position)
        self.texts.append(text)  # type: ignore[attr-defined]

    def append_as_input(self, position: int, text: str) -> None:
        """Append *text*, the paragraph at *position* of the input as it came."""
        self.append(position, text)

    def take(self, other: _Numbered, k: int) -> None:
        """Append the *k*-th paragraph of *other*, held as *other* holds it."""
        self.append(other.positions[k], other.texts[k])

    def empty(self) -> _Numbered:
        """A new, empty collection of the same kind."""
        return _Numbered()

    def __len__(self) -> int:
        return len(self.positions)

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return zip(self.positions, self.texts, strict=True)


class _NumberedLines(_Numbered):
    """Paragraphs of a long text (see Lines), held without a string for each: one kept as
    it came is read from the input's lines when asked; only the others are held, by
    their place in the collection (see _Changed)."""

    __slots__ = ("changed", "source")

    def __init__(self, source: Lines) -> None:
        self.positions = array("q")
        self.source = source
        self.changed = _Changed()
        self.texts = _Texts(self)

    def append(self, position: int, text: str) -> None:
        self.changed.add(len(self.positions), text)
        self.positions.append(position)

    def append_as_input(self, position: int, text: str) -> None:
        self.positions.append(position)

    def take(self, other: _Numbered, k: int) -> None:
        assert isinstance(other, _NumberedLines)
        text = other.changed.get(k)
        if text is not None:
            self.changed.add(len(self.positions), text)
        self.positions.append(other.positions[k])

    def empty(self) -> _Numbered:
        return _NumberedLines(self.source)


# Changed paragraphs joined into one string at a time (see _Changed), and paragraphs read
# together when all are read in order (see _Texts).
HELD_AT_ONCE = 1024
READ_AT_ONCE = 1024


class _Changed:
    """Paragraphs at increasing places, held HELD_AT_ONCE at a time as one joined string
    and where each ends: a document whose every short line changes (each one trimmed)
    then holds its new text and 16 bytes a line, not a string and a dictionary entry
    (some 150 bytes) for each."""

    __slots__ = ("_chunks", "_ends", "_pending", "places")

    def __init__(self) -> None:
        self.places: array[int] = array("q")
        self._chunks: list[str] = []
        self._ends: list[array[int]] = []
        self._pending: list[str] = []

    def add(self, place: int, text: str) -> None:
        """Hold *text* at *place*, after every place held so far."""
        self.places.append(place)
        self._pending.append(text)
        if len(self._pending) == HELD_AT_ONCE:
            self._ends.append(array("q", itertools.accumulate(map(len, self._pending))))
            self._chunks.append("".join(self._pending))
            self._pending = []

    def get(self, place: int) -> str | None:
        """The text held at *place*, or None."""
        j = bisect.bisect_left(self.places, place)
        if j == len(self.places) or self.places[j] != place:
            return None
        return self._text(j)

    def _text(self, j: int) -> str:
        chunk, k = divmod(j, HELD_AT_ONCE)
        if chunk == len(self._chunks):
            return self._pending[k]
        ends = self._ends[chunk]
        return self._chunks[chunk][ends[k - 1] if k else 0 : ends[k]]

    def between(self, first: int, past: int) -> list[str]:
        """The held texts from the *first*-th held to the one before the *past*-th."""
        texts: list[str] = []
        while first < past:
            chunk, k = divmod(first, HELD_AT_ONCE)
            last = min(past, (chunk + 1) * HELD_AT_ONCE) - chunk * HELD_AT_ONCE
            if chunk == len(self._chunks):
                texts += self._pending[k:last]
            else:
                ends, joined = self._ends[chunk], self._chunks[chunk]
                starts = itertools.chain((ends[k - 1] if k else 0,), ends[k : last - 1])
                texts += [joined[start:end] for start, end in zip(starts, ends[k:last], strict=True)]
            first += last - k
        return texts


class _Texts(ReadWhenAsked):
    """The paragraphs of a :class:`_NumberedLines`, each read when asked."""

    __slots__ = ("_numbered",)

    def __init__(self, numbered: _NumberedLines) -> None:
        self._numbered = numbered

    def __len__(self) -> int:
        return len(self._numbered.positions)

    def _read(self, k: int) -> str:
        numbered = self._numbered
        text = numbered.changed.get(k)
        return numbered.source[numbered.positions[k]] if text is None else text

    def __iter__(self) -> Iterator[str]:
        return itertools.chain.from_iterable(self._blocks())

    def _blocks(self) -> Iterator[list[str]]:
        """The paragraphs, READ_AT_ONCE at a time: those kept as they came read from the
        input's lines together, the changed ones put in their places."""
        numbered = self._numbered
        positions, changed = numbered.positions, numbered.changed
        places = changed.places
        held = 0  # the first held text at or after the block
        for first in range(0, len(positions), READ_AT_ONCE):
            past = min(first + READ_AT_ONCE, len(positions))
            last_held = bisect.bisect_left(places, past, held)
            if last_held - held == past - first:
                yield changed.between(held, last_held)  # every paragraph of the block changed
            else:
                block = list(numbered.source.pick(positions[first:past]))
                for place, text in zip(places[held:last_held], changed.between(held, last_held), strict=True):
                    block[place - first] = text
                yield block
            held = last_held


def steps(config: Config | None = None) -> list[Step]:
    """Return every step in pipeline order (built-in and the config's own), each with its doc."""
    return list((config or DEFAULT_CONFIG).all_steps)


@dataclass(frozen=True)
class Change:
    """One thing the pipeline did to one paragraph, and why.

    ``paragraph`` is the 0-based index of the paragraph in the input as split (for
    scraper output, the line number minus one). ``before`` is the paragraph as the step
    got it; ``after`` is what the step made of it ("" when dropped); ``span`` is the text
    cut, for cuts. An HTML element pruned before extraction (``pruned``) is not a
    paragraph: its change comes first, with paragraph 0 and the element's text as ``before``.
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


class _Plan:
    """A Config turned into the lists of functions to run (built once per Config)."""

    def __init__(self, config: Config) -> None:
        active = [s for s in config.all_steps if config.is_enabled(s.name)]
        self.separator = config.paragraph_separator
        self.join_wrapped_lines = any(
            s.kind == "structure" and s.name == "join_wrapped_lines" for s in active
        )
        self.fixes = [s for s in active if isinstance(s, FixStep)]
        # Built-in fixes only (all of them, some, or none): then text that
        # fixes.only_strip_can_change clears needs a strip at most, which collapse_spaces
        # does and no other fix (see _fix_until_stable).
        builtin_fixes = [s for s in BUILTIN_STEPS if isinstance(s, FixStep)]
        self.only_builtin_fixes = all(s in builtin_fixes for s in self.fixes)
        self.strip_step = next((s for s in self.fixes if s.function is fixes.collapse_spaces), None)
        self.spans = [s for s in active if isinstance(s, SpanStep)]
        extras = {name: compile_whole_paragraph(list(p), name) for name, p in config.extra_patterns}
        self.extras = {k: v for k, v in extras.items() if v is not None}
        # A rule switched off by name keeps no extra patterns either.
        self.rules = [s for s in active if isinstance(s, LineStep)]
        self.phrase_lists = tuple(s.phrase_list for s in self.rules if s.phrase_list)
        # (name, function, extra pattern) for every rule, and for the rules left when no
        # phrase list can match (a phrase rule without extra patterns has nothing to ask).
        self.rule_calls = [(s.name, s.function, self.extras.get(s.name)) for s in self.rules]
        self.non_phrase_rule_calls = [
            (s.name, None if s.phrase_list else s.function, self.extras.get(s.name))
            for s in self.rules
            if not s.phrase_list or s.name in self.extras
        ]
        self.contexts = [s for s in active if isinstance(s, ContextStep)]
        self.context_extras = [(s.name, self.extras[s.name]) for s in self.contexts if s.name in self.extras]
        self.protect = config.protect_pattern


def _plan(config: Config) -> _Plan:
    plan: _Plan | None = config._derived.get("plan")
    if plan is None:
        plan = config._derived["plan"] = _Plan(config)
    return plan


def clean(text: str, config: Config | None = None) -> str:
    """Return *text* as clean paragraphs: junk dropped, glued junk cut, unicode repaired.

    Paragraphs are separated by one blank line (``Config.paragraph_separator``) and the
    result ends with a newline; text with nothing worth keeping gives "".
    ``clean(clean(x)) == clean(x)``.

    >>> clean("Title\\n{{#rendered}} {{/rendered}}\\nThey donâ€™t agree.\\nADVERTISEMENT\\n")
    'Title\\n\\nThey don’t agree.\\n'
    """
    return _run(text, config or DEFAULT_CONFIG, None)


def clean_and_explain(text: str, config: Config | None = None) -> tuple[str, list[Change]]:
    """Return ``clean(text)`` and every :class:`Change` made, in paragraph order.

    Within a paragraph, changes come in the order the steps made them; a change of layout
    alone (``paragraph_form``) comes last.
    """
    changes: list[Change] = []
    cleaned = _run(text, config or DEFAULT_CONFIG, changes)
    changes.sort(key=lambda change: change.paragraph)  # stable: each paragraph's own order stays
    return cleaned, changes


def replay(text: str, changes: Sequence[Change], config: Config | None = None) -> str:
    """Clean *text* running only the steps named in *changes*: gives ``clean(text)`` again.

    A step that changed nothing cannot have mattered, so the steps an explanation names
    are enough to reproduce its output; this is how a reader checks an explanation.
    """
    return clean(text, (config or DEFAULT_CONFIG).only(c.step for c in changes))


def _run(text: str, config: Config, changes: list[Change] | None) -> str:
    if not isinstance(text, str):
        hint = (
            "; decode bytes first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else ""
        )
        raise TypeError(f"cleanse.clean() takes a str, not {type(text).__name__}{hint}")
    plan = _plan(config)
    split = layout(text, join_wrapped_lines=plan.join_wrapped_lines)
    paragraphs = split.paragraphs
    # A long text of many lines holds its lines as Lines; what is kept as it came is read
    # from there again (see _Numbered).
    survivors = _NumberedLines(paragraphs) if isinstance(paragraphs, Lines) else _Numbered()
    dropped = _Numbered()
    # What a repeated paragraph became, and the changes it took: the steps before the
    # context rules see one paragraph alone, so the same text comes out the same way.
    # Only a long document gains from it (a page has few repeated lines).
    seen: dict[str, tuple[str | None, list[Change], str | None]] = {}
    remember = len(paragraphs) > REMEMBER_FROM
    verbatim = split.verbatim
    for first, batch in _batches(paragraphs):
        if plan.spans:
            # Most paragraphs reach the rules as they came, stripped: their literals are
            # found by scanning the document's paragraphs back to back.
            _speed.prescan([p.strip() for p in batch if p])
        for index, raw in enumerate(batch, first):
            if not raw and plan.only_builtin_fixes:
                continue  # a blank line: the built-in fixes leave it empty, and empty is dropped
            paragraph: str | None
            short = remember and len(raw) <= REMEMBERED_LENGTH
            if verbatim and index in verbatim:
                paragraph = _keep_code(raw, index, changes)
            elif short and raw in seen:
                paragraph, made, dropped_as = seen[raw]
                if changes is not None:
                    changes += [dataclasses.replace(change, paragraph=index) for change in made]
                if dropped_as is not None:
                    dropped.append(index, dropped_as)
            elif short:
                mark, before = len(changes) if changes is not None else 0, len(dropped)
                paragraph = _clean_paragraph(raw, index, plan, changes, dropped)
                if len(seen) < REMEMBERED_PARAGRAPHS:
                    made = changes[mark:] if changes is not None else _NO_CHANGES
                    seen[raw] = (paragraph, made, dropped.texts[-1] if len(dropped) > before else None)
            else:
                paragraph = _clean_paragraph(raw, index, plan, changes, dropped)
            if paragraph == raw:
                if raw:
                    survivors.append_as_input(index, raw)
            elif paragraph:
                survivors.append(index, paragraph)
    if isinstance(paragraphs, list):
        paragraphs.clear()  # what survives is in survivors; the rest (junk lines) can go now
    if plan.contexts:
        survivors = _drop_in_context(survivors, dropped, plan, changes, split.verbatim)
    # Without code or verse every paragraph is a block of its own, as layout() numbered them.
    if split.keeps_together:
        blocks = regroup(survivors.positions, survivors.texts, split)
        cleaned = join_layout(survivors, blocks, plan.separator, final_newline=config.final_newline)
    else:
        cleaned = join_paragraphs(survivors.texts, plan.separator, final_newline=config.final_newline)
    if changes is not None and cleaned != text and not changes:
        changes.append(_layout_change(text, cleaned, plan))
    return cleaned


def _batches(paragraphs: Sequence[str]) -> Iterator[tuple[int, Sequence[str]]]:
    """The paragraphs in batches, each with the index of its first: a list as it is, and
    Lines read a batch at a time, so that a batch's strings and their scan answers are
    all a long text holds at once."""
    if isinstance(paragraphs, Lines):
        return paragraphs.batches(BATCH_PARAGRAPHS, BATCH_CHARACTERS)
    return iter([(0, paragraphs)])


# The most paragraphs, and characters, a batch of Lines holds (see _batches).
BATCH_PARAGRAPHS = 1024
BATCH_CHARACTERS = 1 << 16


def _layout_change(text: str, cleaned: str, plan: _Plan) -> Change:
    """The change that explains an output differing from its input by layout alone."""
    shown = "one blank line" if plan.separator == "\n\n" else "one line break"
    return Change(
        PARAGRAPH_FORM, "laid out", 0, text, cleaned, f"paragraphs separated by {shown}, ends trimmed"
    )


def _keep_code(line: str, index: int, changes: list[Change] | None) -> str:
    """A line of code as written, tidied (see fixes.tidy_code_line and cleanse.paragraphs)."""
    kept = fixes.tidy_code_line(line)
    if changes is not None and kept != line:
        changes.append(
            Change(PARAGRAPH_FORM, "laid out", index, line, kept, "code kept as written, its line tidied")
        )
    return kept


def _clean_paragraph(
    paragraph: str, index: int, plan: _Plan, changes: list[Change] | None, dropped: _Numbered
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
        before_cuts = paragraph if len(paragraph) <= KEPT_BEFORE_CUTS else None
        for step in plan.spans:
            cuts = step.function(paragraph)
            if cuts:
                after = apply_cuts(paragraph, cuts)
                if after != paragraph:
                    if not after and before_cuts is None:
                        before_cuts = paragraph  # a long paragraph: what the last cut removed
                    if changes is not None:
                        for cut in cuts:
                            span = paragraph[cut.start : cut.end]
                            changes.append(
                                Change(step.name, "cut", index, paragraph, after, cut.reason, span)
                            )
                    paragraph = after
                    cut_something = True
        if not paragraph:
            # Cut away entirely: junk the context rules may read as such (see Document.dropped).
            assert before_cuts is not None
            dropped.append(index, before_cuts)
            return None
        del before_cuts  # the next round holds one copy of a long paragraph, not two
        if not cut_something:
            break
    # One question rules out all the phrase lists for prose (their extra patterns still run).
    no_phrase = bool(plan.phrase_lists) and not phrases.may_match_any(paragraph, plan.phrase_lists)
    for name, rule, extra in plan.non_phrase_rule_calls if no_phrase else plan.rule_calls:
        reason = None if rule is None else rule(paragraph)
        if not reason and extra is not None and extra.fullmatch(paragraph):
            reason = f"matches a configured {name} pattern"
        if reason:
            if changes is not None:
                changes.append(Change(name, "dropped", index, paragraph, "", str(reason)))
            dropped.append(index, paragraph)
            return None
    for name, pattern in plan.context_extras:
        if pattern.fullmatch(paragraph):
            if changes is not None:
                reason = f"matches a configured {name} pattern"
                changes.append(Change(name, "dropped", index, paragraph, "", reason))
            dropped.append(index, paragraph)
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
            changes.append(Change(step.name, "fixed", index, paragraph, stripped, _fix_reason(step)))
        return stripped
    # Every fix is idempotent (a property the tests hold each built-in fix to): given the
    # very text it returned, it would return it again, so it is not asked. On a long
    # paragraph this spares the second, confirming pass of ftfy. Only the fixes that
    # returned the paragraph as it now is are remembered: no earlier copy is kept.
    returned_this: set[str] = set()
    for _ in range(MAX_ROUNDS):
        start = paragraph
        for step in plan.fixes:
            if step.name in returned_this:
                continue
            fixed = step.function(paragraph)
            if fixed != paragraph:
                if changes is not None:
                    changes.append(Change(step.name, "fixed", index, paragraph, fixed, _fix_reason(step)))
                paragraph = fixed
                returned_this = {step.name}
            else:
                returned_this.add(step.name)
        if paragraph == start:
            break
    return paragraph


def _fix_reason(step: FixStep) -> str:
    return step.reason or step.summary


def _drop_in_context(
    survivors: _Numbered,
    dropped: _Numbered,
    plan: _Plan,
    changes: list[Change] | None,
    verbatim: AbstractSet[int] = frozenset(),
) -> _Numbered:
    """Run the context rules on the survivors until none drops anything (a fixed point).

    Lines of code (*verbatim*) are not judged in context; they stay in the document the
    rules see.
    """
    survivors, last = _context_rounds(survivors, dropped, plan, changes, verbatim)
    # A rule may ask for the survivors to be looked at again as a second clean would see
    # them (nothing dropped before, nothing remembered from the first round), so that
    # cleaning twice changes nothing more.
    while last is not None and any(step.needs_fresh_look(last) for step in plan.contexts):
        _release(last)
        again, last = _context_rounds(survivors, _Numbered(), plan, changes, verbatim)
        if len(again) == len(survivors):
            break
        survivors = again
    if last is not None:
        _release(last)
    return survivors


def _release(document: Document) -> None:
    """Let the evidence of a finished document go now: facts refer to their document, and
    without this the cycle would hold a whole document's evidence until the collector runs."""
    document.release()
    document.as_first_seen.release()


def _context_rounds(
    survivors: _Numbered,
    dropped: _Numbered,
    plan: _Plan,
    changes: list[Change] | None,
    verbatim: AbstractSet[int],
) -> tuple[_Numbered, Document | None]:
    """Rounds of the context rules until none drops anything; also the document of the
    survivors (None when none survive)."""
    contexts = plan.contexts
    first: Document | None = None
    document: Document | None = None
    while survivors:
        document = Document(
            paragraphs=survivors.texts,
            dropped=dropped.texts,
            positions=survivors.positions,
            dropped_positions=dropped.positions,
            first=first,
        )
        # The rules that may drop something here: most pages have no template markers,
        # link lists or headlines, and skip those rules without asking each paragraph.
        active = [step for step in contexts if step.may_fire(document)]
        if not active:
            break  # no rule can drop anything: the survivors stay as they are
        kept = survivors.empty()
        for k, (index, paragraph) in enumerate(survivors):
            reason = None
            if index not in verbatim and (plan.protect is None or not plan.protect.search(paragraph)):
                for step in active:
                    reason = step.function(paragraph, document)
                    if reason:
                        if changes is not None:
                            changes.append(Change(step.name, "dropped", index, paragraph, "", str(reason)))
                        break
            if not reason:
                kept.take(survivors, k)
        if len(kept) == len(survivors):
            break
        document.release()  # the next round reads a new document; this one is done
        if first is None:
            first = document
            # Rules that, having run once on this document, cannot drop more from a part of it.
            contexts = [step for step in contexts if not step.only_loses_evidence(document)]
        survivors = kept
    # Every way out of the loop but the last (nothing left) leaves the survivors as the
    # last document holds them.
    return survivors, document if survivors else None
