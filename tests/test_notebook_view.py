"""The notebook view (``Result._repr_html_``) and the HTML renderer behind it, parsed with lxml."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

import boilerstrip
from boilerstrip import Result, Segment, rebuild_text
from boilerstrip.render_html import REPR_MAX_CHARS, render_html, render_page, segment_title
from boilerstrip.views import filter_color

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
INJECTIONS = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
              "' onmouseover='alert(1)", "</div></del><iframe src=javascript:alert(1)>"]


@pytest.fixture(scope="module")
def news() -> Result:
    """An HTML article at which seven filters are at work."""
    return boilerstrip.strip((FIXTURES / "en_html_news_article.html").read_bytes())


def parse(fragment: str):
    return lxml.html.fragment_fromstring(fragment, create_parent="div")


def nonblank(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def style_color(element) -> str:
    return re.search(r"(?:^|;)color:(#[0-9a-f]{6})", element.get("style")).group(1)


# --------------------------------------------------------------------------- segments and lines
def test_one_struck_block_per_segment_with_its_filter_reason_and_title(news):
    assert len({s.filter for s in news.stripped}) >= 5  # the test needs several filters at work
    blocks = parse(news._repr_html_()).find_class("bs-seg")
    assert len(blocks) == len(news.stripped)
    for block, seg in zip(blocks, news.stripped):
        assert block.get("data-filter") == seg.filter
        assert block.get("data-reason") == seg.reason
        title = block.get("title")
        assert title.startswith(f"{seg.filter}: {seg.reason}")
        if seg.detail:
            assert seg.detail in title
        assert title.endswith("\n" + seg.dom_path)
        struck = [d.text_content() for d in block.iter("del")]
        assert struck == nonblank(seg.text)  # every line of the segment, struck through


def test_colour_per_filter_is_the_palettes_and_differs_between_filters(news):
    blocks = parse(news._repr_html_()).find_class("bs-seg")
    by_filter: dict[str, set[str]] = {}
    for block in blocks:
        by_filter.setdefault(block.get("data-filter"), set()).add(style_color(block))
    assert all(colors == {filter_color(name)} for name, colors in by_filter.items())
    firsts = [next(iter(c)) for c in by_filter.values()]
    assert len(set(firsts)) == len(firsts)


def test_kept_lines_are_the_clean_text_and_not_struck(news):
    root = parse(news._repr_html_())
    kept = root.find_class("bs-kept")
    assert [row.find_class("bs-t")[0].text_content() for row in kept] == nonblank(news.text)
    assert all(not list(row.iter("del")) for row in kept)
    assert all(row.find_class("bs-g")[0].text_content() == "+" for row in kept)


def test_counts_table_matches_the_stripped_segments(news):
    root = parse(news._repr_html_())
    table = {row.get("data-filter"): [int(td.text_content().replace(",", "")) for td in row.findall("td")[1:]]
             for row in root.find_class("bs-count")}
    expected: dict[str, list[int]] = {}
    for seg in news.stripped:
        counts = expected.setdefault(seg.filter, [0, 0, 0])
        counts[0] += 1
        counts[1] += len(nonblank(seg.text))
        counts[2] += len(seg.text)
    assert table == expected
    kept = [td.text_content().replace(",", "") for td in root.find_class("bs-count-kept")[0].findall("td")]
    assert kept == ["kept", "", str(len(nonblank(news.text))), str(len(news.text))]


def test_same_renderer_as_the_explain_page(news):
    page = render_page(news, title="t")
    assert render_html(news) in page
    assert news._repr_html_() == render_html(news, max_chars=REPR_MAX_CHARS)


# --------------------------------------------------------------------------- safety
def injected_result() -> Result:
    """A page whose text, and a hand-made segment's every field, try to inject markup."""
    lines = ["A title", *INJECTIONS, "\x00\x1b[31mred\x1b]0;title\x07 and a lone \ud800 surrogate"]
    source = "\n\n".join(lines) + "\n"
    start = source.index(INJECTIONS[1])
    end = start + len(INJECTIONS[1])
    bad = "\"><script>alert(2)</script><b onclick=x>"
    seg = Segment(start, end, "third" + bad, "reason" + bad, source[start:end], detail=bad, dom_path=bad)
    return Result(source, rebuild_text(source, [seg]), [seg], {"title": bad})


def assert_inert(root) -> None:
    names = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    assert names <= {"div", "style", "table", "thead", "tbody", "tr", "th", "td", "span", "del", "p", "code"}
    for el in root.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.startswith("on") or a in ("src", "href")], el.attrib
            assert set(el.attrib) <= {"class", "style", "title", "data-filter", "data-reason"}


def test_page_content_cannot_inject_elements_or_attributes():
    result = injected_result()
    html = result._repr_html_()
    root = parse(html)
    assert_inert(root)
    shown = [row.find_class("bs-t")[0].text_content() for row in root.find_class("bs-row")]
    for payload in INJECTIONS:
        assert any(payload in text for text in shown)  # shown as text, not lost
    block = root.find_class("bs-seg")[0]
    assert block.get("data-filter").startswith("third\"><script>")
    assert "<b onclick=x>" in block.get("title")
    assert "\x00" not in html and "\x1b" not in html and "\ud800" not in html
    assert "\u241b[31mred" in html  # ESC shown as its control picture
    html.encode("utf-8")  # no lone surrogate left to break the encoding


def test_explain_page_is_inert_and_self_contained():
    doc = lxml.html.document_fromstring(render_page(injected_result(), title="<script>x</script>"))
    assert doc.find(".//title").text == "<script>x</script>"
    assert not doc.findall(".//script") and not doc.findall(".//link") and not doc.findall(".//img")
    assert_inert(doc.find(".//body").find_class("boilerstrip-view")[0])
    css = "".join(s.text for s in doc.iter("style"))
    assert "url(" not in css and "@import" not in css


# --------------------------------------------------------------------------- odd results
def test_byte_order_mark_shows_as_a_note():
    result = boilerstrip.strip("\ufeffA title\n\nThe text of the article, long enough to keep.\n")
    root = parse(result._repr_html_())
    block = root.find_class("bs-seg")[0]
    assert block.get("data-reason") == "byte_order_mark"
    assert "'\\ufeff'" in block.text_content()
    assert [r.find_class("bs-t")[0].text_content() for r in root.find_class("bs-kept")] == nonblank(result.text)


def test_segment_inside_a_line_is_a_note_and_the_line_stays_kept():
    source = "First line of the page\n\nSecond line\n"
    seg = Segment(6, 10, "hand", "part_of_line", source[6:10])
    result = Result(source, rebuild_text(source, [seg]), [seg])
    root = parse(result._repr_html_())
    assert [r.find_class("bs-t")[0].text_content() for r in root.find_class("bs-kept")] == \
        ["First line of the page", "Second line"]
    note = root.find_class("bs-seg")[0]
    assert note.get("data-reason") == "part_of_line" and "'line'" in note.text_content()
    counts = [td.text_content() for td in root.find_class("bs-count")[0].findall("td")]
    assert counts == ["hand", "1", "0", "4"]


def test_empty_result_renders():
    root = parse(boilerstrip.strip("")._repr_html_())
    assert not root.find_class("bs-row") and root.find_class("bs-count-kept")


def test_large_page_is_cut_but_counted_in_full():
    para = "A paragraph of the article that goes on for a while, with words. " * 3
    source = "\n\n".join(f"{i} {para}" for i in range(4000)) + "\n\nLeave a Reply\n"
    result = boilerstrip.strip(source, kind="text")
    html = result._repr_html_()
    assert len(source) > 3 * REPR_MAX_CHARS
    assert len(html) < 3 * REPR_MAX_CHARS  # bounded: markup per row is about one row's text again
    root = parse(html)
    shown = root.find_class("bs-row")
    more = root.find_class("bs-more")[0].text_content()
    missing = int(re.search(r"([\d,]+) more lines", more).group(1).replace(",", ""))
    assert len(shown) + missing == len(nonblank(source))
    assert sum(len(r.find_class("bs-t")[0].text_content()) for r in shown) <= REPR_MAX_CHARS + 1
    comments = next(r for r in root.find_class("bs-count") if r.get("data-filter") == "comments")
    assert comments.findall("td")[1].text_content() == "1"  # the stripped tail is counted, unseen
    full = parse(render_html(result))
    assert len(full.find_class("bs-row")) == len(nonblank(source)) and not full.find_class("bs-more")


def test_segment_title_format():
    seg = Segment(0, 5, "ads", "advertisement_label", "Adver", detail="a label")
    assert segment_title(seg) == "ads: advertisement_label \u2014 a label"


# --------------------------------------------------------------------------- repr
def test_repr_is_one_short_line():
    result = injected_result()
    result.meta["title"] = "A very long title\nthat goes over\u2028several lines " * 20
    text = repr(result)
    assert len(text.splitlines()) == 1 and "\u2028" not in text
    assert len(text) < 200
    assert "stripped=1 segments by 1 filter " in text
    assert text.startswith("<Result kind=text source=")


def test_repr_counts_filters(news):
    text = repr(news)
    assert f"stripped={len(news.stripped)} segments by {len({s.filter for s in news.stripped})} filters" in text
    assert "Weather museum" in text


# --------------------------------------------------------------------------- a real browser
def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


#: Run by the browser after the view: it reports what the page really looks like.
_PROBE = """<script>
const dels = [...document.querySelectorAll('.bs-seg del')];
const segs = [...document.querySelectorAll('.bs-seg')];
document.body.setAttribute('data-probe', JSON.stringify({
  dels: dels.length,
  struck: dels.filter(d => getComputedStyle(d).textDecorationLine.includes('line-through')).length,
  colors: segs.map(s => [s.dataset.filter, getComputedStyle(s).color]),
  kept_struck: [...document.querySelectorAll('.bs-kept .bs-t')].filter(
      t => getComputedStyle(t).textDecorationLine.includes('line-through')).length,
  scripts: document.scripts.length,
  imgs: document.images.length,
  pwned: window.pwned === true,
}));
</script>"""


def test_notebook_view_in_a_headless_browser(news, tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no chromium binary found")
    payload = ["<img src=x onerror=\"window.pwned=true\">",
               "<script>window.pwned=true</script>", "\"><svg onload=\"window.pwned=true\">"]
    source = news.source + "\n\n" + "\n\n".join(payload) + "\n"
    seg_start = len(news.source) + 2
    seg = Segment(seg_start, seg_start + len(payload[0]), "comments", "comment_thread", payload[0])
    result = Result(source, rebuild_text(source, [*news.stripped, seg]), [*news.stripped, seg])
    page = tmp_path / "view.html"
    page.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
                    + result._repr_html_() + _PROBE + "</body></html>", encoding="utf-8")
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, timeout=90)
    dom = lxml.html.document_fromstring(proc.stdout.decode("utf-8"))
    probe = json.loads(dom.find(".//body").get("data-probe"))
    assert probe["dels"] == sum(len(nonblank(s.text)) for s in result.stripped)
    assert probe["struck"] == probe["dels"] and probe["kept_struck"] == 0
    for name, rgb in probe["colors"]:
        hexa = filter_color(name)
        assert rgb == f"rgb({int(hexa[1:3], 16)}, {int(hexa[3:5], 16)}, {int(hexa[5:7], 16)})"
    assert probe["scripts"] == 1  # the probe itself: none came from the page
    assert probe["imgs"] == 0 and not probe["pwned"]
    assert not dom.findall(".//svg")
