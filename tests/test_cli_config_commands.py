"""explain and eval read the same configuration as strip and check (--config, --no-config)."""

from __future__ import annotations

import shutil
from pathlib import Path

from boilerstrip.cli import main
from helpers import ARTICLE, page

EVAL_SAMPLE = Path(__file__).parent / "data" / "eval_sample"
COMMENT_FORM = ["Leave a Reply", "Your email address will not be published. Required fields are marked *"]


def test_explain_runs_the_configured_pipeline(tmp_path, capsys):
    source = tmp_path / "page.txt"
    source.write_text(page(*ARTICLE, *COMMENT_FORM), encoding="utf-8")
    assert main(["explain", str(source), "--no-config", "--no-color"]) == 0
    assert "comments: comment_form" in capsys.readouterr().out
    config = tmp_path / "boilerstrip.toml"
    config.write_text('[pipeline]\ndisable = ["comments"]\n', encoding="utf-8")
    assert main(["explain", str(source), "--config", str(config), "--no-color"]) == 0
    assert "comments: comment_form" not in capsys.readouterr().out


def test_explain_applies_site_rules_for_its_url(tmp_path, capsys):
    source = tmp_path / "page.txt"
    source.write_text(page(*ARTICLE, "Subscribe to the Harbour Gazette today"), encoding="utf-8")
    config = tmp_path / "boilerstrip.toml"
    config.write_text('[sites."harbour.example"]\nstrip = ["Subscribe to the Harbour Gazette today"]\n',
                      encoding="utf-8")
    args = ["explain", str(source), "--config", str(config), "--no-color"]
    assert main(args + ["--url", "https://www.harbour.example/news/1"]) == 0
    assert "site_rules: site_rule" in capsys.readouterr().out
    assert main(args) == 0  # no URL: no site rule applies
    assert "site_rules" not in capsys.readouterr().out


def test_eval_scores_the_configured_pipeline(tmp_path, capsys):
    folder = tmp_path / "sample"
    shutil.copytree(EVAL_SAMPLE, folder)
    assert main(["eval", str(folder), "--no-config", "--json"]) == 0
    default = capsys.readouterr().out
    config = tmp_path / "boilerstrip.toml"
    config.write_text('[pipeline]\nfilters = ["comments"]\n', encoding="utf-8")
    assert main(["eval", str(folder), "--config", str(config), "--json"]) == 0
    assert capsys.readouterr().out != default


def test_eval_reports_a_bad_configuration_with_exit_2(tmp_path, capsys):
    config = tmp_path / "boilerstrip.toml"
    config.write_text('[filters.navigation]\nmin_run_outsid = 4\n', encoding="utf-8")
    assert main(["eval", str(EVAL_SAMPLE), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "boilerstrip.toml" in err and "filters.navigation.min_run_outsid" in err
