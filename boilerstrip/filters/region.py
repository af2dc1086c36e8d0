"""The main-content region: the article is one stretch of the page, and what lies outside goes.

An article sits in one contiguous region: its title block, then its running text.

* Above the title a page has its header (site name, menus, banners, a kicker): non-paragraph
  lines there go (``before_title``). On HTML, lines that share the title's ``<article>`` or
  ``<main>`` element are not the page's header but the head of the content itself (a kicker,
  a recipe's ingredients, a product's facts, a listing's first entries above a paragraph):
  they stay for the main-block model to judge. On HTML, a heading above the title found from
  the text that repeats the title the page declares (``og:title``, ``<title>``...) is the real
  title: an article that opens with lists or short lines has its first paragraph far below it.
* After the article's last paragraph, once the page has moved on to its chrome (a block the
  other filters stripped), the short and middling lines that follow go too: tag lists,
  "previous/next" links, widgets (``after_article``).
* The article has ended for good once a sizeable block of boilerplate (three stripped lines in
  a row) comes after most of the page's running text (four fifths of its words): below it,
  comments, author boxes, teasers and widgets follow, paragraphs or not
  (``below_article_end``). On WCXB dev this took the mean token F1 from 0.787 to 0.794; any
  share from 0.7 to 0.85 gave 0.793 to 0.795, so the value is not a fine-tuned number.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..filter import Filter, Span
from ..page import Line, Page
from ..registry import register_filter
from ..shape import is_prose, last_prose, title_block


@register_filter
class RegionFilter(Filter):
    name = "region"
    description = "Non-paragraph lines above the article's title and after its end."
    reasons = ("before_title", "after_article", "below_article_end")

    def __init__(self, end_share: float = 0.8, end_run: int = 3) -> None:
        self.end_share = end_share
        self.end_run = end_run

    def find(self, page: Page) -> Iterable[Span]:
        if self.end_share:
            yield from self._below_end(page)
        block = title_block(page)
        if block.title is not None:
            top = _declared_title_above(page, block.title)
            top = block.title if top is None else top
            container = _content_container(page, top)
            for line in page.kept_lines():
                if line.index >= top:
                    break
                if not is_prose(line) and not _within(page, line, container):
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

    def _below_end(self, page: Page) -> Iterable[Span]:
        """Everything below the block of boilerplate that ends the article.

        That block is the first run of ``end_run`` stripped lines met once ``end_share`` of
        the page's running text (in words) lies above it; earlier blocks (a related box in the
        middle of the article) do not end it.
        """
        content = list(page.content_lines())
        total = sum(l.words for l in content if not page.stripped[l.index] and is_prose(l))
        if not total:
            return
        seen = 0
        run = 0
        for pos, line in enumerate(content):
            if page.stripped[line.index]:
                run += 1
                if run >= self.end_run and seen >= self.end_share * total:
                    for rest in content[pos + 1:]:
                        if not page.stripped[rest.index]:
                            yield self.strip(page, rest, "below_article_end", "after the block that ends the article")
                    return
            else:
                run = 0
                if is_prose(line):
                    seen += line.words


#: Elements that hold a page's content, by tag or ARIA role, as the markup's ``article`` and
#: ``main`` flags read them.
_CONTENT = frozenset({"article", "main"})


def _content_container(page: Page, index: int) -> Any:
    """The nearest ``<article>`` or ``<main>`` element (or ARIA role) around line *index*'s
    block, or None (text input, or a line outside any)."""
    hint = page.hints[index] if page.hints else None
    element = hint.element if hint is not None else None
    while element is not None:
        if element.tag in _CONTENT or element.get("role") in _CONTENT:
            return element
        element = element.getparent()
    return None


def _within(page: Page, line: Line, container: Any) -> bool:
    """True when *line*'s block element lies inside *container* (never when it is None)."""
    if container is None:
        return False
    hint = page.hints[line.index]
    if hint is None or hint.element is None:
        return False
    element = hint.element
    return element is container or any(parent is container for parent in element.iterancestors())


def _declared_title_above(page: Page, title: int) -> int | None:
    """The heading line above line *title* that repeats the title the HTML declares, or None.

    The title found from the text is the headline just above the first paragraph; where the
    article opens with lists or short lines (a recipe, a gallery, a product), that is a
    subheading far below the real title. A heading that repeats the page's ``og:title`` or
    ``<title>`` is the article's title, and the page's header ends above it.
    """
    if page.tree is None or not page.hints:
        return None
    from ..htmlmeta import declares_title

    for line in reversed(page.lines[:title]):
        hint = page.hints[line.index]
        if hint is not None and hint.heading and declares_title(page, line.text):
            return line.index
    return None
