"""Metadata from the kept text: the title and the date of the article.

The title is the headline just above the first paragraph of running text; the date comes
from a dateline ("Last Updated on June 28, 2024 1:50 pm") near the top of the article.
"""

from __future__ import annotations

from typing import Any

from .dates import parse_date
from .page import Page
from .shape import first_prose, is_headline, title_block

__all__ = ["extract_meta"]

_DATELINE_SEARCH = 6  # kept lines around the title where a dateline may stand


def extract_meta(page: Page) -> dict[str, Any]:
    """``title`` (or None) and, when a dateline is present, ``date`` (ISO) and ``time``."""
    meta: dict[str, Any] = {"title": None}
    kept = list(page.kept_lines())
    if not kept:
        return meta
    block = title_block(page)
    title_pos = None
    if block.title is not None:
        title_pos = next(i for i, line in enumerate(kept) if line.index == block.title)
    elif first_prose(page) is None and is_headline(kept[0]):
        title_pos = 0
    if title_pos is not None:
        meta["title"] = kept[title_pos].text.strip()
    around = kept[max(0, (title_pos or 0) - 2):(title_pos or 0) + _DATELINE_SEARCH]
    for line in around:
        if line.words <= 15:
            found = parse_date(line.text)
            if found:
                meta.update(found)
                meta["dateline"] = line.text.strip()
                break
    return meta
