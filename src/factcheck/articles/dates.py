"""Dates in an article, resolved against the article's own date.

News text rarely writes a year: "지난 7월 23일" in an article of 2025-09-24 is 2025-07-23, "23일" is the
23rd of the article's month (or of the month before, when that day has not come yet), "오는 16일" is
ahead, "지난해" is the year before. Each expression's resolution is a row of RULES.

The claim date of a sentence is when its claimant said it: the date of a press conference, a briefing or
an interview the sentence reports ("지난 7월 23일 … 기자회견을 열어 …"), else the article's own date.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

# What a date expression must be followed by (within SPEECH_WINDOW characters) to be when a claim was said.
SPEECH_EVENTS = re.compile(r"기자회견|회견|브리핑|인터뷰|연설|발언|라디오|방송|간담회|토론회|기자간담회|SNS|페이스북|성명")
SPEECH_WINDOW = 25


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY


def _past_day(base: _dt.date, month: int, day: int) -> _dt.date | None:
    """The last month/day on or before `base`."""
    for year in (base.year, base.year - 1):
        try:
            candidate = _dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= base:
            return candidate
    return None


def _same_year(base: _dt.date, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(base.year, month, day)
    except ValueError:
        return None


def _day_near(base: _dt.date, day: int, ahead: bool) -> _dt.date | None:
    """The `day`th of the article's month, or of the month before (ahead: after) when that fits better."""
    month_start = base.replace(day=1)
    if ahead:
        months = [month_start, (month_start + _dt.timedelta(days=32)).replace(day=1)]
        fits = [m for m in months if _valid(m, day) and m.replace(day=day) >= base]
    else:
        months = [month_start, (month_start - _dt.timedelta(days=1)).replace(day=1)]
        fits = [m for m in months if _valid(m, day) and m.replace(day=day) <= base]
    return fits[0].replace(day=day) if fits else None


def _valid(month_start: _dt.date, day: int) -> bool:
    try:
        month_start.replace(day=day)
        return True
    except ValueError:
        return False


def _iso(value: _dt.date | None) -> str | None:
    return value.isoformat() if value else None


# (pattern, resolve(match, article date or None) -> value or None), tried in order; spans never overlap.
RULES = (
    (r"(?P<y>(?:19|20)\d{2})\s*[년.\-/]\s*(?P<m>1[0-2]|0?[1-9])\s*[월.\-/]\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*일?",
     lambda m, base: _iso(_safe_date(int(m["y"]), int(m["m"]), int(m["d"])))),
    (r"(?P<y>(?:19|20)\d{2})\s*년\s*(?P<m>1[0-2]|0?[1-9])\s*월", lambda m, base: f"{m['y']}-{int(m['m']):02d}"),
    (r"지난\s*(?P<m>1[0-2]|[1-9])\s*월\s*(?P<d>3[01]|[12]\d|[1-9])\s*일",
     lambda m, base: _iso(_past_day(base, int(m["m"]), int(m["d"]))) if base else None),
    (r"(?<![\d.])(?P<m>1[0-2]|[1-9])\s*월\s*(?P<d>3[01]|[12]\d|[1-9])\s*일",
     lambda m, base: _iso(_same_year(base, int(m["m"]), int(m["d"]))) if base else None),
    (r"오는\s*(?P<d>3[01]|[12]\d|[1-9])\s*일", lambda m, base: _iso(_day_near(base, int(m["d"]), True)) if base else None),
    (r"(?<![\d.월])(?:지난\s*)?(?P<d>3[01]|[12]\d|[1-9])\s*일(?=부터|까지|에|\s|,|간|\)|$)",
     lambda m, base: _iso(_day_near(base, int(m["d"]), False)) if base else None),
    (r"(?P<y>(?:19|20)\d{2})\s*년", lambda m, base: m["y"]),
    (r"지난해|작년", lambda m, base: str(base.year - 1) if base else None),
    (r"올해|금년", lambda m, base: str(base.year) if base else None),
    (r"내년", lambda m, base: str(base.year + 1) if base else None),
    (r"지난달", lambda m, base: (base.replace(day=1) - _dt.timedelta(days=1)).strftime("%Y-%m") if base else None),
)
_RULES = [(re.compile(pattern), resolve) for pattern, resolve in RULES]


def _safe_date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(value: str | None) -> _dt.date | None:
    """The article's date; of an article dated only by its month (2025-09), the month's last day, so that
    "지난 7월 23일" and "23일" still resolve within it."""
    if not value:
        return None
    try:
        if len(value) == 7:
            month_start = _dt.date.fromisoformat(value + "-01")
            return (month_start + _dt.timedelta(days=32)).replace(day=1) - _dt.timedelta(days=1)
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def date_mentions(text: str, article_date: str | None) -> list[DateMention]:
    """Each date the sentence names, resolved (unresolvable ones, e.g. without an article date, left out)."""
    base = parse_date(article_date)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern, resolve in _RULES:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            value = resolve(match, base)
            if value:
                found.append(DateMention(match.group().strip(), match.start(), value))
    return sorted(found, key=lambda d: d.start)


def claim_date(text: str, article_date: str | None, attributed: bool) -> str | None:
    """When the sentence's claim was made: the day of the press event it reports, else the article's date."""
    if attributed:
        for mention in date_mentions(text, article_date):
            after = text[mention.start + len(mention.text) : mention.start + len(mention.text) + SPEECH_WINDOW]
            if len(mention.value) == 10 and SPEECH_EVENTS.search(after):
                return mention.value
    return article_date
