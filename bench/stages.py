#!/usr/bin/env python3
"""Where the time of ``strip(html, kind="html")`` goes: per stage and per filter, in ms/page.

    python bench/stages.py ../shared/bench/wcxb_dev [--every 5] [--passes 3]

Runs the steps of ``boilerstrip.api._strip_html`` one by one on every N-th page of a set
(``Page.from_html``, the pipeline with each filter timed, the metadata, the result, and
freeing the page, which for HTML is mostly freeing the parsed tree) and prints each stage's
CPU time per page, the lowest of several passes: on a shared machine CPU time and the
minimum move less than wall time and the mean. A filter's time includes the memoised page
properties (folded lines, repeats, the title block) it is the first to ask for.
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections import Counter
from pathlib import Path

import boilerstrip
from boilerstrip.htmlmeta import html_meta
from boilerstrip.meta import extract_meta
from boilerstrip.page import Page
from boilerstrip.pipeline import build_result, default_pipeline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--every", type=int, default=5, help="time every N-th page (default 5)")
    parser.add_argument("--passes", type=int, default=3, help="passes over the pages; the lowest counts")
    args = parser.parse_args()
    pages = [gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
             for path in sorted(args.set_dir.glob("*.html.gz"))[::args.every]]
    if not pages:
        raise SystemExit(f"no .html.gz pages in {args.set_dir}")
    clock = time.process_time
    spent: Counter = Counter()
    pipeline = default_pipeline()
    for flt in pipeline.filters:
        def timed(page, find=flt.find, name=flt.name):
            start = clock()
            spans = list(find(page))
            spent[name] += clock() - start
            return spans
        flt.find = timed
    boilerstrip.strip(pages[0], kind="html")  # load cues and models outside the timing
    best: dict[str, float] = {}
    for _ in range(args.passes):
        spent.clear()
        for markup in pages:
            t0 = clock()
            page = Page.from_html(markup)
            t1 = clock()
            segments = pipeline.run(page)
            t2 = clock()
            meta = extract_meta(page)
            if page.tree is not None:
                html_meta(page.tree)
            t3 = clock()
            result = build_result(page, segments, meta, "html")
            t4 = clock()
            del page, segments, result
            t5 = clock()
            for stage, a, b in (("from_html", t0, t1), ("pipeline", t1, t2), ("meta", t2, t3),
                                ("build_result", t3, t4), ("free", t4, t5), ("total", t0, t5)):
                spent["#" + stage] += b - a
        for name, value in spent.items():
            best[name] = min(best.get(name, value), value)
    print(f"{len(pages)} pages (every {args.every}th of {args.set_dir}), lowest of {args.passes} passes, "
          f"CPU ms/page")
    for name, value in sorted(best.items(), key=lambda item: -item[1]):
        print(f"  {name.lstrip('#') if name.startswith('#') else '  ' + name:16s} {value / len(pages) * 1000:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
