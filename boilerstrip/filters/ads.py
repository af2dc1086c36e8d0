"""Advertisement labels ("Advertisement", "Anzeige", "Story continues below advertisement") and
advertising disclosures ("This post contains affiliate links. We may earn a commission...").

A disclosure is the publisher's legal note about how the page earns money, the same under
every post; the law asks for it near the content, so it stands inside the article. It is told
by its fixed wording ("contains affiliate links", "we may earn a commission"), not by the mere
mention of affiliate links, which an article about marketing makes in its own sentences. A
line that is long enough to be a paragraph of its own is left alone.
"""

from __future__ import annotations

from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter

#: The longest disclosures run to three or four sentences; a longer line is a paragraph.
_MAX_DISCLOSURE_WORDS = 80


@register_filter
class AdsFilter(Filter):
    name = "ads"
    description = "Advertisement labels, 'story continues below' markers and affiliate or advertising disclosures."
    reasons = ("advertisement_label", "advertising_disclosure")
    firm_reasons = ("advertisement_label", "advertising_disclosure")

    def find(self, page: Page) -> Iterable[Span]:
        labels = cues("ads", "label")
        disclosures = cues("ads", "disclosure")
        for line in page.kept_lines():
            if line.words <= 8 and labels.matches(line.key):
                yield self.strip(page, line, "advertisement_label")
            elif line.words <= _MAX_DISCLOSURE_WORDS:
                phrase = disclosures.contained_in(line.norm, line.norm_tokens)
                if phrase:
                    yield self.strip(page, line, "advertising_disclosure", f"contains {phrase!r}")
