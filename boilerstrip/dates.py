"""Finding a publication date in a dateline such as "Last Updated on June 28, 2024 1:50 pm".

A small, linear-time parser for the formats datelines use, in several languages. It returns
ISO strings; anything it cannot read with confidence it leaves alone.
"""

from __future__ import annotations

import re

__all__ = ["parse_date"]

_MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "januari februari maart april mei juni juli augustus september oktober november december",
):
    for _i, _n in enumerate(_names.split()):
        _MONTHS.setdefault(_n, _i + 1)
_MONTHS.update({"sept": 9, "jänner": 1, "maerz": 3, "marz": 3, "fevrier": 2, "aout": 8, "decembre": 12})

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.|er|º)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:\D{0,6}?(?P<hour>\d{1,2})[:h.](?P<minute>\d\d)\s*(?P<ampm>[ap]\.?m\.?)?)?"
_PATTERNS = [
    re.compile(_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, re.IGNORECASE),  # June 28, 2024
    re.compile(_DAY + r"\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+)?" + _YEAR + _TIME, re.IGNORECASE),  # 28 June 2024
    re.compile(r"(?<!\d)" + _YEAR + r"-(?P<mnum>\d\d)-(?P<dnum>\d\d)(?:[T ](?P<hour>\d\d):(?P<minute>\d\d))?"),
    re.compile(r"(?<!\d)(?P<dnum>\d{1,2})\.(?P<mnum>\d{1,2})\.\s?" + _YEAR + _TIME),  # 28.06.2024
    re.compile(_YEAR + r"\s?[年년]\s?(?P<mnum>\d{1,2})\s?[月월]\s?(?P<dnum>\d{1,2})\s?[日일]?" + _TIME),  # 2024年6月3日
    re.compile(r"(?<!\d)(?P<first>\d{1,2})/(?P<second>\d{1,2})/" + _YEAR + _TIME),  # 22/10/2024, 10/22/2024
]


#: Every pattern above needs a year; most lines have none, and one search rules them out.
#: (Public: the main-block features look for years on a whole page at once.)
ANY_YEAR = re.compile(r"(?:19|20)\d\d")


def parse_date(text: str) -> dict[str, str] | None:
    """``{"date": "2024-06-28", "time": "13:50"}`` for the first date in *text*, or None."""
    if len(text) > 300 or not ANY_YEAR.search(text):
        return None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            year = int(groups["year"])
            if groups.get("first"):
                # Day-first is the rule in most of the world; month-first only when the
                # day-first reading is impossible (10/22/2024).
                first, second = int(groups["first"]), int(groups["second"])
                day, month = (first, second) if second <= 12 else (second, first)
            elif groups.get("month"):
                month = _MONTHS.get(groups["month"].lower())
                if month is None:
                    continue
                day = int(groups["day"])
            else:
                month = int(groups["mnum"])
                day = int(groups["dnum"])
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            out = {"date": f"{year:04d}-{month:02d}-{day:02d}"}
            if groups.get("hour") is not None and groups.get("minute") is not None:
                hour, minute = int(groups["hour"]), int(groups["minute"])
                ampm = (groups.get("ampm") or "").lower().replace(".", "")
                if ampm == "pm" and hour < 12:
                    hour += 12
                elif ampm == "am" and hour == 12:
                    hour = 0
                if hour < 24 and minute < 60:
                    out["time"] = f"{hour:02d}:{minute:02d}"
            return out
    return None
