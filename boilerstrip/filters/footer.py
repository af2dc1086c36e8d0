"""Copyright footers, lines of legal links ("Privacy Policy | Terms of Use | Contact"), and the
line below a post that files it ("Filed under: Politics", "Tags: rust, parsing").

A blog or news post ends with its categories and tags: the site's index of its pages, not the
post's words. Such a line starts with the filing phrase and goes on with a list of names, each
a few words, and no sentence: "Posted in 2019, this essay changed how we..." is the article's.
Blog themes also print it as a sentence of their own ("This entry was posted in News.
Bookmark the permalink."), whose fixed words tell it.
Above the article's first paragraph the line is part of its head ("Posted in News by Jane
Roe") and stays with it.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter
from ..shape import ends_sentence, first_prose, last_prose

_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:[|·•‧∙/]|\s{2,}|\t)\s*")
#: In normalize() form spaces are single and tabs gone: only these characters can split a line.
_SEPARATOR_CHARS = re.compile(r"[|·•‧∙/]")
_MAX_WORDS = 40
_MAX_LINK_LINE = 30  # a line made only of legal link names is shorter than this
_MAX_FILED_WORDS = 30  # "This entry was posted in A, B and tagged C, D. Bookmark the permalink."


#: What separates the names after a filing phrase ("Tags: rust, parsing | tools").
_NAME_SEPARATORS = re.compile(r"\s*[,;|·•/]\s*")
_MAX_NAME_WORDS = 6


def _names_only(rest: str) -> bool:
    """True when *rest* (a line after its filing phrase) is a list of names: each part between
    separators a few words long, none ending a sentence. An empty rest is not: a lone "Category"
    or "Tags" may be a heading or a table's label as well."""
    rest = rest.strip(" :-–—")
    return bool(rest) and all(len(part.split()) <= _MAX_NAME_WORDS and not ends_sentence(part)
               for part in _NAME_SEPARATORS.split(rest) if part)


def _copyright_mark(norm: str) -> re.Match | None:
    """``_COPYRIGHT.search(norm[:40])``, without the search for an ASCII line that holds
    neither "(c)" nor "copyright": a folded ASCII line is lowercase, "©" is not ASCII, so
    such a line cannot match (most lines; case-insensitive matching of non-ASCII text, which
    also finds "ı" for "i", is left to the regex)."""
    head = norm[:40]
    if head.isascii() and "(c)" not in head and "copyright" not in head:
        return None
    return _COPYRIGHT.search(head)


@register_filter
class FooterFilter(Filter):
    name = "footer"
    description = "Copyright notices, lines or lists of legal links, and the line filing a post under its categories or tags."
    reasons = ("copyright_notice", "legal_links", "filed_under")
    firm_reasons = ("legal_links", "filed_under")

    def find(self, page: Page) -> Iterable[Span]:
        contains = cues("footer", "contains")
        legal = cues("footer", "legal")
        filed = cues("footer", "filed_under")
        filed_sentence = cues("footer", "filed_sentence")
        tail = last_prose(page)
        head = first_prose(page)
        run: list = []

        def flush():
            # One legal link on its own line is only taken below the article; two or more
            # in a row are a link list wherever they are.
            if len(run) >= 2 or (run and (tail is None or run[0].index > tail)):
                for item in run:
                    yield self.strip(page, item, "legal_links")
            run.clear()

        for line in page.kept_lines():
            if line.words <= _MAX_WORDS:
                # The first mark found starts the line, or a short line has one anywhere.
                mark = _copyright_mark(line.norm)
                if mark and (mark.start() == 0 or line.words <= 15):
                    yield from flush()
                    yield self.strip(page, line, "copyright_notice")
                    continue
                phrase = contains.contained_in(line.norm, line.norm_tokens)
                # "Theme by ..." / "All rights reserved" inside the article's running text
                # must be short to be a footer line; below the article any length is.
                if phrase and (line.words <= 15 or tail is None or line.index > tail):
                    yield from flush()
                    yield self.strip(page, line, "copyright_notice", f"contains {phrase!r}")
                    continue
                if head is not None and line.index > head:
                    phrase = filed.starts(line.key) if line.words <= _MAX_FILED_WORDS else None
                    if phrase and _names_only(line.key[len(phrase):]):
                        yield from flush()
                        yield self.strip(page, line, "filed_under", f"starts {phrase!r}")
                        continue
                    phrase = filed_sentence.contained_in(line.norm, line.norm_tokens)
                    if phrase:
                        yield from flush()
                        yield self.strip(page, line, "filed_under", f"contains {phrase!r}")
                        continue
                parts = ([p for p in _SEPARATORS.split(line.norm) if p]
                         if line.words <= _MAX_LINK_LINE and _SEPARATOR_CHARS.search(line.norm) else [])
                if len(parts) >= 2 and all(legal.matches(p.strip(" .:")) for p in parts):
                    yield from flush()
                    yield self.strip(page, line, "legal_links")
                    continue
                if legal.matches(line.key):
                    run.append(line)
                    continue
            yield from flush()
        yield from flush()
