"""``boilerstrip.evaluate`` and ``boilerstrip eval``: the benchmark's token metric, reproduced.

The hand-computed tests always run. Where ../shared/bench/score.py (the reference scorer)
exists, the same outputs are also scored by it in a subprocess and the figures compared.
"""

from __future__ import annotations

import csv
import functools
import gzip
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip.cli import main
from boilerstrip.evaluate import (EvalError, TokenCounts, evaluate, find_pages, format_report,
                                  token_counts)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "eval_sample"
SCORE_PY = ROOT.parent / "shared" / "bench" / "score.py"
WCXB = ROOT.parent / "shared" / "bench" / "wcxb_dev"
needs_score_py = pytest.mark.skipif(not SCORE_PY.is_file(), reason="needs ../shared/bench/score.py")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the metric, by hand
def test_token_counts_by_hand():
    counts = token_counts("The cat sat. The cat!", "the cat sat on the mat")
    assert counts == TokenCounts(overlap=4, predicted=5, gold=6)  # the x2, cat, sat
    p, r, f = counts.prf()
    assert p == pytest.approx(4 / 5) and r == pytest.approx(4 / 6) and f == pytest.approx(8 / 11)


def test_tokens_are_lowercased_unicode_words():
    # \w+ keeps letters, digits and underscores of any script, and splits on everything else.
    assert token_counts("Grüße, STRASSE_1 and 東京!", "grüße strasse_1 東京") == TokenCounts(3, 4, 3)
    assert token_counts("e-mail", "e mail") == TokenCounts(2, 2, 2)


def test_empty_gold_and_empty_prediction_rules():
    assert TokenCounts(0, 0, 0).prf() == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    assert token_counts("some words", "").prf() == (0.0, 0.0, 0.0)
    assert token_counts("", "gold words").prf() == (0.0, 0.0, 0.0)
    assert token_counts("  ...  ", "").prf() == (1.0, 1.0, 1.0)  # punctuation has no tokens
    assert token_counts("other", "gold").prf() == (0.0, 0.0, 0.0)  # no overlap: F1 0, no division by zero


@pytest.fixture
def tiny(tmp_path):
    """Three text pages with gold whose scores are worked out by hand for an empty pipeline
    (the prediction is then the page's own text), and one page with no gold."""
    root = tmp_path / "tiny"
    write(root / "a.txt", "Alpha beta gamma.\n\nDelta\n")
    write(root / "a.gold.txt", "alpha beta gamma delta epsilon\n")  # P 4/4, R 4/5, F1 8/9
    write(root / "b.txt", "One two two three\n")
    write(root / "b.gold.txt", "two two two four\n")                 # P 2/4, R 2/4, F1 1/2
    write(root / "c.txt", "Nothing here\n")
    write(root / "c.gold.txt", "")                                  # empty gold: 0, 0, 0
    write(root / "orphan.txt", "A page nobody labelled.\n")
    return root


def test_evaluate_by_hand(tiny):
    ev = evaluate(tiny, pipeline=boilerstrip.Pipeline([]))
    assert [p.name for p in ev.pages] == ["a", "b", "c"]
    assert [p.name for p in ev.worst_first()] == ["c", "b", "a"]
    by_name = {p.name: p for p in ev.pages}
    assert by_name["a"].counts == TokenCounts(4, 4, 5)
    assert by_name["b"].counts == TokenCounts(2, 4, 4)
    assert by_name["c"].counts == TokenCounts(0, 2, 0)
    assert ev.precision == pytest.approx((1 + 0.5 + 0) / 3)
    assert ev.recall == pytest.approx((0.8 + 0.5 + 0) / 3)
    assert ev.tok_f1 == pytest.approx((8 / 9 + 0.5 + 0) / 3)
    mp, mr, mf = ev.micro()  # pooled: overlap 6, predicted 10, gold 9
    assert (mp, mr, mf) == pytest.approx((0.6, 6 / 9, 12 / 19))
    assert ev.skipped == [("orphan", "no gold (orphan.gold.txt)")]
    report = format_report(ev).splitlines()
    assert [line.split()[0] for line in report[1:4]] == ["c", "b", "a"]
    assert report[-2:] == ["3 pages: tokF1 0.463  P 0.500  R 0.433  (pooled: miF1 0.632  P 0.600  R 0.667)",
                           "1 skipped"]


def test_the_pipeline_argument_is_used(tmp_path):
    root = tmp_path / "p"
    write(root / "d.txt", "Great news today\n\nLeave a Reply\n")
    write(root / "d.gold.txt", "Great news today\n")
    assert evaluate(root, pipeline=boilerstrip.Pipeline([])).tok_f1 == pytest.approx(2 / 3)  # P 3/6, R 1
    assert evaluate(root, pipeline=boilerstrip.Pipeline(["comments"])).tok_f1 == 1.0


# --------------------------------------------------------------------------- finding pages
def test_find_pages_by_kind():
    auto = find_pages(SAMPLE)
    assert {p.name: (p.path.name, p.kind) for p in auto.pages} == {
        "bread": ("bread.txt", "auto"), "council": ("council.txt", "auto"),
        "library": ("library.html", "html"), "market": ("market.html.gz", "html")}
    assert auto.skipped == [("draft", "no gold (draft.gold.txt)")]
    text = find_pages(SAMPLE, "text")
    assert {p.name: p.path.name for p in text.pages}["market"] == "market.raw.txt"
    assert "library" not in {p.name for p in text.pages}
    assert any(name == "library" and "no text page" in why for name, why in text.skipped)
    html = find_pages(SAMPLE, "html")
    assert sorted(p.name for p in html.pages) == ["library", "market"]


def test_find_pages_nested_and_gold_without_page(tmp_path):
    root = tmp_path / "site"
    write(root / "blog" / "post.txt", "Text\n")
    write(root / "blog" / "post.gold.txt", "Text\n")
    write(root / "blog" / "post.expected.txt", "a golden file of `boilerstrip check`, not a page\n")
    write(root / "lonely.gold.txt", "gold with no page\n")
    found = find_pages(root)
    assert [(p.name, p.path.name) for p in found.pages] == [("blog/post", "post.txt")]
    assert found.skipped == [("lonely", "gold without a page")]


def test_bad_usage_raises_eval_error(tmp_path):
    with pytest.raises(EvalError, match="not a directory"):
        evaluate(tmp_path / "missing")
    write(tmp_path / "nogold" / "page.txt", "Text\n")
    with pytest.raises(EvalError, match="no pages with gold"):
        evaluate(tmp_path / "nogold")
    with pytest.raises(EvalError, match="kind"):
        evaluate(SAMPLE, kind="pdf")
    with pytest.raises(EvalError, match="limit"):
        evaluate(SAMPLE, limit=0)


def test_a_failing_page_is_scored_empty_and_the_rest_run(tmp_path):
    root = tmp_path / "s"
    shutil.copytree(SAMPLE, root)
    (root / "broken.html.gz").write_bytes(b"not gzip at all")
    write(root / "broken.gold.txt", "the gold of a page that cannot be read\n")
    ev = evaluate(root)
    assert len(ev.pages) == 5
    broken = ev.worst_first()[0]
    assert broken.name == "broken" and broken.f1 == 0.0
    assert "BadGzipFile" in broken.error or "gzip" in broken.error.lower()
    assert [p.name for p in ev.failed] == ["broken"]
    assert all(p.error is None for p in ev.pages if p.name != "broken")


def test_unreadable_gold_is_skipped_with_why(tmp_path):
    root = tmp_path / "g"
    write(root / "good.txt", "Words that stay.\n")
    write(root / "good.gold.txt", "Words that stay.\n")
    write(root / "bad.txt", "Other words.\n")
    (root / "bad.gold.txt").write_bytes(b"\xff\xfe not utf-8 \xc3")
    ev = evaluate(root, pipeline=boilerstrip.Pipeline([]))
    assert [p.name for p in ev.pages] == ["good"] and ev.tok_f1 == 1.0
    assert len(ev.skipped) == 1 and ev.skipped[0][0] == "bad"
    assert "cannot read its gold" in ev.skipped[0][1] and "bad.gold.txt" in ev.skipped[0][1]


# --------------------------------------------------------------------------- against score.py
@functools.lru_cache(maxsize=1)
def _load_score_py():
    """The reference scorer as a module, for the page-level comparison (tests only)."""
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


words = st.text(st.sampled_from("aAbB cC\u00e9\u00c9_1 ,.\n\u6771"), max_size=30)


@needs_score_py
@settings(max_examples=300, deadline=None)
@given(pred=words, gold=words)
def test_page_metric_equals_score_py(pred, gold):
    ref = _load_score_py()
    counts = token_counts(pred, gold)
    assert (counts.overlap, counts.predicted, counts.gold) == ref.tok_counts(pred, gold)
    assert counts.prf() == ref.tok_prf(*ref.tok_counts(pred, gold))


def _score_py_on(ev, gold_dir: Path, tmp_path: Path) -> dict:
    """Write *ev*'s stripped texts as predictions and score them with score.py."""
    pred = tmp_path / "pred"
    pred.mkdir()
    for page in ev.pages:
        if page.error is None:  # a failed page has no prediction: score.py counts it empty
            (pred / f"{page.name}.txt").write_text(page.text, encoding="utf-8")
    out = tmp_path / "score.json"
    subprocess.run([sys.executable, str(SCORE_PY), str(gold_dir), str(pred), "--json", str(out)],
                   check=True, capture_output=True, timeout=120)
    return json.loads(out.read_text())["all"][str(pred)]


def _assert_same(ev, ref: dict) -> None:
    assert ref["n"] == len(ev.pages)
    s = ev.summary()
    for mine, theirs in [("tok_f1", "tok_F1"), ("precision", "tok_P"), ("recall", "tok_R"),
                         ("micro_f1", "micro_F1"), ("micro_precision", "micro_P"),
                         ("micro_recall", "micro_R")]:
        assert s[mine] == pytest.approx(ref[theirs], abs=1e-9), mine
        assert f"{s[mine]:.3f}" == f"{ref[theirs]:.3f}"


@needs_score_py
def test_sample_averages_equal_score_py(tmp_path):
    """The sample folder, with a failing page added, in score.py's layout (NAME.raw.txt marks
    a page there)."""
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    (root / "broken.html.gz").write_bytes(b"not gzip at all")
    write(root / "broken.gold.txt", "the gold of a page that cannot be read\n")
    ev = evaluate(root)
    assert ev.failed
    for page in ev.pages:
        raw = root / f"{page.name}.raw.txt"
        if not raw.exists():
            write(raw, "score.py finds its pages by this file\n")
    _assert_same(ev, _score_py_on(ev, root, tmp_path))


@needs_score_py
@pytest.mark.skipif(not WCXB.is_dir(), reason="needs ../shared/bench/wcxb_dev")
@pytest.mark.parametrize("kind,count", [("text", 25), ("html", 8)])
def test_benchmark_averages_equal_score_py(tmp_path, kind, count):
    gold_dir = tmp_path / "wcxb"
    gold_dir.mkdir()
    for raw in sorted(WCXB.glob("*.raw.txt"))[:count]:
        pid = raw.name[: -len(".raw.txt")]
        for suffix in (".raw.txt", ".gold.txt", ".gold.json", ".html.gz"):
            if (WCXB / (pid + suffix)).exists():
                shutil.copy(WCXB / (pid + suffix), gold_dir / (pid + suffix))
    ev = evaluate(gold_dir, kind=kind)
    assert len(ev.pages) == count and not ev.failed
    _assert_same(ev, _score_py_on(ev, gold_dir, tmp_path))


# --------------------------------------------------------------------------- the command
def run_cli(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_eval_prints_worst_first_then_averages(capsys):
    code, out, err = run_cli(capsys, "eval", SAMPLE)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["page", "kind", "P", "R", "F1", "pred", "gold"]
    rows = [line.split() for line in lines[1:5]]
    assert [r[0] for r in rows] == ["bread", "council", "library", "market"]  # ties by name
    f1s = [float(r[4]) for r in rows]
    assert f1s == sorted(f1s) and f1s[0] < 1.0
    ev = evaluate(SAMPLE)
    assert f"4 pages: tokF1 {ev.tok_f1:.3f}  P {ev.precision:.3f}  R {ev.recall:.3f}" in out
    assert "draft" in err and "no gold" in err
    assert "draft" not in out.split("\n\n")[0]


def test_cli_eval_json_and_per_page_files(capsys, tmp_path):
    tsv, csv_path = tmp_path / "scores.tsv", tmp_path / "scores.csv"
    code, out, err = run_cli(capsys, "eval", SAMPLE, "--json", "--per-page", tsv)
    assert code == 0, err
    data = json.loads(out)
    ev = evaluate(SAMPLE)
    assert data["summary"]["tok_f1"] == pytest.approx(ev.tok_f1)
    assert data["summary"]["pages"] == 4 and data["summary"]["skipped"] == 1
    assert [p["page"] for p in data["pages"]] == ["bread", "council", "library", "market"]
    assert data["skipped"] == [{"page": "draft", "why": "no gold (draft.gold.txt)"}]
    rows = list(csv.DictReader(tsv.open(encoding="utf-8"), delimiter="\t"))
    assert [r["page"] for r in rows] == ["bread", "council", "library", "market"]  # name order
    by_name = {p.name: p for p in ev.pages}
    for row in rows:
        assert float(row["f1"]) == pytest.approx(by_name[row["page"]].f1, abs=5e-5)
        assert int(row["gold_tokens"]) == by_name[row["page"]].counts.gold
    code, _, err = run_cli(capsys, "eval", SAMPLE, "--per-page", csv_path, "--kind", "text")
    assert code == 0, err
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert [r["page"] for r in rows] == ["bread", "council", "market"]
    assert rows[2]["path"].endswith("market.raw.txt") and rows[2]["kind"] == "text"


def test_cli_eval_limit(capsys):
    code, out, _ = run_cli(capsys, "eval", SAMPLE, "--limit", "2", "--json")
    assert code == 0
    assert sorted(p["page"] for p in json.loads(out)["pages"]) == ["bread", "council"]


@pytest.mark.parametrize("args,message", [
    (["eval", "{tmp}/missing"], "not a directory"),
    (["eval", "{tmp}/nogold"], "no pages with gold"),
    (["eval", str(SAMPLE), "--per-page", "{tmp}/scores.txt"], ".tsv or .csv"),
    (["eval", str(SAMPLE), "--per-page", "{tmp}/no/such/dir/scores.tsv"], "no such directory"),
    (["eval", str(SAMPLE), "--limit", "0"], "limit"),
])
def test_cli_eval_bad_usage_exits_2(capsys, tmp_path, args, message):
    write(tmp_path / "nogold" / "page.txt", "A page without gold.\n")
    code, out, err = run_cli(capsys, *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert code == 2
    assert message in err and "Traceback" not in err
    assert out == ""
    assert not (tmp_path / "scores.txt").exists()


def test_cli_eval_reports_a_failing_page_and_goes_on(capsys, tmp_path):
    root = tmp_path / "s"
    shutil.copytree(SAMPLE, root)
    (root / "broken.html.gz").write_bytes(gzip.compress(b"<html><body><p>ok</p></body></html>")[:12])
    write(root / "broken.gold.txt", "gold\n")
    code, out, err = run_cli(capsys, "eval", root)
    assert code == 0
    first = out.splitlines()[1]
    assert first.startswith("broken") and "FAILED" in first
    assert "broken.html.gz" in err
    assert "5 pages: tokF1" in out and "1 failed (scored as empty)" in out


def test_console_script_eval():
    exe = shutil.which("boilerstrip")
    assert exe, "the boilerstrip console script is not installed"
    proc = subprocess.run([exe, "eval", str(SAMPLE), "--json"], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["pages"] == 4
    assert b"no gold" in proc.stderr
