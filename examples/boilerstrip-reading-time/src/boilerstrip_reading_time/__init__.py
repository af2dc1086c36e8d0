"""Reading-time labels ("5 min read", "Reading time: 3 minutes", "Lesezeit: 4 Min.").

Blogs and news sites print an estimate of the reading time under the title. It describes the
page, it is not part of the article, and no built-in filter takes it: a small job for a plugin.
The label must be the whole line (a sentence that mentions "a five-minute read" stays).
"""

from __future__ import annotations

import re
from typing import Iterable

from boilerstrip import Filter, Page, Span

__all__ = ["ReadingTimeFilter"]
__version__ = "0.1.0"

_NUMBER = r"\d{1,3}(?:[.,]\d)?"
_MINUTES = r"(?:min|mins|minute|minutes|minuten|minutos)\.?"
#: "5 min read", "5-minute read", "3 mins reading time" ...
_AFTER = re.compile(rf"(?:about |ca\. )?{_NUMBER} ?-?{_MINUTES} (?:read|reading time|lesezeit|de lecture|de lectura)")
#: "Reading time: 3 minutes", "Lesezeit: 4 Min.", "Temps de lecture : 6 min" ...
_BEFORE = re.compile(rf"(?:estimated |est\. )?(?:reading time|read time|lesezeit|temps de lecture|tiempo de lectura)"
                     rf" ?:? ?(?:about |ca\. |~ ?)?{_NUMBER} ?{_MINUTES}")


class ReadingTimeFilter(Filter):
    """Strips lines that only give the article's reading time."""

    name = "reading_time"
    description = "Reading-time labels ('5 min read', 'Reading time: 3 minutes')."
    reasons = ("reading_time",)

    def __init__(self, max_words: int = 8) -> None:
        if max_words < 1:
            raise ValueError(f"filter 'reading_time': max_words must be at least 1, got {max_words!r}")
        self.max_words = max_words

    def find(self, page: Page) -> Iterable[Span]:
        for line in page.kept_lines():
            if line.words > self.max_words:
                continue
            label = line.norm.strip(" ·|•-–—")
            if _AFTER.fullmatch(label) or _BEFORE.fullmatch(label):
                yield self.strip(page, line, "reading_time", "reading-time label")
