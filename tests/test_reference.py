"""The filter reference: ``boilerstrip filters [--json]`` and docs/filters.md, both read from
the registry."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import boilerstrip
from boilerstrip import Filter
from boilerstrip.cli import main
from boilerstrip.reference import PAGE_REASONS, _options, filter_info, filters_info, render_markdown
from boilerstrip.reference import main as reference_main

DOC = Path(__file__).resolve().parent.parent / "docs" / "filters.md"


def test_docs_filters_md_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "docs/filters.md is out of date: run python -m boilerstrip.reference --write docs/filters.md")


def test_reference_check_flags_a_stale_file(tmp_path, capsys):
    assert reference_main(["--check", str(DOC)]) == 0
    stale = tmp_path / "filters.md"
    stale.write_text(render_markdown().replace("`menu_run`", "`menu_block`"), encoding="utf-8")
    assert reference_main(["--check", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert reference_main(["--check", str(tmp_path / "missing.md")]) == 2


def test_reference_lists_every_builtin_with_options_and_reasons():
    text = render_markdown()
    for name in boilerstrip.DEFAULT_FILTERS:
        cls = boilerstrip.get_filter(name)
        assert f"\n## {name}\n" in text
        for reason in cls.reasons:
            assert f"`{reason}`" in text
    # pipeline order, not alphabetical
    assert text.index("\n## consent\n") < text.index("\n## comments\n") < text.index("\n## main_block\n")
    assert "| `min_run_outside` | `3` | `int` |" in text
    assert '| `model` | `"main_block"` | `str \\| TreeModel` |' in text


def test_options_come_from_the_init_signature():
    nav = filter_info("navigation")
    assert [(o.name, o.default, o.annotation) for o in nav.options] == [
        ("min_run_outside", 3, "int"), ("min_run_inside", 6, "int")]
    assert filter_info("ads").options == ()  # the base __init__: no options

    class Needy(Filter):
        name = "needy_demo"

        def __init__(self, level: int, *, tag=None, **extra) -> None:
            self.level = level

    opts = _options(Needy)
    assert [(o.name, o.required) for o in opts] == [("level", True), ("tag", False)]
    assert opts[0].to_dict() == {"name": "level", "type": "int", "required": True}
    assert opts[1].to_dict() == {"name": "tag", "type": None, "default": None}


def test_page_reasons_are_what_the_pipeline_emits():
    bom = boilerstrip.strip("\ufeffSome article text that stays here.\n", kind="text")
    binary = boilerstrip.strip(b"\x00\x01\x02binary\x00data\x03\x04", kind="text")
    emitted = {(s.filter, s.reason) for s in bom.stripped + binary.stripped}
    assert emitted == {("page", r) for r in PAGE_REASONS}


def test_cli_filters_lists_name_origin_description(capsys):
    assert main(["filters"]) == 0
    lines = capsys.readouterr().out.splitlines()
    by_name = {line.split()[0]: line for line in lines}
    for name in boilerstrip.DEFAULT_FILTERS:
        assert by_name[name].split()[1] == "boilerstrip"
        assert by_name[name].endswith(boilerstrip.get_filter(name).description)


def test_cli_filters_json(capsys):
    assert main(["filters", "--json"]) == 0
    data = {entry["name"]: entry for entry in json.loads(capsys.readouterr().out)}
    assert set(boilerstrip.DEFAULT_FILTERS) <= set(data)
    nav = data["navigation"]
    assert nav["origin"] == "boilerstrip"
    assert nav["class"] == "boilerstrip.filters.navigation.NavigationFilter"
    assert nav["default_position"] == boilerstrip.DEFAULT_FILTERS.index("navigation") + 1
    assert nav["reasons"] == ["skip_link", "menu_line", "menu_run"]
    assert nav["options"][0] == {"name": "min_run_outside", "type": "int", "default": 3}
    assert [o["name"] for o in data["main_block"]["options"]][:2] == ["threshold", "weight"]
    assert [i.name for i in filters_info()] == sorted(data)


def test_console_script_filters_json():
    exe = shutil.which("boilerstrip")
    assert exe, "the boilerstrip console script is not installed"
    proc = subprocess.run([exe, "filters", "--json"], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert {e["name"] for e in json.loads(proc.stdout)} >= set(boilerstrip.DEFAULT_FILTERS)
