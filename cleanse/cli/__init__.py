"""The ``cleanse`` command: a Unix filter over the library, with no cleaning of its own.

:mod:`~cleanse.cli.options` turns the command line into :class:`~cleanse.cli.options.Options`
and the settings of each input, :mod:`~cleanse.cli.reading` turns inputs into tasks,
:mod:`~cleanse.cli.tasks` runs them (in worker processes with ``--jobs``), and
:mod:`~cleanse.cli.writing` and :mod:`~cleanse.cli.reporting` decide where results,
explanations, statistics and errors go. Everything heavy is imported inside the
functions that need it, so ``cleanse --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cleanse.cli.options import InputSettings, Options, parse_options
from cleanse.cli.status import (
    EXIT_BROKEN_PIPE,
    EXIT_CHANGES,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
)

if TYPE_CHECKING:
    from cleanse.config import Config

__all__ = ["main", "process"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cleanse`` with *argv* (default: the command line); return the exit status.

    0 done (with ``--check``: nothing would change), 1 ``--check`` found changes, 2 an
    error (reported as ``cleanse: error: ...``), 130 interrupted, 141 output pipe closed.
    """
    try:
        options = parse_options(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (status 2)
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    return _guarded(lambda: _dispatch(options))


def _dispatch(options: Options) -> int:
    if options.show_config is not None:
        return show_config(options)
    if options.list_steps:
        return list_steps(InputSettings(options).for_input("-").config)
    return process(options)


def show_config(options: Options) -> int:
    """Print the settings that apply to ``--show-config FILE`` (or stdin), and their origins.

    They are the settings a run with the same options uses for that input: both come
    from :meth:`InputSettings.settings <cleanse.cli.options.InputSettings.settings>`.
    """
    from cleanse import settings

    resolved = InputSettings(options).settings(options.show_config or None)
    sys.stdout.write(settings.describe(resolved).rstrip("\n") + "\n")
    return EXIT_OK


def list_steps(config: Config) -> int:
    """Print every step in pipeline order: name, kind, whether it runs, what it does."""
    from cleanse.pipeline import steps

    for step in steps(config):
        state = "on" if config.is_enabled(step.name) else "off"
        sys.stdout.write(f"{step.name:24} {step.kind:9} {state:3} {step.summary}\n")
    return EXIT_OK


def process(options: Options) -> int:
    """Clean every input as *options* say; return the exit status."""
    from cleanse.cli import reporting
    from cleanse.cli.reading import Reader, total_size
    from cleanse.cli.tasks import IN_FLIGHT_PER_JOB, Want, cores, executor_for, in_order
    from cleanse.cli.writing import Run
    from cleanse.io import check_encoding

    check_encoding(options.encoding)
    if options.html:
        from cleanse.html import require_trafilatura

        require_trafilatura()  # a missing extra is one line of error, before any work
    if sys.stdout is None and not (options.output or options.in_place):  # started with >&-
        from cleanse.errors import CleanseError

        raise CleanseError("standard output is closed; use -o FILE")
    settings = InputSettings(options)
    paths = options.inputs
    settings.for_input(paths[0])  # a bad --enable/--disable or config file fails before any work
    want = Want(changes=options.explain or options.stats or options.check, texts=options.diff)
    show_progress = not options.quiet and reporting.isatty(sys.stderr)
    unit = "records" if options.jsonl else "documents"
    progress = reporting.Progress(show_progress, total_size(paths), unit)
    stats = reporting.Stats()
    run = Run(options, stats, progress)
    jobs = cores() if options.jobs == 0 else options.jobs
    executor = executor_for(jobs)
    try:
        run.open()
        events = Reader(options, settings, want).events(paths)
        run.consume(in_order(events, executor, max(1, jobs) * IN_FLIGHT_PER_JOB))
        run.commit()
    except BaseException:
        run.discard()
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        progress.clear()
    if executor is not None:
        executor.shutdown()
    if options.stats:
        sys.stderr.write(stats.render(options.stats_format))
    if run.status:
        return run.status
    return EXIT_CHANGES if options.check and run.would_change else EXIT_OK


def _guarded(action: Callable[[], int]) -> int:
    """Turn every way a run can end into an exit status, without a traceback for users."""
    from cleanse.errors import CleanseError

    try:
        status = action()
        if sys.stdout is not None:
            sys.stdout.flush()
        return status
    except CleanseError as exc:
        _flush_quietly()
        sys.stderr.write(f"cleanse: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _flush_quietly()
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_broken_pipe()
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # disk full, output gone away: a clear message, not a traceback
        _flush_quietly()
        sys.stderr.write(
            f"cleanse: error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}\n"
        )
        return EXIT_ERROR


def _quiet_broken_pipe() -> None:
    # Point stdout at /dev/null so the interpreter's final flush does not complain again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _flush_quietly() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except (OSError, ValueError, AttributeError):
        pass
