"""Verdicts and dates as people type them, in Korean or in English, read into the codes and ISO dates stored.

    read_verdict("절반의사실") == read_verdict("Half true") == read_verdict("HALF-TRUE") == "half-true"
    read_date("2025년 9월 1일") == read_date("2025. 9. 1.") == read_date("2025/9/1") == "2025-09-01"
    read_date("2025년 9월") == "2025-09"

What cannot be read raises `UnreadableEntry`, whose message lists the forms that are accepted (an
`i18n.Message`: the output layer says it in the user's language). Claims store only the codes and ISO dates, whatever was typed.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from factcheck.errors import FactcheckError
from factcheck.i18n import Message
from factcheck.model import VERDICTS


class UnreadableEntry(FactcheckError, ValueError):
    """A typed verdict or date that is none; the message says what to type instead."""


# --------------------------------------------------------------------------- verdicts

# Spaces, hyphens, underscores and dashes carry no meaning in a verdict's name: 절반의 사실 = 절반의사실,
# Half true = HALF-TRUE = half_true.
_VERDICT_NOISE = re.compile(r"[\s\-_\u2010-\u2015]+")


def _verdict_key(text: str) -> str:
    return _VERDICT_NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())


_VERDICT_BY_KEY: dict[str, str] = {
    _verdict_key(name): verdict.code for verdict in VERDICTS for name in (verdict.code, verdict.ko, verdict.en)
}


def read_verdict(text: str) -> str:
    """The verdict code `text` names: a code, or a verdict's Korean or English name, in any case and spacing."""
    code = _VERDICT_BY_KEY.get(_verdict_key(text or ""))
    if code is None:
        raise UnreadableEntry("{text!r} is not a verdict; type a code or its Korean or English name: {verdicts}",
                              text=text, verdicts=verdict_forms())
    return code


def verdict_forms() -> Message:
    """The verdicts as a user may type them, for a message or a prompt: `true (사실, True), …`."""
    return Message(_FORMS_LAYOUT, **{_field(v.code): Message("{code} ({ko}, {en})", code=v.code, ko=v.ko, en=v.en)
                                     for v in VERDICTS})


def _field(code: str) -> str:
    return code.replace("-", "_")


_FORMS_LAYOUT = ", ".join("{%s}" % _field(v.code) for v in VERDICTS)  # a layout, no words to translate


# --------------------------------------------------------------------------- dates

_YEAR, _MONTH, _DAY = r"(?P<year>\d{4})", r"(?P<month>\d{1,2})", r"(?P<day>\d{1,2})"
# 2025-09-01 · 2025. 9. 1. · 2025.09.01 · 2025/9/1 · 2025년 9월 1일, each also as year and month, and the
# ISO form as a year alone. The separator is the same throughout one date.
_DATE_FORMS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"{_YEAR}(?:-{_MONTH}(?:-{_DAY})?)?",
        rf"{_YEAR}\s*\.\s*{_MONTH}(?:\s*\.\s*{_DAY})?\s*\.?",
        rf"{_YEAR}\s*/\s*{_MONTH}(?:\s*/\s*{_DAY})?",
        rf"{_YEAR}\s*년(?:\s*{_MONTH}\s*월(?:\s*{_DAY}\s*일)?)?",
    )
)
# Korean documents often add the day of the week: 2025. 9. 1.(월), 2025년 9월 1일 월요일.
_WEEKDAYS = "월화수목금토일"  # Monday first, as date.weekday() counts
_WEEKDAY = re.compile(rf"\s*(?:\(\s*(?P<paren>[{_WEEKDAYS}])(?:요일)?\s*\)|(?P<word>[{_WEEKDAYS}])요일)$")
WEEKDAY_NAMES = (Message("Monday"), Message("Tuesday"), Message("Wednesday"), Message("Thursday"),
                 Message("Friday"), Message("Saturday"), Message("Sunday"))


def read_date(text: str) -> str:
    """The ISO date (YYYY-MM-DD, YYYY-MM or YYYY) that `text` writes, in any of the accepted forms."""
    typed = unicodedata.normalize("NFKC", text or "").strip()
    weekday_match = _WEEKDAY.search(typed)
    weekday = None
    if weekday_match:
        weekday = _WEEKDAYS.index(weekday_match.group("paren") or weekday_match.group("word"))
        typed = typed[: weekday_match.start()].rstrip()
    for form in _DATE_FORMS:
        match = form.fullmatch(typed)
        if match:
            break
    else:
        raise UnreadableEntry(_unreadable_date(text))
    year, month, day = (match.group(part) for part in ("year", "month", "day"))
    if weekday is not None and day is None:
        raise UnreadableEntry(_unreadable_date(text))
    try:
        date = _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise UnreadableEntry("{text!r} is not a date on the calendar", text=text) from None
    if weekday is not None and date.weekday() != weekday:
        raise UnreadableEntry(
            "{text!r}: {date} is a {actual}, not a {written}",
            text=text, date=date.isoformat(), actual=WEEKDAY_NAMES[date.weekday()], written=WEEKDAY_NAMES[weekday]
        )
    iso = date.isoformat()
    return iso if day else iso[:7] if month else iso[:4]


def _unreadable_date(text: str) -> Message:
    return Message(
        "{text!r} is not a date; type 2025-09-01, 2025년 9월 1일, 2025. 9. 1., 2025.09.01 or 2025/9/1, "
        "or only a month (2025-09, 2025년 9월) or a year (2025)", text=text)
