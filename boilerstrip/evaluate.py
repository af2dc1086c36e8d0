"""Score boilerstrip against gold main texts, page by page, so a configuration can be tuned.

A folder of pages with their gold (the layout of the WCXB benchmark: ``NAME.raw.txt`` or
``NAME.txt`` page text, ``NAME.html``/``NAME.html.gz`` HTML, ``NAME.gold.txt`` the main text a
person marked) is stripped and each result compared with its gold.

The metric is the benchmark's own token F1, reproduced here so that a user's figures are the
published ones: tokens are ``\\w+`` runs of the lowercased text, counted as a multiset;
precision is the overlap over the predicted tokens, recall the overlap over the gold tokens; an
empty gold scores 1 only for an empty prediction; per-page values are averaged over pages
(``tokF1``), and the pooled counts give ``miF1``. (It is reimplemented rather than imported:
the reference scorer is a benchmark script, not part of the package; a test checks the two
agree.)
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from .api import strip
from .errors import BoilerstripError
from .pipeline import Pipeline

__all__ = [
    "EvalError",
    "TokenCounts",
    "token_counts",
    "GoldPage",
    "PageSet",
    "PageScore",
    "Evaluation",
    "find_pages",
    "score_text",
    "evaluate",
    "format_report",
    "check_per_page_path",
    "write_per_page",
]

_TOKEN = re.compile(r"\w+")
GOLD_SUFFIX = ".gold.txt"
#: Page files by kind, in order of preference: WCXB's ``.raw.txt`` before a plain ``.txt``.
TEXT_SUFFIXES = (".raw.txt", ".txt")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
#: Longest first, so that ``a.raw.txt`` is page ``a`` and not page ``a.raw``.
_PAGE_SUFFIXES = tuple(sorted(TEXT_SUFFIXES + HTML_SUFFIXES, key=len, reverse=True))
KINDS = ("auto", "text", "html")
PER_PAGE_FORMATS = {".tsv": "\t", ".csv": ","}


class EvalError(BoilerstripError):
    """The evaluation cannot run as asked: no such folder, no page with gold, a bad option."""


# ------------------------------------------------------------------------ the metric
@dataclass(frozen=True)
class TokenCounts:
    """The three numbers the token metric is made of, for one page or pooled over many."""

    overlap: int
    predicted: int
    gold: int

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1; an empty gold scores 1 only for an empty prediction."""
        if self.gold == 0:
            return (1.0, 1.0, 1.0) if self.predicted == 0 else (0.0, 0.0, 0.0)
        if self.predicted == 0:
            return 0.0, 0.0, 0.0
        p, r = self.overlap / self.predicted, self.overlap / self.gold
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def __add__(self, other: "TokenCounts") -> "TokenCounts":
        return TokenCounts(self.overlap + other.overlap, self.predicted + other.predicted,
                           self.gold + other.gold)


def _tokens(text: str) -> Counter:
    return Counter(_TOKEN.findall(text.lower()))


def token_counts(predicted: str, gold: str) -> TokenCounts:
    """Overlap and sizes of the lowercased ``\\w+`` token multisets of two texts."""
    p, g = _tokens(predicted), _tokens(gold)
    return TokenCounts(sum((p & g).values()), sum(p.values()), sum(g.values()))


# ------------------------------------------------------------------------ the pages
@dataclass(frozen=True)
class GoldPage:
    """One page to score: the file to strip, the kind to strip it as, and its gold file."""

    name: str
    path: Path
    kind: str
    gold: Path


@dataclass
class PageSet:
    """What :func:`find_pages` found: pages with gold, and the names it had to skip, with why."""

    pages: list[GoldPage]
    skipped: list[tuple[str, str]]


def _split_name(relative: str) -> tuple[str, str] | None:
    """``("sub/NAME", ".html.gz")`` for ``sub/NAME.html.gz``; None for a file that is no page."""
    lower = relative.lower()
    for suffix in _PAGE_SUFFIXES:
        if lower.endswith(suffix) and len(relative) > len(suffix):
            return relative[: -len(suffix)], suffix
    return None


def find_pages(folder: str | Path, kind: str = "auto") -> PageSet:
    """The pages under *folder* (searched recursively) that have a ``NAME.gold.txt``.

    With *kind* ``"text"`` a page is ``NAME.raw.txt`` or else ``NAME.txt``; with ``"html"``,
    ``NAME.html``, ``NAME.htm`` or their ``.gz``; ``"auto"`` takes the HTML when there is one.
    Names are the paths relative to *folder* without the suffix, and come in sorted order.
    A page without gold, gold without a page, or a page only of the other kind is skipped and
    listed with the reason.
    """
    if kind not in KINDS:
        raise EvalError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    root = Path(folder)
    if not root.is_dir():
        raise EvalError(f"cannot read {folder}: not a directory")
    inputs: dict[str, dict[str, Path]] = {}
    golds: dict[str, Path] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(root).as_posix()
        if relative.lower().endswith(GOLD_SUFFIX):
            golds[relative[: -len(GOLD_SUFFIX)]] = path
            continue
        if ".gold." in path.name or ".expected." in path.name:
            continue  # NAME.gold.json, golden files of `boilerstrip check`
        split = _split_name(relative)
        if split is not None:
            inputs.setdefault(split[0], {})[split[1]] = path
    pages: list[GoldPage] = []
    skipped: list[tuple[str, str]] = []
    for name in sorted(set(inputs) | set(golds)):
        found = {suffix.lower(): path for suffix, path in inputs.get(name, {}).items()}
        html = next((found[s] for s in HTML_SUFFIXES if s in found), None)
        text = next((found[s] for s in TEXT_SUFFIXES if s in found), None)
        if kind == "html":
            chosen, strip_kind = html, "html"
        elif kind == "text":
            chosen, strip_kind = text, "text"
        else:  # text files go as "auto": markup saved as .txt is still recognised
            chosen, strip_kind = (html, "html") if html is not None else (text, "auto")
        if name not in golds:
            skipped.append((name, f"no gold ({name}{GOLD_SUFFIX})"))
        elif chosen is None and not found:
            skipped.append((name, "gold without a page"))
        elif chosen is None:
            wanted = TEXT_SUFFIXES if kind == "text" else HTML_SUFFIXES
            skipped.append((name, f"no {kind} page ({' or '.join(name + s for s in wanted)})"))
        else:
            pages.append(GoldPage(name, chosen, strip_kind, golds[name]))
    return PageSet(pages, skipped)


def read_page(path: Path) -> bytes:
    """The page's bytes, decompressed when the file is gzipped."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.lower().endswith(".gz") else data


# ------------------------------------------------------------------------ scoring
@dataclass(frozen=True)
class PageScore:
    """One page's token scores. ``error`` says why stripping failed: the page then counts as
    an empty prediction, as a missing prediction file does for the reference scorer."""

    name: str
    path: str
    kind: str
    counts: TokenCounts
    error: str | None = None
    #: The stripped text that was scored (empty when stripping failed).
    text: str = field(default="", repr=False, compare=False)

    @property
    def precision(self) -> float:
        return self.counts.prf()[0]

    @property
    def recall(self) -> float:
        return self.counts.prf()[1]

    @property
    def f1(self) -> float:
        return self.counts.prf()[2]

    def to_dict(self) -> dict[str, Any]:
        p, r, f = self.counts.prf()
        data: dict[str, Any] = {"page": self.name, "path": self.path, "kind": self.kind,
                                "precision": p, "recall": r, "f1": f,
                                "pred_tokens": self.counts.predicted, "gold_tokens": self.counts.gold,
                                "overlap": self.counts.overlap}
        if self.error:
            data["error"] = self.error
        return data


@dataclass
class Evaluation:
    """Per-page scores and their averages over the pages of one folder."""

    folder: str
    kind: str
    pages: list[PageScore]
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def _mean(self, index: int) -> float:
        return sum(p.counts.prf()[index] for p in self.pages) / len(self.pages) if self.pages else 0.0

    @property
    def precision(self) -> float:
        """Mean per-page token precision (``tokP``)."""
        return self._mean(0)

    @property
    def recall(self) -> float:
        """Mean per-page token recall (``tokR``)."""
        return self._mean(1)

    @property
    def tok_f1(self) -> float:
        """Mean per-page token F1: the benchmark's headline figure (``tokF1``)."""
        return self._mean(2)

    @property
    def pooled(self) -> TokenCounts:
        return sum((p.counts for p in self.pages), TokenCounts(0, 0, 0))

    def micro(self) -> tuple[float, float, float]:
        """Precision, recall and F1 of the counts pooled over all pages (``miF1``)."""
        c = self.pooled
        p = c.overlap / c.predicted if c.predicted else 0.0
        r = c.overlap / c.gold if c.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def failed(self) -> list[PageScore]:
        return [p for p in self.pages if p.error]

    def worst_first(self) -> list[PageScore]:
        """Pages by F1, lowest first (then by name): where to look when tuning."""
        return sorted(self.pages, key=lambda p: (p.f1, p.name))

    def summary(self) -> dict[str, Any]:
        mp, mr, mf = self.micro()
        return {"pages": len(self.pages), "failed": len(self.failed), "skipped": len(self.skipped),
                "tok_f1": self.tok_f1, "precision": self.precision, "recall": self.recall,
                "micro_f1": mf, "micro_precision": mp, "micro_recall": mr}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the summary, the pages worst first, the skipped names with why."""
        return {"folder": self.folder, "kind": self.kind, "summary": self.summary(),
                "pages": [p.to_dict() for p in self.worst_first()],
                "skipped": [{"page": name, "why": why} for name, why in self.skipped]}


def score_text(name: str, predicted: str, gold: str, *, path: str = "", kind: str = "text") -> PageScore:
    """Score one predicted text against its gold."""
    return PageScore(name, path, kind, token_counts(predicted, gold), text=predicted)


def evaluate(folder: str | Path, *, kind: str = "auto", pipeline: Pipeline | None = None,
             limit: int | None = None) -> Evaluation:
    """Strip every page with gold under *folder* and score it; see :func:`find_pages`.

    *pipeline* defaults to the built-in filters (pass your own to tune a configuration);
    *limit* keeps the first N pages with gold, in name order. A page that fails is scored as
    an empty prediction, its ``error`` saying why, and the rest still run.
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise EvalError(f"limit must be a positive number of pages, not {limit!r}")
    found = find_pages(folder, kind)
    if not found.pages:
        why = f" ({len(found.skipped)} skipped: {found.skipped[0][1]}, ...)" if found.skipped else ""
        raise EvalError(f"no pages with gold ({'NAME' + GOLD_SUFFIX}) in {folder}{why}")
    cases = found.pages[:limit] if limit else found.pages
    skipped = list(found.skipped)
    scores: list[PageScore] = []
    for case in cases:
        try:
            gold = case.gold.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            skipped.append((case.name, f"cannot read its gold {case.gold}: {exc}"))
            continue
        scores.append(_score_case(case, gold, pipeline))
    return Evaluation(str(folder), kind, scores, skipped)


def _score_case(case: GoldPage, gold: str, pipeline: Pipeline | None) -> PageScore:
    try:
        result = strip(read_page(case.path), kind=case.kind, pipeline=pipeline)
    except Exception as exc:  # one bad page (or a plugin's bug) must not end a long run
        message = f"{type(exc).__name__}: {exc}"
        return PageScore(case.name, str(case.path), case.kind, token_counts("", gold), message)
    return score_text(case.name, result.text, gold, path=str(case.path), kind=result.kind)


# ------------------------------------------------------------------------ reporting
def format_report(evaluation: Evaluation, *, max_name: int = 40) -> str:
    """The per-page table, worst first, then the averages, as ``boilerstrip eval`` prints it."""
    rows = evaluation.worst_first()
    width = max([len("page")] + [min(len(p.name), max_name) for p in rows])
    lines = [f"{'page':<{width}}  kind      P      R     F1   pred   gold"]
    for p in rows:
        name = p.name if len(p.name) <= max_name else "..." + p.name[-(max_name - 3):]
        line = (f"{name:<{width}}  {p.kind:<4}  {p.precision:.3f}  {p.recall:.3f}  {p.f1:.3f}"
                f"  {p.counts.predicted:>5}  {p.counts.gold:>5}")
        if p.error:
            line += f"  FAILED: {p.error}"
        lines.append(line)
    s = evaluation.summary()
    lines.append("")
    lines.append(f"{s['pages']} pages: tokF1 {s['tok_f1']:.3f}  P {s['precision']:.3f}  "
                 f"R {s['recall']:.3f}  (pooled: miF1 {s['micro_f1']:.3f}  "
                 f"P {s['micro_precision']:.3f}  R {s['micro_recall']:.3f})")
    notes = []
    if s["failed"]:
        notes.append(f"{s['failed']} failed (scored as empty)")
    if s["skipped"]:
        notes.append(f"{s['skipped']} skipped")
    if notes:
        lines.append("; ".join(notes))
    return "\n".join(lines)


def check_per_page_path(path: str | Path) -> str:
    """The delimiter for a ``--per-page`` file, or :class:`EvalError` before anything runs."""
    target = Path(path)
    delimiter = PER_PAGE_FORMATS.get(target.suffix.lower())
    if delimiter is None:
        raise EvalError(f"cannot write {path}: the per-page file must end in .tsv or .csv")
    if target.is_dir():
        raise EvalError(f"cannot write {path}: it is a directory")
    if not target.parent.is_dir():
        raise EvalError(f"cannot write {path}: no such directory {target.parent}")
    return delimiter


PER_PAGE_COLUMNS = ("page", "path", "kind", "precision", "recall", "f1",
                    "pred_tokens", "gold_tokens", "overlap", "error")


def write_per_page(evaluation: Evaluation, path: str | Path) -> None:
    """One row per page, in name order (so two runs diff line by line), TSV or CSV by suffix."""
    delimiter = check_per_page_path(path)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
        writer.writerow(PER_PAGE_COLUMNS)
        for page in sorted(evaluation.pages, key=lambda p: p.name):
            row = page.to_dict()
            writer.writerow([_cell(row.get(col)) for col in PER_PAGE_COLUMNS])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return " ".join(str(value).split())  # an error message on one line


def skipped_notes(skipped: Sequence[tuple[str, str]], limit: int = 20) -> Iterable[str]:
    """One line per skipped page (the first *limit*), then how many more."""
    for name, why in skipped[:limit]:
        yield f"skipped {name}: {why}"
    if len(skipped) > limit:
        yield f"... and {len(skipped) - limit} more skipped"
