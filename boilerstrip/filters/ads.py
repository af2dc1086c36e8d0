"""Advertisement labels: "Advertisement", "Anzeige", "Story continues below advertisement"."""

from __future__ import annotations

from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter


@register_filter
class AdsFilter(Filter):
    name = "ads"
    description = "Advertisement labels and 'story continues below' markers."
    reasons = ("advertisement_label",)
    firm_reasons = ("advertisement_label",)

    def find(self, page: Page) -> Iterable[Span]:
        labels = cues("ads", "label")
        for line in page.kept_lines():
            if line.words <= 8 and labels.matches(line.key):
                yield self.strip(page, line, "advertisement_label")
