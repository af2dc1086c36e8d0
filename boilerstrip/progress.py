"""A progress bar for folder runs, on standard error, and only when that is a terminal.

Logs, CI output and pipes get no bar (its redraws would fill them with control codes), and
what a run writes to standard output reaches it untouched when it is piped or redirected.
When standard output is a terminal too, both reach the same screen: its lines are printed
above the bar (verbatim: no wrapping, no markup) so that the bar does not break them.
"""

from __future__ import annotations

import io
import sys
from typing import IO, Any

__all__ = ["ProgressBar"]


class ProgressBar:
    """``with ProgressBar(total) as bar: ... bar.advance()``; does nothing off a terminal.

    While the bar is shown, lines printed to ``sys.stderr`` (errors about single pages) and,
    when it is a terminal, to ``sys.stdout`` appear above it instead of breaking it.
    """

    def __init__(self, total: int, *, stream: IO[str] | None = None, label: str = "stripping") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.label = label
        self._progress: Any = None
        self._task: Any = None
        self._stdout: _ScreenLines | None = None

    @property
    def enabled(self) -> bool:
        return _isatty(self.stream) and self.total > 1

    def __enter__(self) -> "ProgressBar":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeRemainingColumn)

            on_stderr = self.stream is sys.stderr
            console = Console(file=self.stream)
            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TimeRemainingColumn(), console=console, transient=True,
                                      redirect_stdout=False, redirect_stderr=on_stderr)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=self.total)
            if on_stderr and _isatty(sys.stdout):
                self._stdout = _ScreenLines(console, sys.stdout)
                sys.stdout = self._stdout  # type: ignore[assignment]
        return self

    def advance(self, n: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, n)

    def __exit__(self, *exc: object) -> None:
        if self._progress is None:
            return
        if self._stdout is not None:
            sys.stdout = self._stdout.real
            self._stdout.flush_all()
            self._stdout = None
        self._progress.stop()
        self._progress = None


class _ScreenLines(io.TextIOBase):
    """Standard output while the bar is shown on the same screen: whole lines go above the bar."""

    def __init__(self, console: Any, real: IO[str]) -> None:
        self.console = console
        self.real = real
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            done, _, self._pending = self._pending.rpartition("\n")
            self.console.print(done, markup=False, highlight=False, emoji=False, soft_wrap=True)
        return len(text)

    def flush_all(self) -> None:
        """Hand what is left of a line to the real standard output."""
        if self._pending:
            self.real.write(self._pending)
            self._pending = ""
        self.real.flush()

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.real.fileno()


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
