"""The lossless guarantee on every real page of the WCXB dev set (when ../shared is present)."""

from pathlib import Path

import pytest

import boilerstrip
from conftest import assert_lossless

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "wcxb_dev"
PAGES = sorted(BENCH.glob("*.raw.txt")) if BENCH.is_dir() else []


@pytest.mark.skipif(not PAGES, reason="../shared/bench/wcxb_dev is not beside this checkout")
def test_lossless_on_every_wcxb_dev_page():
    assert len(PAGES) > 1000
    for path in PAGES:
        result = boilerstrip.strip(path.read_bytes(), kind="text")
        try:
            assert_lossless(result)
        except AssertionError as exc:
            raise AssertionError(f"{path.name}: {exc}") from exc
