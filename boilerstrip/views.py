"""What a Result looks like line by line: the data every view of a decision is drawn from.

``explain`` in a terminal, its ``--html`` page and the notebook view all show the same thing:
each non-blank line of ``Result.source``, kept or stripped, and for a stripped line the
segment that took it. This module works that out once, from ``result.source`` and
``result.stripped`` alone, by the rule :func:`boilerstrip.result.rebuild_text` uses (a line
goes when one segment covers all of it), so a view can never disagree with ``result.text``.
It also gives each filter its colour and counts what each filter took.
"""

from __future__ import annotations

import colorsys
import zlib
from dataclasses import dataclass
from typing import Sequence

from .page import Page
from .pipeline import DEFAULT_FILTERS
from .result import Overruled, Result, Segment, covering_segments

__all__ = ["LineView", "FilterCount", "line_views", "filter_counts", "kept_counts",
           "filter_color", "ansi_color", "tint", "decision_label", "keep_label", "keep_detail", "display_text", "visible", "PAGE_COLOR"]

#: One colour per built-in filter, in pipeline order: fixed, so a filter has the same colour
#: on every page and in every run. Hand-picked to be told apart and to read both on a white
#: page and on a dark terminal.
_BUILTIN_COLORS: tuple[str, ...] = (
    "#c62828",  # consent: red
    "#1565c0",  # comments: blue
    "#8e24aa",  # captions: purple
    "#00838f",  # share: teal
    "#d81b60",  # newsletter: pink
    "#e65100",  # ads: orange
    "#8d6e63",  # footer: brown
    "#2e7d32",  # navigation: green
    "#b8860b",  # related: dark gold
    "#546e7a",  # region: blue-grey
    "#827717",  # repeated: olive
    "#3949ab",  # main_block: indigo
)
#: What the pipeline strips itself (a byte-order mark, binary data) is neutral grey.
PAGE_COLOR = "#757575"
_COLORS: dict[str, str] = {**dict(zip(DEFAULT_FILTERS, _BUILTIN_COLORS)), "page": PAGE_COLOR}


def filter_color(name: str) -> str:
    """The ``#rrggbb`` colour of filter *name*, the same on every page and in every run.

    Built-in filters have a fixed palette entry each. Any other name (a third-party filter)
    gets a hue from a CRC-32 of its name: stable across runs (Python's ``hash()`` of a string
    is not), though two such names may land on similar hues.
    """
    known = _COLORS.get(name)
    if known is not None:
        return known
    hue = zlib.crc32(name.encode("utf-8")) % 360
    r, g, b = colorsys.hls_to_rgb(hue / 360, 0.42, 0.65)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


#: The same filters on a terminal of 16 colours, where the palette above would fall to the
#: nearest of them and several filters would turn the same grey: each gets its own instead.
_BUILTIN_ANSI: tuple[str, ...] = (
    "red", "blue", "magenta", "cyan", "bright_magenta", "yellow", "bright_red", "green",
    "bright_yellow", "bright_blue", "bright_green", "bright_cyan",
)
_ANSI: dict[str, str] = {**dict(zip(DEFAULT_FILTERS, _BUILTIN_ANSI)), "page": "bright_black"}


def ansi_color(name: str) -> str:
    """The colour name of filter *name* for a 16-colour terminal (rich's names).

    Built-ins have one each; other names take one of the same twelve by a CRC-32 of the name.
    """
    known = _ANSI.get(name)
    if known is not None:
        return known
    return _BUILTIN_ANSI[zlib.crc32(name.encode("utf-8")) % len(_BUILTIN_ANSI)]


def tint(color: str, amount: float = 0.12) -> str:
    """*color* mixed with white (*amount* of the colour): a background its text reads on."""
    channels = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


# --------------------------------------------------------------------------- showing text safely
def _visible_table() -> dict[int, str]:
    """Control characters -> printable stand-ins, so page text cannot drive a terminal.

    A page may hold an ESC sequence that would retitle or recolour the terminal, NULs that
    HTML forbids, or a lone surrogate that UTF-8 output cannot encode. C0 controls become their
    Unicode "control pictures" (ESC shows as U+241B), C1 controls ``\\x9b``-style escapes, lone
    surrogates U+FFFD. Tabs stay: they are layout, not commands. Line breaks never reach
    here (the source is cut into lines at them).
    """
    table: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c != 0x09}
    table[0x7F] = "\u2421"
    table.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})
    table.update({c: "\ufffd" for c in range(0xD800, 0xE000)})
    return table


_VISIBLE = _visible_table()


def visible(text: str) -> str:
    """*text* with control characters and lone surrogates shown instead of obeyed (linear)."""
    return text.translate(_VISIBLE)


# --------------------------------------------------------------------------- lines
@dataclass(frozen=True)
class LineView:
    """One row of a view: a non-blank source line, or a segment that covers no whole line.

    ``number`` is the 1-based line number in ``result.source`` (0 for a note). ``segment`` is
    the segment that strips the line, None when the line is kept. ``note`` rows carry a
    segment that covers no whole non-blank line (a byte-order mark, or a hand-made segment
    that cuts a line in two, which :func:`rebuild_text` keeps): they are shown so that no
    segment goes unseen, with ``text`` the segment's own text.
    """

    number: int
    start: int
    end: int
    text: str
    segment: Segment | None = None
    note: bool = False
    #: For a kept line a filter had stripped and a later one put back: that record.
    overruled: Overruled | None = None

    @property
    def kept(self) -> bool:
        return self.segment is None


def line_views(result: Result) -> list[LineView]:
    """Every non-blank line of *result* in source order, kept or with its stripping segment.

    Each line's segment comes from :func:`boilerstrip.result.covering_segments`, the rule
    :func:`rebuild_text` builds the clean text by: linear in lines and segments.
    """
    segments = sorted(result.stripped, key=lambda s: (s.start, s.end))
    notes_kept = sorted(result.overruled, key=lambda o: o.start)
    rows: list[LineView] = []
    covering: set[int] = set()  # indexes (into *segments*) that strip at least one line
    k = 0  # the next overruled record that may hold a kept line
    for line, owner in covering_segments(Page.from_text(result.source), segments):
        if line.is_blank:
            continue
        if owner is not None:
            covering.add(owner)
            rows.append(LineView(line.index + 1, line.start, line.end, line.text, segments[owner]))
            continue
        while k < len(notes_kept) and notes_kept[k].end < line.end:
            k += 1
        held = notes_kept[k] if k < len(notes_kept) and notes_kept[k].start <= line.start else None
        rows.append(LineView(line.index + 1, line.start, line.end, line.text, overruled=held))
    notes = [LineView(0, seg.start, seg.end, seg.text, seg, note=True)
             for i, seg in enumerate(segments) if i not in covering]
    if notes:
        rows = sorted(rows + notes, key=lambda row: (row.start, not row.note))
    return rows


def display_text(row: LineView) -> str:
    """The text a view shows for *row*: the line made :func:`visible`, or for a note where its
    segment sits and its text quoted (a byte-order mark has nothing else to show)."""
    if not row.note:
        return visible(row.text)
    size = row.end - row.start
    quoted = repr(row.text[:200]) + ("..." if size > 200 else "")
    return f"({size} char{'s' if size != 1 else ''} at {row.start}:{row.end}, no whole line) {quoted}"


def decision_label(segment: Segment) -> str:
    """``filter: reason``, the words every view puts beside a stripped line."""
    return f"{segment.filter}: {segment.reason}"


def keep_label(note: Overruled) -> str:
    """``kept_by: keep_reason``, the words every view puts beside a line put back."""
    return f"{note.kept_by}: {note.keep_reason}"


def keep_detail(note: Overruled) -> str:
    """What the views show after a line put back: the decision overruled, then the detail."""
    overruled = f"over {note.filter}: {note.reason}"
    return f"{overruled}; {note.detail}" if note.detail else overruled


# --------------------------------------------------------------------------- counts
@dataclass(frozen=True)
class FilterCount:
    """What one filter took: segments, non-blank lines, and characters (the segments' lengths)."""

    filter: str
    segments: int
    lines: int
    chars: int

    @property
    def color(self) -> str:
        return filter_color(self.filter)


_ORDER: dict[str, int] = {name: i for i, name in enumerate([*DEFAULT_FILTERS, "page"])}


def _filter_order(name: str) -> tuple[int, str]:
    """Built-ins in pipeline order, then ``page``, then any other filter by name."""
    return (_ORDER[name], "") if name in _ORDER else (len(_ORDER), name)


def filter_counts(result: Result, rows: Sequence[LineView] | None = None) -> list[FilterCount]:
    """One :class:`FilterCount` per filter in ``result.stripped``, in pipeline order.

    Pass the rows from :func:`line_views` when you already have them, to cut the page once.
    """
    rows = line_views(result) if rows is None else rows
    segments = result.counts()
    chars: dict[str, int] = {}
    for seg in result.stripped:
        chars[seg.filter] = chars.get(seg.filter, 0) + (seg.end - seg.start)
    lines: dict[str, int] = {}
    for row in rows:
        if row.segment is not None and not row.note:
            lines[row.segment.filter] = lines.get(row.segment.filter, 0) + 1
    return [FilterCount(name, segments[name], lines.get(name, 0), chars[name])
            for name in sorted(segments, key=_filter_order)]


def kept_counts(result: Result, rows: Sequence[LineView]) -> tuple[int, int]:
    """``(kept lines, characters of the clean text)``: the other side of the summary."""
    return sum(1 for row in rows if row.kept), len(result.text)
