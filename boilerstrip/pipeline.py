"""The pipeline: runs filters in order, checks their answers, records every stripped line.

Filters decide, the pipeline records. A filter that returns a span outside the page, a span
that does not start and end on line boundaries, or a reason that is not a snake_case code
gets a :class:`FilterError` naming it, instead of silently corrupting the result.

Because the pipeline records, it is also where a user's "keep this line" rules (per-site
``keep`` rules, see :mod:`boilerstrip.sites`) are enforced: the lines they protect are marked
as decided before any filter runs, so every filter's span over them is refused there, and the
filters see those lines as kept. A pipeline without keep rules does no per-line work for them.

A filter may also overrule an earlier one by yielding a :class:`~boilerstrip.filter.Keep` over
lines it stripped (the main-block line model does, on HTML). The pipeline puts the lines back
and records both decisions in ``Result.overruled``; later filters see the lines as kept, and
if one strips them again, that last decision stands and the record goes.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence, Union

from .cues import check_extra_cues, extra_cues
from .errors import FilterError
from .filter import Filter, Keep, Span
from .htmltext import DomPaths
from .page import Page
from .registry import get_filter
from .result import Overruled, Result, Segment, rebuild_text
from .sites import SiteRules

__all__ = ["Pipeline", "DEFAULT_FILTERS", "RULE_FILTERS", "default_pipeline"]

#: The built-in filters in the order the default pipeline runs them. Specific, cue-driven
#: filters come first so that their reasons are the ones recorded; navigation, which judges
#: by shape alone (runs of short lines), comes after them, so it finds the article's first
#: paragraph and title with banners and share bars already out of the way; the related-block
#: detector then looks through what they took; the region filter trims what stands outside
#: the article once the others have found its edges; the repeated-paragraph collapser comes
#: after them because it uses what the others stripped to tell teasers from text; the
#: main-block model runs last, because every rule's decision is one of its features.
DEFAULT_FILTERS: tuple[str, ...] = (
    "consent",
    "comments",
    "captions",
    "share",
    "newsletter",
    "ads",
    "footer",
    "navigation",
    "related",
    "region",
    "repeated",
    "main_block",
)
#: The rule filters: every default filter but the main-block model, which learns on top of
#: their decisions (each one is a feature column, in this order).
RULE_FILTERS: tuple[str, ...] = tuple(name for name in DEFAULT_FILTERS if name != "main_block")

_REASON = re.compile(r"[a-z][a-z0-9_]*\Z")
#: Reasons _REASON has accepted (filters give a few, once per stripped line or block).
_GOOD_REASONS: set[str] = set()


def _good_reason(reason: str) -> bool:
    """True when *reason* is a snake_case code; remembered (up to a few thousand reasons)."""
    if not _REASON.match(reason):
        return False
    if len(_GOOD_REASONS) < 4096:
        _GOOD_REASONS.add(reason)
    return True
FilterSpec = Union[str, Filter, type]
#: The name of the filter that runs per-site strip rules (boilerstrip/filters/site_rules.py).
SITE_RULES = "site_rules"
#: What a line protected by a keep rule is marked with while the filters run.
_PROTECTED = ("", "", None)


def _instantiate(spec: FilterSpec, site_rules: SiteRules | None = None) -> Filter:
    if isinstance(spec, Filter):
        return spec
    cls = get_filter(spec) if isinstance(spec, str) else spec
    if isinstance(cls, type) and issubclass(cls, Filter):
        # The site-rules filter named in a pipeline that has site rules runs them.
        return cls(site_rules) if cls.name == SITE_RULES and site_rules is not None else cls()
    raise TypeError(f"a pipeline takes filter names, Filter classes or Filter instances, not {spec!r}")


class Pipeline:
    """An ordered list of filters, callable on a page.

    >>> from boilerstrip import Pipeline
    >>> pipeline = Pipeline(["comments", "related"])
    >>> pipeline("Title\\n\\nText of the article.\\n\\nLeave a Reply\\n").text
    'Title\\n\\nText of the article.'

    *site_rules* (:class:`~boilerstrip.sites.SiteRules`) apply to pages whose URL is known:
    their strip rules run as the ``site_rules`` filter (first, unless *filters* names it
    elsewhere), their keep rules protect lines from every filter. *extra_cues* adds cue
    phrases for this pipeline only, in the cue files' layout (``{"comments": {"form_heading":
    ["Schreib uns was"]}}``); other pipelines, in this thread or another, do not see them.
    A configuration file builds both (see :mod:`boilerstrip.config`).
    """

    def __init__(self, filters: Sequence[FilterSpec] | None = None, *,
                 site_rules: SiteRules | None = None,
                 extra_cues: Mapping[str, Mapping[str, Sequence[str]]] | None = None) -> None:
        if site_rules is not None and not isinstance(site_rules, SiteRules):
            raise TypeError(f"site_rules must be a SiteRules (SiteRules.from_mapping(...)), "
                            f"not {type(site_rules).__name__}")
        specs = list(DEFAULT_FILTERS if filters is None else filters)
        if site_rules is not None and site_rules.has_strip and not any(
                spec == SITE_RULES or getattr(spec, "name", None) == SITE_RULES for spec in specs):
            specs.insert(0, SITE_RULES)
        self.filters: list[Filter] = [_instantiate(spec, site_rules) for spec in specs]
        names = [f.name for f in self.filters]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"a pipeline runs each filter once; repeated: {', '.join(dupes)}")
        self.site_rules = site_rules
        #: Only a pipeline with keep rules looks for protected lines on each page.
        self._keeps = site_rules is not None and site_rules.has_keep
        self.extra_cues = check_extra_cues(extra_cues) if extra_cues else {}

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.filters]

    def __repr__(self) -> str:
        return f"Pipeline({self.names!r})"

    def __call__(self, page: str | bytes, *, kind: str = "auto", url: str | None = None) -> Result:
        from .api import strip

        return strip(page, kind=kind, url=url, pipeline=self)

    # ------------------------------------------------------------------ running
    def run(self, page: Page) -> list[Segment]:
        """Run every filter on *page* and return the stripped segments in source order."""
        decided: list[Any] = [None] * len(page.lines)
        protected = self.site_rules.kept_lines(page) if self._keeps else ()
        for i in protected:
            decided[i] = _PROTECTED  # decided already: every filter's span over it is refused
        if self.extra_cues:
            with extra_cues(self.extra_cues):
                self._run_filters(page, decided)
        else:
            self._run_filters(page, decided)
        for i in protected:
            decided[i] = None
        return self._segments(page, decided)

    def _run_filters(self, page: Page, decided: list[Any]) -> None:
        overruled: dict[int, tuple] = {}
        firm: set[int] = set()  # lines stripped for one of their filter's firm_reasons
        for flt in self.filters:
            try:
                spans = list(flt.find(page))
            except FilterError:
                raise
            except Exception as exc:
                raise FilterError(flt.name, f"raised {type(exc).__name__}: {exc}") from exc
            newly: list[int] = []
            restored: list[int] = []
            edges = _line_edges(page)
            firm_reasons = flt.firm_reasons
            for span in spans:
                first, last = self._check(flt, page, span, edges)
                if isinstance(span, Keep):
                    restored += self._keep(flt, page, span, first, last, decided, overruled, firm)
                    continue
                is_firm = span.reason in firm_reasons
                for i in range(first, last + 1):
                    if not page.lines[i].is_blank and decided[i] is None:
                        decided[i] = (flt.name, span.reason, span.detail)
                        newly.append(i)
                        if is_firm:
                            firm.add(i)
            # Later filters see this filter's decisions; within one filter they do not change.
            for i in newly:
                page.stripped[i] = True
                page.stripped_by[i] = flt.name
            if overruled and newly:  # stripped again after all: the last decision is the one that stands
                for i in newly:
                    overruled.pop(i, None)
            for i in restored:
                page.unstrip(i)
        page.overruled = self._overruled(page, overruled)

    @staticmethod
    def _keep(flt: Filter, page: Page, span: Keep, first: int, last: int, decided: list[Any],
              overruled: dict[int, tuple], firm: set[int]) -> list[int]:
        """Put back the lines of *span* an earlier filter stripped; note whose decision it was.

        A line no filter stripped, one a keep rule protects, one this filter stripped itself,
        and one stripped for a firm reason (:attr:`Filter.firm_reasons`) stay as they are.
        """
        restored = []
        for i in range(first, last + 1):
            was = decided[i]
            if was is None or was is _PROTECTED or was[0] == flt.name or i in firm:
                continue
            overruled[i] = (was[0], was[1], flt.name, span.reason, span.detail)
            decided[i] = None
            restored.append(i)
        return restored

    @staticmethod
    def _overruled(page: Page, overruled: dict[int, tuple]) -> list[Overruled]:
        """The put-back lines as :class:`Overruled` records, consecutive lines with the same
        decisions merged (blank lines between allowed), in source order."""
        notes: list[Overruled] = []
        run: list = []  # [first, last, decision]
        for i in sorted(overruled):
            note = overruled[i]
            if run and run[2] == note and all(line.is_blank for line in page.lines[run[1] + 1:i]):
                run[1] = i
                continue
            if run:
                notes.append(_overruled_record(page, *run))
            run = [i, i, note]
        if run:
            notes.append(_overruled_record(page, *run))
        return notes

    @staticmethod
    def _check(flt: Filter, page: Page, span: Span,
               edges: dict[str, dict[int, int]] | None = None) -> tuple[int, int]:
        """The first and last line of *span*, a span *flt* found on *page*, after checking it
        (*edges*: ``_line_edges(page)``, when the caller has it)."""
        if not isinstance(span, Span):
            raise FilterError(flt.name, f"find() must yield Span objects, got {span!r}")
        reason = span.reason
        if not isinstance(reason, str) or (reason not in _GOOD_REASONS and not _good_reason(reason)):
            raise FilterError(flt.name, f"reason must be a snake_case code, got {span.reason!r}")
        start, end = span.start, span.end
        if not (isinstance(start, int) and isinstance(end, int)):
            raise FilterError(flt.name, f"span offsets must be ints, got {span.start!r}, {span.end!r}")
        if not 0 <= start < end <= len(page.source):
            raise FilterError(flt.name, f"span {span.start}:{span.end} is outside the page "
                                        f"(0:{len(page.source)}) or empty")
        if edges is None:
            edges = _line_edges(page)
        first = edges["start"].get(start)
        last = edges["end"].get(end)
        if first is None or last is None or first > last:
            raise FilterError(flt.name, f"span {span.start}:{span.end} does not cover whole lines")
        return first, last

    @staticmethod
    def _segments(page: Page, decided: list[tuple[str, str, str | None] | None]) -> list[Segment]:
        """Merge consecutive lines with the same decision (blank lines between allowed)."""
        segments: list[Segment] = page_segments(page)
        run_first = run_last = -1
        run_decision = None

        def close() -> None:
            if run_decision is not None:
                start, end = page.span(run_first, run_last)
                segments.append(Segment(start, end, run_decision[0], run_decision[1],
                                        page.source[start:end], run_decision[2],
                                        _dom_path(page, run_first, run_last)))

        for line in page.lines:
            if line.is_blank:
                continue
            d = decided[line.index]
            if d is not None and d == run_decision:
                run_last = line.index
                continue
            close()
            run_decision = d
            run_first = run_last = line.index
        close()
        return segments


def _overruled_record(page: Page, first: int, last: int, note: tuple) -> Overruled:
    start, end = page.span(first, last)
    return Overruled(start, end, note[0], note[1], page.source[start:end], note[2], note[3], note[4])


def _dom_path(page: Page, first: int, last: int) -> str | None:
    """XPath of the innermost element holding lines *first* to *last* (HTML pages only).

    That is the lines' block elements' deepest common ancestor: two paths agree step for step
    exactly as far as the elements share ancestors, so only that one element's path is asked
    for, not every block element's.
    """
    if page.hints is None:
        return None
    if first == last:  # one line, as most segments are: its own block element
        hint = page.hints[first]
        blocks = [] if hint is None else [hint.element]
    else:
        blocks = list({id(hint.element): hint.element
                       for hint in page.hints[first:last + 1] if hint is not None}.values())
    if not blocks:
        return None
    holder = blocks[0] if len(blocks) == 1 else _common_ancestor(blocks)
    if holder is None:
        return "/"  # elements of different top-level trees share no step
    try:
        return _dom_paths(page).path(holder)
    except (AttributeError, ValueError):  # what DomHint.path() gives for an unusable element
        return ""


def _common_ancestor(elements: list) -> Any:
    """The deepest element that is, or is an ancestor of, each of *elements* (None if none is)."""
    first = elements[0]
    chain = [first, *first.iterancestors()][::-1]  # from the root down to the first element
    depth = {el: k for k, el in enumerate(chain)}
    deepest = len(chain) - 1
    for el in elements[1:]:
        while el is not None and el not in depth:
            el = el.getparent()
        if el is None:
            return None
        deepest = min(deepest, depth[el])
    return chain[deepest]


def _dom_paths(page: Page) -> DomPaths:
    """The page's path finder, made on first use: segments share ancestors, it shares steps."""
    finder = page._memo.get("dom_paths")
    if finder is None:
        finder = page._memo["dom_paths"] = DomPaths()
    return finder


def page_segments(page: Page) -> list[Segment]:
    """What the pipeline itself strips before any filter: a leading byte-order mark."""
    if not page.content_start:
        return []
    return [Segment(0, page.content_start, "page", "byte_order_mark",
                    page.source[:page.content_start], "a BOM is not page text")]


def _line_edges(page: Page) -> dict[str, dict[int, int]]:
    """Line index by start offset and by end offset, made once per page.

    Both offsets strictly increase from line to line (an empty line's start and end equal
    each other, but a line break separates it from its neighbours), so each maps one to one.
    """
    edges = page._memo.get("line_edges")
    if edges is None:
        lines = page.lines
        edges = page._memo["line_edges"] = {"start": {line.start: line.index for line in lines},
                                            "end": {line.end: line.index for line in lines}}
    return edges


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The built-in filters in their default order (built once, then shared)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def build_result(page: Page, segments: list[Segment], meta: dict, kind: str) -> Result:
    """Assemble the Result; the clean text is always rebuilt from the segments."""
    return Result(page.source, rebuild_text(page.source, segments, page=page), segments, meta, kind,
                  list(page.overruled))
