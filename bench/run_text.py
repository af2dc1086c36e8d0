#!/usr/bin/env python3
"""Run boilerstrip on a ../shared/bench set and score it with score.py.

    python bench/run_text.py ../shared/bench/wcxb_dev [--by-type] [--out DIR] [--kind html]

Writes one <id>.txt per page (``strip(raw, kind="text").text`` on the page's raw text, or with
``--kind html`` ``strip(html, kind="html").text`` on its HTML; outputs go to
bench/out/<set> or bench/out/html_<set>), checks the lossless guarantee on every page, then
runs the reference scorer (score.py in the set's parent folder) on the output.
"""

from __future__ import annotations

import gzip
import sys
import time

import boilerstrip
from common import OUT, parse_args, score


def main() -> int:
    args = parse_args(__doc__)
    prefix = "html_" if args.kind == "html" else ""
    out = args.out or OUT / (prefix + args.set_dir.name)
    out.mkdir(parents=True, exist_ok=True)
    pages = sorted(args.set_dir.glob("*.raw.txt"))
    if not pages:
        print(f"no *.raw.txt pages in {args.set_dir}", file=sys.stderr)
        return 2
    broken = 0
    started = time.perf_counter()
    for path in pages:
        page_id = path.name[: -len(".raw.txt")]
        if args.kind == "html":
            html_path = path.with_name(page_id + ".html.gz")
            result = boilerstrip.strip(gzip.decompress(html_path.read_bytes()), kind="html")
        else:
            result = boilerstrip.strip(path.read_bytes(), kind="text")
        problems = result.lossless_problems()
        if problems:
            broken += 1
            print(f"{page_id}: {'; '.join(problems)}", file=sys.stderr)
        (out / f"{page_id}.txt").write_text(result.text, encoding="utf-8")
    elapsed = time.perf_counter() - started
    print(f"{len(pages)} pages in {elapsed:.1f} s ({len(pages) / elapsed:.0f} pages/s); "
          f"lossless broken on {broken} page(s)")
    return score(args.set_dir, [out], args.by_type) or (1 if broken else 0)


if __name__ == "__main__":
    sys.exit(main())
