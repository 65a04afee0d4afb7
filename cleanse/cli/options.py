"""The command line's options: the argparse parser, then one validated, immutable :class:`Options`.

Nothing after :func:`parse_options` sees argparse: every other part of the command reads
:class:`Options`. The settings for each input (config files, then ``--enable``,
``--disable``, ``--field`` and ``--paragraph-separator`` on top) come from
:mod:`cleanse.settings`, the one place that merges the command line over config files, for
a run and for ``--show-config`` alike.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from cleanse.config import Config
    from cleanse.settings import Settings

OnError = Literal["fail", "skip", "keep"]
Format = Literal["text", "json"]

EPILOG = """\
examples:
  cleanse article.txt                      clean one document to stdout
  cleanse --jsonl dump.jsonl.zst -o clean.jsonl.gz
  zstdcat dump.jsonl.zst | cleanse --jsonl --stats | zstd > clean.jsonl.zst
  cleanse --jsonl --field body --drop-empty --jobs 0 < in.jsonl > out.jsonl
  cleanse --paragraph-separator newline corpus.txt   one paragraph a line
  cleanse --explain article.txt > /dev/null  why each line went (on stderr)
  cleanse --check docs/*.txt               exit 1 when something would change
  cleanse --diff article.txt               what would change, as a unified diff
  cleanse --in-place --disable pull_quote docs/*.txt
  cleanse --jsonl --on-error skip --errors-to bad.jsonl in.jsonl > out.jsonl
  cleanse --html page.html                 the article of a web page, clean
  cleanse --html crawl.warc.gz > pages.jsonl   a JSONL record per HTML response
  cleanse --jsonl --html-field html --field text pages.jsonl

exit status: 0 done (with --check: nothing to change), 1 --check or --diff --check
found changes, 2 errors (bad flag, unreadable or binary file, bad record with
--on-error fail), 130 interrupted (Ctrl-C). Output to a closed pipe (| head) ends
quietly with status 141, like other Unix tools.
"""


def package_version() -> str:
    """Return the version of cleanse, even when a folder named ``cleanse`` hides the package.

    With an editable install, ``python -m cleanse`` run beside a folder named ``cleanse``
    (a clone, say) imports that folder as an empty namespace package while the modules
    still come from the installed package: only the package's own attributes are missing.
    """
    try:
        from cleanse import __version__
    except ImportError:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("cleanse-corpus")
        except PackageNotFoundError:
            return "(unknown version)"
    return __version__


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (also used to check the README documents every flag)."""
    parser = argparse.ArgumentParser(
        prog="cleanse",
        description=(
            "Clean messy scraped text into clean paragraphs: read FILEs (or stdin), write the\n"
            "cleaned text to stdout. Files ending in .gz or .zst are (de)compressed."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("files", nargs="*", metavar="FILE", help="input files; none or - reads stdin")
    add(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (replaced atomically at the end) instead of stdout",
    )
    add("--version", action="version", version=f"cleanse {package_version()}")

    fmt = parser.add_argument_group("input format")
    fmt.add_argument(
        "--jsonl", action="store_true", help="input is JSON Lines: clean one field of every record"
    )
    fmt.add_argument("--field", metavar="NAME", help="the JSONL field to clean (default: text)")
    fmt.add_argument(
        "--paragraph-separator",
        choices=("blank-line", "newline"),
        help="what separates paragraphs: blank-line (the default) or newline (one paragraph a line);"
        " text already laid out so is left as it is",
    )
    fmt.add_argument(
        "--drop-empty", action="store_true", help="leave out records whose text is empty after cleaning"
    )
    fmt.add_argument(
        "--html",
        action="store_true",
        help="input is HTML: each file a page (.warc/.warc.gz: its responses, as JSONL); "
        "the article is extracted, then cleaned (needs the html extra)",
    )
    fmt.add_argument(
        "--html-field",
        metavar="NAME",
        help="with --jsonl: the field holding a page's HTML; the clean text goes to --field",
    )
    fmt.add_argument(
        "--encoding", metavar="NAME", default="utf-8", help="read input in this encoding (default utf-8)"
    )
    fmt.add_argument(
        "--on-error",
        choices=("fail", "skip", "keep"),
        default="fail",
        help="a bad JSONL record: fail (stop, exit 2; the default), skip it, or keep it unchanged",
    )
    fmt.add_argument(
        "--errors-to", metavar="FILE", help="also write every skipped or kept bad record to FILE"
    )

    mode = parser.add_argument_group("what to do")
    mode.add_argument("--check", action="store_true", help="list what would change; exit 1 if anything would")
    mode.add_argument(
        "--diff", action="store_true", help="print a unified diff of what would change; write nothing"
    )
    mode.add_argument("-i", "--in-place", action="store_true", help="rewrite the FILEs atomically")
    mode.add_argument(
        "--explain", action="store_true", help="on stderr: source:record:paragraph step: reason"
    )
    mode.add_argument(
        "--explain-format",
        choices=("text", "json"),
        help="explanations as text (default) or JSONL; implies --explain",
    )
    mode.add_argument("--stats", action="store_true", help="print statistics on stderr at the end")
    mode.add_argument(
        "--stats-format",
        choices=("text", "json"),
        help="statistics as text (default) or JSON; implies --stats",
    )
    mode.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (0: all cores)"
    )
    mode.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no warnings")

    steps = parser.add_argument_group("steps and configuration")
    steps.add_argument(
        "--list-steps", action="store_true", help="list every step and whether it runs, then exit"
    )
    steps.add_argument(
        "--enable", action="append", default=[], metavar="STEP", help="switch a step on (repeatable)"
    )
    steps.add_argument(
        "--disable", action="append", default=[], metavar="STEP", help="switch a step off (repeatable)"
    )
    steps.add_argument("--config", metavar="FILE", help="read settings from this TOML file")
    steps.add_argument("--no-config", action="store_true", help="ignore config files")
    steps.add_argument(
        "--show-config",
        nargs="?",
        const="",
        metavar="FILE",
        help="print the settings that apply (to FILE) and where each came from, then exit",
    )
    return parser


class UsageError(Exception):
    """Options that cannot be used together: reported with the usage line, status 2."""


@dataclass(frozen=True)
class Options:
    """What the command line asks for, checked: the flags' meaning, with nothing left implied.

    ``explain`` and ``stats`` are already true when a format was given for them, and
    ``files`` is empty for stdin (see :attr:`inputs`).
    """

    files: tuple[str, ...] = ()
    output: str | None = None
    jsonl: bool = False
    field: str | None = None
    paragraph_separator: str | None = None  # "blank-line" or "newline"; None: the config's
    html: bool = False
    html_field: str | None = None
    drop_empty: bool = False
    encoding: str = "utf-8"
    on_error: OnError = "fail"
    errors_to: str | None = None
    check: bool = False
    diff: bool = False
    in_place: bool = False
    explain: bool = False
    explain_format: Format = "text"
    stats: bool = False
    stats_format: Format = "text"
    jobs: int = 1
    quiet: bool = False
    list_steps: bool = False
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    config: str | None = None
    no_config: bool = False
    show_config: str | None = None  # "" for stdin; None: not asked for

    @property
    def inputs(self) -> tuple[str, ...]:
        """The inputs to read: the files, or ``-`` (stdin) when there are none."""
        return self.files or ("-",)

    @property
    def reads_warc(self) -> bool:
        """True when some input is a WARC file read as HTML (its output is JSONL)."""
        from cleanse.cli.pages import is_warc

        return self.html and any(is_warc(path) for path in self.files)

    @property
    def writes_output(self) -> bool:
        """True when cleaned text goes to -o FILE or stdout (not with --in-place, --check, --diff)."""
        return not (self.in_place or self.check or self.diff)

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> Options:
        """Return the options *args* describe, or raise :class:`UsageError` for a bad combination."""
        options = cls(
            files=tuple(args.files),
            output=args.output,
            jsonl=args.jsonl,
            field=args.field,
            paragraph_separator=args.paragraph_separator,
            html=args.html or args.html_field is not None,
            html_field=args.html_field,
            drop_empty=args.drop_empty,
            encoding=args.encoding,
            on_error=cast(OnError, args.on_error),
            errors_to=args.errors_to,
            check=args.check,
            diff=args.diff,
            in_place=args.in_place,
            explain=args.explain or args.explain_format is not None,
            explain_format=cast(Format, args.explain_format or "text"),
            stats=args.stats or args.stats_format is not None,
            stats_format=cast(Format, args.stats_format or "text"),
            jobs=args.jobs,
            quiet=args.quiet,
            list_steps=args.list_steps,
            enable=tuple(args.enable),
            disable=tuple(args.disable),
            config=args.config,
            no_config=args.no_config,
            show_config=args.show_config,
        )
        options.validate()
        return options

    def validate(self) -> None:
        """Raise :class:`UsageError` when the options contradict each other."""
        if self.in_place:
            if not self.files or "-" in self.files:
                raise UsageError("--in-place needs FILE arguments (it cannot rewrite stdin)")
            if self.output:
                raise UsageError("--in-place and -o/--output cannot be used together")
            if self.check or self.diff:
                raise UsageError("--in-place writes files; --check and --diff write nothing: pick one")
        if (self.check or self.diff) and self.output:
            raise UsageError("--check and --diff write nothing; drop -o/--output")
        if self.html and (self.in_place or self.check or self.diff):
            raise UsageError(
                "--html turns pages into text: it cannot be used with --in-place, --check or --diff"
            )
        if self.html_field is not None and not self.jsonl:
            raise UsageError("--html-field only applies to --jsonl input")
        if self.jobs < 0:
            raise UsageError("--jobs must be 0 (all cores) or more")
        if not self.jsonl and not self.reads_warc:
            for flag, value in (
                ("--field", self.field),
                ("--drop-empty", self.drop_empty),
                ("--errors-to", self.errors_to),
            ):
                if value:
                    raise UsageError(f"{flag} only applies to --jsonl input")


def parse_options(argv: Sequence[str] | None = None) -> Options:
    """Parse *argv* (default: the command line) into :class:`Options`.

    A usage error, ``--help`` and ``--version`` end in ``SystemExit``, as argparse does.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return Options.from_namespace(args)
    except UsageError as exc:
        parser.error(str(exc))


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Resolved:
    """The configuration and field that apply to one input."""

    config: Config
    field: str


class InputSettings:
    """The settings for each input: its config files, then the command line, resolved once per path.

    Config files can carry per-path overrides, so the settings are resolved for each
    input path rather than per directory; :mod:`cleanse.config_files` caches parsed files,
    so many inputs under one config cost one parse.
    """

    def __init__(self, options: Options) -> None:
        self.options = options
        self._by_path: dict[str, Resolved] = {}

    def for_input(self, path: str) -> Resolved:
        """The configuration that cleans the input *path* (``-`` for stdin), and its JSONL field.

        With ``--jsonl`` the configuration is the one for a field of a record, which has
        no final newline (:func:`cleanse.jsonl.field_config`); a text file ends with one.
        """
        # Without config files every input gets the same settings: resolve them once.
        key = "-" if self.options.no_config and not self.options.config else path
        if key not in self._by_path:
            settings = self.settings(None if key == "-" else key)
            config = settings.config
            if self.options.jsonl:
                from cleanse.jsonl import field_config

                config = field_config(config)
            self._by_path[key] = Resolved(config, settings.field)
        return self._by_path[key]

    def settings(self, path: str | None) -> Settings:
        """The settings for the input file *path* (None: stdin), with the command line on top."""
        from cleanse import settings

        options = self.options
        resolved = settings.resolve_settings(path, config_file=options.config, no_config=options.no_config)
        return settings.with_command_line(
            resolved,
            enable=options.enable,
            disable=options.disable,
            field=options.field,
            paragraph_separator=options.paragraph_separator,
        )
