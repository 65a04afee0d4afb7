"""The pre-commit hooks: the manifest, real pre-commit runs on fixture files, the README's YAML.

The hooks run offline: a temporary git repository gets a ``repo: local`` configuration
built from this project's own ``.pre-commit-hooks.yaml`` (same ids, entries and file
patterns), with the entry pointing at this environment's ``cleanse`` instead of an
environment pre-commit would install. One ``try-repo`` test installs the project as users
do; it needs the package index and skips when the index cannot be reached.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML comes with pre-commit: pip install pre-commit")

PROJECT = Path(__file__).resolve().parent.parent
MANIFEST = PROJECT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
CLEANSE = shutil.which("cleanse", path=str(BIN))

needs_pre_commit = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")

CLEAN = "Harbour pier to be rebuilt\n\nThe council voted on Tuesday.\n"
DIRTY = (
    "Harbour pier to be rebuilt\nADVERTISEMENT\nThe council voted on Tuesday.\nSign up for our newsletter\n"
)


def manifest() -> list[dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return hooks


def hook_ids() -> set[str]:
    return {hook["id"] for hook in manifest()}


def git_env(home: Path) -> dict[str, str]:
    """An environment in which git and pre-commit see nothing of the user's or this repo's setup."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    return env


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path, pre_commit_home: Path) -> Path:
    """An empty git repository whose .pre-commit-config.yaml holds the manifest's hooks, run locally."""
    if CLEANSE is None:
        pytest.skip("the cleanse command is not installed next to this Python")
    root = tmp_path / "corpus"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=git_env(pre_commit_home))
    hooks = []
    for hook in manifest():
        local = dict(hook)
        # The manifest's own command line, run by this environment's cleanse: offline and fast.
        local["entry"] = hook["entry"].replace("cleanse", str(CLEANSE), 1)
        local["language"] = "system"
        hooks.append(local)
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def commit(repo: Path, home: Path, files: dict[str, bytes]) -> None:
    """Write and commit *files*, so that pre-commit can tell which ones a hook modified."""
    for name, data in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    env = git_env(home)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "--no-verify", "-m", "fixtures"], cwd=repo, check=True, env=env)


def run_hook(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    return subprocess.run(
        [PRE_COMMIT, "run", hook, "--all-files", "--color", "never"],
        cwd=repo,
        env=git_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- the manifest --------------------------------------------------------------------------


@needs_pre_commit
def test_the_manifest_is_valid() -> None:
    assert PRE_COMMIT is not None
    result = subprocess.run(
        [PRE_COMMIT, "validate-manifest", str(MANIFEST)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_hooks_are_the_ordinary_command() -> None:
    hooks = {hook["id"]: hook for hook in manifest()}
    assert set(hooks) == {"cleanse", "cleanse-check", "cleanse-jsonl", "cleanse-jsonl-check"}
    for hook in hooks.values():
        assert hook["entry"].split()[0] == "cleanse"
        assert hook["language"] == "python"
        assert hook["require_serial"] is False
    assert hooks["cleanse"]["entry"] == "cleanse --in-place"
    assert hooks["cleanse-check"]["entry"] == "cleanse --check --explain"
    # A .jsonl file read as text would have its records joined as paragraphs: JSONL hooks
    # always pass --jsonl, and the text hooks never see a .jsonl file.
    for hook_id, suffix, other in (("cleanse", ".txt", ".jsonl"), ("cleanse-jsonl", ".jsonl", ".txt")):
        for hook in (hooks[hook_id], hooks[hook_id + "-check"]):
            assert re.search(hook["files"], f"corpus/a{suffix}")
            assert not re.search(hook["files"], f"corpus/a{other}")
            assert ("--jsonl" in hook["entry"].split()) is (suffix == ".jsonl")


# --- real pre-commit on fixture files --------------------------------------------------------


@needs_pre_commit
def test_clean_files_pass_every_hook(repo: Path, pre_commit_home: Path) -> None:
    commit(
        repo,
        pre_commit_home,
        {"a.txt": CLEAN.encode(), "b/feed.jsonl": b'{"id": 1, "text": "The council voted on Tuesday."}\n'},
    )
    for hook in sorted(hook_ids()):
        result = run_hook(repo, pre_commit_home, hook)
        assert result.returncode == 0, f"{hook}: {result.stdout}{result.stderr}"
        assert "Passed" in result.stdout


@needs_pre_commit
def test_cleanse_rewrites_a_dirty_file_and_fails(repo: Path, pre_commit_home: Path) -> None:
    commit(repo, pre_commit_home, {"dirty.txt": DIRTY.encode(), "clean.txt": CLEAN.encode()})
    (repo / "dirty.txt").chmod(0o640)
    result = run_hook(repo, pre_commit_home, "cleanse")
    assert result.returncode == 1, result.stdout
    assert "files were modified by this hook" in result.stdout
    assert (repo / "dirty.txt").read_text(encoding="utf-8") == CLEAN
    assert (repo / "dirty.txt").stat().st_mode & 0o777 == 0o640
    assert (repo / "clean.txt").read_text(encoding="utf-8") == CLEAN
    # Fixed: the next run passes.
    assert run_hook(repo, pre_commit_home, "cleanse").returncode == 0


@needs_pre_commit
def test_text_files_that_are_not_prose_are_left_alone(repo: Path, pre_commit_home: Path) -> None:
    files = {
        "requirements.txt": b"numpy>=1.26\npandas\n",
        "docs/requirements-dev.txt": b"pytest\nruff\n",
        "LICENSE.txt": b"Copyright 2024 Someone. All rights reserved.\n",
        "site/robots.txt": b"User-agent: *\nDisallow:\n",
    }
    commit(repo, pre_commit_home, files)
    result = run_hook(repo, pre_commit_home, "cleanse")
    assert result.returncode == 0, result.stdout
    assert "no files to check" in result.stdout
    for name, data in files.items():
        assert (repo / name).read_bytes() == data


@needs_pre_commit
def test_cleanse_keeps_crlf_line_endings(repo: Path, pre_commit_home: Path) -> None:
    commit(repo, pre_commit_home, {"windows.txt": DIRTY.replace("\n", "\r\n").encode()})
    result = run_hook(repo, pre_commit_home, "cleanse")
    assert result.returncode == 1, result.stdout
    assert (repo / "windows.txt").read_bytes() == CLEAN.replace("\n", "\r\n").encode()


@needs_pre_commit
def test_cleanse_check_lists_what_would_change_with_reasons_and_changes_nothing(
    repo: Path, pre_commit_home: Path
) -> None:
    commit(repo, pre_commit_home, {"dirty.txt": DIRTY.encode(), "clean.txt": CLEAN.encode()})
    result = run_hook(repo, pre_commit_home, "cleanse-check")
    assert result.returncode == 1, result.stdout
    assert "would clean dirty.txt" in result.stdout
    assert "clean.txt" not in result.stdout.replace("dirty.txt", "")
    # source:record:paragraph step: reason, for every change (the reasons are the rules' own words)
    assert "dirty.txt:1:2 advertisement: " in result.stdout
    assert "dirty.txt:1:4 promo_line: " in result.stdout
    assert "files were modified" not in result.stdout
    assert (repo / "dirty.txt").read_bytes() == DIRTY.encode()


@needs_pre_commit
def test_jsonl_hooks_clean_the_field_of_each_record(repo: Path, pre_commit_home: Path) -> None:
    # A field's clean form has no final newline: the clean record is left as it is.
    feed = b'{"id": 1, "text": "Pier news.\\nADVERTISEMENT"}\n{"id": 2, "text": "Clean."}\n'
    commit(repo, pre_commit_home, {"feed.jsonl": feed})
    # The text hooks leave .jsonl alone.
    assert run_hook(repo, pre_commit_home, "cleanse").returncode == 0
    check = run_hook(repo, pre_commit_home, "cleanse-jsonl-check")
    assert check.returncode == 1
    assert "would clean feed.jsonl:1" in check.stdout
    assert "feed.jsonl:2" not in check.stdout
    assert (repo / "feed.jsonl").read_bytes() == feed
    fix = run_hook(repo, pre_commit_home, "cleanse-jsonl")
    assert fix.returncode == 1
    assert (
        repo / "feed.jsonl"
    ).read_bytes() == b'{"id": 1, "text": "Pier news."}\n{"id": 2, "text": "Clean."}\n'


@needs_pre_commit
@pytest.mark.parametrize("hook", ["cleanse", "cleanse-check"])
def test_binary_and_non_utf8_files_are_reported_never_rewritten_and_fail(
    repo: Path, pre_commit_home: Path, hook: str
) -> None:
    files = {
        "latin1.txt": "Caf\u00e9 news\nADVERTISEMENT\n".encode("latin-1"),
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "dirty.txt": DIRTY.encode(),
    }
    commit(repo, pre_commit_home, files)
    result = run_hook(repo, pre_commit_home, hook)
    assert result.returncode == 1, result.stdout
    assert re.search(r"cleanse: error: latin1\.txt: .*UTF-8", result.stdout)
    assert re.search(r"cleanse: \w+: image\.txt: .*binary", result.stdout)
    assert "Traceback" not in result.stdout
    assert (repo / "latin1.txt").read_bytes() == files["latin1.txt"]
    assert (repo / "image.txt").read_bytes() == files["image.txt"]


@needs_pre_commit
def test_hooks_use_the_repositorys_config_files(repo: Path, pre_commit_home: Path) -> None:
    dirty = CLEAN + "Ledger Club members read this story first.\n"
    commit(
        repo,
        pre_commit_home,
        {
            "pyproject.toml": b"[tool.cleanse]\n"
            b'extra_patterns = { promo_line = ["ledger club members .*"] }\n',
            "ledger/story.txt": dirty.encode(),
            "other/story.txt": CLEAN.encode(),
        },
    )
    result = run_hook(repo, pre_commit_home, "cleanse-check")
    assert result.returncode == 1
    assert "ledger/story.txt:1:4 promo_line: " in result.stdout
    assert "would clean ledger/story.txt" in result.stdout
    assert "other/story.txt" not in result.stdout


@needs_pre_commit
def test_a_bad_config_file_fails_the_hook_with_a_clear_message(repo: Path, pre_commit_home: Path) -> None:
    commit(repo, pre_commit_home, {"cleanse.toml": b'disable = ["no_such_step"]\n', "a.txt": DIRTY.encode()})
    result = run_hook(repo, pre_commit_home, "cleanse")
    assert result.returncode == 1
    assert f"cleanse: error: {repo / 'cleanse.toml'}: disable: unknown step 'no_such_step'" in result.stdout
    assert "Traceback" not in result.stdout
    assert (repo / "a.txt").read_bytes() == DIRTY.encode()


# --- the README's YAML -------------------------------------------------------------------------


def readme_pre_commit_yaml() -> str:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Use with pre-commit\n", 1)
    assert len(section) == 2, "README.md has no '## Use with pre-commit' section"
    block = re.search(r"```yaml\n(.*?)```", section[1].split("\n## ", 1)[0], re.DOTALL)
    assert block, "the 'Use with pre-commit' section has no ```yaml block"
    return block[1]


def test_the_readme_yaml_parses_and_names_existing_hooks() -> None:
    config = yaml.safe_load(readme_pre_commit_yaml())
    (repo,) = config["repos"]
    # Placeholders the README explains; tests/test_docs.py fills them in and runs the config.
    assert repo["repo"] == "/path/to/cleanse"
    assert repo["rev"] == "COMMIT"
    named = [hook["id"] for hook in repo["hooks"]]
    assert named
    assert set(named) <= hook_ids()


@needs_pre_commit
def test_the_readme_yaml_is_a_valid_pre_commit_config(tmp_path: Path) -> None:
    assert PRE_COMMIT is not None
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(readme_pre_commit_yaml(), encoding="utf-8")
    result = subprocess.run(
        [PRE_COMMIT, "validate-config", str(config)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- try-repo: the project installed as users get it --------------------------------------------


def index_unreachable() -> str | None:
    """Return why the package index cannot be reached, or None when it can (a 5 s probe)."""
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple").rstrip("/")
    try:
        with urllib.request.urlopen(f"{index}/ftfy/", timeout=5):
            return None
    except Exception as exc:  # any failure means: no index, skip
        return f"the package index {index} cannot be reached ({exc}); try-repo installs from it"


@needs_pre_commit
@pytest.mark.slow
def test_try_repo_installs_the_project_and_runs_the_hooks(tmp_path: Path) -> None:
    assert PRE_COMMIT is not None
    reason = index_unreachable()
    if reason:
        pytest.skip(reason)
    home = tmp_path / "home"
    root = tmp_path / "corpus"
    env = git_env(home)
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    commit(root, home, {"dirty.txt": DIRTY.encode(), "clean.txt": CLEAN.encode()})

    # The committed project (not whatever is half-edited in the working tree), pinned to
    # its commit as a user's rev: would be.
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.strip()

    def try_repo(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(PROJECT), hook, "--ref", head, "--all-files", "--color", "never"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    check = try_repo("cleanse-check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "would clean dirty.txt" in check.stdout
    assert (root / "dirty.txt").read_bytes() == DIRTY.encode()
    fix = try_repo("cleanse")
    assert fix.returncode == 1, fix.stdout + fix.stderr
    assert "files were modified by this hook" in fix.stdout
    assert (root / "dirty.txt").read_text(encoding="utf-8") == CLEAN
