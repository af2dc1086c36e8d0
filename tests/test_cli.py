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
from boilerstrip.cli import collect_inputs, main, output_name
from helpers import SEAWALL, WARC_DATE, WarcBuilder

PARAGRAPHS = SEAWALL
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


def html_page(paragraphs, comment_form=()) -> str:
    """The paragraphs as an HTML article, with a menu and an optional comment form."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    form = ("<div id='respond' class='comment-respond'><h3>" + comment_form[0] + "</h3><p>"
            + comment_form[1] + "</p></div>") if comment_form else ""
    return ("<!DOCTYPE html><html><head><title>News</title></head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
            "<article>" + body + form + "</article></body></html>\n")


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


def test_strip_html_in_a_txt_file_is_recognised(cli, tmp_path):
    """Needs HTML support: markup in a .txt page is recognised (--kind auto) and stripped."""
    page = write(tmp_path / "page.txt", html_page(PARAGRAPHS, COMMENT_FORM))
    res = cli(["strip", page])
    assert res.code == 0, res
    assert PARAGRAPHS[0] in res.out
    assert "<p>" not in res.out


def test_strip_empty_folder(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    res = cli(["strip", empty])
    assert res.code == 2, res
    assert "no *.txt pages" in res.err
    assert "*.html" in res.err


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


# --------------------------------------------------------------------------- html pages in folders
def test_collect_inputs_takes_html_pages_and_names_their_outputs_txt(tmp_path):
    root = tmp_path / "in"
    for name in ["a.html", "b.htm", "c.txt", "a.expected.txt", "c.gold.txt", "d.expected.html",
                 "e.gold.htm", "notes.md", "sub/f.HTML"]:
        write(root / name, "x\n")
    found = collect_inputs([str(root)])
    names = [p.relative_to(root).as_posix() for _, _, p in found]
    assert names == ["a.html", "b.htm", "c.txt", "sub/f.HTML"]
    assert [output_name(r, p).as_posix() for _, r, p in found] == ["a.txt", "b.txt", "c.txt", "sub/f.txt"]
    assert output_name(None, Path("/x/page.html")) == Path("page.txt")


def test_strip_folder_with_html_pages(cli, tmp_path):
    """Needs HTML support."""
    root = tmp_path / "in"
    write(root / "council.html", html_page(PARAGRAPHS, COMMENT_FORM))
    write(root / "nested" / "library.htm", html_page(OTHER_PARAGRAPHS, COMMENT_FORM))
    write(root / "plain.txt", PAGE)
    write(root / "council.expected.txt", "golden\n")
    out = tmp_path / "out"
    res = cli(["strip", root, "-o", out])
    assert res.code == 0, res
    written = tree(out)
    assert set(written) == {"council.txt", "nested/library.txt", "plain.txt"}
    assert PARAGRAPHS[2] in written["council.txt"].decode("utf-8")
    assert OTHER_PARAGRAPHS[0] in written["nested/library.txt"].decode("utf-8")
    assert "<p>" not in written["council.txt"].decode("utf-8")
    assert written["plain.txt"].decode("utf-8") == CLEAN + "\n"


def test_strip_html_and_txt_of_the_same_name_is_usage_error(cli, tmp_path):
    root = tmp_path / "in"
    write(root / "page.txt", PAGE)
    write(root / "page.html", html_page(PARAGRAPHS))
    out = tmp_path / "out"
    res = cli(["strip", root, "-o", out])
    assert res.code == 2, res
    assert "page.txt" in res.err and "page.html" in res.err
    assert not out.exists()


def test_check_html_and_txt_of_the_same_name_is_usage_error(cli, tmp_path):
    root = tmp_path / "golden"
    write(root / "page.txt", PAGE)
    write(root / "page.htm", html_page(PARAGRAPHS))
    res = cli(["check", root, "--update"])
    assert res.code == 2, res
    assert "page.expected.txt" in res.err
    assert not (root / "page.expected.txt").exists()


def test_check_html_page_against_expected_txt(cli, tmp_path):
    """Needs HTML support: NAME.html is checked against NAME.expected.txt."""
    root = tmp_path / "golden"
    write(root / "council.html", html_page(PARAGRAPHS, COMMENT_FORM))
    res = cli(["check", root, "--update"])
    assert res.code == 0, res
    expected = root / "council.expected.txt"
    assert PARAGRAPHS[0] in expected.read_text(encoding="utf-8")
    res = cli(["check", root])
    assert res.code == 0, res
    assert "1 match" in res.out


# --------------------------------------------------------------------------- WARC and WET input
def crawl_warc(path: Path, gzip: bool = True) -> WarcBuilder:
    w = WarcBuilder(path, gzip=gzip)
    w.warcinfo()
    w.request("https://example.com/council")
    w.response("https://example.com/council", html_page(PARAGRAPHS, COMMENT_FORM))
    w.response("https://example.com/missing", "<html><body>Not found</body></html>", status="404 Not Found")
    w.response("https://example.com/library", html_page(OTHER_PARAGRAPHS, COMMENT_FORM))
    w.close()
    return w


def wet_file(path: Path, gzip: bool = True) -> WarcBuilder:
    w = WarcBuilder(path, gzip=gzip)
    w.warcinfo()
    w.conversion("https://example.com/council", PAGE)
    w.conversion("https://example.com/library", OTHER_PAGE)
    w.close()
    return w


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("name,gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_strip_warc_to_jsonl_file(cli, tmp_path, name, gzip):
    """Needs HTML support: the WARC's HTML responses go through strip(kind='html')."""
    w = crawl_warc(tmp_path / name, gzip=gzip)
    target = tmp_path / "results" / "out.jsonl"
    res = cli(["strip", w.path, "-o", target])
    assert res.code == 0, res
    assert res.out == ""
    records = jsonl(target.read_text(encoding="utf-8"))
    assert len(records) == 2
    assert [r["url"] for r in records] == ["https://example.com/council", "https://example.com/library"]
    for r in records:
        assert {"url", "warc_date", "record_id", "text", "meta", "kind", "stripped"} <= set(r)
        assert r["warc_date"] == WARC_DATE
        assert r["kind"] == "html"
    assert records[0]["record_id"] == w.ids[2]
    assert PARAGRAPHS[0] in records[0]["text"] and "Leave a Reply" not in records[0]["text"]
    summary = res.err.strip().splitlines()[-1]
    assert str(w.path) in summary
    assert "2 records processed" in summary
    assert "3 skipped" in summary and "status_404 1" in summary and "warcinfo 1" in summary
    assert "0 errors" in summary


@pytest.mark.parametrize("name,gzip", [("crawl.warc.wet.gz", True), ("crawl.wet", False)])
def test_strip_wet_to_stdout(cli, tmp_path, name, gzip):
    w = wet_file(tmp_path / name, gzip=gzip)
    res = cli(["strip", w.path])
    assert res.code == 0, res
    records = jsonl(res.out)
    assert [r["url"] for r in records] == ["https://example.com/council", "https://example.com/library"]
    assert [r["text"] for r in records] == [CLEAN, OTHER_CLEAN]
    assert [r["record_id"] for r in records] == w.ids[1:]
    assert all(r["warc_date"] == WARC_DATE and r["kind"] == "text" for r in records)
    assert any(seg["filter"] == "comments" for seg in records[0]["stripped"])
    assert res.err.count("\n") == 1  # the summary line only
    assert "2 records processed, 1 skipped (warcinfo 1), 0 errors" in res.err


def test_strip_wet_and_page_into_one_jsonl(cli, tmp_path):
    w = wet_file(tmp_path / "crawl.warc.wet.gz")
    page = write(tmp_path / "page.txt", PAGE)
    target = tmp_path / "all.jsonl"
    res = cli(["strip", w.path, page, "-o", target])
    assert res.code == 0, res
    records = jsonl(target.read_text(encoding="utf-8"))
    assert len(records) == 3
    assert records[-1]["path"] == str(page) and records[-1]["text"] == CLEAN


@pytest.mark.parametrize("name", ["cut.warc.wet.gz", "cut.warc.gz", "cut.warc"])
def test_strip_truncated_file_exits_1_and_keeps_the_good_records(cli, tmp_path, name):
    """WET records go through the text path, WARC responses through the HTML path."""
    gzip = name.endswith(".gz")
    make = wet_file if ".wet" in name else crawl_warc
    w = make(tmp_path / name, gzip=gzip)
    w.truncate_last()
    target = tmp_path / "out.jsonl"
    res = cli(["strip", w.path, "-o", target])
    assert res.code == 1, res
    records = jsonl(target.read_text(encoding="utf-8"))
    assert [r["url"] for r in records] == ["https://example.com/council"]
    assert PARAGRAPHS[0] in records[0]["text"]
    assert "truncated" in res.err
    assert "1 record processed" in res.err and "1 error" in res.err


def test_strip_warc_into_a_folder_is_usage_error(cli, tmp_path):
    w = wet_file(tmp_path / "crawl.warc.wet.gz")
    out = tmp_path / "out"
    res = cli(["strip", w.path, "-o", out])
    assert res.code == 2, res
    assert ".jsonl" in res.err
    assert not out.exists()
    res = cli(["strip", w.path, "-o", out, "--format", "jsonl"])
    assert res.code == 2, res
    assert not out.exists()


def test_strip_warc_with_format_text_is_usage_error(cli, tmp_path):
    w = wet_file(tmp_path / "crawl.warc.wet.gz")
    res = cli(["strip", w.path, "--format", "text"])
    assert res.code == 2, res
    assert res.out == ""


def test_strip_warc_that_is_not_a_warc_fails(cli, tmp_path):
    bogus = write(tmp_path / "notes.warc", "just notes, not a WARC\n")
    res = cli(["strip", bogus])
    assert res.code == 1, res
    assert res.out == ""
    assert str(bogus) in res.err
