"""Navigation: skip links, breadcrumb and menu lines, and runs of short link-like lines.

Menus reach page text as runs of short lines with no sentence punctuation ("Home", "World",
"Business", ...). Articles have short lines too (a title, a subheading, a short list), so a
run must be long to count: three items above or below the article's running text, six inside
it; above the article's title a single such line is page chrome (a site name, a banner). The
title block just above the first paragraph (title, byline, dateline) is never part of a menu,
and related-block headings are left to the related filter.

On HTML the markup settles what the text's shape cannot: menus are made of links. A run of
short lines none of which is a link, and none of which stands in a landmark of the page's
chrome (``<nav>``, ``<header>``, ``<footer>``, ``<aside>``, a form, a dialog, a control), is
a list of something else (a recipe's ingredients, a product's specifications, a table's
cells) and stays for the other filters and the main-block model to judge.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..cues import cues
from ..dates import parse_date
from ..filter import Filter, Span
from ..htmltext import ASIDE, CONTROL, DIALOG, FOOTER, FORM, HEADER, NAV
from ..page import Line, Page, cue_key, word_count
from ..registry import register_filter
from ..shape import ends_sentence, first_prose, last_prose, title_block

#: Separators of inline menus and breadcrumbs, with spaces around them ("Home | World").
_MENU_SEPARATOR = re.compile(r"\s+(?:[|·•»›>/→]|::)\s+|\s*[|»›]\s*")
#: The characters _MENU_SEPARATOR cannot match without.
_SEPARATOR_CHARS = re.compile(r"[|·•»›>/→:]")
_MAX_ITEM_WORDS = 4
_MAX_ITEM_CHARS = 40


def is_menu_item(line: Line) -> bool:
    """A line shaped like one menu link: a few words, no sentence end, not a date."""
    if not 0 < line.words <= _MAX_ITEM_WORDS:
        return False  # most lines: decided without copying the text
    text = line.text.strip()
    return (len(text) <= _MAX_ITEM_CHARS
            and not ends_sentence(text) and not text.endswith(":") and parse_date(text) is None)


#: Landmarks a page's chrome sits in (``<nav>``, ``<header>``, ``<aside>``, forms, controls...).
_CHROME_LANDMARKS = NAV | HEADER | FOOTER | ASIDE | FORM | CONTROL | DIALOG


#: A line that opens with an amount: a number (or a vulgar fraction), maybe a range, then a
#: unit or a word ("300 g Mehl", "6 Eier", "1-2 EL Öl", "390 kcal", "½ cup sugar").
_AMOUNT = re.compile(
    r"(?:\d+(?:[.,/]\d+)?|[½⅓⅔¼¾⅛])(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?"
    r"(?:\s*(?:g|kg|mg|ml|cl|dl|l|oz|lb|lbs|cm|mm|m|km|kcal|kj|%)\b|\s+[^\W\d_])")


#: Link share at which a line is one link, leading number included (rounding aside).
_WHOLE_LINK = 0.9


def _measures_something(page: Page, line: Line) -> bool:
    """True when *line* is an amount of something (an ingredient, a nutrient, a product's
    dimension) rather than a link: menus name places with words, lists of measures open with
    numbers. On HTML the amount must stand outside any link (a recipe links an ingredient's
    name, a menu links the whole item), and the line not in the page's chrome."""
    if not _AMOUNT.match(line.norm):
        return False
    hints = page.hints
    if not hints:
        return True
    hint = hints[line.index]
    return hint is not None and hint.link_share < _WHOLE_LINK and not hint.flags & _CHROME_LANDMARKS


def _measures(page: Page, run: list[Line]) -> bool:
    """True when at least half of *run* are amounts: a list of ingredients or figures."""
    return 2 * sum(_measures_something(page, line) for line in run) >= len(run)


def _plain_list(page: Page, run: list[Line]) -> bool:
    """True when the markup shows *run* is no menu: not one of its lines is a link, and none
    stands in a landmark of the page's chrome (False for text input, which has no markup)."""
    hints = page.hints
    if not hints:
        return False
    for line in run:
        hint = hints[line.index]
        if hint is None or hint.link_share >= 0.5 or hint.flags & _CHROME_LANDMARKS:
            return False
    return True


@register_filter
class NavigationFilter(Filter):
    name = "navigation"
    description = "Skip links, breadcrumbs, inline menus and runs of short menu lines."
    reasons = ("skip_link", "menu_line", "menu_run")
    firm_reasons = ("skip_link",)

    def __init__(self, min_run_outside: int = 3, min_run_inside: int = 6) -> None:
        self.min_run_outside = min_run_outside
        self.min_run_inside = min_run_inside

    def find(self, page: Page) -> Iterable[Span]:
        skip = cues("navigation", "skip_link")
        home = cues("navigation", "breadcrumb_home")
        taken: set[int] = set()
        for line in page.kept_lines():
            if line.words <= 6 and skip.matches(line.key):
                taken.add(line.index)
                yield self.strip(page, line, "skip_link")
                continue
            parts = self._menu_parts(line)
            if len(parts) >= 3 and all(0 < word_count(p) <= _MAX_ITEM_WORDS and not ends_sentence(p)
                                       for p in parts):
                taken.add(line.index)
                yield self.strip(page, line, "menu_line", "short items between separators")
            elif len(parts) >= 2 and home.matches(cue_key(parts[0])) and all(
                    not ends_sentence(p) and word_count(p) <= 25 for p in parts):
                # "Home > Culture > <this page's title>": the last crumb may be long.
                taken.add(line.index)
                yield self.strip(page, line, "menu_line", "breadcrumb")
        yield from self._menu_runs(page, taken)

    @staticmethod
    def _menu_parts(line: Line) -> list[str]:
        if line.words > 40 or line.length > 400:
            return []
        norm = line.norm
        if not _SEPARATOR_CHARS.search(norm):
            # Every separator has one of these characters; the folded line has no white
            # space at its ends, so unsplit it is its only part.
            return [norm] if norm else []
        parts = [p.strip() for p in _MENU_SEPARATOR.split(norm)]
        return [p for p in parts if p]

    def _menu_runs(self, page: Page, taken: set[int]) -> Iterable[Span]:
        head, tail = first_prose(page), last_prose(page)
        block = title_block(page)
        headings = cues("related", "heading")  # those open teaser blocks: the related filter's job
        run: list[Line] = []

        def flush() -> Iterable[Span]:
            if run:
                inside = head is not None and tail is not None and head < run[0].index and run[-1].index < tail
                need = self.min_run_inside if inside else self.min_run_outside
                if block.title is not None and run[-1].index < block.title:
                    need = 1  # above the article's title: site name, menus, banners
                if len(run) >= need and not _plain_list(page, run) and not _measures(page, run):
                    yield self.strip(page, run[0], "menu_run", f"{len(run)} short link-like lines",
                                     last=run[-1])
                run.clear()

        repeats = page.repeats()
        stripped = page.stripped
        in_title_block = block.lines  # the set TitleBlock's `in` asks, without the method call
        for line in page.content_lines():
            if stripped[line.index] or line.index in taken or line.index in repeats:
                continue  # boilerplate already taken, and copies the collapser will take, do not interrupt a menu
            if line.index not in in_title_block and is_menu_item(line) and not headings.matches(line.key):
                run.append(line)
            else:
                yield from flush()
        yield from flush()
