"""Metadata that a page declares in its own HTML: title, dates, author, language, URL.

Why a separate module: ``meta.py`` reads the title and the dateline from the *kept text*,
which works on any page but guesses. Most pages also state these facts explicitly, in
``<meta>`` tags, in JSON-LD (schema.org) and in ``<time datetime>``; when present those are
what the publisher meant, so they are read here first and exactly. ``html_meta`` takes the
tree the caller has already parsed (parsing is the expensive part: ``strip`` passes the one
:func:`boilerstrip.htmltext.parse_html` made) and never changes it.

Cost: one ``tree.iter()`` pass over the seven element types that carry metadata (``html``,
``meta``, ``link``, ``script``, ``time``, ``h1``, ``title``). The JSON-LD is parsed, the
``<time>`` ancestors are looked at, and one XPath looks for ``<a rel=author>`` only when an
earlier source did not already answer. Nothing recurses over the tree, so a page nested
thousands of levels deep costs no more than a flat one, and every regular expression here is
a plain sequence without nested quantifiers (linear time).

Keys (only the ones found, except ``title``, which is always there, None when not found);
each list is in order of precedence, the first usable value wins:

``title``
    1. ``og:title``, 2. ``twitter:title``, 3. JSON-LD ``headline`` then ``name`` of the first
    Article-like item (``@type`` ending in "Article" or "Posting", or "Report"),
    4. the first ``<h1>`` with text, 5. ``<title>``.
    Why this order: the sharing title is chosen by the publisher for exactly this purpose
    (the headline, usually without the site name), and so is the JSON-LD headline; ``<h1>``
    is often the site logo on non-article pages, and ``<title>`` usually carries the site
    name, so they come last. A fixed order is used rather than voting between disagreeing
    candidates: it is predictable and easy to test. The ``<h1>`` is used in one narrow way
    only: when the chosen title is the first ``<h1>`` followed by a separator and something
    shorter than the ``<h1>`` ("Ten ways to save | Money"), the ``<h1>`` is returned ("Ten
    ways to save"; but a section heading "News" does not cut "News - Big story happens").
    Site names around titles. The separators are " | ", " - ", " – ", " — " and " :: ".
    A part after the last separator (or before the first one) is cut when it names the site:
    it equals ``og:site_name`` or ``application-name``, or a host-name label ("alison" of
    alison.com, from *url* or else the canonical link), ignoring case and punctuation, or one
    contains the other (both at least four letters: "Soliant" and "Soliant Health"). A title
    ending in separator + the whole ``og:site_name`` loses it even when the site name has a
    separator of its own. ``<title>`` alone also loses a suffix that is short (at most four
    words) when what stays is longer in characters than what is cut, so "Brexit explained -
    The Guardian" loses its suffix but "AI - Wired" keeps it; this guess is not applied to
    ``og:title`` and JSON-LD titles, which carry a site name less often and would lose real
    subtitles ("War and Peace - Book One").
``date`` (and ``time``)
    1. meta ``article:published_time``, ``datePublished`` (name, property or itemprop),
    ``date``, ``dc.date``, ``dcterms.created``, ``pubdate``, ``sailthru.date``,
    ``parsely-pub-date``, ``og:published_time``; 2. JSON-LD ``datePublished`` (an Article-like
    item first, then any item; ``@graph`` and lists of items are looked into);
    3. ``<time datetime>`` (its text when it has no ``datetime``): the ones inside
    ``<article>`` or ``<main>`` first, then the others, each in document order. ``time`` ("HH:MM", as written, not converted to UTC) is given
    only when the value that gave the date also carries a time.
``modified``
    meta ``article:modified_time``, ``dateModified``, ``og:updated_time``, then JSON-LD
    ``dateModified``.
``author``
    1. meta ``author``, 2. meta ``article:author`` (URL values are skipped: they are usually
    a profile link), 3. JSON-LD ``author`` of an Article-like item, then of any item (a
    string, a dict with ``name``, a reference ``{"@id": ...}`` to a Person in the same
    document, or a list of these joined with ", "), 4. the text of ``<a rel=author>``.
``language``
    ``<html lang>`` (or ``xml:lang``) primary subtag lowercased ("en-US" -> "en"), then meta
    ``http-equiv=content-language``, then ``og:locale`` ("de_DE" -> "de"); values that are not
    a two- or three-letter language code are skipped.
``url``
    ``<link rel=canonical href>``, then ``og:url``; joined to *url* when relative (left
    relative when *url* is None); only http(s) URLs are kept.
``site_name``
    ``og:site_name``.
``description``
    meta ``description``, then ``og:description``, then ``twitter:description``.

Dates are ISO ``YYYY-MM-DD``; ISO 8601 values are read with a regular expression, anything
else with :func:`boilerstrip.dates.parse_date`; impossible dates (month 13, 30 February) and
years outside 1990–2100 are rejected and the next source is tried. Every string is
whitespace-collapsed, stripped and cut to 1,000 characters; empty values are skipped.
Invalid JSON-LD (common) is skipped, also after a second try without HTML comment markers
and a trailing ";"; a script over 1 MB is not parsed at all.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Iterable
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .dates import parse_date

__all__ = ["DeclaredKind", "declared_kind", "declares_title", "html_meta", "metadata_scan"]

_MAX_VALUE = 1_000  # characters kept of any returned string
_MAX_RAW = 100_000  # characters of an attribute looked at before collapsing whitespace
_MAX_JSON = 1_000_000  # a JSON-LD script longer than this is not parsed
_MAX_LD_ITEMS = 500  # JSON-LD items looked at per page
_MAX_CANDIDATES = 50  # <time>, <h1> and <title> elements kept from the scan
_YEARS = (1990, 2100)

_SCAN_TAGS = ("html", "meta", "link", "script", "time", "h1", "title")
_META_ATTRS = ("property", "name", "itemprop")

_DATE_KEYS = (
    "article:published_time", "datepublished", "date", "dc.date", "dcterms.created", "pubdate",
    "sailthru.date", "parsely-pub-date", "og:published_time",
)
_MODIFIED_KEYS = ("article:modified_time", "datemodified", "og:updated_time")
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")
_SHORT_SUFFIX_WORDS = 4

_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?")
_LANG_CODE = re.compile(r"[a-z]{2,3}")
_TYPE_PREFIX = re.compile(r"^.*[/:#]")  # "http://schema.org/Article" -> "Article"


def html_meta(tree: etree._Element, url: str | None = None, *, scan: "_Scan | None" = None) -> dict[str, Any]:
    """Metadata declared in the HTML of *tree* (see the module docstring for keys and order).

    *tree* is a parsed document's root (lxml, plain or ``lxml.html``); it is not modified.
    *url* is the page's address, used to make a relative canonical URL absolute. *scan* is
    the tree's :func:`metadata_scan`, when another reader has made it already.
    """
    scan = scan if scan is not None else _Scan(tree)
    ld = scan.json_ld()
    site_name = scan.meta("og:site_name")
    site = _Site((site_name, scan.meta("application-name")), url or scan.canonical)
    out: dict[str, Any] = {"title": _title(scan, ld, site)}
    _put(out, _published(scan, ld))
    modified = _first_date(scan.meta(k) for k in _MODIFIED_KEYS) or _first_date(
        ld.values("dateModified")
    )
    if modified:
        out["modified"] = modified["date"]
    _set(out, "author", _author(scan, ld, tree))
    _set(out, "language", _language(scan))
    _set(out, "url", _canonical(scan, url))
    _set(out, "site_name", site_name)
    _set(out, "description", _first(scan.meta(k) for k in ("description", "og:description",
                                                                "twitter:description")))
    return out


# --- the one pass over the tree ----------------------------------------------------------


class _Scan:
    """What one ``iter()`` over the metadata-carrying elements finds."""

    __slots__ = ("metas", "html_lang", "canonical", "ld_texts", "times", "h1s", "titles", "_ld", "_title_keys")

    def __init__(self, tree: Any) -> None:
        self.metas: dict[str, str] = {}
        self.html_lang: str | None = None
        self.canonical: str | None = None
        self.ld_texts: list[str] = []
        self.times: list[Any] = []
        self.h1s: list[Any] = []
        self.titles: list[Any] = []
        self._ld: _JsonLd | None = None
        self._title_keys: tuple[frozenset[str], str | None] | None = None
        if hasattr(tree, "getroot"):  # an ElementTree rather than its root
            tree = tree.getroot()
        if tree is None:
            return
        for el in tree.iter(*_SCAN_TAGS):
            tag = el.tag
            if tag == "meta":
                self._meta(el)
            elif tag == "link":
                if self.canonical is None and "canonical" in _tokens(el.get("rel")):
                    self.canonical = _clean(el.get("href"))
            elif tag == "script":
                if _tokens(el.get("type"))[:1] == ["application/ld+json"] and el.text:
                    self.ld_texts.append(el.text)
            elif tag == "time":
                if len(self.times) < _MAX_CANDIDATES:
                    self.times.append(el)
            elif tag == "h1":
                if len(self.h1s) < _MAX_CANDIDATES:
                    self.h1s.append(el)
            elif tag == "title":
                if len(self.titles) < _MAX_CANDIDATES:
                    self.titles.append(el)
            elif tag == "html" and self.html_lang is None:
                self.html_lang = el.get("lang") or el.get("xml:lang") or el.get(
                    "{http://www.w3.org/XML/1998/namespace}lang"
                )

    def _meta(self, el: Any) -> None:
        content = _clean(el.get("content"))
        if content is None:
            return
        equiv = el.get("http-equiv")
        if equiv:
            self.metas.setdefault("http-equiv:" + equiv.strip().lower(), content)
        for attr in _META_ATTRS:
            for key in _tokens(el.get(attr)):  # RDFa allows property="og:title twitter:title"
                self.metas.setdefault(key, content)

    def meta(self, key: str) -> str | None:
        return self.metas.get(key)

    def json_ld(self) -> "_JsonLd":
        """The page's JSON-LD items, parsed once for every reader of this scan."""
        if self._ld is None:
            self._ld = _JsonLd(self.ld_texts)
        return self._ld


def metadata_scan(page: Any) -> _Scan:
    """The one pass over *page*'s metadata elements (:class:`boilerstrip.page.Page` made from
    HTML), made on first use and kept with the page: the main-block line model reads the
    declared kind from it (:func:`declared_kind`) and ``strip`` the metadata (:func:`html_meta`)."""
    scan = page._memo.get("metadata_scan")
    if scan is None:
        scan = page._memo["metadata_scan"] = _Scan(page.tree)
    return scan


def declares_title(page: Any, heading: str) -> bool:
    """True when *heading* (a heading's text) is the title *page* declares outside its body.

    The declarations are ``og:title``, ``twitter:title``, the JSON-LD headline and the
    ``<title>``, which may carry the site name after a separator ("Headline | Site"). Body
    headings (``<h1>``) are not among them: a site's logo is often the first ``<h1>``.
    """
    want = _title_key(heading)
    if not want:
        return False
    named, head = _declared_title_keys(metadata_scan(page))
    if want in named:
        return True
    return head is not None and (head == want or (head.startswith(want) and head[len(want):].startswith(_SEPARATORS)))


def _declared_title_keys(scan: _Scan) -> tuple[frozenset[str], str | None]:
    """The declared titles in :func:`_title_key` form: the named ones, and the ``<title>``;
    worked out once per scan, as headings are tried one by one against them."""
    if scan._title_keys is None:
        named = [scan.meta("og:title"), scan.meta("twitter:title")]
        named += [_clean_ld(item.get("headline")) for item in scan.json_ld().articles()]
        title_el = _head_title(scan.titles)
        head = _text(title_el) if title_el is not None else None
        scan._title_keys = (frozenset(_title_key(text) for text in named if text),
                            _title_key(head) if head else None)
    return scan._title_keys


def _title_key(text: str) -> str:
    """*text* with its whitespace collapsed and its case folded, for comparing titles."""
    return " ".join(text.split()).casefold()


# --- JSON-LD -------------------------------------------------------------------------------


class _JsonLd:
    """The schema.org items of a page's JSON-LD scripts, parsed on first use."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._items: list[dict[str, Any]] | None = None
        self._ids: dict[str, dict[str, Any]] = {}

    @property
    def items(self) -> list[dict[str, Any]]:
        """Every item, in document order; also fills the ``@id`` map."""
        if self._items is None:
            self._items = []
            for text in self._texts:
                data = _load_json(text)
                if data is not None:
                    self._items.extend(_flatten(data, _MAX_LD_ITEMS - len(self._items)))
            for item in self._items:
                ident = item.get("@id")
                if isinstance(ident, str):
                    self._ids.setdefault(ident, item)
        return self._items

    def by_id(self, ident: str) -> dict[str, Any]:
        """The item whose ``@id`` is *ident*, or an empty dict."""
        self.items  # noqa: B018 - parses on first use, filling self._ids
        return self._ids.get(ident, {})

    def articles(self) -> list[dict[str, Any]]:
        return [item for item in self.items if _is_article(item)]

    def values(self, key: str) -> Iterable[Any]:
        """*key* of the Article-like items, then of all items (each in document order)."""
        for item in self.articles() + self.items:
            yield item.get(key)

    def person(self, value: Any) -> str | None:
        """A name from an author value: a string, ``{"name": ...}``, or ``{"@id": ...}``."""
        if isinstance(value, str):
            name = _clean_ld(value)
            return None if name is None or _is_url(name) else name
        if not isinstance(value, dict):
            return None
        name = value.get("name")
        if name is None and isinstance(value.get("@id"), str):
            name = self.by_id(value["@id"]).get("name")
        if isinstance(name, list):
            name = next((n for n in name if isinstance(n, str)), None)
        return _clean_ld(name) if isinstance(name, str) else None

    def author(self, value: Any) -> str | None:
        values = value if isinstance(value, list) else [value]
        names: list[str] = []
        for v in values[:50]:
            name = self.person(v)
            if name and name not in names:
                names.append(name)
        return _clip(", ".join(names)) if names else None


def _load_json(text: str) -> Any:
    if len(text) > _MAX_JSON:
        return None
    try:
        return json.loads(text, strict=False)
    except Exception:  # ValueError, RecursionError on absurd nesting
        pass
    stripped = text.strip()
    for marker in ("//<![CDATA[", "<![CDATA[", "<!--"):
        if stripped.startswith(marker):
            stripped = stripped[len(marker):]
    for marker in ("//]]>", "]]>", "-->"):
        if stripped.endswith(marker):
            stripped = stripped[: -len(marker)]
    stripped = stripped.strip().rstrip(";").strip()
    try:
        return json.loads(stripped, strict=False)
    except Exception:
        return None


def _flatten(data: Any, limit: int) -> list[dict[str, Any]]:
    """The items of one script: top-level dicts, lists of them, ``@graph`` members and
    ``mainEntity`` values, in document order, without recursion."""
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(out) < limit:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node[:limit]))
        elif isinstance(node, dict):
            out.append(node)
            children = [node[k] for k in ("@graph", "mainEntity") if isinstance(node.get(k), (list, dict))]
            stack.extend(reversed(children))
    return out


def _types(item: dict[str, Any]) -> list[str]:
    raw = item.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [_TYPE_PREFIX.sub("", v) for v in values if isinstance(v, str)]


def _is_article(item: dict[str, Any]) -> bool:
    return any(t.endswith(("Article", "Posting")) or t == "Report" for t in _types(item))


def _clean_ld(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    if "&" in value:  # WordPress often leaves &amp; and &#8217; in its JSON-LD
        value = html.unescape(value[:_MAX_RAW])
    return _clean(value)


# --- the keys ------------------------------------------------------------------------------


def _title(scan: _Scan, ld: _JsonLd, site: _Site) -> str | None:
    heading = _first(_text(h1) for h1 in scan.h1s)
    declared = _first(scan.meta(k) for k in ("og:title", "twitter:title"))
    if declared is None:
        declared = _first(
            _clean_ld(item.get(key)) for item in ld.articles() for key in ("headline", "name")
        )
    if declared is not None:
        return _trim_title(declared, heading, site, short_rule=False)
    if heading is not None:
        return heading
    title_el = _head_title(scan.titles)
    text = _text(title_el) if title_el is not None else None
    return _trim_title(text, None, site, short_rule=True) if text else None


def _head_title(titles: list[Any]) -> Any:
    """The document's ``<title>``: the first one not inside an SVG (whose titles are tooltips);
    the one in ``<head>`` comes first in document order anyway."""
    for el in titles:
        if next(el.iterancestors("svg"), None) is None:
            return el
    return None


class _Site:
    """The names a site goes by, to recognise them in " | Site" title suffixes: og:site_name,
    application-name, and the labels of the host name ("home.tarkett.co.uk" -> "tarkett")."""

    def __init__(self, names: Iterable[str | None], url: str | None) -> None:
        self.names = [n.casefold() for n in names if n]
        self.keys = [k for k in (_squash(n) for n in self.names) if k]
        self.labels: list[str] = []
        try:
            host = (urlsplit(url).hostname or "") if url else ""
        except ValueError:
            host = ""
        for label in host.split(".")[:-1]:
            key = _squash(label)
            if key and key not in _HOST_NOISE:
                self.labels.append(key)

    def matches(self, part: str) -> bool:
        key = _squash(part)
        if not key:
            return False
        for name in self.keys + self.labels:
            if key == name or (min(len(key), len(name)) >= 4 and (key in name or name in key)):
                return True
        return False


_HOST_NOISE = frozenset("www www2 m amp blog blogs co com org net ac gov edu en".split())
_NON_ALNUM = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    """*text* casefolded with everything but letters and digits removed."""
    return _NON_ALNUM.sub("", text.casefold())


def _trim_title(title: str, heading: str | None, site: _Site, short_rule: bool) -> str:
    """*title* without the site name around it: "Headline | Site" -> "Headline"."""
    if heading and title != heading and title.startswith(heading):
        tail = title[len(heading):]
        if tail.startswith(_SEPARATORS) and len(heading) > len(tail):
            return heading  # the page's <h1> is the title without its suffix
    folded = title.casefold()
    for name in site.names:  # the whole site name, even when it has separators itself
        for sep in _SEPARATORS:
            if folded.endswith(sep + name) and len(title) > len(sep + name):
                return title[: len(title) - len(sep + name)].strip()
    pos, sep = max((title.rfind(s), s) for s in _SEPARATORS)
    if pos > 0:
        rest, suffix = title[:pos].strip(), title[pos + len(sep):].strip()
        if rest and suffix:
            if site.matches(suffix):
                return rest
            if short_rule and len(suffix.split()) <= _SHORT_SUFFIX_WORDS and len(rest) > len(suffix):
                return rest
    pos, sep = min(((title.find(s), s) for s in _SEPARATORS if s in title), default=(-1, ""))
    if pos > 0:
        prefix, rest = title[:pos].strip(), title[pos + len(sep):].strip()
        if rest and site.matches(prefix):
            return rest
    return title


def _published(scan: _Scan, ld: _JsonLd) -> dict[str, str] | None:
    found = _first_date(scan.meta(k) for k in _DATE_KEYS)
    if found is None:
        found = _first_date(ld.values("datePublished"))
    if found is None and scan.times:
        inside = [el for el in scan.times if _in_article(el)]
        found = _first_date(map(_time_value, inside)) or _first_date(map(_time_value, scan.times))
    return found


def _time_value(el: Any) -> str | None:
    """A ``<time>``'s ``datetime``, or its text when it has none ("July 2, 2025")."""
    return el.get("datetime") or _text(el)


def _in_article(el: Any) -> bool:
    return next(el.iterancestors("article", "main"), None) is not None


def _author(scan: _Scan, ld: _JsonLd, tree: Any) -> str | None:
    for key in ("author", "article:author"):
        value = _byline(scan.meta(key))
        if value is not None and not _is_url(value):
            return value
    for value in ld.values("author"):
        name = _byline(ld.author(value))
        if name:
            return name
    return _byline(_rel_author(tree))


_BYLINE_PREFIX = re.compile(r"(?:by|author|written by|posted by)\b\s*:?\s*", re.IGNORECASE)


def _byline(name: str | None) -> str | None:
    """*name* without a leading "By " or "Author: "."""
    if not name:
        return None
    m = _BYLINE_PREFIX.match(name)
    return (name[m.end():] or None) if m else name


# "descendant::" rather than "//": libxml2 expands "//a" to every node's children, which is
# about three times slower on a large page.
_REL_AUTHOR = etree.XPath("descendant::a[@rel][contains(translate(@rel, 'AUTHOR', 'author'), 'author')]")


def _rel_author(tree: Any) -> str | None:
    """Text of the first ``<a rel="author">`` (one XPath, only reached when nothing else
    named an author)."""
    try:
        links = _REL_AUTHOR(tree)
    except Exception:  # not an lxml element or tree
        return None
    for a in links[:_MAX_CANDIDATES]:
        if "author" in _tokens(a.get("rel")):
            text = _text(a)
            if text:
                return text
    return None


def _language(scan: _Scan) -> str | None:
    for value in (scan.html_lang, scan.meta("http-equiv:content-language"), scan.meta("og:locale")):
        code = _primary_subtag(value)
        if code:
            return code
    return None


def _primary_subtag(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().split(",")[0].strip().replace("_", "-").split("-")[0].lower()
    return code if _LANG_CODE.fullmatch(code) else None


def _canonical(scan: _Scan, base: str | None) -> str | None:
    for href in (scan.canonical, scan.meta("og:url")):
        if not href:
            continue
        try:
            absolute = urljoin(base, href) if base else href
            scheme = urlsplit(absolute).scheme.lower()
        except ValueError:  # e.g. "http://[bad" is not a URL
            continue
        if scheme in ("http", "https") or (not scheme and not base):
            return _clip(absolute)
    return None


# --- values --------------------------------------------------------------------------------


def _first_date(values: Iterable[Any]) -> dict[str, str] | None:
    """``{"date": ..., ["time": ...]}`` from the first of *values* that is a possible date."""
    for value in values:
        if isinstance(value, list):  # JSON-LD sometimes lists one date
            value = next((v for v in value if isinstance(v, str)), None)
        if isinstance(value, str) and value.strip():
            found = _parse_date_value(value)
            if found:
                return found
    return None


def _parse_date_value(value: str) -> dict[str, str] | None:
    m = _ISO_DATE.match(value[:200])
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        hour = minute = None
        if m[4] is not None:
            hour, minute = int(m[4]), int(m[5])
    else:
        free = parse_date(value)
        if not free:
            return None
        year, month, day = (int(p) for p in free["date"].split("-"))
        hour = minute = None
        if "time" in free:
            hour, minute = (int(p) for p in free["time"].split(":"))
    if not _YEARS[0] <= year <= _YEARS[1]:
        return None
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    out = {"date": f"{year:04d}-{month:02d}-{day:02d}"}
    if hour is not None and minute is not None and hour < 24 and minute < 60:
        out["time"] = f"{hour:02d}:{minute:02d}"
    return out


def _clean(value: Any) -> str | None:
    """Whitespace collapsed, stripped, at most 1,000 characters; None when empty."""
    if not isinstance(value, str):
        return None
    value = " ".join(value[:_MAX_RAW].split())
    return value[:_MAX_VALUE] or None


def _clip(value: str) -> str:
    return value[:_MAX_VALUE]


def _text(el: Any) -> str | None:
    return _clean("".join(el.itertext()))


def _tokens(value: str | None) -> list[str]:
    return value.lower().split() if value else []


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://", "//", "www."))


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _put(out: dict[str, Any], found: dict[str, str] | None) -> None:
    if found:
        out.update(found)


def _set(out: dict[str, Any], key: str, value: str | None) -> None:
    if value:
        out[key] = value



class DeclaredKind(NamedTuple):
    """What a page's own metadata says about what kind of page it is.

    Publishers label pages for search engines and social sites: ``og:type`` ("article",
    "product", "website"), the schema.org ``@type`` of the JSON-LD items (``NewsArticle``,
    ``Product``, ``ItemList``, ``DiscussionForumPosting``) and the address (an article's has a
    slug of several words, a section's or a shop category's a word or two). What the main
    content is differs by kind: on a listing the teasers *are* the content, on an article
    they are boilerplate. The main-block line model reads these as page-wide columns.
    """

    url: str | None  # canonical link, else og:url, else the address the caller gave
    og_type: str  # og:type, lowercased; "" when absent
    ld_types: frozenset[str]  # schema.org types of the JSON-LD items


def declared_kind(tree: Any, url: str | None = None, *, scan: _Scan | None = None) -> DeclaredKind:
    """The :class:`DeclaredKind` of a parsed page: one pass over its metadata elements (or
    *scan*, the tree's :func:`metadata_scan`)."""
    scan = scan if scan is not None else _Scan(tree)
    types = frozenset(t for item in scan.json_ld().items for t in _types(item))
    return DeclaredKind(_canonical(scan, url) or url, (scan.meta("og:type") or "").strip().lower(),
                        types)
