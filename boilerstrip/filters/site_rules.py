"""Per-site strip rules: lines a site's configuration says to strip (see :mod:`boilerstrip.sites`).

This filter is not among the default filters: a pipeline built with site rules
(``Pipeline(site_rules=...)``, or a configuration with a ``[sites]`` table) runs it first, so a
line the user named is recorded as the user's decision (reason ``site_rule``, the detail naming
the rule) rather than whatever built-in filter would also have taken it. Pages whose URL is
unknown, or whose host no rule names, are left alone.
"""

from __future__ import annotations

from typing import Iterable

from ..errors import FilterError
from ..filter import Filter, Span
from ..page import Page
from ..registry import register_filter
from ..sites import PatternTimeout, SiteRules


@register_filter
class SiteRulesFilter(Filter):
    name = "site_rules"
    description = "Lines the configuration's per-site rules strip ([sites.\"DOMAIN\"] strip, strip_patterns)."

    def __init__(self, rules: SiteRules | None = None) -> None:
        if rules is not None and not isinstance(rules, SiteRules):
            raise TypeError(f"filter 'site_rules': rules must be a SiteRules, not {type(rules).__name__}")
        self.rules = rules

    def find(self, page: Page) -> Iterable[Span]:
        if not self.rules:
            return
        try:
            for line, rule in self.rules.strip_matches(page):
                yield self.strip(page, line, "site_rule", rule.describe())
        except PatternTimeout as exc:
            raise FilterError(self.name, str(exc)) from None
