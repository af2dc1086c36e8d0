"""The main-block model: its parts (features, tree runner, block search) and the filter's decisions."""

import json

import numpy as np
import pytest

import boilerstrip
from boilerstrip.block_context import BLOCK_CONTEXT_NAMES, block_context
from boilerstrip.class_vocab import VOCAB_NAMES
from boilerstrip.filters.main_block import HTML_LINE_FEATURE_NAMES, MainBlockFilter, best_block
from boilerstrip.linefeatures import FEATURE_NAMES, HTML_FEATURE_NAMES, line_features
from boilerstrip.model import MODEL_DIR, ModelError, TreeModel, load_model
from boilerstrip.page import Page
from boilerstrip.pipeline import RULE_FILTERS, Pipeline
from boilerstrip.stopwords import guess_stoplist, tokens
from helpers import ARTICLE, page, reasons


MENU = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Contact us"]
TEASERS = [
    "Fishermen protest new quota rules in the harbour",
    "Council to vote on ferry timetable next month",
    "Lighthouse restoration wins regional heritage prize",
    "Storm damages piers along the northern coast",
    "School choir to sing at the county festival",
    "New bakery opens on Quay Street this weekend",
]
BODY = ARTICLE[1:] + [
    "Librarians said the most borrowed book of the first week was a history of the harbour "
    "written by a retired teacher who had worked on it for more than twenty years.",
    "The council has promised to keep the library open six days a week for at least the next "
    "five years, and to review the opening hours after the first winter.",
]


def rules_page(text: str) -> Page:
    p = Page.from_text(text)
    Pipeline(RULE_FILTERS).run(p)
    return p


# ---------------------------------------------------------------- block search
def test_best_block_is_the_maximum_sum_run():
    assert best_block([-1.0, 2.0, -0.5, 3.0, -4.0, 1.0]) == (1, 3)


def test_best_block_keeps_a_dip_that_the_neighbours_outweigh():
    assert best_block([5.0, -1.0, 5.0]) == (0, 2)


def test_best_block_is_none_when_nothing_scores_above_zero():
    assert best_block([-1.0, -0.1, 0.0]) is None
    assert best_block([]) is None


# ---------------------------------------------------------------- tree runner
def stump(threshold: float = 0.5) -> dict:
    """One tree: feature 0 <= threshold gives -2, otherwise +2."""
    return {"format": "boilerstrip-trees/1", "features": ["a", "b"], "baseline": 0.0,
            "trees": [{"feature": [0, 0, 0], "threshold": [threshold, 0, 0], "left": [1, 0, 0],
                       "right": [2, 0, 0], "value": [0, -2.0, 2.0], "leaf": [False, True, True],
                       "depth": 1}]}


def test_tree_model_follows_its_splits():
    model = TreeModel(stump())
    probs = model.predict_proba(np.array([[0.2, 9.0], [0.5, 9.0], [0.7, -9.0]]))
    expected = 1 / (1 + np.exp([2.0, 2.0, -2.0]))
    assert np.allclose(probs, expected)
    assert model.predict_proba(np.zeros((0, 2))).shape == (0,)


def test_tree_model_gives_the_same_answer_in_chunks():
    model = load_model("main_block")
    rows = np.random.default_rng(1).normal(size=(10, len(FEATURE_NAMES)))
    whole = model.predict_proba(rows)
    model.CHUNK = 3
    try:
        assert np.array_equal(model.predict_proba(rows), whole)
    finally:
        del model.CHUNK


def test_tree_model_sums_trees_and_baseline():
    spec = stump()
    spec["trees"].append(spec["trees"][0])
    spec["baseline"] = 1.0
    assert np.isclose(TreeModel(spec).predict_proba(np.array([[1.0, 0.0]]))[0], 1 / (1 + np.exp(-5.0)))


def test_tree_model_rejects_other_formats_and_features():
    with pytest.raises(ModelError, match="not a boilerstrip-trees/1 model"):
        TreeModel({"format": "xgboost"})
    with pytest.raises(ModelError, match="retrain it"):
        TreeModel(stump(), "m.json").check_features(["a", "c"])


@pytest.mark.parametrize("name, features", [
    ("main_block", FEATURE_NAMES), ("main_block_html", HTML_FEATURE_NAMES),
    ("main_block_html_line", HTML_LINE_FEATURE_NAMES + VOCAB_NAMES)])
def test_shipped_models_match_the_features_and_are_valid_json(name, features):
    spec = json.loads((MODEL_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert spec["features"] == list(features)
    assert spec["info"]["retrain"].startswith("python bench/train_main_block.py")
    assert ("_line" in name) == ("out-of-fold block models" in spec["info"]["label"])
    load_model(name).check_features(features)
    # Only the HTML line model reads the class/id vocabulary, and only words of several sites.
    assert ("vocab" in spec) == (name == "main_block_html_line")
    if "vocab" in spec:
        assert len(spec["vocab"]) > 100 and all(0.0 <= v <= 1.0 for v in spec["vocab"].values())


def test_export_reproduces_scikit_learn():
    sklearn = pytest.importorskip("sklearn.ensemble")
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from train_main_block import export

    rng = np.random.default_rng(0)
    X = rng.normal(size=(3000, 4))
    X[:, 3] = rng.integers(0, 5, size=3000)  # thresholds that fall on data values
    y = ((X[:, 0] + X[:, 1] * X[:, 2] + X[:, 3] / 3) > 0.5).astype(int)
    model = sklearn.HistGradientBoostingClassifier(max_iter=20, max_depth=4).fit(X, y)
    ours = TreeModel(export(model, {})).predict_proba(X)
    assert np.abs(ours - model.predict_proba(X)[:, 1]).max() < 1e-9


def test_snippet_labels_mark_the_block_and_what_lies_outside_it():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from train_main_block import snippet_labels

    text = page("Home", "News", ARTICLE[0], *ARTICLE[1:], "Photo: Jane Roe", BODY[-1],
                "Share this article", "Ferry fares to rise", "Privacy policy")
    lines = [line for line in Page.from_text(text).lines if not line.is_blank]
    gold = {"with": [ARTICLE[1][:40], "   More than two thousand\npeople visited", BODY[-1][-30:], "not on the page"],
            "without": ["Photo: Jane Roe", "Share this", "Privacy"]}
    labels, known = snippet_labels(lines, gold)
    # lines: 0 Home, 1 News, 2 title, 3-5 article, 6 caption, 7 last paragraph, 8 share, 9 teaser, 10 privacy
    assert labels.tolist() == [0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0]
    # Nothing says where the block starts above the first snippet; the caption inside it is
    # boilerplate within the block; from the first "without" below it everything is outside.
    assert known.tolist() == [False, False, False, True, True, True, False, True, True, True, True]
    assert not snippet_labels(lines, {"without": ["Home"]})[1].any()


# ---------------------------------------------------------------- features
def test_features_have_one_row_per_non_blank_line_and_named_columns():
    p = rules_page(page(*MENU, *ARTICLE))
    lines, rows = line_features(p)
    assert [l.text for l in lines] == MENU + ARTICLE
    assert rows.shape == (len(lines), len(FEATURE_NAMES))
    assert np.isfinite(rows).all()


def test_features_of_an_empty_page():
    lines, rows = line_features(rules_page(""))
    assert lines == [] and rows.shape == (0, len(FEATURE_NAMES))


def test_stopword_density_separates_sentences_from_menus():
    p = rules_page(page("Guitars Basses Drums Keyboards Microphones Headphones", *ARTICLE))
    lines, rows = line_features(p)
    density = rows[:, FEATURE_NAMES.index("stopword_density")]
    assert density[0] == 0.0
    assert density[2] > 0.25


def test_language_guess_picks_the_pages_stoplist():
    import justext

    german = tokens("Die Stadt hat am Montag die neue Bibliothek eröffnet, und viele Menschen kamen.")
    assert guess_stoplist([german]) == frozenset(w.lower() for w in justext.get_stoplist("German"))
    assert guess_stoplist([tokens("12345 67890")]) == frozenset()


# ---------------------------------------------------------------- the filter
def test_alone_it_strips_the_menu_above_the_article():
    text = page(*MENU, ARTICLE[0], *BODY, "Privacy policy", "Terms of use")
    result = Pipeline(["main_block"])(text, kind="text")
    assert "\n\n".join([ARTICLE[0], *BODY]) in result.text
    gone = "\n".join(s.text for s in result.stripped if s.reason == "before_main_block")
    assert all(item in gone for item in MENU[:6])
    assert all(s.detail.startswith("score 0.") and "main block: lines" in s.detail
               for s in result.stripped)


def test_with_the_rules_teasers_below_the_article_go():
    text = page(*MENU, ARTICLE[0], *BODY, "More news", *TEASERS, "Privacy policy", "Terms of use")
    result = boilerstrip.strip(text, kind="text")
    assert result.text == "\n\n".join([ARTICLE[0], *BODY])


def test_a_page_that_opens_with_its_article_keeps_the_first_paragraph():
    text = page(*BODY, "Leave a Reply")
    assert boilerstrip.strip(text, kind="text").text == "\n\n".join(BODY)


def test_title_byline_and_date_above_the_text_stay():
    text = page(*MENU, ARTICLE[0], "By Jane Roe", "March 3, 2024", *BODY, *TEASERS)
    result = boilerstrip.strip(text, kind="text")
    assert result.text.startswith(f"{ARTICLE[0]}\n\nBy Jane Roe\n\nMarch 3, 2024\n\n{BODY[0]}")


def test_nothing_is_stripped_on_a_page_without_running_text():
    text = page(*MENU, *TEASERS)
    result = Pipeline(["main_block"])(text, kind="text")
    assert result.stripped == []


def test_threshold_option_is_checked_and_named():
    with pytest.raises(ValueError, match="main_block"):
        MainBlockFilter(threshold=1.5)
    assert MainBlockFilter.from_options(threshold=0.3).threshold == 0.3


def test_main_block_only_strips_lines_the_rules_kept():
    text = page(*MENU, ARTICLE[0], *BODY, "Leave a Reply", *TEASERS)
    result = boilerstrip.strip(text, kind="text")
    assert ("comments", "comment_form") in reasons(result) or any(
        s.filter == "comments" for s in result.stripped)
    assert not any(s.filter == "main_block" and "Leave a Reply" in s.text for s in result.stripped)


class _FixedScores(MainBlockFilter):
    """The filter with the model's scores given, to test the block search on its own."""

    def __init__(self, probs, **options):
        super().__init__(**options)
        self.fixed = np.array(probs)

    def scores(self, page):
        return [line for line in page.lines if not line.is_blank], self.fixed


def test_lines_touching_the_block_stay_above_the_lower_edge_threshold():
    lines = [*MENU[:2], *BODY[:3], "Source: Office of the City Auditor, Parking Revenue Audit, 2024",
             "Contact us", "Almost made it but not touching the block any more"]
    probs = [0.1, 0.1, 0.9, 0.9, 0.9, 0.35, 0.1, 0.35]
    text = page(*lines)
    kept = Pipeline([_FixedScores(probs)])(text, kind="text").text
    assert kept.endswith("\n\n".join(BODY[:3] + [lines[5]]))
    strict = Pipeline([_FixedScores(probs, edge_threshold=0.4)])(text, kind="text").text
    assert strict.endswith("\n\n".join(BODY[:3]))
    with pytest.raises(ValueError, match="edge_threshold"):
        MainBlockFilter(edge_threshold=0.5)


def test_html_details_say_what_the_markup_says():
    markup = ("<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
              f"<article><h1>{ARTICLE[0]}</h1>" + "".join(f"<p>{p}</p>" for p in BODY[:3]) + "</article>"
              "<footer class='site-footer'><p>Contact us</p></footer></body></html>")
    probs = [0.1, 0.1, 0.9, 0.9, 0.9, 0.9, 0.1]
    # The block alone decides (no line model): the details are what is under test here.
    result = Pipeline([_FixedScores(probs, html_line_model=None)])(markup, kind="html")
    details = {line: segment.detail for segment in result.stripped for line in segment.text.split("\n\n")}
    assert details["Contact us"].endswith("markup: footer, class_footer")
    assert details["Home"].endswith("markup: nav, list_item")
    assert details["News"].endswith("markup: nav, list_item")
    assert result.text == "\n\n".join([ARTICLE[0], *BODY[:3]])


# ---------------------------------------------------------------- the line model inside the block
LINE_FEATURES = FEATURE_NAMES + BLOCK_CONTEXT_NAMES


def words_stump(features, at_most: int) -> TreeModel:
    """A line model that scores lines of at most *at_most* words as not content (p 0.12), others 0.88."""
    spec = stump(float(np.log1p(at_most)) + 1e-9)
    spec["features"] = list(features)
    spec["trees"][0]["feature"] = [features.index("log_words"), 0, 0]
    return TreeModel(spec)


def test_line_model_strips_lines_inside_the_block_that_are_not_content():
    lines = [ARTICLE[0], *BODY[:2], "Photo: Harbour Press Agency", *BODY[2:]]
    text = page(*lines)
    # The text model puts the photo credit inside the block: without a line model it stays.
    plain = Pipeline([MainBlockFilter(line_model=None)])(text, kind="text")
    assert "Photo: Harbour Press Agency" in plain.text
    assert all(seg.reason != "inside_main_block" for seg in plain.stripped)
    with_lines = Pipeline([MainBlockFilter(line_model=words_stump(LINE_FEATURES, 4))])(text, kind="text")
    inside = [seg for seg in with_lines.stripped if seg.reason == "inside_main_block"]
    assert [seg.text for seg in inside] == ["Photo: Harbour Press Agency"]
    assert inside[0].detail.startswith("line score 0.12; main block: lines ")
    assert all(b in with_lines.text for b in BODY)
    # Nothing is stripped inside the block below a line threshold no line scores under.
    lenient = MainBlockFilter(line_model=words_stump(LINE_FEATURES, 4), line_threshold=0.1)
    assert "Photo: Harbour Press Agency" in Pipeline([lenient])(text, kind="text").text


def test_line_threshold_is_checked():
    with pytest.raises(ValueError, match="line_threshold"):
        MainBlockFilter(line_threshold=1.0)


def test_line_model_keeps_content_the_block_left_out_and_says_why_it_strips_the_rest():
    # A second text part far below the block (a listing's items stand apart): the block model
    # leaves it out, the line model scores it as content, and it stays. The short menu line
    # outside the block is stripped, with both scores in the detail.
    far = "The museum will also open a second reading room in the old customs house, with maps of the coast."
    lines = [*MENU[:2], ARTICLE[0], *BODY[:3], "Contact us", far]
    probs = [0.1, 0.1, 0.2, 0.9, 0.9, 0.9, 0.1, 0.2]
    result = Pipeline([_FixedScores(probs, line_model=words_stump(LINE_FEATURES, 4))])(page(*lines), kind="text")
    assert far in result.text
    assert result.text.startswith(ARTICLE[0] + "\n\n" + BODY[0])
    details = {seg.text: (seg.reason, seg.detail) for seg in result.stripped}
    assert details["Contact us"][0] == "after_main_block"
    assert details["Contact us"][1].startswith("score 0.10; line score 0.12; main block: lines ")
    # With an outside threshold no line reaches, the block alone decides again.
    strict = _FixedScores(probs, line_model=words_stump(LINE_FEATURES, 4), outside_threshold=0.95)
    assert far not in Pipeline([strict])(page(*lines), kind="text").text
    with pytest.raises(ValueError, match="outside_threshold"):
        MainBlockFilter(outside_threshold=0.0)


def test_a_line_model_that_would_empty_the_page_is_overruled_by_the_block():
    lines = [*MENU[:2], ARTICLE[0], *BODY[:3]]
    probs = [0.1, 0.1, 0.2, 0.9, 0.9, 0.9]
    # a stump at 200 words scores every line as not content
    result = Pipeline([_FixedScores(probs, line_model=words_stump(LINE_FEATURES, 200))])(page(*lines), kind="text")
    assert result.text == "\n\n".join([ARTICLE[0], *BODY[:3]])
    assert {seg.reason for seg in result.stripped} == {"before_main_block"}


def test_block_context_columns():
    scores = np.array([0.1, 0.2, 0.9, 0.8, 0.1])
    words = np.array([1.0, 2.0, 30.0, 20.0, 3.0])
    stripped = np.array([True, False, False, False, False])
    rows = block_context(scores, words, stripped, (2, 3))
    assert rows.shape == (5, len(BLOCK_CONTEXT_NAMES))
    col = {name: rows[:, i] for i, name in enumerate(BLOCK_CONTEXT_NAMES)}
    assert col["in_block"].tolist() == [0, 0, 1, 1, 0]
    assert col["log_lines_before_block"].tolist() == pytest.approx(np.log1p([2, 1, 0, 0, 0]).tolist())
    assert col["log_lines_after_block"].tolist() == pytest.approx(np.log1p([0, 0, 0, 0, 1]).tolist())
    assert col["block_word_share"][0] == pytest.approx(50 / 55)  # the stripped line's word is not counted
    assert col["block_score_mean_1"][0] == pytest.approx(0.15)
    assert col["block_score_next"].tolist() == [0.2, 0.9, 0.8, 0.1, 0.0]
    assert col["block_score_prev"].tolist() == [0.0, 0.1, 0.2, 0.9, 0.8]
    assert col["page_max_block_score"][0] == 0.9
    none = block_context(scores, words, stripped, None)
    assert none[:, BLOCK_CONTEXT_NAMES.index("block_found")].tolist() == [0] * 5
    assert block_context(np.zeros(0), np.zeros(0), np.zeros(0, bool), None).shape == (0, len(BLOCK_CONTEXT_NAMES))


def test_the_line_model_leaves_the_title_block_to_the_article():
    # Title, byline and date open the block (extended up to the title); a line model that
    # scores every short line as not content still leaves them, and strips a short line
    # between the paragraphs.
    lines = [*MENU[:2], ARTICLE[0], "By Jane Smith", "12 March 2024", *BODY[:2], "Photo: Harbour Press Agency", BODY[2]]
    probs = [0.1, 0.1, 0.2, 0.2, 0.2, 0.9, 0.9, 0.9, 0.9]
    result = Pipeline([_FixedScores(probs, line_model=words_stump(LINE_FEATURES, 4))])(page(*lines), kind="text")
    assert result.text == "\n\n".join([ARTICLE[0], "By Jane Smith", "12 March 2024", *BODY[:3]])
    assert [s.reason for s in result.stripped if s.text.startswith("Photo")] == ["inside_main_block"]


def test_the_line_model_judges_other_lines_between_title_and_text():
    # Only the title, bylines and datelines are spared: a reading time between the date and
    # the first paragraph is the line model's to judge, like any short line in the block.
    lines = [*MENU[:2], ARTICLE[0], "By Jane Smith", "12 March 2024", "4 min read", *BODY[:2], BODY[2]]
    probs = [0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.9, 0.9, 0.9]
    result = Pipeline([_FixedScores(probs, line_model=words_stump(LINE_FEATURES, 4))])(page(*lines), kind="text")
    assert result.text == "\n\n".join([ARTICLE[0], "By Jane Smith", "12 March 2024", *BODY[:3]])
    assert [s.reason for s in result.stripped if s.text == "4 min read"] == ["inside_main_block"]


# ---------------------------------------------------------------- lines the rules stripped
class _StripLines(boilerstrip.Filter):
    """A stand-in for the navigation rule: strips the lines it is given, as a shape rule can
    take a short paragraph for a menu."""

    name = "navigation"
    description = "test"

    def __init__(self, texts, name: str = "navigation"):
        self.texts = set(texts)
        self.name = name

    def find(self, page):
        for line in page.kept_lines():
            if line.text in self.texts:
                yield self.strip(page, line, "test_shape")


def test_the_line_model_puts_back_content_a_rule_stripped_inside_the_block():
    short = "Photo: Harbour Press Agency"
    lines = [*MENU[:2], ARTICLE[0], BODY[0], BODY[1], short, BODY[2], BODY[3], "Contact us"]
    probs = [0.1, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1]
    rule = _StripLines([BODY[1], short, "Contact us"])
    model = words_stump(LINE_FEATURES, 4)
    result = Pipeline([rule, _FixedScores(probs, line_model=model)])(page(*lines), kind="text")
    # The paragraph goes back (the line model scores it 0.88), the short credit does not (0.12),
    # and nothing outside the block is put back.
    assert result.text == "\n\n".join([ARTICLE[0], BODY[0], BODY[1], BODY[2], BODY[3]])
    assert [(o.text, o.filter, o.reason, o.kept_by, o.keep_reason) for o in result.overruled] == [
        (BODY[1], "navigation", "test_shape", "main_block", "content_inside_main_block")]
    assert result.overruled[0].detail == "line score 0.88; main block: lines 5-15"
    assert {s.text: s.filter for s in result.stripped}[short] == "navigation"
    assert result.lossless_problems() == []
    # Switched off, the rule's decision stands.
    off = _FixedScores(probs, line_model=model, keep_threshold=None)
    assert BODY[1] not in Pipeline([rule, off])(page(*lines), kind="text").text
    # Without a line model nothing is put back either.
    assert Pipeline([rule, _FixedScores(probs)])(page(*lines), kind="text").overruled == []
    # Nor what a filter the models were not trained on stripped (a plugin, a user's site rule).
    plugin = _StripLines([BODY[1]], name="test_plugin")
    assert Pipeline([plugin, _FixedScores(probs, line_model=model)])(page(*lines), kind="text").overruled == []
    with pytest.raises(ValueError, match="keep_threshold"):
        MainBlockFilter(keep_threshold=0.0)


def test_copies_the_repeated_filter_took_are_not_put_back():
    lines = [ARTICLE[0], BODY[0], BODY[1], BODY[2], BODY[1], BODY[3]]
    probs = [0.9] * 6
    result = Pipeline(["repeated", _FixedScores(probs, line_model=words_stump(LINE_FEATURES, 4))])(
        page(*lines), kind="text")
    assert result.text.count(BODY[1]) == 1
    assert [s.filter for s in result.stripped] == ["repeated"]
    assert result.overruled == []


def test_lines_the_markup_also_calls_boilerplate_are_not_put_back():
    # A rule strips a nav menu and a list inside the article; a line model that scores every
    # line of two words or more as content puts the list back, never the <nav>.
    markup = ("<html><body><article>"
              f"<h1>{ARTICLE[0]}</h1><p>{BODY[0]}</p>"
              "<nav><p>Home | Markets | Events</p></nav>"
              f"<p>{BODY[1]}</p><ul><li>Hill Farm vegetables</li><li>Dairy Lane cheeses</li></ul>"
              f"<p>{BODY[2]}</p></article></body></html>")
    rule = _StripLines(["Home | Markets | Events", "Hill Farm vegetables", "Dairy Lane cheeses"])
    line_model = words_stump(HTML_LINE_FEATURE_NAMES, 1)
    probs = [0.9] * 7
    result = Pipeline([rule, _FixedScores(probs, html_line_model=line_model)])(markup, kind="html")
    assert [o.text for o in result.overruled] == ["Hill Farm vegetables\n\nDairy Lane cheeses"]
    assert "Home | Markets | Events" not in result.text
    assert result.overruled[0].detail.endswith("markup: article, list_item")
    assert result.lossless_problems() == []


def test_a_figcaption_the_captions_filter_took_is_not_put_back():
    # The markup itself calls the line a caption; a line model that scores every line of two
    # words or more as content does not overrule the rule and the markup together.
    markup = (f"<html><body><article><h1>{ARTICLE[0]}</h1><p>{BODY[0]}</p>"
              "<figure><img src='a.jpg'><figcaption>Photo: Museum of Flight and Weather</figcaption></figure>"
              f"<p>{BODY[1]}</p><p>{BODY[2]}</p></article></body></html>")
    line_model = words_stump(HTML_LINE_FEATURE_NAMES, 1)
    result = Pipeline(["captions", _FixedScores([0.9] * 5, html_line_model=line_model)])(markup, kind="html")
    assert "Photo: Museum of Flight and Weather" not in result.text
    assert result.overruled == []
    assert [(s.filter, s.reason) for s in result.stripped] == [("captions", "figure_caption")]


def test_a_link_the_related_filter_took_is_not_put_back():
    # "Read more: <headline>" linked to another page: the pointer rule and the link agree.
    # The same words written as text (no link) are the line model's to put back.
    pointer = "Read more: Harbour towns vote on the new ferry timetable"
    def markup(linked: bool) -> str:
        inner = f"Read more: <a href='/ferry'>Harbour towns vote on the new ferry timetable</a>" if linked else pointer
        return (f"<html><body><article><h1>{ARTICLE[0]}</h1><p>{BODY[0]}</p><p>{inner}</p>"
                f"<p>{BODY[1]}</p><p>{BODY[2]}</p></article></body></html>")
    line_model = words_stump(HTML_LINE_FEATURE_NAMES, 1)
    def run(linked: bool):
        return Pipeline(["related", _FixedScores([0.9] * 5, html_line_model=line_model)])(markup(linked), kind="html")
    linked = run(True)
    assert pointer not in linked.text
    assert linked.overruled == []
    assert [(s.filter, s.reason) for s in linked.stripped] == [("related", "related_link")]
    # As text the pointer rule does not fire on HTML at all, so there is nothing to put back.
    assert pointer in run(False).text


def test_a_block_heading_is_not_put_back_without_its_block():
    # "Related articles" and its teasers went with the related rule; a line model that scores the
    # heading (an <h4>, no link) as content and the linked teasers as not content must not
    # leave the heading over nothing. A heading whose next line is put back too goes back.
    teasers = ["Can I move my witch hazel in spring", "Is the witch hazel poisonous to cats"]
    markup = (f"<html><body><article><h1>{ARTICLE[0]}</h1><p>{BODY[0]}</p><p>{BODY[1]}</p>"
              "<h4>Related articles</h4><ul>" + "".join(f"<li><a href='/t{i}'>{t}</a></li>" for i, t in enumerate(teasers))
              + f"</ul><p>{BODY[2]}</p><p>{BODY[3]}</p></article></body></html>")
    probs = [0.9] * 8
    # Scores content every line of two words or more: "Related articles" yes; the teasers are links,
    # which the related rule keeps anyway (see the test above).
    line_model = words_stump(HTML_LINE_FEATURE_NAMES, 1)
    result = Pipeline(["related", _FixedScores(probs, html_line_model=line_model)])(markup, kind="html")
    assert "Related articles" not in result.text
    assert result.overruled == []
    assert [(s.filter, s.reason) for s in result.stripped] == [("related", "related_block")]
    assert result.text.endswith(BODY[3])
    # Without the teasers' links the line model puts the whole block back, heading included.
    plain = markup.replace("<a href='/t0'>", "").replace("<a href='/t1'>", "").replace("</a>", "")
    back = Pipeline(["related", _FixedScores(probs, html_line_model=line_model)])(plain, kind="html")
    assert "Related articles" in back.text and teasers[0] in back.text
    assert result.lossless_problems() == [] and back.lossless_problems() == []
