"""What the words of a short line tend to say, learned across many sites.

Boilerplate has its own words, in every language the web is written in: "Weiterlesen",
"Bildquelle", "iStock", "min read", "Über den Autor", "Ähnliche Nachrichten", "Filed under".
The rule filters know a few hundred such phrases (:mod:`boilerstrip.cues`); the line model
reads the shape and markup of a line, but not what its words say. A one-line credit or a
"Read more" looks like any other short line.

So the line model also reads a vocabulary of line words learned from the labelled pages, as
it reads one of class and id words (:mod:`boilerstrip.class_vocab`, whose learning it shares):
for each word used on enough different sites, how often the short lines holding it were
content, site by site, pulled towards the overall rate. Only short lines are read: a
paragraph's function words say nothing a paragraph's length does not, and a long line is
rarely a label. A word few sites use is left out: it would describe one site, not the web.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import regex

from .page import Line

__all__ = ["WORD_VOCAB_NAMES", "MAX_WORDS", "line_words", "word_rows"]

#: The columns, in order: the lowest, mean and highest value of the line's known words, and
#: the share of its words the vocabulary knows (0, and the default values, for a long line).
WORD_VOCAB_NAMES: tuple[str, ...] = ("words_min", "words_mean", "words_max", "words_known")
#: Lines of more words than this are not read.
MAX_WORDS = 12
#: Words: two letters or more (no digits: a date or a price says nothing across sites).
_WORD = regex.compile(r"[^\W\d_]{2,}")


def line_words(lines: Sequence[Line]) -> list[tuple[str, ...]]:
    """For each line, its distinct lower-cased words when it has at most :data:`MAX_WORDS`
    words, else none."""
    found = _WORD.findall
    return [tuple(dict.fromkeys(found(line.text.lower()))) if line.words <= MAX_WORDS else ()
            for line in lines]


def word_rows(words: Sequence[tuple[str, ...]], vocab: dict[str, float], default: float) -> np.ndarray:
    """One row of :data:`WORD_VOCAB_NAMES` per line, from :func:`line_words`; *default*
    stands in where no word is known."""
    none = (default, default, default, 0.0)
    rows = []
    for own in words:
        if not own:
            rows.append(none)
            continue
        values = [vocab[w] for w in own if w in vocab]
        if values:
            rows.append((min(values), sum(values) / len(values), max(values), len(values) / len(own)))
        else:
            rows.append(none)
    return np.array(rows, dtype=float).reshape(len(rows), len(WORD_VOCAB_NAMES))
