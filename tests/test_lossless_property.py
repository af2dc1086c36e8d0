"""Property tests: stripping never loses a character, and stripping clean text again is a no-op."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip.pipeline import RULE_FILTERS
from conftest import assert_lossless

SETTINGS = settings(max_examples=200, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ARTICLE_SENTENCES = [
    "The city council voted on Tuesday to expand the bike lane network across the old town.",
    "Officials said the work would begin in the spring and take about eighteen months to finish.",
    "Residents who spoke at the meeting were divided, with shop owners worried about parking.",
    "The mayor called the decision a turning point for how people move around the city.",
    "A similar scheme in a neighbouring town cut car traffic by a fifth within two years.",
    "Die Stadt plant außerdem neue Grünflächen entlang des Flusses, sagte eine Sprecherin.",
]
BOILERPLATE = [
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Comment *",
    "Post Comment",
    "Related articles",
    "You may also like",
    "Photo: x",
    "Photo: Reuters",
    "Home",
    "News",
    "Sport",
    "Share",
    "Tweet",
    "© 2024 X. All rights reserved.",
    "Privacy Policy | Terms of Use | Contact",
    "Advertisement",
    "Subscribe to our newsletter",
    "We use cookies to improve your experience.",
    "Accept all",
    "3 comments",
    "Reply",
    "City council backs bike lanes",
]
REAL_LINES = ARTICLE_SENTENCES + BOILERPLATE


def _decorate(line: str, nbsp: bool) -> str:
    return line.replace(" ", "\u00a0", 1) if nbsp else line


real_line = st.builds(_decorate, st.sampled_from(REAL_LINES), st.booleans())
separator = st.sampled_from(["\n", "\n", "\n\n", "\r\n", "\r\n\r\n", "\u2028", "\u2029", "\n \n"])


@st.composite
def real_pages(draw):
    """Pages of real-looking lines: sentences, boilerplate, duplicates, blank lines, odd breaks."""
    lines = draw(st.lists(st.one_of(real_line, st.just("")), min_size=0, max_size=30))
    if lines and draw(st.booleans()):
        # duplicate some lines somewhere else on the page
        for _ in range(draw(st.integers(1, 3))):
            src = draw(st.integers(0, len(lines) - 1))
            dst = draw(st.integers(0, len(lines)))
            lines.insert(dst, lines[src])
    seps = draw(st.lists(separator, min_size=len(lines), max_size=len(lines)))
    page = "".join(line + sep for line, sep in zip(lines, seps))
    if lines and draw(st.booleans()):
        page = page.rstrip("\n\r\u2028\u2029 ")  # missing final newline
    if draw(st.integers(0, 9)) == 0:
        page = "\ufeff" + page
    return page


random_line = st.one_of(
    real_line,
    st.just(""),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
    st.sampled_from(["\u00a0", " \t ", "\u3000", "Δ", "*", "•", "→"]),
)


@st.composite
def mixed_pages(draw):
    """Real-looking lines mixed with random unicode text, any line breaks."""
    lines = draw(st.lists(random_line, max_size=25))
    seps = draw(st.lists(st.one_of(separator, st.sampled_from(["\r", "\x85", "\x0c"])),
                         min_size=len(lines), max_size=len(lines)))
    page = "".join(line + sep for line, sep in zip(lines, seps))
    if draw(st.integers(0, 9)) == 0:
        page = "\ufeff" + page
    return page


@SETTINGS
@given(real_pages())
@example("Title\n\nSome article sentence that is long enough.\n\nLeave a Reply\n")
@example("\ufeff")
@example("")
def test_lossless_real_pages(page):
    assert_lossless(boilerstrip.strip(page, kind="text"))


@SETTINGS
@given(mixed_pages())
def test_lossless_mixed_pages(page):
    assert_lossless(boilerstrip.strip(page, kind="text"))


@SETTINGS
@given(st.text(max_size=300))
def test_lossless_random_text(page):
    assert_lossless(boilerstrip.strip(page, kind="text"))


@SETTINGS
@given(st.binary(max_size=300))
def test_lossless_random_bytes(data):
    result = boilerstrip.strip(data, kind="text")
    assert_lossless(result)


_S = ARTICLE_SENTENCES[0]

@SETTINGS
@given(real_pages())
@example("Title\n\nSome article sentence that is long enough.\n\nLeave a Reply\n")
def test_idempotent(page):
    """The rule filters are idempotent: the clean text, stripped again, stays as it is.

    The main-block model is left out on purpose: it weighs each line by its surroundings, and
    the clean text has other surroundings than the page it came from, so a second pass may
    narrow it a little further (on 300 WCXB pages it removed 0.7% of the words, and token F1
    went from 0.902 to 0.904). Clean article text is left alone by the full pipeline too:
    tests/test_fixtures.py checks that on every fixture.
    """
    rules = boilerstrip.Pipeline(RULE_FILTERS)
    once = rules(page, kind="text").text
    twice = rules(once, kind="text").text
    assert twice == once


def test_idempotent_when_copies_stand_between_paragraphs():
    """Regression: copies of a line ("Home" twice) between two paragraphs made the page read as
    a listing, which keeps its "You may also like" heading; with the copy stripped, the second
    pass read an article and stripped the heading. Copies no longer separate paragraphs."""
    page = "You may also like\nHome\n" + ARTICLE_SENTENCES[1] + "\nHome\n" + _S + "\n"
    rules = boilerstrip.Pipeline(RULE_FILTERS)
    once = rules(page, kind="text").text
    assert "You may also like" not in once
    assert rules(once, kind="text").text == once


def test_idempotent_after_repeated_paragraph_removed():
    """Regression: a copy of a paragraph used to move the article's end, so a second pass
    (without the copy) found a menu the first pass had not."""
    page = f"{_S}\nHome\n{_S}\nNews\nSport\n"
    once = boilerstrip.strip(page, kind="text").text
    assert boilerstrip.strip(once, kind="text").text == once


def _decisions_filter(name: str, picks: list[int], keep: bool):
    """A filter that strips (or, with *keep*, puts back) the non-blank lines at *picks*."""
    def find(self, page):
        lines = list(page.content_lines())
        for k in picks:
            if lines:
                line = lines[k % len(lines)]
                yield self.keep(page, line, "test_keep") if keep else self.strip(page, line, "test_strip")
    return type(f"F_{name}", (boilerstrip.Filter,), {"name": name, "description": "test", "find": find})


@SETTINGS
@given(real_pages(), st.lists(st.tuples(st.booleans(), st.lists(st.integers(0, 40), max_size=8)),
                              max_size=5))
def test_lossless_with_lines_put_back(page, steps):
    """Any mix of filters that strip lines and filters that put them back: nothing is lost, each
    line put back is in the text, and the record of it names a filter that stripped it earlier."""
    filters = [_decisions_filter(f"test_step_{k}", picks, keep) for k, (keep, picks) in enumerate(steps)]
    result = boilerstrip.Pipeline(filters)(page, kind="text")
    assert_lossless(result)
    order = [f.name for f in filters]
    for note in result.overruled:
        assert note.text.strip() and note.text.splitlines()[0] in result.text
        assert order.index(note.filter) < order.index(note.kept_by)
