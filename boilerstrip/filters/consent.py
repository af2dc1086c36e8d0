"""Cookie and consent banners: the banner sentence and the buttons beside it.

Buttons such as "Accept" or "OK" are only taken within a few lines of a banner sentence:
alone they say nothing about cookies.
"""

from __future__ import annotations

from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter


@register_filter
class ConsentFilter(Filter):
    name = "consent"
    description = "Cookie and consent banners with their buttons."

    def __init__(self, button_distance: int = 4) -> None:
        self.button_distance = button_distance

    def find(self, page: Page) -> Iterable[Span]:
        banner = cues("consent", "contains")
        buttons = cues("consent", "button")
        content = list(page.kept_lines())
        banner_at = []
        for pos, line in enumerate(content):
            if line.words <= 120:
                phrase = banner.contained_in(line.norm)
                if phrase:
                    banner_at.append(pos)
                    yield self.strip(page, line, "cookie_banner", f"contains {phrase!r}")
        taken = set(banner_at)
        for pos in banner_at:
            for near in range(max(0, pos - self.button_distance), min(len(content), pos + self.button_distance + 1)):
                line = content[near]
                if near not in taken and line.words <= 6 and buttons.matches(line.key):
                    taken.add(near)
                    yield self.strip(page, line, "cookie_button")
