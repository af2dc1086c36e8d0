"""Copyright footers and lines of legal links ("Privacy Policy | Terms of Use | Contact")."""

from __future__ import annotations

import re
from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter
from ..shape import last_prose

_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:[|·•‧∙/]|\s{2,}|\t)\s*")
#: In normalize() form spaces are single and tabs gone: only these characters can split a line.
_SEPARATOR_CHARS = re.compile(r"[|·•‧∙/]")
_MAX_WORDS = 40
_MAX_LINK_LINE = 30  # a line made only of legal link names is shorter than this


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
    description = "Copyright notices and lines or lists of legal links."
    reasons = ("copyright_notice", "legal_links")
    firm_reasons = ("legal_links",)

    def find(self, page: Page) -> Iterable[Span]:
        contains = cues("footer", "contains")
        legal = cues("footer", "legal")
        tail = last_prose(page)
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
