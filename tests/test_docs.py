"""The documentation keeps up with the code: every step is documented, every example runs.

The idea is sqlite-utils' test_docs: a step that exists in ``cleanse.steps()`` but not in
the README fails here, and so does a README example that no longer runs. Every command
the README shows is run as written:

- the ```python blocks, in order, in one interpreter, one after another;
- the "Command line" section's ```sh lines, each in a folder holding a copy of
  ``examples/``, with ``cleanse`` on the PATH;
- the ``$`` line of the ```console block, its output compared with what is shown;
- every other ```sh line (installs, the quick start, the benchmark), in README order, in
  a copy of the project made a git repository as a clone is (``slow``: they install);
- the pre-commit configuration, filled in with that copy and its commit (``slow``).

Nothing here depends on where the project lives: commands run in temporary folders and
find ``cleanse`` through a shim on the PATH, never by rewriting the command's text.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import cleanse

PROJECT = Path(__file__).resolve().parent.parent
README = (PROJECT / "README.md").read_text(encoding="utf-8")
STEPS = cleanse.steps()
FENCED = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXAMPLES = [body for language, body in FENCED.findall(README) if language == "python"]
# The README's placeholders in the pre-commit snippet, filled in by the test that runs it.
CLONE_PLACEHOLDER = "/path/to/cleanse"
REV_PLACEHOLDER = "COMMIT"


def sections() -> dict[str, str]:
    """The README's ``## `` sections by title."""
    parts = re.split(r"^## (.+)\n", README, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def blocks(text: str, language: str) -> list[str]:
    return [body for lang, body in FENCED.findall(text) if lang == language]


def sh_commands(text: str) -> list[str]:
    """The command lines of *text*'s ```sh blocks, comments and blank lines left out."""
    lines = [
        re.sub(r"\s+#\s.*$", "", line).strip() for block in blocks(text, "sh") for line in block.splitlines()
    ]
    return [line for line in lines if line and not line.startswith("#")]


COMMAND_LINES = sh_commands(sections()["Command line"])
SETUP_COMMANDS = [
    command for title, body in sections().items() if title != "Command line" for command in sh_commands(body)
]


def shim(folder: Path) -> dict[str, str]:
    """An environment whose PATH starts with a ``cleanse`` that runs this interpreter's package."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "cleanse"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cleanse "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}


def bash(command: str, cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run *command* as a user types it in *cwd* (``$PWD`` is *cwd*; a pipe fails if any part does)."""
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env={**env, "PWD": str(cwd)},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# --- steps ---------------------------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_every_step_has_a_name_and_a_summary(step: cleanse.Step) -> None:
    assert step.name
    assert step.documentation.strip(), f"{step.name} has no docstring"
    assert step.summary and step.summary != step.name


@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_every_step_is_in_the_readme(step: cleanse.Step) -> None:
    assert f"`{step.name}`" in README, f"README.md does not mention the step `{step.name}`"


# --- what the README shows is what runs ------------------------------------------------------


def test_every_code_block_is_of_a_kind_the_tests_run_or_read() -> None:
    # sh and console are run, python is run, yaml is the pre-commit snippet (run, slow),
    # toml and text are read by the tests below, tests/test_config_files.py or tests/test_settings.py.
    assert {language for language, _ in FENCED.findall(README)} <= {
        "sh",
        "console",
        "python",
        "text",
        "toml",
        "yaml",
    }


def test_the_readme_has_python_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize(
    "index", range(len(EXAMPLES)), ids=[f"example-{i}" for i in range(1, len(EXAMPLES) + 1)]
)
def test_readme_python_examples_run(index: int) -> None:
    """Run the README's ```python blocks in order in one interpreter (later ones use earlier imports)."""
    if "from cleanse.datatrove import" in EXAMPLES[index] and importlib.util.find_spec("datatrove") is None:
        pytest.skip("datatrove is not installed: pip install '.[datatrove]'")
    namespace: dict[str, object] = {"__name__": "readme_example"}
    with contextlib.redirect_stdout(io.StringIO()):
        for source in EXAMPLES[: index + 1]:
            exec(compile(source, "README.md", "exec"), namespace)


def test_before_and_after_show_the_bundled_example_and_its_actual_output() -> None:
    before, after = blocks(sections()["Before and after"], "text")
    article = (PROJECT / "examples" / "article.txt").read_text(encoding="utf-8")
    assert before == article
    assert after == cleanse.clean(article)


def test_the_readme_has_command_line_examples() -> None:
    assert len(COMMAND_LINES) >= 15


@pytest.mark.parametrize("command", COMMAND_LINES)
def test_readme_command_line_examples_run(command: str, tmp_path: Path) -> None:
    """Each example runs as written, in a folder holding a copy of examples/: exit 0 (1 for
    --check, which found something to clean), and never a traceback."""
    if ("zstd" in command or "zstdcat" in command) and shutil.which("zstd") is None:
        pytest.skip("needs the zstd command-line tools")
    work = tmp_path / "work"
    shutil.copytree(PROJECT / "examples", work / "examples")
    done = bash(command, work, shim(tmp_path / "bin"), timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == (1 if "--check" in command else 0), done.stdout + done.stderr


def test_the_console_example_prints_what_the_readme_shows(tmp_path: Path) -> None:
    (console,) = [b for body in sections().values() for b in blocks(body, "console")]
    command, *shown = console.splitlines()
    assert command.startswith("$ ")
    work = tmp_path / "cleanse"
    shutil.copytree(PROJECT / "examples", work / "examples")
    done = bash(command[2:], work, shim(tmp_path / "bin"), timeout=120)
    assert done.returncode == 0, done.stderr
    printed = done.stdout.replace(str(work), CLONE_PLACEHOLDER).splitlines()
    for line in shown:
        assert line == "..." or line in printed, line


# --- installs, the quick start, pre-commit: slow ---------------------------------------------


def test_every_setup_command_is_run_by_the_slow_tests() -> None:
    # Everything outside "Command line" needs a fresh environment; the slow test below runs
    # all of it. The quick start's two commands are among them.
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/cleanse examples/article.txt"
        in (SETUP_COMMANDS)
    )
    assert any(command.endswith(".venv/bin/python -m pytest -q") for command in SETUP_COMMANDS)
    assert any("git+file://localhost$PWD" in command for command in SETUP_COMMANDS)


def git(*args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's working tree, made a git repository with one commit: what a
    user's clone looks like, wherever the project itself lives."""
    folder = tmp_path_factory.mktemp("clone") / "cleanse"
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "__pycache__", "*.egg-info", ".*_cache", ".hypothesis", "build", "dist"
    )
    shutil.copytree(PROJECT, folder, ignore=ignore)
    git("init", "-q", cwd=folder)
    git("add", "-A", cwd=folder)
    git("commit", "-q", "-m", "clone", cwd=folder)
    return folder


@pytest.mark.slow
def test_readme_setup_commands_run_in_a_clone(clone: Path) -> None:
    """Every ```sh line outside "Command line", in README order, in the clone: exit 0. The
    quick start prints the README's "after"; the test command passes."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CLEANSE_CORPORA")}
    # The clone's own venv, not this one, answers for python and pip.
    ours = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != ours)
    after = blocks(sections()["Before and after"], "text")[1]
    for command in SETUP_COMMANDS:
        done = bash(command, clone, env, timeout=1800)
        assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        if command.endswith("cleanse examples/article.txt"):
            assert done.stdout == after


@pytest.mark.slow
def test_readme_pre_commit_config_runs(clone: Path, tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
        "pre-commit"
    )
    if pre_commit is None:
        pytest.skip("pre-commit is not installed")
    (snippet,) = blocks(sections()["Use with pre-commit"], "yaml")
    assert CLONE_PLACEHOLDER in snippet and f"rev: {REV_PLACEHOLDER}" in snippet
    config = snippet.replace(CLONE_PLACEHOLDER, str(clone)).replace(
        f"rev: {REV_PLACEHOLDER}", f"rev: {git('rev-parse', 'HEAD', cwd=clone)}"
    )
    corpus = tmp_path / "corpus-repo"
    (corpus / "corpus").mkdir(parents=True)
    dirty = (PROJECT / "examples" / "article.txt").read_text(encoding="utf-8")
    (corpus / "corpus" / "article.txt").write_text(dirty, encoding="utf-8")
    (corpus / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git("init", "-q", cwd=corpus)
    git("add", "-A", cwd=corpus)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "home"), PRE_COMMIT_COLOR="never", GIT_CONFIG_GLOBAL=os.devnull)
    done = subprocess.run(
        [pre_commit, "run", "--all-files"], cwd=corpus, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 1, done.stdout + done.stderr  # the hook rewrote a file
    assert "files were modified by this hook" in done.stdout
    assert (corpus / "corpus" / "article.txt").read_text(encoding="utf-8") == cleanse.clean(dirty)
