"""HTML input: the page text made from the DOM, the hints beside it, and strip(kind="html")."""

from __future__ import annotations

import time

import pytest

import boilerstrip
from boilerstrip.htmltext import html_to_text
from boilerstrip.page import Page

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Tide tables | Coast News</title>
<meta charset="utf-8"><style>p { color: red }</style><script>var x = "<p>not text</p>";</script>
</head><body>
<nav class="site-nav" aria-label="main"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article class="post">
<h1>Spring tides reach the harbour wall</h1>
<p class="byline">By Ann Author</p>
<p>The highest tides of the year reached the harbour wall on Sunday morning, and the
council closed the lower car park for three hours while the water stood over the road.</p>
<p>Fishermen said the sea came in faster than they remembered, <a href="/x">as it did in 2014</a>,
when the same wall was damaged by a storm that arrived with the spring tide.</p>
<div id="relatedPosts"><h3>Related articles</h3><ul><li><a href="/a">Harbour plans approved</a></li>
<li><a href="/b">New lifeboat named</a></li></ul></div>
</article></main>
<footer class="site-footer"><p>&copy; 2024 Coast News</p></footer>
</body></html>
"""


def test_blocks_become_lines_with_blank_lines_between():
    converted = html_to_text("<body><div>One <b>bold</b> block</div><p>Two<br>lines</p>"
                             "<ul><li>item</li></ul>tail</body>")
    assert converted.text == "One bold block\n\nTwo\nlines\n\nitem\n\ntail\n"


def test_invisible_markup_shows_no_text():
    converted = html_to_text(ARTICLE_PAGE)
    assert "not text" not in converted.text
    assert "color" not in converted.text
    assert "Coast News" in converted.text  # the footer's text, not the <title>
    assert "Tide tables" not in converted.text


def test_comments_are_dropped_and_their_tails_kept():
    converted = html_to_text("<p>before<!-- a comment -->after</p>")
    assert converted.text == "beforeafter\n"


def test_white_space_is_collapsed_except_in_pre():
    converted = html_to_text("<p>  many \n\t spaces\u00a0here </p><pre>line one\n  line two</pre>")
    assert converted.text.splitlines() == ["many spaces here", "", "line one", "line two"]


def test_decomposed_letters_are_composed_in_the_page_text():
    # "Grüße" written with combining marks (u + U+0308), once raw and once as an entity.
    converted = html_to_text("<p>Gru\u0308\u00dfe aus Ko&#776;ln</p><p>plain ascii</p>")
    assert converted.text == "Gr\u00fc\u00dfe aus K\u00f6ln\n\nplain ascii\n"
    result = boilerstrip.strip("<p>Gru\u0308\u00dfe aus Ko&#776;ln, ein Brief.</p>", kind="html")
    assert "Gr\u00fc\u00dfe aus K\u00f6ln" in result.source


def test_ruby_readings_do_not_cut_into_the_words_they_annotate():
    # furigana over kanji, with the <rp> parentheses a browser without ruby support shows
    converted = html_to_text("<p><ruby>法律<rp>(</rp><rt>ほうりつ</rt><rp>)</rp></ruby>では"
                             "<ruby>専門家<rt>せんもんか</rt></ruby>が教えます。</p>")
    assert converted.text == "法律では専門家が教えます。\n"


def test_plain_text_input_is_never_recomposed():
    text = "Gru\u0308\u00dfe aus Ko\u0308ln, a letter of greeting sent from one city to another.\n"
    assert boilerstrip.strip(text, kind="text").source == text


def test_every_line_has_a_hint_with_its_facts():
    converted = html_to_text(ARTICLE_PAGE)
    lines = [line for line in converted.text.split("\n") if line]
    assert len(lines) == len(converted.hints)
    by_line = dict(zip(lines, converted.hints))
    home = by_line["Home"]
    assert home.has("nav") and home.has("list_item") and home.has("class_nav")
    assert home.link_share == 1.0
    title = by_line["Spring tides reach the harbour wall"]
    assert title.heading == 1 and title.has("article") and title.has("main")
    assert not title.has("nav")
    second = next(hint for line, hint in by_line.items() if line.startswith("Fishermen"))
    assert 0.1 < second.link_share < 0.5
    related = by_line["Harbour plans approved"]
    assert related.has("class_related")  # "relatedPosts": camelCase split into words
    assert by_line["© 2024 Coast News"].has("class_footer")
    assert not by_line["© 2024 Coast News"].has("article")


def test_class_words_are_whole_tokens():
    # "header" holds "ad" and "canvas" holds "nav" as substrings; neither is a class word here
    converted = html_to_text('<div class="masthead-canvas"><p>Hello there</p></div>')
    hint = converted.hints[0]
    assert not hint.has("class_ad") and not hint.has("class_nav")
    assert hint.has("class_header")


def test_roles_and_hidden_elements():
    converted = html_to_text('<div role="navigation"><p>Menu</p></div>'
                             '<div style="display: none"><p>Hidden</p></div>'
                             '<div aria-hidden="true"><p>Also</p></div><p>Shown</p>')
    flags = {line: hint for line, hint in zip(converted.text.split("\n\n"), converted.hints)}
    assert flags["Menu"].has("nav")
    assert flags["Hidden"].has("hidden") and flags["Also"].has("hidden")
    assert not flags["Shown\n"].has("hidden")


def test_dom_path_finds_the_block_element():
    converted = html_to_text(ARTICLE_PAGE)
    hint = converted.hints[-1]
    path = hint.path()
    assert path.endswith("/footer/p")
    assert converted.tree.getroottree().xpath(path)[0] is hint.element


def test_noscript_is_used_when_the_page_shows_nothing_else():
    page = "<body><div id='app'></div><noscript><p>" + "Server text. " * 30 + "</p></noscript></body>"
    assert "Server text." in html_to_text(page).text
    full = "<body><p>" + "Visible words. " * 30 + "</p><noscript>Enable JavaScript</noscript></body>"
    assert "Enable JavaScript" not in html_to_text(full).text


def test_a_noscript_holding_the_article_is_read_even_beside_other_text():
    # Blogger and some news sites print the post inside <noscript> and render it with script.
    sidebar = "<div><p>" + "Sidebar words here. " * 30 + "</p></div>"
    post = "".join(f"<p>Paragraph {i} of the post, with words a reader came for. " + "More words. " * 20 + "</p>"
                   for i in range(3))
    text = html_to_text(f"<body>{sidebar}<noscript>{post}</noscript></body>").text
    assert "Paragraph 2 of the post" in text
    notice = "<noscript><p>Please enable JavaScript.</p><p>This site needs it to show comments.</p></noscript>"
    assert "enable JavaScript" not in html_to_text(f"<body>{sidebar}{notice}</body>").text


def test_strip_html_is_lossless_and_names_dom_paths():
    result = boilerstrip.strip(ARTICLE_PAGE, kind="html")
    assert result.kind == "html"
    assert result.lossless_problems() == []
    assert "Spring tides reach the harbour wall" in result.text
    assert "The highest tides of the year" in result.text
    assert "Home" not in result.text.split("\n")
    assert result.stripped
    for segment in result.stripped:
        assert result.source[segment.start:segment.end] == segment.text
        assert segment.dom_path and segment.dom_path.startswith("/html/body")
        assert segment.to_dict()["dom_path"] == segment.dom_path
    assert result.meta["title"]
    assert result.meta.get("language") == "en"


def test_kind_auto_recognises_html_bytes_and_their_charset():
    markup = ('<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 cr\u00e8me, '
              'served every morning in the old town square since the market opened.</p></body></html>')
    result = boilerstrip.strip(markup.encode("latin-1"))
    assert result.kind == "html"
    assert "Caf\u00e9 cr\u00e8me" in result.source


def test_a_wrong_declared_charset_is_not_trusted():
    markup = '<html><head><meta charset="utf-8"></head><body><p>Caf\u00e9</p></body></html>'
    result = boilerstrip.strip(markup.encode("cp1252"), kind="html")
    assert "Caf\u00e9" in result.source


def test_utf8_bytes_under_a_single_byte_declaration_are_read_as_utf8():
    # A template that kept its Latin-1 declaration, or a page re-encoded by the crawler: the
    # bytes are valid UTF-8, and read as Latin-1 every umlaut would turn into two letters.
    markup = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
              '</head><body><p>Komplement\u00e4rmedizin bei Krebs: dar\u00fcber diskutieren '
              'Experten seit gestern in Linz.</p></body></html>')
    result = boilerstrip.strip(markup.encode("utf-8"), kind="html")
    assert "Komplement\u00e4rmedizin" in result.source and "\u00c3" not in result.source
    # Bytes that are not valid UTF-8 still follow the declaration.
    latin = boilerstrip.strip(markup.encode("latin-1"), kind="html")
    assert "Komplement\u00e4rmedizin" in latin.source


@pytest.mark.parametrize("markup", ["", "   ", "<html></html>", "<", "<p>", "\x00\x00<p>x",
                                    "<html><body><p>truncated para", "<!-- only a comment -->"])
def test_odd_html_gives_a_clean_result(markup):
    result = boilerstrip.strip(markup, kind="html")
    assert result.lossless_problems() == []


@pytest.mark.parametrize("depth", [3_000, 50_000])
def test_deep_nesting_keeps_its_text(depth):
    # libxml2 drops everything below 2,048 levels; such pages are rebuilt by Python's tokenizer
    markup = "<div>" * depth + "<p>deep text</p>" + "</div>" * depth + "<p>after the nesting</p>"
    started = time.perf_counter()
    result = boilerstrip.strip(markup, kind="html")
    assert time.perf_counter() - started < 60
    assert result.source == "deep text\n\nafter the nesting\n"
    assert result.lossless_problems() == []


def test_the_deep_tree_builder_reads_odd_markup():
    from boilerstrip.htmltext import _deep_tree

    tree = _deep_tree('<p class="a" data-x>one<br>two<img src=x></span></p><b@d>three</b@d>'
                      "<script>if (a < b) { x = '<p>'; }</script><ul><li>four<li>five</ul>")
    converted = html_to_text(tree)
    assert converted.text == "one\ntwo\n\nthree\n\nfour\n\nfive\n"


def test_a_gigantic_line_of_html_text():
    markup = "<p>" + "word " * 2_000_000 + "</p>"  # 10 MB in one paragraph
    result = boilerstrip.strip(markup, kind="html")
    assert result.lossless_problems() == []
    assert len(result.source) > 9_000_000


def test_page_from_html_aligns_hints_with_lines():
    page = Page.from_html(ARTICLE_PAGE)
    assert page.hints is not None and len(page.hints) == len(page.lines)
    for line, hint in zip(page.lines, page.hints):
        assert (hint is None) == line.is_blank


def test_binary_data_given_as_html_is_reported_not_parsed():
    result = boilerstrip.strip(bytes(range(256)) * 40, kind="html")
    assert [segment.reason for segment in result.stripped] == ["binary_content"]
    assert result.text == ""
    assert result.lossless_problems() == []


@pytest.mark.parametrize("charset", ["shift_jis", "euc-kr", "windows-1251", "gb2312"])
def test_kind_auto_reads_declared_multibyte_and_cyrillic_charsets(charset):
    words = {"shift_jis": "図書館が四十年ぶりに開館した。", "euc-kr": "도서관이 사십 년 만에 문을 열었다.",
             "windows-1251": "Библиотека открылась впервые за сорок лет.", "gb2312": "图书馆四十年来首次开放。"}[charset]
    markup = (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
              f'charset={charset}"></head><body><p>{words}</p></body></html>')
    result = boilerstrip.strip(markup.encode(charset))
    assert result.kind == "html"
    assert words in result.source


def test_figcaption_goes_and_the_rest_of_the_figure_stays():
    from boilerstrip.filters.captions import CaptionsFilter

    markup = ("<article><p>The harbour wall was rebuilt in stone after the storm of 1953.</p>"
              "<figure><img src='wall.jpg'><figcaption>The new wall at high tide</figcaption></figure>"
              "<figure><blockquote>We built it to last a century.</blockquote></figure></article>")
    result = boilerstrip.Pipeline([CaptionsFilter()])(markup, kind="html")
    assert [(s.text, s.reason) for s in result.stripped] == [("The new wall at high tide", "figure_caption")]
    assert "We built it to last a century." in result.text
    # the same words in page text are no caption: nothing marks them as one
    text = boilerstrip.Pipeline([CaptionsFilter()])(result.source, kind="text")
    assert not text.stripped


def test_threads_each_parse_their_own_pages():
    from concurrent.futures import ThreadPoolExecutor

    pages = [ARTICLE_PAGE.replace("Spring tides", f"Spring tides {i}") for i in range(16)]
    pages[3] = "<div>" * 3000 + "<p>deep text</p>" + "</div>" * 3000  # needs the error log
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda markup: boilerstrip.strip(markup, kind="html"), pages))
    for i, result in enumerate(results):
        if i == 3:
            assert result.source == "deep text\n"
        else:
            assert f"Spring tides {i} reach the harbour wall" in result.source


@pytest.mark.parametrize("markup", [
    "\ufeff<html><body><p>BOM é</p></body></html>",
    '<html><head><meta charset="iso-8859-1"></head><body><p>é ü 中 “q”</p></body></html>',
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>é</p>',
    "<p>controls \x01\x0b\x0c, non-characters \ufffe \uffff, astral 😀, line breaks \r\n\r\u2028</p>",
    "<p>Latin-1 only: \xe9\xff\x85</p>",
    '<?xml version="1.0"?><html><body><p>x é</p></body></html>',
    '\ufeff<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>x é</p></body></html>',
    "plain text é, no markup",
])
def test_utf8_parse_builds_the_str_parse_tree(markup):
    # parse_html hands libxml2 UTF-8 bytes (cheaper than lxml passing the str's UTF-16 or
    # UCS-4 storage); the tree must be the one the str gives.
    from lxml import etree

    from boilerstrip.htmltext import _parser, parse_html

    expected = etree.tostring(etree.fromstring(markup, _parser()), encoding="unicode")
    assert etree.tostring(parse_html(markup), encoding="unicode") == expected


@pytest.mark.parametrize("declaration", ['<?xml version="1.0" encoding="utf-8"?>',
                                         '<?xml version="1.0" encoding="iso-8859-1"?>',
                                         "<?xml version='1.0'?>"])
def test_xhtml_with_an_xml_declaration_keeps_its_text(declaration):
    # lxml refuses a str that declares an encoding; XHTML pages open with one. The page is
    # decoded already, so the declaration says nothing more: the text must come through.
    markup = (declaration + '\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
              '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml">'
              "<head><title>Caf\u00e9</title></head><body><p>Caf\u00e9 cr\u00e8me, served every morning in "
              "the old town square.</p></body></html>")
    for page in (markup, markup.encode("utf-8")):
        result = boilerstrip.strip(page, kind="html")
        assert "Caf\u00e9 cr\u00e8me, served every morning" in result.text
        assert result.lossless_problems() == []
