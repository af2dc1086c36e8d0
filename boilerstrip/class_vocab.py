"""What the class and id words right around a line tend to hold, learned across many sites.

Templates name their boxes: ``wp-caption-text``, ``author-bio``, ``article-body``,
``teaser__title``, ``newsletter-promo``. :mod:`boilerstrip.htmltext` reads a fixed list of such
words into the hints (``class_related``, ``class_share``...), and gathers them from every
ancestor of a block, up to ``<body>``. Most words are in no list, though, and the nearest box
says the most: a credit in ``<span class="credit">`` inside ``<div class="article-body">`` is a
credit, not body text.

So the line model also reads a vocabulary learned from the labelled pages
(``bench/train_main_block.py``): for each class or id word used on enough different sites,
how often the lines under it were content, site by site, pulled towards the overall rate. A
line's columns are the lowest and highest of those values among the words of its own block
element, and among the words of the element and its nearest ancestors. A word few sites use
is left out: it would describe one site's template, not the web's.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Sequence

import numpy as np

from .htmltext import class_tokens
from .page import Line, Page

__all__ = ["VOCAB_NAMES", "ANCESTORS", "line_class_words", "vocab_rows", "vocab_columns", "learn_vocab"]

#: How many ancestors above a line's block element count as "around" it.
ANCESTORS = 3
#: The columns, in order: the values of the own element's words (lowest, highest), and of the
#: words of the element and its ancestors (lowest, highest).
VOCAB_NAMES: tuple[str, ...] = ("vocab_own_min", "vocab_own_max", "vocab_near_min", "vocab_near_max")
_STOP_TAGS = frozenset({"body", "html"})


def line_class_words(page: Page, lines: Sequence[Line]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """For each line: the class/id words of its block element, and of the element with its
    :data:`ANCESTORS` nearest ancestors (``((), ())`` for a line without a hint)."""
    hints = page.hints
    if hints is None:
        return [((), ())] * len(lines)
    # Keyed by the elements themselves: holding them keeps lxml's proxy objects alive, so
    # asking another child for the same parent returns the same object, and the cache hits.
    # Siblings share their ancestors' words, worked out once per parent.
    around: dict[Any, tuple[str, ...]] = {}
    empty = ((), ())

    def ancestor_words(parent) -> tuple[str, ...]:
        words = around.get(parent)
        if words is None:
            words = around[parent] = sum((_element_words(up) for up in _near_ancestors(parent)), ())
        return words

    out = []
    for element, parent in _line_elements(hints, lines):
        if element is None:
            out.append(empty)
            continue
        own = _element_words(element)
        near = own + ancestor_words(parent) if parent is not None else own
        out.append((own, tuple(dict.fromkeys(near)) if len(near) > 1 else near))
    return out


def vocab_rows(words: Sequence[tuple[tuple[str, ...], tuple[str, ...]]], vocab: dict[str, float],
               default: float) -> np.ndarray:
    """One row of :data:`VOCAB_NAMES` per line, from :func:`line_class_words`; *default*
    stands in where no word is known."""
    rows = []
    for own, near in words:
        own_values = [vocab[w] for w in own if w in vocab]
        near_values = [vocab[w] for w in near if w in vocab]
        rows.append((min(own_values, default=default), max(own_values, default=default),
                     min(near_values, default=default), max(near_values, default=default)))
    return np.array(rows, dtype=float).reshape(len(rows), len(VOCAB_NAMES))


def vocab_columns(page: Page, lines: Sequence[Line], vocab: dict[str, float], default: float) -> np.ndarray:
    """``vocab_rows(line_class_words(page, lines), vocab, default)``, worked out faster.

    main_block runs this on every page. Each element's lowest and highest known value is
    found once per distinct class and id, and each parent's with its ancestors' once per
    page; a line's columns are its element's and its parent's combined.
    """
    hints = page.hints
    none = (default, default, default, default)
    if hints is None:
        return np.array([none] * len(lines), dtype=float).reshape(len(lines), len(VOCAB_NAMES))
    by_attributes: dict[tuple, tuple[float, float] | None] = {}
    around: dict[Any, tuple[float, float] | None] = {}

    def own_range(element) -> tuple[float, float] | None:
        key = (element.get("class"), element.get("id"))
        found = by_attributes.get(key, False)
        if found is False:
            values = [vocab[w] for w in _attribute_words(*key) if w in vocab]
            found = by_attributes[key] = (min(values), max(values)) if values else None
        return found

    def ancestors_range(parent) -> tuple[float, float] | None:
        found = around.get(parent, False)
        if found is False:
            found = None
            for up in _near_ancestors(parent):
                found = _merge(found, own_range(up))
            around[parent] = found
        return found

    rows = []
    for element, parent in _line_elements(hints, lines):
        if element is None:
            rows.append(none)
            continue
        own = own_range(element)
        near = _merge(own, ancestors_range(parent)) if parent is not None else own
        rows.append((own or (default, default)) + (near or (default, default)))
    return np.array(rows, dtype=float).reshape(len(rows), len(VOCAB_NAMES))


def _attribute_words(class_value: str | None, id_value: str | None) -> tuple[str, ...]:
    """The words of an element's class and id attributes, in that order."""
    words = class_tokens(class_value) if class_value else ()
    return words + class_tokens(id_value) if id_value else words


def _element_words(element) -> tuple[str, ...]:
    return _attribute_words(element.get("class"), element.get("id"))


def _line_elements(hints, lines: Sequence[Line]):
    """Each line's block element and that element's parent; ``(None, None)`` without a hint."""
    for line in lines:
        hint = hints[line.index]
        element = hint.element if hint is not None else None
        yield element, (element.getparent() if element is not None else None)


def _near_ancestors(parent):
    """*parent* and the elements above it, :data:`ANCESTORS` at most, stopping at ``<body>``."""
    up = parent
    for _ in range(ANCESTORS):
        if up is None or not isinstance(up.tag, str) or up.tag in _STOP_TAGS:
            return
        yield up
        up = up.getparent()


def _merge(a: tuple[float, float] | None, b: tuple[float, float] | None) -> tuple[float, float] | None:
    if a is None:
        return b
    if b is None:
        return a
    return (a[0] if a[0] < b[0] else b[0], a[1] if a[1] > b[1] else b[1])


def learn_vocab(pages: Iterable[tuple[str, Sequence[tuple[tuple[str, ...], tuple[str, ...]]], np.ndarray, np.ndarray]],
                min_sites: int = 5, prior_sites: float = 3.0) -> tuple[dict[str, float], float]:
    """The vocabulary and the overall content rate, from ``(site, words, labels, weights)`` per page.

    A word's value is the mean over the sites that use it of the weighted share of content
    among the lines it stands around (own element or near ancestors), with *prior_sites*
    sites' worth of the overall rate mixed in; words used on fewer than *min_sites* sites are
    left out.
    """
    per_site: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    total = [0.0, 0.0]
    for site, words, labels, weights in pages:
        for (own, near), label, weight in zip(words, labels.tolist(), weights.tolist()):
            if weight <= 0:
                continue
            total[0] += weight * label
            total[1] += weight
            for word in near:
                cell = per_site[word][site]
                cell[0] += weight * label
                cell[1] += weight
    rate = total[0] / total[1] if total[1] else 0.5
    vocab = {}
    for word, sites in per_site.items():
        shares = [pos / weight for pos, weight in sites.values() if weight > 0]
        if len(shares) >= min_sites:
            vocab[word] = round((sum(shares) + prior_sites * rate) / (len(shares) + prior_sites), 4)
    return dict(sorted(vocab.items())), round(rate, 4)
