"""What kind of page this is, as its own metadata declares it: page-wide columns for the
main-block line model (HTML only).

The same line means different things on different kinds of page: a run of teasers is
boilerplate under an article and the content of a section page; a price and a "Add to cart"
block belong to a product page's content. The text and markup around a line often cannot
tell which kind of page it is on, but publishers label their pages for search engines and
social sites (:class:`boilerstrip.htmlmeta.DeclaredKind`): ``og:type``, the schema.org
types of the JSON-LD, and an address whose last part is an article's slug of several words
or a section's single word. On the WCXB dev pages, 543 of 793 articles say ``og:type``
article; their addresses end in 5.4 words on average, those of listings, collections,
services and documentation in fewer than two.

Each column is the same for every line of a page; the trees combine them with the line's
own columns. Only the line model reads them: given to the block model as well, they took
trafeval's snippet F1 down (0.919 -> 0.917, cross-validated) for no gain on WCXB.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

import numpy as np
import regex

from .htmlmeta import declared_kind, metadata_scan
from .page import Page

#: schema.org types by the kind of page they declare.
_ARTICLE_TYPES = frozenset({"BlogPosting", "LiveBlogPosting", "Report", "Recipe", "HowTo"})
_PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "Offer", "AggregateOffer", "IndividualProduct"})
_LIST_TYPES = frozenset({"ItemList", "CollectionPage", "SearchResultsPage", "OfferCatalog"})
_FORUM_TYPES = frozenset({"DiscussionForumPosting", "QAPage", "SocialMediaPosting"})

KIND_NAMES: tuple[str, ...] = (
    "kind_has_url", "kind_slug_words", "kind_url_depth", "kind_url_date",
    "kind_og_article", "kind_og_product", "kind_og_website",
    "kind_ld_article", "kind_ld_product", "kind_ld_list", "kind_ld_forum",
)

#: A word of a slug: letters, possibly with digits ("top-10-tips" has "top" and "tips").
_SLUG_WORD = regex.compile(r"\p{L}[\p{L}\p{N}]*")
#: A year (and month) as path segments, as blogs and newspapers date their articles' addresses.
_DATED_PATH = regex.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?")
_EXTENSION = regex.compile(r"\.[A-Za-z0-9]{1,5}$")


def kind_row(page: Page) -> tuple[float, ...]:
    """The page's :data:`KIND_NAMES` columns, worked out once per page (all 0 for text input).

    Kept for the page's life, not only until a filter strips a line (:meth:`Page.memo`): they
    come from the markup's metadata, which stripping does not change, and the trainer frees
    the tree once a page's columns are known.
    """
    cached = page._memo.get("page_kind")
    if cached is None:
        cached = page._memo["page_kind"] = _kind_row(page)
    return cached


def kind_columns(page: Page, rows: int) -> np.ndarray:
    """The page's :func:`kind_row` repeated for *rows* lines: the line model's kind columns,
    as main_block appends them and as the trainer builds its rows."""
    return np.tile(np.array(kind_row(page)), (rows, 1))


def _kind_row(page: Page) -> tuple[float, ...]:
    declared = declared_kind(page.tree, page.url, scan=metadata_scan(page)) if page.tree is not None else None
    if declared is None:
        return (0.0,) * len(KIND_NAMES)
    has_url, slug_words, depth, dated = _address(declared.url)
    og = declared.og_type
    types = declared.ld_types
    return (
        has_url, slug_words, depth, dated,
        float(og.startswith("article")), float("product" in og), float(og == "website"),
        float(any(t.endswith("Article") for t in types) or not types.isdisjoint(_ARTICLE_TYPES)),
        float(not types.isdisjoint(_PRODUCT_TYPES)),
        float(not types.isdisjoint(_LIST_TYPES)),
        float(not types.isdisjoint(_FORUM_TYPES)),
    )


def _address(url: str | None) -> tuple[float, float, float, float]:
    """Whether there is an address, and of its path: log(1 + words of the last segment),
    log(1 + segments), whether a year stands in it."""
    if not url:
        return 0.0, 0.0, 0.0, 0.0
    try:
        path = urlsplit(url).path
    except ValueError:
        return 0.0, 0.0, 0.0, 0.0
    segments = [segment for segment in path.split("/") if segment]
    last = _EXTENSION.sub("", segments[-1]) if segments else ""
    words = len(_SLUG_WORD.findall(last))
    return 1.0, math.log1p(words), math.log1p(len(segments)), float(bool(_DATED_PATH.search(path + "/")))
