"""Folder runs: strip many pages in worker processes, and hand back the results in input order.

Stripping is CPU work in Python, so pages are spread over processes, not threads. Each
worker builds its own pipeline once, from the same picklable factory (``Config.pipeline``),
and results come back in the order the pages were given, whatever order the workers finish
in: ``-j 8`` writes the same bytes as ``-j 1``. Only a bounded window of pages is in flight,
so memory stays flat on a folder of any size.

One page that fails (unreadable, not a page, a filter error) becomes an outcome with an
error, and the run goes on. A worker process that dies outright (a crash in a C library)
takes the pages in flight with it; those are run again one at a time, so the one that kills
its worker is the only one reported.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from .errors import BoilerstripError
from .pipeline import Pipeline

__all__ = ["PageJob", "PageOutcome", "RunStats", "run_jobs", "strip_job", "auto_workers", "default_jobs"]

#: Pages in flight per worker: enough to keep every worker busy while the parent writes.
WINDOW_PER_WORKER = 4
#: Input bytes that justify one more worker when ``-j`` is not given: a worker takes about a
#: second to start (import, models, first page), about what stripping 1-2 MB of pages takes.
BYTES_PER_WORKER = 2_000_000
#: Pools that may break in a row before any page was handed over, before the run gives up.
MAX_IDLE_RESTARTS = 3
#: Pages in a row whose worker died before the run gives up (workers that cannot start at all,
#: say, rather than one page that crashes a parser).
MAX_DEATHS_IN_A_ROW = 3
PipelineFactory = Callable[[], Pipeline]


@dataclass(frozen=True)
class PageJob:
    """One page to strip: a file (``path``) or bytes already read (``data``, e.g. stdin)."""

    shown: str
    path: str | None
    kind: str = "auto"
    url: str | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class PageOutcome:
    """What became of a job: its ``Result.to_dict()``, or an error message."""

    job: PageJob
    record: dict[str, Any] | None
    error: str | None = None


def strip_job(job: PageJob, pipeline: Pipeline) -> PageOutcome:
    """Read and strip one page; any failure becomes the outcome's error, never an exception."""
    try:
        data = job.data if job.data is not None else Path(job.path or "").read_bytes()
    except OSError as exc:
        return PageOutcome(job, None, f"cannot read {job.path}: {exc.strerror or exc}")
    try:
        result = pipeline(data, kind=job.kind, url=job.url)
    except (BoilerstripError, ValueError, NotImplementedError) as exc:
        return PageOutcome(job, None, str(exc))
    except Exception as exc:  # one bad page must not stop a folder run
        return PageOutcome(job, None, f"{type(exc).__name__}: {exc}")
    return PageOutcome(job, result.to_dict())


def run_jobs(jobs: Sequence[PageJob], make_pipeline: PipelineFactory, workers: int) -> Iterator[PageOutcome]:
    """One outcome per job, in the jobs' order, using up to *workers* processes.

    With one worker, or one job, everything runs here, without a process pool. Close the
    iterator (or exhaust it) to shut the workers down.
    """
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        pipeline = None
        for job in jobs:
            if pipeline is None:
                pipeline = make_pipeline()
            yield strip_job(job, pipeline)
        return
    yield from _parallel(jobs, make_pipeline, workers)


def _parallel(jobs: Sequence[PageJob], make_pipeline: PipelineFactory, workers: int) -> Iterator[PageOutcome]:
    queue = deque(jobs)  # not submitted yet
    pending: deque = deque()  # (job, future), in input order
    careful = 0  # jobs to run one at a time, after a worker died with them in flight
    restarts = 0  # pools that broke in a row before taking a page
    deaths = 0  # pages in a row that killed their worker: past a few, the workers cannot run at all
    pool = _pool(make_pipeline, workers)
    try:
        while queue or pending:
            limit = 1 if careful else workers * WINDOW_PER_WORKER
            while queue and len(pending) < limit:
                try:
                    future = pool.submit(_work, job := queue.popleft())
                except BrokenProcessPool:  # a worker died since the last result: see below
                    queue.appendleft(job)
                    break
                pending.append((job, future))
            if not pending:  # the pool broke with nothing in flight: nobody to blame
                restarts += 1
                if restarts > MAX_IDLE_RESTARTS:
                    raise BoilerstripError("worker processes keep dying before they get a page; "
                                           "try -j 1")
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _pool(make_pipeline, workers)
                continue
            restarts = 0
            job, future = pending.popleft()
            try:
                outcome = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _pool(make_pipeline, workers)
                if not careful:
                    # Any of the pages in flight may have done it: run them again, one by one.
                    retry = [job] + [j for j, _ in pending]
                    pending.clear()
                    queue.extendleft(reversed(retry))
                    careful = len(retry)
                    continue
                deaths += 1
                if deaths >= MAX_DEATHS_IN_A_ROW:
                    raise BoilerstripError(f"worker processes died on {deaths} pages in a row, the "
                                           f"last {job.shown}; run with -j 1 to see why")
                outcome = PageOutcome(job, None, "the worker process stripping it died "
                                                 "(a crash, or killed for using too much memory)")
            else:
                deaths = 0
            if careful:
                careful -= 1
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(make_pipeline: PipelineFactory, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_init_worker, initargs=(make_pipeline,))


def _context() -> multiprocessing.context.BaseContext:
    """A fresh interpreter per worker (forkserver, or spawn where there is none): forking a
    parent that runs threads (a progress bar's) can copy a held lock into the child."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


_factory: PipelineFactory | None = None
_pipeline: Pipeline | None = None


def _init_worker(make_pipeline: PipelineFactory) -> None:
    global _factory
    _factory = make_pipeline
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _work(job: PageJob) -> PageOutcome:
    global _pipeline
    if _pipeline is None:
        assert _factory is not None
        try:
            _pipeline = _factory()
        except Exception as exc:
            return PageOutcome(job, None, f"cannot build the pipeline: {type(exc).__name__}: {exc}")
    return strip_job(job, _pipeline)


# --------------------------------------------------------------------------- the summary
@dataclass
class RunStats:
    """Totals of a run for its summary: pages, characters kept and stripped, per filter, errors."""

    pages: int = 0
    errors: int = 0
    chars_kept: int = 0
    chars_stripped: int = 0
    segments_by_filter: Counter = field(default_factory=Counter)
    chars_by_filter: Counter = field(default_factory=Counter)
    #: Lines a filter put back after a rule stripped them (``Result.overruled``), by that filter.
    put_back_by_filter: Counter = field(default_factory=Counter)
    chars_put_back_by_filter: Counter = field(default_factory=Counter)

    def add(self, record: Mapping[str, Any]) -> None:
        """Count one stripped page (a ``Result.to_dict()``)."""
        self.pages += 1
        self.chars_kept += len(record["text"])
        for seg in record["stripped"]:
            size = seg["end"] - seg["start"]
            self.chars_stripped += size
            self.segments_by_filter[seg["filter"]] += 1
            self.chars_by_filter[seg["filter"]] += size
        for note in record.get("overruled", ()):
            self.put_back_by_filter[note["kept_by"]] += 1
            self.chars_put_back_by_filter[note["kept_by"]] += note["end"] - note["start"]

    def lines(self, config_path: str | None = None) -> list[str]:
        """The summary, one fact per line."""
        total = self.chars_kept + self.chars_stripped
        share = f" ({100 * self.chars_stripped / total:.1f}%)" if total else ""
        out = [f"summary: {_plural(self.pages, 'page')} stripped, {_plural(self.errors, 'error')}",
               f"  characters: {self.chars_kept:,} kept, {self.chars_stripped:,} stripped{share}"]
        if self.segments_by_filter:
            parts = [f"{name} {_plural(n, 'segment')} ({self.chars_by_filter[name]:,} chars)"
                     for name, n in sorted(self.segments_by_filter.items())]
            out.append("  by filter: " + ", ".join(parts))
        else:
            out.append("  by filter: nothing stripped")
        if self.put_back_by_filter:
            parts = [f"{name} {_plural(n, 'segment')} ({self.chars_put_back_by_filter[name]:,} chars)"
                     for name, n in sorted(self.put_back_by_filter.items())]
            out.append("  put back (a rule had stripped them): " + ", ".join(parts))
        if config_path:
            out.append(f"  config: {config_path}")
        return out


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def default_jobs() -> int:
    """All CPUs: the most workers ``-j`` defaults to."""
    return os.cpu_count() or 1


def auto_workers(jobs: Sequence[PageJob], cpus: int | None = None) -> int:
    """Workers for a run whose ``-j`` was not given: all CPUs, but one per
    :data:`BYTES_PER_WORKER` of input at most, so a small folder runs here, without paying
    for workers that would each spend longer starting than stripping."""
    size = 0
    for job in jobs:
        if job.data is not None:
            size += len(job.data)
        else:
            try:
                size += os.stat(job.path or "").st_size
            except OSError:
                pass  # reported when the page is read
    return max(1, min(cpus or default_jobs(), size // BYTES_PER_WORKER))
