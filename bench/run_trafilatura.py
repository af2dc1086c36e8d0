#!/usr/bin/env python3
"""Run the peer, trafilatura, on the HTML of a ../shared/bench set, for a same-run comparison.

    python bench/run_trafilatura.py ../shared/bench/wcxb_dev [--out bench/out/trafilatura_wcxb_dev]

Writes <id>.txt per page (trafilatura.extract with comments off, as in the bench README's
best row), then prints score.py's table for it next to boilerstrip's output if present.
"""

from __future__ import annotations

import gzip
import sys
import time

import trafilatura

from common import OUT, parse_args, score


def main() -> int:
    args = parse_args(__doc__)
    out = args.out or OUT / f"trafilatura_{args.set_dir.name}"
    out.mkdir(parents=True, exist_ok=True)
    pages = sorted(args.set_dir.glob("*.html.gz"))
    started = time.perf_counter()
    for path in pages:
        page_id = path.name[: -len(".html.gz")]
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        text = trafilatura.extract(html, include_comments=False) or ""
        (out / f"{page_id}.txt").write_text(text, encoding="utf-8")
    elapsed = time.perf_counter() - started
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages in {elapsed:.1f} s ({len(pages) / elapsed:.1f} pages/s)")
    ours = OUT / args.set_dir.name
    return score(args.set_dir, [out] + ([ours] if ours.is_dir() else []), args.by_type)


if __name__ == "__main__":
    sys.exit(main())
