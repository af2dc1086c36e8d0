"""Cookie and consent banners: the banner sentence and the buttons beside it.

Buttons such as "Accept" or "OK" are only taken within a few lines of a banner sentence:
alone they say nothing about cookies. A long sentence that mentions cookies in the middle of
the article's running text is only a banner when such buttons stand next to it.
"""

from __future__ import annotations

from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter
from ..shape import is_prose


@register_filter
class ConsentFilter(Filter):
    name = "consent"
    description = "Cookie and consent banners with their buttons."
    reasons = ("cookie_banner", "cookie_button")
    firm_reasons = ("cookie_banner", "cookie_button")

    def __init__(self, button_distance: int = 4) -> None:
        self.button_distance = button_distance

    def find(self, page: Page) -> Iterable[Span]:
        banner = cues("consent", "contains")
        buttons = cues("consent", "button")
        content = list(page.kept_lines())
        found = []
        for pos, line in enumerate(content):
            if line.words <= 120:
                phrase = banner.contained_in(line.norm, line.norm_tokens)
                if phrase:
                    found.append((pos, phrase))
        if not found:
            return
        # A sentence of the article may mention cookies ("the recipe uses cookies to ...").
        # A banner sentence stands outside the article's running text, or has its buttons.
        candidates = {pos for pos, _ in found}
        others = [pos for pos, line in enumerate(content) if pos not in candidates and is_prose(line)]
        head = others[0] if others else len(content)
        tail = others[-1] if others else -1
        banner_at = []
        for pos, phrase in found:
            outside = pos < head or pos > tail
            if outside or content[pos].words <= 20 or self._has_button(content, pos, buttons):
                banner_at.append(pos)
                yield self.strip(page, content[pos], "cookie_banner", f"contains {phrase!r}")
        taken = set(banner_at)
        for pos in banner_at:
            for near in range(max(0, pos - self.button_distance), min(len(content), pos + self.button_distance + 1)):
                line = content[near]
                if near not in taken and line.words <= 6 and buttons.matches(line.key):
                    taken.add(near)
                    yield self.strip(page, line, "cookie_button")

    def _has_button(self, content: list, pos: int, buttons) -> bool:
        window = content[max(0, pos - self.button_distance):pos + self.button_distance + 1]
        return any(line.words <= 6 and buttons.matches(line.key) for line in window)
