"""docs/eval.md and docs/pandas.md show what really happens: their commands' output is the
real output, and their Python runs."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from boilerstrip.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SAMPLE = ROOT / "tests" / "data" / "eval_sample"


def blocks(path: Path, lang: str = "") -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


@pytest.fixture
def in_sample_copy(tmp_path, monkeypatch):
    """A working folder holding tests/data/eval_sample, so the docs' relative paths work and
    files they write land there."""
    shutil.copytree(SAMPLE, tmp_path / "tests" / "data" / "eval_sample")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_eval_doc_command_output_is_real(in_sample_copy, capsys):
    runs = [b for b in blocks(DOCS / "eval.md") if b.startswith("$ boilerstrip eval")]
    assert len(runs) == 2
    for block in runs:
        command, *shown = block.rstrip("\n").split("\n")
        capsys.readouterr()
        assert main(shlex.split(command)[2:]) == 0
        captured = capsys.readouterr()
        assert captured.err.splitlines() + captured.out.splitlines() == shown, command
    tsv = next(b for b in blocks(DOCS / "eval.md") if b.startswith("page\tpath"))
    assert (in_sample_copy / "scores.tsv").read_text(encoding="utf-8") == tsv


def test_eval_doc_python_runs(in_sample_copy):
    code = blocks(DOCS / "eval.md", "python")
    assert len(code) == 1
    exec(compile(code[0], "eval.md", "exec"), {})  # the example asserts its own claims


def test_pandas_doc_python_runs():
    pytest.importorskip("pandas")
    code = blocks(DOCS / "pandas.md", "python")
    assert len(code) == 3
    namespace: dict = {}
    for i, block in enumerate(code):  # one session: later blocks use the earlier ones' names
        exec(compile(block, f"pandas.md block {i + 1}", "exec"), namespace)
    assert namespace["segments"].shape[0] == 4
