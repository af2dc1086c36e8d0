"""``boilerstrip explain`` and the line views behind it: plain, terminal, --html, and bad input."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from rich.cells import cell_len
from rich.console import Console

import boilerstrip
from boilerstrip import Result, Segment, rebuild_text
from boilerstrip.cli import main
from boilerstrip.render_text import plain_lines, print_terminal
from boilerstrip.views import ansi_color, filter_color, filter_counts, line_views
from boilerstrip.pipeline import DEFAULT_FILTERS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NEWS = FIXTURES / "en_html_news_article.html"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
ROW = re.compile(r"^ *(\d+) ([+-]) (.*?) *\| (.*)$")


def nonblank(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Run(code={self.code!r}, out={self.out[:300]!r}, err={self.err[:300]!r})"


@pytest.fixture
def explain(capsys, monkeypatch):
    """``boilerstrip explain ARGS`` through main(); *env* entries are set for the run."""

    def run(*args, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Run:
        for key in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "COLUMNS"):
            monkeypatch.delenv(key, raising=False)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        capsys.readouterr()
        try:
            code = main(["explain", *map(str, args)])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


def script(*args, env: dict[str, str] | None = None, stdin: bytes = b"") -> Run:
    """The installed console script, its stdout a pipe."""
    exe = shutil.which("boilerstrip")
    assert exe, "the boilerstrip console script is not installed"
    environ = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "COLUMNS")}
    proc = subprocess.run([exe, "explain", *map(str, args)], input=stdin, capture_output=True,
                          timeout=60, env={**environ, **(env or {})})
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def parse_rows(out: str) -> list[tuple[int, str, str, str]]:
    """(line number, mark, gutter label, text) of each row of the plain view."""
    rows = []
    for line in out.split("\n\n")[0].splitlines():
        match = ROW.match(line)
        assert match, f"not a row of the view: {line!r}"
        rows.append((int(match.group(1)), match.group(2), match.group(3), match.group(4)))
    return rows


@pytest.fixture(scope="module")
def news() -> Result:
    return boilerstrip.strip(NEWS.read_bytes())


# --------------------------------------------------------------------------- the line model
@pytest.mark.parametrize("page", sorted(p.name for p in FIXTURES.iterdir()
                                        if p.suffix in (".txt", ".html") and ".expected." not in p.name))
def test_kept_rows_are_the_clean_text_and_stripped_rows_the_segments(page):
    result = boilerstrip.strip((FIXTURES / page).read_bytes())
    rows = line_views(result)
    assert [r.text for r in rows if r.kept] == nonblank(result.text)
    assert [r.text for r in rows] == [line for line in result.source.lstrip("\ufeff").splitlines()
                                      if line.strip()]
    for seg in result.stripped:
        assert [r.text for r in rows if r.segment is seg] == nonblank(seg.text)


def test_counts_per_filter(news):
    counts = {c.filter: (c.segments, c.lines, c.chars) for c in filter_counts(news)}
    assert sum(c[0] for c in counts.values()) == len(news.stripped)
    assert counts["navigation"] == (4, 8, sum(len(s.text) for s in news.stripped if s.filter == "navigation"))
    assert list(counts) == [f for f in DEFAULT_FILTERS if f in counts]


def test_colours_are_fixed_distinct_and_stable_across_processes():
    names = [*DEFAULT_FILTERS, "page"]
    assert len({filter_color(n) for n in names}) == len(names)
    assert len({ansi_color(n) for n in names}) == len(names)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", filter_color(n)) for n in [*names, "my_filter"])
    code = ("from boilerstrip.views import filter_color, ansi_color;"
            "print(filter_color('my_filter'), ansi_color('my_filter'))")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.split()[0]
            for seed in ("1", "2")}
    assert seen == {filter_color("my_filter")}


# --------------------------------------------------------------------------- plain view
def test_plain_view_through_the_script(news):
    res = script(NEWS)
    assert res.code == 0, res
    assert "\x1b" not in res.out  # a pipe gets no colour
    rows = parse_rows(res.out)
    assert [text for _, mark, _, text in rows if mark == "+"] == nonblank(news.text)
    by_number = {r.number: r for r in line_views(news)}
    for number, mark, label, text in rows:
        seg = by_number[number].segment
        if mark == "-":
            assert label == f"{seg.filter}: {seg.reason}"
            assert text.startswith(by_number[number].text)
            if seg.detail:
                assert text.endswith(f"  [{seg.detail}]")
        else:
            assert seg is None and label == "" and text == by_number[number].text


def test_plain_view_ends_with_counts_per_filter(explain, news):
    res = explain(NEWS)
    summary = res.out.rstrip("\n").split("\n\n")[-1].splitlines()
    counts = filter_counts(news)
    assert len(summary) == len(counts) + 1
    for line, count in zip(summary, counts):
        words = line.split()
        assert words[0] == count.filter
        assert [int(words[1]), int(words[3]), int(words[5])] == [count.segments, count.lines, count.chars]
    assert summary[-1].split() == ["kept", str(len(nonblank(news.text))), "lines", str(len(news.text)), "chars"]


def test_plain_view_never_cuts_a_line(explain, tmp_path):
    long_line = "A very long paragraph of the article. " * 60
    page = tmp_path / "page.txt"
    page.write_text(f"Title of the page\n\n{long_line}\n\nLeave a Reply\n", encoding="utf-8")
    res = explain(page, env={"COLUMNS": "60"})
    assert res.code == 0, res
    assert long_line.strip() in res.out and "…" not in res.out
    assert "- comments: comment_form" in res.out


def test_stdin(explain):
    res = explain("-", stdin=b"Title here\n\nThe text of the article is long enough to stay.\n\nLeave a Reply\n")
    assert res.code == 0, res
    rows = parse_rows(res.out)
    assert rows[-1][1:3] == ("-", "comments: comment_form")
    assert [r[1] for r in rows[:2]] == ["+", "+"]


def test_control_characters_reach_no_terminal(explain, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Title\x1b]0;pwned\x07 here\n\nArticle text \x1b[2J goes on for a long while.\n",
                    encoding="utf-8")
    plain = explain(page)
    assert "\x1b" not in plain.out and "\x07" not in plain.out
    assert "\u241b]0;pwned\u2407" in plain.out
    colour = explain(page, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in colour.out  # rich's own colours
    assert "\x1b]" not in colour.out and "\x1b[2J" not in colour.out and "\x07" not in colour.out


# --------------------------------------------------------------------------- terminal view
def test_terminal_view_when_forced(explain, news):
    res = explain(NEWS, env={"FORCE_COLOR": "1", "COLUMNS": "80", "COLORTERM": "truecolor"})
    assert res.code == 0, res
    lines = res.out.splitlines()
    assert all(cell_len(ANSI.sub("", line)) <= 80 for line in lines)
    assert any(ANSI.sub("", line).endswith("…") for line in lines)  # long paragraphs are cut
    green = filter_color("navigation")
    rgb = ";".join(str(int(green[i:i + 2], 16)) for i in (1, 3, 5))
    nav = [line for line in lines if "navigation: menu_run" in line]
    assert nav and all(f"38;2;{rgb}" in line for line in nav)
    assert any("\x1b[9;" in line or ";9;" in line for line in nav)  # struck through
    plain_kept = [ANSI.sub("", line) for line in lines if " + " in ANSI.sub("", line)]
    assert len(plain_kept) == len(nonblank(news.text))


def test_terminal_view_through_the_script_and_no_color():
    env = {"FORCE_COLOR": "1", "COLUMNS": "100"}
    coloured = script(NEWS, env=env)
    assert coloured.code == 0 and "\x1b[" in coloured.out, coloured
    plain = script(NEWS, "--no-color", env=env)
    assert plain.code == 0 and "\x1b" not in plain.out, plain
    assert max(len(line) for line in plain.out.splitlines()) > 100  # --no-color: nothing cut


def test_terminal_view_uses_sixteen_distinct_colours_when_that_is_all(news):
    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=100)
    print_terminal(news, console)
    out = console.file.getvalue()
    codes = {re.search(r"\x1b\[1;(\d+)m- " + name, out).group(1)
             for name in {s.filter for s in news.stripped}}
    assert len(codes) == len({s.filter for s in news.stripped})  # no two filters share a colour


def test_terminal_cuts_wide_characters_by_cells():
    result = boilerstrip.strip("标题\n\n" + "这是一篇很长的文章，" * 40 + "\n\n发表评论\n", kind="text")
    console = Console(file=io.StringIO(), force_terminal=True, width=40)
    print_terminal(result, console)
    lines = console.file.getvalue().splitlines()
    assert lines and all(cell_len(ANSI.sub("", line)) <= 40 for line in lines)


# --------------------------------------------------------------------------- --html
def test_html_page(explain, news, tmp_path):
    out = tmp_path / "views" / "news.html"
    res = explain(NEWS, "--html", out)
    assert res.code == 0, res
    assert res.out == "" and str(out) in res.err
    doc = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert doc.find(".//title").text == f"boilerstrip explain: {NEWS}"
    assert not doc.findall(".//script") and not doc.findall(".//link")
    blocks = doc.find_class("bs-seg")
    assert [(b.get("data-filter"), b.get("data-reason")) for b in blocks] == \
        [(s.filter, s.reason) for s in news.stripped]
    assert len(doc.find_class("bs-row")) == len(line_views(news))


def test_html_to_stdout(explain):
    res = explain("-", "--html", "-", stdin=b"Title\n\nThe article text is long enough to keep.\n\nLeave a Reply\n")
    assert res.code == 0, res
    assert res.out.startswith("<!DOCTYPE html>")
    doc = lxml.html.document_fromstring(res.out)
    assert [b.get("data-reason") for b in doc.find_class("bs-seg")] == ["comment_form"]


def test_html_refuses_to_overwrite_the_input(explain, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(NEWS.read_bytes())
    res = explain(page, "--html", page)
    assert res.code == 2, res
    assert "refusing to overwrite" in res.err and str(page) in res.err
    assert page.read_bytes() == NEWS.read_bytes()


def test_html_into_a_directory_is_an_error(explain, tmp_path):
    res = explain(NEWS, "--html", tmp_path)
    assert res.code == 2 and str(tmp_path) in res.err and "directory" in res.err, res


# --------------------------------------------------------------------------- errors
def test_missing_file(explain, tmp_path):
    missing = tmp_path / "missing.html"
    res = explain(missing)
    assert res.code == 2, res
    assert res.err == f"boilerstrip: error: cannot read {missing}: no such file or directory\n"
    assert res.out == ""


def test_missing_file_through_the_script(tmp_path):
    res = script(tmp_path / "missing.txt")
    assert res.code == 2 and "missing.txt: no such file" in res.err and "Traceback" not in res.err, res


def test_directory_and_warc_are_usage_errors(explain, tmp_path):
    res = explain(tmp_path)
    assert res.code == 2 and "directory" in res.err and str(tmp_path) in res.err, res
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"")
    res = explain(warc)
    assert res.code == 2 and "WARC" in res.err and str(warc) in res.err, res


def test_binary_file_is_shown_safely(explain, tmp_path):
    blob = tmp_path / "image.txt"
    blob.write_bytes(bytes(range(256)) * 8)
    res = explain(blob)
    assert res.code == 0, res
    assert "\x00" not in res.out and "\x1b" not in res.out
    rows = parse_rows(res.out)
    assert rows and all(label == "page: binary_content" for _, _, label, _ in rows)
    assert res.out.rstrip().splitlines()[-1].split()[:2] == ["kept", "0"]


def test_no_color_needs_no_terminal(explain, news):
    assert explain(NEWS, "--no-color", env={"FORCE_COLOR": "1"}).out == "\n".join(plain_lines(news)) + "\n"


def test_hand_made_result_with_a_note_in_the_plain_view():
    source = "A line of the page\n\nAnother line\n"
    seg = Segment(2, 6, "hand", "part_of_line", source[2:6], detail="inside a line")
    lines = list(plain_lines(Result(source, rebuild_text(source, [seg]), [seg])))
    assert lines[0].startswith("1 + ") and lines[0].endswith("| A line of the page")  # kept whole
    assert lines[1] == "  - hand: part_of_line | (4 chars at 2:6, no whole line) 'line'  [inside a line]"
    assert lines[2].startswith("3 + ")


# --------------------------------------------------------------------------- the guide's examples
DOC = Path(__file__).resolve().parent.parent / "docs" / "explain-and-notebook.md"


def test_guide_python_examples_run(tmp_path, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 3, "the guide lost an example"
    (tmp_path / "fixtures").mkdir()
    shutil.copy(NEWS, tmp_path / "fixtures" / NEWS.name)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"print": lambda *args, **kwargs: None}
    for block in blocks:  # one session, as in a notebook
        exec(compile(block, DOC.name, "exec"), namespace)
    assert (tmp_path / "news.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert repr(namespace["result"]) in DOC.read_text(encoding="utf-8")


def test_guide_shell_example_prints_what_it_shows(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```\n(.*?)```", text, re.DOTALL) if b.startswith("$ printf"))
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    shown = block.split(f"$ {commands[-1]}\n", 1)[1]
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "COLUMNS")}
    proc = subprocess.run(["bash", "-c", " && ".join(commands)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env={**env, "PATH": path})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == shown
