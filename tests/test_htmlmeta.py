"""html_meta: metadata declared in a page's HTML (meta tags, JSON-LD, <time>, <h1>, <title>)."""

from __future__ import annotations

import json

import lxml.etree
import lxml.html
import pytest

from boilerstrip.htmlmeta import html_meta


def meta_of(head: str = "", body: str = "", url: str | None = None, html_attrs: str = "") -> dict:
    page = f"<html{html_attrs}><head>{head}</head><body>{body}</body></html>"
    return html_meta(lxml.html.document_fromstring(page), url)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def m(key: str, content: str, attr: str = "property") -> str:
    return f'<meta {attr}="{key}" content="{content}">'


# --- title --------------------------------------------------------------------------------

ALL_TITLES = (
    m("og:title", "OG title")
    + m("twitter:title", "Twitter title", "name")
    + ld({"@type": "NewsArticle", "headline": "LD headline", "name": "LD name"})
    + "<title>Title element</title>"
)


def test_title_og_first():
    assert meta_of(ALL_TITLES, "<h1>Heading</h1>")["title"] == "OG title"


def test_title_twitter_after_og():
    head = ALL_TITLES.replace(m("og:title", "OG title"), "")
    assert meta_of(head, "<h1>Heading</h1>")["title"] == "Twitter title"


def test_title_json_ld_headline_then_name():
    head = ld({"@type": "BlogPosting", "headline": "LD headline", "name": "LD name"})
    assert meta_of(head + "<title>T</title>", "<h1>Heading</h1>")["title"] == "LD headline"
    head = ld({"@type": "Article", "name": "LD name"})
    assert meta_of(head, "<h1>Heading</h1>")["title"] == "LD name"


def test_title_json_ld_only_from_article_like_items():
    head = ld({"@type": "WebPage", "name": "Home - Example"})
    assert meta_of(head, "<h1>Heading</h1>")["title"] == "Heading"


def test_title_first_h1_with_text_before_title_element():
    body = '<h1><img src="logo.png"></h1><h1>  The   real\nheading </h1><h1>Second</h1>'
    assert meta_of("<title>Title element</title>", body)["title"] == "The real heading"


def test_title_element_last():
    assert meta_of("<title>Just the title</title>", "<p>x</p>")["title"] == "Just the title"


def test_title_ignores_svg_title_in_body():
    page = "<html><body><svg><title>icon</title></svg><p>x</p></body></html>"
    assert html_meta(lxml.html.document_fromstring(page))["title"] is None
    head = "<title>Page title</title>"
    assert meta_of(head, "<svg><title>icon</title></svg>")["title"] == "Page title"


def test_title_is_always_present():
    result = meta_of("", "<p>no metadata here</p>")
    assert "title" in result and result["title"] is None


# --- title suffixes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Brexit explained - The Guardian", "Brexit explained"),
        ("How to bake bread | Cooking Weekly", "How to bake bread"),
        ("How to bake bread – Cooking Weekly", "How to bake bread"),
        ("How to bake bread :: Cooking", "How to bake bread"),
    ],
)
def test_short_title_suffix_removed(title, expected):
    assert meta_of(f"<title>{title}</title>")["title"] == expected


@pytest.mark.parametrize(
    "title",
    [
        "AI - Wired",  # what would stay is shorter than the suffix
        # A suffix of more than four words, though shorter than what would stay:
        "The long and winding history of the bicycle in Europe - Why it still matters now",
        "Spider-Man and friends",  # a hyphen without spaces is not a separator
    ],
)
def test_title_suffix_kept(title):
    assert meta_of(f"<title>{title}</title>")["title"] == title


def test_long_suffix_removed_when_it_is_the_site_name():
    head = m("og:site_name", "The Very Long Name Of This Site") + (
        "<title>Short | The Very Long Name Of This Site</title>"
    )
    assert meta_of(head)["title"] == "Short"


def test_site_name_with_separator_inside_removed():
    head = m("og:site_name", "Urge Fitness | Gyms in PA") + (
        "<title>Gym equipment explained at length - Urge Fitness | Gyms in PA</title>"
    )
    assert meta_of(head)["title"] == "Gym equipment explained at length"


def test_og_title_suffix_removed_only_when_it_names_the_site():
    head = m("og:site_name", "Cooking Weekly") + m("og:title", "Bread at home | Cooking Weekly")
    assert meta_of(head)["title"] == "Bread at home"
    # No site name to match: og:title is taken as written, short suffix or not.
    assert meta_of(m("og:title", "War and Peace - Book One"))["title"] == "War and Peace - Book One"


def test_suffix_matching_the_host_name_removed():
    head = m("og:title", "Best free certificate courses | Alison")
    assert meta_of(head, url="https://alison.com/courses")["title"] == "Best free certificate courses"
    assert meta_of(head)["title"] == "Best free certificate courses | Alison"


def test_prefix_naming_the_site_removed():
    head = m("og:site_name", "Leadfeeder") + m("og:title", "Leadfeeder | State of SEO in 2026")
    assert meta_of(head)["title"] == "State of SEO in 2026"


def test_h1_that_is_the_title_without_suffix_preferred():
    head = m("og:title", "Ten ways to save | Money")
    assert meta_of(head, "<h1>Ten ways to save</h1>")["title"] == "Ten ways to save"
    # An h1 that is not the start of the declared title changes nothing...
    assert meta_of(head, "<h1>Ten</h1>")["title"] == "Ten ways to save | Money"
    # ...nor does a short section heading in front of a longer title.
    head = m("og:title", "News - Big story happens today")
    assert meta_of(head, "<h1>News</h1>")["title"] == "News - Big story happens today"


# --- date ---------------------------------------------------------------------------------

DATE_SOURCES = [
    m("article:published_time", "2021-01-01T10:00:00Z"),
    m("datePublished", "2021-01-02", "itemprop"),
    m("date", "2021-01-03", "name"),
    m("dc.date", "2021-01-04", "name"),
    m("dcterms.created", "2021-01-05", "name"),
    m("pubdate", "2021-01-06", "name"),
    m("sailthru.date", "2021-01-07 08:09:10", "name"),
    m("parsely-pub-date", "2021-01-08T00:00:00Z", "name"),
    m("og:published_time", "2021-01-09"),
]


@pytest.mark.parametrize("i", range(len(DATE_SOURCES)))
def test_date_meta_precedence(i):
    # Each source beats every later one, and is read on its own (earlier ones removed).
    head = "".join(reversed(DATE_SOURCES[i:]))  # document order must not matter
    head += ld({"@type": "Article", "datePublished": "2022-02-02"})
    assert meta_of(head, '<time datetime="2023-03-03">x</time>')["date"] == f"2021-01-0{i + 1}"


def test_date_meta_name_date_published():
    assert meta_of(m("datePublished", "2020-05-06", "name"))["date"] == "2020-05-06"


def test_date_json_ld_before_time_element():
    head = ld({"@type": "Article", "datePublished": "2022-02-02T03:04:05+02:00"})
    result = meta_of(head, '<time datetime="2023-03-03">x</time>')
    assert (result["date"], result["time"]) == ("2022-02-02", "03:04")


def test_date_json_ld_graph():
    head = ld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Site"},
        {"@type": "BlogPosting", "headline": "H", "datePublished": "2019-11-12T13:14:00Z"},
    ]})
    result = meta_of(head)
    assert result["date"] == "2019-11-12" and result["time"] == "13:14"


def test_date_json_ld_list_of_items_prefers_article():
    head = ld([
        {"@type": "WebPage", "datePublished": "2018-01-01"},
        {"@type": ["NewsArticle"], "datePublished": "2018-02-02"},
    ])
    assert meta_of(head)["date"] == "2018-02-02"
    head = ld([{"@type": "Organization"}, {"@type": "WebPage", "datePublished": "2018-01-01"}])
    assert meta_of(head)["date"] == "2018-01-01"


def test_time_inside_article_preferred():
    body = (
        '<header><time datetime="2020-01-01">site clock</time></header>'
        '<article><h1>H</h1><time datetime="2020-06-07T08:09">byline</time>'
        '<time datetime="2020-07-07">comment</time></article>'
    )
    result = meta_of(body=body)
    assert (result["date"], result["time"]) == ("2020-06-07", "08:09")
    assert meta_of(body=body.replace("article", "main"))["date"] == "2020-06-07"
    assert meta_of(body=body.replace("article", "section"))["date"] == "2020-01-01"


def test_time_text_when_no_datetime_attribute():
    assert meta_of(body="<article><time>July 2, 2025</time></article>")["date"] == "2025-07-02"


def test_free_text_meta_date():
    result = meta_of(m("date", "Published June 28, 2024 1:50 pm", "name"))
    assert (result["date"], result["time"]) == ("2024-06-28", "13:50")


def test_no_time_key_without_time():
    result = meta_of(m("article:published_time", "2024-06-28"))
    assert result["date"] == "2024-06-28" and "time" not in result


@pytest.mark.parametrize("bad", ["2024-13-01", "2024-02-30", "1985-05-05", "2150-01-01", "soon"])
def test_impossible_dates_rejected(bad):
    assert "date" not in meta_of(m("article:published_time", bad))
    # ...and the next source is used instead.
    head = m("article:published_time", bad) + m("date", "2020-02-29", "name")
    assert meta_of(head)["date"] == "2020-02-29"


def test_modified():
    head = m("article:modified_time", "2024-07-01T00:00:00Z") + m("dateModified", "2024-07-02", "itemprop")
    assert meta_of(head)["modified"] == "2024-07-01"
    assert meta_of(ld({"@type": "Article", "dateModified": "2024-07-03"}))["modified"] == "2024-07-03"
    assert "modified" not in meta_of(m("article:modified_time", "2024-13-40"))


# --- author -------------------------------------------------------------------------------


def test_author_meta_first():
    head = m("author", "Meta Author", "name") + m("article:author", "Article Author")
    head += ld({"@type": "Article", "author": {"name": "LD Author"}})
    assert meta_of(head, '<a rel="author">Link Author</a>')["author"] == "Meta Author"


def test_article_author_url_skipped():
    head = m("article:author", "https://facebook.com/someone")
    head += ld({"@type": "Article", "author": "LD Author"})
    assert meta_of(head)["author"] == "LD Author"
    assert meta_of(m("article:author", "Article Author"))["author"] == "Article Author"


def test_author_json_ld_list_of_dicts():
    head = ld({"@graph": [{"@type": "NewsArticle", "author": [
        {"@type": "Person", "name": "Ada Lovelace"},
        {"@type": "Person", "name": " Charles  Babbage "},
        "Grace Hopper",
        {"@type": "Person", "name": "Ada Lovelace"},
    ]}]})
    assert meta_of(head)["author"] == "Ada Lovelace, Charles Babbage, Grace Hopper"


def test_author_json_ld_reference_by_id():
    head = ld({"@graph": [
        {"@type": "Article", "author": {"@id": "https://ex.com/#/person/1"}},
        {"@type": "Person", "@id": "https://ex.com/#/person/1", "name": "Referenced Person"},
    ]})
    assert meta_of(head)["author"] == "Referenced Person"


def test_author_rel_author_link_text():
    body = '<a rel="nofollow" href="/x">Not him</a><p>By <a rel="Author external" href="/u">Link  Author</a></p>'
    assert meta_of(body=body)["author"] == "Link Author"


def test_author_byline_prefix_removed():
    assert meta_of(m("author", "By Jane Doe", "name"))["author"] == "Jane Doe"
    assert meta_of(m("author", "Byron Smith", "name"))["author"] == "Byron Smith"


# --- language, url, site name, description ------------------------------------------------


def test_language_from_html_lang():
    assert meta_of(html_attrs=' lang="en-US"')["language"] == "en"
    assert meta_of(m("og:locale", "fr_FR"), html_attrs=' lang="DE"')["language"] == "de"


def test_language_fallbacks():
    head = '<meta http-equiv="Content-Language" content="pt-BR">' + m("og:locale", "de_DE")
    assert meta_of(head)["language"] == "pt"
    assert meta_of(m("og:locale", "de_DE"))["language"] == "de"
    assert meta_of(m("og:locale", "de_DE"), html_attrs=' lang="{{ lang }}"')["language"] == "de"
    assert "language" not in meta_of()


def test_relative_canonical_made_absolute():
    head = '<link rel="canonical" href="../story/1?x=2">' + m("og:url", "https://other.example/og")
    assert meta_of(head, url="https://ex.com/news/today/page")["url"] == "https://ex.com/news/story/1?x=2"


def test_canonical_before_og_url_and_fallback():
    assert meta_of('<link rel="canonical" href="https://a.example/c">' + m("og:url", "https://a.example/o"))[
        "url"
    ] == "https://a.example/c"
    assert meta_of(m("og:url", "https://a.example/o"))["url"] == "https://a.example/o"
    assert meta_of('<link rel="canonical" href="/rel">')["url"] == "/rel"  # no base to join to
    assert "url" not in meta_of('<link rel="canonical" href="javascript:void(0)">', url="https://a.example/")
    assert "url" not in meta_of('<link rel="canonical" href="http://[bad">', url="https://a.example/")


def test_site_name_and_description():
    head = m("og:site_name", "Example  Site") + m("og:description", "OG description")
    head += m("description", "Meta\n description", "name")
    result = meta_of(head)
    assert result["site_name"] == "Example Site"
    assert result["description"] == "Meta description"
    assert meta_of(m("og:description", "OG description"))["description"] == "OG description"


def test_values_collapsed_capped_and_empty_skipped():
    head = m("author", "   ", "name") + m("author", "Second", "name")
    head += m("description", ("word " * 1000) + "end", "name")
    head += m("og:title", "x" * 3_000_000)
    result = meta_of(head)
    assert result["author"] == "Second"
    assert len(result["description"]) == 1000 and "  " not in result["description"]
    assert result["title"] == "x" * 1000
    assert all(v is not None for k, v in result.items() if k != "title")


# --- JSON-LD robustness -------------------------------------------------------------------


def test_invalid_json_ld_skipped():
    head = '<script type="application/ld+json">{"@type": "Article", "headline": </script>'
    head += ld({"@type": "Article", "headline": "From the valid script"})
    assert meta_of(head)["title"] == "From the valid script"
    assert meta_of('<script type="application/ld+json">{{{</script>')["title"] is None


def test_json_ld_with_trailing_semicolon_or_comment_markers():
    data = json.dumps({"@type": "Article", "headline": "Recovered"})
    for text in (data + ";", "<!-- " + data + " -->"):
        head = f'<script type="application/ld+json">{text}</script>'
        assert meta_of(head)["title"] == "Recovered"


def test_json_ld_entities_and_odd_types():
    head = ld({"@type": "http://schema.org/Article", "headline": "Tom &amp; Jerry&#8217;s", "datePublished": 20240101})
    result = meta_of(head)
    assert result["title"] == "Tom & Jerry\u2019s"
    assert "date" not in result


def test_huge_or_deeply_nested_json_ld_skipped():
    huge = '{"@type": "Article", "headline": "Too big", "pad": "' + "x" * 1_100_000 + '"}'
    assert meta_of(f'<script type="application/ld+json">{huge}</script>')["title"] is None
    deep = "[" * 100_000 + "]" * 100_000
    assert meta_of(f'<script type="application/ld+json">{deep}</script>')["title"] is None


# --- odd documents ------------------------------------------------------------------------


def test_empty_document():
    assert html_meta(lxml.html.document_fromstring("<html></html>")) == {"title": None}


def test_no_head_no_body():
    tree = lxml.html.document_fromstring('<meta name="author" content="Only Meta"><h1>Only heading</h1>')
    assert html_meta(tree) == {"title": "Only heading", "author": "Only Meta"}


def test_deeply_nested_document():
    # libxml2 stops nesting at a couple of thousand levels (the rest of such a page is lost),
    # so the metadata stands before the 5,000 nested divs and after them only a stray tag.
    depth = 5000
    page = (
        "<html><head><title>Deep page title</title></head><body>"
        '<article><time datetime="2024-05-06">t</time><a rel="author">Deep Author</a></article>'
        + "<div>" * depth + "<h1>lost</h1>" + "</div>" * depth
        + "</body></html>"
    )
    tree = lxml.html.document_fromstring(page, parser=lxml.html.HTMLParser(huge_tree=True))
    assert max(sum(1 for _ in div.iterancestors()) for div in tree.iter("div")) > 2000
    result = html_meta(tree, "https://ex.com/")
    assert result == {"title": "Deep page title", "date": "2024-05-06", "author": "Deep Author"}


def test_metadata_at_the_bottom_of_a_5000_level_tree():
    tree = lxml.html.document_fromstring("<html><head></head><body></body></html>")
    el = tree.body
    for _ in range(5000):
        el = lxml.etree.SubElement(el, "div")
    article = lxml.etree.SubElement(el, "article")
    lxml.etree.SubElement(article, "h1").text = "Deep heading"
    lxml.etree.SubElement(article, "time", datetime="2024-05-06T07:08").text = "t"
    lxml.etree.SubElement(article, "a", rel="author").text = "Deep Author"
    result = html_meta(tree)
    assert result == {"title": "Deep heading", "date": "2024-05-06", "time": "07:08", "author": "Deep Author"}


def test_tree_not_modified():
    page = (
        "<html lang='en'><head>" + ALL_TITLES + "<link rel='canonical' href='/c'></head>"
        "<body><article><h1>H</h1><time datetime='2020-01-01'>t</time></article></body></html>"
    )
    tree = lxml.html.document_fromstring(page)
    before = lxml.html.tostring(tree)
    html_meta(tree, "https://ex.com/")
    assert lxml.html.tostring(tree) == before


def test_weird_attribute_values():
    head = (
        '<meta property="" content="x"><meta content="no key"><meta name="og:title">'
        '<meta property="og:title twitter:title" content="Both at once">'
        '<link rel><link href="/x"><script type="application/ld+json"></script>'
    )
    result = meta_of(head, '<time datetime="">now</time><time>yesterday</time>', html_attrs=' lang=""')
    assert result == {"title": "Both at once"}
