"""Photo and image captions and credits.

A caption line announces itself: "Photo: ...", "Image credit: ...", "Photo by X on Unsplash",
"(Foto: dpa)". Attribution of the *text* ("Source: Reuters") is part of the article and is
not a caption, so "Source" is deliberately not a caption label.

In HTML the markup says it outright: ``<figcaption>`` is the caption of a figure (a photo, a
chart), and the figure itself is not page text, so its caption goes with it. Only the caption
element: a ``<figure>`` may also hold a quotation or a code listing, which stay.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..cues import cues
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter

#: Picture agencies whose name ends a credit line ("... / AFP via Getty Images").
_AGENCY_SUFFIXES = ("getty images", "shutterstock", "istock", "istockphoto", "unsplash", "alamy",
                    "pexels", "pixabay", "ap photo", "dpa-bildfunk", "imago images", "picture alliance")
_MAX_WORDS = 80
_TRAILING_CREDIT_LINE = 30
#: A label ending a caption sentence: ". Photo:", ") Foto:", "! Bild:".
_CREDIT_AFTER_SENTENCE = re.compile(r"[.!?)\]]\s+\(?([^\W\d_][^\W\d_ ]{1,14}(?: [^\W\d_]{1,14})?)\s?:")
#: The copyright signs a picture's credit follows: "Rust am Westufer. © Noah Addis".
_COPYRIGHT_SIGNS = ("©", "(c)")
#: At most this many words of credit after the sign, and at least this many of caption before.
_COPYRIGHT_CREDIT_WORDS = 6
_CAPTION_BEFORE_WORDS = 3


@register_filter
class CaptionsFilter(Filter):
    name = "captions"
    description = "Photo/image captions and credits ('Photo: ...', 'Image by ...', agency credits)."
    reasons = ("figure_caption", "caption_label", "caption_credit", "agency_credit")
    firm_reasons = ("caption_label",)

    def find(self, page: Page) -> Iterable[Span]:
        labels = cues("captions", "label")
        prefixes = cues("captions", "prefix")
        hints = page.hints
        for line in page.kept_lines():
            if hints is not None and hints[line.index].tag == "figcaption":
                yield self.strip(page, line, "figure_caption", "in a <figcaption> element")
                continue
            if line.words > _MAX_WORDS:
                continue
            norm = line.norm.lstrip("([ ")
            head, sep, _ = norm.partition(":")
            if sep and len(head) <= 30 and labels.matches(head.strip()):
                yield self.strip(page, line, "caption_label", f"starts with {head.strip()!r}")
            elif prefixes.starts(norm):
                yield self.strip(page, line, "caption_credit", f"starts with {prefixes.starts(norm)!r}")
            elif line.words <= 15 and line.key.endswith(_AGENCY_SUFFIXES):
                yield self.strip(page, line, "agency_credit", "ends with a picture agency's name")
            elif line.words <= _TRAILING_CREDIT_LINE and self._ends_with_copyright(norm):
                yield self.strip(page, line, "caption_credit", "a picture's caption ending in its © credit")
            # A credit label ends with a colon: a line without one (no sep) has none.
            elif sep and line.words <= _TRAILING_CREDIT_LINE and self._ends_with_credit(norm, labels):
                yield self.strip(page, line, "caption_credit", "a picture's caption ending in its credit")

    @staticmethod
    def _ends_with_copyright(norm: str) -> bool:
        """"Marco Odermatt, ski star from Switzerland. © AFP / Marco Bertorello": a caption,
        then a copyright sign and a few words of credit to the end of the line.

        An article's sentence does not end in a copyright sign and a name; a caption does,
        under the picture it credits. A line that is the copyright notice alone ("Copyright ©
        2025 Acme") has no caption before the sign: it is the footer's.
        """
        at = max(norm.rfind(sign) for sign in _COPYRIGHT_SIGNS)
        if at < 0:
            return False
        sign = "©" if norm.startswith("©", at) else "(c)"
        credit = norm[at + len(sign):].split()
        if not 0 < len(credit) <= _COPYRIGHT_CREDIT_WORDS or any(w.endswith((".", "!", "?")) for w in credit[:-1]):
            return False  # no credit, or a sentence after the sign
        before = [w for w in norm[:at].split() if any(c.isalnum() for c in w)]
        return len(before) >= _CAPTION_BEFORE_WORDS and not {"copyright", "rights"} & set(before)

    @staticmethod
    def _ends_with_credit(norm: str, labels) -> bool:
        """"Crowds outside the hall. Photo: Jane Roe/Agency": a short text, then a credit label
        after a sentence end, then a few words of credit to the end of the line."""
        for match in _CREDIT_AFTER_SENTENCE.finditer(norm):
            label, rest = match.group(1), norm[match.end():]
            if labels.matches(label.strip()) and 0 < len(rest.split()) <= 8:
                return True
        return False
