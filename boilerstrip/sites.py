"""Per-site rules: lines a site always strips, and lines it always keeps, keyed by domain.

A site prints the same chrome on every page ("Subscribe to our newsletter", its own
"Advertisement" label, a disclaimer), or has a line the filters keep taking that belongs to
the article. Rules are keyed by domain, and a page's host matches the rules of its domain
and of every parent domain (``www.example.com`` and ``news.example.com`` take
``example.com``'s rules), so one entry covers a site.

Each rule set has four lists:

* ``strip``: phrases; a line that *is* the phrase (compared as cue phrases are: case,
  spacing, quotes and end punctuation folded) is stripped by the ``site_rules`` filter;
* ``strip_patterns``: regular expressions searched in each line's text;
* ``keep`` and ``keep_patterns``: the same, for lines that no filter may strip.

Patterns use the ``regex`` module and every search runs under a time limit, so a pattern
that backtracks without end on some line stops with an error naming the rule instead of
hanging the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Mapping, Sequence
from urllib.parse import urlsplit

import regex

from .errors import BoilerstripError, ConfigError
from .page import Line, Page, cue_key

__all__ = ["LineRule", "SiteRule", "SiteRules", "PatternTimeout", "host_of", "PATTERN_TIMEOUT"]

#: Seconds one pattern may search one line before the page fails with an error naming it.
PATTERN_TIMEOUT = 0.25
RULE_KEYS = ("strip", "strip_patterns", "keep", "keep_patterns")
#: A domain name as a rule key: labels of letters, digits and hyphens (IDNA-encoded).
_DOMAIN = regex.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")


class PatternTimeout(BoilerstripError):
    """A rule's pattern ran past :data:`PATTERN_TIMEOUT` on one line (the message names the rule)."""


@dataclass(frozen=True)
class LineRule:
    """One phrase or pattern; ``label`` names it in the configuration (for details and errors)."""

    label: str
    text: str
    phrase: str | None = None
    pattern: Any = None  # a compiled regex.Pattern

    def matches(self, line: Line) -> bool:
        """True when *line* is the phrase, or the pattern occurs in it."""
        if self.phrase is not None:
            return line.key == self.phrase
        try:
            return self.pattern.search(line.text, timeout=PATTERN_TIMEOUT) is not None
        except TimeoutError:
            raise PatternTimeout(f"site rule {self.label} ({self.text!r}) took more than "
                                   f"{PATTERN_TIMEOUT} s on line {line.index + 1}: simplify the pattern") from None

    def describe(self) -> str:
        return f"{self.label}: {self.text!r}"


@dataclass(frozen=True)
class SiteRule:
    """The rules of one domain."""

    domain: str
    strip: tuple[LineRule, ...] = ()
    keep: tuple[LineRule, ...] = ()


def _domain_key(raw: str) -> str:
    """*raw* as rules and hosts are compared: lower case, IDNA-encoded, no trailing dot."""
    name = raw.strip().lower().rstrip(".")
    if not name.isascii():
        try:
            name = name.encode("idna").decode("ascii")
        except UnicodeError:
            return name
    return name


def host_of(url: str | None) -> str | None:
    """The host of *url* in the form rule keys take, or None when it has none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return _domain_key(host) if host else None


class SiteRules:
    """Rule sets by domain, ready to match the lines of pages whose URL is known.

    Build them from the ``[sites]`` layout with :meth:`from_mapping`::

        SiteRules.from_mapping({"example.com": {"strip": ["Subscribe to our newsletter"],
                                                "keep_patterns": ["^Editor's note"]}})
    """

    def __init__(self, rules: Sequence[SiteRule]) -> None:
        self.by_domain: dict[str, SiteRule] = {rule.domain: rule for rule in rules}
        self.has_strip = any(rule.strip for rule in rules)
        self.has_keep = any(rule.keep for rule in rules)

    def __bool__(self) -> bool:
        return bool(self.by_domain)

    def __repr__(self) -> str:
        return f"SiteRules({sorted(self.by_domain)!r})"

    @classmethod
    def from_mapping(cls, data: Any) -> "SiteRules":
        """Validate ``{domain: {strip: [...], strip_patterns: [...], keep: [...], keep_patterns: [...]}}``.

        Raises :class:`ConfigError` whose key names the domain and list at fault, e.g.
        ``"example.com".strip_patterns[0]: invalid pattern: missing ) at position 3``.
        """
        if not isinstance(data, Mapping):
            raise ConfigError(f"expected a table of domains, got {type(data).__name__}")
        rules = []
        seen: dict[str, str] = {}
        for raw_domain, body in data.items():
            where = _quote(raw_domain)
            domain = _domain_key(raw_domain) if isinstance(raw_domain, str) else ""
            if not _DOMAIN.fullmatch(domain):
                raise ConfigError('expected a domain name such as "example.com" (no scheme, path, port '
                                  'or wildcard: subdomains match their parent\'s rules)', where)
            if domain in seen:
                raise ConfigError(f"the same domain as {_quote(seen[domain])}", where)
            seen[domain] = raw_domain
            if not isinstance(body, Mapping):
                raise ConfigError(f"expected a table with {', '.join(RULE_KEYS)}, got {type(body).__name__}", where)
            lists: dict[str, list[LineRule]] = {"strip": [], "keep": []}
            for key, values in body.items():
                if key not in RULE_KEYS:
                    raise ConfigError(f"unknown key; a site's keys are: {', '.join(RULE_KEYS)}", f"{where}.{key}")
                if isinstance(values, str) or not isinstance(values, Sequence):
                    raise ConfigError(f"expected a list of strings, got {type(values).__name__}", f"{where}.{key}")
                for i, value in enumerate(values):
                    label = f"sites.{where}.{key}[{i}]"
                    lists[key.split("_")[0]].append(_rule(value, label, key.endswith("_patterns"),
                                                          f"{where}.{key}[{i}]"))
            rules.append(SiteRule(domain, tuple(lists["strip"]), tuple(lists["keep"])))
        return cls(rules)

    # ----------------------------------------------------------------- matching
    def for_host(self, host: str | None) -> tuple[SiteRule, ...]:
        """The rule sets that apply to *host*: its own domain's, then each parent domain's."""
        if not host or not self.by_domain:
            return ()
        return _applicable(self, host)

    def for_page(self, page: Page) -> tuple[SiteRule, ...]:
        """The rule sets for *page*: by its URL, or for HTML without one, its canonical link."""
        if not self.by_domain:
            return ()
        url = page.url or _canonical_url(page)
        return self.for_host(host_of(url))

    def kept_lines(self, page: Page) -> list[int]:
        """Indices of the non-blank lines a keep rule protects on *page*."""
        rules = [rule for site in self.for_page(page) for rule in site.keep]
        if not rules:
            return []
        return [line.index for line in page.lines
                if not line.is_blank and any(rule.matches(line) for rule in rules)]

    def strip_matches(self, page: Page) -> Iterator[tuple[Line, LineRule]]:
        """Each kept non-blank line a strip rule matches, with the first rule that does."""
        rules = [rule for site in self.for_page(page) for rule in site.strip]
        if not rules:
            return
        for line in page.kept_lines():
            for rule in rules:
                if rule.matches(line):
                    yield line, rule
                    break


def _applicable(rules: SiteRules, host: str) -> tuple[SiteRule, ...]:
    found = []
    labels = host.split(".")
    for i in range(len(labels)):
        rule = rules.by_domain.get(".".join(labels[i:]))
        if rule is not None:
            found.append(rule)
    return tuple(found)


def _rule(value: Any, label: str, is_pattern: bool, where: str) -> LineRule:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"expected a non-empty string, got {value!r}", where)
    if not is_pattern:
        phrase = cue_key(value)
        if not phrase:
            raise ConfigError(f"{value!r} has no words in it: it could never match a line", where)
        return LineRule(label, value, phrase=phrase)
    return LineRule(label, value, pattern=_compile(value, where))


@lru_cache(maxsize=1024)
def _compile_cached(text: str):
    return regex.compile(text)


def _compile(text: str, where: str):
    try:
        return _compile_cached(text)
    except (regex.error, ValueError, OverflowError, RecursionError) as exc:
        raise ConfigError(f"invalid pattern {text!r}: {exc}", where) from None


def _quote(name: Any) -> str:
    """A domain as a TOML key: ``"example.com"`` (dots would otherwise split it)."""
    return '"' + str(name).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _canonical_url(page: Page) -> str | None:
    """``<link rel="canonical" href>`` of a page made from HTML; None for text or when absent."""
    tree = page.tree
    if tree is None:
        return None
    try:
        for link in tree.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            if "canonical" in rel and link.get("href"):
                return link.get("href").strip()
    except (AttributeError, TypeError, ValueError):  # not an lxml tree after all
        return None
    return None
