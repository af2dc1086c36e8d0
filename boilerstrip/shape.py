"""Plain facts about the shape of a line, shared by the filters and the metadata step.

These are deliberately simple, language-neutral measures (word counts, terminal
punctuation), the first stage of a jusText-style paragraph model carried over to text.
"""

from __future__ import annotations

from .dates import parse_date
from .page import Line, Page

__all__ = ["is_prose", "is_headline", "ends_sentence", "first_prose", "last_prose",
           "is_byline", "TitleBlock", "title_block"]

#: How bylines start, in the languages of the cue tables ("By Jane Doe", "Von ...", "Par ...").
_BYLINE_PREFIXES = ("by ", "posted by ", "written by ", "von ", "par ", "por ", "di ", "door ",
                    "av ", "af ", "autor:", "author:", "auteur :", "auteur:", "autore:", "przez ",
                    "yazar:", "автор:", "tekst:", "text:", "escrito por ", "publicado por ",
                    "作者:", "文:", "文/", "記者:", "著者:", "撰文:", "기자:", "글:")

_SENTENCE_END = tuple(".!?。！？…")
_CLOSERS = "\"'”’»)]」』）"


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence (closing quotes and brackets looked through)."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped.endswith(_SENTENCE_END)


def is_prose(line: Line) -> bool:
    """A line of running text: a dozen words ending like a sentence, or a long run of words.

    Menus, labels, headlines and buttons are shorter than this; body paragraphs are not.
    """
    words = line.words
    return words >= 25 or (words >= 12 and ends_sentence(line.text))


def is_headline(line: Line) -> bool:
    """A line shaped like a title or teaser headline: a few words, not a sentence paragraph."""
    return 1 <= line.words <= 25 and line.length <= 250 and not (line.words >= 12 and ends_sentence(line.text))


def first_prose(page: Page) -> int | None:
    """Index of the first kept prose line on the page."""
    return page.memo("first_prose", _first_prose)


def _first_prose(page: Page) -> int | None:
    stripped = page.stripped
    for index in _prose_lines(page):
        if not stripped[index]:
            return index
    return None


def _prose_lines(page: Page) -> list[int]:
    """Indices of the page's prose lines, stripped or not, in order.

    Whether a line is prose depends on its text alone, so they are listed once per page:
    first_prose and last_prose, asked again each time a filter has stripped something, then
    look only at these lines instead of walking the page and testing every line again.
    """
    found = page._memo.get("prose_lines")
    if found is None:
        found = page._memo["prose_lines"] = [line.index for line in page.content_lines() if is_prose(line)]
    return found


def last_prose(page: Page) -> int | None:
    """Index of the last kept prose line on the page that is not a copy of an earlier line.

    A paragraph printed again further down (a lead echoed in a teaser) says nothing about
    where the article ends; ignoring copies also keeps the answer the same once the
    repeated-paragraph collapser has removed them.
    """
    return page.memo("last_prose", _last_prose)


def _last_prose(page: Page) -> int | None:
    repeats = page.repeats()
    stripped = page.stripped
    for index in reversed(_prose_lines(page)):
        if not stripped[index] and index not in repeats:
            return index
    return None


def is_byline(line: Line) -> bool:
    """A short line naming the author: "By Jane Doe", "Von Katrin Oberländer"."""
    return line.words <= 12 and line.norm.startswith(_BYLINE_PREFIXES)


class TitleBlock:
    """The article's head: its title line and the bylines/datelines between it and the text."""

    def __init__(self, title: int | None, lines: set[int]) -> None:
        self.title = title
        self.lines = lines

    def __contains__(self, index: int) -> bool:
        return index in self.lines


def title_block(page: Page) -> TitleBlock:
    """Find the title block just above the first paragraph of running text (see _title_block)."""
    return page.memo("title_block", _title_block)


def _title_block(page: Page) -> TitleBlock:
    """Find the title block just above the first paragraph of running text.

    Walking up from that paragraph: bylines, datelines and a short standfirst belong to the
    block; the first headline of four words or more above them that does not end with a
    full stop is the title, and ends the block. Shorter lines on the way ("Share", "Print")
    are passed over, and only taken as the title when nothing longer stands above them.
    """
    start = first_prose(page)
    if start is None:
        return TitleBlock(None, set())
    lines: set[int] = set()
    fallback: int | None = None
    line = page.prev_content(start, kept_only=True)
    for _ in range(8):
        if line is None:
            break
        stripped_text = line.text.rstrip()
        if is_byline(line) or (line.words <= 15 and parse_date(line.text) is not None):
            lines.add(line.index)
        elif is_headline(line) and stripped_text.endswith("."):
            lines.add(line.index)  # a short standfirst; the title is above it
        elif is_headline(line) and not stripped_text.endswith(":"):
            if line.words >= 4:
                lines.add(line.index)
                return TitleBlock(line.index, lines)
            if fallback is None:
                fallback = line.index
        else:
            break
        line = page.prev_content(line.index, kept_only=True)
    if fallback is not None:
        lines.add(fallback)
    return TitleBlock(fallback, lines)
