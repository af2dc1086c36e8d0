"""The class/id vocabulary the HTML line model reads: words, rows, learning, and its use in main_block."""

import numpy as np
import pytest

from boilerstrip.class_vocab import (ANCESTORS, VOCAB_NAMES, learn_vocab, line_class_words, vocab_columns,
                                     vocab_rows)
from boilerstrip.filters.main_block import HTML_LINE_FEATURE_NAMES, MainBlockFilter
from boilerstrip.htmltext import class_tokens
from boilerstrip.model import ModelError, TreeModel
from boilerstrip.page import Page
from boilerstrip.pipeline import Pipeline
from helpers import ARTICLE

BODY = [
    "The new library opened its doors on Monday after three years of building work, and more "
    "than two thousand people came through in the first week to borrow books and look around.",
    "Librarians said the most borrowed book of the first week was a history of the harbour "
    "written by a retired teacher who had worked on it for more than twenty years.",
    "The council has promised to keep the library open six days a week for at least the next "
    "five years, and to review the opening hours after the first winter.",
]
CREDIT = "Pictures by the Harbour Gazette photo desk"
MARKUP = ("<html><body><div class='site'><div id='main' class='articleBody story-2024'>"
          f"<h1>{ARTICLE[0]}</h1><p>{BODY[0]}</p><p class='photo-credit'>{CREDIT}</p>"
          f"<p>{BODY[1]}</p><p>{BODY[2]}</p></div></div></body></html>")


def words_of(markup: str) -> dict[str, tuple]:
    page = Page.from_html(markup)
    lines = [line for line in page.lines if not line.is_blank]
    return {line.text: words for line, words in zip(lines, line_class_words(page, lines))}


def test_class_tokens_split_like_the_class_groups_and_drop_numbers():
    assert class_tokens("wp-caption-text authorBio post-1234 td_block") == (
        "wp", "caption", "text", "author", "bio", "post", "td", "block")
    assert class_tokens("") == ()


def test_a_line_has_its_own_elements_words_and_those_around_it():
    found = words_of(MARKUP)
    assert found[CREDIT] == (("photo", "credit"), ("photo", "credit", "article", "body", "story", "main", "site"))
    assert found[BODY[0]] == ((), ("article", "body", "story", "main", "site"))


def test_ancestors_are_counted_up_to_the_limit_and_never_past_body():
    names = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"][:ANCESTORS + 2]
    deep = "".join(f"<div class='{name} box'>" for name in names)
    markup = f"<html><body class='page'>{deep}<p class='leaf'>{BODY[0]}</p>{'</div>' * len(names)}</body></html>"
    own, near = words_of(markup)[BODY[0]]
    assert own == ("leaf",)
    # the nearest ancestors first; "box" is on each of them but counted once
    nearest = names[::-1][:ANCESTORS]  # e.g. epsilon, delta, gamma: alpha and beta are too far up
    assert near == ("leaf", nearest[0], "box", *nearest[1:])
    shallow = f"<html><body class='page'><div class='alpha'><p class='leaf'>{BODY[0]}</p></div></body></html>"
    assert words_of(shallow)[BODY[0]] == (("leaf",), ("leaf", "alpha"))  # not past <body>
    # A page without classes has no words at all.
    assert words_of(f"<p>{BODY[0]}</p>")[BODY[0]] == ((), ())


def test_vocab_rows_take_the_lowest_and_highest_known_values():
    vocab = {"credit": 0.1, "photo": 0.3, "article": 0.9, "body": 0.8}
    rows = vocab_rows([(("photo", "credit"), ("photo", "credit", "article", "body")),
                       ((), ("article", "unknown")),
                       ((), ())], vocab, default=0.5)
    assert rows.shape == (3, len(VOCAB_NAMES))
    assert rows[0].tolist() == [0.1, 0.3, 0.1, 0.9]
    assert rows[1].tolist() == [0.5, 0.5, 0.9, 0.9]  # no word of its own: the default
    assert rows[2].tolist() == [0.5, 0.5, 0.5, 0.5]


@pytest.mark.parametrize("markup", [
    MARKUP,
    "<html><body><div id='wrap'><section class='teaser-list related'><ul>"
    + "".join(f"<li class='teaser item-{k}'><a href='/{k}'>Teaser number {k}</a></li>" for k in range(5))
    + f"</ul></section><main class='content'><p>{BODY[0]}</p><figure><figcaption class='credit'>"
    "A caption</figcaption></figure></main></div><p>Outside any class</p></body></html>",
])
def test_the_fast_columns_are_the_rows_of_the_words(markup):
    page = Page.from_html(markup)
    lines = [line for line in page.lines if not line.is_blank]
    vocab = {"credit": 0.1, "teaser": 0.2, "related": 0.15, "content": 0.8, "body": 0.7, "article": 0.9, "wrap": 0.5}
    fast = vocab_columns(page, lines, vocab, 0.4)
    assert fast.tolist() == vocab_rows(line_class_words(page, lines), vocab, 0.4).tolist()
    assert fast.shape == (len(lines), len(VOCAB_NAMES))
    assert vocab_columns(Page.from_text("a\n\nb"), [], vocab, 0.4).shape == (0, len(VOCAB_NAMES))


def test_learn_vocab_keeps_words_of_enough_sites_and_pulls_them_to_the_overall_rate():
    pages = []
    for k in range(5):  # "credit" on five sites, always around non-content
        pages.append((f"site{k}.example", [(("credit",), ("credit", "story"))], np.array([0]), np.array([1.0])))
    for k in range(4):  # "widget" on four sites only
        pages.append((f"other{k}.example", [(("widget",), ("widget", "story"))], np.array([1]), np.array([1.0])))
    # a line with no weight says nothing
    pages.append(("site0.example", [(("credit",), ("credit",))], np.array([1]), np.array([0.0])))
    vocab, rate = learn_vocab(pages, min_sites=5, prior_sites=3.0)
    assert rate == pytest.approx(4 / 9, abs=1e-4)
    assert "widget" not in vocab
    assert vocab["credit"] == pytest.approx(3 * rate / 8, abs=1e-4)
    assert vocab["story"] == pytest.approx((4 + 3 * rate) / 12, abs=1e-4)  # nine sites, four of them content


def vocab_model(vocab: dict[str, float]) -> TreeModel:
    """A line model with *vocab* that scores a line 0.12 when its own element's lowest word value
    is at most 0.2, and 0.88 otherwise."""
    features = HTML_LINE_FEATURE_NAMES + VOCAB_NAMES
    return TreeModel({
        "format": "boilerstrip-trees/1", "features": list(features), "baseline": 0.0,
        "vocab": vocab, "vocab_default": 0.5,
        "trees": [{"feature": [features.index("vocab_own_min"), 0, 0], "threshold": [0.2, 0, 0],
                   "left": [1, 0, 0], "right": [2, 0, 0], "value": [0.0, -2.0, 2.0],
                   "leaf": [False, True, True], "depth": 1}]})


class _FixedScores(MainBlockFilter):
    """main_block with fixed block scores, so that only the line model is under test."""

    def __init__(self, probs, **options):
        super().__init__(**options)
        self.probs = np.array(probs)

    def scores(self, page):
        lines = [line for line in page.lines if not line.is_blank]
        return lines, self.probs[:len(lines)]


def test_main_block_reads_the_vocabulary_of_its_line_model():
    probs = [0.9] * 5
    result = Pipeline([_FixedScores(probs, html_line_model=vocab_model({"credit": 0.05, "body": 0.9}))])(
        MARKUP, kind="html")
    assert CREDIT not in result.text
    assert all(p in result.text for p in BODY)
    [segment] = result.stripped
    assert (segment.text, segment.reason) == (CREDIT, "inside_main_block")
    # The same model with a vocabulary that does not know the word keeps the line.
    kept = Pipeline([_FixedScores(probs, html_line_model=vocab_model({"body": 0.9}))])(MARKUP, kind="html")
    assert CREDIT in kept.text


def test_a_model_with_a_vocabulary_must_have_its_columns():
    spec_model = vocab_model({"credit": 0.05})
    spec_model.features = tuple(HTML_LINE_FEATURE_NAMES)  # as if trained without them
    with pytest.raises(ModelError, match="vocab_own_min"):
        MainBlockFilter(html_line_model=spec_model)
