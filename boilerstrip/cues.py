"""Cue phrases as data: ``boilerstrip/cues/<lang>.toml``, one file per language.

Filters ask for a (table, key) pair, e.g. ("comments", "form_heading"), and get a matcher
over every language at once: a page rarely says which language it is in, and a German page
with an English comment form is common. Phrases are compared in :func:`cue_key` form (case,
width, quotes, spaces and end punctuation folded). ``{n}`` in a phrase stands for a number,
``{title}`` for any text.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .page import cue_key, normalize

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["CueSet", "cues", "languages", "CUE_DIR"]

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

    def matches(self, key: str) -> bool:
        """True when *key* (a line in cue_key form) is one of the phrases."""
        if key in self.exact:
            return True
        if self.template and len(key) <= MAX_TEMPLATE_LINE:
            return self.template.fullmatch(key) is not None
        return False

    def contained_in(self, norm: str, words: Sequence[str] | None = None) -> str | None:
        """A phrase that occurs inside *norm* (a line in normalize() form) as whole words.

        *words* are norm's distinct words in order (``Line.norm_words``), when the caller has
        them: several filters look up the same line. Phrases are tried by where their first
        word first stands in the line, so the phrase reported does not depend on set order
        (which changes with each process's string hashing).
        """
        index = self.by_first
        if not index:
            return None
        if words is None:
            words = _FIRST.findall(norm)
        # Set intersections run in C: most lines share no first word with any phrase.
        hits = self.word_keys.intersection(words)
        if len(hits) > 1:
            order = {word: at for at, word in reversed(list(enumerate(words)))}
            hits = sorted(hits, key=order.__getitem__)
        for token in hits:
            for phrase in index[token]:
                at = norm.find(phrase)
                while at >= 0:
                    if (at == 0 or not norm[at - 1].isalnum()) and _ends_word(norm, at + len(phrase), phrase):
                        return phrase
                    at = norm.find(phrase, at + 1)
        if self.char_keys and _NO_SPACES.search(norm):
            for ch in sorted(self.char_keys.intersection(norm), key=norm.index):
                for phrase in index[ch]:
                    if phrase in norm:
                        return phrase
        for phrase in index.get("", ()):  # phrases that start with a symbol ("© ")
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
            candidates = self.by_first.get(token[0] if _NO_SPACES.match(token) else token, ())
        for phrase in candidates:  # longest first
            if key.startswith(phrase) and (len(key) == len(phrase) or not key[len(phrase)].isalnum()):
                return phrase
        return None


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


@lru_cache(maxsize=None)
def cues(table: str, key: str, extra: tuple[str, ...] = ()) -> CueSet:
    """Every language's phrases for ``[table] key``, plus *extra* phrases, as one CueSet."""
    raw: list[str] = []
    for lang in languages():
        values = _load(lang).get(table, {}).get(key, [])
        raw.extend(v for v in values if isinstance(v, str) and v.strip())
    raw.extend(extra)
    exact = set()
    templates = []
    plain = []
    for phrase in raw:
        if _PLACEHOLDER.search(phrase):
            templates.append(_template(phrase))
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
    return CueSet(exact=frozenset(exact),
                  template=combined, by_first={k: tuple(v) for k, v in by_first.items()},
                  word_keys=frozenset(k for k in by_first if k and not _NO_SPACES.match(k)),
                  char_keys=frozenset(k for k in by_first if k and _NO_SPACES.match(k)))
