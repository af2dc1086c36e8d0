"""Cue phrases as data: ``boilerstrip/cues/<lang>.toml``, one file per language.

Filters ask for a (table, key) pair, e.g. ("comments", "form_heading"), and get a matcher
over every language at once: a page rarely says which language it is in, and a German page
with an English comment form is common. Phrases are compared in :func:`cue_key` form (case,
width, quotes, spaces and end punctuation folded). ``{n}`` in a phrase stands for a number,
``{title}`` for any text.

A pipeline can add phrases of its own (a site's wording, a language without a cue file):
:func:`extra_cues` makes them visible to :func:`cues` while that pipeline's filters run, in
that thread or task only, so pipelines with different phrases can run side by side and the
shared tables are never changed.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from .errors import ConfigError
from .page import cue_key, normalize

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["CueSet", "cues", "any_of", "languages", "CUE_DIR", "ExtraCues", "extra_cues", "check_extra_cues",
           "cue_tables"]

CUE_DIR = Path(__file__).with_name("cues")
#: Longest line a template phrase is tried on; cue lines are short, and this bounds the work.
MAX_TEMPLATE_LINE = 300
_PLACEHOLDER = re.compile(r"\{(n|title)\}")


@dataclass(frozen=True)
class CueSet:
    """The phrases of one (table, key) across languages, ready to match."""

    exact: frozenset[str] = frozenset()
    #: Keys of by_first that are words, and that are single characters of CJK scripts.
    word_keys: frozenset[str] = frozenset()
    char_keys: frozenset[str] = frozenset()
    #: All templates as one alternation, so a line is tried against them in one call.
    template: re.Pattern[str] | None = None
    #: Substring search index: phrase by its first word (or first character, for scripts
    #: written without spaces), longest phrases first.
    by_first: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: What a line must start with for a template to match it: the text before a template's
    #: first placeholder (by its first character), a digit when one starts with {n}; and
    #: whether one starts with {title} (any character), which only lines with non-ASCII
    #: characters need be tried on when those templates' text is not ASCII (Japanese, Korean,
    #: Turkish). None when a line of any start may match. Most lines are tried on none.
    template_heads: dict[str, tuple[str, ...]] | None = None
    #: The ASCII ones among the phrases that start with a symbol (by_first[""]), in order.
    ascii_symbol_phrases: tuple[str, ...] = ()
    template_digit_head: bool = False
    template_open_head: bool = False

    def __post_init__(self) -> None:
        if self.template is None:
            # Without templates, matches() is the set's own membership test: filters ask it
            # for most lines of every page, and this way it answers in C, without a Python call.
            object.__setattr__(self, "matches", self.exact.__contains__)

    def matches(self, key: str) -> bool:
        """True when *key* (a line in cue_key form) is one of the phrases."""
        if key in self.exact:
            return True
        if self.template and len(key) <= MAX_TEMPLATE_LINE:
            heads = self.template_heads
            if heads is not None:
                head = key[:1]
                if not (key.startswith(heads.get(head, ()))
                        or (self.template_digit_head and head.isdecimal())  # \d is isdecimal()
                        or (self.template_open_head and not key.isascii())):
                    return False
            return self.template.fullmatch(key) is not None
        return False

    def contained_in(self, norm: str, words: Sequence[str] | None = None) -> str | None:
        """A phrase that occurs inside *norm* (a line in normalize() form) as whole words.

        *words* are norm's words in order (``Line.norm_tokens``, or the distinct ones,
        ``Line.norm_words``: the same phrases are found either way), when the caller has
        them: several filters look up the same line. Phrases are tried by where their first
        word first stands in the line, so the phrase reported does not depend on set order
        (which changes with each process's string hashing).
        """
        index = self.by_first
        if not index:
            return None
        if words is None:
            words = _FIRST.findall(norm)
        # Set tests run in C: most lines (nine in ten on the bench pages) share no first word
        # with any phrase, which isdisjoint() tells without building the intersection.
        word_keys = self.word_keys
        if not word_keys.isdisjoint(words):
            hits = word_keys.intersection(words)
            if len(hits) > 1:
                order = {word: at for at, word in reversed(list(enumerate(words)))}
                hits = sorted(hits, key=order.__getitem__)
            for token in hits:
                for phrase in index[token]:
                    at = norm.find(phrase)
                    while at >= 0:
                        if ((at == 0 or not norm[at - 1].isalnum())
                                and _ends_word(norm, at + len(phrase), phrase)):
                            return phrase
                        at = norm.find(phrase, at + 1)
        ascii_only = norm.isascii()  # then no CJK character, and no non-ASCII phrase, is in it
        if self.char_keys and not ascii_only and _NO_SPACES.search(norm):
            for ch in sorted(self.char_keys.intersection(norm), key=norm.index):
                for phrase in index[ch]:
                    if phrase in norm:
                        return phrase
        # Phrases that start with a symbol ("© "), in their order.
        for phrase in self.ascii_symbol_phrases if ascii_only else index.get("", ()):
            if phrase in norm:
                return phrase
        return None

    def starts(self, key: str) -> str | None:
        """The longest phrase *key* starts with, followed by a word boundary."""
        first = _FIRST.match(key)
        if first is None:
            candidates = self.by_first.get("", ())
        else:
            token = first.group(0)
            # An ASCII word starts with no character of the scripts written without spaces.
            spaceless = not token.isascii() and _NO_SPACES.match(token)
            candidates = self.by_first.get(token[0] if spaceless else token, ())
        for phrase in candidates:  # longest first
            if key.startswith(phrase) and (len(key) == len(phrase) or not key[len(phrase)].isalnum()):
                return phrase
        return None


def _template_heads(phrases: list[str]) -> tuple[dict[str, tuple[str, ...]] | None, bool, bool]:
    """What lines the templates made of *phrases* can match (see CueSet.template_heads)."""
    heads: dict[str, set[str]] = {}
    digit = opened = False
    for phrase in phrases:
        parts = _PLACEHOLDER.split(cue_key(phrase))
        if parts[0]:
            heads.setdefault(parts[0][0], set()).add(parts[0])
        elif parts[1] == "n":
            digit = True
        elif "".join(parts[2::2]).isascii():
            return None, False, False  # {title} and ASCII text: a line of any start may match
        else:
            opened = True  # only lines with some of that non-ASCII text in them match
    return {head: tuple(sorted(texts)) for head, texts in heads.items()}, digit, opened


def _template(phrase: str) -> str:
    parts = _PLACEHOLDER.split(cue_key(phrase))
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(re.escape(part))
        elif part == "n":
            out.append(r"\d{1,7}")
        else:
            out.append(r".{1,280}")
    return "".join(out)


def _ends_word(text: str, end: int, phrase: str) -> bool:
    """True when a phrase ending at *end* ends on a word boundary ("site by" not "site byte")."""
    if end >= len(text) or not phrase[-1:].isalnum() or _NO_SPACES.match(phrase[-1]):
        return True
    return not text[end].isalnum()


#: A word, or a run of characters from scripts written without spaces.
_FIRST = re.compile(r"\w+")
_NO_SPACES = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=None)
def _load(lang: str) -> dict:
    with open(CUE_DIR / f"{lang}.toml", "rb") as fh:
        return tomllib.load(fh)


def languages() -> list[str]:
    """The language codes that have a cue file."""
    return sorted(p.stem for p in CUE_DIR.glob("*.toml"))


def cues(table: str, key: str, extra: tuple[str, ...] = ()) -> CueSet:
    """Every language's phrases for ``[table] key``, plus *extra* phrases, as one CueSet.

    Phrases a running pipeline added for ``(table, key)`` (see :func:`extra_cues`) count as
    *extra* too. Filters call this once per page, so the look-up stays out of their line loops.
    """
    added = _EXTRA.get()
    if added and (table, key) in added:
        extra = tuple(extra) + added[(table, key)]
    return _cue_set(table, key, tuple(extra) if extra else ())


@lru_cache(maxsize=None)
def _cue_set(table: str, key: str, extra: tuple[str, ...]) -> CueSet:
    """The CueSet of ``[table] key`` with *extra*, built once per distinct set of phrases."""
    raw: list[str] = []
    for lang in languages():
        values = _load(lang).get(table, {}).get(key, [])
        raw.extend(v for v in values if isinstance(v, str) and v.strip())
    raw.extend(extra)
    exact = set()
    templates = []
    template_phrases = []
    plain = []
    for phrase in raw:
        if _PLACEHOLDER.search(phrase):
            templates.append(_template(phrase))
            template_phrases.append(phrase)
        else:
            k = cue_key(phrase)
            if k:
                exact.add(k)
                plain.append(normalize(phrase) if key in ("contains",) else k)
    # Longest first, so `starts` and `contained_in` report the most specific phrase.
    plain = sorted(set(plain), key=len, reverse=True)
    by_first: dict[str, list[str]] = {}
    for phrase in plain:
        first = _FIRST.match(phrase)
        if first is None:
            key = ""
        elif _NO_SPACES.match(first.group(0)):
            key = first.group(0)[0]
        else:
            key = first.group(0)
        by_first.setdefault(key, []).append(phrase)
    combined = re.compile("|".join(f"(?:{t})" for t in templates)) if templates else None
    heads, digit_head, open_head = _template_heads(template_phrases)
    return CueSet(exact=frozenset(exact), template_heads=heads, template_digit_head=digit_head,
                  template_open_head=open_head,
                  ascii_symbol_phrases=tuple(p for p in by_first.get("", ()) if p.isascii()),
                  template=combined, by_first={k: tuple(v) for k, v in by_first.items()},
                  word_keys=frozenset(k for k in by_first if k and not _NO_SPACES.match(k)),
                  char_keys=frozenset(k for k in by_first if k and _NO_SPACES.match(k)))


_UNIONS: dict[tuple[int, ...], tuple[tuple[CueSet, ...], CueSet]] = {}


def any_of(*sets: CueSet) -> CueSet:
    """A CueSet that :meth:`~CueSet.matches` a key exactly when one of *sets* does.

    A filter that tries a line on several sets in turn asks this one first: most lines match
    none, and are then passed over with one test instead of one per set. Made once per
    combination of sets (the sets are kept with it, so their ids stay theirs).
    """
    key = tuple(map(id, sets))
    known = _UNIONS.get(key)
    if known is not None:
        return known[1]
    patterns = [cs.template.pattern for cs in sets if cs.template is not None]
    heads: dict[str, set[str]] | None = {}
    for cs in sets:
        if cs.template is None:
            continue
        if cs.template_heads is None:
            heads = None
            break
        for head, texts in cs.template_heads.items():
            heads.setdefault(head, set()).update(texts)
    union = CueSet(
        exact=frozenset().union(*(cs.exact for cs in sets)),
        template=re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None,
        template_heads=None if heads is None else {h: tuple(sorted(t)) for h, t in heads.items()},
        template_digit_head=any(cs.template_digit_head for cs in sets if cs.template is not None),
        template_open_head=any(cs.template_open_head for cs in sets if cs.template is not None))
    _UNIONS[key] = (sets, union)
    return union


# ----------------------------------------------------------------------- pipeline phrases
#: Extra phrases by (table, key), as a pipeline gives them: ``{("comments", "form_heading"): (...)}``.
ExtraCues = Mapping[tuple[str, str], tuple[str, ...]]
_EXTRA: ContextVar[ExtraCues] = ContextVar("boilerstrip_extra_cues", default={})


@contextmanager
def extra_cues(phrases: ExtraCues) -> Iterator[None]:
    """Within the block, :func:`cues` adds *phrases* to the built-in ones.

    A context variable, not a global table: another thread (or asyncio task) running another
    pipeline at the same moment sees its own phrases, or none.
    """
    token = _EXTRA.set(phrases)
    try:
        yield
    finally:
        _EXTRA.reset(token)


@lru_cache(maxsize=1)
def cue_tables() -> dict[str, frozenset[str]]:
    """Every ``table -> keys`` the cue files define: what extra phrases may be added to."""
    tables: dict[str, set[str]] = {}
    for lang in languages():
        for table, keys in _load(lang).items():
            if isinstance(keys, dict):
                tables.setdefault(table, set()).update(keys)
    return {table: frozenset(keys) for table, keys in tables.items()}


def check_extra_cues(data: Any) -> dict[tuple[str, str], tuple[str, ...]]:
    """Validate ``{table: {key: [phrase, ...]}}`` (the cue files' own layout) into :data:`ExtraCues`.

    Raises :class:`ConfigError` naming the table and key of an unknown table, an unknown key,
    or a value that is not a list of non-empty strings; a phrase that would fold to nothing
    (only punctuation) is refused too, since it could never match.
    """
    tables = cue_tables()
    if not isinstance(data, Mapping):
        raise ConfigError(f"expected a table of cue tables ({', '.join(sorted(tables))}), "
                          f"got {type(data).__name__}")
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for table, keys in data.items():
        if table not in tables:
            raise ConfigError(f"unknown cue table; the cue tables are: {', '.join(sorted(tables))}", table)
        if not isinstance(keys, Mapping):
            raise ConfigError(f"expected a table of phrase lists, got {type(keys).__name__}", table)
        for key, phrases in keys.items():
            where = f"{table}.{key}"
            if key not in tables[table]:
                raise ConfigError(f"unknown cue key; the keys of [cues.{table}] are: "
                                  f"{', '.join(sorted(tables[table]))}",
                                  where)
            if isinstance(phrases, str) or not isinstance(phrases, Sequence):
                raise ConfigError(f"expected a list of phrases, got {type(phrases).__name__}", where)
            for i, phrase in enumerate(phrases):
                if not isinstance(phrase, str) or not cue_key(_PLACEHOLDER.sub("x", phrase)):
                    raise ConfigError(f"expected a phrase with words in it, got {phrase!r}", f"{where}[{i}]")
                if phrase.count("{title}") > 1:
                    raise ConfigError("a phrase takes at most one {title}", f"{where}[{i}]")
            if phrases:
                out[(table, key)] = tuple(phrases)
    return out
