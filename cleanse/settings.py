"""Settings: what applies to one input, from its config file and the command line, and where each came from.

:func:`resolve_settings` finds and reads the config file for an input
(:mod:`cleanse.config_files`) and merges its layers: the file's table, then the site packs
it includes, then the overrides that match the input, each with its own packs. Merging a
layer over what came before: lists extend (``extra_patterns`` per rule, ``protect``,
``include``); a step named in ``enable`` is switched on and a step named in ``disable``
switched off whatever the earlier layers said, so the override wins; ``field`` and
``paragraph_separator`` are replaced. :func:`with_command_line` puts the command line on
top, with the same merge, and :func:`describe` says where every setting came from
(``--show-config``).

An explicit ``config_file`` (``--config``) replaces discovery; ``no_config``
(``--no-config``) ignores every config file. The resolved settings are cached for the
process with the parsed file, so a run over many files compiles each config once.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cleanse.config import DEFAULT_CONFIG, PARAGRAPH_SEPARATOR_NAMES, Config
from cleanse.config_files import SETTING_KEYS, ParsedConfig, find_config, load_config
from cleanse.errors import ConfigError

DEFAULT_FIELD = "text"


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
        parsed = load_config(chosen, explicit=True)
    else:
        start = base if path is None else (path if os.path.isdir(path) else os.path.dirname(path))
        found = find_config(start)
        if found is None:
            return DEFAULT_SETTINGS
        parsed = load_config(found, explicit=False)
    if parsed is None:  # pragma: no cover - find_config() only returns files that count
        return DEFAULT_SETTINGS
    return _settings(parsed, parsed.matching(path))


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

    add("paragraph_separator", separator_name(config.paragraph_separator), origins["paragraph_separator"])
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
    paragraph_separator: str | None = None,
) -> Settings:
    """Return *settings* with the command line's ``--enable``, ``--disable``, ``--field`` and
    ``--paragraph-separator`` (a name: ``blank-line`` or ``newline``) on top.

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
    if paragraph_separator is not None and paragraph_separator not in PARAGRAPH_SEPARATOR_NAMES:
        raise ConfigError(
            f"--paragraph-separator: expected {' or '.join(PARAGRAPH_SEPARATOR_NAMES)}, "
            f"got {paragraph_separator!r}"
        )
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
    if paragraph_separator is not None:
        origins["paragraph_separator"] = "command line (--paragraph-separator)"
        config = config.replace(paragraph_separator=PARAGRAPH_SEPARATOR_NAMES[paragraph_separator])
    return dataclasses.replace(
        settings,
        config=config,
        field=settings.field if field is None else field,
        origins=MappingProxyType(origins),
    )


@lru_cache(maxsize=1024)
def _settings(parsed: ParsedConfig, matched: tuple[int, ...]) -> Settings:
    """Merge the layers of *parsed* that apply (its base, then the overrides *matched*)."""
    layers = parsed.layers(matched)
    enable: dict[str, None] = {}
    disable: dict[str, None] = {}
    extra: dict[str, list[str]] = {}
    protect: list[str] = []
    include: list[Path] = []
    field = DEFAULT_FIELD
    separator = DEFAULT_CONFIG.paragraph_separator
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
        if layer.paragraph_separator is not None:
            separator = layer.paragraph_separator
        for key, value in (
            ("enable", layer.enable),
            ("disable", layer.disable),
            ("extra_patterns", layer.extra_patterns),
            ("protect", layer.protect),
            ("field", layer.field),
            ("paragraph_separator", layer.paragraph_separator),
            ("include", layer.include),
        ):
            if value:
                if key in ("field", "paragraph_separator"):  # replaced, not extended
                    sources[key] = []
                sources[key].append(layer.label)
    try:
        config = Config(
            enable=frozenset(enable),
            disable=frozenset(disable),
            extra_patterns=tuple((rule, tuple(patterns)) for rule, patterns in extra.items()),
            protect=tuple(protect),
            paragraph_separator=separator,
        )
    except ConfigError as exc:  # pragma: no cover - every layer was validated on its own
        raise ConfigError(f"{parsed.path}: {exc}") from None
    origins = {
        key: " + ".join(dict.fromkeys(labels)) if labels else "default" for key, labels in sources.items()
    }
    return Settings(config, field, MappingProxyType(origins), parsed.path, tuple(include))


def separator_name(separator: str) -> str:
    """The name of a paragraph separator, as config files and the command line write it.

    >>> separator_name("\\n")
    'newline'
    """
    return next(name for name, value in PARAGRAPH_SEPARATOR_NAMES.items() if value == separator)


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
