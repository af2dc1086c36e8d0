"""Turning what a scraper hands us (str or bytes) into text, and telling text from HTML.

Bytes are decoded as UTF-8 first (with or without a BOM), then with the encoding
charset-normalizer detects; as a last resort UTF-8 with replacement characters, so the caller
always gets text and never an exception for an odd byte.
"""

from __future__ import annotations

import codecs
import re


__all__ = ["decode", "decode_html", "declared_charset", "web_codec", "looks_like_html", "looks_binary"]

_HTML_START = re.compile(
    r"\s*(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|link|title|script|style|noscript|header|nav|div|span|p|h[1-6]|form|article|section|main|table|ul|ol)\b",
    re.IGNORECASE | re.DOTALL,
)


_CONTROL = re.compile("[\x01-\x08\x0e-\x1f]")
_HTML_ROOT = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_HEAD_OR_BODY = re.compile(r"<(?:head|body)[\s>]", re.IGNORECASE)


def decode(data: bytes) -> str:
    """Decode page bytes: UTF-8, then a detected encoding, then UTF-8 with replacements."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except Exception:  # detection is a best effort; decoding below never fails
        pass
    return data.decode("utf-8", errors="replace")


#: ``<meta charset=...>`` or ``<meta http-equiv=content-type content="...; charset=...">``
#: in the first bytes of a document, as the HTML standard's prescan looks for it.
_META_CHARSET = re.compile(rb"<meta[^>]{0,500}?charset\s*=\s*[\"']?\s*([a-zA-Z0-9_:.\-]{1,40})",
                           re.IGNORECASE)
#: Codecs the HTML standard reads as windows-1252: a page that says Latin-1 or ASCII means it.
_WEB_LATIN1 = frozenset({"latin-1", "iso8859-1", "ascii"})


def web_codec(label: str | None) -> str | None:
    """The Python codec for a charset label, read as browsers read it; None when unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").strip().lower()).name
    except LookupError:
        return None
    return "cp1252" if name in _WEB_LATIN1 else name


def declared_charset(data: bytes) -> str | None:
    """The codec an HTML document declares in its first 4 KB, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    return web_codec(match.group(1).decode("ascii", "replace")) if match else None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Decode an HTML document: BOM, then valid UTF-8, then *charset* (from HTTP), then the
    declared one.

    A charset that the bytes contradict is not trusted. A page that says UTF-8 but is Latin-1
    (a common server mistake) fails to decode and goes through :func:`decode`. A page that
    says Latin-1 or another single-byte charset but whose non-ASCII bytes are all valid UTF-8
    sequences is UTF-8 (a template kept its old declaration, or a crawler re-encoded the page):
    text in a single-byte charset practically never forms valid multi-byte sequences, while
    reading UTF-8 as Latin-1 turns every "ä" into "Ã¤". trafilatura and charset detectors make
    the same call.
    """
    if data.startswith(b"\xef\xbb\xbf"):  # the mark is not markup: it goes
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for codec in (web_codec(charset), declared_charset(data)):
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    return decode(data)


def looks_binary(text: str) -> bool:
    """True for data that is not page text: NUL bytes or mostly control characters."""
    sample = text[:8192]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) / len(sample) > 0.1


def looks_like_html(text: str) -> bool:
    """True when *text* starts like an HTML document or fragment.

    What counts is the start (page text about HTML quotes tags in its body: 3 of the
    bench's raw-text pages do, while markup begins with them), or an HTML skeleton
    (doctype or <html>, and <head> or <body>) near the top.
    """
    head = text.lstrip("\ufeff")[:5000]
    if _HTML_START.match(head):
        return True
    # Servers print PHP warnings before the doctype; the document still has its skeleton.
    if not head.lstrip().startswith("<"):
        return False  # page text that lists tags (an HTML reference) starts with words
    window = text[:50_000]
    return bool(_HTML_ROOT.search(window) and _HTML_HEAD_OR_BODY.search(window))
