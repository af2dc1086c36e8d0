"""Configuration files: discovery, precedence, what they change, and the errors they give."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import Config, ConfigError, Pipeline, find_config, load_config
from boilerstrip.cli import main
from helpers import ARTICLE, page

MENU_AFTER = page(*ARTICLE, "Sports\nWeather\nLocal")
SITE_PAGE = page(*ARTICLE, "Subscribe to our newsletter", "Leave a Reply")
GERMAN_FORM = page(*ARTICLE, "Schreib uns was", "Dein Kommentar wird nach Prüfung veröffentlicht.")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- discovery
def test_found_from_a_subfolder_upwards(tmp_path):
    config = write(tmp_path / "proj" / "boilerstrip.toml", '[pipeline]\nfilters = ["comments"]\n')
    deep = tmp_path / "proj" / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == config.resolve()
    loaded = load_config(start=deep)
    assert loaded.path == str(config.resolve())
    assert loaded.pipeline().names == ["comments"]


def test_pyproject_tool_table_is_read(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.boilerstrip.pipeline]\n'
                                       'filters = ["comments", "related"]\n')
    loaded = load_config(start=tmp_path)
    assert loaded.path.endswith("pyproject.toml")
    assert loaded.pipeline().names == ["comments", "related"]


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / "boilerstrip.toml", '[pipeline]\nfilters = ["ads"]\n')
    write(tmp_path / "inner" / "pyproject.toml", '[project]\nname = "boilerstrip-user"\n')
    assert find_config(tmp_path / "inner") == (tmp_path / "boilerstrip.toml").resolve()


def test_precedence_nearest_folder_then_boilerstrip_toml(tmp_path):
    write(tmp_path / "boilerstrip.toml", '[pipeline]\nfilters = ["ads"]\n')
    inner = tmp_path / "inner"
    write(inner / "pyproject.toml", '[tool.boilerstrip.pipeline]\nfilters = ["share"]\n')
    assert load_config(start=inner).pipeline().names == ["share"]  # nearer folder wins
    write(inner / "boilerstrip.toml", '[pipeline]\nfilters = ["footer"]\n')
    assert load_config(start=inner).pipeline().names == ["footer"]  # then boilerstrip.toml
    assert load_config(tmp_path / "boilerstrip.toml", start=inner).pipeline().names == ["ads"]  # explicit path


def test_no_file_means_the_default_pipeline(tmp_path):
    if find_config(tmp_path) is not None:
        pytest.skip("a configuration file sits above the temporary folder")
    config = load_config(start=tmp_path)
    assert config.path is None and config.is_default
    assert config.pipeline() is boilerstrip.default_pipeline()


def test_an_empty_file_is_the_default_pipeline(tmp_path):
    config = load_config(write(tmp_path / "boilerstrip.toml", "# nothing to change\n"))
    assert config.pipeline() is boilerstrip.default_pipeline()


# --------------------------------------------------------------------------- what it changes
def test_disable_removes_a_filter_and_keeps_the_order(tmp_path):
    config = Config.from_mapping({"pipeline": {"disable": ["main_block", "ads"]}})
    assert config.pipeline().names == [n for n in boilerstrip.DEFAULT_FILTERS if n not in ("main_block", "ads")]


def test_filter_options_change_what_is_stripped():
    alone = {"pipeline": {"filters": ["navigation"]}}
    default = Config.from_mapping(alone).pipeline()(MENU_AFTER)
    assert [s.reason for s in default.stripped] == ["menu_run"]
    longer = Config.from_mapping({**alone, "filters": {"navigation": {"min_run_outside": 4}}})
    assert longer.pipeline()(MENU_AFTER).stripped == []
    assert longer.options == {"navigation": {"min_run_outside": 4}}


def test_float_option_takes_an_integer():
    config = Config.from_mapping({"filters": {"main_block": {"weight": 4}}})
    flt = next(f for f in config.pipeline().filters if f.name == "main_block")
    assert flt.weight == 4.0 and isinstance(flt.weight, float)


def test_extra_cues_catch_a_line_the_built_in_phrases_miss():
    plain = Pipeline(["comments"])(GERMAN_FORM)
    assert "Schreib uns was" in plain.text
    config = Config.from_mapping({"pipeline": {"filters": ["comments"]},
                                  "cues": {"comments": {"form_heading": ["Schreib uns was"],
                                                        "form_line": ["Dein Kommentar wird nach Prüfung veröffentlicht"]}}})
    result = config.pipeline()(GERMAN_FORM)
    assert "Schreib uns was" not in result.text
    assert "Dein Kommentar" not in result.text
    assert [(s.filter, s.reason) for s in result.stripped] == [("comments", "comment_form")]
    assert result.lossless_problems() == []
    # The phrases belong to that pipeline: the shared tables did not change.
    assert "Schreib uns was" in Pipeline(["comments"])(GERMAN_FORM).text


def test_extra_cues_stay_with_their_pipeline_across_threads():
    extra = Pipeline(["comments"], extra_cues={"comments": {"form_heading": ["Schreib uns was"]}})
    plain = Pipeline(["comments"])
    failures: list[str] = []
    barrier = threading.Barrier(4)

    def work(pipeline: Pipeline, should_strip: bool) -> None:
        barrier.wait()
        for _ in range(30):
            stripped = "Schreib uns was" not in pipeline(GERMAN_FORM).text
            if stripped != should_strip:
                failures.append(f"{pipeline.extra_cues!r}: stripped={stripped}")

    threads = [threading.Thread(target=work, args=(p, p is extra)) for p in (extra, plain, extra, plain)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_config_pickles_for_workers_and_rebuilds_the_same_pipeline():
    config = Config.from_mapping({"pipeline": {"filters": ["navigation", "comments"]},
                                  "filters": {"navigation": {"min_run_outside": 4}},
                                  "cues": {"comments": {"form_heading": ["Schreib uns was"]}},
                                  "sites": {"example.com": {"strip_patterns": ["^Anzeige$"]}}})
    copy = pickle.loads(pickle.dumps(config))
    assert copy.pipeline() is not config.pipeline()
    assert copy.pipeline().names == config.pipeline().names == ["site_rules", "navigation", "comments"]
    for text in (MENU_AFTER, GERMAN_FORM):
        assert copy.pipeline()(text, url="https://example.com/").to_dict() == \
            config.pipeline()(text, url="https://example.com/").to_dict()


def test_config_builds_site_rules_and_they_reach_the_pipeline(tmp_path):
    path = tmp_path / "boilerstrip.toml"
    path.write_text('[sites."example.com"]\nstrip = ["Subscribe to our newsletter"]\n'
                    'keep = ["Leave a Reply"]\n', encoding="utf-8")
    config = boilerstrip.load_config(path)
    result = config.pipeline()(SITE_PAGE, url="https://www.example.com/a")
    assert [s.filter for s in result.stripped if "Subscribe" in s.text] == ["site_rules"]
    assert "Leave a Reply" in result.text
    assert "Leave a Reply" not in config.pipeline()(SITE_PAGE).text  # no URL: no rules
    assert Config().pipeline().site_rules is None


# --------------------------------------------------------------------------- errors
BAD = [
    ("colour = 'red'\n", "colour", "unknown key"),
    ("[pipeline]\nfilters = ['consent', 'navigaton']\n", "pipeline.filters[1]", "unknown filter 'navigaton'"),
    ("[pipeline]\nfilters = 'comments'\n", "pipeline.filters", "expected a list"),
    ("[pipeline]\nfilters = ['comments', 'comments']\n", "pipeline.filters[1]", "listed twice"),
    ("[pipeline]\ndisable = ['ads']\nfilters = ['comments']\n", "pipeline.disable[0]", "not among the filters"),
    ("[pipeline]\norder = ['comments']\n", "pipeline.order", "unknown key"),
    ("filters = ['comments']\n", "filters", "[pipeline] filters"),
    ("[filters.navigation]\nmin_run_outsid = 4\n", "filters.navigation.min_run_outsid",
     "unknown option; navigation's options are: min_run_outside, min_run_inside"),
    ("[filters.navigation]\nmin_run_outside = 'four'\n", "filters.navigation.min_run_outside", "expected an integer"),
    ("[filters.navigation]\nmin_run_outside = true\n", "filters.navigation.min_run_outside", "expected an integer"),
    ("[filters.main_block]\nthreshold = 1.5\n", "filters.main_block.threshold", "between 0 and 1"),
    ("[filters.ads]\nlevel = 2\n", "filters.ads.level", "ads's options are: (none)"),
    ("[filters.nope]\nx = 1\n", "filters.nope", "unknown filter"),
    ("[pipeline]\ndisable = ['main_block']\n[filters.main_block]\nthreshold = 0.5\n", "filters.main_block",
     "does not run"),
    ("[filters.site_rules]\nrules = 1\n", "filters.site_rules", "[sites"),
    ("[cues.comment]\nform_heading = ['x']\n", "cues.comment", "unknown cue table"),
    ("[cues.comments]\nform_headin = ['x']\n", "cues.comments.form_headin", "unknown cue key"),
    ("[cues.comments]\nform_heading = 'x'\n", "cues.comments.form_heading", "expected a list"),
    ("[cues.comments]\nform_heading = ['...']\n", "cues.comments.form_heading[0]", "words"),
    ('[sites."example.com"]\nstrip_patterns = ["(unclosed"]\n', 'sites."example.com".strip_patterns[0]',
     "invalid pattern"),
    ('[sites."example.com"]\nstrip = "Subscribe"\n', 'sites."example.com".strip', "expected a list"),
    ('[sites."example.com"]\nremove = ["x"]\n', 'sites."example.com".remove', "unknown key"),
    ('[sites."https://example.com/news"]\nstrip = ["x"]\n', 'sites."https://example.com/news"', "domain name"),
    ('[sites."*.example.com"]\nstrip = ["x"]\n', 'sites."*.example.com"', "subdomains match"),
    ('[sites."Example.com"]\nstrip = ["x"]\n[sites."example.com."]\nkeep = ["y"]\n', 'sites."example.com."',
     "same domain"),
]


@pytest.mark.parametrize("text,key,words", BAD, ids=[b[1] for b in BAD])
def test_errors_name_the_file_and_the_key(tmp_path, text, key, words):
    path = write(tmp_path / "boilerstrip.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {key}: "), message
    assert words in message
    assert info.value.key == key and info.value.path == str(path)


def test_pyproject_errors_name_the_tool_table(tmp_path):
    path = write(tmp_path / "pyproject.toml", "[tool.boilerstrip.filters.navigation]\nmin_run_outsid = 4\n")
    with pytest.raises(ConfigError) as info:
        load_config(start=tmp_path)
    assert str(info.value).startswith(f"{path.resolve()}: tool.boilerstrip.filters.navigation.min_run_outsid: "
                                      "unknown option")


def test_explicit_pyproject_without_the_table(tmp_path):
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: tool\.boilerstrip: no \[tool\.boilerstrip\] table"):
        load_config(path)


def test_toml_syntax_error_names_the_file_and_line(tmp_path):
    path = write(tmp_path / "boilerstrip.toml", "[pipeline]\nfilters = ['comments'] junk\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: not valid TOML")
    assert "line 2" in str(info.value)


def test_syntax_error_in_a_pyproject_that_configures_boilerstrip(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.boilerstrip\nx = 1\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        find_config(tmp_path)


def test_missing_explicit_file(tmp_path):
    with pytest.raises(ConfigError, match=r"nope\.toml: no such file"):
        load_config(tmp_path / "nope.toml")


def test_a_folder_given_as_the_config(tmp_path):
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(tmp_path)


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "boilerstrip.toml"
    path.write_bytes(b"[pipeline]\nfilters = ['\xff']\n")
    with pytest.raises(ConfigError, match="boilerstrip.toml: "):
        load_config(path)


# --------------------------------------------------------------------------- the command line
def run(args, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_finds_the_config_in_the_working_directory(tmp_path, monkeypatch, capsys):
    project = tmp_path / "proj"
    page_file = write(project / "pages" / "menu.txt", MENU_AFTER)
    write(project / "boilerstrip.toml", '[pipeline]\nfilters = ["navigation"]\n'
                                        '[filters.navigation]\nmin_run_outside = 4\n')
    monkeypatch.chdir(project / "pages")
    code, out, _ = run(["strip", page_file], capsys)
    assert code == 0 and "Sports" in out  # the menu run is too short for min_run_outside = 4
    code, out, _ = run(["strip", page_file, "--no-config"], capsys)
    assert code == 0 and "Sports" not in out


def test_cli_config_option_beats_the_discovered_file(tmp_path, monkeypatch, capsys):
    page_file = write(tmp_path / "menu.txt", MENU_AFTER)
    write(tmp_path / "boilerstrip.toml", '[pipeline]\nfilters = ["ads"]\n')
    other = write(tmp_path / "conf" / "strict.toml", '[pipeline]\nfilters = ["navigation"]\n')
    monkeypatch.chdir(tmp_path)
    assert "Sports" in run(["strip", page_file], capsys)[1]
    assert "Sports" not in run(["strip", page_file, "--config", other], capsys)[1]


@pytest.mark.parametrize("command", ["strip", "check"])
def test_cli_bad_config_exits_2_naming_file_and_key(tmp_path, capsys, command):
    pages = tmp_path / "pages"
    write(pages / "a.txt", MENU_AFTER)
    bad = write(tmp_path / "bad.toml", "[filters.navigation]\nmin_run_outsid = 4\n")
    code, out, err = run([command, pages, "--config", bad], capsys)
    assert code == 2
    assert out == ""
    assert err == (f"boilerstrip: error: {bad}: filters.navigation.min_run_outsid: unknown option; "
                   "navigation's options are: min_run_outside, min_run_inside\n")
    assert not (pages / "a.expected.txt").exists()


def test_console_script_reports_a_syntax_error_without_traceback(tmp_path):
    bad = write(tmp_path / "boilerstrip.toml", "[pipeline\n")
    page_file = write(tmp_path / "a.txt", MENU_AFTER)
    exe = shutil.which("boilerstrip")
    assert exe, "the boilerstrip console script is not installed"
    proc = subprocess.run([exe, "strip", str(page_file)], capture_output=True, text=True, cwd=tmp_path,
                          timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"boilerstrip: error: {bad.resolve()}: not valid TOML")
    assert "Traceback" not in proc.stderr
