"""``strip()``: the one call most users need."""

from __future__ import annotations

from .decode import decode, looks_binary, looks_like_html
from .meta import extract_meta
from .page import Page
from .pipeline import Pipeline, build_result, default_pipeline, page_segments
from .result import Result, Segment

__all__ = ["strip"]

KINDS = ("auto", "text", "html")


def strip(page: str | bytes, *, kind: str = "auto", url: str | None = None,
          pipeline: Pipeline | None = None) -> Result:
    """Strip the boilerplate from one page and say what was stripped and why.

    *page* is page text or HTML, as ``str`` or ``bytes`` (bytes are decoded: UTF-8, then a
    detected encoding). *kind* is ``"text"``, ``"html"`` or ``"auto"`` (HTML is recognised
    by its markup). *pipeline* defaults to the built-in filters.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if isinstance(page, (bytes, bytearray, memoryview)):
        text = decode(bytes(page))
    elif isinstance(page, str):
        text = page
    else:
        raise TypeError(f"strip() takes str or bytes, not {type(page).__name__}")
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "text"
    if kind == "html":
        raise NotImplementedError(
            "HTML input is not supported yet; pass the page's text with kind='text' "
            "(HTML support is planned: see the project's issues)")
    pipeline = pipeline or default_pipeline()
    doc = Page.from_text(text, url=url)
    if looks_binary(text):
        return _binary_result(doc)
    segments = pipeline.run(doc)
    return build_result(doc, segments, extract_meta(doc), "text")


def _binary_result(doc: Page) -> Result:
    """Binary data is not a page: everything is stripped, and the result says so."""
    segments = page_segments(doc)
    content = [line for line in doc.lines if not line.is_blank]
    if content:
        start, end = content[0].start, content[-1].end
        segments.append(Segment(start, end, "page", "binary_content", doc.source[start:end],
                                "the input looks like binary data, not page text"))
    return build_result(doc, segments, {"title": None}, "text")
