"""The filter contract: a filter looks at a page and answers which lines to strip, and why.

A filter never edits text and never records anything itself. It yields :class:`Span` objects;
the pipeline checks them (in bounds, whole lines, a snake_case reason) and records them.
Writing one takes a few lines::

    from boilerstrip import Filter, register_filter

    @register_filter
    class FarewellFilter(Filter):
        name = "farewell"
        description = "Strips lines that only say goodbye."

        def find(self, page):
            for line in page.kept_lines():
                if line.key in {"bye", "goodbye"}:
                    yield self.strip(page, line, "farewell_line")

A filter that judges better than the ones before it may also yield :class:`Keep` spans: lines an
earlier filter stripped that belong to the article after all. The pipeline puts them back and
records the overruled decision beside the result (``Result.overruled``), so a kept line is
never silently kept either.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable

from .page import Line, Page

__all__ = ["Span", "Keep", "Filter"]


@dataclass(frozen=True, init=False)
class Span:
    """A filter's answer: strip ``source[start:end]`` (whole lines) for ``reason``."""

    start: int
    end: int
    reason: str
    detail: str | None = None

    def __init__(self, start: int, end: int, reason: str, detail: str | None = None) -> None:
        # Written out: a frozen dataclass's generated __init__ sets each field through
        # object.__setattr__, and filters make one Span per stripped line or block.
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["reason"] = reason
        fields["detail"] = detail


class Keep(Span):
    """A filter's answer: keep ``source[start:end]`` (whole lines) for ``reason``, though an
    earlier filter stripped it.

    Lines no earlier filter stripped are kept anyway, and lines a user's keep rule protects
    were never stripped; a Keep over them changes nothing.
    """

    __slots__ = ()


class Filter:
    """Base class of every filter.

    Subclasses set ``name`` (the registry key) and ``description`` (one line), optionally
    ``reasons`` (the codes they emit), and implement :meth:`find`. Options are keyword
    arguments of ``__init__``; the base class rejects any it does not know, naming the filter,
    so a typo in a configuration is caught.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    #: The reason codes :meth:`find` can yield, so users can rely on them without reading the
    #: source: ``boilerstrip filters --json`` and docs/filters.md list them, and a test checks
    #: the built-ins emit no other. Empty means the filter did not declare them.
    reasons: ClassVar[tuple[str, ...]] = ()
    #: The reason codes of the :class:`Keep` spans :meth:`find` can yield (most filters: none).
    keep_reasons: ClassVar[tuple[str, ...]] = ()
    #: The reasons (among ``reasons``) whose lines no later filter may put back: the line *is*
    #: a phrase that names a widget ("Reply", "Advertisement", "Share this article"), and a
    #: score of the line's shape, place or markup is no evidence against its words.
    firm_reasons: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **options: Any) -> None:
        if options:
            raise TypeError(f"filter {self.name!r} takes no option(s): {', '.join(sorted(options))}")

    @classmethod
    def from_options(cls, **options: Any) -> "Filter":
        """Build the filter from configuration options, naming the filter on a bad one."""
        params = {k: p for k, p in inspect.signature(cls.__init__).parameters.items() if k != "self"}
        known = [k for k, p in params.items() if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]
        if not any(p.kind == p.VAR_KEYWORD for p in params.values()) or cls.__init__ is Filter.__init__:
            unknown = sorted(set(options) - set(known))
            if unknown:
                raise TypeError(f"filter {cls.name!r} has no option(s) {', '.join(unknown)}; "
                                f"its options are: {', '.join(known) or '(none)'}")
        return cls(**options)

    def find(self, page: Page) -> Iterable[Span]:
        """Yield the spans to strip. ``page.stripped`` tells what earlier filters took."""
        raise NotImplementedError(f"filter {self.name!r} does not implement find()")

    # ----------------------------------------------------------------- helpers
    @staticmethod
    def strip(page: Page, first: Line | int, reason: str, detail: str | None = None,
              last: Line | int | None = None) -> Span:
        """A span covering line *first* (through *last*, inclusive, if given)."""
        i = first if isinstance(first, int) else first.index
        j = i if last is None else (last if isinstance(last, int) else last.index)
        start, end = page.span(i, j)
        return Span(start, end, reason, detail)

    @staticmethod
    def keep(page: Page, line: Line | int, reason: str, detail: str | None = None) -> Keep:
        """A :class:`Keep` covering *line*: put back a line an earlier filter stripped."""
        i = line if isinstance(line, int) else line.index
        start, end = page.span(i, i)
        return Keep(start, end, reason, detail)

    def __repr__(self) -> str:
        params = inspect.signature(type(self).__init__).parameters
        shown = [f"{k}={getattr(self, k)!r}" for k in params if k not in ("self", "options")
                 and hasattr(self, k)]
        return f"{type(self).__name__}({', '.join(shown)})"
