"""Per-line features for the main-block model: what a line looks like, and what surrounds it.

jusText's lesson, carried over to plain text: a line's own shape (length, function words,
punctuation, capitals, digits) says something, and its neighbourhood says more. A short line
between long paragraphs is part of the article; a long teaser among menus is not. So besides
the line's own shape, each row describes its surroundings: how much running text lies above and
below it, how close the nearest paragraph is, where the title is, and which of the cue filters
(comments, related, share, footer...) already fired above or below it. The rule filters run
first, so their decisions are features too: a model trained on top of them only has to learn
where the article starts and ends.

Computed for the non-blank lines of a page, after the rule filters have run (``page.stripped``
and ``page.stripped_by`` filled). ``FEATURE_NAMES`` gives the columns, in order; the shipped
model records the names it was trained with, and loading it checks they still match.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from itertools import accumulate

import numpy as np

from .page import Line, Page
from .pipeline import RULE_FILTERS
from .dates import ANY_YEAR, parse_date
from .shape import ends_sentence, title_block
from .stopwords import guess_stoplist, tokens
from .htmltext import (ARTICLE, ASIDE, CONTROL, DIALOG, FLAG_NAMES, FOOTER, FORM, GROUP_BITS,
                       HEADER, MAIN, NAV, DomHint)

__all__ = ["FEATURE_NAMES", "HTML_FEATURE_NAMES", "line_features"]

#: Filters that mark the edges of an article; "fired above/below this line" is a feature.
EDGE_FILTERS: tuple[str, ...] = ("comments", "related", "share", "footer", "navigation", "newsletter")

_WINDOWS = (2, 5, 12)
_SIDE_WINDOWS = (3, 8)
_STOP_WINDOWS = (1, 3, 8)
_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(r"\b[^\W\d_a-z]", re.UNICODE)
_BULLETS = "•-*·»>|–—►▶✓✔"
#: The bullets, for a set lookup of a line's first character.
_BULLET_SET = frozenset(_BULLETS)
_LETTER = re.compile(r"[^\W\d_]")


def _names() -> tuple[str, ...]:
    names = ["stripped", *(f"stripped_by_{f}" for f in RULE_FILTERS),
             "log_words", "log_chars", "prose", "ends_sentence", "headline", "digit_share",
             "capitalised_share", "position", "prose_above_share", "prose_below_share",
             "kept_above_share", "log_lines_since_prose", "log_lines_until_prose"]
    for w in _WINDOWS:
        names += [f"prose_density_{w}", f"kept_density_{w}", f"log_prose_words_{w}"]
    names += ["title_side", "log_title_distance", "before_first_prose", "after_last_prose",
              "log_paragraph_lines", "bullet", "pipe_share", "log_page_lines"]
    for f in EDGE_FILTERS:
        names += [f"{f}_above", f"{f}_below"]
    for w in _SIDE_WINDOWS:
        names += [f"stripped_share_above_{w}", f"stripped_share_below_{w}",
                  f"log_prose_words_above_{w}", f"log_prose_words_below_{w}"]
    names += ["stripped_share_above", "stripped_share_below", "stopword_density"]
    names += [f"stopword_density_{w}" for w in _STOP_WINDOWS]
    names += ["date_only", "number_only", "log_copies", "short_share_3", "short_share_8"]
    return tuple(names)


FEATURE_NAMES: tuple[str, ...] = _names()

#: Block tags worth a column of their own; the rest share "tag_other".
_DOM_TAGS = ("p", "div", "li", "td", "dd", "dt", "section", "article", "blockquote",
             "pre", "figcaption", "label", "button", "option")
_DOM_WINDOWS = (3, 10)


def _dom_names() -> tuple[str, ...]:
    names = [f"dom_{flag}" for flag in FLAG_NAMES] + [f"dom_{group}" for group in GROUP_BITS]
    names += ["dom_heading", "dom_link_share", *(f"dom_tag_{t}" for t in _DOM_TAGS), "dom_tag_other",
              "dom_page_has_article", "dom_page_has_main", "dom_article_prose_share",
              "dom_main_prose_share", "dom_same_block_above", "dom_same_block_below",
              "dom_in_container", "dom_container_share", "dom_parent_share", "dom_grandparent_share"]
    for w in _DOM_WINDOWS:
        names += [f"dom_link_share_{w}", f"dom_boiler_share_{w}"]
    return tuple(names)


#: Columns for pages made from HTML: the text columns, then what the markup says.
HTML_FEATURE_NAMES: tuple[str, ...] = FEATURE_NAMES + _dom_names()
#: What a line without a hint contributes to the markup's columns: nothing.
_NO_HINT = DomHint("", 0, 0, 0.0, None)
#: Landmarks and class groups that mark boilerplate, for the windowed "boilerplate share".
_BOILER_BITS = (NAV | HEADER | FOOTER | ASIDE | FORM | CONTROL | DIALOG
                | sum(GROUP_BITS[f"class_{g}"] for g in ("comment", "related", "share", "footer", "nav",
                                                          "consent", "sidebar", "ad", "newsletter")))
#: The same bits, for other modules: what the markup itself calls boilerplate.
BOILERPLATE_MARKUP = _BOILER_BITS


def _char_class(ch: str) -> int:
    """Bit 1: a word character (regex \\w); bit 2: a digit (\\d); bit 4: a character that starts
    a capitalised word after a non-word one (``[^\\W\\d_a-z]``). ``re`` decides \\w by
    str.isalnum() (or "_") and \\d by str.isdecimal(), as here."""
    word = ch.isalnum() or ch == "_"
    decimal = ch.isdecimal()
    capital = word and not decimal and ch != "_" and not "a" <= ch <= "z"
    return word | decimal << 1 | capital << 2


_ASCII_CLASS = np.array([_char_class(chr(i)) for i in range(128)], dtype=np.uint8)
#: The _char_class of every code point met so far, by code point (_UNKNOWN for the others):
#: one gather classifies a page's characters, and only characters no page had before are
#: classified in Python. 1.1 MB, one byte per code point.
_UNKNOWN = 255
_CLASS_TABLE = np.full(0x110000, _UNKNOWN, dtype=np.uint8)
_CLASS_TABLE[:128] = _ASCII_CLASS


def _char_classes(text: str) -> np.ndarray:
    """The _char_class of each character of *text*, as an array."""
    if text.isascii():
        return _ASCII_CLASS[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _CLASS_TABLE.take(points)
    unknown = classes == _UNKNOWN
    if unknown.any():
        new = np.unique(points[unknown])
        # Threads may fill the same entries at once: they write the same values.
        _CLASS_TABLE[new] = [_char_class(chr(point)) for point in new.tolist()]
        classes = _CLASS_TABLE.take(points)
    return classes


def _digits_and_capitals(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per line: how many digits (``_DIGIT``) and capitalised words (``_CAPITALISED``) it has.

    Counted for the whole page at once, from each character's class (see _char_class): a
    digit is a \\d character, a capitalised word a capital-start character that no word
    character precedes (``\\b``). A newline between two lines is no word character, so lines
    do not run into each other.
    """
    n = len(texts)
    classes = _char_classes("\n".join(texts))
    word = (classes & 1).astype(bool)
    after_gap = np.empty(len(classes), dtype=bool)
    after_gap[:1] = True
    np.logical_not(word[:-1], out=after_gap[1:])
    lengths = np.fromiter(map(len, texts), dtype=np.intp, count=n)
    ends = np.cumsum(lengths + 1) - 1  # where each line's newline (or the end) is
    starts = ends - lengths
    counts = []
    for hit in ((classes & 2) > 0, ((classes & 4) > 0) & after_gap):
        running = np.zeros(len(classes) + 1, dtype=np.intp)
        np.cumsum(hit, out=running[1:])
        counts.append((running[ends] - running[starts]).astype(float))
    return counts[0], counts[1]


def _lines_with_year(texts: list[str]) -> set[int]:
    """Positions in *texts* of the lines in which :data:`boilerstrip.dates.ANY_YEAR` matches.

    One search over the lines joined by newlines: a year is four digits, so no match spans
    two lines, and each match is placed by where the lines start.
    """
    joined = "\n".join(texts)
    starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
    return {bisect_right(starts, m.start()) - 1 for m in ANY_YEAR.finditer(joined)}


def _window_sum(prefix: np.ndarray, n: int, w: int) -> np.ndarray:
    """Sum over lines j-w..j+w for every j, from a prefix-sum array of length n+1."""
    idx = np.arange(n)
    lo = np.maximum(idx - w, 0)
    hi = np.minimum(idx + w + 1, n)
    return prefix[hi] - prefix[lo]


def _window_len(n: int, w: int) -> np.ndarray:
    """How many lines the window j-w..j+w holds for every j (fewer at the page's edges)."""
    idx = np.arange(n)
    return np.minimum(idx + w + 1, n) - np.maximum(idx - w, 0)


def _prefix(values: np.ndarray) -> np.ndarray:
    out = np.zeros(len(values) + 1)
    np.cumsum(values, out=out[1:])
    return out


def line_features(page: Page, *, dom: bool = False) -> tuple[list[Line], np.ndarray]:
    """The page's non-blank lines and their feature rows (``len(lines) x len(FEATURE_NAMES)``).

    With *dom* (a page made from HTML, ``page.hints`` set), the rows have the
    ``HTML_FEATURE_NAMES`` columns: the text ones, then what the markup says.
    """
    lines = [line for line in page.lines if not line.is_blank]
    n = len(lines)
    if not n:
        return lines, np.zeros((0, len(HTML_FEATURE_NAMES if dom else FEATURE_NAMES)))
    by_index = {name: k for k, name in enumerate(RULE_FILTERS)}
    texts = [line.text for line in lines]
    # An ASCII line's lowercased tokens are the words of its folded form, found once already.
    line_tokens = [line.norm_tokens if text.isascii() else tokens(text) for line, text in zip(lines, texts)]
    stoplist = guess_stoplist(line_tokens)

    # One pass per column, each a list made in a comprehension and turned into an array once:
    # writing numpy arrays element by element from a Python loop costs more than the features.
    stripped, stripped_by = page.stripped, page.stripped_by
    at = [line.index for line in lines]
    by = np.array([by_index.get(stripped_by[i], -1) if stripped[i] else -1 for i in at], dtype=int)
    kept = np.array([0.0 if stripped[i] else 1.0 for i in at])
    word_list = [line.words for line in lines]
    words = np.array(word_list, dtype=float)
    chars = np.array([len(text) for text in texts], dtype=float)
    # is_prose() and is_headline() of each line, from one ends_sentence() per line instead of
    # three: words >= 25 or (words >= 12 and ends) / 1 <= words <= 25, at most 250 characters
    # stripped, and not (words >= 12 and ends). Word counts are exact in floats.
    ends_bool = np.array([ends_sentence(text) for text in texts], dtype=bool)
    long_sentence = (words >= 12) & ends_bool
    stripped_length = np.array([len(text.strip()) for text in texts])
    ends = ends_bool.astype(float)
    prose = ((words >= 25) | long_sentence).astype(float)
    headline = ((words >= 1) & (words <= 25) & (stripped_length <= 250) & ~long_sentence).astype(float)
    digits, caps = _digits_and_capitals(texts)
    n_tokens = np.array([len(toks) for toks in line_tokens], dtype=float)
    if stoplist:
        n_stop = np.array([sum(map(stoplist.__contains__, toks)) for toks in line_tokens], dtype=float)
    else:
        n_stop = np.zeros(n)
    bullet = np.array([text.lstrip()[:1] in _BULLET_SET for text in texts], dtype=float)
    pipes = np.array([text.count("|") for text in texts], dtype=float)
    paragraphs = page.paragraphs
    para_lines = np.array([paragraphs[line.paragraph].last - paragraphs[line.paragraph].first + 1
                           for line in lines], dtype=float)
    short = np.array([w <= 3 for w in word_list], dtype=float)
    date_only = np.zeros(n)
    number_only = np.zeros(n)
    short_lines = [j for j, w in enumerate(word_list) if w <= 8]
    if short_lines:
        number_only[short_lines] = [not _LETTER.search(texts[j]) for j in short_lines]
        # parse_date() finds nothing in a line without a year: those are found for the whole
        # page with one search, and only the short lines among them are parsed.
        with_year = _lines_with_year(texts)
        dated = [j for j in short_lines if j in with_year]
        if dated:
            date_only[dated] = [parse_date(texts[j]) is not None for j in dated]
    keys = [line.repeat_key for line in lines]
    copies = Counter(keys)
    block = title_block(page)
    title_at = at.index(block.title) if block.title in at else -1

    idx = np.arange(n)
    kept_prose_words = words * prose * kept
    kept_words = words * kept
    total_prose = kept_prose_words.sum() or 1.0
    total_kept = kept_words.sum() or 1.0
    p_prose = _prefix(kept_prose_words)
    p_kept = _prefix(kept_words)
    p_words = _prefix(words)
    p_stripped = _prefix(1.0 - kept)

    cols: list[np.ndarray] = [1.0 - kept]
    cols.append((by[:, None] == np.arange(len(RULE_FILTERS))).astype(float))  # a block of columns
    cols += [np.log1p(words), np.log1p(chars), prose, ends, headline,
             digits / (chars + 1), caps / (words + 1), idx / n,
             p_prose[:-1] / total_prose, (total_prose - p_prose[1:]) / total_prose,
             p_kept[:-1] / total_kept]
    anchors = np.flatnonzero(kept_prose_words)
    if len(anchors):
        before = np.searchsorted(anchors, idx, side="left") - 1   # last anchor < j
        after = np.searchsorted(anchors, idx, side="right")       # first anchor > j
        since = np.where(before >= 0, idx - anchors[np.maximum(before, 0)], 99)
        until = np.where(after < len(anchors), anchors[np.minimum(after, len(anchors) - 1)] - idx, 99)
        first, last = anchors[0], anchors[-1]
        before_first = (idx < first).astype(float)
        after_last = (idx > last).astype(float)
    else:
        since = until = np.full(n, 99)
        before_first = after_last = np.full(n, -1.0)
    cols += [np.log1p(np.minimum(since, 99)), np.log1p(np.minimum(until, 99))]
    for w in _WINDOWS:
        around = _window_sum(p_words, n, w) + 1
        prose_around = _window_sum(p_prose, n, w)
        cols += [prose_around / around, _window_sum(p_kept, n, w) / around, np.log1p(prose_around)]
    if title_at >= 0:
        side = np.where(idx < title_at, 1.0, np.where(idx == title_at, 0.5, 0.0))
        gap = idx - title_at
        distance = np.sign(gap) * np.log1p(np.abs(gap))
    else:
        side = distance = np.full(n, -1.0)
    cols += [side, distance, before_first, after_last, np.log1p(para_lines), bullet,
             pipes / (words + 1), np.full(n, math.log1p(n))]
    for name in EDGE_FILTERS:
        hit = (by == by_index[name]).astype(float)
        running = np.cumsum(hit)
        cols += [((running - hit) > 0).astype(float), ((running[-1] - running) > 0).astype(float)]
    for w in _SIDE_WINDOWS:
        lo = np.maximum(idx - w, 0)
        hi = np.minimum(idx + w + 1, n)
        cols += [(p_stripped[idx] - p_stripped[lo]) / (idx - lo + 1),
                 (p_stripped[hi] - p_stripped[idx + 1]) / (hi - idx),
                 np.log1p(p_prose[idx] - p_prose[lo]), np.log1p(p_prose[hi] - p_prose[idx + 1])]
    cols += [p_stripped[:-1] / n, (p_stripped[-1] - p_stripped[1:]) / n]
    density = np.where(n_tokens > 0, n_stop / np.maximum(n_tokens, 1), 0.0)
    cols.append(density)
    p_stop = _prefix(n_stop)
    p_tok = _prefix(n_tokens)
    for w in _STOP_WINDOWS:
        cols.append(_window_sum(p_stop, n, w) / (_window_sum(p_tok, n, w) + 1))
    cols += [date_only, number_only,
             np.log(np.array([copies[key] for key in keys], dtype=float))]
    p_short = _prefix(short)
    for w in _SIDE_WINDOWS:
        cols.append(_window_sum(p_short, n, w) / _window_len(n, w))
    if dom:
        cols += _dom_columns(page, lines, kept_prose_words)
    matrix = np.column_stack(cols)
    expected = HTML_FEATURE_NAMES if dom else FEATURE_NAMES
    assert matrix.shape[1] == len(expected), (matrix.shape, len(expected))
    return lines, matrix


def _container_columns(hints: list, prose_words: np.ndarray) -> list[np.ndarray]:
    """Where the page's running text sits in the tree (the idea of readability's scoring).

    Every element is credited with the kept prose words of the lines inside it. The
    *container* is the deepest element that holds more than half of them: the article's
    wrapper on a page with one article. A line inside it is likely content; a line whose
    parent and grandparent hold no running text at all is likely a widget.
    """
    n = len(hints)
    total = float(prose_words.sum())
    if not total:
        return [np.zeros(n)] * 4
    # Each element of the tree that holds prose is met once, not once per prose line below
    # it: credit the block elements with their own lines' words, note every ancestor, then
    # pass the sums up from the deepest element (sums of word counts are exact in any order).
    credit: dict = {}
    parent: dict = {}
    for j in np.flatnonzero(prose_words):
        hint = hints[j]
        if hint is None:
            continue
        el = hint.element
        credit[el] = credit.get(el, 0.0) + prose_words[j]
        while el not in parent:  # up to an element already noted, or past the root
            up = el.getparent()
            parent[el] = up
            if up is None:
                break
            el = up
    depth = _depths(parent)
    for el in sorted(parent, key=depth.__getitem__, reverse=True):
        up = parent[el]
        if up is not None:
            credit[up] = credit.get(up, 0.0) + credit.get(el, 0.0)
    half = total / 2
    # The deepest element holding more than half: elements of one depth are disjoint, so at
    # most one of them can, and the answer does not depend on the order they are met in.
    container = max((el for el, c in credit.items() if c > half), key=depth.__getitem__, default=None)
    within = {container: True} if container is not None else {}
    inside_col: list[bool] = []
    parent_credit: list[float] = []
    grandparent_credit: list[float] = []
    for hint in hints:
        if hint is None:
            inside_col.append(False)
            parent_credit.append(0.0)
            grandparent_credit.append(0.0)
            continue
        el = hint.element
        up = el.getparent()  # None at the root: no credit, like an element without text
        inside = within.get(el)
        if inside is None:
            # Most lines' elements sit beside one met before: their parent's answer is theirs.
            inside = within.get(up) if up is not None else False
            if inside is None:
                inside = _within(el, within)
            else:
                within[el] = inside
        inside_col.append(inside)
        parent_credit.append(credit.get(up, 0.0))
        grandparent_credit.append(credit.get(up.getparent(), 0.0) if up is not None else 0.0)
    in_container = np.array(inside_col, dtype=float)
    parent_share = np.array(parent_credit, dtype=float) / total
    grandparent_share = np.array(grandparent_credit, dtype=float) / total
    share = credit[container] / total if container is not None else 0.0
    return [in_container, np.full(n, share), parent_share, grandparent_share]


def _depths(parent: dict) -> dict:
    """Each element's number of ancestors, for a *parent* map that holds every ancestor."""
    depth: dict = {None: -1}
    for el in parent:
        path = []
        while el not in depth:
            path.append(el)
            el = parent[el]
        known = depth[el]
        for el in reversed(path):
            known += 1
            depth[el] = known
    del depth[None]
    return depth


def _within(el, known: dict) -> bool:
    """True when *el* is the container or lies inside it; *known* (starting as {container:
    True}) remembers the answer for every element walked through, so each is walked once."""
    path = []
    while el is not None and el not in known:
        path.append(el)
        el = el.getparent()
    answer = known[el] if el is not None else False
    for step in path:
        known[step] = answer
    return answer


def _dom_columns(page: Page, lines: list[Line], kept_prose_words: np.ndarray) -> list[np.ndarray]:
    """The markup's columns: flags and class groups, tag, link share, and their surroundings."""
    n = len(lines)
    page_hints = page.hints or [None] * len(page.lines)
    line_hints = [page_hints[line.index] for line in lines]
    # A line with no hint reads as markup that says nothing (its tag counts as "other").
    hints = [hint or _NO_HINT for hint in line_hints]
    flags = np.array([hint.flags for hint in hints], dtype=np.int64)
    heading = np.array([hint.heading for hint in hints], dtype=float)
    link = np.array([hint.link_share for hint in hints], dtype=float)
    tag_index = {t: k for k, t in enumerate(_DOM_TAGS)}
    tag_col = np.array([tag_index.get(hint.tag, len(_DOM_TAGS)) for hint in hints], dtype=int)
    block_id = np.array([0 if hint.element is None else id(hint.element) for hint in hints], dtype=np.int64)
    # Column blocks (np.column_stack takes 2-D pieces as they are): one operation per block,
    # not one per column.
    cols = [((flags[:, None] >> np.arange(len(FLAG_NAMES))) & 1).astype(float)]
    cols.append(((flags[:, None] & np.array(list(GROUP_BITS.values()), dtype=np.int64)) > 0).astype(float))
    cols += [heading, link]
    cols.append((tag_col[:, None] == np.arange(len(_DOM_TAGS) + 1)).astype(float))
    total = kept_prose_words.sum() or 1.0
    in_article = (flags & ARTICLE) > 0
    in_main = (flags & MAIN) > 0
    cols += [np.full(n, float(in_article.any())), np.full(n, float(in_main.any())),
             np.full(n, kept_prose_words[in_article].sum() / total),
             np.full(n, kept_prose_words[in_main].sum() / total)]
    same = (block_id[1:] == block_id[:-1]).astype(float)
    cols += [np.concatenate([[0.0], same]), np.concatenate([same, [0.0]])]
    cols += _container_columns(line_hints, kept_prose_words)
    p_link = _prefix(link)
    p_boiler = _prefix(((flags & _BOILER_BITS) > 0).astype(float))
    for w in _DOM_WINDOWS:
        span = _window_len(n, w)
        cols += [_window_sum(p_link, n, w) / span, _window_sum(p_boiler, n, w) / span]
    return cols

