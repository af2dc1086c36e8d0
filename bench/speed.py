#!/usr/bin/env python3
"""Time boilerstrip (on the raw text) and trafilatura (on the HTML) on the same pages, interleaved.

    python bench/speed.py ../shared/bench/wcxb_dev [--limit N] [--rounds R] [--c4] [--kind html]

One process, one page at a time, alternating the two systems page by page (and which of the
two goes first), so that the machine's speed drifting during the run hits both alike. Inputs
are read and decompressed before timing; only the extraction calls are timed. ``--kind html``
times boilerstrip on the same HTML that trafilatura gets (issue 4's target) instead of the raw text.

``--c4`` adds a third system to the same interleaved run: datatrove's C4 line rules
(``C4QualityFilter`` without the sentence count, which needs spaCy) on the raw text, the
fastest raw-text peer in ../shared/bench/README.md. It is the reference for what a handful of
string tests per line costs in Python (``pip install datatrove`` first).
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
    parser.add_argument("--kind", choices=("text", "html"), default="text",
                        help="what boilerstrip reads: the raw text (default) or the HTML")
    parser.add_argument("--c4", action="store_true",
                        help="also time datatrove's C4 line rules on the raw text (needs datatrove)")
    args = parser.parse_args()
    c4 = _c4_runner() if args.c4 else None
    pages = []
    for raw_path in sorted(args.set_dir.glob("*.raw.txt")):
        html_path = raw_path.with_name(raw_path.name[: -len(".raw.txt")] + ".html.gz")
        if html_path.exists():
            raw = raw_path.read_bytes()
            html = gzip.decompress(html_path.read_bytes()).decode("utf-8", "replace")
            pages.append((raw, html, raw.decode("utf-8", "replace")))
        if args.limit and len(pages) >= args.limit:
            break
    if not pages:
        print(f"no pages with both .raw.txt and .html.gz in {args.set_dir}", file=sys.stderr)
        return 2
    systems = [
        ("boilerstrip", (lambda raw, html, text: boilerstrip.strip(html, kind="html")) if args.kind == "html"
                        else (lambda raw, html, text: boilerstrip.strip(raw, kind="text"))),
        ("trafilatura", lambda raw, html, text: trafilatura.extract(html, include_comments=False)),
    ]
    if c4 is not None:
        systems.append(("c4", lambda raw, html, text: c4(text)))
    for _, run in systems:  # load cues and models once, outside the timing
        run(*pages[0])
    spent = [0.0] * len(systems)
    clock = time.perf_counter
    k = len(systems)
    for _ in range(args.rounds):
        for i, page in enumerate(pages):
            for which in [(i + j) % k for j in range(k)]:  # each system goes first in turn
                t = clock()
                systems[which][1](*page)
                spent[which] += clock() - t
    n = len(pages) * args.rounds
    print(f"{n} pages, interleaved, single process")
    source = "HTML" if args.kind == "html" else "raw text"
    print(f"boilerstrip {boilerstrip.__version__} ({source}): {n / spent[0]:8.1f} pages/s")
    print(f"trafilatura {trafilatura.__version__} (HTML):     {n / spent[1]:8.1f} pages/s")
    print(f"ratio: {spent[1] / spent[0]:.2f}x")
    if c4 is not None:
        print(f"datatrove C4 line rules (raw text): {n / spent[2]:8.1f} pages/s, "
              f"{spent[1] / spent[2]:.2f}x trafilatura")
    return 0


def _c4_runner():
    """datatrove's C4 line rules as a function of the page text."""
    try:
        from datatrove.data import Document
        from datatrove.pipeline.filters import C4QualityFilter
    except ImportError:
        sys.exit("--c4 needs datatrove: pip install datatrove")
    rules = C4QualityFilter(min_num_sentences=-1)  # the sentence count needs spaCy

    def run(text: str) -> str:
        doc = Document(text=text, id="page")
        rules.filter(doc)
        return doc.text
    return run


if __name__ == "__main__":
    sys.exit(main())
