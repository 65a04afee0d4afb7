"""The documentation keeps up with the code: every step is documented, every example runs.

The idea is sqlite-utils' test_docs: a step that exists in ``cleanse.steps()`` but not in
the README fails here, and so does a README example that no longer runs.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleanse

PROJECT = Path(__file__).resolve().parent.parent
README = (PROJECT / "README.md").read_text(encoding="utf-8")
STEPS = cleanse.steps()
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXAMPLES = PYTHON_BLOCK.findall(README)


@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_every_step_has_a_name_and_a_summary(step: cleanse.Step) -> None:
    assert step.name
    assert step.documentation.strip(), f"{step.name} has no docstring"
    assert step.summary and step.summary != step.name


@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_every_step_is_in_the_readme(step: cleanse.Step) -> None:
    assert f"`{step.name}`" in README, f"README.md does not mention the step `{step.name}`"


def test_the_readme_has_python_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize(
    "index", range(len(EXAMPLES)), ids=[f"example-{i}" for i in range(1, len(EXAMPLES) + 1)]
)
def test_readme_python_examples_run(index: int) -> None:
    """Run the README's ```python blocks in order, as one session (later ones use earlier imports)."""
    if "from cleanse.datatrove import" in EXAMPLES[index] and importlib.util.find_spec("datatrove") is None:
        pytest.skip("datatrove is not installed: pip install 'cleanse-corpus[datatrove]'")
    namespace: dict[str, object] = {"__name__": "readme_example"}
    with contextlib.redirect_stdout(io.StringIO()):
        for source in EXAMPLES[: index + 1]:
            exec(compile(source, "README.md", "exec"), namespace)


def _command_line_examples() -> list[str]:
    """The command lines of the README's "Command line" section, comments left out."""
    section = README.split("\n## Command line\n", 1)[1].split("\n## ", 1)[0]
    lines = [
        re.sub(r"\s+#\s.*$", "", line).strip()
        for block in re.findall(r"^```sh\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
        for line in block.splitlines()
    ]
    return [line for line in lines if line and not line.startswith("#")]


COMMAND_LINES = _command_line_examples()


def test_the_readme_has_command_line_examples() -> None:
    assert len(COMMAND_LINES) >= 15


@pytest.mark.parametrize("command", COMMAND_LINES)
def test_readme_command_line_examples_run(command: str, tmp_path: Path) -> None:
    """Each example runs as written, in a folder holding a copy of examples/: exit 0 (1 for
    --check, which found something to clean), and never a traceback."""
    if "zstd" in command:
        pytest.skip("needs the zstd command-line tools, which the tests do not install")
    shutil.copytree(PROJECT / "examples", tmp_path / "examples")
    runnable = re.sub(r"(?<![\w./-])cleanse(?= )", f"{shlex.quote(sys.executable)} -m cleanse", command)
    runnable = runnable.replace("/tmp/", f"{tmp_path}/")
    done = subprocess.run(runnable, shell=True, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == (1 if "--check" in command else 0), done.stdout + done.stderr
