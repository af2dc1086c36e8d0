"""boilerstrip.warc: streaming the records of WARC and WET files through strip().

The files are written here with warcio's WARCWriter. Most tests inject a recording
``strip_fn`` so the WARC logic is tested on its own; the tests named ``*_real_strip_html*`` use
boilerstrip's own ``strip(kind="html")``.
"""

from __future__ import annotations

import gzip
import io
import tracemalloc
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip.result import Result
from helpers import SEAWALL, WARC_DATE as DATE, WarcBuilder
from boilerstrip.warc import (DEFAULT_MAX_PAYLOAD, RecordInfo, WarcCounts, is_warc_path,
                              iter_records)


ARTICLE = SEAWALL


def html_page(title: str = "Seawall plan approved", paragraphs=ARTICLE, extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ("<!DOCTYPE html><html><head><title>" + title + "</title></head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
            "<article><h1>" + title + "</h1>" + body + extra + "</article>"
            "<footer>Copyright 2024 Harbor Gazette. All rights reserved.</footer></body></html>")


# Page text as a WET file holds it: one block per line, a menu above the article.
WET_TEXT = "\n".join([
    "Home", "News", "Sport", "Weather", "Contact",
    "Seawall plan approved",
    *ARTICLE,
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
]) + "\n"


# --------------------------------------------------------------------------- building files
class Recorder:
    """A strip_fn stub: records each call and returns a small text Result."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[dict] = []
        self.fail_on = fail_on

    def __call__(self, page, *, kind="auto", url=None):
        self.calls.append({"page": page, "kind": kind, "url": url})
        if self.fail_on is not None and self.fail_on in (page if isinstance(page, str) else page.decode("utf-8", "replace")):
            raise ValueError("boom: this page breaks the stripper")
        text = page if isinstance(page, str) else page.decode("utf-8", "replace")
        return Result(source=text, text=text[:20], stripped=[], meta={}, kind=kind)


def run(source, strip_fn=None, **kwargs) -> tuple[list[tuple[RecordInfo, Result]], WarcCounts]:
    counts = WarcCounts()
    if strip_fn is not None:
        kwargs["strip_fn"] = strip_fn
    got = list(iter_records(source, counts=counts, **kwargs))
    return got, counts


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def compressed(request):
    return request.param


def suffix(compressed: bool) -> str:
    return ".warc.gz" if compressed else ".warc"


# --------------------------------------------------------------------------- which records
def test_mixed_file_processes_html_200_and_skips_the_rest(tmp_path, compressed):
    w = WarcBuilder(tmp_path / ("crawl" + suffix(compressed)), gzip=compressed)
    w.warcinfo()
    w.request("https://example.com/news/seawall")
    page_id = w.response("https://example.com/news/seawall", html_page())
    w.response("https://example.com/missing", "<html><body>Not found</body></html>", status="404 Not Found")
    w.response("https://example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), content_type="image/png")
    w.record("metadata://example.com/news/seawall", "metadata", "fetchTimeMs: 120\r\n", "application/warc-fields")
    w.record("https://example.com/robots.txt", "resource", "User-agent: *\n", "text/plain")
    path = w.close()

    stub = Recorder()
    got, counts = run(path, stub)

    assert len(got) == 1 and counts.processed == 1
    info, result = got[0]
    assert info == RecordInfo(url="https://example.com/news/seawall", date=DATE, record_id=page_id,
                              record_type="response", content_type="text/html; charset=utf-8", status=200)
    assert isinstance(result, Result)
    assert stub.calls == [{"page": html_page(), "kind": "html", "url": "https://example.com/news/seawall"}]
    assert counts.skipped_by_reason == {"warcinfo": 1, "request": 1, "status_404": 1, "not_html": 2,
                                        "metadata": 1}
    assert counts.skipped == 6
    assert counts.errors == [] and not counts.truncated
    assert counts.summary() == ("1 record processed, 6 skipped (metadata 1, not_html 2, request 1, "
                                "status_404 1, warcinfo 1), 0 errors")


def test_stream_input_and_xhtml_and_resource_html(tmp_path):
    w = WarcBuilder(tmp_path / "x.warc.gz")
    w.response("https://example.com/a", html_page("A"), content_type="application/xhtml+xml")
    w.record("https://example.com/b", "resource", html_page("B"), "text/html")
    path = w.close()
    stub = Recorder()
    with open(path, "rb") as fh:
        got, counts = run(fh, stub)
        assert not fh.closed  # a stream given by the caller stays the caller's
    assert [info.url for info, _ in got] == ["https://example.com/a", "https://example.com/b"]
    assert [info.status for info, _ in got] == [200, None]
    assert [c["kind"] for c in stub.calls] == ["html", "html"]
    assert counts.processed == 2 and counts.skipped == 0


def test_missing_content_type_is_sniffed(tmp_path):
    w = WarcBuilder(tmp_path / "sniff.warc")
    w.response("https://example.com/page", html_page(), content_type=None)
    w.response("https://example.com/data", "name,value\nseawall,1962\n", content_type=None)
    w.response("https://example.com/empty", "", content_type="text/html")
    path = w.close()
    stub = Recorder()
    got, counts = run(path, stub)
    assert [info.url for info, _ in got] == ["https://example.com/page"]
    assert got[0][0].content_type is None
    assert stub.calls[0]["kind"] == "html"
    assert counts.skipped_by_reason == {"not_html": 1, "empty": 1}


def test_redirect_and_server_error_are_counted_by_status(tmp_path):
    w = WarcBuilder(tmp_path / "s.warc.gz")
    w.response("https://example.com/old", "", status="301 Moved Permanently", headers=[("Location", "/new")])
    w.response("https://example.com/err", "<html><body>oops</body></html>", status="500 Internal Server Error")
    w.response("https://example.com/err2", "<html><body>oops</body></html>", status="500 Internal Server Error")
    path = w.close()
    got, counts = run(path, Recorder())
    assert got == []
    assert counts.skipped_by_reason == {"status_301": 1, "status_500": 2}


# --------------------------------------------------------------------------- WET
@pytest.mark.parametrize("name,compressed", [("crawl.warc.wet.gz", True), ("crawl.warc.wet", False),
                                             ("crawl.wet.gz", True)])
def test_wet_conversion_goes_through_the_text_path(tmp_path, name, compressed):
    w = WarcBuilder(tmp_path / name, gzip=compressed)
    w.warcinfo()
    conv_id = w.record("https://example.com/news/seawall", "conversion", WET_TEXT, "text/plain")
    path = w.close()

    calls = []

    def recording_strip(page, *, kind="auto", url=None):
        calls.append((kind, url))
        return boilerstrip.strip(page, kind=kind, url=url)

    got, counts = run(path, recording_strip)
    assert calls == [("text", "https://example.com/news/seawall")]
    assert counts.processed == 1 and counts.skipped_by_reason == {"warcinfo": 1} and counts.errors == []
    info, result = got[0]
    assert (info.record_type, info.record_id, info.date, info.status) == ("conversion", conv_id, DATE, None)
    assert info.content_type == "text/plain"
    assert result.kind == "text"
    assert result.text.strip()
    assert ARTICLE[1] in result.text
    assert "Leave a Reply" not in result.text
    assert result.source == WET_TEXT
    assert result.lossless_problems() == []


def test_wet_conversion_with_other_content_type_is_skipped(tmp_path):
    w = WarcBuilder(tmp_path / "odd.warc.wet.gz")
    w.record("https://example.com/x", "conversion", "{}", "application/json")
    got, counts = run(w.close(), Recorder())
    assert got == [] and counts.skipped_by_reason == {"not_text": 1}


# --------------------------------------------------------------------------- charsets and encodings
@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1", "ISO-8859-1", '"latin1"'])
def test_http_charset_is_honoured(tmp_path, charset):
    page = html_page("Le café du port", extra="<p>Un été très animé à l'opéra – “vraiment”.</p>")
    body = page.encode("cp1252")
    assert b"\xe9" in body  # é as one byte: not UTF-8
    w = WarcBuilder(tmp_path / "latin.warc.gz")
    w.response("https://example.fr/cafe", body, content_type=f"text/html; charset={charset}")
    stub = Recorder()
    got, counts = run(w.close(), stub)
    assert counts.processed == 1
    passed = stub.calls[0]["page"]
    assert isinstance(passed, str)
    assert "café" in passed and "été" in passed
    assert "“vraiment”" in passed  # iso-8859-1 is read as windows-1252, as browsers do
    assert passed == page


def test_unknown_or_wrong_http_charset_does_not_garble_html(tmp_path):
    body = html_page("Café").encode("utf-8")
    w = WarcBuilder(tmp_path / "unknown.warc")
    w.response("https://example.com/u", body, content_type="text/html; charset=x-no-such-charset")
    w.response("https://example.com/n", body, content_type="text/html")
    # a server that says UTF-16 for UTF-8 bytes that are not valid UTF-16: the next source wins
    w.response("https://example.com/w", body, content_type="text/html; charset=utf-16")
    stub = Recorder()
    run(w.close(), stub)
    assert [call["page"] for call in stub.calls] == [html_page("Café")] * 3


def test_utf8_bom_wins_over_declared_charset(tmp_path):
    page = html_page("Café")
    w = WarcBuilder(tmp_path / "bom.warc")
    w.response("https://example.com/b", b"\xef\xbb\xbf" + page.encode("utf-8"),
               content_type="text/html; charset=iso-8859-1")
    stub = Recorder()
    run(w.close(), stub)
    assert stub.calls[0]["page"] == page


def chunked(data: bytes, size: int = 50) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(data[i:i + size]), data[i:i + size]) for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def test_chunked_and_gzip_http_payloads_are_decoded(tmp_path):
    page = html_page()
    body = page.encode("utf-8")
    w = WarcBuilder(tmp_path / "enc.warc.gz")
    w.response("https://example.com/chunked", body, raw_body=chunked(body),
               headers=[("Transfer-Encoding", "chunked")])
    w.response("https://example.com/gzip", body, raw_body=gzip.compress(body),
               headers=[("Content-Encoding", "gzip")])
    w.response("https://example.com/both", body, raw_body=chunked(gzip.compress(body)),
               headers=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")])
    stub = Recorder()
    got, counts = run(w.close(), stub)
    assert counts.processed == 3, counts
    assert [call["page"] for call in stub.calls] == [page, page, page]


# --------------------------------------------------------------------------- bad input
def test_strip_fn_error_is_recorded_and_the_next_record_processed(tmp_path, compressed):
    w = WarcBuilder(tmp_path / ("bad" + suffix(compressed)), gzip=compressed)
    w.response("https://example.com/1", html_page("First"))
    bad_id = w.response("https://example.com/2", html_page("POISON"))
    w.response("https://example.com/3", html_page("Third"))
    stub = Recorder(fail_on="POISON")
    got, counts = run(w.close(), stub)
    assert [info.url for info, _ in got] == ["https://example.com/1", "https://example.com/3"]
    assert counts.processed == 2
    assert counts.errors == [(bad_id, "ValueError: boom: this page breaks the stripper")]
    assert not counts.truncated


def three_pages(path: Path, compressed: bool) -> WarcBuilder:
    w = WarcBuilder(path, gzip=compressed)
    w.warcinfo()
    for n in range(3):
        w.response(f"https://example.com/{n}", html_page(f"Page {n}"))
    w.close()
    return w


def test_truncated_in_the_last_gzip_member(tmp_path):
    w = three_pages(tmp_path / "cut.warc.gz", True)
    data = w.path.read_bytes()
    last = w.offsets[-1]
    w.path.write_bytes(data[: last + (len(data) - last) // 2])
    got, counts = run(w.path, Recorder())
    assert [info.url for info, _ in got] == ["https://example.com/0", "https://example.com/1"]
    assert counts.truncated
    assert len(counts.errors) == 1
    assert counts.errors[0][1].startswith("truncated")


@pytest.mark.parametrize("cut_from_end", [1, 4, 8, 30])
def test_truncated_in_the_gzip_trailer(tmp_path, cut_from_end):
    """Cut after the record's content: the record's bytes are whole, its gzip member is not."""
    w = three_pages(tmp_path / "cut.warc.gz", True)
    data = w.path.read_bytes()
    w.path.write_bytes(data[:-cut_from_end])
    got, counts = run(w.path, Recorder())
    assert len(got) in (2, 3)
    assert [info.url for info, _ in got][:2] == ["https://example.com/0", "https://example.com/1"]
    assert len(counts.errors) == 1 and counts.errors[0][1].startswith("truncated")
    assert counts.truncated


@pytest.mark.parametrize("where", ["payload", "http_headers", "warc_headers", "after_warc_headers",
                                   "content_length_value"])
def test_truncated_plain_warc(tmp_path, where):
    w = three_pages(tmp_path / "cut.warc", False)
    data = w.path.read_bytes()
    last = data[w.offsets[-1]:]
    warc_head_end = last.index(b"\r\n\r\n") + 4
    cut = {"payload": warc_head_end + (len(last) - warc_head_end) // 2,
           "http_headers": warc_head_end + 20,
           "warc_headers": warc_head_end // 2,
           "after_warc_headers": warc_head_end,
           "content_length_value": last.index(b"Content-Length:") + len(b"Content-Length:")}[where]
    w.path.write_bytes(data[: w.offsets[-1] + cut])
    got, counts = run(w.path, Recorder())
    assert [info.url for info, _ in got] == ["https://example.com/0", "https://example.com/1"]
    assert len(counts.errors) == 1, counts.errors
    assert counts.errors[0][1].startswith("truncated")


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("garbage", [b"this is not a WARC record\r\n\r\n", b"\x1f\x8b\x08garbage" * 10,
                                     bytes(range(256)) * 4])
def test_garbage_after_the_last_record(tmp_path, compressed, garbage):
    w = three_pages(tmp_path / ("g" + suffix(compressed)), compressed)
    w.path.write_bytes(w.path.read_bytes() + garbage)
    got, counts = run(w.path, Recorder())
    assert len(got) == 3
    assert len(counts.errors) == 1 and counts.errors[0][0] is None
    assert counts.errors[0][1].startswith("truncated")


def test_not_a_warc_at_all(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\nnot a WARC file\n", encoding="utf-8")
    got, counts = run(path, Recorder())
    assert got == [] and len(counts.errors) == 1 and counts.processed == 0


def test_empty_file(tmp_path):
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    got, counts = run(path, Recorder())
    assert got == [] and counts.errors == [] and counts.processed == 0


def test_whole_file_gzip_is_read_too(tmp_path):
    """A .warc.gz compressed as one gzip stream (not one member per record) still streams."""
    w = three_pages(tmp_path / "plain.warc", False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(w.path.read_bytes()))
    got, counts = run(whole, Recorder())
    assert len(got) == 3 and counts.errors == [] and counts.skipped_by_reason == {"warcinfo": 1}


def test_payload_above_the_cap_is_skipped_as_too_large(tmp_path, compressed):
    big = html_page(paragraphs=ARTICLE * 40)
    w = WarcBuilder(tmp_path / ("big" + suffix(compressed)), gzip=compressed)
    w.response("https://example.com/big", big)
    w.response("https://example.com/small", html_page())
    # gzip bomb: small on the wire, large once decoded
    w.response("https://example.com/bomb", b"<html>" + b" " * 200_000,
               raw_body=gzip.compress(b"<html>" + b" " * 200_000), headers=[("Content-Encoding", "gzip")])
    stub = Recorder()
    got, counts = run(w.close(), stub, max_payload=5000)
    assert len(big) > 5000
    assert [info.url for info, _ in got] == ["https://example.com/small"]
    assert counts.skipped_by_reason == {"too_large": 2}
    assert counts.errors == []
    assert DEFAULT_MAX_PAYLOAD == 20 * 1024 * 1024


def test_bad_http_gzip_is_passed_through_not_fatal(tmp_path):
    """A body that says gzip but is not: warcio hands over the raw bytes; the file goes on."""
    w = WarcBuilder(tmp_path / "liar.warc.gz")
    w.response("https://example.com/liar", html_page("Liar"), headers=[("Content-Encoding", "gzip")])
    w.response("https://example.com/ok", html_page("OK"))
    got, counts = run(w.close(), Recorder())
    assert [info.url for info, _ in got] == ["https://example.com/liar", "https://example.com/ok"]
    assert counts.errors == []


# --------------------------------------------------------------------------- streaming
class CountingStream(io.RawIOBase):
    """A read-only stream that counts the bytes handed out."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._inner.readinto(buffer)
        self.bytes_read += n
        return n


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_iter_records_is_lazy(tmp_path, compressed):
    w = WarcBuilder(tmp_path / ("many" + suffix(compressed)), gzip=compressed)
    filler = " ".join(f"word{i}" for i in range(400))
    for n in range(300):
        w.response(f"https://example.com/{n}", html_page(f"Page {n}", paragraphs=[filler, f"Number {n}"]))
    data = w.close().read_bytes()
    stream = CountingStream(data)
    stub = Recorder()
    records = iter_records(stream, strip_fn=stub)
    assert stream.bytes_read == 0 and stub.calls == []  # nothing happens before the first next()
    info, _ = next(records)
    assert info.url == "https://example.com/0"
    assert len(stub.calls) == 1
    assert stream.bytes_read < len(data) / 10, (stream.bytes_read, len(data))
    rest = list(records)
    assert len(rest) == 299
    assert stream.bytes_read == len(data)


def test_memory_stays_flat(tmp_path):
    """300 records of 40 kB (12 MB): peak memory while streaming is a few records, not the file."""
    w = WarcBuilder(tmp_path / "flat.warc", gzip=False)
    for n in range(300):
        w.response(f"https://example.com/{n}", html_page(f"Page {n}", paragraphs=[f"{n:06d} " * 5700]))
    path = w.close()
    size = path.stat().st_size
    assert size > 12_000_000
    seen = 0

    def tiny_strip(page, *, kind="auto", url=None):
        return Result(source="", text=str(len(page)), stripped=[], meta={}, kind=kind)

    tracemalloc.start()
    try:
        for _info, result in iter_records(path, strip_fn=tiny_strip):
            seen += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == 300
    assert peak < 2_000_000, peak


# --------------------------------------------------------------------------- names and counts
@pytest.mark.parametrize("name,expected", [
    ("crawl.warc", True), ("crawl.warc.gz", True), ("CRAWL.WARC.GZ", True), ("x.warc.wet.gz", True),
    ("x.warc.wet", True), ("x.wet", True), ("x.wet.gz", True), ("page.txt", False), ("a.gz", False),
    ("warc.txt", False), ("page.html", False),
])
def test_is_warc_path(name, expected):
    assert is_warc_path(name) is expected
    assert is_warc_path(Path("/some/dir") / name) is expected


def test_counts_summary_without_anything():
    assert WarcCounts().summary() == "0 records processed, 0 skipped, 0 errors"


def test_default_strip_fn_is_boilerstrip_strip():
    import inspect

    from boilerstrip.api import strip

    assert inspect.signature(iter_records).parameters["strip_fn"].default is strip


# --------------------------------------------------------------------------- the real HTML path
def test_real_strip_html_on_a_warc_response(tmp_path):
    """Needs strip(kind='html'): fails with NotImplementedError until HTML support lands."""
    extra = ("<div class='comments'><h3>Leave a Reply</h3>"
             "<p>Your email address will not be published. Required fields are marked *</p></div>")
    w = WarcBuilder(tmp_path / "real.warc.gz")
    w.response("https://example.com/news/seawall", html_page(extra=extra))
    got, counts = run(w.close())
    assert counts.errors == [], counts.errors
    assert counts.processed == 1
    info, result = got[0]
    assert info.url == "https://example.com/news/seawall"
    assert result.kind == "html"
    assert ARTICLE[0] in result.text
    assert "Leave a Reply" not in result.text
    assert result.lossless_problems() == []
