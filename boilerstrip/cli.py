"""The ``boilerstrip`` command: strip pages, check golden files, explain a page, score against
gold, list filters.

``strip`` takes page files (``*.txt``, ``*.html``, ``*.htm``), folders of them, ``-`` for stdin,
and WARC/WET files (``*.warc``, ``*.warc.gz``, ``*.wet``, ``*.wet.gz``): each page record of a
WARC/WET file becomes one JSON line, and a one-line summary per file goes to stderr.

``strip`` and ``check`` read the configuration (``boilerstrip.toml`` or ``[tool.boilerstrip]``,
found from the working directory upwards, or ``--config PATH``), spread pages over ``-j N``
processes with output in input order, show a progress bar when stderr is a terminal, and end
a run of several inputs with a summary on stderr.

Exit codes: 0 success; 1 a golden check found differences, or some inputs failed (a page,
a WARC record, a truncated WARC file); 2 bad usage or nothing could be read.
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
from .batch import PageJob, PageOutcome, RunStats, auto_workers, default_jobs, run_jobs
from .config import Config, load_config
from .errors import BoilerstripError, ConfigError
from .progress import ProgressBar
from .warc import WarcCounts, is_warc_path, iter_records

EXPECTED_SUFFIX = ".expected.txt"
PAGE_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
#: WARC errors printed one by one for each file; the summary line counts them all.
MAX_WARC_ERRORS_SHOWN = 20


class CliError(Exception):
    """A problem with what the user asked for; printed without a traceback."""


# ----------------------------------------------------------------------- inputs
def is_page_file(path: Path) -> bool:
    """A ``*.txt``, ``*.html`` or ``*.htm`` page, not a golden or gold file that sits beside it."""
    name = path.name
    return (name.lower().endswith(PAGE_SUFFIXES) and ".expected." not in name
            and ".gold." not in name)


def page_stem(path: Path) -> str:
    """``NAME`` for ``NAME.txt``, ``NAME.html`` and ``NAME.htm``."""
    return path.name[: -len(path.suffix)] if path.suffix.lower() in PAGE_SUFFIXES else path.name


def collect_inputs(paths: Sequence[str]) -> list[tuple[str, Path | None, Path]]:
    """``(display name, input root folder or None, file)`` for every page to process.

    Folders are searched recursively for ``*.txt``, ``*.html`` and ``*.htm`` pages, in sorted
    order; ``-`` is stdin. Files named on the command line (WARC/WET files among them) are
    taken as they are.
    """
    found: list[tuple[str, Path | None, Path]] = []
    for raw in paths:
        if raw == "-":
            found.append(("-", None, Path("-")))
            continue
        path = Path(raw)
        if path.is_dir():
            pages = sorted(p for p in path.rglob("*") if is_page_file(p) and p.is_file())
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
    """The input's name relative to the folder it was found in (its own name for a file).

    The clean text of ``NAME.html`` or ``NAME.htm`` goes to ``NAME.txt``.
    """
    if str(path) == "-":
        return Path("stdin.txt")
    name = path.relative_to(root) if root is not None else Path(path.name)
    return name.with_suffix(".txt") if name.suffix.lower() in HTML_SUFFIXES else name


def page_kind(path: Path, kind: str) -> str:
    """``--kind``, except that ``auto`` means ``html`` for a file named ``*.html`` or ``*.htm``."""
    if kind == "auto" and path.suffix.lower() in HTML_SUFFIXES:
        return "html"
    return kind


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


# ----------------------------------------------------------------------- configuration
def add_config_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config PATH`` / ``--no-config``, for every command that strips pages."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--config", metavar="PATH",
                       help="configuration file (boilerstrip.toml, or a pyproject.toml with "
                            "[tool.boilerstrip]); default: the first found from the working "
                            "directory upwards")
    group.add_argument("--no-config", action="store_true",
                       help="ignore configuration files: the built-in filters and options")


def config_from_args(args: argparse.Namespace) -> Config:
    """The configuration a command runs with; a bad one raises ConfigError (exit 2)."""
    if getattr(args, "no_config", False):
        return Config()
    return load_config(getattr(args, "config", None))


def add_jobs_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                        help="worker processes for folders of pages (default: all CPUs, "
                             f"{default_jobs()} here, but one per 2 MB of pages at most); the "
                             "output is the same for any N")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def print_summary(stats: RunStats, config: Config) -> None:
    for line in stats.lines(config.path):
        print(f"boilerstrip: {line}", file=sys.stderr)


# ----------------------------------------------------------------------- commands
def cmd_strip(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    inputs = collect_inputs(args.paths)
    if not inputs:
        raise CliError("no *.txt pages (or *.html, *.htm) found in " + ", ".join(args.paths))
    warcs = [shown for shown, _, path in inputs if str(path) != "-" and is_warc_path(path)]
    fmt = args.format or ("jsonl" if warcs else "text")
    out = Path(args.output) if args.output else None
    single_jsonl = out is not None and fmt == "jsonl" and out.suffix == ".jsonl"
    if warcs and fmt != "jsonl":
        raise CliError(f"{warcs[0]} is a WARC/WET file: its records are written as JSON lines, "
                       "not with --format text")
    if warcs and out is not None and not single_jsonl:
        raise CliError(f"{warcs[0]} is a WARC/WET file: its records go to one JSON-lines file; "
                       "give -o FILE.jsonl, or no -o for standard output")
    input_files = {p.resolve() for _, _, p in inputs if str(p) != "-"}
    if out is not None:
        for raw in args.paths:
            src = Path(raw)
            if raw != "-" and src.is_dir() and _inside(out, src):
                raise CliError(f"refusing to write into the input folder {raw}: choose an -o outside it")
        if single_jsonl and out.resolve() in input_files:
            raise CliError(f"refusing to overwrite the input {out}")
        if not single_jsonl:
            _check_distinct_outputs(inputs, out, fmt)
    pages = [(shown, root, path) for shown, root, path in inputs
             if str(path) == "-" or not is_warc_path(path)]
    jobs = [_page_job(shown, path, page_kind(path, args.kind), args.url) for shown, _, path in pages]
    failures = 0
    stats = RunStats()
    sink = None
    if single_jsonl:
        out.parent.mkdir(parents=True, exist_ok=True)
        sink = open(out, "w", encoding="utf-8")
    elif out is not None:
        out.mkdir(parents=True, exist_ok=True)

    def emit(record: dict) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        (sink or sys.stdout).write(line)

    outcomes = run_jobs(jobs, config.pipeline, args.jobs or auto_workers(jobs))
    try:
        with ProgressBar(len(inputs)) as bar:
            for shown, root, path in inputs:
                if str(path) != "-" and is_warc_path(path):
                    failures += strip_warc(shown, path, emit, config, stats)
                    bar.advance()
                    continue
                outcome: PageOutcome = next(outcomes)
                bar.advance()
                if outcome.record is None:
                    print(f"boilerstrip: {shown}: {outcome.error}", file=sys.stderr)
                    failures += 1
                    stats.errors += 1
                    continue
                stats.add(outcome.record)
                record = {"path": shown, **outcome.record}
                text = record["text"]
                if sink is not None:
                    emit(record)
                elif out is not None:
                    target = out / output_name(root, path)
                    if fmt == "jsonl":
                        target = target.with_suffix(".jsonl")
                    if target.resolve() in input_files:
                        raise CliError(f"refusing to overwrite the input {target}")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    body = (json.dumps(record, ensure_ascii=False) + "\n" if fmt == "jsonl"
                            else (text + "\n" if text else ""))
                    target.write_text(body, encoding="utf-8")
                elif fmt == "jsonl":
                    emit(record)
                else:
                    if len(inputs) > 1:
                        sys.stdout.write(f"==> {shown} <==\n")
                    sys.stdout.write(text + ("\n" if text else ""))
    finally:
        outcomes.close()
        if sink is not None:
            sink.close()
    if len(inputs) > 1:
        print_summary(stats, config)
    elif failures:
        print(f"boilerstrip: {failures} of {len(inputs)} input(s) failed", file=sys.stderr)
    return 1 if failures else 0


def _page_job(shown: str, path: Path, kind: str, url: str | None) -> PageJob:
    """Standard input is read here, once; files are read by whichever process strips them."""
    if str(path) == "-":
        return PageJob(shown, None, kind, url, data=read_input(path))
    return PageJob(shown, str(path), kind, url)


def _check_distinct_outputs(inputs: list[tuple[str, Path | None, Path]], out: Path, fmt: str) -> None:
    """Two inputs must not write the same output file (``NAME.txt`` and ``NAME.html``)."""
    seen: dict[Path, str] = {}
    for shown, root, path in inputs:
        target = output_name(root, path)
        if fmt == "jsonl":
            target = target.with_suffix(".jsonl")
        if target in seen:
            raise CliError(f"{seen[target]} and {shown} would both be written to {out / target}")
        seen[target] = shown


def strip_warc(shown: str, path: Path, emit, config: Config | None = None,
               stats: RunStats | None = None) -> int:
    """Strip every page record of a WARC/WET file into *emit*; 1 when something failed, else 0.

    Records go through *config*'s pipeline with their own URL (so per-site rules apply), one
    after the other in this process. Errors are printed as they come (the first
    :data:`MAX_WARC_ERRORS_SHOWN`), then one summary line: records processed, skipped by
    reason, errors. *stats* counts the records for the run's summary.
    """
    pipeline = (config or Config()).pipeline()
    try:
        stream = open(path, "rb")
    except OSError as exc:
        print(f"boilerstrip: {shown}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        if stats is not None:
            stats.errors += 1
        return 1
    counts = WarcCounts()
    shown_errors = 0

    def report_errors() -> None:
        nonlocal shown_errors
        while shown_errors < min(len(counts.errors), MAX_WARC_ERRORS_SHOWN):
            record_id, message = counts.errors[shown_errors]
            where = f"record {record_id}: " if record_id else ""
            print(f"boilerstrip: {shown}: {where}{message}", file=sys.stderr)
            shown_errors += 1

    with stream:
        for info, result in iter_records(stream, strip_fn=pipeline, counts=counts):
            record = result.to_dict()
            if stats is not None:
                stats.add(record)
            emit({"url": info.url, "warc_date": info.date, "record_id": info.record_id, **record})
            report_errors()
    report_errors()
    if stats is not None:
        stats.errors += len(counts.errors)
    if len(counts.errors) > shown_errors:
        print(f"boilerstrip: {shown}: {len(counts.errors) - shown_errors} more error(s) not shown",
              file=sys.stderr)
    print(f"boilerstrip: {shown}: {counts.summary()}", file=sys.stderr)
    return 1 if counts.errors else 0


def _canonical(text: str) -> str:
    """Golden comparison ignores trailing whitespace on lines and at the end."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def cmd_check(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    folder = Path(args.dir)
    if not folder.is_dir():
        raise CliError(f"cannot read {args.dir}: not a directory")
    pages = [p for _, _, p in collect_inputs([args.dir])]
    if not pages:
        raise CliError(f"no *.txt pages (or *.html, *.htm) found in {args.dir}")
    owners: dict[Path, Path] = {}
    for page in pages:
        expected_path = page.with_name(page_stem(page) + EXPECTED_SUFFIX)
        if expected_path in owners:
            raise CliError(f"{owners[expected_path]} and {page} would share {expected_path}: rename one")
        owners[expected_path] = page
    differ = updated = failed = 0
    stats = RunStats()
    jobs = [PageJob(str(page), str(page), page_kind(page, args.kind), args.url) for page in owners.values()]
    outcomes = run_jobs(jobs, config.pipeline, args.jobs or auto_workers(jobs))
    try:
        with ProgressBar(len(jobs), label="checking") as bar:
            for (expected_path, page), outcome in zip(owners.items(), outcomes):
                bar.advance()
                if outcome.record is None:
                    failed += 1
                    stats.errors += 1
                    print(f"FAILED {page}: {outcome.error}")
                    continue
                stats.add(outcome.record)
                got = _canonical(outcome.record["text"])
                try:
                    want = (_canonical(expected_path.read_text(encoding="utf-8"))
                            if expected_path.exists() else None)
                except (OSError, UnicodeDecodeError) as exc:
                    failed += 1
                    stats.errors += 1
                    print(f"FAILED {expected_path}: cannot read it: {getattr(exc, 'strerror', None) or exc}")
                    continue
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
    finally:
        outcomes.close()
    if len(pages) > 1:
        print_summary(stats, config)
    total = len(pages)
    failed_note = f", {failed} failed" if failed else ""
    if args.update:
        print(f"checked {total} page(s): {updated} expected file(s) updated{failed_note}")
        return 1 if failed else 0
    print(f"checked {total} page(s): {total - differ - failed} match, {differ} differ{failed_note}")
    return 1 if differ or failed else 0


def cmd_explain(args: argparse.Namespace) -> int:
    from .explain import cmd_explain as explain  # imports rich and the renderers only when asked

    return explain(args)


def cmd_filters(args: argparse.Namespace) -> int:
    from .reference import filter_table, filters_info

    infos = filters_info()
    print(json.dumps([i.to_dict() for i in infos], indent=1) if args.json else filter_table(infos))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import (EvalError, check_per_page_path, evaluate, format_report, skipped_notes,
                           write_per_page)

    try:
        if args.per_page:
            check_per_page_path(args.per_page)  # before a long run, not after it
        pipeline = config_from_args(args).pipeline()
        evaluation = evaluate(args.dir, kind=args.kind, limit=args.limit, pipeline=pipeline)
    except EvalError as exc:
        raise CliError(str(exc)) from exc
    for note in skipped_notes(evaluation.skipped):
        print(f"boilerstrip: eval: {note}", file=sys.stderr)
    for page in evaluation.failed:
        print(f"boilerstrip: eval: {page.path}: {page.error}", file=sys.stderr)
    if args.per_page:
        try:
            write_per_page(evaluation, args.per_page)
        except OSError as exc:
            raise CliError(f"cannot write {args.per_page}: {exc.strerror or exc}") from exc
    print(json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=1) if args.json
          else format_report(evaluation))
    return 0


# ----------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="boilerstrip",
                                     description="Strip web boilerplate and say what was stripped and why.")
    parser.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("strip", help="strip pages and print or write the clean text")
    p.add_argument("paths", nargs="+",
                   help="files, folders (searched for *.txt, *.html, *.htm), WARC/WET files "
                        "(*.warc, *.warc.gz, *.wet, *.wet.gz) or - for stdin")
    p.add_argument("-o", "--output",
                   help="output folder (one file per input), or FILE.jsonl with --format jsonl "
                        "(the only output file WARC/WET input takes)")
    p.add_argument("--format", choices=("text", "jsonl"), default=None,
                   help="text (the default) or jsonl (the default, and the only choice, with WARC/WET input)")
    p.add_argument("--kind", choices=("auto", "text", "html"), default="auto",
                   help="page kind (auto: by markup, and html for *.html files); WARC/WET records "
                        "carry their own")
    p.add_argument("--url", help="the pages' URL, for per-site rules (WARC/WET records carry their own; "
                                 "HTML pages without it are matched by their canonical link)")
    add_jobs_argument(p)
    add_config_arguments(p)
    p.set_defaults(func=cmd_strip)

    p = sub.add_parser("check", help="compare each NAME.txt's (or NAME.html's) result with NAME.expected.txt")
    p.add_argument("dir")
    p.add_argument("--update", action="store_true", help="rewrite the expected files instead")
    p.add_argument("--kind", choices=("auto", "text", "html"), default="auto")
    p.add_argument("--url", help="the pages' URL, for per-site rules (HTML pages without it are matched "
                                 "by their canonical link)")
    add_jobs_argument(p)
    add_config_arguments(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("explain", help="show a page line by line: kept, or stripped by which filter and why")
    p.add_argument("path", metavar="FILE", help="a page (*.txt, *.html, *.htm) or - for stdin")
    p.add_argument("--kind", choices=("auto", "text", "html"), default="auto",
                   help="page kind (auto: by markup, and html for *.html files)")
    p.add_argument("--html", metavar="OUT.html",
                   help="write the view as a standalone HTML page instead (- for stdout)")
    p.add_argument("--no-color", action="store_true",
                   help="the plain view even on a terminal: no colour, lines never cut")
    p.add_argument("--url", help="the page's URL, for per-site rules (an HTML page without it is "
                                 "matched by its canonical link)")
    add_config_arguments(p)
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("filters", help="list the registered filters")
    p.add_argument("--json", action="store_true",
                   help="print name, origin, description, options and reasons as JSON")
    p.set_defaults(func=cmd_filters)

    p = sub.add_parser("eval", help="score the stripped pages of DIR against their NAME.gold.txt")
    p.add_argument("dir", help="folder of pages (NAME.txt, NAME.raw.txt, NAME.html[.gz]) with NAME.gold.txt")
    p.add_argument("--kind", choices=("auto", "text", "html"), default="auto",
                   help="which file of a page to strip (auto: the HTML when there is one)")
    p.add_argument("--per-page", metavar="FILE", help="also write per-page scores to FILE.tsv or FILE.csv")
    p.add_argument("--limit", type=int, metavar="N", help="score only the first N pages with gold")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    add_config_arguments(p)
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (CliError, ConfigError) as exc:
        print(f"boilerstrip: error: {exc}", file=sys.stderr)
        return 2
    except BoilerstripError as exc:  # a run that cannot go on (its worker processes keep dying)
        print(f"boilerstrip: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `boilerstrip strip ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
