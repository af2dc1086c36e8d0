"""The HTML view of a Result: the notebook's ``_repr_html_`` and ``explain --html``.

One renderer makes both. :func:`render_html` gives a fragment (a ``<div>`` with its own
``<style>``, every rule scoped under ``.boilerstrip-view``) that a notebook shows inline;
:func:`render_page` wraps the same fragment in a standalone document. The fragment holds:

* a one-line heading (kind, sizes, how many segments);
* a table of counts per filter (segments, lines, characters) with each filter's colour, and a
  row for what was kept;
* the page, one row per non-blank line: line number, gutter (``+``, or ``- filter: reason``),
  and the text. The rows of one stripped segment sit in one ``<div class="bs-seg">`` with the
  filter's colour, ``data-filter``/``data-reason`` attributes and a hover ``title``
  ("filter: reason — detail", then the DOM path for HTML input); their text is in ``<del>``,
  so it is struck through.

Everything that comes from the page or the result (text, names, reasons, details, DOM
paths) goes through :func:`html.escape` with quotes escaped, after control characters were
made visible, so a page cannot add an element or an attribute. Colours come from the fixed
palette in :mod:`boilerstrip.views`, never from the page. Colour and strike-through are also
set inline, so the view still reads where a notebook viewer drops ``<style>`` blocks.

Size: the rendering is linear in the page. A notebook is not a place for a 5 MB page, so
``_repr_html_`` stops after :data:`REPR_MAX_CHARS` characters of page text and says how many
lines it left out; the counts table always covers the whole result. ``explain --html`` shows
everything.
"""

from __future__ import annotations

from html import escape
from typing import Sequence

from .result import Result, Segment
from .views import (FilterCount, LineView, decision_label, display_text, filter_color,
                    filter_counts, keep_detail, keep_label, kept_counts, line_views, tint, visible)

__all__ = ["render_html", "render_page", "segment_title", "REPR_MAX_CHARS"]

#: Characters of page text the notebook view shows before it stops (the counts stay complete).
REPR_MAX_CHARS = 100_000
#: The gutter is as wide as the longest ``filter: reason`` on the page, up to this many ``ch``.
_MAX_GUTTER = 36

_CSS = """\
.boilerstrip-view{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;color:#1f2328;background:#fff;max-width:100%}
.boilerstrip-view .bs-head{font:600 14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 0 6px}
.boilerstrip-view table.bs-counts{border-collapse:collapse;margin:0 0 10px;font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
.boilerstrip-view .bs-counts th,.boilerstrip-view .bs-counts td{padding:2px 12px;border-bottom:1px solid #d0d7de;text-align:right}
.boilerstrip-view .bs-counts th:first-child,.boilerstrip-view .bs-counts td:first-child{text-align:left}
.boilerstrip-view .bs-swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.boilerstrip-view .bs-page{border:1px solid #d0d7de;border-radius:6px;padding:4px 0}
.boilerstrip-view .bs-row{display:flex;gap:10px;padding:0 8px}
.boilerstrip-view .bs-para{margin-top:6px}
.boilerstrip-view .bs-no{flex:none;text-align:right;color:#8c959f;user-select:none}
.boilerstrip-view .bs-g{flex:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;user-select:none}
.boilerstrip-view .bs-kept .bs-g{color:#8c959f}
.boilerstrip-view .bs-t{flex:1 1 auto;min-width:0;white-space:pre-wrap;overflow-wrap:anywhere}
.boilerstrip-view .bs-seg{border-left:3px solid;margin-left:-3px}
.boilerstrip-view .bs-detail{font-style:italic;opacity:.75}
.boilerstrip-view .bs-more{font:italic 13px/1.4 system-ui,sans-serif;color:#57606a}"""


def segment_title(segment: Segment) -> str:
    """The hover text of a stripped segment: ``filter: reason``, its detail, its DOM path."""
    title = visible(decision_label(segment))
    if segment.detail:
        title += f" \u2014 {visible(segment.detail)}"
    if segment.dom_path:
        title += f"\n{visible(segment.dom_path)}"  # a line break: tooltips show it as one
    return title


def _attr(value: str) -> str:
    """An attribute value: quotes escaped too, so it cannot end the attribute."""
    return escape(value, quote=True)


def _counts_table(counts: Sequence[FilterCount], kept: tuple[int, int]) -> str:
    rows = ["<table class=\"bs-counts\"><thead><tr><th>filter</th><th>segments</th><th>lines</th>"
            "<th>characters</th></tr></thead><tbody>"]
    for c in counts:
        rows.append(f"<tr class=\"bs-count\" data-filter=\"{_attr(visible(c.filter))}\"><td>"
                    f"<span class=\"bs-swatch\" style=\"background:{c.color}\"></span>"
                    f"<span style=\"color:{c.color}\">{escape(visible(c.filter))}</span></td>"
                    f"<td>{c.segments:,}</td><td>{c.lines:,}</td><td>{c.chars:,}</td></tr>")
    rows.append(f"<tr class=\"bs-count-kept\"><td>kept</td><td></td><td>{kept[0]:,}</td>"
                f"<td>{kept[1]:,}</td></tr></tbody></table>")
    return "".join(rows)


def _row(row: LineView, text: str, num_width: int, gutter_width: int, first_of_segment: bool,
         para: bool) -> str:
    number = str(row.number) if not row.note else ""
    classes = "bs-row" + (" bs-para" if para else "") + (" bs-kept" if row.kept else "")
    head = (f"<div class=\"{classes}\"><span class=\"bs-no\" style=\"width:{num_width}ch\">{number}</span>"
            f"<span class=\"bs-g\" style=\"width:{gutter_width}ch\">")
    if row.segment is None and row.overruled is not None:
        shown = visible(keep_detail(row.overruled))
        return (f"{head}+ {escape(visible(keep_label(row.overruled)))}</span><span class=\"bs-t\" "
                f"title=\"{_attr(shown)}\">{escape(text)} "
                f"<span class=\"bs-detail\">[{escape(shown)}]</span></span></div>")
    if row.segment is None:
        return f"{head}+</span><span class=\"bs-t\">{escape(text)}</span></div>"
    detail = ""
    if first_of_segment and row.segment.detail:
        detail = f" <span class=\"bs-detail\">[{escape(visible(row.segment.detail))}]</span>"
    return (f"{head}- {escape(visible(decision_label(row.segment)))}</span><span class=\"bs-t\">"
            f"<del style=\"text-decoration:line-through\">{escape(text)}</del>{detail}</span></div>")


def _segment_open(segment: Segment) -> str:
    color = filter_color(segment.filter)
    return (f"<div class=\"bs-seg\" data-filter=\"{_attr(visible(segment.filter))}\" "
            f"data-reason=\"{_attr(visible(segment.reason))}\" title=\"{_attr(segment_title(segment))}\" "
            f"style=\"color:{color};background:{tint(color)};border-left-color:{color}\">")


def render_html(result: Result, *, max_chars: int | None = None) -> str:
    """The HTML fragment for *result*; with *max_chars*, page text stops after that many characters.

    Linear in the size of the page. The fragment carries its own scoped ``<style>``.
    """
    rows = line_views(result)
    counts = filter_counts(result, rows)
    kept = kept_counts(result, rows)
    num_width = len(str(max((row.number for row in rows), default=1)))
    gutter_width = min(max([len(decision_label(r.segment)) + 2 for r in rows if r.segment]
                           + [len(keep_label(r.overruled)) + 2 for r in rows if r.overruled], default=1),
                       _MAX_GUTTER)
    heading = (f"boilerstrip: {escape(result.kind)} page, {len(result.source):,} characters; "
               f"{len(result.stripped):,} segment{'s' if len(result.stripped) != 1 else ''} stripped, "
               f"{kept[1]:,} characters kept")
    parts = [f"<div class=\"boilerstrip-view\"><style>{_CSS}</style>",
             f"<div class=\"bs-head\">{heading}</div>", _counts_table(counts, kept),
             "<div class=\"bs-page\">"]
    budget = max_chars
    open_segment: Segment | None = None
    previous = 0
    shown = 0
    for row in rows:
        if budget is not None and budget <= 0:
            break
        text = display_text(row)
        if budget is not None:
            if len(text) > budget:
                text = text[:budget] + "\u2026"
            budget -= len(text)
        if row.segment is not open_segment or row.note:
            if open_segment is not None:
                parts.append("</div>")
            open_segment = row.segment
            first = True
            if open_segment is not None:
                parts.append(_segment_open(open_segment))
        else:
            first = False
        para = previous > 0 and row.number > previous + 1
        parts.append(_row(row, text, num_width, gutter_width, first, para))
        previous = row.number or previous
        shown += 1
        if row.note:  # a note is a segment of its own, even beside one with the same decision
            parts.append("</div>")
            open_segment = None
    if open_segment is not None:
        parts.append("</div>")
    parts.append("</div>")
    if shown < len(rows):
        rest = rows[shown:]
        parts.append(f"<p class=\"bs-more\">\u2026 {len(rest):,} more line{'s' if len(rest) != 1 else ''} "
                     f"not shown: this view stops after {max_chars:,} characters of page text. "
                     f"<code>boilerstrip explain --html</code> or <code>render_html(result)</code> "
                     f"shows the whole page.</p>")
    parts.append("</div>")
    return "".join(parts)


def render_page(result: Result, *, title: str = "boilerstrip explain") -> str:
    """A standalone HTML document of :func:`render_html` (whole page, inline CSS, no scripts)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(visible(title))}</title>"
            "<style>body{margin:16px;background:#fff}</style></head><body>\n"
            f"{render_html(result)}\n</body></html>\n")
