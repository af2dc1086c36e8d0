#!/usr/bin/env python3
"""Time boilerstrip (on the raw text) and trafilatura (on the HTML) on the same pages, interleaved.

    python bench/speed.py ../shared/bench/wcxb_dev [--limit N] [--rounds R]

One process, one page at a time, alternating the two systems page by page (and which of the
two goes first), so that the machine's speed drifting during the run hits both alike. Inputs
are read and decompressed before timing; only the extraction calls are timed.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

import trafilatura

import boilerstrip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--rounds", type=int, default=1, help="passes over the pages")
    args = parser.parse_args()
    pages = []
    for raw_path in sorted(args.set_dir.glob("*.raw.txt")):
        html_path = raw_path.with_name(raw_path.name[: -len(".raw.txt")] + ".html.gz")
        if html_path.exists():
            pages.append((raw_path.read_bytes(), gzip.decompress(html_path.read_bytes()).decode("utf-8", "replace")))
        if args.limit and len(pages) >= args.limit:
            break
    if not pages:
        print(f"no pages with both .raw.txt and .html.gz in {args.set_dir}", file=sys.stderr)
        return 2
    boilerstrip.strip(pages[0][0], kind="text")  # load cues once, outside the timing
    trafilatura.extract(pages[0][1])
    ours = theirs = 0.0
    clock = time.perf_counter
    for _ in range(args.rounds):
        for i, (raw, html) in enumerate(pages):
            order = (0, 1) if i % 2 == 0 else (1, 0)
            for which in order:
                t = clock()
                if which == 0:
                    boilerstrip.strip(raw, kind="text")
                    ours += clock() - t
                else:
                    trafilatura.extract(html, include_comments=False)
                    theirs += clock() - t
    n = len(pages) * args.rounds
    print(f"{n} pages, interleaved, single process")
    print(f"boilerstrip {boilerstrip.__version__} (raw text): {n / ours:8.1f} pages/s")
    print(f"trafilatura {trafilatura.__version__} (HTML):     {n / theirs:8.1f} pages/s")
    print(f"ratio: {theirs / ours:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
