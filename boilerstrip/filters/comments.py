"""Comment forms and comment threads.

Comment systems print the same strings on millions of pages ("Leave a Reply", "Your email
address will not be published.", "Post Comment", "3 thoughts on “...”"), in each language
WordPress and its peers are translated into. Those strings are cues in ``cues/*.toml``.

* A **form** starts at a form heading (WordPress prints "Leave a Reply Cancel reply" as one
  line, so a short line that starts with a heading counts) and runs through the last form line (notes, labels,
  buttons, Akismet's notice) found within ``window`` lines of the previous one; short lines
  between them (an empty label, Akismet's "Δ") go with it.
* A **thread** starts at a thread heading ("N comments") and runs through the last "Reply"
  link before the next form, or up to the form when there are no reply links: every comment
  ends with one, so the last one marks the end of the thread.
* Form lines, reply links and "Comments are closed." are stripped wherever they stand.
* On HTML, a thread heading that is a link as a whole ("0 comments" in a byline, "Comments"
  in a menu) points to the comments; it does not open them, and the article may well follow
  it. It goes alone (``comment_count_link``). Read as a heading, it opened a "thread" that ran
  to the next form: of the eight such threads longer than one line on the trafeval and WCXB
  dev pages, five held the article's text, two held nothing either way and one held both.
"""

from __future__ import annotations

from typing import Iterable

from ..cues import any_of, cues
from ..filter import Filter, Span
from ..page import Line, Page
from ..registry import register_filter

_FORM_FILLER_WORDS = 3  # short unlabeled lines inside a form (e.g. "Δ", "*") go with it


def _is_link(page: Page, line: Line) -> bool:
    """True when the markup says *line* is link text as a whole (HTML only)."""
    hint = page.hints[line.index] if page.hints else None
    return hint is not None and hint.link_share >= 0.99


@register_filter
class CommentsFilter(Filter):
    name = "comments"
    description = "Comment forms, comment threads and 'comments are closed' notices."
    reasons = ("comment_form", "comment_thread", "comments_closed", "comment_reply_link", "comment_count_link")
    firm_reasons = ("comment_reply_link",)

    def __init__(self, window: int = 8, thread_window: int = 40) -> None:
        self.window = window
        self.thread_window = thread_window

    def find(self, page: Page) -> Iterable[Span]:
        heading = cues("comments", "form_heading")
        form_line = cues("comments", "form_line")
        label = cues("comments", "form_label")
        thread = cues("comments", "thread_heading")
        reply = cues("comments", "reply_link")
        closed = cues("comments", "closed")
        any_cue = any_of(heading, thread, form_line, closed, reply)

        content: list[Line] = list(page.kept_lines())
        n = len(content)
        pos = 0
        while pos < n:
            line = content[pos]
            key = line.key
            if line.words > 40 or not (any_cue.matches(key) or (line.words <= 12 and heading.starts(key))):
                pos += 1  # no cue of any kind: most lines
                continue
            if heading.matches(key) or (line.words <= 12 and heading.starts(key)):
                end = self._form_end(content, pos, form_line, label, reply, closed)
                yield self.strip(page, line, "comment_form", "form heading", last=content[end])
                pos = end + 1
            elif thread.matches(key) and _is_link(page, line):
                yield self.strip(page, line, "comment_count_link", "a link to the comments")
                pos += 1
            elif thread.matches(key):
                end = self._thread_end(content, pos, heading, reply)
                yield self.strip(page, line, "comment_thread", "thread heading and comments", last=content[end])
                pos = end + 1
            elif form_line.matches(key):
                end = self._form_end(content, pos, form_line, label, reply, closed)
                yield self.strip(page, line, "comment_form", "form line", last=content[end])
                pos = end + 1
            elif closed.matches(key):
                yield self.strip(page, line, "comments_closed")
                pos += 1
            elif reply.matches(key):
                yield self.strip(page, line, "comment_reply_link")
                pos += 1
            else:
                pos += 1

    def _form_end(self, content: list[Line], start: int, *cue_sets) -> int:
        """Index of the last form line of a form that starts at *start*."""
        last = start
        pos = start + 1
        while pos < len(content) and pos - last <= self.window:
            line = content[pos]
            if line.words <= 40 and any(c.matches(line.key) for c in cue_sets):
                last = pos
            elif line.words > _FORM_FILLER_WORDS:
                # A real sentence that is no form line: only take it if a form line follows
                # closely (checked by the window); otherwise the form has ended.
                if not self._form_line_within(content, pos + 1, 2, cue_sets):
                    break
            pos += 1
        # Short filler lines directly after the last cue ("Δ") belong to the form.
        while last + 1 < len(content) and content[last + 1].key in ("", "δ"):
            last += 1
        return last

    @staticmethod
    def _form_line_within(content: list[Line], start: int, count: int, cue_sets) -> bool:
        for line in content[start:start + count]:
            if line.words <= 40 and any(c.matches(line.key) for c in cue_sets):
                return True
        return False

    def _thread_end(self, content: list[Line], start: int, form_heading, reply) -> int:
        """Index of the last line of a comment thread whose heading is at *start*."""
        last_reply = None
        pos = start + 1
        while pos < len(content):
            line = content[pos]
            if form_heading.matches(line.key) or (line.words <= 12 and form_heading.starts(line.key)):
                # Everything between the thread heading and the form is comments.
                return last_reply if last_reply is not None else pos - 1
            if line.words <= 6 and reply.matches(line.key):
                last_reply = pos
            elif last_reply is not None and pos - last_reply > self.thread_window:
                break
            elif last_reply is None and pos - start > self.thread_window:
                break
            pos += 1
        return last_reply if last_reply is not None else start
