"""The build: pure Python unless the builder asks for mypyc (``CLEANSE_COMPILE=1``).

Building the compiled modules takes a C compiler and half a minute: tests/test_fast_path.py
builds them once and requires the same output as the pure modules; benchmarks/README.md
says how the whole suite was run against a compiled install.
"""

from __future__ import annotations

import ast
import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def backend(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The in-tree build backend (build_backend/cleanse_build.py), imported as pip imports it."""
    pytest.importorskip("setuptools")
    spec = importlib.util.spec_from_file_location(
        "cleanse_build", PROJECT / "build_backend" / "cleanse_build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.delenv(module.COMPILE, raising=False)
    yield module


def requirement_names(requires: list[str]) -> set[str]:
    return {r.split(">")[0].split("=")[0].split("<")[0].strip().lower() for r in requires}


@pytest.fixture
def setuptools_needs(backend: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Stand in for setuptools' own answer; record the request setuptools saw."""
    seen: list[str | None] = []

    def get_requires_for_build_wheel(config_settings: object = None) -> list[str]:
        seen.append(os.environ.get(backend.COMPILE))
        return ["wheel"]

    monkeypatch.setattr(backend.build_meta, "get_requires_for_build_wheel", get_requires_for_build_wheel)
    return seen


def test_an_ordinary_build_asks_for_no_compiler(
    backend: ModuleType, setuptools_needs: list[str | None]
) -> None:
    assert requirement_names(backend.get_requires_for_build_wheel()) == {"wheel"}


@pytest.mark.parametrize("value", ["1", "yes"])
def test_a_compiled_build_asks_for_mypy(
    backend: ModuleType, setuptools_needs: list[str | None], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(backend.COMPILE, value)
    assert requirement_names(backend.get_requires_for_build_wheel()) == {"wheel", "mypy"}
    # setuptools runs setup.py to read its own needs before mypy is there: not asked to
    # compile then, and asked again for the build itself.
    assert setuptools_needs == [None]
    assert os.environ[backend.COMPILE] == value


@pytest.mark.parametrize("value", ["", "0"])
def test_an_empty_or_zero_request_is_no_request(
    backend: ModuleType, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(backend.COMPILE, value)
    assert not backend.compiling()


def test_an_editable_install_is_never_compiled(backend: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def build_editable(*args: Any) -> str:
        seen["request"] = os.environ.get(backend.COMPILE)
        return "cleanse_corpus-0-py3-none-any.whl"

    monkeypatch.setenv(backend.COMPILE, "1")
    monkeypatch.setattr(backend.build_meta, "build_editable", build_editable)
    backend.build_editable("dist")
    assert seen["request"] == "0"  # compiled modules would hide every edit of the sources


def test_every_compiled_module_exists_and_is_named_in_the_readme(setup_settings: dict[str, object]) -> None:
    compiled = setup_settings["COMPILED"]
    assert isinstance(compiled, list)
    assert compiled, "setup.py lists the modules mypyc compiles"
    for path in compiled:
        assert (PROJECT / path).is_file(), path
    assert "CLEANSE_COMPILE=1" in (PROJECT / "README.md").read_text(encoding="utf-8")


def test_the_compiled_modules_type_check_without_the_libraries_they_import(
    setup_settings: dict[str, object],
) -> None:
    # pip builds ``CLEANSE_COMPILE=1 pip install .`` in an environment of its own, holding
    # the build's requirements (setuptools, mypy) and not the package's dependencies: mypy
    # sees ftfy, regex and the rest as missing, and what they return as Any. A value of
    # theirs returned as a ``str`` then stops mypyc before it compiles anything, which
    # tests/test_fast_path.py's build (in this environment, every library present) cannot
    # see. ``--no-site-packages`` hides the installed libraries the same way.
    api = pytest.importorskip("mypy.api", reason="mypy is not installed: pip install -e '.[dev]'")
    compiled = setup_settings["COMPILED"]
    assert isinstance(compiled, list)
    arguments = ["--config-file", str(PROJECT / "pyproject.toml"), "--no-site-packages", "--no-incremental"]
    out, err, status = api.run([*arguments, *(str(PROJECT / path) for path in compiled)])
    assert status == 0, out + err


def test_a_compiled_function_without_a_docstring_is_documented_from_its_source() -> None:
    # mypyc keeps no docstrings at run time; step summaries and --explain need them.
    from cleanse import pipeline

    compiled = SimpleNamespace(__doc__=None, __module__="cleanse.fixes", __qualname__="fix_mojibake")
    # Read from the clone's source, whichever build is installed.
    tree = ast.parse((PROJECT / "cleanse" / "fixes.py").read_text(encoding="utf-8"))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "fix_mojibake")
    assert pipeline._docstring(compiled) == ast.get_docstring(function)
    assert pipeline._docstring(SimpleNamespace(__doc__=None, __module__="elsewhere", __qualname__="f")) == ""
