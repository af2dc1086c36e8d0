"""The main-content region: the article is one stretch of the page, and what lies outside goes.

An article sits in one contiguous region: its title block, then its running text. Above the
title a page has its header (site name, menus, banners, a kicker); after the article's last
paragraph, once the page has moved on to its chrome (a block the other filters stripped),
what follows is chrome too: tag lists, author boxes' links, "previous/next" links, widgets.
Running text is never stripped here, only the short and middling lines around it.
"""

from __future__ import annotations

from typing import Iterable

from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter
from ..shape import is_prose, last_prose, title_block


@register_filter
class RegionFilter(Filter):
    name = "region"
    description = "Non-paragraph lines above the article's title and after its end."

    def find(self, page: Page) -> Iterable[Span]:
        block = title_block(page)
        if block.title is not None:
            for line in page.kept_lines():
                if line.index >= block.title:
                    break
                if not is_prose(line):
                    yield self.strip(page, line, "before_title", "above the article's title")
        tail = last_prose(page)
        if tail is None:
            return
        ended = False
        for line in page.lines[tail + 1:]:
            if line.is_blank:
                continue
            if page.stripped[line.index]:
                ended = True  # the page has moved on to its chrome
                continue
            if ended and not is_prose(line):
                yield self.strip(page, line, "after_article", "after the article's end")
