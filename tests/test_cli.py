"""The ``boilerstrip`` command, end to end: through the installed console script and main()."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.cli import main

PARAGRAPHS = [
    "Harbor City Council voted on Monday night to approve a plan to rebuild the crumbling "
    "seawall along Dock Street, ending nearly three years of debate over the waterfront.",
    "The existing wall, built in 1962 from poured concrete and timber pilings, has cracked in "
    "at least forty places, according to a structural survey commissioned by the city.",
    "Construction is expected to begin in September and last about eighteen months, and one "
    "lane of Dock Street will be closed during most of that period, officials said.",
]
COMMENT_FORM = [
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
]
PAGE = "\n\n".join(PARAGRAPHS + COMMENT_FORM) + "\n"
CLEAN = "\n\n".join(PARAGRAPHS)

OTHER_PARAGRAPHS = [
    "The library on Elm Street will reopen next week after a renovation that added a reading "
    "room, a small café and new shelves for the local history collection.",
    "Staff said the building had been closed for nine months while workers replaced the roof "
    "and repaired water damage in the basement archive.",
    "The opening weekend will include readings for children and guided tours of the archive, "
    "which holds maps and letters going back to the founding of the town.",
]
OTHER_PAGE = "\n\n".join(OTHER_PARAGRAPHS + COMMENT_FORM) + "\n"
OTHER_CLEAN = "\n\n".join(OTHER_PARAGRAPHS)


# --------------------------------------------------------------------------- running the CLI
class CliRun:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"CliRun(code={self.code!r}, out={self.out[:300]!r}, err={self.err[:300]!r})"


@pytest.fixture(params=["script", "main"])
def cli(request, capsys, monkeypatch):
    """Run the CLI with a list of arguments (and optional stdin bytes); returns a CliRun."""
    mode = request.param

    def run(args, stdin: bytes | None = None) -> CliRun:
        args = [str(a) for a in args]
        if mode == "script":
            exe = shutil.which("boilerstrip")
            assert exe, "the boilerstrip console script is not installed"
            proc = subprocess.run([exe, *args], input=stdin if stdin is not None else b"",
                                  capture_output=True, timeout=60)
            return CliRun(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))
        capsys.readouterr()
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        try:
            code = main(args)
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    run.mode = mode
    return run


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def tree(root: Path) -> dict[str, bytes]:
    """Every file under *root* (relative POSIX path -> content)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def pages(tmp_path):
    """An input folder with a nested page, a golden file and a non-page file."""
    root = tmp_path / "in"
    write(root / "council.txt", PAGE)
    write(root / "nested" / "deeper" / "library.txt", OTHER_PAGE)
    write(root / "council.expected.txt", "not a page: a golden file\n")
    write(root / "nested" / "notes.md", "not a page either\n")
    return root


# --------------------------------------------------------------------------- sanity of the pages
def test_library_strips_the_comment_form():
    """The CLI tests below assume the library gives CLEAN for PAGE."""
    assert boilerstrip.strip(PAGE).text == CLEAN
    assert boilerstrip.strip(OTHER_PAGE).text == OTHER_CLEAN


# --------------------------------------------------------------------------- strip
def test_strip_file_prints_clean_text(cli, tmp_path):
    page = write(tmp_path / "page.txt", PAGE)
    res = cli(["strip", page])
    assert res.code == 0, res
    assert res.out == boilerstrip.strip(PAGE).text + "\n"
    assert "Leave a Reply" not in res.out
    assert "Your email address" not in res.out
    assert res.out == CLEAN + "\n"
    assert res.err == ""


def test_strip_stdin(cli):
    res = cli(["strip", "-"], stdin=PAGE.encode("utf-8"))
    assert res.code == 0, res
    assert res.out == CLEAN + "\n"


def test_strip_stdin_jsonl(cli):
    res = cli(["strip", "-", "--format", "jsonl"], stdin=PAGE.encode("utf-8"))
    assert res.code == 0, res
    records = [json.loads(line) for line in res.out.splitlines()]
    assert len(records) == 1
    assert records[0]["path"] == "-"
    assert records[0]["text"] == CLEAN


def test_strip_two_files_prints_headers(cli, tmp_path):
    a = write(tmp_path / "a.txt", PAGE)
    b = write(tmp_path / "b.txt", OTHER_PAGE)
    res = cli(["strip", a, b])
    assert res.code == 0, res
    assert f"==> {a} <==" in res.out
    assert f"==> {b} <==" in res.out
    assert res.out.index(PARAGRAPHS[0]) < res.out.index(OTHER_PARAGRAPHS[0])


def test_strip_dir_to_output_folder(cli, pages, tmp_path):
    out = tmp_path / "out"
    before = tree(pages)
    res = cli(["strip", pages, "-o", out])
    assert res.code == 0, res
    written = tree(out)
    assert set(written) == {"council.txt", "nested/deeper/library.txt"}
    assert "council.expected.txt" not in written
    assert written["council.txt"].decode("utf-8") == CLEAN + "\n"
    assert written["nested/deeper/library.txt"].decode("utf-8") == OTHER_CLEAN + "\n"
    assert tree(pages) == before  # inputs untouched


def test_strip_dir_to_output_folder_jsonl(cli, pages, tmp_path):
    out = tmp_path / "out"
    res = cli(["strip", pages, "-o", out, "--format", "jsonl"])
    assert res.code == 0, res
    written = tree(out)
    assert set(written) == {"council.jsonl", "nested/deeper/library.jsonl"}
    record = json.loads(written["council.jsonl"])
    assert record["text"] == CLEAN


def test_strip_jsonl_to_stdout(cli, pages):
    res = cli(["strip", pages, "--format", "jsonl"])
    assert res.code == 0, res
    lines = res.out.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    for record in records:
        assert {"path", "text", "meta", "stripped"} <= set(record)
        assert isinstance(record["stripped"], list)
        assert isinstance(record["meta"], dict)
        for seg in record["stripped"]:
            assert {"start", "end", "filter", "reason", "text"} <= set(seg)
    by_name = {Path(r["path"]).name: r for r in records}
    assert set(by_name) == {"council.txt", "library.txt"}
    assert by_name["council.txt"]["text"] == CLEAN
    assert by_name["library.txt"]["text"] == OTHER_CLEAN
    source = PAGE
    for seg in by_name["council.txt"]["stripped"]:
        assert source[seg["start"]:seg["end"]] == seg["text"]
    assert any(seg["filter"] == "comments" for seg in by_name["council.txt"]["stripped"])


def test_strip_jsonl_to_single_file(cli, pages, tmp_path):
    target = tmp_path / "results" / "all.jsonl"
    res = cli(["strip", pages, "-o", target, "--format", "jsonl"])
    assert res.code == 0, res
    assert target.is_file()
    assert res.out == ""
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    assert {Path(r["path"]).name for r in records} == {"council.txt", "library.txt"}
    assert not (tmp_path / "results" / "council.txt").exists()


def test_strip_missing_file(cli, tmp_path):
    missing = tmp_path / "missing.txt"
    res = cli(["strip", missing])
    assert res.code == 2, res
    assert str(missing) in res.err
    assert res.out == ""


def test_strip_refuses_output_inside_input(cli, pages):
    before = tree(pages)
    out = pages / "out"
    res = cli(["strip", pages, "-o", out])
    assert res.code == 2, res
    assert "refusing" in res.err or "input folder" in res.err
    assert not out.exists()
    assert tree(pages) == before


def test_strip_refuses_output_equal_to_input(cli, pages):
    before = tree(pages)
    res = cli(["strip", pages, "-o", pages])
    assert res.code == 2, res
    assert tree(pages) == before


def test_strip_html_input_fails_cleanly(cli, tmp_path):
    page = write(tmp_path / "page.txt", "<html><body><p>x</p></body></html>\n")
    res = cli(["strip", page])
    assert res.code == 1, res
    assert "HTML" in res.err
    assert str(page) in res.err


def test_strip_empty_folder(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    res = cli(["strip", empty])
    assert res.code == 2, res
    assert "no *.txt pages" in res.err


# --------------------------------------------------------------------------- check
def test_check_update_then_match_then_differ(cli, tmp_path):
    root = tmp_path / "golden"
    write(root / "council.txt", PAGE)
    write(root / "sub" / "library.txt", OTHER_PAGE)

    res = cli(["check", root])
    assert res.code == 1, res  # no expected files yet
    assert "MISSING" in res.out

    res = cli(["check", root, "--update"])
    assert res.code == 0, res
    council_expected = root / "council.expected.txt"
    library_expected = root / "sub" / "library.expected.txt"
    assert council_expected.is_file()
    assert library_expected.is_file()
    assert council_expected.read_text(encoding="utf-8") == CLEAN + "\n"
    assert library_expected.read_text(encoding="utf-8") == OTHER_CLEAN + "\n"

    res = cli(["check", root])
    assert res.code == 0, res
    assert "2 match" in res.out

    edited = PARAGRAPHS[1].replace("forty places", "fifty places")
    council_expected.write_text(CLEAN.replace(PARAGRAPHS[1], edited) + "\n", encoding="utf-8")
    res = cli(["check", root])
    assert res.code == 1, res
    lines = res.out.splitlines()
    assert any(line.startswith("---") and "council.expected.txt" in line for line in lines), res.out
    assert any(line.startswith("+++") for line in lines), res.out
    assert "-" + edited in lines
    assert "+" + PARAGRAPHS[1] in lines
    assert "library" not in "\n".join(l for l in lines if l.startswith(("---", "+++")))
    assert "1 differ" in res.out


def test_check_ignores_trailing_whitespace(cli, tmp_path):
    root = tmp_path / "golden"
    write(root / "council.txt", PAGE)
    write(root / "council.expected.txt", "\n\n".join(p + "   " for p in PARAGRAPHS) + "\n\n\n")
    res = cli(["check", root])
    assert res.code == 0, res


def test_check_folder_without_pages(cli, tmp_path):
    root = tmp_path / "nothing"
    write(root / "only.expected.txt", "golden without a page\n")
    write(root / "readme.md", "no pages here\n")
    res = cli(["check", root])
    assert res.code == 2, res
    assert str(root) in res.err


def test_check_missing_folder(cli, tmp_path):
    res = cli(["check", tmp_path / "nope"])
    assert res.code == 2, res
    assert "nope" in res.err


# --------------------------------------------------------------------------- filters, usage
def test_filters_lists_builtins(cli):
    res = cli(["filters"])
    assert res.code == 0, res
    names = {line.split()[0] for line in res.out.splitlines() if line.strip()}
    assert {"comments", "related", "repeated"} <= names
    assert set(boilerstrip.DEFAULT_FILTERS) <= names


def test_no_command_is_usage_error(cli):
    res = cli([])
    assert res.code == 2, res


def test_bad_format_is_usage_error(cli, tmp_path):
    page = write(tmp_path / "page.txt", PAGE)
    res = cli(["strip", page, "--format", "xml"])
    assert res.code == 2, res
