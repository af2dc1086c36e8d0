#!/usr/bin/env python3
"""Fingerprint boilerstrip's output on bench sets, to prove a speed change leaves it unchanged.

    python bench/fingerprint.py ../shared/bench/wcxb_dev ../shared/bench/trafeval --kind html -o before.tsv
    ... change the code ...
    python bench/fingerprint.py ../shared/bench/wcxb_dev ../shared/bench/trafeval --kind html -o after.tsv --against before.tsv

One line per page: its id and a SHA-256 of everything the result says: the source text, the
kept text, every stripped segment (offsets, filter, reason, detail, DOM path) and the metadata.
``--against`` compares with an earlier file and lists the pages that differ (exit code 1 when
any does), so "same output" is a checked claim rather than a hope.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

import boilerstrip


def page_fingerprint(result: boilerstrip.Result) -> str:
    digest = hashlib.sha256()
    digest.update(result.source.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(result.text.encode("utf-8", "surrogatepass"))
    for seg in result.stripped:
        digest.update(json.dumps([seg.start, seg.end, seg.filter, seg.reason, seg.detail,
                                  seg.dom_path], ensure_ascii=False).encode())
    for note in result.overruled:
        digest.update(json.dumps(note.to_dict(), ensure_ascii=False).encode())
    digest.update(json.dumps(result.meta, sort_keys=True, default=str, ensure_ascii=False).encode())
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dirs", type=Path, nargs="+")
    parser.add_argument("--kind", choices=("text", "html"), default="text")
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--against", type=Path, help="an earlier fingerprint file to compare with")
    args = parser.parse_args()
    lines = []
    for set_dir in args.set_dirs:
        for raw_path in sorted(set_dir.glob("*.raw.txt")):
            page_id = raw_path.name[: -len(".raw.txt")]
            if args.kind == "html":
                data = gzip.decompress(raw_path.with_name(page_id + ".html.gz").read_bytes())
            else:
                data = raw_path.read_bytes()
            result = boilerstrip.strip(data, kind=args.kind)
            lines.append(f"{set_dir.name}/{page_id}\t{page_fingerprint(result)}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} pages fingerprinted into {args.out}")
    if args.against is None:
        return 0
    before = dict(line.split("\t") for line in args.against.read_text(encoding="utf-8").splitlines())
    after = dict(line.split("\t") for line in lines)
    differ = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    for k in differ:
        print(f"differs: {k}")
    print(f"{len(differ)} of {len(after)} pages differ from {args.against}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
