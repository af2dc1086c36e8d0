"""Each built-in filter's declared ``reasons`` are the truth: it emits no other, and each one is
a code its source can yield.

Declared reasons are what docs/filters.md and ``boilerstrip filters --json`` promise users, so a
filter that grows a new reason without declaring it must fail here.
"""

from __future__ import annotations

import ast
import gzip
import inspect
from collections import defaultdict
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.registry import filter_origin

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
WCXB = ROOT.parent / "shared" / "bench" / "wcxb_dev"
BUILTINS = boilerstrip.DEFAULT_FILTERS


def recording_pipeline() -> tuple[boilerstrip.Pipeline, dict[str, set[str]]]:
    """A default pipeline whose filters report every reason they yield, recorded or not.

    The pipeline keeps only the first filter's decision for a line; wrapping ``find`` sees the
    spans later filters yield for lines already taken too.
    """
    pipeline = boilerstrip.Pipeline()
    seen: dict[str, set[str]] = defaultdict(set)
    for flt in pipeline.filters:
        original = flt.find

        def find(page, original=original, name=flt.name):
            for span in original(page):
                seen[name].add(span.reason)
                yield span

        flt.find = find
    return pipeline, seen


def undeclared(seen: dict[str, set[str]]) -> dict[str, set[str]]:
    filters = boilerstrip.registered_filters()
    declared = {name: set(cls.reasons) | set(cls.keep_reasons) for name, cls in filters.items()}
    return {name: reasons - declared[name] for name, reasons in seen.items() if reasons - declared[name]}


def test_every_builtin_declares_its_reasons():
    filters = boilerstrip.registered_filters()
    for name in BUILTINS:
        reasons = filters[name].reasons
        assert reasons, f"{name} declares no reasons"
        assert len(set(reasons)) == len(reasons), f"{name} declares a reason twice"
        assert all(r.isidentifier() and r == r.lower() for r in reasons), reasons


def test_reasons_emitted_on_the_fixtures_are_declared():
    pipeline, seen = recording_pipeline()
    pages = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html") and ".expected." not in p.name)
    assert len(pages) > 20
    for path in pages:
        pipeline(path.read_bytes(), kind="auto")
    assert undeclared(seen) == {}
    # The fixtures exercise most filters: the check above is not vacuous.
    assert len(seen) >= 10 and sum(map(len, seen.values())) >= 20, dict(seen)


@pytest.mark.skipif(not WCXB.is_dir(), reason="needs ../shared/bench/wcxb_dev")
def test_reasons_emitted_on_benchmark_pages_are_declared():
    pipeline, seen = recording_pipeline()
    raws = sorted(WCXB.glob("*.raw.txt"))[:100]
    for path in raws:
        pipeline(path.read_text(encoding="utf-8"), kind="text")
    for path in raws[:10]:  # some reasons (figure_caption) only come from markup
        html = path.with_name(path.name[: -len(".raw.txt")] + ".html.gz")
        pipeline(gzip.decompress(html.read_bytes()), kind="html")
    assert undeclared(seen) == {}
    assert set(seen) == set(BUILTINS)


def _literal_reasons(cls: type, helper: str = "strip") -> set[str]:
    """The string codes the class's module passes to ``strip()`` (or *helper*) as its reason,
    or assigns to a variable named ``reason`` (``"a" if ... else "b"`` included)."""
    tree = ast.parse(inspect.getsource(inspect.getmodule(cls)))
    found: set[str] = set()

    def strings(node: ast.AST) -> set[str]:
        return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == helper:
            if len(node.args) >= 3 and isinstance(node.args[2], ast.Constant):
                found.add(node.args[2].value)
        elif helper == "strip" and isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "reason"
                                                  for t in node.targets):
            found |= strings(node.value)
    return found


@pytest.mark.parametrize("name", BUILTINS)
def test_declared_reasons_match_the_source(name):
    """Statically, both ways: every reason literal the source yields is declared (branches the
    pages above never reach included), and no declared reason is missing from the source."""
    cls = boilerstrip.registered_filters()[name]
    assert filter_origin(name) == "boilerstrip"
    literal = _literal_reasons(cls)
    assert literal, f"found no reason literal in {cls.__module__}"
    assert literal == set(cls.reasons)


@pytest.mark.parametrize("name", BUILTINS)
def test_declared_keep_reasons_match_the_source(name):
    """The codes a filter's ``keep()`` calls carry are the ones it declares in ``keep_reasons``."""
    cls = boilerstrip.registered_filters()[name]
    assert _literal_reasons(cls, "keep") == set(cls.keep_reasons)
    assert not set(cls.keep_reasons) & set(cls.reasons)


@pytest.mark.parametrize("name", BUILTINS)
def test_firm_reasons_are_declared_reasons(name):
    cls = boilerstrip.registered_filters()[name]
    assert set(cls.firm_reasons) <= set(cls.reasons)


def test_main_block_declares_what_it_puts_back():
    assert boilerstrip.registered_filters()["main_block"].keep_reasons == ("content_inside_main_block",)
