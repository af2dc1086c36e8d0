"""Share and social buttons: "Share this:", "Facebook Twitter LinkedIn", "Click to share on X"."""

from __future__ import annotations

import re
from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


@register_filter
class ShareFilter(Filter):
    name = "share"
    description = "Share and social-network buttons and 'follow us' bars."
    reasons = ("share_button", "social_links")

    def find(self, page: Page) -> Iterable[Span]:
        lines = cues("share", "line")
        words = cues("share", "word")
        for line in page.kept_lines():
            if line.words > 20:
                continue
            if lines.matches(line.key):
                yield self.strip(page, line, "share_button")
                continue
            tokens = _TOKEN.findall(line.norm)
            # Every token a social network's name (set containment, in C).
            if tokens and len(tokens) <= 12 and words.exact.issuperset(tokens):
                yield self.strip(page, line, "social_links")
