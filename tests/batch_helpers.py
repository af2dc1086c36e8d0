"""Pipelines for the folder-run tests, importable by worker processes (tests/ is on their path)."""

from __future__ import annotations

import os

from boilerstrip import Filter, Pipeline

#: A page holding this line kills the worker process that strips it.
CRASH_MARK = "CRASH THIS WORKER"


class CrashFilter(Filter):
    """Ends its process on the marked page, as a segfault in a C parser would."""

    name = "crash_test"

    def find(self, page):
        if CRASH_MARK in page.source:
            os._exit(70)
        return ()


def crashing_pipeline() -> Pipeline:
    return Pipeline([CrashFilter(), "comments"])
