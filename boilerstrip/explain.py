"""``boilerstrip explain``: show one page line by line, each line with what was decided for it.

The views themselves are drawn by :mod:`boilerstrip.render_text` (terminal and plain) and
:mod:`boilerstrip.render_html` (``--html``); this module reads the page, picks the view and
writes it. Which text view is printed follows rich's terminal detection: coloured and cut to
the width when standard output is a terminal (or ``FORCE_COLOR`` is set), plain and complete
when it is a pipe or a file, or with ``--no-color``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli import CliError, config_from_args, page_kind, read_input
from .errors import BoilerstripError
from .render_html import render_page
from .render_text import plain_lines, print_terminal
from .warc import is_warc_path

__all__ = ["cmd_explain"]


def _page_path(raw: str) -> Path:
    """The one page file to explain; a clear :class:`CliError` for anything else."""
    path = Path(raw)
    if raw == "-":
        return path
    if path.is_dir():
        raise CliError(f"cannot explain {raw}: it is a directory; explain takes one page file")
    if not path.exists():
        raise CliError(f"cannot read {raw}: no such file or directory")
    if not path.is_file():
        raise CliError(f"cannot read {raw}: not a regular file")
    if is_warc_path(path):
        raise CliError(f"cannot explain {raw}: it is a WARC/WET file; explain takes one page "
                       "(boilerstrip strip reads WARC/WET files)")
    return path


def _write_html(target: str, document: str, source: Path) -> None:
    if target == "-":
        sys.stdout.write(document)
        return
    out = Path(target)
    if str(source) != "-" and out.exists() and out.resolve() == source.resolve():
        raise CliError(f"refusing to overwrite the input {target} with --html")
    if out.is_dir():
        raise CliError(f"cannot write {target}: it is a directory; --html takes a file name")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(document, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {target}: {exc.strerror or exc}") from exc


def cmd_explain(args: argparse.Namespace) -> int:
    """Print (or with ``--html``, write) the line-by-line view of one page; 1 if it failed."""
    path = _page_path(args.path)
    shown = "stdin" if args.path == "-" else args.path
    pipeline = config_from_args(args).pipeline()
    try:
        result = pipeline(read_input(path), kind=page_kind(path, args.kind), url=args.url)
    except (BoilerstripError, NotImplementedError, ValueError) as exc:
        print(f"boilerstrip: {shown}: {exc}", file=sys.stderr)
        return 1
    if args.html:
        _write_html(args.html, render_page(result, title=f"boilerstrip explain: {shown}"), path)
        if args.html != "-":
            print(f"boilerstrip: wrote {args.html} ({len(result.stripped)} stripped segment(s))",
                  file=sys.stderr)
        return 0
    if not args.no_color:
        from rich.console import Console

        console = Console(file=sys.stdout, highlight=False, markup=False, emoji=False)
        if console.is_terminal:
            print_terminal(result, console)
            return 0
    out = sys.stdout
    for line in plain_lines(result):
        out.write(line + "\n")
    return 0
