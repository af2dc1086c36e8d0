"""Blocks of teasers for other pages: "Related articles", "You may also like", "Most read"...

A block is a heading from the cue tables followed by teaser items. A teaser item is one or
more short lines (category labels, a headline, often printed twice) and at most one teaser
paragraph (a short teaser sentence counts as that paragraph). Running text does not have
that rhythm: the block ends at the first paragraph that is not directly preceded by a
headline line, or that is directly followed by another paragraph (unless it is cut short
with an ellipsis, as teasers are); that is where the article resumes when the block sits in
its middle. Teasers also stand together: more than three lines of other boilerplate (a
menu, a share bar, stripped by earlier filters) between two of them end the block. On a page
with no article at all (never two paragraphs in a row: a listing, a homepage), teaser blocks
are the page's content and stay (a page with no paragraph at all is no listing).

A heading phrase printed three times or more ("Read more" under every teaser of a listing)
is a link label, not the heading of one block: each copy goes on its own.

The same phrases also label single links set into an article, on one line with the headline
they point to: "Read more: Looted colonial art...", "Lea también: ...", "Weiterlesen » ...".
Such a line is a pointer to another page, not a sentence of this one, and goes on its own
(``related_link``). On HTML the headline must be a link (most of the line's characters inside
``<a>``), so that "Related: the study's authors..." written as text stays.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Line, Page, cue_key
from ..registry import register_filter
from ..shape import ends_sentence, is_headline, is_prose

_HEADING_MAX_WORDS = 8
#: A pointer line is a label and a headline; a longer line is a paragraph that starts with one.
_LINK_LINE_MAX_WORDS = 30
#: Part of a pointer line's characters that must sit inside links, on HTML.
_LINK_LINE_LINK_SHARE = 0.5
#: What separates a pointer's label from its headline: "Read more: X", "Weiterlesen » X".
_LABEL_END = re.compile(r"[:：»|>]")
#: Brackets a pointer line may stand in: "(Read more: X)", "[ Read more: X ]".
_OPENERS = "([ "
#: A block heading stands once on a page; a label printed this often is a per-item link.
_LINK_REPEATS = 3


#: A block's teasers stand together. More lines than this of other boilerplate (a menu, a
#: share bar) between two of them means the block ended before them: without this limit a
#: heading in the page header ran on through the mega-menu into the article.
_MAX_GAP = 3


def _is_listing(content: list[Line], copies: set[int]) -> bool:
    """True when the kept lines are teasers with no article: never two paragraphs in a row.

    Listings, homepages and category pages alternate headlines and one-paragraph teasers;
    there, the teaser blocks under "Latest news" or "Most read" are what the page is for. A
    page with no paragraph at all (a box of bare headlines amid menus) is not a listing.
    What stands between two teasers is each one's own headline. A line that repeats an
    earlier one, kept or already stripped (*copies*: a "Read more" under every item, a menu
    item printed twice), or a "Read more: <headline>" pointer set into an article, does not
    separate two paragraphs: ``related`` or ``repeated`` strips it too, and the clean text
    must be judged as the page was.
    """
    in_a_row = 0
    any_prose = False
    for line in content:
        if line.index in copies:
            continue
        prose = is_prose(line)
        any_prose = any_prose or prose
        in_a_row = in_a_row + 1 if prose else 0
        if in_a_row >= 2:
            return False
    return any_prose


def _lines_between(page: Page, above: Line, below: Line) -> int:
    """Non-blank lines between two kept lines: the ones earlier filters stripped."""
    lines = page.lines
    return sum(1 for i in range(above.index + 1, below.index) if not lines[i].is_blank)


@register_filter
class RelatedFilter(Filter):
    name = "related"
    description = "'Related articles' / 'Most read' / 'You may also like' blocks of teasers."
    reasons = ("related_block", "related_heading", "teaser_link", "related_link")
    firm_reasons = ("related_heading",)

    def find(self, page: Page) -> Iterable[Span]:
        headings = cues("related", "heading")
        content: list[Line] = list(page.kept_lines())
        found = {line.index for line in content if line.words <= _HEADING_MAX_WORDS and headings.matches(line.key)}
        pointers = {line.index: label for line in content if line.index not in found
                    for label in [_pointer_label(page, line, headings)] if label}
        if not found and not pointers:
            return
        # Teasers with no article to be related to are the page's content; its per-item
        # "Read more" links are still links.
        listing = _is_listing(content, page.copies() | pointers.keys())
        uses = Counter(line.key for line in content if line.index in found)
        pos = 0
        while pos < len(content):
            line = content[pos]
            if uses.get(line.key, 0) >= _LINK_REPEATS and line.words <= _HEADING_MAX_WORDS:
                # The same "Read more" under every teaser of a listing is a link, not a heading.
                yield self.strip(page, line, "teaser_link", f"{line.text.strip()[:40]!r} occurs {uses[line.key]} times")
                pos += 1
            elif line.index in pointers and not listing:
                yield self.strip(page, line, "related_link", f"a {pointers[line.index]!r} link to another page")
                pos += 1
            elif line.index in found and not listing:
                end = self._block_end(page, content, pos)
                reason = "related_block" if end > pos else "related_heading"
                yield self.strip(page, line, reason, f"block under {line.text.strip()[:60]!r}",
                                 last=content[end])
                pos = end + 1
            else:
                pos += 1

    @staticmethod
    def _block_end(page: Page, content: list[Line], heading: int) -> int:
        """Index of the last line of the teaser block whose heading is at *heading*."""
        last = heading
        after_headline = False  # the previous line was a headline-shaped line of an item
        for pos in range(heading + 1, len(content)):
            line = content[pos]
            if _lines_between(page, content[pos - 1], line) > _MAX_GAP:
                break  # other boilerplate in between: this block is over
            if line.words == 0:  # bullets, rules, icons
                last = pos
            elif is_prose(line):
                if not after_headline:
                    break  # running text with no headline above it: the article goes on
                following = content[pos + 1] if pos + 1 < len(content) else None
                truncated = line.text.rstrip().endswith(("...", "…", "[…]", "[...]"))
                if following is not None and is_prose(following) and not truncated:
                    break  # two paragraphs in a row: that is the article resuming, not a teaser
                last = pos
                after_headline = False
            elif is_headline(line):
                last = pos
                # A short sentence is a teaser's text, not its headline: prose after it is
                # not that teaser's paragraph.
                after_headline = not ends_sentence(line.text)
            else:
                break
        return last


def _pointer_label(page: Page, line: Line, headings) -> str | None:
    """The label of *line* when it is a single "Read more: <headline>" pointer, else None."""
    if not 3 <= line.words <= _LINK_LINE_MAX_WORDS:
        return None
    text = line.text.lstrip(_OPENERS)
    mark = _LABEL_END.search(text, 0, 60)
    if mark is None:
        return None
    label = text[:mark.start()].strip()
    rest = text[mark.end():]
    if not label or len(rest.split()) < 2 or len(label.split()) > _HEADING_MAX_WORDS:
        return None
    if not headings.matches(cue_key(label)):
        return None
    if page.hints is not None:
        hint = page.hints[line.index]
        if hint is None or hint.link_share < _LINK_LINE_LINK_SHARE:
            return None
    return label
