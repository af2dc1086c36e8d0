"""Stripping the pages inside WARC and WET files, one record at a time.

The reader is warcio: it is pure Python (it installs wherever boilerstrip does) and its
``content_stream()`` undoes chunked transfer-encoding and gzip/deflate content-encoding, while
the parsing cost it adds is small next to stripping each page, so FastWARC's speed would not show.

:func:`iter_records` streams a ``.warc``, ``.warc.gz`` (one gzip member per record, or one
for the whole file), ``.warc.wet`` or ``.warc.wet.gz`` file and yields ``(RecordInfo, Result)``
for each page it strips:

- ``response`` records with HTTP status 200 and an HTML content type (``text/html``,
  ``application/xhtml+xml``; sniffed with :func:`~boilerstrip.decode.looks_like_html` when the
  HTTP ``Content-Type`` is missing), and ``resource`` records holding HTML, go through
  ``strip_fn(payload, kind="html", url=...)``;
- WET ``conversion`` records (``text/plain``) go through ``strip_fn(payload, kind="text", url=...)``.

HTML payloads are decoded by :func:`~boilerstrip.decode.decode_html` with the HTTP charset
tried first (then the document's own declaration, then detection); WET text is passed as
``str`` when the ``Content-Type`` names a charset Python knows (decoded with
``errors="replace"``), otherwise as ``bytes``. Every other record is skipped and
counted by reason in a :class:`WarcCounts`; a record on which ``strip_fn`` raises is counted as
an error and skipped; a file cut short or followed by garbage stops the iteration with one
``"truncated ..."`` error. Only one record's payload (at most ``max_payload`` bytes) is held in
memory at a time.
"""

from __future__ import annotations

import codecs
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Iterator, Union

from warcio.archiveiterator import WARCIterator
from warcio.exceptions import ArchiveLoadFailed

from .api import strip
from .decode import decode_html, looks_like_html, web_codec
from .result import Result

__all__ = ["iter_records", "RecordInfo", "WarcCounts", "is_warc_path", "WARC_SUFFIXES",
           "DEFAULT_MAX_PAYLOAD", "HTML_TYPES"]

#: File names that :func:`is_warc_path` recognises (compared lower-cased).
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")  # .warc.wet(.gz) ends in .wet(.gz)
#: A payload larger than this (after chunked/gzip decoding) is skipped as ``too_large``.
DEFAULT_MAX_PAYLOAD = 20 * 1024 * 1024
#: Media types stripped as HTML.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_BLOCK = 64 * 1024
_MAX_MESSAGE = 300
_SNIFF_BYTES = 50_000

StripFn = Callable[..., Result]


def is_warc_path(path: Union[str, "os.PathLike[str]"]) -> bool:
    """True for a file name that says WARC or WET: ``.warc``, ``.warc.gz``, ``.wet``, ``.wet.gz``."""
    return os.fspath(path).lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True)
class RecordInfo:
    """Where a stripped page came from.

    ``content_type`` is the payload's: the HTTP ``Content-Type`` for HTTP records, otherwise
    the record's own. ``status`` is the HTTP status code, ``None`` for records without HTTP.
    """

    url: str | None
    date: str | None
    record_id: str | None
    record_type: str | None
    content_type: str | None
    status: int | None


@dataclass
class WarcCounts:
    """What happened to the records of one file (or several, when shared).

    ``errors`` holds ``(record_id, message)``; ``record_id`` is ``None`` for a problem with the
    file itself (truncated, garbage after the last record). ``truncated`` says the file ended
    early.
    """

    processed: int = 0
    skipped_by_reason: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str | None, str]] = field(default_factory=list)
    truncated: bool = False

    @property
    def skipped(self) -> int:
        return sum(self.skipped_by_reason.values())

    def skip(self, reason: str) -> None:
        self.skipped_by_reason[reason] += 1

    def error(self, record_id: str | None, message: str) -> None:
        if len(message) > _MAX_MESSAGE:
            message = message[: _MAX_MESSAGE - 3] + "..."
        self.errors.append((record_id, message))

    def summary(self) -> str:
        """One line: ``3 records processed, 4 skipped (request 1, warcinfo 1, ...), 1 error``."""
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(self.skipped_by_reason.items()))
        skipped = f"{self.skipped} skipped" + (f" ({reasons})" if reasons else "")
        errors = len(self.errors)
        return (f"{self.processed} record{'s' if self.processed != 1 else ''} processed, {skipped}, "
                f"{errors} error{'s' if errors != 1 else ''}")


# ----------------------------------------------------------------------------- reading
class _ParserEofGuard:
    """An HTTP header parser that reports an empty HTTP block as a truncated record.

    warcio treats EOF while parsing any header as the clean end of the file, so a plain
    ``.warc`` cut right after a record's WARC headers would otherwise end without a word.
    warcio only parses HTTP headers when the record declares a non-empty block.
    """

    def __init__(self, parser: Any) -> None:
        self._parser = parser

    def parse(self, stream: Any, full_statusline: Any = None) -> Any:
        try:
            return self._parser.parse(stream, full_statusline)
        except EOFError:
            raise ArchiveLoadFailed("the record's HTTP block is missing") from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._parser, name)


class _Reader(WARCIterator):
    """warcio's WARC iterator (no ARC: a line of five words is not an ARC header here), told to
    read on through whole-file gzip and to notice a gzip member cut short."""

    def __init__(self, fileobj: IO[bytes]) -> None:
        super().__init__(fileobj)
        self.cut_short = False
        self.loader.http_parser = _ParserEofGuard(self.loader.http_parser)
        self.loader.http_req_parser = _ParserEofGuard(self.loader.http_req_parser)

    def _raise_invalid_gzip_err(self) -> None:
        # A .warc.gz compressed as one gzip stream is slower to seek in, not wrong to read.
        return None

    def close(self) -> None:
        reader = self.reader
        decompressor = reader.decompressor if reader is not None else None
        if decompressor is not None and not getattr(decompressor, "eof", True):
            # The stream ended inside a gzip member, unless that member never began
            # (an empty file): some of it was decompressed, or bytes came after the last record.
            self.cut_short = reader.num_block_read > 0 or self.fh.tell() > self.offset
        super().close()


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """``(media type, charset)`` from a Content-Type value, lower-cased; ``None`` when absent."""
    if not value:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip().lower() or None
    return media.strip().lower() or None, charset


def _decode_payload(payload: bytes, codec: str | None) -> str | bytes:
    """Text in the declared codec (a byte-order mark wins, as in browsers), else the bytes."""
    if payload.startswith(codecs.BOM_UTF8):
        return payload[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if payload.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return payload.decode("utf-16", errors="replace")
    if codec is None:
        return payload
    return payload.decode(codec, errors="replace")


def _read_capped(stream: Any, cap: int) -> bytes | None:
    """Up to *cap* bytes of *stream*; ``None`` (the rest unread) when there are more."""
    chunks = []
    total = 0
    while True:
        block = stream.read(min(_BLOCK, cap + 1 - total))
        if not block:
            return b"".join(chunks)
        chunks.append(block)
        total += len(block)
        if total > cap:
            return None


def _drain(record: Any) -> int:
    """Read the record to its end; the number of bytes its Content-Length promised but the file lacked."""
    raw = record.raw_stream
    while raw.read(_BLOCK):
        pass
    return max(int(getattr(raw, "limit", 0) or 0), 0)


def _status(record: Any) -> int | None:
    if not record.http_headers:
        return None
    try:
        return int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return None


def _info(record: Any) -> RecordInfo:
    headers = record.rec_headers
    if record.http_headers:
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = headers.get_header("Content-Type")
    return RecordInfo(url=headers.get_header("WARC-Target-URI"), date=headers.get_header("WARC-Date"),
                      record_id=headers.get_header("WARC-Record-ID"), record_type=record.rec_type,
                      content_type=content_type, status=_status(record))


def _kind_or_skip(info: RecordInfo, record: Any) -> tuple[str | None, str | None]:
    """``(kind, None)`` for a record to strip (kind ``None``: HTML to sniff), else ``(None, reason)``."""
    media, _ = _parse_content_type(info.content_type)
    if info.record_type == "conversion":
        return ("text", None) if media in (None, "text/plain") else (None, "not_text")
    if info.record_type == "response":
        if not record.http_headers:
            return None, "no_http_headers"
        if info.status is None:
            return None, "bad_status"
        if info.status != 200:
            return None, f"status_{info.status}"
    elif info.record_type != "resource":
        return None, info.record_type or "no_type"
    if media is None:
        return None, None
    return ("html", None) if media in HTML_TYPES else (None, "not_html")


def iter_records(path_or_stream: Union[str, "os.PathLike[str]", IO[bytes]], *,
                 strip_fn: StripFn = strip, counts: WarcCounts | None = None,
                 max_payload: int = DEFAULT_MAX_PAYLOAD) -> Iterator[tuple[RecordInfo, Result]]:
    """Strip the pages of a WARC or WET file, one record at a time (a lazy generator).

    *path_or_stream* is a file name or a binary stream (read sequentially, never closed here);
    compression is detected from the data. Yields ``(RecordInfo, Result)`` for each record that
    was stripped; what was skipped and what failed goes into *counts* (pass a
    :class:`WarcCounts` to see it). Payloads above *max_payload* bytes are skipped as
    ``too_large``. Never raises for bad data in the file; ``OSError`` from opening or reading
    the file itself is raised.
    """
    if counts is None:
        counts = WarcCounts()
    if isinstance(path_or_stream, (str, bytes, os.PathLike)):
        with open(path_or_stream, "rb") as stream:
            yield from _iter_stream(stream, strip_fn, counts, max_payload)
    else:
        yield from _iter_stream(path_or_stream, strip_fn, counts, max_payload)


def _iter_stream(stream: IO[bytes], strip_fn: StripFn, counts: WarcCounts,
                 max_payload: int) -> Iterator[tuple[RecordInfo, Result]]:
    reader = _Reader(stream)
    last_was_cut = False
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except (OSError, MemoryError):
            raise
        except Exception as exc:  # ArchiveLoadFailed, zlib errors, bad headers: the data ends here
            if not last_was_cut:
                counts.truncated = True
                counts.error(None, f"truncated or unreadable WARC data at byte {reader.offset}: "
                                   f"{type(exc).__name__}: {' '.join(str(exc).split())}")
            return
        last_was_cut = False
        info = _info(record)
        outcome = _handle(record, info, strip_fn, counts, max_payload)
        if outcome is _CUT:
            last_was_cut = True
        elif outcome is not None:
            yield info, outcome
    if reader.cut_short and not last_was_cut:
        counts.truncated = True
        counts.error(None, "truncated gzip member at the end of the file")


_CUT = object()


def _handle(record: Any, info: RecordInfo, strip_fn: StripFn, counts: WarcCounts,
            max_payload: int) -> Any:
    """Strip one record: its Result, ``None`` when skipped or failed, ``_CUT`` when truncated."""
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not declared.isdigit():  # a WARC header block cut short, or a broken one
        _drain(record)
        counts.truncated = True
        counts.error(info.record_id, "truncated or invalid record: its WARC headers have no valid "
                                     f"Content-Length ({declared or 'none'})")
        return _CUT
    kind, reason = _kind_or_skip(info, record)
    payload = read_error = None
    if reason is None:
        try:
            payload = _read_capped(record.content_stream(), max_payload)
        except Exception as exc:  # a broken chunked or compressed body: this record only
            read_error = f"cannot read the payload: {type(exc).__name__}: {exc}"
        else:
            if payload is None:
                reason = "too_large"
            elif not payload or payload.isspace():
                reason = "empty"
    missing = _drain(record)
    if missing:
        counts.truncated = True
        counts.error(info.record_id, f"truncated record: {missing} bytes missing")
        return _CUT
    if read_error is not None:
        counts.error(info.record_id, read_error)
        return None
    if reason is not None:
        counts.skip(reason)
        return None
    assert payload is not None
    _, charset = _parse_content_type(info.content_type)
    codec = web_codec(charset)
    if kind is None:  # no Content-Type: HTML only if it looks like it
        head = payload[:_SNIFF_BYTES].decode(codec or "utf-8", errors="replace")
        if not looks_like_html(head):
            counts.skip("not_html")
            return None
        kind = "html"
    # HTML: the HTTP charset when the bytes agree with it, then the document's own, then
    # detection (decode_html); WET text: the declared charset, with replacement characters.
    page = decode_html(payload, codec) if kind == "html" else _decode_payload(payload, codec)
    try:
        result = strip_fn(page, kind=kind, url=info.url)
    except Exception as exc:  # one bad page must not stop the file
        counts.error(info.record_id, f"{type(exc).__name__}: {' '.join(str(exc).split())}")
        return None
    counts.processed += 1
    return result
