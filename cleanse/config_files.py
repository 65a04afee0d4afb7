"""Config files: find the one for an input, read it, check every key, read the site packs it includes.

Discovery works as in ruff and black. From the input file's directory (the current
directory for stdin) upward, the first directory holding a config file decides; the walk
stops after the repository root (a directory containing ``.git``) or at the filesystem
root. In one directory the names are tried in this order, and the first that counts wins:

1. ``.cleanse.toml`` (settings at the top level; always counts, even when empty),
2. ``cleanse.toml`` (the same),
3. ``pyproject.toml``, only when it has a ``[tool.cleanse]`` table.

There is no user-wide config file.

Keys (the first five are fields of :class:`cleanse.Config`): ``enable``, ``disable``
(step names), ``extra_patterns`` (rule name -> regexes that each match a whole paragraph,
ignoring case), ``protect`` (regexes), ``paragraph_separator`` (``"blank-line"`` or
``"newline"``), ``field`` (the JSONL field to clean), ``include``
(site packs, paths relative to the config file; a directory includes its ``*.txt`` and
``*.toml`` files in name order), and ``overrides``: a list of tables with ``paths``
(globs relative to the config file's directory) and any of the other keys, applied in
order to the files they match. A file is read into :class:`Layer` s, one per table,
override and pack; :mod:`cleanse.settings` merges them.

A site pack is either TOML with ``extra_patterns`` and ``protect`` (and an optional
``description``), or a phrase file (any other name, see :mod:`cleanse.phrase_files`).

Parsed config files are cached for the process, keyed by path, size and modification
time (the site packs a file includes are read with it, and read again when it changes),
so a run over many files parses and compiles each config once. Which config files a
directory holds is cached by the directory's modification time.

Every problem in a config file is a :class:`~cleanse.errors.ConfigError` whose message
names the file and the key.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cleanse.config import PARAGRAPH_SEPARATOR_NAMES, Config
from cleanse.errors import ConfigError
from cleanse.phrase_files import RULE_NAMES, read_phrase_file

CONFIG_NAMES = (".cleanse.toml", "cleanse.toml", "pyproject.toml")
SETTING_KEYS = ("enable", "disable", "extra_patterns", "protect", "paragraph_separator", "field", "include")
TABLE_KEYS = (*SETTING_KEYS, "overrides")
OVERRIDE_KEYS = ("paths", *SETTING_KEYS)
PACK_KEYS = ("description", "extra_patterns", "protect")


@dataclass(frozen=True)
class Layer:
    """What one table, override or pack contributes, already validated; ``label`` says where
    it was read (``/abs/pyproject.toml [tool.cleanse]``, ``include /abs/pack.txt``)."""

    label: str
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    extra_patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    protect: tuple[str, ...] = ()
    field: str | None = None
    include: tuple[Path, ...] = ()
    paragraph_separator: str | None = None  # the separator itself ("\n\n"), not its name


@dataclass(frozen=True)
class _Override:
    matcher: re.Pattern[str]
    layers: tuple[Layer, ...]


@dataclass(frozen=True, eq=False)
class ParsedConfig:
    """One parsed config file; compared by identity, since the parse is cached."""

    path: Path
    directory: Path
    prefix: str  # the directory with a trailing separator, to find paths below it
    base: tuple[Layer, ...]
    overrides: tuple[_Override, ...]

    def matching(self, target: str | None) -> tuple[int, ...]:
        """The overrides that apply to the absolute path *target* (None: stdin, which matches none)."""
        if target is None or not self.overrides or not target.startswith(self.prefix):
            return ()
        relative = target[len(self.prefix) :].replace(os.sep, "/")
        return tuple(i for i, o in enumerate(self.overrides) if o.matcher.fullmatch(relative))

    def layers(self, matched: Sequence[int]) -> list[Layer]:
        """The base layers, then those of the overrides *matched*, in the order they apply."""
        layers = list(self.base)
        for index in matched:
            layers += self.overrides[index].layers
        return layers


def find_config(directory: str) -> str | None:
    """Return the config file that decides for inputs in *directory* (absolute), or None.

    The walk goes up from *directory* and stops after the repository root.
    """
    while True:
        names, is_root = _look_in(directory)
        for name in names:
            candidate = os.path.join(directory, name)
            if name != "pyproject.toml" or load_config(candidate, explicit=False) is not None:
                return candidate
        parent = os.path.dirname(directory)
        if is_root or parent == directory:
            return None
        directory = parent


def _look_in(directory: str) -> tuple[tuple[str, ...], bool]:
    """Return the config file names present in *directory*, and whether it is a repository root.

    Cached by the directory's modification time, which changes when a file is created,
    removed or renamed in it: one stat per directory level and input file.
    """
    try:
        stamp = os.stat(directory).st_mtime_ns
    except OSError:
        return (), False
    return _look_in_cached(directory, stamp)


@lru_cache(maxsize=4096)
def _look_in_cached(directory: str, stamp: int) -> tuple[tuple[str, ...], bool]:
    names = tuple(name for name in CONFIG_NAMES if os.path.isfile(os.path.join(directory, name)))
    return names, os.path.exists(os.path.join(directory, ".git"))


def load_config(path: str, *, explicit: bool) -> ParsedConfig | None:
    """Parse the config file *path* (*explicit*: named by ``--config``), once while it is unchanged.

    None for a discovered pyproject.toml without ``[tool.cleanse]``, which does not count.
    """
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror}") from None
    return _parse(path, stat.st_mtime_ns, stat.st_size, explicit)


@lru_cache(maxsize=256)
def _parse(name: str, stamp: int, size: int, explicit: bool) -> ParsedConfig | None:
    path = Path(name)
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "cleanse" not in tool:
            if explicit:
                raise ConfigError(f"{path}: no [tool.cleanse] table (--config)")
            return None
        table = tool["cleanse"]
        where, overrides_name = "[tool.cleanse]", "[[tool.cleanse.overrides]]"
        label = f"{path} [tool.cleanse]"
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.cleanse: expected a table, got {_toml_type(table)}")
    else:
        table = data
        where, overrides_name = "", "[[overrides]]"
        label = str(path)
    if explicit:
        label += " (--config)"
    prefix = f"{path}: {where + ': ' if where else ''}"
    if "tool" in table and path.name != "pyproject.toml":
        raise ConfigError(
            f"{path}: unknown key 'tool'; outside pyproject.toml the settings go at the top level, "
            f"without [tool.cleanse]; allowed keys: {', '.join(sorted(TABLE_KEYS))}"
        )
    _check_keys(table, TABLE_KEYS, prefix)
    directory = path.parent
    base = _layers(table, label, prefix, directory)
    overrides: list[_Override] = []
    raw_overrides = table.get("overrides", [])
    if not isinstance(raw_overrides, list) or not all(isinstance(o, dict) for o in raw_overrides):
        raise ConfigError(
            f"{prefix}overrides: expected an array of tables ({overrides_name}), "
            f"got {_toml_type(raw_overrides)}"
        )
    for number, override in enumerate(raw_overrides, 1):
        where_o = f"{path}: {overrides_name} #{number}: "
        _check_keys(override, OVERRIDE_KEYS, where_o)
        if "paths" not in override:
            raise ConfigError(f'{where_o}paths: missing; an override needs paths = ["glob", ...]')
        paths = _strings(override["paths"], f"{where_o}paths")
        if not paths:
            raise ConfigError(f"{where_o}paths: expected at least one glob")
        label_o = f"{overrides_name} paths={paths!r} in {path}"
        matcher = re.compile("|".join(f"(?:{glob_regex(p)})" for p in paths))
        overrides.append(_Override(matcher, _layers(override, label_o, where_o, directory)))
    return ParsedConfig(path, directory, os.path.join(str(directory), ""), base, tuple(overrides))


def _read_utf8(path: Path, unreadable: str, origin: str) -> str:
    """The text of *path*; a ConfigError starting with *unreadable* or *origin* when it cannot be read."""
    try:
        return path.read_bytes().decode("utf-8-sig")  # an editor's byte-order mark is not content
    except OSError as exc:
        raise ConfigError(f"{unreadable}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{origin}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here, as datetime is below: a run that finds no config file never
    # needs them, and a command in a pipe should start quickly.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    text = _read_utf8(path, f"{path}: cannot read config file", str(path))
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return data


def _check_keys(table: Mapping[str, Any], allowed: Sequence[str], prefix: str) -> None:
    for key in table:
        if key not in allowed:
            raise ConfigError(f"{prefix}unknown key {key!r}; allowed keys: {', '.join(sorted(allowed))}")


def _layers(table: Mapping[str, Any], label: str, prefix: str, directory: Path) -> tuple[Layer, ...]:
    """Validate one table's settings; return its layer followed by the layers of its packs."""
    enable = _strings(table.get("enable", []), f"{prefix}enable")
    disable = _strings(table.get("disable", []), f"{prefix}disable")
    protect = _strings(table.get("protect", []), f"{prefix}protect")
    extra = _pattern_table(table.get("extra_patterns", {}), f"{prefix}extra_patterns")
    field = table.get("field")
    if field is not None and (not isinstance(field, str) or not field):
        raise ConfigError(f"{prefix}field: expected a non-empty string, got {_toml_type(field)} {field!r}")
    include = tuple(
        _include(p, directory, f"{prefix}include")
        for p in _strings(table.get("include", []), f"{prefix}include")
    )
    separator = _paragraph_separator(table.get("paragraph_separator"), f"{prefix}paragraph_separator")
    layer = Layer(label, tuple(enable), tuple(disable), extra, tuple(protect), field, include, separator)
    _validate(layer, prefix)
    packs = tuple(_pack(path, f"{prefix}include") for path in _expand(include))
    return (layer, *packs)


def _validate(layer: Layer, prefix: str) -> None:
    """Let the library check step names and patterns, and name the file in its message."""
    try:
        Config(
            enable=frozenset(layer.enable),
            disable=frozenset(layer.disable),
            extra_patterns=layer.extra_patterns,
            protect=layer.protect,
        )
    except ConfigError as exc:
        raise ConfigError(f"{prefix}{exc}") from None


def _paragraph_separator(name: Any, where: str) -> str | None:
    """The separator a ``paragraph_separator`` value names (None when the key is absent)."""
    if name is None:
        return None
    if not isinstance(name, str) or name not in PARAGRAPH_SEPARATOR_NAMES:
        expected = " or ".join(f'"{n}"' for n in PARAGRAPH_SEPARATOR_NAMES)
        raise ConfigError(f"{where}: expected {expected}, got {_toml_type(name)} {_short(name)}")
    return PARAGRAPH_SEPARATOR_NAMES[name]


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: expected an array of strings, got {_toml_type(value)} {_short(value)}")
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(
                f"{where}: expected an array of strings, but it holds {_toml_type(item)} {_short(item)}"
            )
    return list(value)


def _pattern_table(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(
            f"{where}: expected a table of rule names to arrays of regexes, "
            f"got {_toml_type(value)} {_short(value)}"
        )
    return tuple((rule, tuple(_strings(patterns, f"{where}.{rule}"))) for rule, patterns in value.items())


def _include(name: str, directory: Path, where: str) -> Path:
    path = Path(os.path.abspath(directory / Path(name).expanduser()))
    if not path.exists():
        raise ConfigError(f"{where}: no such file or directory {name!r} (looked for {path})")
    return path


def _expand(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix in (".txt", ".toml") and p.is_file())
        else:
            out.append(path)
    return out


def _pack(path: Path, where: str) -> Layer:
    """Read one site pack (TOML or phrase file) into a layer."""
    origin = f"{path} (include)"
    label = f"include {path}"
    if path.suffix == ".toml":
        data = _read_toml(path)
        _check_keys(data, PACK_KEYS, f"{origin}: ")
        description = data.get("description", "")
        if not isinstance(description, str):
            raise ConfigError(f"{origin}: description: expected a string, got {_toml_type(description)}")
        layer = Layer(
            label,
            extra_patterns=_pattern_table(data.get("extra_patterns", {}), f"{origin}: extra_patterns"),
            protect=tuple(_strings(data.get("protect", []), f"{origin}: protect")),
        )
        _validate(layer, f"{origin}: ")
        return layer
    text = _read_utf8(path, f"{where}: cannot read {path}", origin)
    stem = path.name.split(".", 1)[0]
    phrases = read_phrase_file(text, origin, stem if stem in RULE_NAMES else None)
    layer = Layer(label, extra_patterns=tuple((rule, tuple(p)) for rule, p in phrases.items()))
    _validate(layer, f"{origin}: ")
    return layer


# --- small helpers ---------------------------------------------------------------------


def glob_regex(pattern: str) -> str:
    """Translate a path glob (relative, ``/``-separated) into a regex for the whole path.

    ``*`` and ``?`` stay inside one directory level, ``**`` spans any number of levels
    (``a/**/b.txt`` matches ``a/b.txt`` too), ``[abc]`` is a character class, and a
    pattern ending in ``/`` means everything below that directory.

    >>> [bool(re.fullmatch(glob_regex("publisher-a/**"), p)) for p in ("publisher-a/x/y.txt", "b/x.txt")]
    [True, False]
    >>> [bool(re.fullmatch(glob_regex("*.jsonl"), p)) for p in ("a.jsonl", "d/a.jsonl")]
    [True, False]
    """
    if pattern.endswith("/"):
        pattern += "**"
    pattern = pattern.removeprefix("./")
    parts = pattern.split("/")
    out = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]*/)*")
            continue
        chunk, i = "", 0
        while i < len(part):
            char = part[i]
            end = -1
            if char == "[":
                # As in fnmatch: "!" negates, a "]" right after "[" or "[!" is literal, and
                # a "[" that is never closed is itself literal.
                start = i + 1 + part.startswith("!", i + 1)
                end = part.find("]", start + part.startswith("]", start))
            if char == "*":
                chunk += "[^/]*"
            elif char == "?":
                chunk += "[^/]"
            elif end != -1:
                body = part[i + 1 : end]
                negate = body.startswith("!")
                body = (body[1:] if negate else body).replace("\\", "\\\\")
                if body.startswith("^"):
                    body = "\\" + body
                chunk += "[" + ("^" if negate else "") + body + "]"
                i = end
            else:
                chunk += re.escape(char)
            i += 1
        out.append(chunk if last else chunk + "/")
    return "".join(out)


def _toml_type(value: Any) -> str:
    from datetime import date, datetime, time

    names: list[tuple[type, str]] = [
        (bool, "boolean"),
        (int, "integer"),
        (float, "float"),
        (str, "string"),
        (list, "array"),
        (dict, "table"),
        (datetime, "datetime"),
        (date, "date"),
        (time, "time"),
    ]
    return next((name for kind, name in names if isinstance(value, kind)), type(value).__name__)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
