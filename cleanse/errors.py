"""The exceptions cleanse raises; everything a user can cause is a CleanseError."""

from __future__ import annotations


class CleanseError(Exception):
    """A problem the user can fix: bad configuration or bad input, never a bug."""


class ConfigError(CleanseError, ValueError):
    """A configuration names an unknown step, a bad pattern or a wrong value."""


class InputError(CleanseError):
    """Input cannot be read as text: bad encoding, binary data, malformed records."""


class BinaryInputError(InputError):
    """A file that should be text contains NUL bytes, so it is binary data."""


class RecordError(InputError):
    """One JSONL record is unusable: malformed JSON, not an object, or no string field."""


class MissingExtraError(CleanseError):
    """A feature needs an optional dependency that is not installed (the message says how)."""
