"""HTML to page text, with what the DOM says about each line kept beside it.

The filters work on page text: one block per line, blank lines between blocks. An HTML page
is turned into exactly that form, the way a browser lays it out (block elements start new
lines, ``<br>`` breaks a line, runs of white space are one space, scripts and styles show
nothing), so every text filter and the main-block model run unchanged on HTML input, and
``Result.source`` is this text: offsets and the lossless guarantee mean the same for both
kinds of input.

What text alone cannot tell, the markup often can: a line sits inside ``<nav>`` or
``<footer>``, inside an element whose class says "comments" or "related", inside a form or a
button, or inside ``<article>``. Each line carries a :class:`DomHint` with these facts, read
once in a single walk over the tree; filters and the model use them when a page has them.

One walk, no recursion: lxml's ``iterwalk`` gives start and end events, and the context
(which landmarks and class groups enclose the current element) is a stack of small integers,
so a 50,000-deep document costs a list of 50,000 ints, not a Python stack overflow.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any, NamedTuple

from lxml import etree

__all__ = ["DomHint", "DomPaths", "HtmlText", "html_to_text", "html_blocks", "block_text", "parse_html", "FLAG_NAMES",
           "GROUPS", "class_tokens"]

#: Elements whose text a browser does not show as page text, or not on the text's own line.
DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "head", "title", "canvas", "audio", "video", "map", "datalist", "input", "img",
    # Ruby annotations: <rt> is a reading set above its characters (furigana over kanji,
    # pinyin over hanzi), <rp> the parentheses a browser without ruby support shows around
    # it. Laid out on the line they would cut into the words they annotate ("法律ほうりつでは"
    # for "法律では"), which neither a reader of the text nor a search expects.
    "rt", "rp",
})
#: Elements laid out as blocks (CSS defaults), plus form controls and table cells: a text dump
#: that glued a button or a cell to the next words would merge boilerplate into content.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend",
    "li", "listing", "main", "menu", "nav", "noframes", "ol", "p", "plaintext", "pre", "search",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp",
    "option", "optgroup", "label", "button", "textarea", "select", "output", "frame",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

# ------------------------------------------------------------------ context flags
# One bit per fact about an element's ancestors (the element itself included).
NAV = 1 << 0          # <nav>, role=navigation/menu/menubar
HEADER = 1 << 1       # <header>, role=banner
FOOTER = 1 << 2       # <footer>, role=contentinfo
ASIDE = 1 << 3        # <aside>, role=complementary
FORM = 1 << 4         # <form>, role=search/form
CONTROL = 1 << 5      # <button>, <select>, <option>, <label>, <textarea>, role=button
ARTICLE = 1 << 6      # <article>, role=article
MAIN = 1 << 7         # <main>, role=main
HIDDEN = 1 << 8       # hidden attribute, aria-hidden, inline display:none / visibility:hidden
DIALOG = 1 << 9       # <dialog>, role=dialog/alertdialog
LIST_ITEM = 1 << 10   # <li>, <dd>, <dt>
TABLE = 1 << 11       # <table>
FIGURE = 1 << 12      # <figure>, <figcaption>
QUOTE = 1 << 13       # <blockquote>
PRE = 1 << 14         # <pre> and kin: white space is kept
LINK = 1 << 15        # <a href>: only used while collecting text, for link density
_FIRST_GROUP_BIT = 16

#: Class and id words, grouped by what they say about an element. A word counts when it is a
#: whole token of the attribute after splitting at punctuation and camelCase ("relatedPosts",
#: "post-comments", "share_bar"): a substring test would find "ad" in "header" and "nav" in
#: "canvas". These are template vocabularies (WordPress, Drupal, Bootstrap, news CMSs) and
#: say the same thing on any site that uses them.
GROUPS: dict[str, tuple[str, ...]] = {
    "comment": ("comment", "comments", "commentlist", "disqus", "respond", "replies",
                "reply", "discussion"),
    "related": ("related", "recommended", "recommendations", "recommend", "similar", "teaser",
                "teasers", "trending", "popular", "outbrain", "taboola", "readmore", "more"),
    "share": ("share", "shares", "sharing", "social", "sociable", "addthis", "sharethis",
              "sharedaddy", "socials", "shariff"),
    "footer": ("footer", "foot", "copyright", "colophon", "bottom"),
    "nav": ("nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs",
            "pagination", "pager", "skip", "toc", "submenu", "megamenu", "dropdown"),
    "consent": ("cookie", "cookies", "consent", "gdpr", "cmp", "onetrust", "cookiebot",
                "privacy"),
    "sidebar": ("sidebar", "side", "widget", "widgets", "aside", "rail", "secondary"),
    "ad": ("ad", "ads", "advert", "adverts", "advertisement", "advertising", "sponsor",
           "sponsored", "promo", "promotion", "dfp", "adsense", "adslot", "banner"),
    "newsletter": ("newsletter", "subscribe", "subscription", "signup", "mailchimp",
                   "optin"),
    "header": ("header", "masthead", "topbar", "top"),
    "meta": ("author", "byline", "meta", "tags", "tag", "categories", "category", "date",
             "timestamp", "bio", "avatar"),
    "hidden": ("hidden", "hide", "invisible", "sronly", "visually", "screenreader",
               "offscreen"),
    "content": ("article", "content", "post", "entry", "story", "body", "main", "text",
                "prose", "blog", "page", "single"),
}
_GROUP_NAMES = tuple(GROUPS)
_WORD_GROUP: dict[str, int] = {}
for _bit, (_name, _words) in enumerate(GROUPS.items(), start=_FIRST_GROUP_BIT):
    for _word in _words:
        _WORD_GROUP[_word] = _WORD_GROUP.get(_word, 0) | (1 << _bit)
#: "class_comment", "class_related", ...: the group bits under the names hints report them by.
GROUP_BITS = {f"class_{name}": 1 << bit
              for bit, name in enumerate(_GROUP_NAMES, start=_FIRST_GROUP_BIT)}

#: Names of the non-group flags, in bit order, for features and explanations.
FLAG_NAMES = ("nav", "header", "footer", "aside", "form", "control", "article", "main",
              "hidden", "dialog", "list_item", "table", "figure", "quote", "pre")

_TAG_FLAGS = {
    "nav": NAV, "menu": NAV, "header": HEADER, "footer": FOOTER, "aside": ASIDE, "form": FORM,
    "button": CONTROL, "select": CONTROL, "option": CONTROL, "optgroup": CONTROL,
    "label": CONTROL, "textarea": CONTROL, "article": ARTICLE, "main": MAIN, "dialog": DIALOG,
    "li": LIST_ITEM, "dd": LIST_ITEM, "dt": LIST_ITEM, "table": TABLE, "figure": FIGURE,
    "figcaption": FIGURE, "blockquote": QUOTE, "pre": PRE, "listing": PRE, "xmp": PRE,
    "plaintext": PRE, "search": FORM,
}
_ROLE_FLAGS = {
    "navigation": NAV, "menu": NAV, "menubar": NAV, "banner": HEADER, "contentinfo": FOOTER,
    "complementary": ASIDE, "search": FORM, "form": FORM, "button": CONTROL, "article": ARTICLE,
    "main": MAIN, "dialog": DIALOG, "alertdialog": DIALOG,
}
#: Attribute tokens: split at anything that is not a letter or digit, and at camelCase humps.
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: What a browser shows as white space: \s and the zero-width characters.
_SPACE_CHARS = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_ZERO_WIDTH_TO_SPACE = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff", " "))


class DomHint(NamedTuple):
    """What the markup says about one block of the page text (shared by its lines).

    ``flags`` holds the context bits above for the block element and its ancestors;
    ``heading`` is 1-6 for ``<h1>``-``<h6>`` (0 otherwise); ``link_share`` the part of the
    block's characters that sit inside links; ``element`` the block element itself, from which
    :meth:`path` derives its DOM path. A named tuple: one is made per block of every page, and
    a tuple is made in C where a frozen dataclass runs Python for each field.
    """

    tag: str
    flags: int
    heading: int
    link_share: float
    element: Any

    def has(self, name: str) -> bool:
        """True when the flag (``"nav"``) or class group (``"class_comment"``) *name* applies."""
        if name in GROUP_BITS:
            return bool(self.flags & GROUP_BITS[name])
        return bool(self.flags & (1 << FLAG_NAMES.index(name)))

    def names(self) -> list[str]:
        """Every flag and class group that applies, for explanations."""
        return list(_flag_names(self.flags))

    def path(self) -> str:
        """The block element's XPath in its document, e.g. ``/html/body/div[2]/article/p[3]``."""
        try:
            return self.element.getroottree().getpath(self.element)
        except (AttributeError, ValueError):
            return ""


class DomPaths:
    """The XPath of elements of one tree, exactly as lxml's ``getpath()`` writes them, each
    step worked out once.

    ``getpath()`` (libxml2's ``xmlGetNodePath``) walks from the element to the root and, at
    every level, scans the element's siblings for others of its name: a page's stripped
    segments name a few hundred elements, and that scan, repeated for the ancestors they
    share, cost milliseconds a page. Here each element's path is its parent's path plus one
    step, remembered, and the steps of all children of a parent are found in one pass over
    them. A step is the tag, with ``[k]`` when other children of the parent (or, for the root,
    other top-level elements) share the tag, k counting from 1 among them, as libxml2 does for
    elements without a namespace; anything else (a namespaced tag) is left to ``getpath()``.
    """

    #: Elements whose paths are asked of ``getpath()`` itself, before the steps take over.
    DIRECT = 200

    def __init__(self) -> None:
        self._paths: dict = {}
        self._steps: dict = {}
        self._direct = self.DIRECT

    def path(self, element: Any) -> str:
        """The XPath of *element* in its document, e.g. ``/html/body/div[2]/article/p[3]``.

        The first :attr:`DIRECT` elements asked about are given to ``getpath()``: a page's
        segments name about 80 elements, and for so few, libxml2's scan of their ancestors'
        siblings in C costs less than working out and remembering steps in Python. Only a
        page with more (a long list of items, each a segment) needs the steps' bound on work.
        """
        found = self._paths.get(element)
        if found is not None:
            return found
        if self._direct:
            self._direct -= 1
            found = self._paths[element] = element.getroottree().getpath(element)
            return found
        chain = []
        el = element
        while el is not None and el not in self._paths:
            chain.append(el)
            el = el.getparent()
        path = "" if el is None else self._paths[el]
        for el in reversed(chain):
            step = self._step(el)
            path = el.getroottree().getpath(el) if step is None else f"{path}/{step}"
            self._paths[el] = path
        return path

    def _step(self, element: Any) -> str | None:
        step = self._steps.get(element)
        if step is not None:
            return step
        tag = element.tag
        if not isinstance(tag, str) or tag.startswith("{"):
            return None
        parent = element.getparent()
        if parent is None:  # the root element; the parser may leave others beside it
            siblings = [*reversed(list(element.itersiblings(preceding=True))), element,
                        *element.itersiblings()]
        else:
            siblings = list(parent)
        children = [child for child in siblings if isinstance(child.tag, str)]
        total: dict[str, int] = {}
        for child in children:
            total[child.tag] = total.get(child.tag, 0) + 1
        seen: dict[str, int] = {}
        for child in children:
            name = child.tag
            if total[name] == 1:
                self._steps[child] = name
            else:
                seen[name] = k = seen.get(name, 0) + 1
                self._steps[child] = f"{name}[{k}]"
        return self._steps.get(element)


@lru_cache(maxsize=4096)
def _flag_names(flags: int) -> tuple[str, ...]:
    """The names of the flags and class groups set in *flags* (a page repeats a few values)."""
    found = [name for i, name in enumerate(FLAG_NAMES) if flags & (1 << i)]
    found += [name for name, bit in GROUP_BITS.items() if flags & bit]
    return tuple(found)


@dataclass
class HtmlText:
    """Page text made from HTML, and the hint of each of its non-blank lines, in order."""

    text: str
    hints: list[DomHint]
    tree: Any


def parse_html(markup: str) -> Any:
    """The document tree, or None for markup with no elements at all.

    Comments and processing instructions are dropped by the parser (their text is never
    shown); ``huge_tree`` lifts libxml2's depth and size limits, so deep or huge documents
    are parsed instead of cut off.
    """
    if "\x00" in markup:
        markup = markup.replace("\x00", "")
    if not markup or markup.isspace():  # not markup.strip(), without copying the document
        return None
    source: str | bytes = markup
    parser = _parser()
    # lxml hands a str to libxml2 in the str's own storage (Latin-1, UTF-16 or UCS-4), which
    # libxml2 then converts to UTF-8 itself; encoding to UTF-8 here costs less and builds the
    # same tree (the encoding is given either way, so a <meta charset> is ignored either way).
    # It also reads XHTML that opens with an XML declaration naming an encoding, which lxml
    # refuses as a str (ValueError below): the text is decoded already, and the parser's
    # encoding overrides the declaration.
    try:
        source = markup.encode("utf-8")
        parser = _parser(utf8=True)
    except UnicodeEncodeError:  # lone surrogates: libxml2 gets the str
        pass
    try:
        root = etree.fromstring(source, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 stops building the tree below 2,048 levels (even with huge_tree) and drops
        # the rest of the document: a page of unclosed <div>s or <font>s would lose its text.
        return _deep_tree(markup)
    return root


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "keygen", "command", "basefont", "frame"})
_XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,63}")


class _DeepTreeBuilder(HTMLParser):
    """A tree from Python's own HTML tokenizer, which has no depth limit.

    Only used for documents libxml2 gives up on. It knows void elements and closes open
    elements up to a matching end tag; it does not repair markup the way libxml2 does, which
    is fine for the rare page that needs it: the text and its order are what matter here.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = etree.TreeBuilder()
        self.builder.start("html", {})
        self.open: list[str] = ["html"]
        self.open_count: dict[str, int] = {"html": 1}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if not _XML_NAME.fullmatch(tag):
            return
        clean = {k: (v or "") for k, v in attrs if _XML_NAME.fullmatch(k) and k != "xmlns"}
        self.builder.start(tag, clean)
        if tag in _VOID:
            self.builder.end(tag)
            return
        self.open.append(tag)
        self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and _XML_NAME.fullmatch(tag):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "html" or not self.open_count.get(tag):
            return  # an end tag with nothing open to close
        while True:
            name = self.open.pop()
            self.open_count[name] -= 1
            self.builder.end(name)
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> Any:
        super().close()
        while self.open:
            self.builder.end(self.open.pop())
        return self.builder.close()


def _deep_tree(markup: str) -> Any:
    builder = _DeepTreeBuilder()
    builder.feed(markup)
    return builder.close()


_local = threading.local()


def _parser(utf8: bool = False) -> Any:
    """lxml's plain HTML parser (lxml.html's element classes cost a Python lookup per
    element), one per thread: its error log, read after each parse, is its own. It keeps no
    table of id attributes (nothing here looks elements up by id; the tree is the same).
    With *utf8*, the one for documents given as UTF-8 bytes (see :func:`parse_html`)."""
    name = "parser_utf8" if utf8 else "parser"
    parser = getattr(_local, name, None)
    if parser is None:
        parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True,
                                  default_doctype=False, collect_ids=False,
                                  encoding="utf-8" if utf8 else None)
        setattr(_local, name, parser)
    return parser


def html_to_text(markup: str | Any, *, min_chars: int = 200) -> HtmlText:
    """The page text of an HTML document and a :class:`DomHint` for each non-blank line.

    ``<noscript>`` is dropped like a script, unless the page shows fewer than *min_chars*
    characters without it: forums and sites built for JavaScript put their whole server-side
    text there, and a scraper without JavaScript reads exactly that. A ``<noscript>`` that holds
    paragraphs of running text is read wherever it stands (Blogger prints each post there and
    renders it with script); a "please enable JavaScript" notice is too short to count.
    """
    blocks, block_hints, tree = html_blocks(markup, min_chars=min_chars)
    hints: list[DomHint] = []
    for block, hint in zip(blocks, block_hints):
        hints.extend([hint] * (block.count("\n") + 1))
    return HtmlText(block_text(blocks), hints, tree)


def html_blocks(markup: str | Any, *, min_chars: int = 200) -> tuple[list[str], list[DomHint], Any]:
    """The blocks of an HTML document's page text, each block's :class:`DomHint`, and the tree.

    A block is one or more lines joined by ``"\\n"`` (never empty, each line free of white
    space at its ends and of runs of it); :func:`block_text` lays them out as the page text.
    :meth:`boilerstrip.page.Page.from_html` makes its lines straight from them, without
    cutting that text up again. *min_chars* is as for :func:`html_to_text`.
    """
    tree = parse_html(markup) if isinstance(markup, str) else markup
    if tree is None:
        return [], [], None
    blocks, hints = _walk(tree, keep_noscript=False)
    length = _text_length(blocks)
    if length < min_chars:
        alt_blocks, alt_hints = _walk(tree, keep_noscript=True)
        if _text_length(alt_blocks) > length:
            blocks, hints = alt_blocks, alt_hints
    return _composed(blocks), hints, tree


def _composed(blocks: list[str]) -> list[str]:
    """*blocks* in Unicode's composed form (NFC), the form text is compared and searched in.

    HTML may spell "ü" as "u" plus a combining diaeresis (a decomposed editor's output, or
    ``u&#776;``); a reader sees the same letter, but a search for the composed "ü" misses it,
    and a tokenizer may cut the word at the combining mark. Page text made from HTML is ours
    to lay out (its offsets point into it, not into the markup), so it takes the composed form,
    as the markup's entities are decoded. Plain text input is never changed: its offsets point
    into what the caller passed. Most blocks are composed already, and checking costs little.
    """
    return [block if unicodedata.is_normalized("NFC", block) else unicodedata.normalize("NFC", block)
            for block in blocks]


def block_text(blocks: list[str]) -> str:
    """The page text of *blocks*: blank lines between them, a line break after the last."""
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _text_length(blocks: list[str]) -> int:
    """len(block_text(blocks)), without making the text."""
    return sum(map(len, blocks)) + 2 * len(blocks) - 1 if blocks else 0


_token_cache: dict[str, int] = {}


#: Every ASCII character that is no letter or digit made a space (letters and digits map to
#: themselves: translate() looks a character missing from the table up through a KeyError).
#: No _TOKEN match holds one, so the runs left between spaces are cut into tokens on their own.
_ASCII_NON_ALNUM_TO_SPACE = str.maketrans({chr(code): chr(code) if chr(code).isalnum() else " "
                                           for code in range(128)})


def _class_bits(value: str) -> int:
    """Group bits for a class or id attribute value (cached: templates repeat them).

    The value is cut at punctuation and white space in C first: a run of lowercase ASCII
    letters ("post", "content" in "post-content") is one _TOKEN already, and only the other
    runs (camelCase, digits, other scripts) go through the regex.
    """
    bits = _token_cache.get(value)
    if bits is None:
        bits = 0
        for run in value[:500].translate(_ASCII_NON_ALNUM_TO_SPACE).split():
            if run.isascii() and run.isalpha() and run.islower():
                bits |= _WORD_GROUP.get(run, 0)
            else:
                for token in _TOKEN.findall(run):
                    bits |= _WORD_GROUP.get(token.lower(), 0)
        if len(_token_cache) < 100_000:
            _token_cache[value] = bits
    return bits


@lru_cache(maxsize=65536)
def class_tokens(value: str) -> tuple[str, ...]:
    """The words of a class or id attribute value, lowercased, split as for the class groups
    (punctuation and camelCase); numbers, which name one page's items, are left out."""
    return tuple(token.lower() for token in _TOKEN.findall(value[:500]) if not token.isdigit())


def _element_bits(items: list[tuple[str, str]], tag: str) -> int:
    """The flags an element of *tag* with attributes *items* (``el.items()``) sets."""
    bits = _TAG_FLAGS.get(tag, 0)
    for name, value in items:
        kind = _ATTRIBUTES.get(name)
        if kind is None:
            continue
        if kind == 1:  # class, id
            known = _token_cache.get(value)
            bits |= _class_bits(value) if known is None else known
        elif kind == 2:  # role
            bits |= _ROLE_FLAGS.get(value.strip().lower(), 0)
        elif kind == 3:  # hidden
            bits |= HIDDEN
        elif kind == 4:  # aria-hidden
            if value.strip().lower() == "true":
                bits |= HIDDEN
        elif kind == 5:  # style
            if _HIDDEN_STYLE.search(value[:2000]):
                bits |= HIDDEN
        elif tag == "a":  # href
            bits |= LINK
    return bits


_ATTRIBUTES = {"class": 1, "id": 1, "role": 2, "hidden": 3, "aria-hidden": 4, "style": 5,
               "href": 6}


#: A ``<noscript>`` holding this many paragraphs of this many words in all is the page's text
#: for readers without JavaScript (Blogger, some news sites), not a "please enable" notice.
_NOSCRIPT_PARAGRAPHS = 2
_NOSCRIPT_WORDS = 100


def _holds_article(el: Any) -> bool:
    """True when the ``<noscript>`` element *el* holds running text: paragraphs, many words."""
    paragraphs = 0
    for _ in el.iter("p"):
        paragraphs += 1
        if paragraphs >= _NOSCRIPT_PARAGRAPHS:
            break
    else:
        return False
    return len(" ".join(el.itertext()).split()) >= _NOSCRIPT_WORDS


def _walk(tree: Any, *, keep_noscript: bool) -> tuple[list[str], list[DomHint]]:
    """The blocks of the page text under *tree* and each one's hint (see :func:`html_blocks`)."""
    drop = DROP_TAGS - {"noscript"} if keep_noscript else DROP_TAGS
    body = tree.find("body")
    root = body if body is not None else tree
    blocks: list[str] = []
    hints: list[DomHint] = []
    pieces: list[str] = []      # inline text of the block being collected; "\n" is a <br>
    link_chars = 0
    # The context: the flags of the current element and its ancestors, the innermost block
    # element and its tag. Kept in three locals (saved on the stack as a tuple at each start
    # and restored at the matching end): the loop below runs for every element of the page.
    top_flags = 0
    top_block: Any = root
    top_tag: str = root.tag if isinstance(root.tag, str) else "body"
    stack: list[tuple[int, Any, str]] = []
    # Bound once: each name is looked up on every element otherwise.
    push, pop, add = stack.append, stack.pop, pieces.append
    block_tags, tag_flags, headings = BLOCK_TAGS, _TAG_FLAGS.get, _HEADINGS.get
    known_class, class_bits, element_bits = _token_cache.get, _class_bits, _element_bits
    has_zero_width = _ZERO_WIDTH.search
    new_tuple = tuple.__new__

    def flush() -> None:
        nonlocal link_chars
        raw = "".join(pieces)
        pieces.clear()
        if not raw.isascii() and has_zero_width(raw):  # isascii() reads a flag: no scan
            raw = raw.translate(_ZERO_WIDTH_TO_SPACE)
        # Each part's runs of _SPACE_CHARS become one space, none at the ends: with the
        # zero-width ones made spaces, str.split() cuts at exactly the others (\s).
        if "\n" in raw:
            lines = [line for line in (" ".join(part.split()) for part in raw.split("\n")) if line]
            block = "\n".join(lines)
            total = sum(map(len, lines))
        else:  # one line, the usual case
            block = " ".join(raw.split())
            total = len(block)
        if block:
            blocks.append(block)
            # tuple.__new__: the named tuple's own __new__ is a Python function
            hints.append(new_tuple(DomHint, (top_tag, top_flags & ~LINK, headings(top_tag, 0),
                                             min(1.0, link_chars / total), top_block)))
        link_chars = 0

    walker = etree.iterwalk(root, events=("start", "end"))
    skip_subtree = walker.skip_subtree
    for event, el in walker:
        if event == "start":
            tag = el.tag
            push((top_flags, top_block, top_tag))
            if tag in drop or tag.__class__ is not str:  # a dropped element, a comment or PI
                if tag != "noscript" or not _holds_article(el):
                    skip_subtree()
                    continue
            items = el.items()
            if not items:
                flags = top_flags | tag_flags(tag, 0)
            elif len(items) == 1 and items[0][0] == "class":
                # Half the elements of a page carry a class and nothing else: what
                # _element_bits would do for them, without the call and its loop.
                value = items[0][1]
                bits = known_class(value)
                flags = top_flags | tag_flags(tag, 0) | (class_bits(value) if bits is None else bits)
            else:
                flags = top_flags | element_bits(items, tag)
            if tag in block_tags:
                if pieces:
                    flush()
                top_flags, top_block, top_tag = flags, el, tag
            elif tag == "br":
                add("\n")
                continue
            else:
                top_flags = flags
            text = el.text
        else:
            if pieces and el.tag in block_tags:  # the tag is a new str each time: read if needed
                flush()
            top_flags, top_block, top_tag = pop()
            text = el.tail
        if text and (pieces or not text.isspace()):  # white space opening a block shows nothing
            if top_flags & PRE:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            elif "\n" in text or "\r" in text:
                text = text.replace("\n", " ").replace("\r", " ")
            add(text)
            if top_flags & LINK:
                link_chars += len(text.strip())
    if pieces:
        flush()
    return blocks, hints
