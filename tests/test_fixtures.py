"""Golden files: every fixtures/NAME.txt must give fixtures/NAME.expected.txt exactly."""

from pathlib import Path

import pytest

import boilerstrip
from conftest import assert_lossless

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = sorted(p for p in FIXTURES.glob("*.txt") if ".expected." not in p.name)
HTML_PAGES = sorted(FIXTURES.glob("*.html"))


def canonical(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def test_there_are_enough_fixtures():
    assert len(PAGES) >= 17
    assert {p.name for p in PAGES} >= {"000_c57fa4c202c2f925.txt", "001_072dcd4699e13d52.txt"}


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_fixture(path):
    expected = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8")
    result = boilerstrip.strip(path.read_bytes(), kind="text")
    assert canonical(result.text) == canonical(expected)
    assert_lossless(result)
    again = boilerstrip.strip(result.text, kind="text")
    assert canonical(again.text) == canonical(result.text), "stripping the clean text again changed it"


def test_there_are_html_fixtures():
    assert HTML_PAGES


@pytest.mark.parametrize("path", HTML_PAGES, ids=lambda p: p.stem)
def test_html_fixture(path):
    expected = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8")
    result = boilerstrip.strip(path.read_bytes())  # kind="auto" must see the HTML
    assert result.kind == "html"
    assert canonical(result.text) == canonical(expected)
    assert_lossless(result)
    assert all(segment.dom_path for segment in result.stripped)


def test_seed_metadata():
    result = boilerstrip.strip((FIXTURES / "000_c57fa4c202c2f925.txt").read_text(encoding="utf-8"))
    assert result.meta["title"] == "US, Japan, South Korea vow strategic cooperation to boost security, economies"
    assert result.meta["date"] == "2024-06-28" and result.meta["time"] == "13:50"
    seed1 = boilerstrip.strip((FIXTURES / "001_072dcd4699e13d52.txt").read_text(encoding="utf-8"))
    by_filter = {s.filter for s in seed1.stripped}
    assert {"captions", "related"} <= by_filter
