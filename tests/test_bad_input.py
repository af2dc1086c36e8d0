"""Odd, empty, binary, huge and wrongly-typed input: no crash, clear errors, nothing lost."""

from __future__ import annotations

import time

import pytest

import boilerstrip
from boilerstrip import strip
from conftest import assert_lossless

GERMAN = "Grüße aus Köln, das ist ein längerer Satz über die Stadt."


def test_empty_string():
    result = strip("")
    assert result.text == ""
    assert result.stripped == []
    assert result.source == ""
    assert_lossless(result)


def test_empty_bytes():
    result = strip(b"")
    assert result.text == ""
    assert result.stripped == []
    assert_lossless(result)


@pytest.mark.parametrize("page", ["\n", "\n\n\n", "   \n\t\n", "\r\n\r\n", "\u2028\u2029"])
def test_whitespace_only(page):
    result = strip(page)
    assert result.text == ""
    assert_lossless(result)


def test_bytearray_and_memoryview():
    data = b"A first sentence of the article, long enough to be text.\n"
    assert strip(bytearray(data)).text == strip(data).text == data.decode().strip()
    assert strip(memoryview(data)).text == data.decode().strip()


def test_latin1_bytes_keep_umlauts():
    data = (GERMAN + "\n\n").encode("latin-1") * 3
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test is only meaningful if this is not UTF-8
    result = strip(data)
    assert "\ufffd" not in result.source
    assert GERMAN in result.source
    assert "Grüße" in result.text
    assert "Köln" in result.text
    assert "über" in result.text
    assert_lossless(result)


def test_utf8_bom_in_bytes():
    body = "Überschrift\n\nEin Satz mit Umlauten: schön, größer, Straße und noch mehr Wörter.\n"
    result = strip(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert result.source.startswith("\ufeff")
    assert "\ufeff" not in result.text
    assert result.text.startswith("Überschrift")
    assert "Straße" in result.text
    assert result.stripped[0].reason == "byte_order_mark"
    assert result.stripped[0].filter == "page"
    assert (result.stripped[0].start, result.stripped[0].end) == (0, 1)
    assert_lossless(result)


def test_utf16_bom_in_bytes():
    body = "Ein Satz mit Umlauten: schön, größer, Straße und noch mehr Wörter.\n"
    result = strip(body.encode("utf-16"))
    assert "Straße" in result.text
    assert "\ufeff" not in result.text
    assert_lossless(result)


@pytest.mark.parametrize("data", [bytes(range(256)) * 50, b"\x00" * 1000],
                         ids=["all_bytes", "nul_bytes"])
def test_binary_junk(data):
    result = strip(data)
    assert result.text == ""
    reasons = [s.reason for s in result.stripped]
    assert "binary_content" in reasons
    seg = next(s for s in result.stripped if s.reason == "binary_content")
    assert seg.filter == "page"
    assert_lossless(result)


def test_binary_junk_as_text_kind():
    result = strip(b"\x00" * 1000, kind="text")
    assert result.text == ""
    assert [s.reason for s in result.stripped] == ["binary_content"]


def test_binary_str():
    result = strip("abc\x00def\n" * 100)
    assert result.text == ""
    assert [s.reason for s in result.stripped] == ["binary_content"]
    assert_lossless(result)


def test_huge_single_line():
    words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
             "incididunt ut labore et dolore magna aliqua ")
    page = words * (5_000_000 // len(words) + 1)
    assert len(page) >= 5_000_000
    assert "\n" not in page
    t0 = time.perf_counter()
    result = strip(page)
    elapsed = time.perf_counter() - t0
    assert elapsed < 20, f"5 MB single line took {elapsed:.1f}s"
    assert_lossless(result)


def test_many_short_lines():
    lines = []
    for i in range(20_000):
        if i % 7 == 0:
            lines.append("")
        elif i % 5 == 0:
            lines.append("Home")
        else:
            lines.append(f"Short line number {i} with a few words.")
    page = "\n".join(lines) + "\n"
    t0 = time.perf_counter()
    result = strip(page)
    elapsed = time.perf_counter() - t0
    assert elapsed < 20, f"20,000 short lines took {elapsed:.1f}s"
    assert result.text
    assert_lossless(result)


def test_kind_html_on_plain_text_is_one_paragraph():
    # Text given as HTML is what a browser shows for it: the line breaks are white space.
    result = strip("Some text\nmore text\n", kind="html")
    assert result.kind == "html"
    assert result.source == "Some text more text\n"
    assert_lossless(result)


def test_kind_bogus():
    with pytest.raises(ValueError) as info:
        strip("Some text\n", kind="bogus")
    assert "bogus" in str(info.value)


@pytest.mark.parametrize("page", [123, None, 1.5, ["a", "b"], object()])
def test_wrong_type(page):
    with pytest.raises(TypeError) as info:
        strip(page)
    assert type(page).__name__ in str(info.value)


def test_auto_detects_html():
    result = strip("<html><body><p>x</p></body></html>", kind="auto")
    assert (result.kind, result.source) == ("html", "x\n")
    result = strip(b"<!DOCTYPE html>\n<html><body><p>x</p></body></html>")
    assert (result.kind, result.source) == ("html", "x\n")


def test_auto_on_plain_text_works():
    page = "A headline\n\nThis is an ordinary sentence of article text, with a few words in it.\n"
    result = strip(page, kind="auto")
    assert result.kind == "text"
    assert "ordinary sentence" in result.text
    assert result.text == strip(page, kind="text").text
    assert_lossless(result)


def test_plain_text_mentioning_a_tag_is_not_html():
    page = "How to write HTML\n\nStart every paragraph with a <p> tag and close it at the end.\n"
    result = strip(page, kind="auto")
    assert "<p> tag" in result.text


def test_unknown_url_argument_is_fine():
    result = strip("Text of a page that is long enough to be kept.\n", url="https://example.com/a")
    assert "long enough" in result.text


def test_auto_keeps_text_that_quotes_html_as_text():
    page = ("How to centre a div\n\nWrap it in <div class=\"outer\"> and give <div> a width; "
            "then <p> and <span> and <a href> and <li> tags inside it behave as usual.\n")
    result = boilerstrip.strip(page)  # kind="auto"
    assert result.kind == "text"
    assert "How to centre a div" in result.text


def test_auto_sees_html_behind_server_warnings():
    page = "<br />\n<b>Warning</b>: mysql_connect() failed\n<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>x</p></body></html>"
    result = boilerstrip.strip(page)
    assert result.kind == "html"
    assert "<b>" not in result.source and "Warning: mysql_connect() failed" in result.source


def test_auto_keeps_an_html_reference_page_as_text():
    page = "HTML elements reference\n\n" + "\n\n".join(f"<{t}>" for t in ["a", "b", "body", "head", "html", "p"]) + "\n"
    assert boilerstrip.strip(page).kind == "text"
