"""docs/configuration.md and docs/ci-and-folders.md: their examples run, their tables hold."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.cli import build_parser, main
from boilerstrip.config import _parameters

DOCS = Path(__file__).resolve().parent.parent / "docs"
CONFIGURATION = (DOCS / "configuration.md").read_text(encoding="utf-8")
FOLDERS = (DOCS / "ci-and-folders.md").read_text(encoding="utf-8")


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.DOTALL)


def test_configuration_examples_run(tmp_path, monkeypatch, capsys):
    toml = blocks(CONFIGURATION, "toml")
    (tmp_path / "boilerstrip.toml").write_text(toml[0], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for i, code in enumerate(blocks(CONFIGURATION, "python")):
        exec(compile(code, f"configuration.md python block {i}", "exec"), namespace)  # they assert
    # The console example prints what the Python example computes.
    (tmp_path / "story.txt").write_text(namespace["story"], encoding="utf-8")
    console = blocks(CONFIGURATION, "console")[0].splitlines()
    command = console[0].removeprefix("$ ")
    capsys.readouterr()
    assert main(shlex.split(command)[1:]) == 0
    assert capsys.readouterr().out.splitlines() == console[1:]


def test_configuration_toml_snippets_are_valid(tmp_path):
    for i, snippet in enumerate(blocks(CONFIGURATION, "toml")):
        name = "pyproject.toml" if "[tool.boilerstrip" in snippet else "boilerstrip.toml"
        folder = tmp_path / str(i)
        folder.mkdir()
        (folder / name).write_text(snippet, encoding="utf-8")
        config = boilerstrip.load_config(folder / name)
        assert not config.is_default, snippet


def test_options_table_lists_every_option_with_its_default():
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)` \| ([^|]+) \|", CONFIGURATION, re.MULTILINE)
    documented = {(name, option): default.strip().strip("`").strip('"') for name, option, default in rows}
    expected = {(name, option): str(param.default)
                for name in boilerstrip.DEFAULT_FILTERS
                for option, param in _parameters(boilerstrip.get_filter(name)).items()}
    assert documented == expected


@pytest.mark.parametrize("doc", ["configuration", "ci-and-folders"])
def test_documented_command_lines_parse(doc):
    text = CONFIGURATION if doc == "configuration" else FOLDERS
    commands = re.findall(r"^(?:\$ |\s*- run: |`)(boilerstrip (?:strip|check) [^`\n]*)", text, re.MULTILINE)
    assert commands
    parser = build_parser()
    for command in commands:
        args = parser.parse_args(shlex.split(command)[1:])  # exits (fails the test) on a bad option
        assert args.command in ("strip", "check")
