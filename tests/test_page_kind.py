"""The kind of page its metadata declares (htmlmeta.declared_kind) and the line model's
page-wide columns made from it (page_kind.kind_row)."""

from __future__ import annotations

import json
import math

import lxml.html
import pytest

from boilerstrip.htmlmeta import declared_kind
from boilerstrip.page import Page
from boilerstrip.page_kind import KIND_NAMES, kind_row

PARAGRAPH = "<p>The council opened the new library on Monday after a decade of fundraising by residents.</p>"


def _page(head: str) -> str:
    return f"<html><head>{head}</head><body><h1>A page</h1>{PARAGRAPH}</body></html>"


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _row(markup: str, url: str | None = None) -> dict[str, float]:
    return dict(zip(KIND_NAMES, kind_row(Page.from_html(markup, url=url))))


def test_declared_kind_reads_og_type_json_ld_types_and_the_canonical_address():
    head = ('<meta property="og:type" content=" Article "><link rel="canonical" href="/news/a-long-slug">'
            + _ld({"@graph": [{"@type": "NewsArticle"}, {"@type": ["WebPage", "schema:BreadcrumbList"]}]})
            + '<script type="application/ld+json">{not json</script>')
    kind = declared_kind(lxml.html.document_fromstring(_page(head)), "https://example.org/x")
    assert kind.og_type == "article"
    assert kind.ld_types == {"NewsArticle", "WebPage", "BreadcrumbList"}
    assert kind.url == "https://example.org/news/a-long-slug"


def test_declared_kind_falls_back_to_the_callers_address():
    kind = declared_kind(lxml.html.document_fromstring(_page("")), "https://example.org/shop/")
    assert kind == ("https://example.org/shop/", "", frozenset())


def test_an_article_page_declares_itself_an_article():
    head = ('<meta property="og:type" content="article">'
            '<meta property="og:url" content="https://news.example/2024/05/harbour-town-opens-its-first-library.html">'
            + _ld({"@type": "NewsArticle", "headline": "x"}))
    row = _row(_page(head))
    assert row["kind_og_article"] == 1 and row["kind_ld_article"] == 1 and row["kind_url_date"] == 1
    assert row["kind_slug_words"] == pytest.approx(math.log1p(6))  # harbour town opens its first library
    assert row["kind_og_website"] == row["kind_ld_list"] == row["kind_ld_product"] == 0


def test_a_section_page_declares_a_list_and_a_short_address():
    head = ('<meta property="og:type" content="website">'
            + _ld({"@type": "CollectionPage", "mainEntity": {"@type": "ItemList"}}))
    row = _row(_page(head), url="https://shop.example/collections/beard-oil")
    assert row["kind_og_website"] == 1 and row["kind_ld_list"] == 1 and row["kind_og_article"] == 0
    assert row["kind_has_url"] == 1 and row["kind_slug_words"] == pytest.approx(math.log1p(2))
    assert row["kind_url_date"] == 0


def test_product_and_forum_types():
    product = _row(_page('<meta property="og:type" content="product">' + _ld({"@type": "Product"})))
    assert product["kind_og_product"] == 1 and product["kind_ld_product"] == 1
    forum = _row(_page(_ld({"@type": "DiscussionForumPosting"})))
    assert forum["kind_ld_forum"] == 1 and forum["kind_ld_article"] == 0


def test_no_metadata_and_text_input_give_zeros():
    assert set(_row(_page(""))) == set(KIND_NAMES)
    assert set(_row(_page("")).values()) == {0.0}
    text_page = Page.from_text("Home\n\nA paragraph of running text that says something about the town.\n")
    assert kind_row(text_page) == (0.0,) * len(KIND_NAMES)


def test_the_row_outlives_the_tree_and_stripping():
    page = Page.from_html(_page('<meta property="og:type" content="article">'))
    first = kind_row(page)
    page.tree = None  # the trainer frees the tree once the columns are known
    page.stripped[0] = True  # a filter stripped a line: Page.memo would work its answers out again
    assert kind_row(page) == first and first[KIND_NAMES.index("kind_og_article")] == 1


def test_a_bad_address_is_no_address():
    row = _row(_page('<link rel="canonical" href="http://[bad">'))
    assert row["kind_has_url"] == 0


def test_the_metadata_scan_is_made_once_and_gives_html_meta_the_same_answer():
    from boilerstrip.htmlmeta import html_meta, metadata_scan

    head = ('<title>Harbour news</title><meta property="og:type" content="article">'
            + _ld({"@type": "NewsArticle", "headline": "Library opens", "datePublished": "2024-03-04"}))
    page = Page.from_html(_page(head))
    scan = metadata_scan(page)
    assert metadata_scan(page) is scan
    kind_row(page)  # the line model's columns read the same scan ...
    assert scan.json_ld() is scan.json_ld()  # ... and its JSON-LD is parsed once
    assert html_meta(page.tree, scan=scan) == html_meta(page.tree)
    assert html_meta(page.tree, scan=scan)["title"] == "Library opens"
