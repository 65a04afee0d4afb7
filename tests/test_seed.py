"""The seed article, the one cleanse was first built for, cleans to exactly its expected text.

The article is © its publisher and lives outside the repository (``../shared/seed``);
the test skips, saying where it looked, when the folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanse


def test_seed_article_cleans_to_the_expected_text(seed: Path) -> None:
    expected_path = seed / "article.expected.txt"
    if not expected_path.exists():
        pytest.skip(f"expected output not found at {expected_path}")
    article = (seed / "article.txt").read_bytes().decode("utf-8")
    expected = expected_path.read_bytes().decode("utf-8")
    assert cleanse.clean(article) == expected


def test_seed_expected_text_is_a_fixed_point(seed: Path) -> None:
    expected_path = seed / "article.expected.txt"
    if not expected_path.exists():
        pytest.skip(f"expected output not found at {expected_path}")
    expected = expected_path.read_bytes().decode("utf-8")
    assert cleanse.clean(expected) == expected
