"""The vocabulary of short lines' words the HTML line model reads: words, rows, learning, use."""

import numpy as np
import pytest

from boilerstrip.class_vocab import VOCAB_NAMES, learn_vocab
from boilerstrip.filters.main_block import HTML_LINE_FEATURE_NAMES, MainBlockFilter
from boilerstrip.model import ModelError, TreeModel
from boilerstrip.page import Page
from boilerstrip.pipeline import Pipeline
from boilerstrip.word_vocab import MAX_WORDS, WORD_VOCAB_NAMES, line_words, word_rows
from test_class_vocab import BODY, CREDIT, MARKUP, _FixedScores




def lines_of(text: str):
    return [line for line in Page.from_text(text).lines if not line.is_blank]


def test_short_lines_give_their_distinct_words_in_lower_case_without_numbers():
    short, numbers, long = lines_of("Weiterlesen: mehr mehr LESEN\n\n5 min read, 2024\n\n" + BODY[0] + "\n")
    assert line_words([short, numbers]) == [("weiterlesen", "mehr", "lesen"), ("min", "read")]
    assert long.words > MAX_WORDS and line_words([long]) == [()]  # a paragraph is not read
    assert line_words(lines_of("Über den Autor\n")) == [("über", "den", "autor")]


def test_rows_take_the_lowest_mean_and_highest_known_value_and_the_known_share():
    vocab = {"read": 0.1, "min": 0.3, "story": 0.9}
    rows = word_rows([("min", "read", "unknown", "more"), ("nothing", "known"), ()], vocab, 0.4)
    assert rows.shape == (3, len(WORD_VOCAB_NAMES))
    assert rows[0].tolist() == pytest.approx([0.1, 0.2, 0.3, 0.5])
    assert rows[1].tolist() == [0.4, 0.4, 0.4, 0.0]  # nothing known: the default, no share
    assert rows[2].tolist() == [0.4, 0.4, 0.4, 0.0]  # a long line
    assert word_rows([], vocab, 0.4).shape == (0, len(WORD_VOCAB_NAMES))


def test_words_are_learned_as_class_words_are_across_enough_sites():
    pages = [(f"site{k}.example", [((), ("weiterlesen",))], np.array([0]), np.array([1.0])) for k in range(5)]
    pages += [(f"one{k}.example", [((), ("harbour",))], np.array([1]), np.array([1.0])) for k in range(2)]
    vocab, rate = learn_vocab(pages, min_sites=5, prior_sites=3.0)
    assert "harbour" not in vocab  # two sites: one site's topic, not the web's
    assert vocab["weiterlesen"] == pytest.approx(3 * rate / 8, abs=1e-4)


def word_model(words: dict[str, float]) -> TreeModel:
    """A line model with a word vocabulary that scores a line 0.12 when the lowest value of its
    words is at most 0.2, and 0.88 otherwise."""
    features = HTML_LINE_FEATURE_NAMES + VOCAB_NAMES + WORD_VOCAB_NAMES
    return TreeModel({
        "format": "boilerstrip-trees/1", "features": list(features), "baseline": 0.0,
        "vocab": {}, "vocab_default": 0.5, "word_vocab": words, "word_vocab_default": 0.5,
        "trees": [{"feature": [features.index("words_min"), 0, 0], "threshold": [0.2, 0, 0],
                   "left": [1, 0, 0], "right": [2, 0, 0], "value": [0.0, -2.0, 2.0],
                   "leaf": [False, True, True], "depth": 1}]})


def test_main_block_reads_the_word_vocabulary_of_its_line_model():
    probs = [0.9] * 5
    result = Pipeline([_FixedScores(probs, html_line_model=word_model({"pictures": 0.05}))])(MARKUP, kind="html")
    assert CREDIT not in result.text
    assert all(p in result.text for p in BODY)  # paragraphs are not read: their rows are the default
    [segment] = result.stripped
    assert (segment.text, segment.reason) == (CREDIT, "inside_main_block")
    kept = Pipeline([_FixedScores(probs, html_line_model=word_model({"harbour": 0.9}))])(MARKUP, kind="html")
    assert CREDIT in kept.text


def test_a_model_with_a_word_vocabulary_must_have_its_columns():
    model = word_model({"pictures": 0.05})
    model.features = tuple(HTML_LINE_FEATURE_NAMES + VOCAB_NAMES)  # as if trained without them
    with pytest.raises(ModelError, match="words_min"):
        MainBlockFilter(html_line_model=model)
