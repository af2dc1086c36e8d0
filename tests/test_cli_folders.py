"""Folder runs: -j N gives -j 1's output, a bad page does not stop the run, the summary, the bar."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.batch import PageJob, RunStats, auto_workers, run_jobs
from boilerstrip.cli import main
from boilerstrip.progress import ProgressBar
from batch_helpers import CRASH_MARK, crashing_pipeline
from helpers import ARTICLE, SEAWALL, WarcBuilder, page

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
#: A line the pattern below backtracks on for ever: the page holding it fails, with the rule's name.
BACKTRACKS = "a" * 80 + "!"
SLOW_RULE = '[sites."example.com"]\nstrip_patterns = ["^(a|aa)+$"]\n'
#: A line the built-in filters keep (it reads like the article), for rules to strip.
SPONSOR = "This report was produced with support from the Harbour Town Heritage Trust and its members."
SPONSOR_RULE = '[sites."example.com"]\nstrip = ["This report was produced with support from the Harbour Town Heritage Trust and its members"]\n'


def run(capsys, monkeypatch, args, stdin: bytes | None = None) -> tuple[int, str, str]:
    capsys.readouterr()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def no_config(tmp_path, monkeypatch):
    """Run from an empty folder, so no configuration file of the developer's applies."""
    home = tmp_path / "cwd"
    home.mkdir()
    monkeypatch.chdir(home)
    return home


# --------------------------------------------------------------------------- -j N == -j 1
def test_jobs_2_writes_what_jobs_1_writes_on_the_fixtures(tmp_path, capsys, monkeypatch, no_config):
    stdin = (FIXTURES / "en_comment_form_wordpress.txt").read_bytes()
    outputs = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"all-{jobs}.jsonl"
        code, out, err = run(capsys, monkeypatch, ["strip", FIXTURES, "-", "--format", "jsonl", "-o", target,
                                                   "-j", jobs], stdin=stdin)
        assert code == 0, err
        outputs[jobs] = (target.read_bytes(), err)
    assert outputs["1"] == outputs["2"]  # same records in the same order, same summary
    records = [json.loads(line) for line in outputs["2"][0].decode("utf-8").splitlines()]
    pages = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html") and ".expected." not in p.name)
    assert [r["path"] for r in records] == [str(p) for p in pages] + ["-"]
    assert records[-1]["text"] == records[[str(p) for p in pages].index(
        str(FIXTURES / "en_comment_form_wordpress.txt"))]["text"]

    code, _, err = run(capsys, monkeypatch, ["strip", FIXTURES, "-o", tmp_path / "text-2", "-j", "2"])
    assert code == 0, err
    written = tree(tmp_path / "text-2")
    assert len(written) == len(pages)
    for record in records[:-1]:
        name = Path(record["path"]).with_suffix(".txt").name
        assert written[name].decode("utf-8") == (record["text"] + "\n" if record["text"] else "")


def test_check_with_jobs_2_passes_on_the_fixtures(capsys, monkeypatch, no_config):
    code, out, err = run(capsys, monkeypatch, ["check", FIXTURES, "-j", "2"])
    pages = [p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html") and ".expected." not in p.name]
    assert code == 0, out
    assert out.strip().splitlines()[-1] == f"checked {len(pages)} page(s): {len(pages)} match, 0 differ"
    assert f"summary: {len(pages)} pages stripped, 0 errors" in err


# --------------------------------------------------------------------------- a bad page among good ones
def test_a_bad_page_among_good_ones_with_jobs_2(tmp_path):
    """Through the console script: workers start in a fresh interpreter from the installed command."""
    exe = shutil.which("boilerstrip")
    assert exe, "the boilerstrip console script is not installed"
    root = tmp_path / "in"
    write(root / "a.txt", page(*SEAWALL))
    write(root / "b.txt", page(*ARTICLE, BACKTRACKS))
    write(root / "c.txt", page(*ARTICLE, "Leave a Reply"))
    write(root / "d" / "e.txt", page(*SEAWALL[:2]))
    config = write(tmp_path / "rules.toml", SLOW_RULE)
    results = {}
    for jobs in ("2", "1"):
        out = tmp_path / f"out-{jobs}"
        proc = subprocess.run([exe, "strip", str(root), "-o", str(out), "-j", jobs, "--config", str(config),
                               "--url", "https://www.example.com/"], capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)
        results[jobs] = (proc.returncode, proc.stderr, tree(out))
    code, err, written = results["2"]
    assert code == 1
    assert set(written) == {"a.txt", "c.txt", "d/e.txt"}
    assert written["c.txt"].decode("utf-8") == "\n\n".join(ARTICLE) + "\n"
    lines = err.splitlines()
    assert lines[0].startswith(f"boilerstrip: {root / 'b.txt'}: filter 'site_rules': site rule "
                               'sites."example.com".strip_patterns[0]')
    assert "took more than" in lines[0]
    assert "boilerstrip: summary: 3 pages stripped, 1 error" in lines
    assert "Traceback" not in err
    assert results["1"] == results["2"]


def test_an_unreadable_page_is_reported_and_the_rest_run(tmp_path, capsys, monkeypatch, no_config):
    root = tmp_path / "in"
    write(root / "a.txt", page(*SEAWALL))
    gone = write(root / "b.txt", page(*ARTICLE))
    write(root / "c.txt", page(*ARTICLE))
    real_collect = boilerstrip.cli.collect_inputs

    def collect_then_lose_one(paths):
        found = real_collect(paths)
        gone.unlink()  # listed, then gone before it is read
        return found

    monkeypatch.setattr(boilerstrip.cli, "collect_inputs", collect_then_lose_one)
    code, out, err = run(capsys, monkeypatch, ["strip", root, "-o", tmp_path / "out"])
    assert code == 1
    assert f"boilerstrip: {gone}: cannot read {gone}: No such file or directory" in err.splitlines()
    assert set(tree(tmp_path / "out")) == {"a.txt", "c.txt"}


def test_a_page_that_kills_its_worker_is_the_only_one_lost():
    pages = [page(*SEAWALL), page(*ARTICLE, "Leave a Reply"), page(CRASH_MARK, *ARTICLE), page(*SEAWALL[:1])]
    jobs = [PageJob(f"page{i}", None, "text", data=text.encode("utf-8")) for i, text in enumerate(pages)]
    outcomes = list(run_jobs(jobs, crashing_pipeline, 2))
    assert [o.job.shown for o in outcomes] == ["page0", "page1", "page2", "page3"]
    assert [o.error is None for o in outcomes] == [True, True, False, True]
    assert "worker process" in outcomes[2].error and "died" in outcomes[2].error
    assert outcomes[1].record["text"] == "\n\n".join(ARTICLE)  # the comments filter ran in the workers
    assert outcomes[3].record["text"] == SEAWALL[0]


# --------------------------------------------------------------------------- the summary, the bar
def test_summary_counts_pages_characters_filters_and_errors(tmp_path, capsys, monkeypatch, no_config):
    root = tmp_path / "in"
    write(root / "a.txt", page(*SEAWALL, "Leave a Reply", "Share this:", "Facebook | Twitter"))
    write(root / "b.html", "<html><body><nav><a href=/>Home</a> | <a href=/n>News</a> | <a href=/s>Sports"
                           "</a></nav><article>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</article></body></html>")
    target = tmp_path / "all.jsonl"
    code, _, err = run(capsys, monkeypatch, ["strip", root, "--format", "jsonl", "-o", target, "-j", "1"])
    assert code == 0
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    stats = RunStats()
    for record in records:
        stats.add(record)
    kept = sum(len(r["text"]) for r in records)
    stripped = sum(len(s["text"]) for r in records for s in r["stripped"])
    assert (stats.chars_kept, stats.chars_stripped) == (kept, stripped)
    filters = sorted({s["filter"] for r in records for s in r["stripped"]})
    assert {"comments", "share", "navigation"} <= set(filters)
    lines = err.splitlines()
    assert lines[0] == "boilerstrip: summary: 2 pages stripped, 0 errors"
    assert lines[1] == (f"boilerstrip:   characters: {kept:,} kept, {stripped:,} stripped "
                        f"({100 * stripped / (kept + stripped):.1f}%)")
    assert lines[2].startswith("boilerstrip:   by filter: ")
    for name in filters:
        n = sum(1 for r in records for s in r["stripped"] if s["filter"] == name)
        chars = sum(len(s["text"]) for r in records for s in r["stripped"] if s["filter"] == name)
        assert f"{name} {n} segment{'s' if n != 1 else ''} ({chars:,} chars)" in lines[2]
    assert len(lines) == 3  # no config file: no config line, and no progress bar off a terminal
    assert "\x1b" not in err and "\r" not in err


def test_summary_counts_lines_put_back():
    stats = RunStats()
    stats.add({"text": "kept", "stripped": [], "overruled": [
        {"start": 0, "end": 10, "filter": "navigation", "reason": "menu_run", "text": "0123456789",
         "kept_by": "main_block", "keep_reason": "content_inside_main_block"}]})
    stats.add({"text": "kept", "stripped": []})  # no put-backs: the key is absent
    assert stats.lines()[3] == "  put back (a rule had stripped them): main_block 1 segment (10 chars)"
    assert not any("put back" in line for line in RunStats().lines())


def test_summary_names_the_config_file_used(tmp_path, capsys, monkeypatch, no_config):
    write(no_config / "boilerstrip.toml", '[pipeline]\nfilters = ["comments"]\n')
    root = tmp_path / "in"
    write(root / "a.txt", page(*SEAWALL))
    write(root / "b.txt", page(*ARTICLE))
    code, _, err = run(capsys, monkeypatch, ["strip", root, "-o", tmp_path / "out"])
    assert code == 0
    assert err.splitlines()[-1] == f"boilerstrip:   config: {(no_config / 'boilerstrip.toml').resolve()}"


def test_progress_bar_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, shown in ((Terminal(), True), (io.StringIO(), False)):
        with ProgressBar(3, stream=stream) as bar:
            assert bar.enabled is shown
            for _ in range(3):
                bar.advance()
        assert ("stripping" in stream.getvalue()) is shown
        assert (stream.getvalue() == "") is not shown
    assert ProgressBar(1, stream=Terminal()).enabled is False  # one page: nothing to follow


def test_standard_output_on_the_same_screen_goes_above_the_bar_verbatim():
    from rich.console import Console

    from boilerstrip.progress import _ScreenLines

    screen, real = io.StringIO(), io.StringIO()
    lines = _ScreenLines(Console(file=screen, width=20), real)
    text = "A [bold]line[/bold] with :smile: and more words than the screen is wide"
    lines.write(text + "\nsecond")
    assert screen.getvalue() == text + "\n"  # not wrapped, no markup, no emoji
    lines.flush_all()
    assert real.getvalue() == "second"


# --------------------------------------------------------------------------- jobs, URLs, WARC
def test_auto_workers_start_no_pool_for_a_small_folder(tmp_path):
    small = [PageJob("a", str(write(tmp_path / "a.txt", page(*SEAWALL))))]
    assert auto_workers(small * 50, cpus=8) == 1
    big = [PageJob("x", None, data=b"x" * 3_000_000)] * 3
    assert auto_workers(big, cpus=8) == 4
    assert auto_workers(big, cpus=2) == 2
    assert auto_workers([PageJob("gone", str(tmp_path / "gone.txt"))], cpus=8) == 1


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_bad_jobs_value_is_a_usage_error(tmp_path, capsys, monkeypatch, value):
    code, _, err = run(capsys, monkeypatch, ["strip", write(tmp_path / "a.txt", page(*SEAWALL)), "-j", value])
    assert code == 2
    assert "-j/--jobs" in err


def test_url_option_applies_site_rules_to_page_files(tmp_path, capsys, monkeypatch, no_config):
    config = write(tmp_path / "rules.toml", SPONSOR_RULE)
    text = write(tmp_path / "a.txt", page(*ARTICLE[:2], SPONSOR, *ARTICLE[2:]))
    code, out, _ = run(capsys, monkeypatch, ["strip", text, "--config", config])
    assert code == 0 and SPONSOR in out
    code, out, _ = run(capsys, monkeypatch, ["strip", text, "--config", config, "--url", "https://news.example.com/x",
                                             "--format", "jsonl"])
    record = json.loads(out)
    assert SPONSOR not in record["text"]
    assert [(s["filter"], s["reason"]) for s in record["stripped"]] == [("site_rules", "site_rule")]


def test_check_applies_site_rules_with_url(tmp_path, capsys, monkeypatch, no_config):
    config = write(tmp_path / "rules.toml", SPONSOR_RULE)
    root = tmp_path / "golden"
    write(root / "a.txt", page(*ARTICLE[:2], SPONSOR, *ARTICLE[2:]))
    write(root / "a.expected.txt", "\n\n".join(ARTICLE) + "\n")
    code, out, _ = run(capsys, monkeypatch, ["check", root, "--config", config])
    assert code == 1 and "+" + SPONSOR in out.splitlines()
    code, out, _ = run(capsys, monkeypatch, ["check", root, "--config", config, "--url", "https://example.com/"])
    assert code == 0 and "1 match" in out


def test_warc_records_get_their_own_site_rules(tmp_path, capsys, monkeypatch, no_config):
    w = WarcBuilder(tmp_path / "crawl.warc.wet.gz")
    w.warcinfo()
    w.conversion("https://www.example.com/a", page(*SEAWALL[:2], SPONSOR, SEAWALL[2]))
    w.conversion("https://other.org/b", page(*ARTICLE[:2], SPONSOR, *ARTICLE[2:]))
    w.close()
    config = write(tmp_path / "rules.toml", SPONSOR_RULE)
    code, out, err = run(capsys, monkeypatch, ["strip", w.path, "--config", config])
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert SPONSOR not in records[0]["text"]
    assert [s["filter"] for s in records[0]["stripped"]] == ["site_rules"]
    assert SPONSOR in records[1]["text"]
    assert err.count("\n") == 1  # one input: the WARC summary line only
