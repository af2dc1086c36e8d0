"""What each registered filter is, read from the registry: the source of ``boilerstrip filters``
and of docs/filters.md.

The reference is generated rather than written so it cannot drift from the code: options and
their defaults come from each filter's ``__init__`` signature, reasons from its declared
``reasons``, the prose from its docstring. Regenerate the page after changing a filter::

    python -m boilerstrip.reference --write docs/filters.md

(``--check`` exits 1 when the file is out of date; the test suite does the same check.)
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .filter import Filter
from .pipeline import DEFAULT_FILTERS
from .registry import filter_origin, registered_filters

__all__ = ["OptionInfo", "FilterInfo", "PAGE_REASONS", "filter_info", "filters_info",
           "filter_table", "render_markdown", "main"]

#: Segments the pipeline strips itself, under the filter name ``page``, before any filter runs:
#: a leading byte-order mark (pipeline.page_segments) and input that is binary data, not text
#: (api._binary_result).
PAGE_REASONS: tuple[str, ...] = ("byte_order_mark", "binary_content")
_JSON_SCALARS = (bool, int, float, str, type(None))
_RST_ROLE = re.compile(r":[a-z]+:`([^`]*)`")


@dataclass(frozen=True)
class OptionInfo:
    """One keyword argument of a filter's ``__init__``."""

    name: str
    default: Any
    annotation: str | None
    required: bool = False

    def to_dict(self) -> dict[str, Any]:
        default = self.default if isinstance(self.default, _JSON_SCALARS) else repr(self.default)
        data: dict[str, Any] = {"name": self.name, "type": self.annotation}
        if self.required:
            data["required"] = True
        else:
            data["default"] = default
        return data


@dataclass(frozen=True)
class FilterInfo:
    """What a user needs to know to choose, configure and rely on a filter."""

    name: str
    origin: str
    description: str
    cls: type[Filter] = field(repr=False)
    options: tuple[OptionInfo, ...] = ()
    reasons: tuple[str, ...] = ()
    #: Place in the default pipeline (1-based), or None for a filter that is not in it.
    position: int | None = None
    about: str = ""
    #: The reasons of the Keep spans it can yield: lines an earlier filter stripped, put back.
    keep_reasons: tuple[str, ...] = ()
    #: The reasons whose lines no later filter puts back (see ``Filter.firm_reasons``).
    firm_reasons: tuple[str, ...] = ()

    @property
    def class_path(self) -> str:
        return f"{self.cls.__module__}.{self.cls.__qualname__}"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "origin": self.origin, "description": self.description,
                "class": self.class_path, "default_position": self.position,
                "options": [o.to_dict() for o in self.options], "reasons": list(self.reasons),
                "keep_reasons": list(self.keep_reasons), "firm_reasons": list(self.firm_reasons)}


def _options(cls: type[Filter]) -> tuple[OptionInfo, ...]:
    if cls.__init__ is Filter.__init__:
        return ()
    params = inspect.signature(cls.__init__).parameters.values()
    options = []
    for p in list(params)[1:]:  # after self
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        annotation = None
        if p.annotation is not p.empty:
            annotation = p.annotation if isinstance(p.annotation, str) else inspect.formatannotation(p.annotation)
        required = p.default is p.empty
        options.append(OptionInfo(p.name, None if required else p.default, annotation, required))
    return tuple(options)


def _about(cls: type[Filter]) -> str:
    """The class's own docstring, else its module's: the built-ins explain themselves there."""
    doc = cls.__dict__.get("__doc__") or getattr(sys.modules.get(cls.__module__), "__doc__", None) or ""
    doc = inspect.cleandoc(doc)
    return _RST_ROLE.sub(r"`\1`", doc).replace("``", "`")


def filter_info(name: str) -> FilterInfo:
    """The reference entry of the filter registered as *name*."""
    cls = registered_filters()[name]
    position = DEFAULT_FILTERS.index(name) + 1 if name in DEFAULT_FILTERS else None
    return FilterInfo(name, filter_origin(name), cls.description, cls, _options(cls),
                      tuple(cls.reasons), position, _about(cls), tuple(getattr(cls, "keep_reasons", ())),
                      tuple(getattr(cls, "firm_reasons", ())))


def filters_info(*, builtin_only: bool = False) -> list[FilterInfo]:
    """Every registered filter (built-ins and entry points), sorted by name.

    *builtin_only* keeps boilerstrip's own, so a generated page does not depend on which
    plugins happen to be installed.
    """
    infos = [filter_info(name) for name in sorted(registered_filters())]
    return [i for i in infos if i.origin == "boilerstrip"] if builtin_only else infos


def filter_table(infos: Sequence[FilterInfo]) -> str:
    """Name, origin package and description, one filter a line, in aligned columns."""
    if not infos:
        return "(no filters registered)"
    w_name = max(len(i.name) for i in infos)
    w_origin = max(len(i.origin) for i in infos)
    return "\n".join(f"{i.name:<{w_name}}  {i.origin:<{w_origin}}  {i.description}".rstrip()
                     for i in infos)


# ------------------------------------------------------------------------ docs/filters.md
def _code(value: Any) -> str:
    return f"`{value!r}`" if not isinstance(value, str) else f'`"{value}"`'


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(infos: Sequence[FilterInfo] | None = None) -> str:
    """docs/filters.md: the built-in filters in pipeline order, then any other given."""
    if infos is None:
        infos = filters_info(builtin_only=True)
    infos = sorted(infos, key=lambda i: (i.position is None, i.position or 0, i.name))
    out = [
        "# Filter reference",
        "",
        "<!-- Generated from the filter registry by `python -m boilerstrip.reference --write "
        "docs/filters.md`. Do not edit by hand: tests/test_reference.py fails when this file "
        "is out of date. -->",
        "",
        "The built-in filters, in the order the default pipeline runs them. Each stripped "
        "segment of a `Result` names its filter (`segment.filter`) and one of that filter's "
        "reason codes (`segment.reason`); the codes below are all a filter can emit, and they "
        "are stable. A filter that may put back lines an earlier one stripped says so, with the codes "
        "its `Result.overruled` records carry (`keep_reason`). `boilerstrip filters` lists every installed filter, third-party ones "
        "included, and `boilerstrip filters --json` gives what this page gives, for each.",
        "",
        "Options are keyword arguments of the filter's class; pass an instance to the pipeline "
        "to set them: `Pipeline([NavigationFilter(min_run_outside=4), \"comments\"])`, with "
        "`from boilerstrip.filters.navigation import NavigationFilter`.",
        "",
        "| # | filter | strips | reasons |",
        "| --- | --- | --- | --- |",
    ]
    for i in infos:
        reasons = ", ".join(f"`{r}`" for r in i.reasons) or "(not declared)"
        out.append(f"| {i.position or ''} | [`{i.name}`](#{i.name}) | {_escape_cell(i.description)} "
                   f"| {reasons} |")
    for i in infos:
        out += ["", f"## {i.name}", "", i.description, ""]
        place = f"position {i.position} in the default pipeline" if i.position else "not in the default pipeline"
        out.append(f"Class `{i.class_path}`, from `{i.origin}`; {place}.")
        out.append("")
        if i.reasons:
            out.append("Reasons: " + ", ".join(f"`{r}`" for r in i.reasons) + ".")
        else:
            out.append("Reasons: not declared.")
        if i.firm_reasons:
            out += ["", "Firm (no later filter puts these lines back): "
                    + ", ".join(f"`{r}`" for r in i.firm_reasons) + "."]
        if i.keep_reasons:
            out += ["", "It can also put back lines an earlier filter stripped (`Result.overruled`), with: "
                    + ", ".join(f"`{r}`" for r in i.keep_reasons) + "."]
        out.append("")
        if i.options:
            out += ["| option | default | type |", "| --- | --- | --- |"]
            for o in i.options:
                default = "(required)" if o.required else _code(o.default)
                out.append(f"| `{o.name}` | {default} | {_escape_cell(f'`{o.annotation}`') if o.annotation else ''} |")
        else:
            out.append("Options: none.")
        if i.about:
            out += ["", i.about]
    out += [
        "",
        "## page",
        "",
        "Not a filter: segments the pipeline strips itself before any filter runs carry the "
        "filter name `page`, which no filter may take.",
        "",
        "Reasons: " + ", ".join(f"`{r}`" for r in PAGE_REASONS)
        + " (a leading byte-order mark; input that is binary data, not page text).",
    ]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m boilerstrip.reference",
                                     description="Generate docs/filters.md from the filter registry.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE", help="write the reference to FILE")
    group.add_argument("--check", metavar="FILE", help="exit 1 when FILE differs from the generated reference")
    args = parser.parse_args(argv)
    text = render_markdown()
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
        return 0
    if args.check:
        try:
            current = Path(args.check).read_text(encoding="utf-8")
        except OSError as exc:
            print(f"cannot read {args.check}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        if current != text:
            print(f"{args.check} is out of date: run python -m boilerstrip.reference --write {args.check}",
                  file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
