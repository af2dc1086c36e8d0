"""Small builders shared by the filter tests."""

from __future__ import annotations

import boilerstrip

ARTICLE = [
    "Harbour town opens its first public library in forty years",
    "The town council opened the new library on Monday after a decade of fundraising by residents and local businesses.",
    "More than two thousand people visited on the first day, and the children's room ran out of library cards by noon.",
    "The building, a former fish market, was restored with help from a regional heritage fund and volunteers.",
]


def page(*blocks: str) -> str:
    """Blocks separated by blank lines, as scrapers print them."""
    return "\n\n".join(blocks) + "\n"


def run(filter_name: str, text: str) -> boilerstrip.Result:
    """Run one filter alone on *text*."""
    return boilerstrip.Pipeline([filter_name])(text, kind="text")


def reasons(result: boilerstrip.Result) -> list[tuple[str, str]]:
    return [(s.filter, s.reason) for s in result.stripped]


def stripped_texts(result: boilerstrip.Result) -> list[str]:
    return [s.text for s in result.stripped]
