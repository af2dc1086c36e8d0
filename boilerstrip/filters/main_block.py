"""The main block: the one stretch of the page that holds its content, found by a trained model.

A page's main content is one contiguous stretch: the title, then the text, lists and
subheadings of the article (or the description of a product, the posts of a thread). What lies
above it (header, menus, a mega-menu of shop categories) and below it (teasers, reviews of other
things, widgets, footers) is boilerplate even where no cue phrase gives it away.

The rule filters run first and leave their decisions on the page. A gradient-boosted tree model
(``boilerstrip/models/main_block.json``, trained by ``bench/train_main_block.py`` on the WCXB
dev and trafeval pages, see docs/benchmarks.md) then scores every non-blank line with the
probability that it lies inside the main block, from the line's shape and its surroundings
(:mod:`boilerstrip.linefeatures`). The block is the stretch of lines with the highest total of
``(score - threshold) * (words + weight)``: the maximum-sum segment, found in one linear pass,
then grown over touching lines that score above a lower edge threshold (hysteresis), and
extended over paragraphs right above it and up to the article's title block. A short line
scored just under the threshold inside the article stays, because the paragraphs around it
outweigh it; a long teaser far below the article goes, because the low-scored lines between
them would cost more than it brings.

Kept lines above the block go with ``before_main_block``, kept lines below it with
``after_main_block``; the detail gives the line's score and the block's extent, and for HTML
what the markup says about the line (``markup: footer, class_footer``).

The block model answers whether a line lies *within* the content's stretch, so a caption, an
inline advertisement or an author box between two paragraphs is in, and a listing's second
group of items, set apart by a banner, is out. A second stage, the line model
(``main_block_html_line.json``), decides each kept line from its own features and from where it
stands relative to the block: its block score and its neighbours', inside or how far outside,
how much of the page the block holds (:mod:`boilerstrip.block_context`). It was trained on every
line, each labelled by whether its own words are in the gold text, with block scores from
block models that had not seen the page. Kept lines inside the block that it scores under
``line_threshold`` go with ``inside_main_block``; lines outside the block stay when it scores
them at least ``outside_threshold``. Should it keep no line at all, the block alone decides.
On HTML the line model also reads the class and id words of the line's own element and its
nearest ancestors, through a vocabulary learned across sites and shipped inside the model
(:mod:`boilerstrip.class_vocab`): a ``credit`` or ``author-bio`` box seldom holds content.
It also reads what kind of page the metadata declares (``og:type``, the JSON-LD types, the
address's slug: :mod:`boilerstrip.page_kind`): under an article a run of teasers is
boilerplate, on a section page it is the content.
The line model reads the markup's columns: a first one trained on the raw text alone changed
nothing (cross-validated WCXB 0.818 -> 0.819, trafeval 0.856 -> 0.857), so text pages have none
by default (``line_model``). The filter
strips nothing when the page has no paragraph of running text (a bare list, a two-line
snippet), when no stretch scores above zero, or when the best one holds only lines the rules
already stripped: it only ever narrows a page to a block it can read.

The line model also judges the lines a rule stripped inside the block, and it was trained on
them too. The rules read a line's text and shape alone: a run of short lines is a menu to
``navigation``, though in a recipe it is the ingredients; the line model also reads the
markup and the block around the line. A line it scores at least ``keep_threshold`` (0.5: more
likely content than not) is put back, and the result records the rule's decision it overruled
(``Result.overruled``, reason ``content_inside_main_block``). Copies that ``repeated`` took
stay stripped (the first copy is the article's), and so do lines whose markup calls them
boilerplate as well (``<nav>``, ``<footer>``, a form, ``class="newsletter"``, a
``<figcaption>``...), and lines
a user's site rule or another package's filter took (the models never learned those). What it
gained, cross-validated, is in docs/benchmarks.md (seventh session); ``keep_threshold=None``
turns it off.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

from ..block_context import BLOCK_CONTEXT_NAMES, page_block_context
from ..class_vocab import VOCAB_NAMES, vocab_columns
from ..filter import Filter, Span
from ..linefeatures import BOILERPLATE_MARKUP, FEATURE_NAMES, HTML_FEATURE_NAMES, line_features
from ..model import TreeModel, load_model
from ..page import Page
from ..page_kind import KIND_NAMES, kind_columns
from ..pipeline import RULE_FILTERS
from ..registry import register_filter
from ..shape import first_prose, is_prose, title_block


#: The filters whose lines the line model may put back: the rule filters it was trained on
#: (:data:`boilerstrip.pipeline.RULE_FILTERS`), except ``repeated`` (see ``_overrulable``).
_OVERRULABLE = frozenset(RULE_FILTERS) - {"repeated"}
#: The part of a line's characters inside links from which a line ``related`` took stays
#: stripped: its words are another page's headline (see ``_overrulable``).
_LINK_SHARE = 0.5


#: The columns of the HTML line model (before the vocabulary's, when it has one): the line's
#: own, where it stands relative to the block, and the kind of page the metadata declares.
HTML_LINE_FEATURE_NAMES = HTML_FEATURE_NAMES + BLOCK_CONTEXT_NAMES + KIND_NAMES


def best_block(scores: Iterable[float]) -> tuple[int, int] | None:
    """First and last index of the contiguous run with the highest positive sum (Kadane)."""
    best = 0.0
    current = 0.0
    start = 0
    found = None
    for j, value in enumerate(scores):
        if current <= 0:
            current = value
            start = j
        else:
            current += value
        if current > best:
            best = current
            found = (start, j)
    return found


@register_filter
class MainBlockFilter(Filter):
    name = "main_block"
    description = ("Lines outside the page's main block and, on HTML, lines inside it that are not content, "
                   "as trained models score them; on HTML, a line outside the block that the line model "
                   "scores as content stays, and a line a rule stripped inside the block is put back.")
    reasons = ("before_main_block", "after_main_block", "inside_main_block")
    keep_reasons = ("content_inside_main_block",)

    def __init__(self, threshold: float = 0.4, weight: float = 5.0,
                 model: str | TreeModel = "main_block", edge_threshold: float = 0.3,
                 html_model: str | TreeModel | None = "main_block_html",
                 line_model: str | TreeModel | None = None,
                 html_line_model: str | TreeModel | None = "main_block_html_line",
                 line_threshold: float = 0.4, outside_threshold: float = 0.4,
                 keep_threshold: float | None = 0.5) -> None:
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"filter 'main_block': threshold must be between 0 and 1, got {threshold!r}")
        if not 0.0 < edge_threshold <= threshold:
            raise ValueError("filter 'main_block': edge_threshold must be between 0 and threshold, "
                             f"got {edge_threshold!r}")
        if not 0.0 <= line_threshold < 1.0:
            raise ValueError("filter 'main_block': line_threshold must be at least 0 and below 1, "
                             f"got {line_threshold!r}")
        self.threshold = threshold
        self.edge_threshold = edge_threshold
        self.weight = weight
        self.line_threshold = line_threshold
        if not 0.0 < outside_threshold <= 1.0:
            raise ValueError("filter 'main_block': outside_threshold must be above 0 and at most 1, "
                             f"got {outside_threshold!r}")
        self.outside_threshold = outside_threshold
        if keep_threshold is not None and not 0.0 < keep_threshold <= 1.0:
            raise ValueError("filter 'main_block': keep_threshold must be above 0 and at most 1, "
                             f"or null to keep no line the rules stripped, got {keep_threshold!r}")
        self.keep_threshold = keep_threshold
        self.model = _model(model, FEATURE_NAMES)
        self.html_model = _model(html_model, HTML_FEATURE_NAMES)
        self.line_model = _model(line_model, FEATURE_NAMES + BLOCK_CONTEXT_NAMES)
        self.html_line_model = _model(html_line_model, HTML_LINE_FEATURE_NAMES)

    def _rows(self, page: Page):
        """The page's non-blank lines, their feature rows, and the block and line models to read them.

        A page made from HTML is scored by the models trained with the markup's features too
        (``html_model``, ``html_line_model``); text, or HTML when that model is switched off,
        by the text models. The rows are remembered on the page for the line model.
        """
        if page.hints is not None and self.html_model is not None:
            lines, rows = page.memo("line_features_dom", lambda p: line_features(p, dom=True))
            return lines, rows, self.html_model, self.html_line_model
        lines, rows = page.memo("line_features", line_features)
        return lines, rows, self.model, self.line_model

    def scores(self, page: Page):
        """The page's non-blank lines and each one's probability of lying in the main block."""
        lines, rows, model, _ = self._rows(page)
        return lines, model.predict_proba(rows)

    def _grow(self, page: Page, lines: list, probs, first: int, last: int) -> tuple[int, int]:
        """Take in kept lines at the block's edges that score above the lower edge threshold.

        Hysteresis, as in edge detection: a line must score above ``threshold`` to start or
        carry a block, but a line touching the block (no other line between) only needs
        ``edge_threshold`` to stay with it. A closing "Source: ..." line or a last short
        paragraph scores a little lower than the text above it; it is no more likely to be
        boilerplate for that.
        """
        low = self.edge_threshold
        while last + 1 < len(lines) and not page.stripped[lines[last + 1].index] and probs[last + 1] >= low:
            last += 1
        while first > 0 and not page.stripped[lines[first - 1].index] and probs[first - 1] >= low:
            first -= 1
        return first, last

    @staticmethod
    def _with_title(page: Page, lines: list, first: int, last: int) -> tuple[int, int]:
        """Extend the block up over paragraphs right above it, then to the article's title.

        The model scores a title, a byline and a dateline low (short lines without function
        words look like menus), but they belong to the article below them.
        """
        # Running text does not stop and restart: kept paragraphs directly above the block
        # (a page that opens with its article, no header) belong to it.
        while first > 0 and is_prose(lines[first - 1]) and not page.stripped[lines[first - 1].index]:
            first -= 1
        head = title_block(page)
        start = first_prose(page)
        if head.title is None or start is None or head.title >= lines[first].index:
            return first, last
        if not lines[first].index <= start <= lines[last].index:
            return first, last
        for j in range(first - 1, -1, -1):
            if lines[j].index == head.title:
                return j, last
        return first, last

    def locate(self, page: Page, lines: list, probs: np.ndarray) -> tuple[int, int] | None:
        """First and last position (in *lines*) of the main block, or None when there is none."""
        gains = (probs - self.threshold) * (np.array([line.words for line in lines]) + self.weight)
        block = best_block(gains.tolist())
        if block is None:
            return None
        first, last = self._grow(page, lines, probs, *block)
        first, last = self._with_title(page, lines, first, last)
        if all(page.stripped[line.index] for line in lines[first:last + 1]):
            return None  # a block of what the rules already stripped: nothing to narrow the page to
        return first, last

    def find(self, page: Page) -> Iterable[Span]:
        if first_prose(page) is None:
            return  # no paragraph of running text: no article for the block to be found around
        lines, probs = self.scores(page)
        if not lines:
            return
        block = self.locate(page, lines, probs)
        if block is None:
            return
        first, last = block
        extent = f"main block: lines {lines[first].index + 1}-{lines[last].index + 1}"
        _, rows, _, line_model = self._rows(page)
        overrulable = self._overrulable(page, lines, first, last) if line_model is not None else []
        own = self.line_scores(page, lines, rows, probs, block, line_model, also=overrulable)
        if own is not None and not self._keeps_any(page, lines, own, first, last):
            own = None  # the line model would empty the page: the block alone is the safer reading
        heading = self._title_lines(page, lines, first)
        # As Python floats: a numpy scalar costs more to index, compare and format, and a
        # float64 is a float, so the values, comparisons and details are the same.
        probs = probs.tolist()
        own = None if own is None else own.tolist()
        stripped = page.stripped
        if own is not None:
            restored = [j for j in overrulable if own[j] >= self.keep_threshold]
            for j in _without_orphan_headings(page, lines, restored):
                line = lines[j]
                yield self.keep(page, line, "content_inside_main_block",
                                self._detail(page, line, f"line score {own[j]:.2f}; {extent}"))
        for j, line in enumerate(lines):
            if stripped[line.index]:
                continue
            inside = first <= j <= last
            if inside and line.index in heading:
                continue
            if own is None:
                if inside:
                    continue
                detail = f"score {probs[j]:.2f}; {extent}"
            elif inside:
                if own[j] >= self.line_threshold:
                    continue
                detail = f"line score {own[j]:.2f}; {extent}"
            else:
                if own[j] >= self.outside_threshold:
                    continue  # content the block left out: a listing's item, a second text part
                detail = f"score {probs[j]:.2f}; line score {own[j]:.2f}; {extent}"
            reason = "inside_main_block" if inside else "before_main_block" if j < first else "after_main_block"
            yield self.strip(page, line, reason, self._detail(page, line, detail))

    @staticmethod
    def _title_lines(page: Page, lines: list, first: int) -> set[int]:
        """Line indices of the article's title, bylines and datelines when the block opens with them.

        They belong to the article, as the founding pages keep them (see :meth:`_with_title`);
        the line model, trained on gold texts that often leave a byline out, must not take them
        off. Only the lines the title block recognises are spared, not everything between the
        title and the first paragraph: a reading time, a comment count or a "View comments"
        link there is the line model's to judge (docs/benchmarks.md, eleventh session).
        """
        head = title_block(page)
        start = first_prose(page)
        if head.title is None or start is None or lines[first].index != head.title:
            return set()
        return head.lines

    def _overrulable(self, page: Page, lines: list, first: int, last: int) -> list[int]:
        """Positions of the lines inside the block that a rule stripped and the line model may
        put back (none when ``keep_threshold`` is None).

        Only the built-in rule filters are overruled: their decisions are the columns the
        models learned from. A user's site rule, or another package's filter, said what it
        meant, and the line model knows nothing of it.

        The rules judge a line by its text and shape alone; the line model also reads the
        markup and the block around it, and was trained on the lines the rules stripped too.
        A copy that ``repeated`` took is left alone: its words are the article's when the first
        copy's are, so the line model would score it as content, and the article has it once.
        So is a line whose markup calls it boilerplate too (inside ``<nav>``, ``<footer>``,
        ``<aside>`` or a form, or in an element classed as a menu, comments, a newsletter
        box...), and a ``<figcaption>``, which the markup itself marks as a caption: there the
        rule and the markup agree, and one model score does not overrule both. So is a line
        ``related`` took that is mostly a link: a teaser or a "Read more: <headline>" pointer
        whose words link to another page, where they are that page's text.
        """
        if self.keep_threshold is None:
            return []
        stripped, by, hints = page.stripped, page.stripped_by, page.hints
        found = []
        for j in range(first, last + 1):
            i = lines[j].index
            if not stripped[i] or by[i] not in _OVERRULABLE:
                continue
            hint = hints[i] if hints is not None else None
            if hint is not None and (hint.flags & BOILERPLATE_MARKUP or hint.tag == "figcaption"):
                continue  # the markup agrees with the rule: a menu in <nav>, a <figcaption>, class="newsletter"
            if by[i] == "related" and hint is not None and hint.link_share >= _LINK_SHARE:
                continue  # a link that ``related`` took for a teaser or a pointer: its text is another page's
            found.append(j)
        return found

    @staticmethod
    def line_scores(page: Page, lines: list, rows: np.ndarray, probs: np.ndarray,
                    block: tuple[int, int], line_model: TreeModel | None,
                    also: list[int] = ()) -> np.ndarray | None:
        """The line model's probability that each kept line (and each line at a position in
        *also*) is content itself; None without a model, 0 for the lines not asked about.

        It reads the line's own features, where the line stands relative to the block
        (:mod:`boilerstrip.block_context`) and, on HTML, what kind of page the metadata
        declares (:mod:`boilerstrip.page_kind`) and the class/id vocabulary.
        """
        if line_model is None:
            return None
        wanted = [not page.stripped[line.index] for line in lines]
        for j in also:
            wanted[j] = True
        kept = np.flatnonzero(wanted)
        own = np.zeros(len(lines))  # lines not asked about are not scored
        if len(kept):
            context = page_block_context(page, lines, probs, block)
            parts = [rows[kept], context[kept]]
            if KIND_NAMES[0] in line_model.features:  # the HTML line model: the page's declared kind
                parts.append(kind_columns(page, len(kept)))
            if line_model.vocab is not None:
                parts.append(vocab_columns(page, [lines[j] for j in kept.tolist()], line_model.vocab,
                                           line_model.vocab_default))
            own[kept] = line_model.predict_proba(np.hstack(parts))
        return own

    def _keeps_any(self, page: Page, lines: list, own: np.ndarray, first: int, last: int) -> bool:
        scores = own.tolist()  # Python floats: cheaper to compare one by one than numpy scalars
        stripped = page.stripped
        for j, line in enumerate(lines):
            if not stripped[line.index]:
                if scores[j] >= (self.line_threshold if first <= j <= last else self.outside_threshold):
                    return True
        return False

    @staticmethod
    def _detail(page: Page, line, detail: str) -> str:
        hint = page.hints[line.index] if page.hints is not None else None
        if hint is not None and hint.flags:
            detail += f"; markup: {', '.join(hint.names())}"  # what the model read there
        return detail


#: The rule filters that strip a block under its heading ("Related articles" and its teasers,
#: "Comments" and the thread), so that the heading is the block's. ``navigation`` is not one:
#: a run of short lines is items, and a heading among them (a product's name) heads only itself.
_BLOCK_FILTERS = frozenset({"related", "comments"})


def _without_orphan_headings(page: Page, lines: list, restored: list[int]) -> list[int]:
    """*restored* less the headings that would be put back without what they head.

    A rule that strips a block ("Read also" and its teasers, "Comments" and the thread) strips
    its heading with it. When the line model puts the heading back but not the line under it,
    which the same rule took, the clean text would hold a heading over nothing: the heading
    belongs to the block the rule found, and stays stripped with it.
    """
    hints = page.hints
    if hints is None or not restored:
        return restored
    back = set(restored)
    stripped, by = page.stripped, page.stripped_by
    kept = []
    for j in restored:
        hint = hints[lines[j].index]
        if hint is not None and hint.heading and j + 1 < len(lines) and j + 1 not in back:
            below = lines[j + 1].index
            if stripped[below] and by[below] == by[lines[j].index] in _BLOCK_FILTERS:
                continue
        kept.append(j)
    return kept


def _model(spec: str | TreeModel | None, features) -> TreeModel | None:
    """A model by name (``boilerstrip/models/<name>.json``) or as given, checked against *features*."""
    if spec is None:
        return None
    model = load_model(spec) if isinstance(spec, str) else spec
    model.check_features(tuple(features) + (VOCAB_NAMES if model.vocab is not None else ()))
    return model
