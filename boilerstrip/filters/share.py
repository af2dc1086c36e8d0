"""Share and social buttons: "Share this:", "Facebook Twitter LinkedIn", "Click to share on X"."""

from __future__ import annotations

import re
from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Line, Page
from ..registry import register_filter

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def _tokens(line: Line) -> list[str]:
    """``_TOKEN.findall(line.norm)``: for an ASCII line with no "_", "-" or "'" these are its
    \\w+ runs, which ``line.norm_tokens`` holds already (most lines: no regex call)."""
    norm = line.norm
    if norm.isascii() and "_" not in norm and "-" not in norm and "'" not in norm:
        return line.norm_tokens
    return _TOKEN.findall(norm)


@register_filter
class ShareFilter(Filter):
    name = "share"
    description = "Share and social-network buttons and 'follow us' bars."
    reasons = ("share_button", "social_links")
    firm_reasons = ("share_button",)

    def find(self, page: Page) -> Iterable[Span]:
        lines = cues("share", "line")
        words = cues("share", "word")
        for line in page.kept_lines():
            if line.words > 20:
                continue
            if lines.matches(line.key):
                yield self.strip(page, line, "share_button")
                continue
            tokens = _tokens(line)
            # Every token a social network's name (set containment, in C).
            if tokens and len(tokens) <= 12 and words.exact.issuperset(tokens):
                yield self.strip(page, line, "social_links")
