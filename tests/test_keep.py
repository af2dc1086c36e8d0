"""Keep spans: a later filter puts back lines an earlier one stripped, and the result says so.

The pipeline records both decisions: the line is in ``Result.text``, and ``Result.overruled``
names the filter and reason that stripped it and the filter and reason that kept it.
"""

from __future__ import annotations

import json

import pytest

from boilerstrip import Filter, FilterError, Keep, Overruled, Pipeline, SiteRules, Span
from boilerstrip.render_html import render_html
from boilerstrip.render_text import plain_lines
from boilerstrip.views import line_views
from conftest import assert_lossless

PAGE = "Title of the page\n\nFirst line of text.\nSecond line of text.\n\nLast paragraph here.\n"


def make_filter(name, find):
    return type(f"F_{name}", (Filter,), {"name": name, "description": "test filter", "find": find})


def strip_lines(name, predicate, reason="test_line"):
    def find(self, page):
        for line in page.kept_lines():
            if predicate(line.text):
                yield self.strip(page, line, reason)
    return make_filter(name, find)


def keep_lines(name, predicate, reason="test_keep", detail="because a test says so"):
    """A filter that puts back every stripped line whose text satisfies *predicate*."""
    def find(self, page):
        for line in page.lines:
            if not line.is_blank and predicate(line.text):
                yield self.keep(page, line, reason, detail)
    return make_filter(name, find)


def test_a_keep_puts_the_line_back_and_the_result_records_both_decisions():
    stripper = strip_lines("test_strip", lambda t: "line of text" in t)
    keeper = keep_lines("test_keeper", lambda t: t.startswith("Second"))
    result = Pipeline([stripper, keeper])(PAGE, kind="text")
    assert result.text == "Title of the page\n\nSecond line of text.\n\nLast paragraph here."
    assert [s.text for s in result.stripped] == ["First line of text."]
    start = PAGE.index("Second")
    assert result.overruled == [Overruled(start, start + len("Second line of text."), "test_strip",
                                          "test_line", "Second line of text.", "test_keeper",
                                          "test_keep", "because a test says so")]
    assert_lossless(result)
    assert result.lossless_problems() == []
    data = result.to_dict()
    assert data["overruled"] == [{"start": start, "end": start + 20, "filter": "test_strip",
                                  "reason": "test_line", "text": "Second line of text.",
                                  "kept_by": "test_keeper", "keep_reason": "test_keep",
                                  "detail": "because a test says so"}]
    json.dumps(data)


def test_without_keeps_there_is_no_overruled_key():
    result = Pipeline([strip_lines("test_strip", lambda t: t.startswith("First"))])(PAGE, kind="text")
    assert result.overruled == [] and "overruled" not in result.to_dict()


def test_a_keep_over_a_kept_line_or_the_filters_own_line_changes_nothing():
    def find(self, page):
        for line in page.kept_lines():
            if line.text.startswith("First"):
                yield self.strip(page, line, "own_line")
        for line in page.content_lines():
            yield self.keep(page, line, "test_keep")  # every line, its own one included
    both = make_filter("test_both", find)
    result = Pipeline([both])(PAGE, kind="text")
    assert [s.text for s in result.stripped] == ["First line of text."]
    assert result.overruled == []


def test_later_filters_see_the_line_kept_again():
    seen = {}

    def observe(self, page):
        seen["kept"] = [line.text for line in page.kept_lines()]  # memoised: must be fresh
        seen["stripped_by"] = [page.stripped_by[line.index] for line in page.content_lines()]
        return []
    stripper = strip_lines("test_strip", lambda t: "line of text" in t)
    early = make_filter("test_early_observer", observe)
    keeper = keep_lines("test_keeper", lambda t: t.startswith("Second"))
    late = make_filter("test_late_observer", observe)
    Pipeline([stripper, early, keeper, late])(PAGE, kind="text")
    assert seen["kept"] == ["Title of the page", "Second line of text.", "Last paragraph here."]
    assert seen["stripped_by"] == [None, "test_strip", None, None]


def test_a_line_put_back_can_be_stripped_again_by_a_later_filter():
    stripper = strip_lines("test_strip", lambda t: t.startswith("Second"))
    keeper = keep_lines("test_keeper", lambda t: t.startswith("Second"))
    again = strip_lines("test_again", lambda t: t.startswith("Second"), reason="second_look")
    result = Pipeline([stripper, keeper, again])(PAGE, kind="text")
    assert [(s.filter, s.reason) for s in result.stripped] == [("test_again", "second_look")]
    # The put-back was overruled in turn; the record of it must not claim a kept line.
    assert result.lossless_problems() == []


def test_consecutive_lines_put_back_for_the_same_reasons_are_one_record():
    stripper = strip_lines("test_strip", lambda t: "line of text" in t)
    keeper = keep_lines("test_keeper", lambda t: "line of text" in t)
    result = Pipeline([stripper, keeper])(PAGE, kind="text")
    assert [o.text for o in result.overruled] == ["First line of text.\nSecond line of text."]


def test_lines_a_keep_rule_protects_are_not_overruled():
    rules = SiteRules.from_mapping({"example.com": {"keep": ["First line of text"]}})
    stripper = strip_lines("test_strip", lambda t: "line of text" in t)
    keeper = keep_lines("test_keeper", lambda t: True)
    result = Pipeline([stripper, keeper], site_rules=rules)(PAGE, kind="text", url="https://example.com/a")
    assert [o.text for o in result.overruled] == ["Second line of text."]
    assert "First line of text." in result.text


def test_a_line_stripped_for_a_firm_reason_is_not_put_back():
    def find(self, page):
        for line in page.kept_lines():
            if line.text.startswith("First"):
                yield self.strip(page, line, "widget_phrase")
            elif line.text.startswith("Second"):
                yield self.strip(page, line, "shape_guess")
    stripper = type("F_firm", (Filter,), {"name": "test_firm", "description": "test filter", "find": find,
                                          "reasons": ("widget_phrase", "shape_guess"),
                                          "firm_reasons": ("widget_phrase",)})
    keeper = keep_lines("test_keeper", lambda t: "line of text" in t)
    result = Pipeline([stripper, keeper])(PAGE, kind="text")
    assert [(s.text, s.reason) for s in result.stripped] == [("First line of text.", "widget_phrase")]
    assert [(o.text, o.reason) for o in result.overruled] == [("Second line of text.", "shape_guess")]
    assert_lossless(result)


def test_a_keep_with_a_bad_reason_is_a_filter_error():
    def find(self, page):
        yield Keep(0, len("Title of the page"), "Not Snake")
    with pytest.raises(FilterError, match="test_bad_keep"):
        Pipeline([make_filter("test_bad_keep", find)])(PAGE, kind="text")


def test_keep_is_a_span_but_not_equal_to_one():
    assert isinstance(Keep(0, 1, "x"), Span)
    assert Keep(0, 1, "x") != Span(0, 1, "x")


def test_views_show_who_kept_the_line_and_what_it_overruled():
    stripper = strip_lines("test_strip", lambda t: "line of text" in t)
    keeper = keep_lines("test_keeper", lambda t: t.startswith("Second"))
    result = Pipeline([stripper, keeper])(PAGE, kind="text")
    rows = {row.text: row for row in line_views(result)}
    assert rows["Second line of text."].kept and rows["Second line of text."].overruled == result.overruled[0]
    assert rows["Last paragraph here."].overruled is None
    plain = list(plain_lines(result))
    second = next(line for line in plain if "Second line" in line)
    assert "+ test_keeper: test_keep" in second
    assert second.endswith("[over test_strip: test_line; because a test says so]")
    assert "- test_strip: test_line" in next(line for line in plain if "First line" in line)
    html = render_html(result)
    assert "test_keeper: test_keep" in html and "over test_strip: test_line" in html
