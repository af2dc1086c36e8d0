"""Per-site rules: strip and keep lines by the page's domain, and never lose a character."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip import BoilerstripError, ConfigError, Pipeline, SiteRules
from boilerstrip.sites import host_of
from conftest import assert_lossless
from helpers import ARTICLE, page

SUBSCRIBE = "Subscribe to our newsletter!"
AD = "Advertisement - scroll to continue"
PAGE = page(ARTICLE[0], SUBSCRIBE, *ARTICLE[1:3], AD, ARTICLE[3], "Leave a Reply",
            "Your email address will not be published.")

RULES = {"example.com": {"strip": ["subscribe to our NEWSLETTER"], "strip_patterns": ["^Advertisement\\b"]}}


def site_pipeline(rules=RULES, filters=None) -> Pipeline:
    return Pipeline(filters, site_rules=SiteRules.from_mapping(rules))


def site_segments(result) -> list[tuple[str, str, str]]:
    return [(s.text, s.reason, s.detail) for s in result.stripped if s.filter == "site_rules"]


# --------------------------------------------------------------------------- strip rules
@pytest.mark.parametrize("url", ["https://example.com/a", "http://www.example.com/news/1?x=2",
                                 "https://news.EXAMPLE.com:8443/", "https://user@example.com./x"])
def test_strip_rules_apply_to_the_domain_and_its_subdomains(url):
    result = site_pipeline()(PAGE, url=url)
    assert site_segments(result) == [
        (SUBSCRIBE, "site_rule", "sites.\"example.com\".strip[0]: 'subscribe to our NEWSLETTER'"),
        (AD, "site_rule", "sites.\"example.com\".strip_patterns[0]: '^Advertisement\\\\b'"),
    ]
    assert SUBSCRIBE not in result.text and AD not in result.text
    assert ARTICLE[3] in result.text
    assert_lossless(result)


@pytest.mark.parametrize("url", [None, "", "https://notexample.com/", "https://example.com.evil.org/",
                                 "https://example.org/", "not a url", "mailto:someone@example.com"])
def test_strip_rules_do_not_apply_without_a_matching_url(url):
    result = site_pipeline()(PAGE, url=url)
    assert site_segments(result) == []
    assert result.to_dict() == boilerstrip.strip(PAGE, url=url).to_dict()


def test_site_rules_run_first_so_their_reason_is_recorded():
    pipeline = site_pipeline({"example.com": {"strip": ["Leave a Reply"]}})
    assert pipeline.names[0] == "site_rules"
    result = pipeline(PAGE, url="https://example.com/")
    by_text = {s.text.splitlines()[0]: (s.filter, s.reason) for s in result.stripped}
    assert by_text["Leave a Reply"] == ("site_rules", "site_rule")  # not comments/comment_form


def test_site_rules_filter_can_be_placed_in_the_order():
    pipeline = site_pipeline({"example.com": {"strip": ["Leave a Reply"]}}, filters=["comments", "site_rules"])
    assert pipeline.names == ["comments", "site_rules"]
    result = pipeline(PAGE, url="https://example.com/")
    assert [s.filter for s in result.stripped if "Leave a Reply" in s.text] == ["comments"]


def test_only_keep_rules_add_no_filter():
    pipeline = site_pipeline({"example.com": {"keep": ["Leave a Reply"]}})
    assert pipeline.names == list(boilerstrip.DEFAULT_FILTERS)


# --------------------------------------------------------------------------- keep rules
def test_keep_rule_protects_a_line_from_every_filter():
    plain = boilerstrip.strip(PAGE, url="https://blog.example.com/")
    assert "Leave a Reply" not in plain.text
    pipeline = site_pipeline({"example.com": {"keep": ["Leave a reply"]}})
    kept = pipeline(PAGE, url="https://blog.example.com/")
    assert "Leave a Reply" in kept.text
    # The rest of the comment form still goes: only the protected line was refused.
    assert "Your email address will not be published." not in kept.text
    assert all("Leave a Reply" not in s.text for s in kept.stripped)
    assert_lossless(kept)
    # Without the URL the keep rule does not apply.
    assert pipeline(PAGE).to_dict() == boilerstrip.strip(PAGE).to_dict()


def test_keep_pattern_inside_a_multi_line_span_splits_it():
    text = page(*ARTICLE, "Related articles\nFirst teaser headline here\nSecond teaser headline here\n"
                          "Third teaser headline here")
    plain = Pipeline(["related"])(text)
    assert [s.reason for s in plain.stripped] == ["related_block"]
    pipeline = site_pipeline({"example.com": {"keep_patterns": ["^Second teaser"]}}, filters=["related"])
    result = pipeline(text, url="https://example.com/")
    assert "Second teaser headline here" in result.text
    assert [s.text for s in result.stripped] == ["Related articles\nFirst teaser headline here",
                                                 "Third teaser headline here"]
    assert_lossless(result)


def test_later_filters_see_a_protected_line_as_kept():
    seen: list[bool] = []

    class TakeAll(boilerstrip.Filter):
        name = "take_all_test"

        def find(self, page):
            for line in page.content_lines():
                yield self.strip(page, line, "everything")

    class Look(boilerstrip.Filter):
        name = "look_test"

        def find(self, page):
            seen.extend(page.stripped[line.index] for line in page.content_lines())
            return ()

    rules = SiteRules.from_mapping({"example.com": {"keep": [ARTICLE[0]]}})
    result = Pipeline([TakeAll(), Look()], site_rules=rules)(page(*ARTICLE), url="https://example.com/")
    assert seen == [False, True, True, True]
    assert result.text == ARTICLE[0]
    assert_lossless(result)


def test_keep_beats_strip_on_the_same_line():
    pipeline = site_pipeline({"example.com": {"strip": [SUBSCRIBE], "keep_patterns": ["newsletter"]}})
    result = pipeline(PAGE, url="https://example.com/")
    assert SUBSCRIBE in result.text
    assert site_segments(result) == []


@settings(max_examples=40, deadline=None, database=None)
@given(lines=st.lists(st.sampled_from(["Home", "News", "Leave a Reply", "Share this:", "Advertisement",
                                       ARTICLE[1], ARTICLE[2], "", "Related posts", "© 2024 Example"]),
                      min_size=1, max_size=25),
       keep=st.lists(st.sampled_from(["Home", "Advertisement", "Share this", "Related posts"]), max_size=3),
       strip=st.lists(st.sampled_from(["News", "Leave a Reply", "© 2024 Example"]), max_size=2))
def test_rules_never_lose_a_character(lines, keep, strip):
    text = "\n".join(lines)
    rules = {"example.com": {"keep": keep, "strip": strip}}
    result = site_pipeline(rules, filters=[n for n in boilerstrip.DEFAULT_FILTERS if n != "main_block"])(
        text, url="https://www.example.com/")
    assert_lossless(result)
    for line in text.splitlines():
        if line.strip() and any(line.lower().startswith(k.lower()) for k in keep):
            assert line in result.text.splitlines()


# --------------------------------------------------------------------------- HTML and URLs
def html_page(canonical: str | None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in ARTICLE[1:]) + f"<p>{SUBSCRIBE}</p>"
    return f"<html><head><title>T</title>{link}</head><body><h1>{ARTICLE[0]}</h1>{body}</body></html>"


def test_html_without_url_is_matched_by_its_canonical_link():
    pipeline = site_pipeline()
    result = pipeline(html_page("https://www.example.com/story"), kind="html")
    assert [s.text for s in result.stripped if s.filter == "site_rules"] == [SUBSCRIBE]
    assert result.stripped[-1].dom_path.endswith("/p[4]")
    assert all(s.filter != "site_rules" for s in pipeline(html_page(None), kind="html").stripped)
    # The url= argument comes first.
    other = pipeline(html_page("https://www.example.com/story"), kind="html", url="https://other.org/")
    assert all(s.filter != "site_rules" for s in other.stripped)


@pytest.mark.parametrize("url,host", [("https://WWW.Example.COM:80/x", "www.example.com"),
                                      ("https://bücher.example/x", "xn--bcher-kva.example"),
                                      ("//cdn.example.com/x", "cdn.example.com"),
                                      ("/relative/path", None), (None, None), ("http://[::1", None)])
def test_host_of(url, host):
    assert host_of(url) == host


def test_unicode_domain_key_matches_the_encoded_host():
    pipeline = site_pipeline({"bücher.example": {"strip": [SUBSCRIBE]}})
    result = pipeline(PAGE, url="https://www.xn--bcher-kva.example/")
    assert [s.text for s in result.stripped if s.filter == "site_rules"] == [SUBSCRIBE]


# --------------------------------------------------------------------------- safety
def test_a_pattern_that_backtracks_stops_with_an_error_naming_the_rule():
    pipeline = site_pipeline({"example.com": {"strip_patterns": ["^(a|aa)+$"]}}, filters=["ads"])
    with pytest.raises(BoilerstripError, match=r'sites\."example\.com"\.strip_patterns\[0\].*took more than'):
        pipeline(page("a" * 60 + "!", *ARTICLE), url="https://example.com/")


def test_bad_rules_name_the_domain_and_key():
    with pytest.raises(ConfigError, match=r'^"example\.com"\.keep_patterns\[1\]: invalid pattern'):
        SiteRules.from_mapping({"example.com": {"keep_patterns": ["ok", "[unclosed"]}})
    with pytest.raises(ConfigError, match=r'^"example\.com"\.strip\[0\]: expected a non-empty string'):
        SiteRules.from_mapping({"example.com": {"strip": [3]}})
    with pytest.raises(ConfigError, match="could never match"):
        SiteRules.from_mapping({"example.com": {"strip": ["..."]}})


def test_pipeline_refuses_a_plain_mapping_as_site_rules():
    with pytest.raises(TypeError, match="SiteRules"):
        Pipeline(site_rules=RULES)
