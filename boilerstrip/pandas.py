"""pandas: strip a column of pages into a DataFrame of results, on the same index.

Importing this module registers a ``boilerstrip`` accessor on Series, so a column of page text
or HTML strips the way pandas' own string methods work::

    import boilerstrip.pandas  # noqa: F401  (registers Series.boilerstrip)

    clean = df["html"].boilerstrip.strip(url=df["url"])
    df = df.join(clean)

:func:`strip_column` does the same as a plain function. Missing pages (None, NaN, pd.NA) give
an empty result instead of an error: in a crawl's table some rows have no body. pandas is an
optional dependency (``pip install "boilerstrip[pandas]"``); ``import boilerstrip`` never
imports it.
"""

from __future__ import annotations

from typing import Any, Iterable

try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError('boilerstrip.pandas needs pandas: pip install "boilerstrip[pandas]"') from exc

from .api import KINDS, strip
from .errors import BoilerstripError
from .pipeline import Pipeline

__all__ = ["strip_column", "strip_series", "RESULT_COLUMNS", "BoilerstripAccessor"]

#: The columns of the returned DataFrame, in order (``source`` and ``error`` on request).
RESULT_COLUMNS: tuple[str, ...] = ("text", "title", "meta", "kind", "stripped", "overruled")
ERRORS = ("raise", "coerce")


def _missing(value: Any) -> bool:
    """None, NaN, pd.NA, NaT: a row with no page. (Lists and arrays are not scalars: not missing.)"""
    try:
        return bool(pd.isna(value)) if pd.api.types.is_scalar(value) or value is None else False
    except (TypeError, ValueError):
        return False


def _empty_row(keep_source: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"text": "", "title": None, "meta": {}, "kind": None, "stripped": [],
                           "overruled": []}
    if keep_source:
        row["source"] = ""
    return row


def strip_series(pages: "pd.Series", *, kind: str = "auto", urls: "pd.Series | str | None" = None,
                 pipeline: Pipeline | None = None, keep_source: bool = False,
                 errors: str = "raise") -> "pd.DataFrame":
    """Strip every page of *pages* (str or bytes values) into a DataFrame on the same index.

    Columns: ``text`` (the clean text), ``title``, ``meta`` (dict), ``kind`` (``"text"`` or
    ``"html"``) and ``stripped`` (a list of segment dicts, as ``Segment.to_dict()`` gives:
    ``start``, ``end``, ``filter``, ``reason``, ``text``, maybe ``detail`` and ``dom_path``)
    and ``overruled`` (kept lines a filter had stripped and a later one put back, as
    ``Overruled.to_dict()`` gives; on HTML, lines the main-block line model read as content).
    Offsets refer to the result's source, which ``keep_source=True`` adds as a ``source``
    column (for HTML it is the page's laid-out text, not the markup).

    *urls* gives each page's address (a Series aligned on the index, or one string for all).
    A value that is not a page (a number, a list) raises :class:`TypeError` naming its row;
    with ``errors="coerce"`` such rows, and rows whose stripping fails, get an empty result
    and the message in an ``error`` column instead.
    """
    if not isinstance(pages, pd.Series):
        raise TypeError(f"strip_series() takes a pandas Series, not {type(pages).__name__}")
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {', '.join(ERRORS)}, not {errors!r}")
    if kind not in KINDS:  # checked once here, not reported on every row
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    page_urls = _aligned_urls(pages, urls)
    column = f" of column {pages.name!r}" if pages.name is not None else ""
    rows = [_strip_one(f"row {label!r}{column}", value, kind, url, pipeline, keep_source, errors)
            for (label, value), url in zip(pages.items(), page_urls)]
    columns = [*RESULT_COLUMNS, *(["source"] if keep_source else []), *(["error"] if errors == "coerce" else [])]
    # Built by position, then given the pages' index: labels may repeat, and must not be aligned.
    frame = pd.DataFrame({name: pd.Series([row[name] for row in rows], dtype=object) for name in columns},
                         columns=columns)
    frame.index = pages.index
    for name in columns:
        if name not in ("meta", "stripped", "overruled"):  # string columns get the dtype pandas gives strings
            frame[name] = frame[name].infer_objects()
    return frame


def _strip_one(where: str, value: Any, kind: str, url: str | None, pipeline: Pipeline | None,
               keep_source: bool, errors: str) -> dict[str, Any]:
    row = _empty_row(keep_source)
    if errors == "coerce":
        row["error"] = None
    if _missing(value):
        return row
    try:
        if not isinstance(value, (str, bytes, bytearray, memoryview)):
            raise TypeError(f"{where}: a page is str or bytes, not {type(value).__name__}")
        try:
            result = strip(value, kind=kind, url=url, pipeline=pipeline)
        except (BoilerstripError, ValueError, TypeError) as exc:  # say which row it was
            raise _located(exc, where) from exc
    except (BoilerstripError, ValueError, TypeError) as exc:
        if errors == "raise":
            raise
        row["error"] = str(exc)
        return row
    row.update(text=result.text, title=result.meta.get("title"), meta=dict(result.meta),
               kind=result.kind, stripped=[seg.to_dict() for seg in result.stripped],
               overruled=[note.to_dict() for note in result.overruled])
    if keep_source:
        row["source"] = result.source
    return row


def _located(exc: Exception, where: str) -> Exception:
    """The same kind of error, its message starting with the row it happened in."""
    for kind in (TypeError, ValueError):
        if isinstance(exc, kind):
            return kind(f"{where}: {exc}")
    return BoilerstripError(f"{where}: {exc}")


def _aligned_urls(pages: "pd.Series", urls: "pd.Series | str | None") -> list[str | None]:
    """Each page's URL, in the pages' order: *urls* is matched to them by index label."""
    if urls is None or isinstance(urls, str):
        return [urls] * len(pages)
    if not isinstance(urls, pd.Series):
        raise TypeError(f"urls must be a Series aligned with the pages, a string or None, not {type(urls).__name__}")
    if not urls.index.equals(pages.index):
        if not urls.index.is_unique:
            raise ValueError("urls has repeated index labels: they cannot be matched to the pages")
        absent = pages.index.difference(urls.index)
        if len(absent):
            raise ValueError(f"urls has no row for the page(s) labelled {', '.join(map(repr, absent[:5]))}")
        urls = urls.reindex(pages.index)
    aligned = []
    for label, value in zip(pages.index, urls.tolist()):
        if _missing(value):
            aligned.append(None)
        elif isinstance(value, str):
            aligned.append(value)
        else:
            raise TypeError(f"row {label!r}: a URL is a string, not {type(value).__name__}")
    return aligned


def strip_column(data: "pd.DataFrame | pd.Series", column: str | None = None, *, kind: str = "auto",
                 url_column: str | None = None, pipeline: Pipeline | None = None,
                 keep_source: bool = False, errors: str = "raise") -> "pd.DataFrame":
    """Strip a DataFrame's *column* (or a Series) of pages; see :func:`strip_series`.

    *url_column* names the DataFrame column that holds each page's URL. The result has the
    input's index, so ``df.join(strip_column(df, "html"))`` puts it beside the pages.
    """
    if isinstance(data, pd.Series):
        if column is not None or url_column is not None:
            raise ValueError("column and url_column name columns of a DataFrame; a Series is the column itself")
        return strip_series(data, kind=kind, pipeline=pipeline, keep_source=keep_source, errors=errors)
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"strip_column() takes a pandas DataFrame or Series, not {type(data).__name__}")
    if column is None:
        raise ValueError("name the DataFrame column that holds the pages: strip_column(df, 'html')")
    for name in (column, url_column):
        if name is not None and name not in data.columns:
            raise KeyError(f"no column {name!r}; the columns are: {_names(data.columns)}")
    urls = data[url_column] if url_column is not None else None
    return strip_series(data[column], kind=kind, urls=urls, pipeline=pipeline,
                        keep_source=keep_source, errors=errors)


def _names(columns: Iterable[Any]) -> str:
    return ", ".join(repr(c) for c in columns) or "(none)"


@pd.api.extensions.register_series_accessor("boilerstrip")
class BoilerstripAccessor:
    """``series.boilerstrip.strip(...)``: :func:`strip_series` on a column of pages."""

    def __init__(self, series: "pd.Series") -> None:
        self._series = series

    def strip(self, *, kind: str = "auto", url: "pd.Series | str | None" = None,
              pipeline: Pipeline | None = None, keep_source: bool = False,
              errors: str = "raise") -> "pd.DataFrame":
        """The stripped pages as a DataFrame on the Series' index (see :func:`strip_series`)."""
        return strip_series(self._series, kind=kind, urls=url, pipeline=pipeline,
                            keep_source=keep_source, errors=errors)
