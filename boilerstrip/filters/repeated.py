"""Repeated paragraphs and lines: kept at most once, and not at all when they are teasers.

Pages print the same text twice for many reasons: a lead paragraph echoed as a standfirst,
a headline in both the desktop and the mobile menu, teasers printed twice. Copies are
compared after folding case, whitespace and punctuation. The first copy of article text is
kept. A short line that some other filter already stripped elsewhere on the page is a teaser
or menu label: its remaining copies go too, except the page's own title.
"""

from __future__ import annotations

from typing import Iterable

from ..filter import Filter, Span
from ..page import Line, Page
from ..registry import register_filter
from ..shape import is_headline, title_block

@register_filter
class RepeatedFilter(Filter):
    name = "repeated"
    description = "Paragraphs and lines that occur more than once on the page."
    reasons = ("repeated_paragraph", "repeated_line", "repeated_teaser")

    def __init__(self, min_chars: int = 2) -> None:
        self.min_chars = min_chars

    def find(self, page: Page) -> Iterable[Span]:
        groups: dict[str, list[Line]] = {}
        for line in page.content_lines():
            key = line.repeat_key
            if len(key) >= self.min_chars:
                groups.setdefault(key, []).append(line)
        protected = title_block(page)
        for copies in groups.values():
            if len(copies) < 2:
                continue
            kept = [c for c in copies if not page.stripped[c.index]]
            if not kept:
                continue
            if len(kept) < len(copies) and is_headline(kept[0]):
                for c in kept:
                    if c.index not in protected:
                        yield self.strip(page, c, "repeated_teaser", "a copy was stripped as boilerplate")
                continue
            reason = "repeated_line" if is_headline(kept[0]) else "repeated_paragraph"
            for c in kept[1:]:
                yield self.strip(page, c, reason, f"repeats line {kept[0].index + 1}")
