"""Config files: discovery and precedence, globs, site packs, and every error message a file can cause."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import cleanse
from cleanse.config_files import SETTING_KEYS, TABLE_KEYS, glob_regex
from cleanse.phrase_files import phrase_pattern
from cleanse.settings import DEFAULT_SETTINGS, resolve_settings

PROJECT = Path(__file__).resolve().parent.parent
PACKS = PROJECT / "examples" / "site-packs"


def write(path: Path, text: str) -> Path:
    """Write *text* to *path*, creating its folders; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_error(target: Path, **kwargs: object) -> str:
    with pytest.raises(cleanse.ConfigError) as info:
        resolve_settings(target, **kwargs)  # type: ignore[arg-type]
    return str(info.value)


# --- discovery and precedence --------------------------------------------------------


def test_no_config_file_gives_the_defaults(repo: Path) -> None:
    settings = resolve_settings(repo / "a.txt")
    assert settings == DEFAULT_SETTINGS
    assert settings.config == cleanse.Config()
    assert settings.field == "text"
    assert settings.config_file is None
    assert dict(settings.origins) == dict.fromkeys(SETTING_KEYS, "default")


def test_pyproject_with_a_tool_cleanse_table_is_found(repo: Path) -> None:
    write(repo / "pyproject.toml", '[project]\nname = "x"\n\n[tool.cleanse]\ndisable = ["pull_quote"]\n')
    settings = resolve_settings(repo / "deep" / "er" / "a.txt")
    assert settings.config.disable == {"pull_quote"}
    assert settings.config_file == repo / "pyproject.toml"
    assert settings.origins["disable"] == f"{repo / 'pyproject.toml'} [tool.cleanse]"
    assert settings.origins["enable"] == "default"


def test_pyproject_without_a_tool_cleanse_table_is_passed_over(repo: Path) -> None:
    write(repo / "cleanse.toml", 'disable = ["pull_quote"]\n')
    write(repo / "sub" / "pyproject.toml", '[project]\nname = "sub"\n')
    settings = resolve_settings(repo / "sub" / "a.txt")
    assert settings.config_file == repo / "cleanse.toml"


def test_the_nearest_config_file_wins_and_is_not_merged_with_farther_ones(repo: Path) -> None:
    write(repo / "cleanse.toml", 'disable = ["pull_quote"]\nfield = "body"\n')
    write(repo / "sub" / "cleanse.toml", 'enable = ["join_wrapped_lines"]\n')
    settings = resolve_settings(repo / "sub" / "a.txt")
    assert settings.config_file == repo / "sub" / "cleanse.toml"
    assert settings.config.enable == {"join_wrapped_lines"}
    assert settings.config.disable == frozenset()
    assert settings.field == "text"
    assert resolve_settings(repo / "a.txt").field == "body"


def test_an_empty_cleanse_toml_counts_and_hides_the_config_above(repo: Path) -> None:
    write(repo / "cleanse.toml", 'disable = ["pull_quote"]\n')
    write(repo / "sub" / "cleanse.toml", "")
    settings = resolve_settings(repo / "sub" / "a.txt")
    assert settings.config_file == repo / "sub" / "cleanse.toml"
    assert settings.config == cleanse.Config()


@pytest.mark.parametrize(
    ("present", "winner"),
    [
        # In one directory: .cleanse.toml, then cleanse.toml, then pyproject.toml [tool.cleanse].
        ((".cleanse.toml", "cleanse.toml", "pyproject.toml"), ".cleanse.toml"),
        ((".cleanse.toml", "pyproject.toml"), ".cleanse.toml"),
        (("cleanse.toml", "pyproject.toml"), "cleanse.toml"),
        ((".cleanse.toml", "cleanse.toml"), ".cleanse.toml"),
        (("pyproject.toml",), "pyproject.toml"),
    ],
)
def test_precedence_among_files_in_one_directory(repo: Path, present: tuple[str, ...], winner: str) -> None:
    for name in present:
        header = "[tool.cleanse]\n" if name == "pyproject.toml" else ""
        write(repo / name, f'{header}field = "{name}"\n')
    settings = resolve_settings(repo / "a.txt")
    assert settings.field == winner
    assert settings.config_file == repo / winner


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / "cleanse.toml", 'field = "outside"\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert resolve_settings(tmp_path / "repo" / "sub" / "a.txt") == DEFAULT_SETTINGS


def test_a_config_file_at_the_repository_root_is_used(repo: Path) -> None:
    write(repo / "cleanse.toml", 'field = "root"\n')
    assert resolve_settings(repo / "sub" / "a.txt").field == "root"


def test_a_git_file_marks_a_repository_root_too(tmp_path: Path) -> None:
    # Worktrees and submodules have a .git file instead of a folder.
    write(tmp_path / "cleanse.toml", 'field = "outside"\n')
    write(tmp_path / "worktree" / ".git", "gitdir: /elsewhere\n")
    assert resolve_settings(tmp_path / "worktree" / "a.txt") == DEFAULT_SETTINGS


def test_stdin_discovers_from_the_working_directory(repo: Path) -> None:
    write(repo / "sub" / "cleanse.toml", 'field = "sub"\n')
    assert resolve_settings(None, cwd=repo / "sub").field == "sub"
    assert resolve_settings(None, cwd=repo).field == "text"


def test_a_relative_target_is_taken_from_cwd(repo: Path) -> None:
    write(repo / "sub" / "cleanse.toml", 'field = "sub"\n')
    assert resolve_settings(Path("sub/a.txt"), cwd=repo).field == "sub"


def test_a_directory_target_discovers_from_itself(repo: Path) -> None:
    write(repo / "sub" / "cleanse.toml", 'field = "sub"\n')
    assert resolve_settings(repo / "sub").field == "sub"


def test_config_file_replaces_discovery(repo: Path, tmp_path: Path) -> None:
    write(repo / "cleanse.toml", 'field = "discovered"\n')
    chosen = write(tmp_path / "elsewhere" / "team.toml", 'field = "chosen"\n')
    settings = resolve_settings(repo / "a.txt", config_file=chosen)
    assert settings.field == "chosen"
    assert settings.config_file == chosen
    assert settings.origins["field"] == f"{chosen} (--config)"


def test_config_file_is_relative_to_cwd(repo: Path) -> None:
    write(repo / "conf" / "team.toml", 'field = "chosen"\n')
    settings = resolve_settings(Path("a.txt"), config_file=Path("conf/team.toml"), cwd=repo)
    assert settings.field == "chosen"


def test_config_file_may_be_a_pyproject(repo: Path) -> None:
    chosen = write(repo / "conf" / "pyproject.toml", '[tool.cleanse]\nfield = "chosen"\n')
    settings = resolve_settings(repo / "a.txt", config_file=chosen)
    assert settings.origins["field"] == f"{chosen} [tool.cleanse] (--config)"


def test_no_config_ignores_every_config_file(repo: Path) -> None:
    write(repo / "cleanse.toml", 'disable = ["pull_quote"]\n')
    assert resolve_settings(repo / "a.txt", no_config=True) == DEFAULT_SETTINGS
    assert resolve_settings(None, cwd=repo, no_config=True) == DEFAULT_SETTINGS


def test_a_config_file_is_read_once_and_its_settings_shared(repo: Path) -> None:
    # Many files per run: the same Config object, so its compiled plan is built once.
    write(repo / "cleanse.toml", 'extra_patterns = { promo_line = ["join the club"] }\n')
    first = resolve_settings(repo / "a.txt")
    second = resolve_settings(repo / "sub" / "b.txt")
    assert first.config is second.config


def test_an_edited_config_file_is_read_again(repo: Path) -> None:
    config = write(repo / "cleanse.toml", 'field = "one"\n')
    assert resolve_settings(repo / "a.txt").field == "one"
    write(config, 'field = "three"\n')
    os.utime(config, ns=(config.stat().st_atime_ns, config.stat().st_mtime_ns + 1_000_000))
    assert resolve_settings(repo / "a.txt").field == "three"


# --- override globs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("publisher-a/**", "publisher-a/x.txt", True),
        ("publisher-a/**", "publisher-a/2024/05/x.txt", True),
        ("publisher-a/**", "publisher-ab/x.txt", False),
        ("publisher-a/", "publisher-a/2024/x.txt", True),
        ("./publisher-a/*", "publisher-a/x.txt", True),
        # * and ? stay inside one directory level.
        ("*.jsonl", "feed.jsonl", True),
        ("*.jsonl", "data/feed.jsonl", False),
        ("data/?.txt", "data/a.txt", True),
        ("data/?.txt", "data/ab.txt", False),
        # ** spans zero or more levels.
        ("**/*.jsonl", "feed.jsonl", True),
        ("**/*.jsonl", "a/b/feed.jsonl", True),
        ("a/**/b.txt", "a/b.txt", True),
        ("a/**/b.txt", "a/x/y/b.txt", True),
        # classes, negated classes, and characters that mean something in a regex.
        ("feed-[0-9].txt", "feed-7.txt", True),
        ("feed-[!0-9].txt", "feed-7.txt", False),
        ("feed-[!0-9].txt", "feed-x.txt", True),
        ("a+b (1).txt", "a+b (1).txt", True),
        ("a[.txt", "a[.txt", True),
        ("[]x].txt", "].txt", True),
        ("[!]x].txt", "].txt", False),
        ("[!]x].txt", "y.txt", True),
        ("[^x].txt", "^.txt", True),
    ],
)
def test_glob_regex(glob: str, path: str, matches: bool) -> None:
    assert bool(re.fullmatch(glob_regex(glob), path)) is matches


# --- site packs --------------------------------------------------------------------------


def test_the_example_site_pack_cleans_the_example_article() -> None:
    settings = resolve_settings(PACKS / "sample.txt")
    assert settings.config_file == PACKS / "cleanse.toml"
    assert settings.include == (PACKS / "lantern-ledger.txt", PACKS / "lantern-ledger.toml")
    text = (PACKS / "sample.txt").read_text(encoding="utf-8")
    cleaned, changes = cleanse.clean_and_explain(text, settings.config)
    assert cleaned == (
        "Island ferry to leave earlier on weekdays\n\n"
        "The island ferry will leave fifteen minutes earlier on weekdays from next Monday, "
        "the operator said.\n\n"
        "Commuters said the change would make the first connection to the mainland train easier.\n\n"
        # kept by the pack's protect pattern, although it reads like a promotion
        "Ferry notice: sign up for text alerts about cancellations at the harbour office.\n\n"
        "The operator said fares would not change.\n"
    )
    assert {(c.paragraph, c.step) for c in changes} == {
        (2, "promo_line"),
        (4, "promo_line"),
        (6, "page_furniture"),
        (8, "promo_line"),
        (9, "page_furniture"),
    }
    # Without the pack, the defaults keep the Ledger's own lines and drop the ferry notice.
    default = cleanse.clean(text)
    assert "Ledger Club members" in default
    assert "Ferry notice" not in default


def test_a_phrase_is_literal_and_re_lines_are_regexes(repo: Path) -> None:
    write(repo / "packs" / "site.txt", "# rule: promo_line\nJoin the (Gazette) club!\nre:gazette deals? .*\n")
    write(repo / "cleanse.toml", 'include = ["packs/site.txt"]\n')
    config = resolve_settings(repo / "a.txt").config
    text = "Join the (Gazette) club\nJoin the Gazette club\nGazette deals today\nGazette reporters said so.\n"
    assert cleanse.clean(text, config) == "Join the Gazette club\n\nGazette reporters said so.\n"


def test_a_phrase_file_takes_its_rule_from_its_name(repo: Path) -> None:
    write(repo / "promo_line.gazette.txt", "Join the Gazette club\n")
    write(repo / "page_furniture.txt", "Gazette: since 1890\n")
    write(repo / "cleanse.toml", 'include = ["promo_line.gazette.txt", "page_furniture.txt"]\n')
    config = resolve_settings(repo / "a.txt").config
    assert [rule for rule, _ in config.extra_patterns] == ["promo_line", "page_furniture"]


def test_a_rule_header_beats_the_file_name_and_switches_rule_for_the_lines_below(repo: Path) -> None:
    write(repo / "promo_line.txt", "One\n# rule: legal_notice\nTwo\n# rule: promo_line\nThree\n")
    write(repo / "cleanse.toml", 'include = ["promo_line.txt"]\n')
    config = resolve_settings(repo / "a.txt").config
    assert {rule: len(p) for rule, p in config.extra_patterns} == {"promo_line": 2, "legal_notice": 1}


def test_byte_order_marks_and_crlf_line_ends_are_read(repo: Path) -> None:
    (repo / "promo_line.txt").write_bytes("\ufeff# rule: promo_line\r\nJoin the club\r\n".encode())
    (repo / "cleanse.toml").write_bytes('\ufeffinclude = ["promo_line.txt"]\r\n'.encode())
    config = resolve_settings(repo / "a.txt").config
    assert cleanse.clean("Text.\nJoin the club!\n", config) == "Text.\n"


def test_a_toml_pack_adds_patterns_and_protect(repo: Path) -> None:
    write(
        repo / "packs" / "site.toml",
        'description = "x"\nprotect = ["^Tide"]\n[extra_patterns]\nrelated_link = ["more from .*"]\n',
    )
    write(repo / "cleanse.toml", 'include = ["packs/site.toml"]\n')
    settings = resolve_settings(repo / "a.txt")
    assert settings.config.protect == ("^Tide",)
    assert dict(settings.config.extra_patterns) == {"related_link": ("more from .*",)}
    assert settings.origins["protect"] == f"include {repo / 'packs' / 'site.toml'}"


def test_including_a_directory_loads_its_packs_in_name_order(repo: Path) -> None:
    write(repo / "packs" / "b.toml", '[extra_patterns]\npromo_line = ["bee"]\n')
    write(repo / "packs" / "a.txt", "# rule: promo_line\nay\n")
    write(repo / "packs" / "README.md", "not a pack\n")
    write(repo / "cleanse.toml", 'include = ["packs"]\n')
    settings = resolve_settings(repo / "a.txt")
    assert settings.include == (repo / "packs",)
    assert dict(settings.config.extra_patterns)["promo_line"] == (phrase_pattern("ay"), "bee")


def test_an_override_can_include_a_pack(repo: Path) -> None:
    write(repo / "packs" / "a.txt", "# rule: promo_line\nPublisher A deals\n")
    write(repo / "cleanse.toml", '[[overrides]]\npaths = ["a/**"]\ninclude = ["packs/a.txt"]\n')
    assert resolve_settings(repo / "b" / "x.txt").config.extra_patterns == ()
    settings = resolve_settings(repo / "a" / "x.txt")
    assert cleanse.clean("Text.\nPublisher A deals!\n", settings.config) == "Text.\n"
    assert settings.include == (repo / "packs" / "a.txt",)


# --- errors: the file, the key, and what is allowed ------------------------------------------

ALLOWED = (
    "allowed keys: disable, enable, extra_patterns, field, include, overrides, paragraph_separator, protect"
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[tool.cleanse]\nenable = [\n", ["invalid TOML: Invalid value (at end of document)"]),
        ("[tool.cleanse]\ncolour = 1\n", ["[tool.cleanse]: unknown key 'colour'", ALLOWED]),
        ('[tool.cleanse]\nenable = "pull_quote"\n', ["enable: expected an array of strings, got string"]),
        (
            "[tool.cleanse]\ndisable = [1]\n",
            ["disable: expected an array of strings, but it holds integer 1"],
        ),
        ("[tool.cleanse]\nprotect = {}\n", ["protect: expected an array of strings, got table"]),
        ("[tool.cleanse]\nfield = 3\n", ["field: expected a non-empty string, got integer 3"]),
        ('[tool.cleanse]\nfield = ""\n', ["field: expected a non-empty string"]),
        ("[tool.cleanse]\ninclude = true\n", ["include: expected an array of strings, got boolean"]),
        (
            '[tool.cleanse]\nextra_patterns = ["x"]\n',
            ["extra_patterns: expected a table of rule names to arrays of regexes, got array"],
        ),
        (
            '[tool.cleanse]\nextra_patterns = { promo_line = "x" }\n',
            ["extra_patterns.promo_line: expected an array of strings, got string"],
        ),
        (
            '[tool.cleanse]\nextra_patterns = { promo_line = ["(oops"] }\n',
            ["extra_patterns for promo_line: invalid pattern '(oops'"],
        ),
        (
            '[tool.cleanse]\nextra_patterns = { collapse_spaces = ["x"] }\n',
            ["'collapse_spaces' is not a rule that drops paragraphs; rules: advertisement,"],
        ),
        ('[tool.cleanse]\nprotect = ["[a-"]\n', ["protect: invalid pattern '[a-'"]),
        (
            '[tool.cleanse]\ndisable = ["no_such_step"]\n',
            ["disable: unknown step 'no_such_step'; valid steps: advertisement,"],
        ),
        ('[tool.cleanse]\ninclude = ["missing.txt"]\n', ["include: no such file or directory 'missing.txt'"]),
        ("[tool]\ncleanse = 1\n", ["tool.cleanse: expected a table, got integer"]),
        (
            "[tool.cleanse]\noverrides = 1\n",
            ["overrides: expected an array of tables ([[tool.cleanse.overrides]]), got integer"],
        ),
        (
            '[[tool.cleanse.overrides]]\nenable = ["pull_quote"]\n',
            ["[[tool.cleanse.overrides]] #1: paths: missing"],
        ),
        (
            "[[tool.cleanse.overrides]]\npaths = []\n",
            ["[[tool.cleanse.overrides]] #1: paths: expected at least one"],
        ),
        (
            '[[tool.cleanse.overrides]]\npaths = ["a"]\n'
            '[[tool.cleanse.overrides]]\npaths = ["b"]\ncolour = 1\n',
            [
                "[[tool.cleanse.overrides]] #2: unknown key 'colour'; allowed keys: disable, enable, "
                "extra_patterns, field, include, paragraph_separator, paths, protect"
            ],
        ),
        (
            '[[tool.cleanse.overrides]]\npaths = ["a"]\nenable = ["nope"]\n',
            ["[[tool.cleanse.overrides]] #1: enable: unknown step 'nope'"],
        ),
        (
            '[[tool.cleanse.overrides]]\npaths = ["a"]\noverrides = []\n',
            ["[[tool.cleanse.overrides]] #1: unknown key 'overrides'"],
        ),
    ],
)
def test_a_bad_pyproject_names_file_key_and_what_is_allowed(
    repo: Path, content: str, expected: list[str]
) -> None:
    config = write(repo / "pyproject.toml", content)
    message = config_error(repo / "a.txt")
    assert message.startswith(f"{config}: ")
    for part in expected:
        assert part in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("colour = 1\n", f"unknown key 'colour'; {ALLOWED}"),
        ("enable = 1\n", "enable: expected an array of strings, got integer 1"),
        (
            'paragraph_separator = "\\n"\n',
            'paragraph_separator: expected "blank-line" or "newline", got string \'\\n\'',
        ),
        (
            "paragraph_separator = 2\n",
            'paragraph_separator: expected "blank-line" or "newline", got integer 2',
        ),
        (
            '[[overrides]]\npaths = "a"\n',
            "[[overrides]] #1: paths: expected an array of strings, got string 'a'",
        ),
        ("overrides = [1]\n", "overrides: expected an array of tables ([[overrides]]), got array"),
        (
            "[tool.cleanse]\nenable = []\n",
            f"unknown key 'tool'; outside pyproject.toml the settings go at the top level, without "
            f"[tool.cleanse]; {ALLOWED}",
        ),
    ],
)
def test_a_bad_cleanse_toml_names_file_and_key(repo: Path, content: str, expected: str) -> None:
    config = write(repo / "cleanse.toml", content)
    assert config_error(repo / "a.txt") == f"{config}: {expected}"


def test_a_toml_syntax_error_gives_the_line(repo: Path) -> None:
    config = write(repo / ".cleanse.toml", 'field = "a"\nenable = [\n  "pull_quote"\n  "x"\n]\n')
    message = config_error(repo / "a.txt")
    assert message.startswith(f"{config}: invalid TOML: ")
    assert "line 4" in message


def test_a_config_file_that_is_not_utf8(repo: Path) -> None:
    config = repo / "cleanse.toml"
    config.write_bytes(b'field = "caf\xe9"\n')
    assert config_error(repo / "a.txt").startswith(f"{config}: not UTF-8 text")


def test_a_missing_config_file(repo: Path) -> None:
    assert config_error(repo / "a.txt", config_file=repo / "nope.toml") == (
        f"{repo / 'nope.toml'}: no such config file (--config)"
    )


def test_a_pyproject_without_the_table_given_as_config_file(repo: Path) -> None:
    config = write(repo / "pyproject.toml", '[project]\nname = "x"\n')
    assert config_error(repo / "a.txt", config_file=config) == f"{config}: no [tool.cleanse] table (--config)"


def test_config_file_and_no_config_together(repo: Path) -> None:
    message = config_error(repo / "a.txt", config_file=repo / "x.toml", no_config=True)
    assert message == "--config and --no-config cannot be used together"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "site.txt",
            "Join the club\n",
            "line 1: no rule for this phrase; start the file with '# rule: NAME'",
        ),
        ("site.txt", "# rule: promo\nx\n", "line 1: # rule: unknown rule 'promo'; rules: advertisement,"),
        ("site.txt", "# rule: promo_line\n\nre:(unclosed\n", "line 3: invalid pattern '(unclosed'"),
        (
            "site.txt",
            "# rule: promo_line\nsupport the gazette.*\n",
            "line 2: 'support the gazette.*' looks like a regular expression, but phrases are literal; "
            "write 're:support the gazette.*' to use it as one",
        ),
        ("promo_line.txt", "\\d+ readers agree\n", "line 1: '\\\\d+ readers agree' looks like a regular"),
        ("promo_line.txt", "(?:a|b) deals\n", "line 1: '(?:a|b) deals' looks like a regular"),
        (
            "site.toml",
            "phrases = []\n",
            "unknown key 'phrases'; allowed keys: description, extra_patterns, protect",
        ),
        ("site.toml", "description = 1\n", "description: expected a string, got integer"),
        ("site.toml", "[extra_patterns]\nnope = ['x']\n", "extra_patterns: 'nope' is not a rule"),
        ("site.toml", "protect = ['(']\n", "protect: invalid pattern '('"),
        ("site.toml", "protect = [\n", "invalid TOML"),
    ],
)
def test_a_bad_site_pack_names_the_pack_and_the_problem(
    repo: Path, name: str, content: str, expected: str
) -> None:
    pack = write(repo / "packs" / name, content)
    write(repo / "cleanse.toml", f'include = ["packs/{name}"]\n')
    message = config_error(repo / "a.txt")
    assert message.startswith(str(pack))
    assert expected in message


def test_a_pack_that_is_not_utf8(repo: Path) -> None:
    pack = repo / "promo_line.txt"
    pack.write_bytes(b"caf\xe9 deals\n")
    write(repo / "cleanse.toml", 'include = ["promo_line.txt"]\n')
    assert config_error(repo / "a.txt").startswith(f"{pack} (include): not UTF-8 text")


def test_config_errors_are_cleanse_errors() -> None:
    assert issubclass(cleanse.ConfigError, cleanse.CleanseError)


# --- what a user of the command sees ------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "colour = 1\n",
        "enable = [\n",
        'protect = ["(unclosed"]\n',
        "[[overrides]]\nfield = 1\n",
    ],
)
def test_the_command_reports_a_bad_config_file_in_one_line_with_status_2(
    repo: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from cleanse.cli import main

    config = write(repo / "cleanse.toml", content)
    text = write(repo / "a.txt", "Text.\n")
    assert main([str(text)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cleanse: error: {config}: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


# --- the README documents what is here --------------------------------------------------------


def readme_section(title: str) -> str:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"\n## {title}\n" in readme, f"README.md has no '## {title}' section"
    return readme.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_names_every_config_key() -> None:
    section = readme_section("Configuration files")
    for key in (
        *TABLE_KEYS,
        "paths",
        "--config",
        "--no-config",
        "--show-config",
        ".cleanse.toml",
        "cleanse.toml",
    ):
        assert f"`{key}" in section or f"{key} =" in section or f"[[tool.cleanse.{key}]]" in section, key
