"""The result of stripping a page: clean text, every stripped segment, metadata.

The clean text is never built by editing strings inside filters. It is rebuilt here from the
source and the stripped segments by one rule, :func:`rebuild_text`, so the segments are a
complete explanation of the difference (the idea of ftfy's ``fix_and_explain``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

from .page import Line, Page

__all__ = ["Segment", "Overruled", "Result", "rebuild_text", "covering_segments"]


@dataclass(frozen=True, init=False)
class Segment:
    """One stripped span of the source: ``text == source[start:end]``.

    ``filter`` is the registered name of the filter that stripped it, ``reason`` a stable
    snake_case code that tests and users can rely on, ``detail`` optional human words.
    For HTML input, ``dom_path`` is the XPath of the element that holds the whole segment
    (the innermost common ancestor of its lines' block elements).
    """

    start: int
    end: int
    filter: str
    reason: str
    text: str
    detail: str | None = None
    dom_path: str | None = None

    def __init__(self, start: int, end: int, filter: str, reason: str, text: str,
                 detail: str | None = None, dom_path: str | None = None) -> None:
        # Written out, as Span's: cheaper than the generated frozen __init__.
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["filter"] = filter
        fields["reason"] = reason
        fields["text"] = text
        fields["detail"] = detail
        fields["dom_path"] = dom_path

    def to_dict(self) -> dict[str, Any]:
        data = {"start": self.start, "end": self.end, "filter": self.filter,
                "reason": self.reason, "text": self.text}
        if self.detail:
            data["detail"] = self.detail
        if self.dom_path:
            data["dom_path"] = self.dom_path
        return data


@dataclass(frozen=True)
class Overruled:
    """Lines a filter stripped and a later filter put back: ``text == source[start:end]``,
    and the text is in ``Result.text``.

    ``filter`` and ``reason`` are the decision that was overruled (``navigation``,
    ``menu_run``); ``kept_by``, ``keep_reason`` and ``detail`` say which filter kept the lines
    and why (``main_block``, ``content_inside_main_block``, ``line score 0.91; ...``).
    """

    start: int
    end: int
    filter: str
    reason: str
    text: str
    kept_by: str
    keep_reason: str
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"start": self.start, "end": self.end, "filter": self.filter, "reason": self.reason,
                "text": self.text, "kept_by": self.kept_by, "keep_reason": self.keep_reason}
        if self.detail:
            data["detail"] = self.detail
        return data


def rebuild_text(source: str, segments: Iterable[Segment], *, page: Page | None = None) -> str:
    """The clean text: *source* minus the lines the segments cover, blank-line runs collapsed.

    A non-blank line is removed when a segment covers all of it; blank lines always stay, so
    paragraphs that were apart stay apart. Runs of blank lines become one blank line, blank
    lines at the edges go, and lines are joined with ``\\n`` whatever the source used.
    """
    if page is None or page.source is not source:
        page = Page.from_text(source)
    out: list[str] = []
    pending_blank = False
    for line, owner in covering_segments(page, sorted(segments, key=_span)):
        if line.is_blank:
            pending_blank = bool(out)
            continue
        if owner is not None:
            continue
        if pending_blank:
            out.append("")
            pending_blank = False
        out.append(line.text)
    return "\n".join(out)


def _span(segment: Segment) -> tuple[int, int]:
    return segment.start, segment.end


def covering_segments(page: Page, segments: Sequence[Segment]) -> Iterator[tuple[Line, int | None]]:
    """Each line of *page* with the index of the segment that covers all of it, or None.

    *segments* must be in (start, end) order. This is the one rule that says which lines a
    result strips: :func:`rebuild_text` builds the clean text by it, and the views of
    :mod:`boilerstrip.views` show each line's decision by it, so the two cannot disagree.
    Blank lines are never covered. Lines and segments are each walked once, in order.
    """
    j = 0
    for line in page.lines:
        if line.is_blank:
            yield line, None
            continue
        while j < len(segments) and segments[j].end < line.end:
            j += 1
        owner = None
        k = j
        while k < len(segments) and segments[k].start <= line.start:
            if segments[k].end >= line.end:
                owner = k
                break
            k += 1
        yield line, owner


@dataclass
class Result:
    """What :func:`boilerstrip.strip` returns.

    ``source`` is the text the offsets refer to (for text input, the input itself);
    ``text`` is the clean article; ``stripped`` lists every removed segment in source order;
    ``overruled`` lists the kept lines a filter had stripped and a later one put back, in
    source order (on HTML, lines the main-block line model read as content against a rule).
    """

    source: str
    text: str
    stripped: list[Segment]
    meta: dict[str, Any] = field(default_factory=dict)
    kind: str = "text"
    overruled: list[Overruled] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: text, meta, kind, the stripped segments and, when a filter put
        lines back, the overruled decisions."""
        data = {"text": self.text, "meta": dict(self.meta), "kind": self.kind,
                "stripped": [s.to_dict() for s in self.stripped]}
        if self.overruled:
            data["overruled"] = [o.to_dict() for o in self.overruled]
        return data

    def lossless_problems(self) -> list[str]:
        """What breaks the lossless guarantee for this result; empty when it holds.

        Segments must be sorted, apart, and equal to the source at their offsets; the text
        must be the source minus the segments; and every non-whitespace character of the
        source must be in the text or in a segment, as many times as in the source.
        """
        problems = []
        last_end = 0
        for seg in self.stripped:
            if not 0 <= seg.start < seg.end <= len(self.source):
                problems.append(f"segment {seg.start}:{seg.end} is outside the source")
            if seg.start < last_end:
                problems.append(f"segment {seg.start}:{seg.end} overlaps or precedes the previous one")
            if seg.text != self.source[seg.start:seg.end]:
                problems.append(f"segment {seg.start}:{seg.end} text differs from the source")
            last_end = seg.end
        for note in self.overruled:
            if note.text != self.source[note.start:note.end]:
                problems.append(f"overruled {note.start}:{note.end} text differs from the source")
            if any(seg.start < note.end and note.start < seg.end for seg in self.stripped):
                problems.append(f"overruled {note.start}:{note.end} overlaps a stripped segment")
        if self.text != rebuild_text(self.source, self.stripped):
            problems.append("text is not the source minus the stripped segments")
        accounted = Counter(ch for ch in self.text if not ch.isspace())
        for seg in self.stripped:
            accounted.update(ch for ch in seg.text if not ch.isspace())
        expected = Counter(ch for ch in self.source if not ch.isspace())
        if accounted != expected:
            problems.append(f"characters lost {dict(expected - accounted)!r} or added {dict(accounted - expected)!r}")
        return problems

    def counts(self) -> dict[str, int]:
        """Number of stripped segments per filter."""
        counts: dict[str, int] = {}
        for seg in self.stripped:
            counts[seg.filter] = counts.get(seg.filter, 0) + 1
        return counts

    def __repr__(self) -> str:
        """One short line, whatever the page: sizes, segments and filters, the title cut to 60
        characters (``repr`` of a str escapes line breaks, so the line stays one)."""
        title = self.meta.get("title")
        if title is not None:
            title = str(title)
            title = title[:59] + "…" if len(title) > 60 else title
        filters = len({seg.filter for seg in self.stripped})
        return (f"<Result kind={self.kind} source={len(self.source)} chars text={len(self.text)} chars "
                f"stripped={len(self.stripped)} segments by {filters} filter{'s' if filters != 1 else ''} "
                f"title={title!r}>")

    def _repr_html_(self) -> str:
        """The notebook view: the page with each stripped segment struck through in its
        filter's colour, a hover title with filter, reason and detail, and counts per filter.

        Page content is escaped; long pages stop after
        :data:`boilerstrip.render_html.REPR_MAX_CHARS` characters (the counts stay complete).
        """
        from .render_html import REPR_MAX_CHARS, render_html  # render_html imports this module

        return render_html(self, max_chars=REPR_MAX_CHARS)
