"""Shared test helpers for boilerstrip.

``assert_lossless`` is a plain function so tests can ``from conftest import assert_lossless``;
it is also offered as the ``lossless`` fixture.
"""

from __future__ import annotations

import os
import sys
import tempfile

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

import boilerstrip

sys.path.insert(0, os.path.dirname(__file__))

# Keep Hypothesis' example database and patch files out of the repository.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "boilerstrip-tests-hypothesis"))


def assert_lossless(result: boilerstrip.Result) -> None:
    """Every character of the source is either in the clean text or in a stripped segment
    (see Result.lossless_problems), and the segments are real Segment objects."""
    assert all(isinstance(seg, boilerstrip.Segment) for seg in result.stripped)
    problems = result.lossless_problems()
    assert not problems, "not lossless: " + "; ".join(problems)


@pytest.fixture
def lossless():
    return assert_lossless
