"""What the bench runners share: their command line and the call to the reference scorer."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).parent / "out"


def parse_args(doc: str) -> argparse.Namespace:
    """``SET_DIR [--out DIR] [--by-type]``."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dir", type=Path, help="a ../shared/bench set, e.g. ../shared/bench/wcxb_dev")
    parser.add_argument("--out", type=Path, help="where to write <id>.txt predictions")
    parser.add_argument("--by-type", action="store_true", help="also score per page type (WCXB)")
    parser.add_argument("--kind", choices=("text", "html"), default="text",
                        help="run on each page's raw text (default) or on its HTML")
    return parser.parse_args()


def score(set_dir: Path, pred_dirs: list[Path], by_type: bool) -> int:
    """Run the set's own score.py (the reference metric; never a copy of it) on *pred_dirs*."""
    cmd = [sys.executable, str(set_dir.parent / "score.py"), str(set_dir), *map(str, pred_dirs)]
    return subprocess.call(cmd + (["--by-type"] if by_type else []))
