#!/usr/bin/env python3
"""Cross-validate a change to how main_block reads its scores, reusing the folds' trained models.

    python bench/train_main_block.py ../shared/bench/wcxb_dev ../shared/bench/trafeval --kind html \\
        --cv-only --cv-out bench/out/cv            # trains the folds once, keeps them in cv/folds
    python bench/cv_apply.py bench/out/cv ../shared/bench/wcxb_dev ../shared/bench/trafeval \\
        --option line_threshold=0.6 [--option ...] [--by-type] [--out DIR]

Each held-out page is run through the rule filters and a ``MainBlockFilter`` built with its
fold's models and the given options (values are JSON: ``0.6``, ``true``, ``"name"``), so the
figures are as cross-validated as train_main_block.py's own, at the cost of one pipeline run
per page instead of a retraining. The texts go to ``--out`` (default ``<cv>/apply/<set>``) and
are scored by the reference score.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

from boilerstrip.decode import decode, decode_html
from boilerstrip.filters.main_block import MainBlockFilter
from boilerstrip.model import TreeModel
from boilerstrip.pipeline import RULE_FILTERS, Pipeline


def _option(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"--option wants KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cv_dir", type=Path, help="the --cv-out folder of a train_main_block.py run")
    parser.add_argument("set_dirs", type=Path, nargs="+")
    parser.add_argument("--option", type=_option, action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--kind", choices=("text", "html"), default="html")
    parser.add_argument("--by-type", action="store_true")
    parser.add_argument("--out", type=Path, help="where the texts go (default: CV_DIR/apply)")
    args = parser.parse_args()
    folds = args.cv_dir / "folds"
    out = args.out or args.cv_dir / "apply"
    sets = {d.name: d for d in args.set_dirs}
    for d in sets:
        (out / d).mkdir(parents=True, exist_ok=True)
    options = dict(args.option)
    started = time.perf_counter()
    done = 0
    for block_path in sorted(folds.glob("fold*_block.json")):
        k = block_path.name[len("fold"):-len("_block.json")]
        block = TreeModel(json.loads(block_path.read_text(encoding="utf-8")), str(block_path))
        line_path = folds / f"fold{k}_line.json"
        line = TreeModel(json.loads(line_path.read_text(encoding="utf-8")), str(line_path)) if line_path.exists() else None
        if args.kind == "html":
            models = dict(html_model=block, html_line_model=line)
        else:
            models = dict(model=block, line_model=line, html_model=None)
        pipeline = Pipeline([*RULE_FILTERS, MainBlockFilter(**models, **options)])
        for row in (folds / f"fold{k}_pages.tsv").read_text(encoding="utf-8").splitlines():
            page_id, set_name = row.split("\t")
            if set_name not in sets:
                continue
            set_dir = sets[set_name]
            if args.kind == "html":
                raw = decode_html(gzip.decompress((set_dir / f"{page_id}.html.gz").read_bytes()))
            else:
                raw = decode((set_dir / f"{page_id}.raw.txt").read_bytes())
            text = pipeline(raw, kind=args.kind).text
            (out / set_name / f"{page_id}.txt").write_text(text, encoding="utf-8")
            done += 1
    print(f"{done} held-out pages in {time.perf_counter() - started:.0f} s; options {options}")
    for name, set_dir in sets.items():
        cmd = [sys.executable, str(set_dir.parent / "score.py"), str(set_dir), str(out / name)]
        subprocess.call(cmd + (["--by-type"] if args.by_type else []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
