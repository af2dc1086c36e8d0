"""The filter contract: what the pipeline accepts from filters, and how it records decisions."""

from __future__ import annotations

import json

import pytest

import boilerstrip
from boilerstrip import registry
from boilerstrip import (Filter, FilterError, Page, Pipeline, Result, Segment, Span,
                         UnknownFilterError, rebuild_text)
from conftest import assert_lossless

PAGE = "Title of the page\n\nFirst line of text.\nSecond line of text.\n\nLast paragraph here.\n"


def run(filters, source=PAGE) -> Result:
    return Pipeline(filters)(source, kind="text")


def make_filter(name, find):
    """A Filter subclass named *name* whose find() is *find* (not registered anywhere)."""
    return type(f"F_{name}", (Filter,), {"name": name, "description": "test filter", "find": find})


def strip_lines(name, predicate, reason="test_line", detail=None):
    """A filter that strips every kept line whose text satisfies *predicate*, one span per line."""
    def find(self, page):
        for line in page.kept_lines():
            if predicate(line.text):
                yield Span(line.start, line.end, reason, detail)
    return make_filter(name, find)


# --------------------------------------------------------------------------- contract violations
def _assert_filter_error(filters, name, source=PAGE, match=None):
    with pytest.raises(FilterError) as info:
        run(filters, source)
    assert name in str(info.value)
    assert info.value.filter_name == name
    if match:
        assert match in str(info.value)
    return info.value


def test_span_out_of_bounds_past_end():
    def find(self, page):
        yield Span(0, len(page.source) + 10, "too_long")
    _assert_filter_error([make_filter("test_oob_end", find)], "test_oob_end")


def test_span_out_of_bounds_negative():
    def find(self, page):
        yield Span(-1, page.lines[0].end, "negative")
    _assert_filter_error([make_filter("test_oob_neg", find)], "test_oob_neg")


def test_empty_span():
    def find(self, page):
        line = page.lines[0]
        yield Span(line.start, line.start, "empty")
    _assert_filter_error([make_filter("test_empty", find)], "test_empty")


def test_reversed_span():
    def find(self, page):
        line = page.lines[0]
        yield Span(line.end, line.start, "reversed")
    _assert_filter_error([make_filter("test_reversed", find)], "test_reversed")


def test_span_starting_mid_line():
    def find(self, page):
        line = page.lines[0]
        yield Span(line.start + 1, line.end, "mid_start")
    _assert_filter_error([make_filter("test_mid_start", find)], "test_mid_start", match="whole lines")


def test_span_ending_mid_line():
    def find(self, page):
        line = page.lines[0]
        yield Span(line.start, line.end - 1, "mid_end")
    _assert_filter_error([make_filter("test_mid_end", find)], "test_mid_end", match="whole lines")


def test_span_ending_inside_a_terminator():
    def find(self, page):
        # ends after the "\n" of line 0, i.e. at the start of line 1 rather than at an end
        yield Span(page.lines[0].start, page.lines[1].start, "into_terminator")
    _assert_filter_error([make_filter("test_terminator", find)], "test_terminator",
                         source="Alpha line\nBeta line\n")


def test_span_ending_mid_line_with_crlf():
    def find(self, page):
        # one past the end of line 0 is the "\n" of its CRLF
        yield Span(page.lines[0].start, page.lines[0].end + 1, "crlf_half")
    _assert_filter_error([make_filter("test_crlf", find)], "test_crlf",
                         source="Alpha line\r\nBeta line\r\n")


@pytest.mark.parametrize("reason", ["Bad Reason", "bad-reason", "BadReason", "1st_reason", "",
                                    "_leading", "reason\n"])
def test_reason_not_snake_case(reason):
    def find(self, page):
        yield Span(page.lines[0].start, page.lines[0].end, reason)
    err = _assert_filter_error([make_filter("test_bad_reason", find)], "test_bad_reason")
    assert "snake_case" in str(err)


def test_non_span_object():
    def find(self, page):
        yield (page.lines[0].start, page.lines[0].end, "tuple_reason")
    err = _assert_filter_error([make_filter("test_tuple", find)], "test_tuple")
    assert "Span" in str(err)


def test_non_int_offsets():
    def find(self, page):
        yield Span(0.0, float(page.lines[0].end), "floats")
    _assert_filter_error([make_filter("test_floats", find)], "test_floats")


def test_filter_raising():
    def find(self, page):
        raise RuntimeError("boom in the filter")
        yield  # pragma: no cover
    err = _assert_filter_error([make_filter("test_raises", find)], "test_raises")
    assert "RuntimeError" in str(err)
    assert "boom in the filter" in str(err)
    assert isinstance(err.__cause__, RuntimeError)


def test_filter_raising_after_yielding():
    def find(self, page):
        yield Span(page.lines[0].start, page.lines[0].end, "fine")
        raise KeyError("late")
    _assert_filter_error([make_filter("test_raises_late", find)], "test_raises_late")


def test_filter_error_is_a_boilerstrip_error():
    assert issubclass(FilterError, boilerstrip.BoilerstripError)


def test_valid_filter_after_bad_one_is_not_blamed():
    good = strip_lines("test_good", lambda t: t.startswith("Last"))

    def find(self, page):
        yield Span(page.lines[0].start + 1, page.lines[0].end, "bad_span")
    bad = make_filter("test_bad_second", find)
    _assert_filter_error([good, bad], "test_bad_second")


# --------------------------------------------------------------------------- construction
def test_unknown_filter_lists_known_names():
    with pytest.raises(UnknownFilterError) as info:
        Pipeline(["no_such_filter"])
    message = str(info.value)
    assert "no_such_filter" in message
    assert "comments" in message
    assert "related" in message
    assert info.value.name == "no_such_filter"
    assert "comments" in info.value.known


def test_unknown_filter_is_a_key_error():
    with pytest.raises(KeyError):
        Pipeline(["comments", "no_such_filter_either"])


def test_same_filter_twice_by_name():
    with pytest.raises(ValueError, match="comments"):
        Pipeline(["comments", "comments"])


def test_same_filter_twice_by_class():
    cls = strip_lines("test_twice", lambda t: False)
    with pytest.raises(ValueError, match="test_twice"):
        Pipeline([cls, cls()])


def test_pipeline_rejects_non_filters():
    with pytest.raises(TypeError):
        Pipeline([object()])


def test_pipeline_names_and_default():
    assert Pipeline(["comments", "related"]).names == ["comments", "related"]
    assert Pipeline().names == list(boilerstrip.DEFAULT_FILTERS)
    assert "comments" in repr(Pipeline(["comments"]))


def test_register_filter_with_test_prefix():
    @boilerstrip.register_filter
    class ByeFilter(Filter):
        name = "test_contract_bye"
        description = "strips goodbye lines"

        def find(self, page):
            for line in page.kept_lines():
                if line.key in {"bye", "goodbye"}:
                    yield self.strip(page, line, "farewell_line")

    try:
        assert boilerstrip.get_filter("test_contract_bye") is ByeFilter
        result = Pipeline(["test_contract_bye"])("Hello there, reader.\n\nGoodbye!\n", kind="text")
        assert result.text == "Hello there, reader."
        assert [(s.filter, s.reason, s.text) for s in result.stripped] == [
            ("test_contract_bye", "farewell_line", "Goodbye!")]
    finally:
        registry._registry.pop("test_contract_bye", None)
        registry._origins.pop("test_contract_bye", None)


# --------------------------------------------------------------------------- recording
def test_later_filter_sees_page_stripped():
    first = strip_lines("test_first", lambda t: t.startswith("Second"))
    seen = {}

    def find(self, page):
        seen["stripped"] = list(page.stripped)
        seen["kept"] = [line.text for line in page.kept_lines()]
        return []
    second = make_filter("test_observer", find)
    run([first, second])
    page = Page.from_text(PAGE)
    idx = next(line.index for line in page.lines if line.text.startswith("Second"))
    assert seen["stripped"][idx] is True
    assert sum(seen["stripped"]) == 1
    assert "Second line of text." not in seen["kept"]
    assert "First line of text." in seen["kept"]


def test_first_filter_sees_nothing_stripped():
    seen = {}

    def find(self, page):
        seen["stripped"] = list(page.stripped)
        return []
    run([make_filter("test_first_observer", find), strip_lines("test_after", lambda t: True)])
    assert not any(seen["stripped"])


def test_first_claim_wins():
    a = strip_lines("test_claim_a", lambda t: t.startswith("Last"), reason="reason_a")
    b = strip_lines("test_claim_b", lambda t: t.startswith("Last"), reason="reason_b")

    # b ignores page.stripped on purpose: it claims the line again via content_lines()
    def find(self, page):
        for line in page.content_lines():
            if line.text.startswith("Last"):
                yield Span(line.start, line.end, "reason_b")
    b_greedy = make_filter("test_claim_b", find)
    for second in (b, b_greedy):
        result = run([a, second])
        assert [(s.filter, s.reason, s.text) for s in result.stripped] == [
            ("test_claim_a", "reason_a", "Last paragraph here.")]
        assert_lossless(result)


def test_first_claim_wins_within_one_filter():
    def find(self, page):
        line = page.lines[0]
        yield Span(line.start, line.end, "first_reason")
        yield Span(line.start, line.end, "second_reason")
    result = run([make_filter("test_double_claim", find)])
    assert [s.reason for s in result.stripped] == ["first_reason"]


def test_consecutive_lines_become_one_segment():
    source = "Intro sentence of the article.\n\nX one\nX two\nX three\n\nOutro sentence.\n"
    result = run([strip_lines("test_merge", lambda t: t.startswith("X "))], source)
    assert len(result.stripped) == 1
    seg = result.stripped[0]
    assert (seg.filter, seg.reason) == ("test_merge", "test_line")
    assert seg.text == "X one\nX two\nX three"
    assert seg.text == result.source[seg.start:seg.end]
    assert result.text == "Intro sentence of the article.\n\nOutro sentence."
    assert_lossless(result)


def test_consecutive_lines_with_crlf_become_one_segment():
    source = "Intro.\r\nX one\r\nX two\r\nOutro.\r\n"
    result = run([strip_lines("test_merge_crlf", lambda t: t.startswith("X "))], source)
    assert len(result.stripped) == 1
    assert result.stripped[0].text == "X one\r\nX two"
    assert result.text == "Intro.\nOutro."
    assert_lossless(result)


def test_different_reasons_are_different_segments():
    def find(self, page):
        for line in page.kept_lines():
            if line.text.startswith("X "):
                reason = "reason_one" if line.text.endswith("one") else "reason_two"
                yield Span(line.start, line.end, reason)
    source = "Intro.\nX one\nX two\nX also two\nOutro.\n"
    result = run([make_filter("test_reasons", find)], source)
    assert [(s.reason, s.text) for s in result.stripped] == [
        ("reason_one", "X one"), ("reason_two", "X two\nX also two")]
    assert_lossless(result)


def test_different_filters_are_different_segments():
    a = strip_lines("test_seg_a", lambda t: t == "X one")
    b = strip_lines("test_seg_b", lambda t: t == "X two")
    result = run([a, b], "Intro.\nX one\nX two\nOutro.\n")
    assert [(s.filter, s.text) for s in result.stripped] == [("test_seg_a", "X one"), ("test_seg_b", "X two")]
    assert_lossless(result)


def test_kept_line_splits_segments():
    result = run([strip_lines("test_split", lambda t: t.startswith("X"))], "X1\nkeep me\nX2\n")
    assert [s.text for s in result.stripped] == ["X1", "X2"]
    assert result.text == "keep me"


def test_multi_line_span_is_recorded():
    def find(self, page):
        yield Span(page.lines[2].start, page.lines[3].end, "two_lines")
    result = run([make_filter("test_multi", find)])
    assert result.text == "Title of the page\n\nLast paragraph here."
    assert len(result.stripped) == 1
    assert result.stripped[0].text == "First line of text.\nSecond line of text."
    assert_lossless(result)


def test_span_covering_blank_lines_is_accepted():
    def find(self, page):
        yield Span(page.lines[0].start, page.lines[len(page.lines) - 1].end, "everything")
    result = run([make_filter("test_all", find)])
    assert result.text == ""
    assert_lossless(result)


def test_segment_text_matches_source_for_every_segment():
    source = "\ufeffA\r\nX1\r\nX2\r\n\r\nB\u2028X3\u2029C\n"
    result = run([strip_lines("test_src", lambda t: t.startswith("X"))], source)
    assert result.stripped
    for seg in result.stripped:
        assert seg.text == result.source[seg.start:seg.end]
    assert_lossless(result)


def test_text_is_rebuilt_from_segments():
    result = run([strip_lines("test_rebuild", lambda t: "line" in t)])
    assert result.text == rebuild_text(result.source, result.stripped)
    assert result.text == "Title of the page\n\nLast paragraph here."


def test_removing_middle_line_keeps_neighbours_adjacent():
    result = run([strip_lines("test_mid", lambda t: t == "X")], "A\nX\nB")
    assert result.text == "A\nB"
    assert_lossless(result)


def test_removing_whole_paragraph_leaves_one_blank_line():
    result = run([strip_lines("test_para", lambda t: t.startswith("X"))], "A\n\nX1\nX2\n\nB\n")
    assert result.text == "A\n\nB"
    result = run([strip_lines("test_para", lambda t: t.startswith("X"))], "A\n\n\n\nX1\n\n\nB\n\n")
    assert result.text == "A\n\nB"


def test_removing_first_and_last_paragraph_leaves_no_edge_blanks():
    result = run([strip_lines("test_edges", lambda t: t.startswith("X"))], "X1\n\nA\n\nB\n\nX2\n")
    assert result.text == "A\n\nB"


def test_rebuild_text_directly():
    source = "A\nX\nB"
    seg = Segment(2, 3, "manual", "manual_cut", "X")
    assert rebuild_text(source, [seg]) == "A\nB"
    assert rebuild_text(source, []) == "A\nX\nB"
    # a segment that covers only part of a line does not remove it
    assert rebuild_text(source, [Segment(2, 2 + 0, "manual", "x", "")]) == "A\nX\nB"


def test_bom_segment():
    result = Pipeline([])("\ufeffHello world, this is the page.\n", kind="text")
    assert result.stripped[0].filter == "page"
    assert result.stripped[0].reason == "byte_order_mark"
    assert (result.stripped[0].start, result.stripped[0].end) == (0, 1)
    assert result.stripped[0].text == "\ufeff"
    assert result.text == "Hello world, this is the page."
    assert_lossless(result)


def test_bom_segment_comes_before_filter_segments():
    result = run([strip_lines("test_bom_first", lambda t: t.startswith("Title"))], "\ufeff" + PAGE)
    assert [(s.filter, s.reason) for s in result.stripped] == [
        ("page", "byte_order_mark"), ("test_bom_first", "test_line")]
    assert_lossless(result)


def test_pipeline_is_callable_with_comments():
    result = Pipeline(["comments"])("Title\n\nSome article sentence that is long enough.\n\nLeave a Reply\n")
    assert isinstance(result, Result)
    assert "Leave a Reply" not in result.text
    assert "Some article sentence that is long enough." in result.text
    assert any(s.filter == "comments" for s in result.stripped)
    assert_lossless(result)


def test_to_dict_round_trips_through_json():
    def find(self, page):
        line = page.lines[-1] if not page.lines[-1].is_blank else page.lines[-2]
        yield Span(line.start, line.end, "with_detail", "some \u201cdetail\u201d")
    result = run([make_filter("test_json", find)], "\ufeff" + PAGE)
    data = result.to_dict()
    encoded = json.dumps(data)
    assert json.loads(encoded) == data
    assert data["text"] == result.text
    assert data["kind"] == "text"
    assert [s["reason"] for s in data["stripped"]] == ["byte_order_mark", "with_detail"]
    assert data["stripped"][1]["detail"] == "some \u201cdetail\u201d"
    for item, seg in zip(data["stripped"], result.stripped):
        assert result.source[item["start"]:item["end"]] == item["text"] == seg.text


def test_repr_is_one_line():
    result = boilerstrip.strip("A headline\u2028here\n\nThe article text goes on and on, for a while.\n")
    text = repr(result)
    assert text.startswith("<Result")
    assert "\n" not in text and "\r" not in text and "\u2028" not in text
    assert len(text.splitlines()) == 1


def test_counts():
    a = strip_lines("test_count", lambda t: t.startswith("X"))
    result = run([a], "X1\nkeep\nX2\nkeep too\n")
    assert result.counts() == {"test_count": 2}


def test_lossless_problems_reports_a_lost_character():
    result = boilerstrip.strip("Title line here\n\nA sentence of the article that is long enough to keep.\n", kind="text")
    assert result.lossless_problems() == []
    broken = boilerstrip.Result(result.source, result.text[:-1], result.stripped, result.meta)
    assert any("minus the stripped segments" in p for p in broken.lossless_problems())
    assert any("characters lost" in p for p in broken.lossless_problems())
