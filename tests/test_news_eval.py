"""Quality on real scraped news: the shared scorer's figures must meet the targets.

``../shared/eval/news_eval.py`` scores ``cleanse.clean`` on 356 articles with line-level
gold labels (see its README). It is imported from its path and run in-process, as
``python ../shared/eval/news_eval.py --json`` would run it. Targets:
content kept >= 0.995 and artifacts leaked <= 0.05. Skips when the corpora are absent.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType

import pytest

MIN_KEPT = 0.995
MAX_LEAKED = 0.05


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("news_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(news_eval_script: Path, corpora: Path) -> dict[str, object]:
    for name in ("news_labels_dev.jsonl", "news_articles_with_artifacts.jsonl"):
        if not (corpora / name).exists():
            pytest.skip(f"{name} not found at {corpora}; set CLEANSE_CORPORA")
    scorer = load_scorer(news_eval_script)
    out = io.StringIO()
    argv = [
        "--json",
        "--labels",
        str(corpora / "news_labels_dev.jsonl"),
        "--articles",
        str(corpora / "news_articles_with_artifacts.jsonl"),
    ]
    with contextlib.redirect_stdout(out):
        scorer.main(argv)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


@pytest.mark.slow
def test_content_kept(figures: dict[str, object]) -> None:
    kept = figures["content_kept"]
    assert isinstance(kept, float)
    assert kept >= MIN_KEPT, f"content kept {kept:.4f} < {MIN_KEPT}; figures: {figures}"


@pytest.mark.slow
def test_artifacts_leaked(figures: dict[str, object]) -> None:
    leaked = figures["leaked"]
    assert isinstance(leaked, float)
    assert leaked <= MAX_LEAKED, f"artifacts leaked {leaked:.4f} > {MAX_LEAKED}; figures: {figures}"
