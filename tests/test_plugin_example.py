"""examples/boilerstrip-reading-time: a third-party filter package, installed for real.

The package is built and installed with pip into a temporary folder (offline: no build
isolation, no index), then used from fresh processes with that folder on PYTHONPATH, the way
a user's environment would see it: ``boilerstrip filters`` lists it with its package, and a
pipeline builds it by name.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "boilerstrip-reading-time"
PAGE = ("Why the harbour wall matters\n\n4 min read\n\n"
        "The town council voted on Monday to rebuild the old harbour wall, which has cracked in "
        "forty places since the winter storms.\n\n"
        "Work starts in September and will take about eighteen months, the council said.\n")


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory) -> dict[str, str]:
    """An environment whose PYTHONPATH holds the installed example package."""
    work = tmp_path_factory.mktemp("plugin")
    source = work / "src"
    # A copy: setuptools writes build files beside the sources, which must not land in the repo.
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    target = work / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "--quiet", "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (target / "boilerstrip_reading_time" / "__init__.py").is_file()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(target), *filter(None, [env.get("PYTHONPATH")])])
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)


def test_boilerstrip_filters_lists_the_plugin_with_its_package(plugin_env):
    exe = shutil.which("boilerstrip")
    assert exe, "the boilerstrip console script is not installed"
    proc = run([exe, "filters"], plugin_env)
    assert proc.returncode == 0, proc.stderr
    line = next(line for line in proc.stdout.splitlines() if line.split()[0] == "reading_time")
    assert line.split()[1] == "boilerstrip-reading-time"
    assert "Reading-time labels" in line
    assert any(l.split()[:2] == ["comments", "boilerstrip"] for l in proc.stdout.splitlines())

    proc = run([exe, "filters", "--json"], plugin_env)
    assert proc.returncode == 0, proc.stderr
    entry = next(e for e in json.loads(proc.stdout) if e["name"] == "reading_time")
    assert entry["origin"] == "boilerstrip-reading-time"
    assert entry["class"] == "boilerstrip_reading_time.ReadingTimeFilter"
    assert entry["reasons"] == ["reading_time"]
    assert entry["options"] == [{"name": "max_words", "type": "int", "default": 8}]
    assert entry["default_position"] is None


def test_pipeline_builds_the_plugin_by_name(plugin_env):
    code = textwrap.dedent(f"""
        import json, boilerstrip
        pipeline = boilerstrip.Pipeline([*boilerstrip.DEFAULT_FILTERS, "reading_time"])
        result = pipeline({PAGE!r}, kind="text")
        assert result.lossless_problems() == []
        print(json.dumps({{"text": result.text, "segments": [s.to_dict() for s in result.stripped],
                          "origin": boilerstrip.registry.filter_origin("reading_time")}}))
    """)
    proc = run([sys.executable, "-c", code], plugin_env)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["origin"] == "boilerstrip-reading-time"
    assert [(s["filter"], s["reason"], s["text"]) for s in data["segments"]] == [
        ("reading_time", "reading_time", "4 min read")]
    assert "4 min read" not in data["text"]
    assert data["text"].startswith("Why the harbour wall matters\n\nThe town council voted")


def test_plugin_labels_and_sentences(plugin_env):
    """What the example filter takes and leaves, run from the installed package."""
    labels = ["5 min read", "4-minute read", "Reading time: 3 minutes", "Lesezeit: 4 Min.",
              "Temps de lecture : 6 min", "· 12 mins read"]
    kept = ["This is a five-minute read for anyone who cares about the harbour and its history.",
            "Reading time matters less than the article itself, the editor said on Monday."]
    code = textwrap.dedent(f"""
        import json
        from boilerstrip import Pipeline
        from boilerstrip_reading_time import ReadingTimeFilter
        out = {{}}
        for line in {labels + kept!r}:
            result = Pipeline([ReadingTimeFilter()])(line + "\\n", kind="text")
            out[line] = [s.reason for s in result.stripped]
        try:
            ReadingTimeFilter(max_words=0)
        except ValueError as exc:
            out["error"] = str(exc)
        print(json.dumps(out))
    """)
    proc = run([sys.executable, "-c", code], plugin_env)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    for line in labels:
        assert out[line] == ["reading_time"], line
    for line in kept:
        assert out[line] == [], line
    assert "max_words" in out["error"]
