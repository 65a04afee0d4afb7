"""Load the phrase lists in this folder: one compiled, case-insensitive pattern per rule.

The lists are data (see README.md here); this module only reads and compiles them,
once per process, so a rule costs one regular-expression match per paragraph.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from cleanse.errors import ConfigError


def phrase_files(rule: str) -> list[str]:
    """Return the names of the phrase files of *rule*, one per language, sorted."""
    folder = resources.files(__package__)
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name.startswith(rule + ".") and entry.name.endswith(".txt")
    )


def read_phrases(text: str) -> list[str]:
    """Return the patterns of one phrase file: its lines minus blanks and ``#`` comments.

    >>> read_phrases("# promo lines\\nclick here.*\\n\\n  subscribe now  \\n")
    ['click here.*', 'subscribe now']
    """
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


LEADING_GLOBAL_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


def scope_inline_flags(pattern: str) -> str:
    """Turn the global flags a pattern starts with into a scoped group, so it can be joined.

    Python accepts ``(?i)`` only at the very start of an expression, and joining patterns
    into one alternation moves it to the middle; ``(?i:...)`` means the same and may go
    anywhere.

    >>> scope_inline_flags("(?i)editor's note")
    "(?i:editor's note)"
    >>> scope_inline_flags("no flags")
    'no flags'
    """
    flags = ""
    while match := LEADING_GLOBAL_FLAGS.match(pattern):
        flags += match.group(1)
        pattern = pattern[match.end() :]
    if not flags:
        return pattern
    # In verbose mode a trailing comment would swallow the closing parenthesis.
    return f"(?{flags}:{pattern}\n)" if "x" in flags else f"(?{flags}:{pattern})"


def compile_pattern(pattern: str, origin: str, flags: int = 0) -> re.Pattern[str]:
    """Compile one user-given regular expression, or raise a ``ConfigError`` that quotes it
    and says where it came from: the one place a bad pattern becomes a user's error.

    >>> compile_pattern("(unclosed", "protect")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleanse.errors.ConfigError: protect: invalid pattern '(unclosed': missing ), ...
    """
    if not isinstance(pattern, str):
        raise ConfigError(f"{origin}: a pattern is a string, not {type(pattern).__name__}")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ConfigError(f"{origin}: invalid pattern {pattern!r}: {exc}") from None


def compile_whole_paragraph(
    patterns: list[str], origin: str, *, validate: bool = True
) -> re.Pattern[str] | None:
    """Join *patterns* into one case-insensitive alternation that must match a whole paragraph.

    A pattern that does not compile alone is a ``ConfigError`` that quotes it and says where
    it came from, so a user's own phrase list fails loudly instead of matching nothing
    (or, with an unbalanced parenthesis, swallowing its neighbours). The built-in lists
    skip that check at run time, where it would double the start-up cost; a test runs it.
    """
    for pattern in patterns if validate else ():
        compile_pattern(pattern, origin)
    if not patterns:
        return None
    # Trailing punctuation never turns a line of boilerplate into prose.
    alternation = "|".join(f"(?:{scope_inline_flags(p)})" for p in patterns)
    return re.compile(f"(?:{alternation})[\\s.!?:;,…*\"'”’)\\]]*", re.IGNORECASE)


@cache
def builtin_phrases(rule: str) -> tuple[str, ...]:
    """Return the built-in phrases of *rule*, every language, in file order.

    >>> "newsletters?" in builtin_phrases("promo_line")
    True
    """
    folder = resources.files(__package__)
    patterns: list[str] = []
    for name in phrase_files(rule):
        patterns += read_phrases(folder.joinpath(name).read_text(encoding="utf-8"))
    return tuple(_WORD_LIST.sub(lambda m: word_alternation(m[1]), p) for p in patterns)


# ``{words:NAME}`` in a built-in phrase stands for the word list NAME as one alternation:
# a vocabulary two rules read (the photo agencies) is written once.
_WORD_LIST = re.compile(r"\{words:(\w+)\}")


@cache
def builtin_pattern(rule: str) -> re.Pattern[str] | None:
    """Return the compiled built-in phrase list of *rule* in every language, or None."""
    patterns = list(builtin_phrases(rule))
    return compile_whole_paragraph(patterns, f"cleanse/patterns/{rule}.*.txt", validate=False)


@cache
def word_list(name: str) -> tuple[str, ...]:
    """Return the entries of the word list ``words/<name>.txt`` (regular expressions).

    Word lists are the vocabulary a rule's logic reads (abbreviations, the words of
    template talk, link headers): data kept apart from the code, like the phrase lists,
    but fragments a rule builds into its own pattern rather than whole paragraphs.

    >>> "sen" in word_list("abbreviation")
    True
    """
    text = resources.files(__package__).joinpath("words").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return tuple(read_phrases(text))


def word_alternation(name: str) -> str:
    """The word list *name* as one non-capturing alternation, in file order.

    >>> word_alternation("photo_agency").startswith("(?:AP|AFP|")
    True
    """
    return "(?:" + "|".join(word_list(name)) + ")"
