#!/usr/bin/env python3
"""Run boilerstrip on the raw text of a ../shared/bench set and score it with score.py.

    python bench/run_text.py ../shared/bench/wcxb_dev [--by-type] [--out bench/out/wcxb_dev]

Writes one <id>.txt per page (strip(raw, kind="text").text), checks the lossless guarantee on
every page, then runs the reference scorer (score.py in the set's parent folder) on the output.
"""

from __future__ import annotations

import collections
import sys
import time

import boilerstrip
from common import OUT, parse_args, score


def lossless_problems(result: boilerstrip.Result) -> list[str]:
    """What, if anything, breaks the lossless guarantee for one result."""
    problems = []
    source = result.source
    last_end = -1
    for seg in result.stripped:
        if seg.text != source[seg.start:seg.end]:
            problems.append(f"segment {seg.start}:{seg.end} text differs from source")
        if seg.start < last_end:
            problems.append(f"segment {seg.start}:{seg.end} overlaps the previous one")
        last_end = seg.end
    if result.text != boilerstrip.rebuild_text(source, result.stripped):
        problems.append("text is not source minus segments")
    chars = collections.Counter(ch for ch in source if not ch.isspace())
    accounted = collections.Counter(ch for ch in result.text if not ch.isspace())
    for seg in result.stripped:
        accounted.update(ch for ch in seg.text if not ch.isspace())
    if chars != accounted:
        problems.append("characters lost or invented")
    return problems


def main() -> int:
    args = parse_args(__doc__)
    out = args.out or OUT / args.set_dir.name
    out.mkdir(parents=True, exist_ok=True)
    pages = sorted(args.set_dir.glob("*.raw.txt"))
    if not pages:
        print(f"no *.raw.txt pages in {args.set_dir}", file=sys.stderr)
        return 2
    broken = 0
    started = time.perf_counter()
    for path in pages:
        page_id = path.name[: -len(".raw.txt")]
        result = boilerstrip.strip(path.read_bytes(), kind="text")
        problems = lossless_problems(result)
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
