"""Stopword density: the share of a line's words that are function words of the page's language.

Running text is full of function words ("the", "of", "und", "que"); menus, tag lists, product
names and buttons have almost none. jusText built its paragraph classifier on that fact, and
ships stoplists for about a hundred languages; boilerstrip reads them from the installed
``justext`` package rather than copying them.

The page's language is guessed once per page, as the stoplist that covers most of its first
words. Only the languages boilerstrip has cue tables for are considered: more lists would make
the guess slower and, for short pages, less reliable.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Sequence

__all__ = ["STOPLIST_LANGUAGES", "guess_stoplist", "tokens"]

#: jusText's names for the languages of ``boilerstrip/cues`` that it has stoplists for
#: (Japanese and Chinese, written without spaces, have none).
STOPLIST_LANGUAGES: tuple[str, ...] = (
    "English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch", "Polish",
    "Russian", "Swedish", "Danish", "Norwegian_Bokmal", "Finnish", "Czech", "Turkish", "Korean",
    "Ukrainian", "Hungarian", "Romanian", "Greek", "Arabic", "Indonesian", "Vietnamese",
)

#: How many of the page's first words the language guess looks at.
GUESS_SAMPLE = 1500

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lowercased word tokens, as the stoplists are written."""
    return _TOKEN.findall(text.lower())


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[int, ...]], tuple[frozenset[str], ...]]:
    """word -> the languages whose stoplist has it; and each language's stoplist."""
    import justext  # imported here: loading the lists costs time that most imports don't need

    lists = tuple(frozenset(w.lower() for w in justext.get_stoplist(name))
                  for name in STOPLIST_LANGUAGES)
    index: dict[str, list[int]] = {}
    for lang, words in enumerate(lists):
        for word in words:
            index.setdefault(word, []).append(lang)
    return {w: tuple(v) for w, v in index.items()}, lists


def guess_stoplist(line_tokens: Sequence[Sequence[str]]) -> frozenset[str]:
    """The stoplist of the language whose function words cover most of the page's first words.

    An empty set when no list matches at all (a page in a script none of them covers).
    """
    index, lists = _index()
    sample: list[str] = []
    for toks in line_tokens:
        sample.extend(toks)
        if len(sample) >= GUESS_SAMPLE:
            break
    counts = [0] * len(lists)
    for tok, times in Counter(sample).items():  # each distinct word looked up once
        for lang in index.get(tok, ()):
            counts[lang] += times
    best = max(range(len(lists)), key=counts.__getitem__)
    return lists[best] if counts[best] else frozenset()
