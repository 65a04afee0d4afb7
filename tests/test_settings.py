"""Settings: merging a config file's layers and overrides, the command line on top, --show-config."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import cleanse
from cleanse.config_files import TABLE_KEYS
from cleanse.settings import Settings, describe, resolve_settings, with_command_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROJECT = Path(__file__).resolve().parent.parent
PACKS = PROJECT / "examples" / "site-packs"


def write(path: Path, text: str) -> Path:
    """Write *text* to *path*, creating its folders; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- per-path overrides ----------------------------------------------------------------

OVERRIDES = """\
[tool.cleanse]
disable = ["pull_quote"]
protect = ["^Editor's note:"]
extra_patterns = { promo_line = ["join the club"] }

[[tool.cleanse.overrides]]
paths = ["publisher-a/**"]
enable = ["pull_quote", "join_wrapped_lines"]
disable = ["advertisement"]
protect = ["^Correction:"]
field = "body"
extra_patterns = { promo_line = ["publisher a deals.*"], legal_notice = ["© publisher a"] }

[[tool.cleanse.overrides]]
paths = ["**/*.jsonl"]
field = "content"
"""


def test_an_override_applies_only_to_the_paths_it_matches(repo: Path) -> None:
    write(repo / "pyproject.toml", OVERRIDES)
    plain = resolve_settings(repo / "publisher-b" / "a.txt")
    assert plain.config.disable == {"pull_quote"}
    assert plain.config.enable == frozenset()
    assert plain.field == "text"
    matched = resolve_settings(repo / "publisher-a" / "2024" / "a.txt")
    assert matched.config.enable == {"pull_quote", "join_wrapped_lines"}
    assert matched.field == "body"


def test_override_merge_lists_extend_and_the_override_wins_on_steps(repo: Path) -> None:
    write(repo / "pyproject.toml", OVERRIDES)
    settings = resolve_settings(repo / "publisher-a" / "a.txt")
    config = settings.config
    # enable/disable: the override switched pull_quote back on and advertisement off.
    assert config.is_enabled("pull_quote")
    assert not config.is_enabled("advertisement")
    assert config.disable == {"advertisement"}
    # lists extend, base first.
    assert config.protect == ("^Editor's note:", "^Correction:")
    assert dict(config.extra_patterns) == {
        "promo_line": ("join the club", "publisher a deals.*"),
        "legal_notice": ("© publisher a",),
    }
    base = f"{repo / 'pyproject.toml'} [tool.cleanse]"
    override = f"[[tool.cleanse.overrides]] paths=['publisher-a/**'] in {repo / 'pyproject.toml'}"
    assert settings.origins["field"] == override
    assert settings.origins["protect"] == f"{base} + {override}"
    assert settings.origins["disable"] == f"{base} + {override}"
    assert settings.origins["extra_patterns.legal_notice"] == override
    assert settings.origins["include"] == "default"


def test_every_matching_override_applies_in_order(repo: Path) -> None:
    write(repo / "pyproject.toml", OVERRIDES)
    assert resolve_settings(repo / "publisher-a" / "feed.jsonl").field == "content"
    assert resolve_settings(repo / "feed.jsonl").field == "content"


def test_overrides_in_cleanse_toml_are_plain_overrides_tables(repo: Path) -> None:
    write(repo / "cleanse.toml", '[[overrides]]\npaths = ["a/*.txt"]\nfield = "body"\n')
    settings = resolve_settings(repo / "a" / "x.txt")
    assert settings.field == "body"
    assert settings.origins["field"] == f"[[overrides]] paths=['a/*.txt'] in {repo / 'cleanse.toml'}"
    assert resolve_settings(repo / "a" / "deeper" / "x.txt").field == "text"


def test_override_paths_are_relative_to_the_config_files_directory(repo: Path, tmp_path: Path) -> None:
    chosen = write(tmp_path / "conf" / "team.toml", '[[overrides]]\npaths = ["a/**"]\nfield = "body"\n')
    assert resolve_settings(repo / "a" / "x.txt", config_file=chosen).field == "text"
    assert resolve_settings(tmp_path / "conf" / "a" / "x.txt", config_file=chosen).field == "body"


def test_stdin_matches_no_override(repo: Path) -> None:
    write(repo / "cleanse.toml", '[[overrides]]\npaths = ["**"]\nfield = "body"\n')
    assert resolve_settings(None, cwd=repo).field == "text"
    assert resolve_settings(repo / "x.txt").field == "body"


def test_paragraph_separator_is_replaced_by_an_override_and_says_where_it_came_from(repo: Path) -> None:
    config = write(
        repo / "cleanse.toml",
        'paragraph_separator = "newline"\n'
        '[[overrides]]\npaths = ["books/**"]\nparagraph_separator = "blank-line"\n',
    )
    plain = resolve_settings(repo / "a.txt")
    assert plain.config.paragraph_separator == "\n"
    assert plain.origins["paragraph_separator"] == str(config)
    book = resolve_settings(repo / "books" / "a.txt")
    assert book.config.paragraph_separator == "\n\n"
    assert book.origins["paragraph_separator"] == f"[[overrides]] paths=['books/**'] in {config}"
    assert resolve_settings(repo / "a.txt", no_config=True).config.paragraph_separator == "\n\n"


def test_the_command_line_paragraph_separator_wins(repo: Path) -> None:
    write(repo / "cleanse.toml", 'paragraph_separator = "newline"\n')
    settings = with_command_line(resolve_settings(repo / "a.txt"), paragraph_separator="blank-line")
    assert settings.config.paragraph_separator == "\n\n"
    assert settings.origins["paragraph_separator"] == "command line (--paragraph-separator)"
    assert 'paragraph_separator = "blank-line"  # from command line' in describe(settings)


# --- describe (--show-config) -------------------------------------------------------------


def test_describe_the_defaults() -> None:
    text = describe(Settings())
    assert text.startswith("# config file: none (built-in defaults)\n")
    for key in ("paragraph_separator", "field", "enable", "disable", "protect", "include", "extra_patterns"):
        assert re.search(rf"^{key} = .*  # from default$", text, re.MULTILINE), key
    assert "# steps off: join_wrapped_lines" in text


def test_describe_names_every_setting_and_where_it_came_from(repo: Path) -> None:
    write(repo / "pyproject.toml", OVERRIDES)
    settings = resolve_settings(repo / "publisher-a" / "a.txt")
    text = describe(settings)
    override = f"[[tool.cleanse.overrides]] paths=['publisher-a/**'] in {repo / 'pyproject.toml'}"
    assert f'field = "body"  # from {override}\n' in text
    assert f'extra_patterns.legal_notice = ["© publisher a"]  # from {override}\n' in text
    assert "# steps off: advertisement\n" in text


def test_describe_is_valid_toml_with_the_effective_values(repo: Path) -> None:
    write(repo / "pyproject.toml", OVERRIDES)
    settings = resolve_settings(repo / "publisher-a" / "a.txt")
    data = tomllib.loads(describe(settings))
    assert data["field"] == "body"
    assert data["protect"] == ["^Editor's note:", "^Correction:"]
    assert data["enable"] == ["join_wrapped_lines", "pull_quote"]
    assert data["extra_patterns"]["promo_line"] == ["join the club", "publisher a deals.*"]


def test_describe_puts_long_lists_one_item_a_line() -> None:
    text = describe(resolve_settings(PACKS / "sample.txt"))
    assert f'include = [  # from {PACKS / "cleanse.toml"}\n    "{PACKS / "lantern-ledger.txt"}",\n' in text
    assert tomllib.loads(text)["include"] == [
        str(PACKS / "lantern-ledger.txt"),
        str(PACKS / "lantern-ledger.toml"),
    ]


# --- the command line on top of a config file --------------------------------------------------


def test_the_command_line_wins_over_the_config_file(repo: Path) -> None:
    config = write(
        repo / "cleanse.toml", 'disable = ["pull_quote"]\nenable = ["join_wrapped_lines"]\nfield = "a"\n'
    )
    base = resolve_settings(repo / "x.txt")
    settings = with_command_line(base, enable=["pull_quote"], disable=["advertisement"], field="body")
    assert settings.config.is_enabled("pull_quote")
    assert not settings.config.is_enabled("advertisement")
    assert settings.config.enable == {"join_wrapped_lines", "pull_quote"}
    assert settings.field == "body"
    assert settings.origins["field"] == "command line (--field)"
    assert settings.origins["enable"] == f"{config} + command line (--enable)"
    assert settings.origins["disable"] == f"{config} + command line (--disable)"
    assert settings.origins["protect"] == "default"
    assert settings.config_file == config
    assert with_command_line(base) == base


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"enable": ["nope"]}, "--enable: unknown step 'nope'; valid steps: advertisement,"),
        ({"disable": ["nope"]}, "--disable: unknown step 'nope'; valid steps: advertisement,"),
        ({"field": ""}, "--field: expected a field name, got an empty string"),
        ({"paragraph_separator": "\n"}, "--paragraph-separator: expected blank-line or newline, got '\\n'"),
    ],
)
def test_bad_command_line_settings(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(cleanse.ConfigError) as info:
        with_command_line(Settings(), **kwargs)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)


# --- what a user of the command sees ------------------------------------------------------------


def test_the_command_shows_the_config_that_describe_renders(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cleanse.cli import main

    write(repo / "pyproject.toml", OVERRIDES)
    target = repo / "publisher-a" / "a.txt"
    assert main(["--show-config", str(target)]) == 0
    assert capsys.readouterr().out == describe(resolve_settings(target))


# --- the README documents what is here --------------------------------------------------------


def readme_section(title: str) -> str:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"\n## {title}\n" in readme, f"README.md has no '## {title}' section"
    return readme.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_config_example_is_a_working_config(repo: Path) -> None:
    section = readme_section("Configuration files")
    block = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert block, "the Configuration files section has no ```toml example"
    write(repo / "pyproject.toml", block[1])
    data = tomllib.loads(block[1])["tool"]["cleanse"]
    for name in data.get("include", []) + [
        p for o in data.get("overrides", []) for p in o.get("include", [])
    ]:
        write(repo / name, "# rule: promo_line\nan example phrase\n")
    assert set(data) == set(TABLE_KEYS), "the README example should show every key"
    plain = resolve_settings(repo / "a.txt")
    assert plain.config_file == repo / "pyproject.toml"
    assert plain.field == data["field"]
    override = resolve_settings(repo / data["overrides"][0]["paths"][0].replace("**", "x.txt"))
    assert override.config != plain.config
