"""Phrase files: a publisher's own lines, one a line, turned into patterns for a rule.

A phrase file is a site pack in plain text (any name not ending in ``.toml``): one phrase
a line, ``#`` comments, ``# rule: NAME`` choosing the rule for the lines below it (without
one, the file's name up to its first dot must be a rule: ``promo_line.txt``,
``promo_line.gazette.txt``). A line is a literal phrase (see :func:`phrase_pattern`) unless
it starts with ``re:``, in which case the rest of the line is a regular expression; a
phrase line holding regex syntax (``.*``, ``\\d``, ``(?:``) is an error, since it would
match nothing.

Nothing here reads a file: :mod:`cleanse.config_files` does, and hands the text over.
"""

from __future__ import annotations

import re

from cleanse.errors import ConfigError
from cleanse.registry import BUILTIN_STEPS

# The rules a phrase can be given to: those that drop a whole paragraph.
RULE_NAMES = tuple(sorted(s.name for s in BUILTIN_STEPS if s.kind in ("rule", "context")))
# Punctuation a literal phrase may end with or without: "Subscribe now" also matches
# "Subscribe now!" and "Subscribe now." (and the other way round).
_END_PUNCTUATION = ".!?:;…"
# Regex syntax that never occurs in a publisher's sentence: a phrase line holding it was
# meant as a regex (copied from a config file or a built-in list) and would match nothing.
_LOOKS_LIKE_REGEX = re.compile(r"\.[*+]|\.\{\d|\\[dswbDSWB]|\(\?[:=!<i]")


def phrase_pattern(phrase: str) -> str:
    """Return the regex for one literal phrase of a phrase file.

    The phrase must make up the whole paragraph, ignoring case (as every extra pattern
    does); any run of spaces matches any run of spaces, a straight apostrophe also matches
    a curly one, and final punctuation is optional. Everything else is literal, so a
    publisher's sentence can be pasted as it is, brackets, dots and question marks
    included; a line starting with ``re:`` is the way to write a regex.

    >>> pattern = phrase_pattern("Don't miss our (free) podcast!")
    >>> bool(re.fullmatch(pattern, "don’t miss our  (FREE) podcast", re.IGNORECASE))
    True
    >>> bool(re.fullmatch(pattern, "Don't miss our free podcast", re.IGNORECASE))
    False
    """
    core = phrase.strip().rstrip(_END_PUNCTUATION).strip() or phrase.strip()
    words = ["['’]".join(re.escape(piece) for piece in re.split("['’]", word)) for word in core.split()]
    # None of the end punctuation needs escaping inside a character class.
    return r"\s+".join(words) + f"[{_END_PUNCTUATION}]*"


def read_phrase_file(text: str, origin: str, default_rule: str | None = None) -> dict[str, list[str]]:
    """Return the patterns of a phrase file, per rule (see the module docs for the format).

    >>> read_phrase_file("# rule: promo_line\\nJoin the Gazette club\\nre:gazette deals?.*\\n", "pack")
    {'promo_line': ['Join\\\\s+the\\\\s+Gazette\\\\s+club[.!?:;…]*', 'gazette deals?.*']}
    """
    rule = default_rule
    out: dict[str, list[str]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            header = re.fullmatch(r"#\s*rule\s*:\s*(\S*)\s*", line)
            if header:
                rule = header[1]
                if rule not in RULE_NAMES:
                    raise ConfigError(
                        f"{origin}: line {number}: # rule: unknown rule {rule!r}; "
                        f"rules: {', '.join(RULE_NAMES)}"
                    )
            continue
        if rule is None:
            raise ConfigError(
                f"{origin}: line {number}: no rule for this phrase; start the file with "
                f"'# rule: NAME' or name it NAME.txt, where NAME is one of: {', '.join(RULE_NAMES)}"
            )
        if line.startswith("re:"):
            pattern = line[3:].strip()
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"{origin}: line {number}: invalid pattern {pattern!r}: {exc}") from None
        elif _LOOKS_LIKE_REGEX.search(line):
            raise ConfigError(
                f"{origin}: line {number}: {line!r} looks like a regular expression, but phrases are "
                f"literal; write 're:{line}' to use it as one"
            )
        else:
            pattern = phrase_pattern(line)
        out.setdefault(rule, []).append(pattern)
    return out
