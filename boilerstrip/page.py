"""The page model: the source text cut into lines and paragraphs, with character offsets.

Filters never see raw strings; they see a :class:`Page`, whose lines know where they sit in
the source. That is what lets every decision be reported as an exact span of the input.

Lines are the unit of decision. Scraped text puts unrelated things on adjacent lines (a
"Source:" attribution directly above a "Photo:" caption), so a filter must be able to strip
one line of a paragraph and keep its neighbour. Paragraphs (runs of non-blank lines between
blank lines) are offered as a second view for filters that reason about blocks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter, not_
from typing import Iterator, Sequence

__all__ = ["Line", "Paragraph", "Page", "normalize", "cue_key", "word_count"]

#: Every line terminator that str.splitlines() knows, CRLF first so it counts as one.
#: A single alternation of literals: matching is linear in the input.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e]")
#: The same characters, for stripping a line's terminator off a splitlines() piece.
_BREAK_CHARS = "\r\n\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
#: The runs of white space normalize() folds to one space (it cuts at them with str.split(),
#: which knows the same characters).
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
#: Kana and CJK ideographs: scripts written without spaces between words (Hangul has spaces).
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Characters ignored at the ends of a line when it is compared with a cue phrase.
_CUE_TRIM = " \t.:;,!?*…·|•»«›‹-–—>→↓()[]\"'“”„‘’"
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                         "‚": "'", "`": "'", "´": "'"})
#: _QUOTES as (character, replacement) pairs, for normalize().
_QUOTE_PAIRS = tuple((chr(code), plain) for code, plain in _QUOTES.items())
BOM = "\ufeff"


def normalize(text: str) -> str:
    """Fold a string for comparison: NFKC, case-folded, straight quotes, single spaces.

    NFKC turns the non-breaking spaces and full-width forms scrapers leave behind into their
    plain equivalents, so "Photo:\\u00a0" and "Photo: " compare equal.
    """
    if text.isascii():
        # NFKC leaves ASCII unchanged, casefold() is lower() there, and the backquote is the
        # quote table's only ASCII entry: most lines of most pages take this shortcut.
        return " ".join(text.lower().replace("`", "'").split())
    text = unicodedata.normalize("NFKC", text)
    # The quote table, applied one character at a time: str.translate() with a dict looks
    # every character of the line up in it, and a quote-free line (most) needs no copy. Each
    # replacement is ASCII, which no later entry replaces: the same as translate(_QUOTES).
    for quote, plain in _QUOTE_PAIRS:
        if quote in text:
            text = text.replace(quote, plain)
    text = text.casefold()
    # str.split() cuts at exactly the characters regex \s matches (both ask
    # Py_UNICODE_ISSPACE) and drops them at the ends: the same as _SPACES.sub(" ", text)
    # followed by strip(), without building one replacement per space.
    return " ".join(text.split())


def cue_key(text: str) -> str:
    """The form in which a line is compared with whole-line cue phrases.

    Trailing and leading punctuation, asterisks (required-field marks) and arrows are
    dropped, so "Leave a Reply", "Leave a Reply:" and "LEAVE A REPLY ↓" are one cue.
    """
    return normalize(text).strip(_CUE_TRIM)


def word_count(text: str) -> int:
    """Number of words; CJK text, written without spaces, counts one word per two characters."""
    if text.isascii():
        return len(_WORD.findall(text))  # no CJK characters to look for
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    # \w+ sees a run of CJK characters as one word; count those by characters instead.
    return cjk // 2 + len(_WORD.findall(_CJK.sub(" ", text)))


def _without_break(piece: str) -> str:
    """A splitlines(keepends=True) piece without its line break (each has one, or none: the last)."""
    if piece.endswith("\r\n"):
        return piece[:-2]
    if piece and piece[-1] in _BREAK_CHARS:
        return piece[:-1]
    return piece


class _folded:
    """A text property of a :class:`Line`, computed with all the others on first use.

    Every built-in filter reads a line's folded form, its words, its cue key and its repeat
    key, so they are found together by :func:`_fold` in one call per line: one attribute
    look-up through Python instead of one per property, and the folded text and its word
    list made once. A page folds all its non-blank lines at once when they are first listed
    (:func:`fold_lines`, from :meth:`Page.content_lines`), so on a page this is the way in
    only for lines nobody listed. The values are stored in the line's ``__dict__``; being a
    non-data descriptor, this one is then shadowed and later reads are plain attribute reads.
    No lock (unlike functools.cached_property): lines are not shared between threads while a
    page is processed, and computing twice would give the same values.
    """

    def __init__(self, name: str, doc: str) -> None:
        self.name = name
        self.__doc__ = doc

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return _fold(obj)[self.name]


class _distinct_words:
    """:attr:`Line.norm_words`, made from ``norm_tokens`` on first use, apart from the folded
    properties: the cue look-ups take the tokens as they are, so most lines never need it."""

    def __init__(self, doc: str) -> None:
        self.__doc__ = doc

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        words = obj.__dict__["norm_words"] = tuple(dict.fromkeys(obj.norm_tokens))
        return words


def _fold(line: "Line") -> dict:
    """Store the text properties of *line* (norm, norm_tokens, key, repeat_key, words) in its
    ``__dict__``, and return that dict. See each property for what it means."""
    fold_lines((line,))
    return line.__dict__


#: Every ASCII character that is no word character (regex \\w: letters, digits and "_") made
#: a space: then str.split() cuts an ASCII string into exactly its \\w+ runs, faster than
#: _WORD.findall() (the non-word characters, white space among them, all become spaces).
#: The word characters map to themselves: translate() looks a character missing from the
#: table up through a KeyError.
_ASCII_NON_WORD_TO_SPACE = str.maketrans({chr(code): chr(code) if chr(code).isalnum() or chr(code) == "_"
                                          else " " for code in range(128)})
#: The same table for bytes.translate(), which reads a 256-byte table straight, where
#: str.translate() looks each distinct character up in the dict: an ASCII line encoded,
#: translated and decoded again costs less than translated as a str.
_ASCII_NON_WORD_TO_SPACE_BYTES = bytes(ord(_ASCII_NON_WORD_TO_SPACE[code]) if code < 128 else code
                                       for code in range(256))


def fold_lines(lines: Sequence["Line"], *, single_spaced: bool = False) -> None:
    """Store the text properties (see :func:`_fold`) of every line in *lines* that has none yet.

    One loop for all the lines of a page: reading the properties one line at a time costs
    two Python calls per line (the descriptor and the folding) on top of the work.
    *single_spaced* says that every line's white space is single spaces between words, none
    at the ends (the lines of a page made from HTML; see :attr:`Page._single_spaced`).
    """
    todo = [line for line in lines if "norm" not in line.__dict__]
    if not todo:
        return
    texts = [line.text for line in todo]
    # normalize(), with its shortcut for ASCII written out: most lines take it. Lowercasing
    # ASCII and replacing the backquote make no white space, so a single-spaced ASCII line
    # folds its spaces to itself: splitting and joining it again is left out.
    if single_spaced:
        norms = [text.lower().replace("`", "'") if text.isascii() else normalize(text) for text in texts]
    else:
        norms = [" ".join(text.lower().replace("`", "'").split()) if text.isascii() else normalize(text)
                 for text in texts]
    find_words, trim, word_gaps = _WORD.findall, _CUE_TRIM, _ASCII_NON_WORD_TO_SPACE_BYTES
    for line, text, norm in zip(todo, texts, norms):
        fields = line.__dict__
        # An ASCII line's words cut out in C, without the regex (see _ASCII_NON_WORD_TO_SPACE).
        tokens = (norm.encode("ascii").translate(word_gaps).decode("ascii").split() if norm.isascii()
                  else find_words(norm))
        fields["norm"] = norm
        fields["norm_tokens"] = tokens
        fields["key"] = norm.strip(trim)  # cue_key(text), from the folded line
        # Without underscores the runs of [^\W_] are the \w+ runs: the words, joined.
        fields["repeat_key"] = " ".join(tokens) if "_" not in norm else _NON_WORD.sub(" ", norm).strip()
        # Folding an ASCII line changes only case, white space and the backquote, none of
        # which starts or ends a word: its words are those of the folded line.
        fields["words"] = len(tokens) if text.isascii() else word_count(text)


@dataclass(frozen=True, init=False)
class Line:
    """One line of the source: ``source[start:end] == text``; the terminator is not included."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int  # index into Page.paragraphs, or -1 for a blank line
    #: a blank line (whitespace only); a field, not a property: it is read on every line by
    #: every filter
    is_blank: bool = field(init=False, repr=False, compare=False)

    def __init__(self, index: int, start: int, end: int, text: str, paragraph: int) -> None:
        # Written out rather than generated: a frozen dataclass's __init__ goes through
        # object.__setattr__ once per field, and a page makes one Line per line of its source.
        fields = self.__dict__
        fields["index"] = index
        fields["start"] = start
        fields["end"] = end
        fields["text"] = text
        fields["paragraph"] = paragraph
        fields["is_blank"] = paragraph < 0

    #: Computed together on first use of any (see :func:`_fold`), but norm_words, made from
    #: norm_tokens on first use.
    norm = _folded("norm", "The line folded for comparison (see :func:`normalize`).")
    norm_tokens = _folded("norm_tokens", """Every word (``\\w+`` run) of :attr:`norm`, in order, repeats included.

        Found once and shared: the distinct words, the word count of an ASCII line and the
        main-block model's stopword counts all read them.
        """)
    norm_words = _distinct_words("The distinct words of :attr:`norm`, in order.")
    key = _folded("key", "The line as compared with whole-line cue phrases (see :func:`cue_key`).")
    repeat_key = _folded("repeat_key", "The line with case, whitespace and punctuation folded away: "
                                       "how repeats are compared.")
    words = _folded("words", "Number of words (see :func:`word_count`).")

    @property
    def length(self) -> int:
        return len(self.text.strip())


@dataclass(frozen=True, init=False)
class Paragraph:
    """A run of non-blank lines with blank lines (or the page edges) around it."""

    index: int
    first: int  # line index
    last: int  # line index, inclusive

    def __init__(self, index: int, first: int, last: int) -> None:
        # Written out, as Line's: a frozen dataclass's generated __init__ costs more.
        fields = self.__dict__
        fields["index"] = index
        fields["first"] = first
        fields["last"] = last

    @property
    def line_indices(self) -> range:
        return range(self.first, self.last + 1)


@dataclass
class Page:
    """The source cut into lines and paragraphs, plus what earlier filters stripped.

    ``stripped[i]`` is true when line *i* was stripped by a filter that ran before the one
    now looking at the page, and ``stripped_by[i]`` names that filter. Only the pipeline
    changes them. ``overruled`` lists the stripped lines a later filter put back
    (:class:`boilerstrip.filter.Keep`), once the pipeline has run.
    """

    source: str
    lines: list[Line]
    paragraphs: list[Paragraph]
    url: str | None = None
    stripped: list[bool] = field(default_factory=list)
    stripped_by: list[str | None] = field(default_factory=list)
    #: offset where the content starts: 1 when the source begins with a byte-order mark.
    content_start: int = 0
    overruled: list = field(default_factory=list, repr=False, compare=False)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)
    #: How many times a stripped line was put back (see :meth:`unstrip` and :meth:`memo`).
    _restored: int = field(default=0, repr=False, compare=False)
    #: For a page made from HTML: ``hints[i]`` is what the markup says about line *i*
    #: (a :class:`boilerstrip.htmltext.DomHint`, None for blank lines); None for text input.
    hints: list | None = field(default=None, repr=False, compare=False)
    #: For a page made from HTML: the parsed document (lxml), for metadata.
    tree: object = field(default=None, repr=False, compare=False)
    #: True when every line's white space is single spaces between words, none at its ends:
    #: the lines :meth:`from_html` makes are (see :func:`boilerstrip.htmltext.html_blocks`),
    #: and :func:`fold_lines` then folds ASCII lines with less work.
    _single_spaced: bool = field(default=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, source: str, url: str | None = None) -> "Page":
        """Cut *source* into lines at every Unicode line break, then group them into paragraphs.

        ``str.splitlines`` knows the same line breaks as ``_LINE_BREAK`` (CRLF counting as
        one) and cuts in C; the offsets follow from the pieces' lengths.
        """
        content_start = 1 if source.startswith(BOM) else 0
        lines: list[Line] = []
        paragraphs: list[Paragraph] = []
        pos = content_start
        para_first = -1
        body = source[content_start:] if content_start else source
        if "\r\n" in body:
            pieces = body.splitlines(keepends=True) or [""]
            texts = [_without_break(piece) for piece in pieces]
            steps = [len(piece) for piece in pieces]
        else:  # every line break is one character: no need to keep them to know where lines start
            texts = body.splitlines() or [""]
            steps = [len(text) + 1 for text in texts]
        for text, step in zip(texts, steps):
            end = pos + len(text)
            index = len(lines)
            if text and not text.isspace():  # text.strip(), without copying the line
                if para_first < 0:
                    para_first = index
                lines.append(Line(index, pos, end, text, len(paragraphs)))
            else:
                if para_first >= 0:
                    paragraphs.append(Paragraph(len(paragraphs), para_first, index - 1))
                    para_first = -1
                lines.append(Line(index, pos, end, text, -1))
            pos += step
        if para_first >= 0:
            paragraphs.append(Paragraph(len(paragraphs), para_first, len(lines) - 1))
        return cls(source, lines, paragraphs, url, [False] * len(lines), [None] * len(lines),
                   content_start)

    @classmethod
    def from_html(cls, markup: str, url: str | None = None) -> "Page":
        """The page text of an HTML document, each line with its :class:`DomHint`.

        ``source`` is the text a browser would show, laid out as page text (see
        :mod:`boilerstrip.htmltext`), so offsets refer to it exactly as for text input.
        """
        from .htmltext import html_blocks

        blocks, block_hints, tree = html_blocks(markup)
        if not blocks:
            page = cls.from_text("", url=url)
            page.hints = [None] * len(page.lines)
        else:
            page = cls._from_blocks(blocks, block_hints, url)
        page.tree = tree
        return page

    @classmethod
    def _from_blocks(cls, blocks: list[str], block_hints: list, url: str | None) -> "Page":
        """The page of ``block_text(blocks)``, the same as :meth:`from_text` makes of it, with
        each line's hint, made from the blocks themselves rather than by cutting up the text
        again.

        Each block is one paragraph of lines (joined by ``"\\n"``, none of them blank or with
        another line break in it), and one blank line stands between two blocks.
        """
        from .htmltext import block_text

        lines: list[Line] = []
        paragraphs: list[Paragraph] = []
        hints: list = []
        append_line, append_hint = lines.append, hints.append
        pos = 0
        for number, (block, hint) in enumerate(zip(blocks, block_hints)):
            if number:  # the blank line before every block but the first
                append_line(Line(len(lines), pos, pos, "", -1))
                append_hint(None)
                pos += 1
            first = len(lines)
            if "\n" in block:
                for text in block.split("\n"):
                    end = pos + len(text)
                    append_line(Line(len(lines), pos, end, text, number))
                    append_hint(hint)
                    pos = end + 1
            else:
                end = pos + len(block)
                append_line(Line(first, pos, end, block, number))
                append_hint(hint)
                pos = end + 1
            paragraphs.append(Paragraph(number, first, len(lines) - 1))
        page = cls(block_text(blocks), lines, paragraphs, url, [False] * len(lines),
                   [None] * len(lines), 0)
        page.hints = hints
        page._single_spaced = True  # html_blocks() makes every line so
        return page

    # ----------------------------------------------------------------- navigation
    def is_stripped(self, index: int) -> bool:
        return self.stripped[index]

    def content_lines(self) -> Iterator[Line]:
        """Non-blank lines, stripped or not."""
        return iter(self._content())

    def _content(self) -> list[Line]:
        content = self._memo.get("content_lines")
        if content is None:  # lines never change: listed once per page
            content = self._memo["content_lines"] = [line for line in self.lines if not line.is_blank]
            # every filter reads their folded text: folded together
            fold_lines(content, single_spaced=self._single_spaced)
        return content

    def kept_lines(self) -> Iterator[Line]:
        """Non-blank lines that no earlier filter stripped.

        Every filter walks them, and most ask before the page has changed since the last one
        did: the list is made once per change of ``stripped`` (see :meth:`memo`).
        """
        return iter(self.memo("kept_lines", Page._kept_lines))

    def _kept_lines(self) -> list[Line]:
        # Made again each time a filter has stripped lines: the content lines' stripped flags
        # are gathered and the kept lines picked out in C (itemgetter, compress), without a
        # Python step per line.
        content = self._content()
        if not content:
            return []
        flags = self._memo.get("content_flags")
        if flags is None:
            at = [line.index for line in content]
            # itemgetter of one index gives the item, not a tuple: asked for it twice, it
            # gives a pair, and compress() stops at the end of the content.
            flags = self._memo["content_flags"] = itemgetter(*at) if len(at) > 1 else itemgetter(at[0], at[0])
        return list(compress(content, map(not_, flags(self.stripped))))

    def next_content(self, index: int, *, kept_only: bool = False) -> Line | None:
        """The first non-blank line after line *index* (skipping stripped ones if asked)."""
        for line in self.lines[index + 1:]:
            if not line.is_blank and not (kept_only and self.stripped[line.index]):
                return line
        return None

    def prev_content(self, index: int, *, kept_only: bool = False) -> Line | None:
        """The last non-blank line before line *index*."""
        for line in reversed(self.lines[:index]):
            if not line.is_blank and not (kept_only and self.stripped[line.index]):
                return line
        return None

    def memo(self, name: str, compute):
        """``compute(self)``, remembered until a filter strips another line.

        Lines are added to ``stripped`` and only put back through :meth:`unstrip`, which
        counts, so the number of stripped lines and of lines put back tell together whether
        anything a derived answer depends on has changed.
        """
        stamp = (self.stripped.count(True), self._restored)
        hit = self._memo.get(name)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = compute(self)
        self._memo[name] = (stamp, value)
        return value

    def unstrip(self, index: int) -> None:
        """Put back line *index*, which a filter stripped (the pipeline does, on a Keep)."""
        if self.stripped[index]:
            self.stripped[index] = False
            self.stripped_by[index] = None
            self._restored += 1

    def repeats(self) -> set[int]:
        """Indices of kept lines that repeat an earlier kept line (see Line.repeat_key)."""
        return self.memo("repeats", Page._repeats)

    def copies(self) -> set[int]:
        """Indices of lines that repeat an earlier line, kept or stripped (see Line.repeat_key).

        Unlike :meth:`repeats`, the answer does not change as filters strip lines: a menu item
        printed again lower down is a copy whether or not the menu above has gone yet.
        """
        return {index for group in self._repeat_groups() for index in group[1:]}

    def _repeats(self) -> set[int]:
        # A line repeats when its key is not empty and an earlier kept line has it: in each
        # group of lines sharing a key, every kept line but the first.
        stripped = self.stripped
        found: set[int] = set()
        for group in self._repeat_groups():
            kept = [i for i in group if not stripped[i]]
            found.update(kept[1:])
        return found

    def _repeat_groups(self) -> list[list[int]]:
        """The non-blank lines that share a non-empty repeat key with another, by key, each
        group in order. Keys never change, so they are grouped once per page, and
        :meth:`repeats`, asked again whenever a filter has stripped lines, only looks at the
        few lines that have a copy instead of keying every kept line again."""
        groups = self._memo.get("repeat_groups")
        if groups is None:
            by_key: dict[str, list[int]] = {}
            for line in self.content_lines():
                key = line.repeat_key
                if key:
                    by_key.setdefault(key, []).append(line.index)
            groups = self._memo["repeat_groups"] = [group for group in by_key.values() if len(group) > 1]
        return groups

    def paragraph_lines(self, paragraph: Paragraph) -> Sequence[Line]:
        return self.lines[paragraph.first:paragraph.last + 1]

    def span(self, first: int, last: int | None = None) -> tuple[int, int]:
        """Character span of lines *first*..*last* (inclusive), terminators excluded."""
        last = first if last is None else last
        return self.lines[first].start, self.lines[last].end
