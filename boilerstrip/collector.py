"""Python's cyclic garbage collector, paused while one page is stripped.

Stripping a page allocates tens of thousands of small objects (lines, hints, tuples, lists),
and every 700 net allocations CPython runs a collection of the youngest generation, now and
then a full one that also traverses everything long-lived in the process (the cue tables,
the models, the user's own data). Measured on the bench pages that is about 0.8 ms of CPU a
page, for nothing: a page's objects form no reference cycles (everything a strip makes is
freed by reference counting when the call returns; ``gc.collect()`` after each of 60 bench
pages found no cyclic garbage), so the collections only ever find live objects.

So :func:`strip` pauses the collector for its duration. Nothing is lost if some input ever
does make a cycle: the collector runs again as soon as the call returns, and collects it
then. The pause is re-entrant and safe with threads (a count under a lock: the collector is
switched off by the first call to enter and back on by the last to leave), and it never
switches on a collector that was off when the first call entered.
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType

__all__ = ["collector_paused"]


class _CollectorPause:
    """The context manager behind :data:`collector_paused` (one per process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0          # calls inside the pause, in any thread
        self._resume = False     # whether the collector was on when the first one entered

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._resume = gc.isenabled()
                if self._resume:
                    gc.disable()
            self._depth += 1

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._resume:
                gc.enable()


#: ``with collector_paused:`` runs its body with the cyclic garbage collector off (see above).
collector_paused = _CollectorPause()
