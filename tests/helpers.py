"""Small builders shared by the filter tests."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import boilerstrip

ARTICLE = [
    "Harbour town opens its first public library in forty years",
    "The town council opened the new library on Monday after a decade of fundraising by residents and local businesses.",
    "More than two thousand people visited on the first day, and the children's room ran out of library cards by noon.",
    "The building, a former fish market, was restored with help from a regional heritage fund and volunteers.",
]


def page(*blocks: str) -> str:
    """Blocks separated by blank lines, as scrapers print them."""
    return "\n\n".join(blocks) + "\n"


def run(filter_name: str, text: str) -> boilerstrip.Result:
    """Run one filter alone on *text*."""
    return boilerstrip.Pipeline([filter_name])(text, kind="text")


def reasons(result: boilerstrip.Result) -> list[tuple[str, str]]:
    return [(s.filter, s.reason) for s in result.stripped]


def stripped_texts(result: boilerstrip.Result) -> list[str]:
    return [s.text for s in result.stripped]


# --------------------------------------------------------------------------- WARC files
#: Paragraphs of an invented news article, for the WARC and CLI tests.
SEAWALL = [
    "Harbor City Council voted on Monday night to approve a plan to rebuild the crumbling "
    "seawall along Dock Street, ending nearly three years of debate over the waterfront.",
    "The existing wall, built in 1962 from poured concrete and timber pilings, has cracked in "
    "at least forty places, according to a structural survey commissioned by the city.",
    "Construction is expected to begin in September and last about eighteen months, and one "
    "lane of Dock Street will be closed during most of that period, officials said.",
]

WARC_DATE = "2024-06-28T13:50:00Z"


class WarcBuilder:
    """Writes records with warcio into a file; remembers ids and the offset of each record."""

    def __init__(self, path: Path, *, gzip: bool = True) -> None:
        self.path = path
        self.fh = open(path, "wb")
        self.writer = WARCWriter(self.fh, gzip=gzip)
        self.ids: list[str] = []
        self.offsets: list[int] = []

    def _write(self, record) -> str:
        self.offsets.append(self.fh.tell())
        self.writer.write_record(record)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        self.ids.append(record_id)
        return record_id

    def warcinfo(self) -> str:
        return self._write(self.writer.create_warcinfo_record(self.path.name, {"software": "tests"}))

    def response(self, url: str, body: bytes | str, *, status: str = "200 OK",
                 content_type: str | None = "text/html; charset=utf-8", headers=(),
                 raw_body: bytes | None = None) -> str:
        """An HTTP response; *raw_body* is what goes on the wire (chunked, gzipped) if given."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        wire = body if raw_body is None else raw_body
        http = [("Content-Type", content_type)] if content_type else []
        http += list(headers)
        if not any(name.lower() == "transfer-encoding" for name, _ in headers):
            http.append(("Content-Length", str(len(wire))))
        record = self.writer.create_warc_record(
            url, "response", payload=io.BytesIO(wire), length=len(wire),
            http_headers=StatusAndHeaders(status, http, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": WARC_DATE})
        return self._write(record)

    def request(self, url: str) -> str:
        raw = f"GET {url} HTTP/1.1\r\nHost: example.com\r\nUser-Agent: tests\r\n\r\n".encode()
        record = self.writer.create_warc_record(url, "request", payload=io.BytesIO(raw), length=len(raw),
                                                warc_headers_dict={"WARC-Date": WARC_DATE})
        return self._write(record)

    def record(self, url: str, record_type: str, body: bytes | str, content_type: str) -> str:
        """A record without HTTP headers: WET ``conversion``, ``resource``, ``metadata``."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        record = self.writer.create_warc_record(url, record_type, payload=io.BytesIO(body),
                                                length=len(body), warc_content_type=content_type,
                                                warc_headers_dict={"WARC-Date": WARC_DATE})
        return self._write(record)

    def conversion(self, url: str, text: str) -> str:
        """A WET conversion record: the page's text."""
        return self.record(url, "conversion", text, "text/plain")

    def close(self) -> Path:
        self.fh.close()
        return self.path

    def truncate_last(self) -> None:
        """Cut the (closed) file in the middle of its last record."""
        data = self.path.read_bytes()
        last = self.offsets[-1]
        self.path.write_bytes(data[: last + (len(data) - last) // 2])
