"""The documentation keeps up with the code: every step is documented, every example runs.

The idea is sqlite-utils' test_docs: a step that exists in ``cleanse.steps()`` but not in
the README fails here, and so does a README example that no longer runs.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
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
