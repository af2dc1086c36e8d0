"""Columns that tell the line model where a line stands relative to the main block.

main_block reads a page in two stages, as jusText does: the block model scores every line for
lying inside the content's stretch, the block is found from those scores, and then the line
model decides each kept line. A line's own features say what it looks like; these columns add
what the first stage concluded around it: its block score and its neighbours', whether the
block holds it and how far away the block is, and how sure the page is of its block at all.
With them the line model can keep a line the block left out (a listing whose items sit apart)
and drop one the block took in (an author box between two paragraphs).
"""

from __future__ import annotations

import numpy as np

__all__ = ["BLOCK_CONTEXT_NAMES", "block_context", "page_block_context"]

BLOCK_CONTEXT_NAMES: tuple[str, ...] = (
    "block_score", "block_score_mean_1", "block_score_mean_3", "block_score_mean_8",
    "in_block", "log_lines_before_block", "log_lines_after_block", "block_word_share",
    "page_max_block_score", "page_mean_block_score", "block_found",
    "block_score_next", "block_score_prev",
)


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of each value with its *radius* neighbours on either side (fewer at the ends)."""
    n = len(values)
    sums = np.concatenate([[0.0], np.cumsum(values)])
    at = np.arange(n)
    lo = np.maximum(at - radius, 0)
    hi = np.minimum(at + radius + 1, n)
    return (sums[hi] - sums[lo]) / (hi - lo)


def block_context(scores: np.ndarray, words: np.ndarray, stripped: np.ndarray,
                  block: tuple[int, int] | None) -> np.ndarray:
    """One row of :data:`BLOCK_CONTEXT_NAMES` per line.

    *scores* are the block model's probabilities for the page's non-blank lines, *words* their
    word counts, *stripped* whether a rule filter stripped them, *block* the first and last
    position (in that list) of the main block, or None when the page has none.
    """
    n = len(scores)
    if not n:
        return np.zeros((0, len(BLOCK_CONTEXT_NAMES)))
    at = np.arange(n)
    inside = np.zeros(n)
    before = np.zeros(n)
    after = np.zeros(n)
    kept_words = words * ~stripped
    total = max(float(kept_words.sum()), 1.0)
    share = 0.0
    if block is not None:
        first, last = block
        inside[first:last + 1] = 1.0
        before = np.log1p(np.maximum(first - at, 0))
        after = np.log1p(np.maximum(at - last, 0))
        share = float(kept_words[first:last + 1].sum()) / total
    columns = [
        scores, _window_mean(scores, 1), _window_mean(scores, 3), _window_mean(scores, 8),
        inside, before, after, np.full(n, share),
        np.full(n, float(scores.max())), np.full(n, float((scores * kept_words).sum()) / total),
        np.full(n, 0.0 if block is None else 1.0),
        np.append(scores[1:], 0.0), np.insert(scores[:-1], 0, 0.0),
    ]
    return np.column_stack(columns)


def page_block_context(page, lines: list, scores: np.ndarray, block: tuple[int, int] | None) -> np.ndarray:
    """:func:`block_context` for *lines* of *page* (its non-blank lines, as main_block scores them).

    The one place the filter and its training (bench/train_main_block.py) build these rows, so
    the line model is always read with the columns it learned from.
    """
    words = np.array([line.words for line in lines], dtype=float)
    stripped = np.array([bool(page.stripped[line.index]) for line in lines], dtype=bool)
    return block_context(scores, words, stripped, block)
