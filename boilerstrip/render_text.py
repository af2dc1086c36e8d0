"""The ``explain`` view for a terminal or a pipe: every line of the page with its decision.

Each non-blank source line is printed once, after a gutter: its line number, ``+`` (kept) or
``-`` (stripped), and for a stripped line ``filter: reason``; the segment's detail, when it
has one, follows the line's text in brackets. A kept line that a filter had stripped and a
later one put back shows ``kept_by: keep_reason``, and in brackets the decision overruled. The
view ends with one line per filter (segments, lines, characters) and one for what was kept.

Two forms of the same rows:

* plain (:func:`plain_lines`), for pipes, files and ``--no-color``: every line complete,
  however long, so the output can be searched and diffed;
* terminal (:func:`print_terminal`), with rich: each filter in its colour, stripped text
  struck through, and each line cut to the terminal's width with an ellipsis, because a
  wrapped 2,000-character paragraph would push the gutter out of sight. The detail is cut
  before the page text is.

Page text is passed through :func:`boilerstrip.views.visible` first, so control characters
in a page (an ESC sequence, say) are shown, never sent to the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Sequence

from .result import Result
from .views import (FilterCount, LineView, ansi_color, decision_label, display_text, filter_color,
                    filter_counts, keep_detail, keep_label, kept_counts, line_views, visible)

if TYPE_CHECKING:  # rich is imported only when a terminal view is printed
    from rich.console import Console

__all__ = ["plain_lines", "summary_lines", "print_terminal"]

#: The gutter grows to the longest ``filter: reason`` on the page, but no further than this.
MAX_LABEL = 40


def _label_width(rows: Sequence[LineView]) -> int:
    labels = [len(decision_label(row.segment)) for row in rows if row.segment is not None]
    labels += [len(keep_label(row.overruled)) for row in rows if row.overruled is not None]
    return min(max(labels, default=0), MAX_LABEL)


def _number(row: LineView, width: int) -> str:
    return f"{row.number:>{width}}" if not row.note else " " * width


def summary_lines(counts: Sequence[FilterCount], kept: tuple[int, int]) -> list[str]:
    """The closing summary, one line per filter and one for the kept lines, columns aligned."""
    width = max([len(c.filter) for c in counts] + [len("kept")])
    out = [f"{c.filter:<{width}}  {c.segments:>5} segment{'s' if c.segments != 1 else ' '}"
           f"  {c.lines:>6} line{'s' if c.lines != 1 else ' '}  {c.chars:>8} chars"
           for c in counts]
    out.append(f"{'kept':<{width}}  {'':>14}  {kept[0]:>6} line{'s' if kept[0] != 1 else ' '}"
               f"  {kept[1]:>8} chars")
    return out


def plain_lines(result: Result) -> Iterator[str]:
    """The plain view, line by line (no newlines): complete text, no colour, no truncation."""
    rows = line_views(result)
    num_width = len(str(max((row.number for row in rows), default=1)))
    label_width = _label_width(rows)
    for row in rows:
        if row.segment is None:
            if row.overruled is not None:
                yield (f"{_number(row, num_width)} + {keep_label(row.overruled):<{label_width}} | "
                       f"{display_text(row)}  [{visible(keep_detail(row.overruled))}]")
                continue
            yield f"{_number(row, num_width)} + {'':<{label_width}} | {display_text(row)}"
            continue
        detail = f"  [{visible(row.segment.detail)}]" if row.segment.detail else ""
        yield (f"{_number(row, num_width)} - {decision_label(row.segment):<{label_width}} | "
               f"{display_text(row)}{detail}")
    yield ""
    yield from summary_lines(filter_counts(result, rows), kept_counts(result, rows))


def print_terminal(result: Result, console: "Console") -> None:
    """The coloured view on *console*, each line cut to its width with an ellipsis."""
    from rich.text import Text

    rows = line_views(result)
    num_width = len(str(max((row.number for row in rows), default=1)))
    label_width = _label_width(rows)
    width = console.width
    # On 16 colours the hex palette would collapse (rich picks the nearest): use names there.
    few_colors = console.color_system in ("standard", "windows")
    color_of = ansi_color if few_colors else filter_color
    for row in rows:
        line = Text(no_wrap=True, overflow="ellipsis", end="\n")
        line.append(f"{_number(row, num_width)} ", style="dim")
        if row.segment is None and row.overruled is not None:
            label = keep_label(row.overruled)
            if len(label) > label_width:
                label = label[:label_width - 1] + "…"
            line.append(f"+ {label:<{label_width}} | ", style="dim")
            line.append(display_text(row))
            line.append_text(Text(f"  [{visible(keep_detail(row.overruled))}]", style="italic dim"))
        elif row.segment is None:
            line.append(f"+ {'':<{label_width}} | ", style="dim")
            line.append(display_text(row))
        else:
            color = color_of(row.segment.filter)
            label = decision_label(row.segment)
            if len(label) > label_width:
                label = label[:label_width - 1] + "…"
            line.append(f"- {label:<{label_width}} ", style=f"bold {color}")
            line.append("| ", style="dim")
            body = display_text(row)
            line.append(body, style=f"strike {color}")
            if row.segment.detail:
                detail = Text(f"  [{visible(row.segment.detail)}]", style=f"italic dim {color}")
                if line.cell_len + detail.cell_len > width:
                    # The detail gives way first: the line keeps at least half the width.
                    keep = max(min(line.cell_len, width // 2 + 1), width - detail.cell_len)
                    line.truncate(keep, overflow="ellipsis")
                    detail.truncate(max(width - keep, 0), overflow="ellipsis")
                line.append_text(detail)
        line.truncate(width, overflow="ellipsis")
        console.print(line, soft_wrap=False, crop=True, highlight=False, markup=False, emoji=False)
    console.print()
    counts = filter_counts(result, rows)
    for count, text in zip(counts + [None], summary_lines(counts, kept_counts(result, rows))):
        style = f"bold {color_of(count.filter)}" if count is not None else "bold"
        console.print(Text(text, style=style, no_wrap=True), crop=True, highlight=False)
