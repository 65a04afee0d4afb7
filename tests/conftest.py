"""Shared test set-up: hypothesis profiles and the path to the shared corpora.

Hypothesis profiles, chosen with the ``HYPOTHESIS_PROFILE`` environment variable:

- ``dev`` (the default): about 100 examples per property, for quick local runs;
- ``ci``: derandomized (the same examples on every run, so CI never flakes), about 300
  examples per property; ``.ci/run`` selects it;
- ``thorough``: about 5000 examples per property, on demand:
  ``HYPOTHESIS_PROFILE=thorough .venv/bin/pytest tests/test_properties.py``.

The corpora (``../shared/corpora``, or wherever ``CLEANSE_CORPORA`` points) are not part
of the repository; tests that need them skip, saying where they looked.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "fixtures"
SHARED = PROJECT.parent / "shared"

# Large generated articles are slow to build on a shared machine; that is not a failure.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=_SLOW_DATA)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=_SLOW_DATA,
)
settings.register_profile("thorough", max_examples=5000, deadline=None, suppress_health_check=_SLOW_DATA)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def corpora_path() -> Path:
    """Return the shared corpora folder: ``$CLEANSE_CORPORA`` or ``<project>/../shared/corpora``."""
    return Path(os.environ.get("CLEANSE_CORPORA") or SHARED / "corpora")


def require(path: Path, what: str) -> Path:
    """Return *path*, or skip the calling test saying what is missing and how to point at it."""
    if not path.exists():
        pytest.skip(f"{what} not found at {path}; set CLEANSE_CORPORA to the shared corpora folder")
    return path


def shared_path() -> Path:
    """The shared folder holding ``corpora/``, ``seed/`` and ``eval/``: the corpora's parent."""
    return corpora_path().parent


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared corpora folder; the test skips when it is absent."""
    return require(corpora_path(), "shared corpora")


@pytest.fixture(scope="session")
def seed() -> Path:
    """The seed article's folder (``../shared/seed``); the test skips when it is absent."""
    return require(shared_path() / "seed" / "article.txt", "seed article").parent


@pytest.fixture(scope="session")
def news_eval_script() -> Path:
    """The news scorer (``../shared/eval/news_eval.py``); the test skips when it is absent."""
    return require(shared_path() / "eval" / "news_eval.py", "news scorer")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root (it has .git), so config discovery never looks above the test's folder."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    return root
