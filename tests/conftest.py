"""Shared test helpers for boilerstrip.

``assert_lossless`` is a plain function so tests can ``from conftest import assert_lossless``;
it is also offered as the ``lossless`` fixture.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

import boilerstrip

sys.path.insert(0, os.path.dirname(__file__))

# Keep Hypothesis' example database and patch files out of the repository.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "boilerstrip-tests-hypothesis"))


def _non_ws(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def assert_lossless(result: boilerstrip.Result) -> None:
    """Every character of the source is either in the clean text or in a stripped segment.

    * segments are sorted, non-overlapping, and each ``seg.text == source[seg.start:seg.end]``;
    * ``result.text == rebuild_text(source, stripped)``;
    * the multiset of non-whitespace characters of the clean text plus all segment texts
      equals that of the source.
    """
    source = result.source
    prev_end = 0
    for seg in result.stripped:
        assert isinstance(seg, boilerstrip.Segment), seg
        assert 0 <= seg.start < seg.end <= len(source), (seg.start, seg.end, len(source))
        assert seg.start >= prev_end, f"segments overlap or are unsorted at {seg.start} (previous end {prev_end})"
        assert seg.text == source[seg.start:seg.end], (seg, source[seg.start:seg.end])
        prev_end = seg.end
    assert result.text == boilerstrip.rebuild_text(source, result.stripped)
    accounted = _non_ws(result.text)
    for seg in result.stripped:
        accounted.update(_non_ws(seg.text))
    expected = _non_ws(source)
    if accounted != expected:
        missing = expected - accounted
        extra = accounted - expected
        raise AssertionError(f"not lossless: missing {dict(missing)!r}, extra {dict(extra)!r}")


@pytest.fixture
def lossless():
    return assert_lossless
