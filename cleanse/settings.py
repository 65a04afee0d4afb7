"""Project configuration: find the config file for an input, read it, say where each setting came from.

Discovery works as in ruff and black. From the input file's directory (the current
directory for stdin) upward, the first directory holding a config file decides; the walk
stops after the repository root (a directory containing ``.git``) or at the filesystem
root. In one directory the names are tried in this order, and the first that counts wins:

1. ``.cleanse.toml`` (settings at the top level; always counts, even when empty),
2. ``cleanse.toml`` (the same),
3. ``pyproject.toml``, only when it has a ``[tool.cleanse]`` table.

An explicit ``config_file`` (``--config``) replaces discovery; ``no_config``
(``--no-config``) ignores every config file. There is no user-wide config file.

Keys (the first four are the fields of :class:`cleanse.Config`): ``enable``, ``disable``
(step names), ``extra_patterns`` (rule name -> regexes that each match a whole paragraph,
ignoring case), ``protect`` (regexes), ``field`` (the JSONL field to clean), ``include``
(site packs, paths relative to the config file; a directory includes its ``*.txt`` and
``*.toml`` files in name order), and ``overrides``: a list of tables with ``paths``
(globs relative to the config file's directory) and any of the other keys, applied in
order to the files they match. Merging a layer over what came before: lists extend
(``extra_patterns`` per rule, ``protect``, ``include``); a step named in ``enable`` is
switched on and a step named in ``disable`` switched off whatever the earlier layers said,
so the override wins; ``field`` is replaced.

A site pack is either TOML with ``extra_patterns`` and ``protect`` (and an optional
``description``), or a phrase file (any other name): one phrase a line, ``#`` comments,
``# rule: NAME`` choosing the rule for the lines below it (without one, the file's name up
to its first dot must be a rule: ``promo_line.txt``, ``promo_line.gazette.txt``). A line
is a literal phrase (see :func:`phrase_pattern`) unless it starts with ``re:``, in which
case the rest of the line is a regular expression; a phrase line holding regex syntax
(``.*``, ``\\d``, ``(?:``) is an error, since it would match nothing.

Parsed config files are cached for the process, keyed by path, size and modification
time (the site packs a file includes are read with it, and read again when it changes),
and so are the resolved settings, so a run over many files parses and compiles each
config once. Which config files a directory holds is cached by the directory's
modification time.

Every problem in a config file is a :class:`~cleanse.errors.ConfigError` whose message
names the file and the key.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cleanse.config import Config
from cleanse.errors import ConfigError
from cleanse.registry import BUILTIN_STEPS

CONFIG_NAMES = (".cleanse.toml", "cleanse.toml", "pyproject.toml")
SETTING_KEYS = ("enable", "disable", "extra_patterns", "protect", "field", "include")
TABLE_KEYS = (*SETTING_KEYS, "overrides")
OVERRIDE_KEYS = ("paths", *SETTING_KEYS)
PACK_KEYS = ("description", "extra_patterns", "protect")
DEFAULT_FIELD = "text"
RULE_NAMES = tuple(sorted(s.name for s in BUILTIN_STEPS if s.kind in ("rule", "context")))
# Punctuation a literal phrase may end with or without: "Subscribe now" also matches
# "Subscribe now!" and "Subscribe now." (and the other way round).
_END_PUNCTUATION = ".!?:;…"
# Regex syntax that never occurs in a publisher's sentence: a phrase line holding it was
# meant as a regex (copied from a config file or a built-in list) and would match nothing.
_LOOKS_LIKE_REGEX = re.compile(r"\.[*+]|\.\{\d|\\[dswbDSWB]|\(\?[:=!<i]")


def _default_origins() -> Mapping[str, str]:
    return MappingProxyType(dict.fromkeys(SETTING_KEYS, "default"))


@dataclass(frozen=True)
class Settings:
    """The effective settings for one input: the library Config, the JSONL field, and origins.

    ``origins`` maps each key of :data:`SETTING_KEYS`, and ``extra_patterns.RULE`` for each
    rule given patterns, to where its value came from:
    ``default``, a config file (``/abs/pyproject.toml [tool.cleanse]``,
    ``/abs/x.toml (--config)``), an override (``[[tool.cleanse.overrides]] paths=[...] in
    /abs/pyproject.toml``) or an included pack (``include /abs/pack.txt``), joined with
    `` + `` when several layers contributed. ``config_file`` is the file used (None when
    none was) and ``include`` the packs loaded, in order.
    """

    config: Config = dataclasses.field(default_factory=Config)
    field: str = DEFAULT_FIELD
    origins: Mapping[str, str] = dataclasses.field(default_factory=_default_origins)
    config_file: Path | None = None
    include: tuple[Path, ...] = ()


DEFAULT_SETTINGS = Settings()


def resolve_settings(
    target: Path | str | None,
    *,
    config_file: Path | str | None = None,
    no_config: bool = False,
    cwd: Path | str | None = None,
) -> Settings:
    """Return the effective settings for the input file *target* (None for stdin).

    A relative *target* or *config_file* is taken relative to *cwd* (default: the
    process's current directory), where discovery also starts for stdin. Overrides match
    *target*'s path relative to the config file's directory; stdin matches none.
    """
    if no_config and config_file is not None:
        raise ConfigError("--config and --no-config cannot be used together")
    if no_config:
        return DEFAULT_SETTINGS
    # Plain strings and os.path here, not pathlib: this runs once per input file.
    base = os.path.abspath(cwd if cwd is not None else os.getcwd())
    path = os.path.abspath(os.path.join(base, target)) if target is not None else None
    if config_file is not None:
        chosen = os.path.abspath(os.path.join(base, config_file))
        if not os.path.isfile(chosen):
            raise ConfigError(f"{chosen}: no such config file (--config)")
        parsed = _load(chosen, explicit=True)
    else:
        start = base if path is None else (path if os.path.isdir(path) else os.path.dirname(path))
        found = _discover(start)
        if found is None:
            return DEFAULT_SETTINGS
        parsed = _load(found, explicit=False)
    if parsed is None:  # pragma: no cover - _discover() only returns files that count
        return DEFAULT_SETTINGS
    matched: tuple[int, ...] = ()
    if path is not None and parsed.overrides and path.startswith(parsed.prefix):
        relative = path[len(parsed.prefix) :].replace(os.sep, "/")
        matched = tuple(i for i, o in enumerate(parsed.overrides) if o.matcher.fullmatch(relative))
    return _settings(parsed, matched)


def _discover(directory: str) -> str | None:
    while True:
        names, is_root = _look_in(directory)
        for name in names:
            candidate = os.path.join(directory, name)
            if name != "pyproject.toml" or _load(candidate, explicit=False) is not None:
                return candidate
        parent = os.path.dirname(directory)
        if is_root or parent == directory:
            return None
        directory = parent


def describe(settings: Settings) -> str:
    """Return every effective setting and where it came from, as ``--show-config`` prints it.

    The values are written as TOML, so the output can be pasted into a config file.

    >>> print(describe(Settings()).splitlines()[0])
    # config file: none (built-in defaults)
    """
    config = settings.config
    origins = settings.origins
    source = str(settings.config_file) if settings.config_file else "none (built-in defaults)"
    lines = [f"# config file: {source}"]

    def add(key: str, value: Any, origin: str) -> None:
        line = f"{key} = {_toml_value(value)}"
        if isinstance(value, list) and len(line) > 88:
            # One item a line: long patterns stay readable, and it is still TOML.
            lines.extend([f"{key} = [  # from {origin}", *(f"    {_toml_value(v)}," for v in value), "]"])
        else:
            lines.append(f"{line}  # from {origin}")

    add("field", settings.field, origins["field"])
    add("enable", sorted(config.enable), origins["enable"])
    add("disable", sorted(config.disable), origins["disable"])
    add("protect", list(config.protect), origins["protect"])
    add("include", [str(p) for p in settings.include], origins["include"])
    if config.extra_patterns:
        for rule, patterns in config.extra_patterns:
            add(f"extra_patterns.{rule}", list(patterns), origins.get(f"extra_patterns.{rule}", "default"))
    else:
        add("extra_patterns", {}, origins["extra_patterns"])
    running = [s.name for s in config.all_steps if config.is_enabled(s.name)]
    off = [s.name for s in config.all_steps if not config.is_enabled(s.name)]
    lines.append(f"# steps that run, in order: {', '.join(running) or '(none)'}")
    lines.append(f"# steps off: {', '.join(off) or '(none)'}")
    return "\n".join(lines) + "\n"


def with_command_line(
    settings: Settings,
    *,
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    field: str | None = None,
) -> Settings:
    """Return *settings* with the command line's ``--enable``, ``--disable`` and ``--field`` on top.

    The command line wins over every config file, with the same merge as an override: a
    step named in ``--enable`` runs even if a config disabled it, and the other way round
    (both given for one step: ``--disable`` wins, as in :class:`~cleanse.Config`).
    ``origins`` then says ``command line`` for what it changed, so ``--show-config`` with
    these flags shows the settings a run with them would use.

    >>> s = with_command_line(Settings(), disable=["pull_quote"], field="body")
    >>> sorted(s.config.disable), s.field, s.origins["disable"], s.origins["enable"]
    (['pull_quote'], 'body', 'command line (--disable)', 'default')
    """
    enable, disable = frozenset(enable), frozenset(disable)
    for flag, names in (("--enable", enable), ("--disable", disable)):
        try:
            Config(enable=names) if flag == "--enable" else Config(disable=names)
        except ConfigError as exc:
            raise ConfigError(f"--{exc}") from None
    if field is not None and not field:
        raise ConfigError("--field: expected a field name, got an empty string")
    config = settings.config
    origins = dict(settings.origins)

    def note(key: str, flag: str) -> None:
        origins[key] = (
            f"command line ({flag})"
            if origins[key] == "default"
            else f"{origins[key]} + command line ({flag})"
        )

    if enable or disable:
        new_enable = (config.enable - disable) | enable
        new_disable = (config.disable - enable) | disable
        if new_enable != config.enable:
            note("enable", "--enable" if enable else "--disable")
        if new_disable != config.disable:
            note("disable", "--disable" if disable else "--enable")
        config = config.replace(enable=new_enable, disable=new_disable)
    if field is not None:
        origins["field"] = "command line (--field)"
    return dataclasses.replace(
        settings,
        config=config,
        field=settings.field if field is None else field,
        origins=MappingProxyType(origins),
    )


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


# --- reading files -------------------------------------------------------------------


@dataclass(frozen=True)
class _Layer:
    """What one table, override or pack contributes, already validated."""

    label: str
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    extra_patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    protect: tuple[str, ...] = ()
    field: str | None = None
    include: tuple[Path, ...] = ()


@dataclass(frozen=True)
class _Override:
    matcher: re.Pattern[str]
    layers: tuple[_Layer, ...]


@dataclass(frozen=True, eq=False)
class _Parsed:
    """One parsed config file; compared by identity, since the parse is cached."""

    path: Path
    directory: Path
    prefix: str  # the directory with a trailing separator, to find paths below it
    base: tuple[_Layer, ...]
    overrides: tuple[_Override, ...]


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


def _load(path: str, *, explicit: bool) -> _Parsed | None:
    """Parse the config file *path*; None for a discovered pyproject.toml without [tool.cleanse]."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror}") from None
    return _parse(path, stat.st_mtime_ns, stat.st_size, explicit)


@lru_cache(maxsize=256)
def _parse(name: str, stamp: int, size: int, explicit: bool) -> _Parsed | None:
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
    return _Parsed(path, directory, os.path.join(str(directory), ""), base, tuple(overrides))


def _read_utf8(path: Path, unreadable: str, origin: str) -> str:
    """The text of *path*; a ConfigError starting with *unreadable* or *origin* when it cannot be read."""
    try:
        return path.read_bytes().decode("utf-8-sig")  # an editor's byte-order mark is not content
    except OSError as exc:
        raise ConfigError(f"{unreadable}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{origin}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here, as json and datetime below: a run that finds no config file never
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


def _layers(table: Mapping[str, Any], label: str, prefix: str, directory: Path) -> tuple[_Layer, ...]:
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
    layer = _Layer(label, tuple(enable), tuple(disable), extra, tuple(protect), field, include)
    _validate(layer, prefix)
    packs = tuple(_pack(path, f"{prefix}include") for path in _expand(include))
    return (layer, *packs)


def _validate(layer: _Layer, prefix: str) -> None:
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


def _pack(path: Path, where: str) -> _Layer:
    """Read one site pack (TOML or phrase file) into a layer."""
    origin = f"{path} (include)"
    label = f"include {path}"
    if path.suffix == ".toml":
        data = _read_toml(path)
        _check_keys(data, PACK_KEYS, f"{origin}: ")
        description = data.get("description", "")
        if not isinstance(description, str):
            raise ConfigError(f"{origin}: description: expected a string, got {_toml_type(description)}")
        layer = _Layer(
            label,
            extra_patterns=_pattern_table(data.get("extra_patterns", {}), f"{origin}: extra_patterns"),
            protect=tuple(_strings(data.get("protect", []), f"{origin}: protect")),
        )
        _validate(layer, f"{origin}: ")
        return layer
    text = _read_utf8(path, f"{where}: cannot read {path}", origin)
    stem = path.name.split(".", 1)[0]
    phrases = read_phrase_file(text, origin, stem if stem in RULE_NAMES else None)
    layer = _Layer(label, extra_patterns=tuple((rule, tuple(p)) for rule, p in phrases.items()))
    _validate(layer, f"{origin}: ")
    return layer


# --- merging ---------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _settings(parsed: _Parsed, matched: tuple[int, ...]) -> Settings:
    layers = list(parsed.base)
    for index in matched:
        layers += parsed.overrides[index].layers
    enable: dict[str, None] = {}
    disable: dict[str, None] = {}
    extra: dict[str, list[str]] = {}
    protect: list[str] = []
    include: list[Path] = []
    field = DEFAULT_FIELD
    sources: dict[str, list[str]] = {key: [] for key in SETTING_KEYS}
    for layer in layers:
        for name in layer.enable:
            enable[name] = None
            if name in disable:
                del disable[name]
                sources["disable"].append(layer.label)
        for name in layer.disable:
            disable[name] = None
            if name in enable:
                del enable[name]
                sources["enable"].append(layer.label)
        for rule, patterns in layer.extra_patterns:
            extra.setdefault(rule, []).extend(patterns)
            sources.setdefault(f"extra_patterns.{rule}", []).append(layer.label)
        protect += layer.protect
        include += layer.include
        if layer.field is not None:
            field = layer.field
        for key, value in (
            ("enable", layer.enable),
            ("disable", layer.disable),
            ("extra_patterns", layer.extra_patterns),
            ("protect", layer.protect),
            ("field", layer.field),
            ("include", layer.include),
        ):
            if value:
                if key == "field":
                    sources[key] = []
                sources[key].append(layer.label)
    try:
        config = Config(
            enable=frozenset(enable),
            disable=frozenset(disable),
            extra_patterns=tuple((rule, tuple(patterns)) for rule, patterns in extra.items()),
            protect=tuple(protect),
        )
    except ConfigError as exc:  # pragma: no cover - every layer was validated on its own
        raise ConfigError(f"{parsed.path}: {exc}") from None
    origins = {
        key: " + ".join(dict.fromkeys(labels)) if labels else "default" for key, labels in sources.items()
    }
    return Settings(config, field, MappingProxyType(origins), parsed.path, tuple(include))


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


def _toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return (
            "{}"
            if not value
            else "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
        )
    import json

    # A JSON string is a TOML basic string, except that TOML does not allow a raw DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
