"""``strip()``: the one call most users need."""

from __future__ import annotations

from .collector import collector_paused
from .decode import decode, decode_html, looks_binary, looks_like_html
from .meta import extract_meta
from .page import Page
from .pipeline import Pipeline, build_result, default_pipeline, page_segments
from .result import Result, Segment

__all__ = ["strip"]

KINDS = ("auto", "text", "html")


def strip(page: str | bytes, *, kind: str = "auto", url: str | None = None,
          pipeline: Pipeline | None = None) -> Result:
    """Strip the boilerplate from one page and say what was stripped and why.

    *page* is page text or HTML, as ``str`` or ``bytes``. Text bytes are decoded as UTF-8,
    then as a detected encoding; HTML bytes by their byte-order mark, then the charset the
    document declares (when the bytes agree with it), then the same way as text. *kind* is
    ``"text"``, ``"html"`` or ``"auto"`` (HTML is recognised by its markup). *pipeline*
    defaults to the built-in filters.

    For HTML, ``Result.source`` is the page's text as a browser lays it out (one block per
    line, blank lines between blocks): the offsets of stripped segments refer to it, each
    segment names the DOM element it came from, and ``meta`` adds what the markup declares
    (title, date, author, language, canonical URL).

    The cyclic garbage collector is paused for the call (see :mod:`boilerstrip.collector`).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    data = None
    if isinstance(page, (bytes, bytearray, memoryview)):
        data = bytes(page)
        text = decode_html(data) if kind == "html" else decode(data)
    elif isinstance(page, str):
        text = page
    else:
        raise TypeError(f"strip() takes str or bytes, not {type(page).__name__}")
    with collector_paused:
        return _strip(text, data, kind, url, pipeline)


def _strip(text: str, data: bytes | None, kind: str, url: str | None,
           pipeline: Pipeline | None) -> Result:
    """:func:`strip` once the input is text (*data*: the bytes it came from, if any)."""
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "text"
        if kind == "html" and data is not None:
            text = decode_html(data)
    pipeline = pipeline or default_pipeline()
    if looks_binary(text):
        return _binary_result(Page.from_text(text, url=url))
    if kind == "html":
        return _strip_html(text, url, pipeline)
    doc = Page.from_text(text, url=url)
    segments = pipeline.run(doc)
    return build_result(doc, segments, extract_meta(doc), "text")


def _strip_html(markup: str, url: str | None, pipeline: Pipeline) -> Result:
    from .htmlmeta import html_meta, metadata_scan

    doc = Page.from_html(markup, url=url)
    segments = pipeline.run(doc)
    meta = extract_meta(doc)
    if doc.tree is not None:
        declared = html_meta(doc.tree, url, scan=metadata_scan(doc))  # shared with the line model's page kind
        text_title = meta.get("title")
        meta.update({key: value for key, value in declared.items() if value is not None})
        if meta.get("title") is None:
            meta["title"] = text_title
    return build_result(doc, segments, meta, "html")


def _binary_result(doc: Page) -> Result:
    """Binary data is not a page: everything is stripped, and the result says so."""
    segments = page_segments(doc)
    content = [line for line in doc.lines if not line.is_blank]
    if content:
        start, end = content[0].start, content[-1].end
        segments.append(Segment(start, end, "page", "binary_content", doc.source[start:end],
                                "the input looks like binary data, not page text"))
    return build_result(doc, segments, {"title": None}, "text")
