"""The document a context rule sees: the paragraphs still standing and the junk already found.

It holds no rule's evidence itself: each context rule reads what it needs from the
paragraphs through :meth:`Document.fact`, which computes a fact once per document (a
round of context rules asks about every paragraph, and most facts are about the whole
page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Document:
    """The paragraphs still standing, as context rules see them, and the junk already found.

    Context rules are run again on the survivors until none drops anything, so each
    decision depends on paragraphs that are in the output, plus ``dropped``: the
    paragraphs the line rules removed, which tell what kind of page this was (a site that
    prints its app promo in capitals also injects headlines in capitals). A context rule
    may only drop *more* when more was dropped; that keeps cleaning twice the same as
    cleaning once, because a second pass finds no line junk left.

    >>> Document(["Title", "Text."]).paragraphs[0]
    'Title'
    """

    paragraphs: Sequence[str]
    dropped: Sequence[str] = ()
    #: Input positions of ``paragraphs`` and of ``dropped``, when known: they say which
    #: survivors came right after a dropped "READ MORE:" header.
    positions: Sequence[int] = ()
    dropped_positions: Sequence[int] = ()
    #: The document of the first round of context rules, in later rounds: what the page
    #: looked like before any context rule dropped anything (a list of links, once its
    #: items are gone, would make the lines after it look like its continuation).
    first: Document | None = None
    _facts: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def as_first_seen(self) -> Document:
        """The document of the first round of context rules (this one, in the first round)."""
        return self.first if self.first is not None else self

    @cached_property
    def joined(self) -> str:
        """The paragraphs joined by line breaks: one search there answers for all of them."""
        return "\n".join(self.paragraphs)

    @cached_property
    def size(self) -> int:
        """The length of :attr:`joined`, known without joining."""
        return sum(map(len, self.paragraphs)) + len(self.paragraphs) - 1 if self.paragraphs else 0

    def anywhere(self, found_in: Callable[[str], bool]) -> bool:
        """``found_in`` of the paragraphs joined by line breaks: for a test that no line break
        can start (a search for characters that are not one), the same as asking each
        paragraph. A long document is asked a run of paragraphs at a time, so that it is
        not copied whole (see JOINED_AT_MOST).
        """
        if len(self.paragraphs) > 1 and self.size > JOINED_AT_MOST:
            return any(map(found_in, _joined_runs(self.paragraphs)))
        return found_in(self.joined)

    def release(self) -> None:
        """Forget the facts computed so far (they are computed again if asked): a document
        the rules are done with keeps only its paragraphs, so that a later round holds one
        document's evidence at a time."""
        self._facts.clear()
        self.__dict__.pop("joined", None)

    def fact(self, compute: Callable[[Document], T]) -> T:
        """``compute(self)``, computed once for this document and kept.

        A context rule keeps its evidence about the page here, keyed by the function (or
        class) that computes it, so it is read once per round however many paragraphs ask.
        """
        found = self._facts.get(compute, _MISSING)
        if found is _MISSING:
            found = self._facts[compute] = compute(self)
        return found  # type: ignore[no-any-return]


# Past this many characters a document is searched paragraph by paragraph (Document.anywhere):
# one search of the joined text is quicker, and the copy it needs is the page again.
JOINED_AT_MOST = 100_000
RUN_CHARACTERS = 1 << 14


def _joined_runs(paragraphs: Iterable[str]) -> Iterator[str]:
    """Runs of consecutive *paragraphs* joined by line breaks, each about RUN_CHARACTERS
    long (a longer paragraph alone): one search per run, and no copy of the whole text."""
    run: list[str] = []
    size = 0
    for paragraph in paragraphs:
        run.append(paragraph)
        size += len(paragraph) + 1
        if size >= RUN_CHARACTERS:
            yield "\n".join(run)
            run, size = [], 0
    if run:
        yield "\n".join(run)


_MISSING = object()  # a fact may be None or False; this never is
