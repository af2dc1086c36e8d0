#!/usr/bin/env python3
"""Train the main-block model, report its cross-validated score, and export it into the package.

    pip install ".[train]"
    python bench/train_main_block.py ../shared/bench/wcxb_dev ../shared/bench/trafeval            # CV + export
    python bench/train_main_block.py ../shared/bench/wcxb_dev ../shared/bench/trafeval --cv-only  # CV only

What it does:

1. Runs the rule filters (the default pipeline without ``main_block``) on every ``<id>.raw.txt``
   and computes the line features of :mod:`boilerstrip.linefeatures`.
2. Labels each non-blank line 1 when it lies between the first and the last line of the page's
   gold text. The gold's first and last few words are located in the raw text (8, 6, 4 or 3
   tokens, the longest that is found): a whole-line match of a short line would put the start
   of the block on a menu item that happens to repeat a phrase of the article. When the ends
   cannot be located, the first and last lines of 3+ words found in the gold are used.
   Pages with only with/without snippets (trafeval) are labelled from them
   (:func:`snippet_labels`); the lines the snippets say nothing about get no weight, and the
   others weigh ``--snippet-weight`` (0.4; 1.0 for the HTML model) beside gold-text labels.
3. Cross-validates by page over all the sets together (5 folds, by a hash of the page id): for
   each fold a model trained on the other four is exported exactly as the shipped one is, and
   the full default pipeline runs with it on the held-out pages. Their texts go to
   ``bench/out/main_block_cv/<set>/`` and the reference ``score.py`` scores each set: those are
   the figures to report, never the training fit.
4. With ``--kind html``, trains the line model too (unless ``--no-line-model``), the second
   stage: it decides each kept line from the line's own features and where it stands relative
   to the block (:mod:`boilerstrip.block_context`), and whether a line a rule stripped inside
   the block is content after all (``keep_threshold``). Its training rows need block scores the
   block model did not fit, so every page gets its block scores from the fold model that held
   it out (:func:`out_of_fold_scores`); the line model of each CV fold, and the shipped one,
   learn from those. Every line, kept or stripped by a rule, is labelled by whether its own words are in the gold
   (:func:`gold_line_labels`) or by the with/without snippets (:func:`snippet_line_labels`).
   It also reads the class/id vocabulary of :mod:`boilerstrip.class_vocab`: each fold learns
   one from the pages it trains on, the line model's training rows get theirs from the fold
   that held the page out (as the block scores), and the shipped model carries one learned
   from every page (``--no-vocab`` leaves it out). And it reads the kind of page the
   metadata declares (:mod:`boilerstrip.page_kind`), worked out in :func:`load` while the
   page's tree is still there. The line model has 200 trees of depth 6
   (``--line-trees``, ``--line-depth``); the block model 100 of depth 5 (``--trees``, ``--depth``).
   The cross-validation runs it at the filter's ``line_threshold`` (or at each of
   ``--line-thresholds``) and ``outside_threshold``. No line model ships for text: a first
   one trained on the raw text changed nothing (cross-validated WCXB 0.818 -> 0.819, trafeval
   0.856 -> 0.857); ``--line-thresholds`` still cross-validates one there.
5. Unless ``--cv-only``, trains on every page and writes ``boilerstrip/models/main_block.json``
   (``main_block_html.json`` and ``main_block_html_line.json`` with ``--kind html``).

Training needs scikit-learn (the ``train`` extra); boilerstrip itself only needs numpy to run
the exported trees.
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import json
import re
import subprocess
import sys
import time
import zlib
from bisect import bisect_right
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

import boilerstrip
from boilerstrip.decode import decode, decode_html
from boilerstrip.filters.main_block import MainBlockFilter
from boilerstrip.block_context import BLOCK_CONTEXT_NAMES, page_block_context
from boilerstrip.class_vocab import VOCAB_NAMES, learn_vocab, line_class_words, vocab_rows
from boilerstrip.linefeatures import FEATURE_NAMES, HTML_FEATURE_NAMES, line_features
from boilerstrip.shape import first_prose, is_prose
from boilerstrip.model import FORMAT, MODEL_DIR, TreeModel
from boilerstrip.page import Page
from boilerstrip.page_kind import KIND_NAMES, kind_columns, kind_row
from boilerstrip.pipeline import RULE_FILTERS, Pipeline

OUT = Path(__file__).parent / "out"
FOLDS = 5
PARAMS = dict(max_iter=100, max_depth=5, learning_rate=0.1)
#: Whether the HTML line model reads the class/id vocabulary (boilerstrip.class_vocab); --no-vocab.
VOCAB = True
#: The line model's own settings (--line-trees, --line-depth). It decides every line from some
#: 170 columns, the class vocabulary's among them: 200 trees of depth 6 gave cross-validated
#: WCXB 0.851 -> 0.852 and trafeval 0.911 -> 0.916 over 100 of depth 5 (docs/benchmarks.md,
#: eighth session), for about 0.6 ms a page more.
LINE_PARAMS = dict(PARAMS, max_iter=200, max_depth=6)
_TOKEN = re.compile(r"\w+")
#: How much a snippet-labelled line counts beside a gold-text-labelled one. Snippet labels are
#: partial (three sentences in, three out): at full weight the German-heavy trafeval pages
#: pulled WCXB down (cross-validated 0.814 / trafeval 0.861); at 0.4, 0.817 / 0.859.
SNIPPET_WEIGHT = 0.4
#: The HTML model, which also reads the markup, loses nothing on WCXB at full weight (0.836 CV
#: at 0.4 and at 1.0) and gains on trafeval (0.881 -> 0.886).
HTML_SNIPPET_WEIGHT = 1.0


def gold_block(page: Page, gold: str) -> tuple[int, int] | None:
    """Line indices of the first and last line of the gold text in the page (see module doc)."""
    gold_tokens = _TOKEN.findall(gold.lower())
    if not gold_tokens:
        return None
    stream: list[str] = []
    owner: list[int] = []
    for line in page.lines:
        if not line.is_blank:
            toks = _TOKEN.findall(line.text.lower())
            stream += toks
            owner += [line.index] * len(toks)
    joined = " " + " ".join(stream) + " "

    def locate(last: bool) -> int | None:
        for k in (8, 6, 4, 3):
            if len(gold_tokens) < k:
                continue
            probe = " " + " ".join(gold_tokens[-k:] if last else gold_tokens[:k]) + " "
            pos = joined.rfind(probe) if last else joined.find(probe)
            if pos >= 0:
                token = joined.count(" ", 0, pos + 1) - 1 + (k - 1 if last else 0)
                return owner[min(token, len(owner) - 1)]
        return None

    first, last = locate(False), locate(True)
    if first is not None and last is not None and first <= last:
        return first, last
    padded = " " + " ".join(gold_tokens) + " "
    found = [line.index for line in page.lines if not line.is_blank
             and len(toks := _TOKEN.findall(line.text.lower())) >= 3
             and (" " + " ".join(toks) + " ") in padded]
    return (found[0], found[-1]) if found else None


def snippet_lines(lines: list, snippets: list[str]) -> list[int]:
    """Line indices (positions in *lines*) where each snippet that occurs on the page starts and ends.

    Snippets are compared as score.py compares them: whitespace collapsed, case kept, as a
    substring of the page's lines joined by spaces (a snippet may run over two lines).
    """
    parts, starts, at = [], [], 0
    for line in lines:
        text = " ".join(line.text.split())
        starts.append(at)
        parts.append(text)
        at += len(text) + 1
    joined = " ".join(parts)
    found = []
    for snippet in snippets:
        probe = " ".join(snippet.split())
        pos = joined.find(probe) if probe else -1
        if pos >= 0:
            found.append(bisect_right(starts, pos) - 1)
            found.append(bisect_right(starts, pos + len(probe) - 1) - 1)
    return found


def snippet_labels(lines: list, gold: dict) -> tuple[np.ndarray, np.ndarray]:
    """Labels and a known-mask from trafilatura-style ``with``/``without`` snippets.

    Snippets say little: the block runs at least from the first to the last line holding a
    ``with`` snippet (label 1), and lines from a ``without`` snippet outwards, away from the
    block, lie outside it (label 0). The lines in between, and ``without`` snippets inside the
    block (a caption, an inline ad: boilerplate, but within the block), are unknown and get no
    weight. A page with no ``with`` snippet found teaches nothing.
    """
    n = len(lines)
    labels = np.zeros(n, dtype=int)
    known = np.zeros(n, dtype=bool)
    inside = snippet_lines(lines, gold.get("with") or [])
    if not inside:
        return labels, known
    first, last = min(inside), max(inside)
    labels[first:last + 1] = 1
    known[first:last + 1] = True
    outside = snippet_lines(lines, gold.get("without") or [])
    above = [i for i in outside if i < first]
    below = [i for i in outside if i > last]
    if above:
        known[:max(above) + 1] = True
    if below:
        known[min(below):] = True
    for i in outside:
        if first <= i <= last:
            known[i] = False
    return labels, known


def gold_line_labels(lines: list, gold: str) -> tuple[np.ndarray, np.ndarray]:
    """Labels for the line model: is the line's own text in the gold?

    A line counts as gold when at least half of its word trigrams (bigrams or the word itself
    for a line of two words or one) occur in the gold text. Every line with a word is labelled,
    inside the gold block or not: a listing's items can stand apart, and the line model may
    keep a line the block left out.
    """
    n = len(lines)
    labels = np.zeros(n, dtype=int)
    known = np.zeros(n, dtype=bool)
    gold_tokens = _TOKEN.findall(gold.lower())
    if not gold_tokens:
        return labels, known
    grams = {k: {tuple(gold_tokens[i:i + k]) for i in range(len(gold_tokens) - k + 1)} for k in (1, 2, 3)}
    for j, line in enumerate(lines):
        toks = _TOKEN.findall(line.text.lower())
        if not toks:
            continue
        k = min(3, len(toks))
        own = [tuple(toks[i:i + k]) for i in range(len(toks) - k + 1)]
        found = sum(g in grams[k] for g in own)
        labels[j] = 1 if found * 2 >= len(own) else 0
        known[j] = True
    return labels, known


def snippet_line_labels(lines: list, gold: dict, block_labels: np.ndarray,
                        block_known: np.ndarray, prose: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Labels for the line model from snippets: a ``with`` snippet's lines are content, a
    ``without`` snippet's lines are not, and so are the lines the snippets put outside the
    block (:func:`snippet_labels`); the rest say nothing.

    With *prose*, the paragraphs of running text between the first and the last ``with``
    snippet are content too: the snippets are sentences picked from the article's text, and
    the article runs between them. Without it, a snippet page labels some three lines as
    content and every short line beyond its ``without`` snippets as not, so the model learns
    little of what content looks like in the language of those pages.
    """
    labels = np.zeros(len(lines), dtype=int)
    known = block_known & (block_labels == 0)
    if prose:
        for j in np.flatnonzero(block_known & (block_labels == 1)).tolist():
            if is_prose(lines[j]):
                labels[j] = 1
                known[j] = True
    for key, value in (("with", 1), ("without", 0)):
        for snippet in gold.get(key) or []:
            at = snippet_lines(lines, [snippet])
            if at:
                labels[at[0]:at[1] + 1] = value
                known[at[0]:at[1] + 1] = True
    return labels, known


def load(set_dir: Path, snippet_weight: float = SNIPPET_WEIGHT, kind: str = "text", snippet_prose: bool = False):
    """(page id, raw text, feature rows, labels, weights) for every page with gold.

    Pages with a ``<id>.gold.txt`` are labelled by :func:`gold_block`; pages with only a
    ``<id>.gold.json`` of snippets (trafeval) by :func:`snippet_labels`.
    """
    rules = Pipeline(RULE_FILTERS)
    pages = []
    html = kind == "html"
    meta_path = set_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")).get("pages", {}) if meta_path.exists() else {}
    for path in sorted(set_dir.glob("*.raw.txt")):
        page_id = path.name[: -len(".raw.txt")]
        gold_path = set_dir / f"{page_id}.gold.txt"
        json_path = set_dir / f"{page_id}.gold.json"
        gold_json = json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else {}
        if not gold_path.exists() and not gold_json.get("with"):
            continue
        if html:
            raw = decode_html(gzip.decompress((set_dir / f"{page_id}.html.gz").read_bytes()))
            page = Page.from_html(raw)
        else:
            raw = decode(path.read_bytes())
            page = Page.from_text(raw)
        rules.run(page)
        # remembered on the page, where MainBlockFilter looks for them (the block context)
        lines, rows = page.memo("line_features_dom" if html else "line_features",
                                lambda p: line_features(p, dom=html))
        words = line_class_words(page, lines) if html else None
        if html:
            kind_row(page)  # kept on the page: the declared kind is read from the tree freed below
        page.tree = None  # the markup's features are computed; the tree is the bulk of a page's memory
        site = site_of(gold_json.get("url") or meta.get(page_id, {}).get("url") or page_id)
        weights = np.sqrt(np.array([len(_TOKEN.findall(l.text)) + 1.0 for l in lines]))
        if gold_path.exists():
            gold = gold_path.read_text(encoding="utf-8")
            block = gold_block(page, gold)
            labels = np.array([1 if block and block[0] <= l.index <= block[1] else 0 for l in lines])
            line_labels, line_known = gold_line_labels(lines, gold)
            line_weights = weights * line_known
        else:
            labels, known = snippet_labels(lines, gold_json)
            line_labels, line_known = snippet_line_labels(lines, gold_json, labels, known, snippet_prose)
            line_weights = weights * line_known * snippet_weight
            weights = weights * known * snippet_weight
        pages.append((page_id, raw, rows, labels, weights, line_labels, line_weights, words, site, set_dir, page))
    return pages


def site_of(url: str) -> str:
    """The site a page comes from (its host without ``www.``): the class vocabulary only keeps
    words that several sites use."""
    host = urlsplit(url).netloc.lower() if "//" in url else url.split("::")[-1].split("/")[0].lower()
    return host[4:] if host.startswith("www.") else host


def fit(pages, line_model: bool = False, context: dict | None = None):
    """The block model (labels p[3], weights p[4]), or with *line_model* the line model (p[5],
    p[6]), whose rows are the line features followed by the block context in *context*."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    y_at, w_at = (5, 6) if line_model else (3, 4)
    rows = [p for p in pages if len(p[2])]
    if line_model:
        X = np.vstack([np.hstack([p[2], context[p[0]]]) for p in rows])
    else:
        X = np.vstack([p[2] for p in rows])
    y = np.concatenate([p[y_at] for p in rows])
    w = np.concatenate([p[w_at] for p in rows])
    if line_model:  # unlabelled lines say nothing to the line model
        X, y, w = X[w > 0], y[w > 0], w[w > 0]
    params = LINE_PARAMS if line_model else PARAMS
    return HistGradientBoostingClassifier(random_state=0, **params).fit(X, y, sample_weight=w)


def out_of_fold_scores(pages, fold: dict, features: tuple[str, ...]):
    """Each fold's exported block model, and every page's block context from the model that held it out.

    The line model reads the block model's scores; trained on scores the block model fitted,
    it would learn to trust them more than it can on a new page.
    """
    specs, context, vocabs = {}, {}, {}
    for k in range(FOLDS):
        model = fit([p for p in pages if fold[p[0]] != k])
        specs[k] = spec = export(model, {"fold": k}, features)
        check_export(model, spec, pages)
        finder = MainBlockFilter(model=TreeModel(spec) if features == FEATURE_NAMES else "main_block",
                                 html_model=TreeModel(spec) if features != FEATURE_NAMES else None,
                                 line_model=None, html_line_model=None)
        vocab = vocabs[k] = page_vocab([p for p in pages if fold[p[0]] != k])
        for p in pages:
            if fold[p[0]] == k:
                context[p[0]] = block_context_of(finder, p[-1])
                if features != FEATURE_NAMES:  # HTML: the page's declared kind, on every line
                    context[p[0]] = np.hstack([context[p[0]], kind_columns(p[-1], len(context[p[0]]))])
                if vocab is not None:
                    context[p[0]] = np.hstack([context[p[0]], vocab_rows(p[7], *vocab)])
        print(f"block model, fold {k}: trained", flush=True)
    return specs, context, vocabs


def page_vocab(pages) -> tuple[dict, float] | None:
    """The class/id vocabulary (boilerstrip.class_vocab) learned from *pages*' line labels, or
    None for text pages (no markup) or with --no-vocab."""
    if not VOCAB or not pages or pages[0][7] is None:
        return None
    return learn_vocab((p[8], p[7], p[5], p[6]) for p in pages)


def with_vocab(spec: dict, vocab: tuple[dict, float] | None) -> dict:
    """*spec* with the vocabulary its line model reads (none: unchanged)."""
    if vocab is not None:
        spec["vocab"], spec["vocab_default"] = vocab
    return spec


def block_context_of(finder: MainBlockFilter, page: Page) -> np.ndarray:
    """The block-context rows of *page*'s non-blank lines, as main_block computes them."""
    lines, probs = finder.scores(page)
    block = finder.locate(page, lines, probs) if lines and first_prose(page) is not None else None
    return page_block_context(page, lines, probs, block)


def export(model, info: dict, features: tuple[str, ...] = FEATURE_NAMES) -> dict:
    """The fitted sklearn model as the plain arrays boilerstrip.model.TreeModel reads."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append({
            "feature": nodes["feature_idx"].tolist(),
            "threshold": nodes["num_threshold"].tolist(),  # exact: a threshold can equal a data value
            "left": nodes["left"].tolist(),
            "right": nodes["right"].tolist(),
            "value": nodes["value"].tolist(),
            "leaf": nodes["is_leaf"].astype(bool).tolist(),
            "depth": int(nodes["depth"].max()),
        })
    baseline = float(np.ravel(model._baseline_prediction)[0])
    return {"format": FORMAT, "features": list(features), "baseline": baseline,
            "trees": trees, "info": info}


def check_export(model, spec: dict, pages, context: dict | None = None) -> None:
    """The exported trees must give sklearn's probabilities (up to rounding)."""
    sample = np.vstack([p[2] if context is None else np.hstack([p[2], context[p[0]]])
                        for p in pages[:50] if len(p[2])])
    ours = TreeModel(spec).predict_proba(sample)
    theirs = model.predict_proba(sample)[:, 1]
    worst = float(np.abs(ours - theirs).max())
    if worst > 1e-5:
        raise SystemExit(f"exported model disagrees with scikit-learn by {worst:.2g}")


def cross_validate(pages, set_dirs: list[Path], by_type: bool, cv_out: Path,
                   threshold: float | None = None, kind: str = "text",
                   line_thresholds: list[float] | None = None) -> dict:
    """Score each set's pages with models that never saw them (folds by page, across sets).

    With *line_thresholds*, each fold also trains the line model, and the held-out texts are
    written once per line threshold (``cv_out/line_<t>/<set>`` when there are several). One
    pipeline run serves them all: the line model strips last, and each line it strips carries
    its score in the segment's detail, so a higher threshold's text is the same result with
    the lines scored at or above it put back.
    """
    tags = [None] if not line_thresholds else sorted(line_thresholds)
    outs = {(t, d): (cv_out if len(tags) == 1 else cv_out / f"line_{t}") / d.name for t in tags for d in set_dirs}
    for out in outs.values():
        out.mkdir(parents=True, exist_ok=True)
    fold = fold_of(pages)
    features = HTML_FEATURE_NAMES if kind == "html" else FEATURE_NAMES
    block_specs, context, vocabs = out_of_fold_scores(pages, fold, features)
    line_features_names = (features + BLOCK_CONTEXT_NAMES + (KIND_NAMES if kind == "html" else ())
                           + (VOCAB_NAMES if vocabs.get(0) is not None else ()))
    for k in range(FOLDS):
        started = time.perf_counter()
        train = [p for p in pages if fold[p[0]] != k]
        options = {} if threshold is None else {"threshold": threshold}
        spec = block_specs[k]
        models = {"block": TreeModel(spec, f"fold {k}")}
        specs = {"block": spec}
        if line_thresholds:
            line = fit(train, line_model=True, context=context)
            specs["line"] = line_spec = with_vocab(export(line, {"fold": k}, line_features_names), vocabs[k])
            check_export(line, line_spec, pages, context)
            models["line"] = TreeModel(line_spec, f"fold {k} line model")
            options["line_threshold"] = max(line_thresholds)
        _save_fold(cv_out, k, specs, [p[0] + "\t" + p[-2].name for p in pages if fold[p[0]] == k])
        if kind == "html":
            options.update(html_model=models["block"], html_line_model=models.get("line"))
        else:
            options.update(model=models["block"], line_model=models.get("line"), html_model=None)
        pipeline = Pipeline([*RULE_FILTERS, MainBlockFilter(**options)])
        held_out = [p for p in pages if fold[p[0]] == k]
        for page_id, raw, *_, set_dir, _ in held_out:
            result = pipeline(raw, kind=kind)
            for t in tags:
                text = result.text if t is None or t == max(tags) else _with_line_threshold(result, t)
                (outs[t, set_dir] / f"{page_id}.txt").write_text(text, encoding="utf-8")
        print(f"fold {k}: {len(held_out)} held-out pages ({time.perf_counter() - started:.0f} s)")
    for (t, set_dir), out in outs.items():
        if t is not None:
            print(f"== line threshold {t}")
        cmd = [sys.executable, str(set_dir.parent / "score.py"), str(set_dir), str(out)]
        subprocess.call(cmd + (["--by-type"] if by_type else []))
    return context


def fold_of(pages) -> dict:
    """Each page's fold, by a hash of its id: the same pages are held out together in every run."""
    return {p[0]: zlib.crc32(p[0].encode()) % FOLDS for p in pages}



def _save_fold(cv_out: Path, k: int, specs: dict, held_out: list[str]) -> None:
    """Keep fold *k*'s models and its held-out pages (``cv_out/folds``), so that a change to how
    the filter reads the scores can be cross-validated again without retraining (bench/cv_apply.py)."""
    folds = cv_out / "folds"
    folds.mkdir(parents=True, exist_ok=True)
    for what, spec in specs.items():
        (folds / f"fold{k}_{what}.json").write_text(json.dumps(spec, separators=(",", ":")), encoding="utf-8")
    (folds / f"fold{k}_pages.tsv").write_text("\n".join(held_out) + "\n", encoding="utf-8")


def _with_line_threshold(result, threshold: float) -> str:
    """The result's text had the line model stripped only lines scoring below *threshold*."""
    from boilerstrip.result import rebuild_text

    def kept(seg) -> bool:
        if seg.reason != "inside_main_block":
            return True
        return float(seg.detail.split("line score ", 1)[1].split(";", 1)[0]) < threshold

    return rebuild_text(result.source, [seg for seg in result.stripped if kept(seg)])


def _write(model, info: dict, features: tuple[str, ...], pages, name: str, context: dict | None = None,
           vocab: tuple[dict, float] | None = None) -> None:
    """Export *model* (with the class vocabulary it reads, if any) as
    ``boilerstrip/models/<name>.json``, checked against scikit-learn."""
    spec = with_vocab(export(model, info, features), vocab)
    check_export(model, spec, pages, context)
    MODEL_DIR.mkdir(exist_ok=True)
    target = MODEL_DIR / f"{name}.json"
    target.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size // 1024} KB, {len(spec['trees'])} trees)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dirs", type=Path, nargs="+", metavar="SET_DIR",
                        help="labelled sets, e.g. ../shared/bench/wcxb_dev ../shared/bench/trafeval")
    parser.add_argument("--cv-only", action="store_true", help="report cross-validated figures, export nothing")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation, only train and export")
    parser.add_argument("--cv-out", type=Path, default=OUT / "main_block_cv",
                        help="where the held-out texts go, one folder per set (default: %(default)s)")
    parser.add_argument("--snippet-weight", type=float, default=None,
                        help=f"weight of snippet-labelled lines (default: {SNIPPET_WEIGHT} for the "
                             f"text model, {HTML_SNIPPET_WEIGHT} for the HTML model)")
    parser.add_argument("--snippet-prose", action="store_true",
                        help="on snippet pages, label the paragraphs between the first and last 'with' snippet content too")
    parser.add_argument("--threshold", type=float, help="main_block threshold for the CV runs (default: the filter's)")
    parser.add_argument("--by-type", action="store_true", help="score per page type too")
    parser.add_argument("--line-thresholds", type=float, nargs="+", metavar="T",
                        help="cross-validate the line model at these line thresholds (default: the "
                             "filter's line_threshold)")
    parser.add_argument("--no-line-model", action="store_true",
                        help="cross-validate the block model alone, and export only it")
    parser.add_argument("--trees", type=int, default=PARAMS["max_iter"], help="boosting rounds (default: %(default)s)")
    parser.add_argument("--depth", type=int, default=PARAMS["max_depth"], help="tree depth (default: %(default)s)")
    parser.add_argument("--line-trees", type=int, help=f"boosting rounds of the line model (default: {LINE_PARAMS['max_iter']})")
    parser.add_argument("--line-depth", type=int, help=f"tree depth of the line model (default: {LINE_PARAMS['max_depth']})")
    parser.add_argument("--no-vocab", action="store_true",
                        help="train the HTML line model without the class/id vocabulary (boilerstrip.class_vocab)")
    parser.add_argument("--kind", choices=("text", "html"), default="text",
                        help="train the text model on the raw text (default), or the HTML model "
                             "(main_block_html.json, the markup's features too) on the HTML")
    args = parser.parse_args()
    PARAMS.update(max_iter=args.trees, max_depth=args.depth)
    global VOCAB
    VOCAB = not args.no_vocab
    LINE_PARAMS.update(max_iter=args.line_trees or LINE_PARAMS["max_iter"],
                       max_depth=args.line_depth or LINE_PARAMS["max_depth"])
    html = args.kind == "html"
    if args.snippet_weight is None:
        args.snippet_weight = HTML_SNIPPET_WEIGHT if html else SNIPPET_WEIGHT
    features = HTML_FEATURE_NAMES if html else FEATURE_NAMES
    if html and args.cv_out == OUT / "main_block_cv":
        args.cv_out = OUT / "main_block_html_cv"
    pages = [page for set_dir in args.set_dirs for page in load(set_dir, args.snippet_weight, args.kind, args.snippet_prose)]
    print(f"{len(pages)} pages, {sum(len(p[3]) for p in pages)} lines, "
          f"{len(features)} features; boilerstrip {boilerstrip.__version__}")
    if not html and not args.line_thresholds:
        args.no_line_model = True  # no text line model ships: see step 4 of the module doc
    if args.no_line_model:
        args.line_thresholds = None
    elif not args.line_thresholds:
        args.line_thresholds = [inspect.signature(MainBlockFilter).parameters["line_threshold"].default]
    context = None
    if not args.no_cv:
        context = cross_validate(pages, args.set_dirs, args.by_type, args.cv_out, args.threshold, args.kind,
                                 args.line_thresholds)
    if args.cv_only:
        return 0
    retrain = ("python bench/train_main_block.py ../shared/bench/wcxb_dev ../shared/bench/trafeval"
               + (" --kind html" if html else ""))
    info = {"trained_on": [d.name for d in args.set_dirs], "pages": len(pages),
            "date": date.today().isoformat(), "params": PARAMS, "snippet_weight": args.snippet_weight, "snippet_prose": args.snippet_prose,
            "label": "between the first and last line of the gold text; "
                     "from with/without snippets where there is no gold text (snippet_labels)",
            "retrain": retrain}
    name = "main_block_html" if html else "main_block"
    _write(fit(pages), info, features, pages, name)
    if html and not args.no_line_model:
        if context is None:
            _, context, _ = out_of_fold_scores(pages, fold_of(pages), features)
        vocab = page_vocab(pages)
        info = dict(info, params=LINE_PARAMS, label="all lines, kept or stripped by a rule: 1 when half the line's word trigrams are in the gold text "
                                "(gold_line_labels); from with/without snippets where there is no gold "
                                "text (snippet_line_labels); block context from out-of-fold block models")
        _write(fit(pages, line_model=True, context=context), info,
               features + BLOCK_CONTEXT_NAMES + KIND_NAMES + (VOCAB_NAMES if vocab is not None else ()), pages,
               name + "_line", context, vocab)
    return 0


if __name__ == "__main__":
    sys.exit(main())
