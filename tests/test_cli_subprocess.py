"""The ``cleanse`` command as a real process: pipes, signals and exit statuses.

Most CLI behaviour is tested in-process (tests/test_cli.py); these few tests need a real
process because they are about what the operating system sees.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
DIRTY = "Title\nSign up for our Daily Briefing newsletter\nThey agree.\nADVERTISEMENT\n"


def cleanse(*argv: str | Path, cwd: Path, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "cleanse", *map(str, argv)], cwd=cwd, env=env, **kwargs
    )


def run(*argv: str | Path, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    process = cleanse(*argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(stdin, timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # config discovery stops here
    return tmp_path


def test_exit_statuses(workdir: Path) -> None:
    (workdir / "dirty.txt").write_text(DIRTY)
    (workdir / "clean.txt").write_text("Title\n\nThey agree.\n")
    assert run("--version", cwd=workdir).returncode == 0
    assert run("--check", "clean.txt", cwd=workdir).returncode == 0
    assert run("--check", "dirty.txt", cwd=workdir).returncode == 1
    for argv in (["missing.txt"], ["--bogus"], ["."], ["--enable", "nothing"]):
        result = run(*argv, cwd=workdir)
        assert result.returncode == 2, argv
        assert result.stderr.startswith(b"cleanse: error: ") or b"\ncleanse: error: " in result.stderr
        assert b"Traceback" not in result.stderr


def test_stdin_to_stdout(workdir: Path) -> None:
    result = run(cwd=workdir, stdin=DIRTY.encode())
    assert (result.returncode, result.stdout, result.stderr) == (0, b"Title\n\nThey agree.\n", b"")


def test_pipe_to_head_exits_quietly(workdir: Path) -> None:
    lines = (json.dumps({"id": i, "text": f"Story number {i}.\nADVERTISEMENT"}) + "\n" for i in range(20000))
    records = "".join(lines)
    (workdir / "big.jsonl").write_text(records)
    producer = cleanse("--jsonl", "big.jsonl", cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert producer.stdout is not None and producer.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=producer.stdout, capture_output=True, timeout=60)
    producer.stdout.close()
    assert producer.wait(timeout=60) == 141
    assert producer.stderr.read() == b""
    assert json.loads(head.stdout) == {"id": 0, "text": "Story number 0."}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("mode", ["text", "jsonl"])
def test_a_reader_that_closes_early_ends_the_run_with_141(workdir: Path, mode: str, jobs: str) -> None:
    """A large write into a pipe whose reader went away must not end as if it had all been written."""
    paragraph = "An ordinary paragraph of a long article, long enough to fill lines. " * 8
    if mode == "text":
        name, argv = "big.txt", ["big.txt"]
        (workdir / name).write_text(f"{paragraph}\nADVERTISEMENT\n\n" * 6000)
    else:
        name, argv = "big.jsonl", ["--jsonl", "big.jsonl"]
        lines = (json.dumps({"id": i, "text": f"{paragraph}\nADVERTISEMENT"}) + "\n" for i in range(6000))
        (workdir / name).write_text("".join(lines))
    assert (workdir / name).stat().st_size > 3_000_000  # far more than a pipe holds
    producer = cleanse(*argv, "--jobs", jobs, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert producer.stdout is not None and producer.stderr is not None
    assert producer.stdout.read(100)  # the reader takes a little, then goes away
    producer.stdout.close()
    assert producer.wait(timeout=60) == 141
    assert producer.stderr.read() == b""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_without_traceback_or_half_written_file(workdir: Path, jobs: str) -> None:
    process = cleanse(
        "--jsonl",
        "--jobs",
        jobs,
        "-o",
        "out.jsonl",
        cwd=workdir,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stderr is not None
    process.stdin.write((json.dumps({"text": DIRTY}) + "\n").encode() * 100)
    process.stdin.flush()  # stdin stays open: cleanse is mid-stream, waiting for more
    deadline = time.monotonic() + 30
    while not any(name.endswith(".tmp") for name in os.listdir(workdir)):
        assert time.monotonic() < deadline, "cleanse never opened its output"
        time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    process.stdin.close()
    assert b"Traceback" not in process.stderr.read()
    assert sorted(os.listdir(workdir)) == [".git"]  # no out.jsonl, no temporary file


def test_closed_stdin_or_stdout_is_a_clear_error(workdir: Path) -> None:
    command = f"{sys.executable} -m cleanse"
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    for redirect, message in (("<&-", b"standard input is closed"), (">&-", b"standard output is closed")):
        line = f"echo x | {command} {redirect}"
        shell = subprocess.run(line, shell=True, cwd=workdir, env=env, capture_output=True, timeout=60)
        assert shell.returncode == 2
        assert message in shell.stderr and b"Traceback" not in shell.stderr


def test_python_m_cleanse_beside_a_folder_named_cleanse(
    workdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Run from a clone's parent folder, where ``cleanse/`` is the clone, not the package."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    neutral = tmp_path_factory.mktemp("neutral")
    probe = subprocess.run(
        [sys.executable, "-c", "import cleanse.cli"], cwd=neutral, env=env, capture_output=True
    )
    if probe.returncode:
        pytest.skip("cleanse is not installed in this interpreter (pip install -e .)")
    (workdir / "cleanse" / "docs").mkdir(parents=True)  # a folder with no __init__.py
    (workdir / "cleanse" / "README.md").write_text("a clone\n")
    for argv, stdin, expected in (
        (["--version"], b"", b"cleanse "),
        (["--no-config"], DIRTY.encode(), b"Title\n\nThey agree.\n"),
    ):
        command = [sys.executable, "-m", "cleanse", *argv]
        result = subprocess.run(command, cwd=workdir, env=env, input=stdin, capture_output=True, timeout=60)
        assert (result.returncode, result.stderr) == (0, b""), result.stderr.decode()
        assert result.stdout.startswith(expected)
