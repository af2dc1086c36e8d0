"""Newsletter sign-up boxes: the pitch sentence, the email field, the subscribe button."""

from __future__ import annotations

from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter

_MAX_WORDS = 60


@register_filter
class NewsletterFilter(Filter):
    name = "newsletter"
    description = "Newsletter and mailing-list sign-up boxes."
    reasons = ("newsletter_signup",)
    firm_reasons = ("newsletter_signup",)

    def find(self, page: Page) -> Iterable[Span]:
        pitch = cues("newsletter", "contains")
        box = cues("newsletter", "line")
        for line in page.kept_lines():
            if line.words > _MAX_WORDS:
                continue
            if box.matches(line.key):
                yield self.strip(page, line, "newsletter_signup", "sign-up box line")
            else:
                phrase = pitch.contained_in(line.norm, line.norm_tokens)
                if phrase:
                    yield self.strip(page, line, "newsletter_signup", f"contains {phrase!r}")
