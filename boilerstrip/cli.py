"""The ``boilerstrip`` command: strip pages, check golden files, list filters.

Exit codes: 0 success; 1 a golden check found differences, or some inputs failed;
2 bad usage or nothing could be read.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .api import strip
from .errors import BoilerstripError
from .registry import filter_origin, registered_filters

EXPECTED_SUFFIX = ".expected.txt"


class CliError(Exception):
    """A problem with what the user asked for; printed without a traceback."""


# ----------------------------------------------------------------------- inputs
def is_page_file(path: Path) -> bool:
    """A ``*.txt`` page, not a golden or gold file that sits beside it."""
    name = path.name
    return name.endswith(".txt") and ".expected." not in name and ".gold." not in name


def collect_inputs(paths: Sequence[str]) -> list[tuple[str, Path | None, Path]]:
    """``(display name, input root folder or None, file)`` for every page to process.

    Folders are searched recursively for ``*.txt`` pages, in sorted order; ``-`` is stdin.
    """
    found: list[tuple[str, Path | None, Path]] = []
    for raw in paths:
        if raw == "-":
            found.append(("-", None, Path("-")))
            continue
        path = Path(raw)
        if path.is_dir():
            pages = sorted(p for p in path.rglob("*.txt") if p.is_file() and is_page_file(p))
            found.extend((str(p), path, p) for p in pages)
        elif path.is_file():
            found.append((str(path), None, path))
        elif not path.exists():
            raise CliError(f"cannot read {raw}: no such file or directory")
        else:
            raise CliError(f"cannot read {raw}: not a regular file or directory")
    return found


def read_input(path: Path) -> bytes:
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc


def output_name(root: Path | None, path: Path) -> Path:
    """The input's name relative to the folder it was found in (its own name for a file)."""
    if str(path) == "-":
        return Path("stdin.txt")
    return path.relative_to(root) if root is not None else Path(path.name)


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


# ----------------------------------------------------------------------- commands
def cmd_strip(args: argparse.Namespace) -> int:
    inputs = collect_inputs(args.paths)
    if not inputs:
        raise CliError("no *.txt pages found in " + ", ".join(args.paths))
    out = Path(args.output) if args.output else None
    single_jsonl = out is not None and args.format == "jsonl" and out.suffix == ".jsonl"
    if out is not None:
        for raw in args.paths:
            src = Path(raw)
            if raw != "-" and src.is_dir() and _inside(out, src):
                raise CliError(f"refusing to write into the input folder {raw}: choose an -o outside it")
    failures = 0
    sink = None
    if single_jsonl:
        out.parent.mkdir(parents=True, exist_ok=True)
        sink = open(out, "w", encoding="utf-8")
    elif out is not None:
        out.mkdir(parents=True, exist_ok=True)
    try:
        for shown, root, path in inputs:
            try:
                result = strip(read_input(path), kind=args.kind)
            except (CliError, BoilerstripError, NotImplementedError, ValueError) as exc:
                print(f"boilerstrip: {shown}: {exc}", file=sys.stderr)
                failures += 1
                continue
            record = {"path": shown, **result.to_dict()}
            if sink is not None:
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif out is not None:
                target = out / output_name(root, path)
                if args.format == "jsonl":
                    target = target.with_suffix(".jsonl")
                if any(target.resolve() == p.resolve() for _, _, p in inputs if str(p) != "-"):
                    raise CliError(f"refusing to overwrite the input {target}")
                target.parent.mkdir(parents=True, exist_ok=True)
                body = (json.dumps(record, ensure_ascii=False) + "\n" if args.format == "jsonl"
                        else (result.text + "\n" if result.text else ""))
                target.write_text(body, encoding="utf-8")
            elif args.format == "jsonl":
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                if len(inputs) > 1:
                    sys.stdout.write(f"==> {shown} <==\n")
                sys.stdout.write(result.text + ("\n" if result.text else ""))
    finally:
        if sink is not None:
            sink.close()
    if failures:
        print(f"boilerstrip: {failures} of {len(inputs)} input(s) failed", file=sys.stderr)
        return 1
    return 0


def _canonical(text: str) -> str:
    """Golden comparison ignores trailing whitespace on lines and at the end."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def cmd_check(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if not folder.is_dir():
        raise CliError(f"cannot read {args.dir}: not a directory")
    pages = [p for _, _, p in collect_inputs([args.dir])]
    if not pages:
        raise CliError(f"no *.txt pages found in {args.dir}")
    differ = updated = 0
    for page in pages:
        expected_path = page.with_name(page.name[: -len(".txt")] + EXPECTED_SUFFIX)
        got = _canonical(strip(read_input(page), kind=args.kind).text)
        want = _canonical(expected_path.read_text(encoding="utf-8")) if expected_path.exists() else None
        if got == want:
            continue
        if args.update:
            expected_path.write_text(got + "\n" if got else "", encoding="utf-8")
            updated += 1
            print(f"updated {expected_path}")
            continue
        differ += 1
        if want is None:
            print(f"MISSING {expected_path} (run with --update to create it)")
            continue
        diff = difflib.unified_diff(want.splitlines(), got.splitlines(), fromfile=str(expected_path),
                                    tofile=f"{page} (boilerstrip)", lineterm="")
        print("\n".join(diff))
    total = len(pages)
    if args.update:
        print(f"checked {total} page(s): {updated} expected file(s) updated")
        return 0
    print(f"checked {total} page(s): {total - differ} match, {differ} differ")
    return 1 if differ else 0


def cmd_filters(args: argparse.Namespace) -> int:
    for name, cls in sorted(registered_filters().items()):
        print(f"{name:<12} {filter_origin(name):<12} {cls.description}")
    return 0


# ----------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="boilerstrip",
                                     description="Strip web boilerplate and say what was stripped and why.")
    parser.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("strip", help="strip pages and print or write the clean text")
    p.add_argument("paths", nargs="+", help="files, folders (searched for *.txt) or - for stdin")
    p.add_argument("-o", "--output", help="output folder (one file per input), or FILE.jsonl with --format jsonl")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.add_argument("--kind", choices=("auto", "text", "html"), default="auto")
    p.set_defaults(func=cmd_strip)

    p = sub.add_parser("check", help="compare each NAME.txt's result with NAME.expected.txt")
    p.add_argument("dir")
    p.add_argument("--update", action="store_true", help="rewrite the expected files instead")
    p.add_argument("--kind", choices=("auto", "text", "html"), default="auto")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("filters", help="list the registered filters")
    p.set_defaults(func=cmd_filters)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CliError as exc:
        print(f"boilerstrip: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `boilerstrip strip ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
