"""Numbers, money and dates written any way, turned into canonical tokens.

    8월 22일 = 8/22 = 2025-08-22 = 2025.8.22     → d0822 (a full date adds d20250822)
    1조 원 = 1조원 = 일조 원 = 1,000,000,000,000원 → n1000000000000
    6,681억 = 6681억 = 육천육백팔십일억           → n668100000000
    30여명 = 30여 명 = 30 people                  → n30
    2026~2030 = 2026년부터 2030년까지             → n2026 n2030
    three years = 3년                             → n3
    스물세 번 = 23번, 석 달 = 3달                  → n23, n3 (a native numeral before a counter)
    삼십 명 = 30명, 민선 팔기 = 민선 8기            → n30, n8 (in a query: a figure said aloud)

No library parses mixed Korean numbers reliably, so this is a small table-driven parser in the manner
of Elasticsearch's nori_number filter. A month-day without a year stays a month-day: news dates take
their year from context, so we never guess one.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from decimal import Decimal

SINO_DIGITS = {"영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7,
               "팔": 8, "구": 9}
SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
BIG_UNITS = {"만": 10**4, "억": 10**8, "조": 10**12}
EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "half": None,
}
EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
EN_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
EN_MONTHS.update({m[:3]: i for m, i in list(EN_MONTHS.items())})

_NUM = r"\d[\d,]*(?:\.\d+)?"
# A run of more digits than this is an identifier, a hash or junk, not a quantity: it is left as text
# (a 309-digit "number" once became a float infinity and crashed every command that read its claim).
MAX_DIGITS = 30
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_MONTH = r"(?:1[0-2]|0?[1-9])"
_PATTERNS = [
    ("full_date", rf"(?<!\d)(\d{{4}})\s*(?:년\s*|[-./]\s*)({_MONTH})\s*(?:월\s*|[-./]\s*)({_DAY})(?!\d)\s*일?"),
    ("month_day", rf"(?<![\d.])({_MONTH})\s*월\s*({_DAY})\s*일"),
    ("slash_date", rf"(?<![\d/.])({_MONTH})/({_DAY})(?![\d/])"),
    ("en_date", r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                r"sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"),
    ("year_month", rf"(?<!\d)(\d{{4}})\s*(?:년\s*({_MONTH})\s*월|[-.]({_MONTH})(?![\d.]))"),
    ("amount", rf"{_NUM}\s?(?:[천백십]\s?)?[조억만](?:\s?{_NUM}\s?(?:[천백십]\s?)?[조억만]?)*(?:\s?원)?"
               rf"|{_NUM}\s?[천백](?:\s?원|(?=여)|(?![가-힣]))"),  # 5천원, 4백여 곳, 2백 명
    # Numbers spelled in Hangul (일조, 삼천) read as money only before 원: 오만 alone is a word.
    ("sino_amount", r"[영공일이삼사오육륙칠팔구십백천만억조]{2,}(?=\s?원)"),
    # A Hangul numeral counts years or months, or a percentage, on its own (삼년 연속 = 3년 연속, 삼십 퍼센트),
    # at the start of a word.
    ("sino_count", r"(?<![가-힣])[일이삼사오육륙칠팔구십백]{1,4}(?=\s?(?:년|개월|개년|주년|퍼센트|%))"),
    ("en_scaled", r"\b\d+(?:\.\d+)?\s(?:thousand|million|billion|trillion)\b"),
    # Digits may follow Hangul directly (코로나19, 제3자, 주52시간), never a Latin letter or a digit.
    ("plain", rf"(?<![0-9a-z.,]){_NUM}(?:\s?여)?"),
    ("english", r"\b(?:(?:\d+(?:\.\d+)?|" + "|".join(k for k in EN_WORDS if EN_WORDS[k] is not None)
                + r")(?:[\s-](?:" + "|".join(EN_WORDS) + r"))?)(?:\s(?:" + "|".join(EN_SCALES) + r"))?\b"),
]
# Every expression above holds a digit, 원, a Hangul numeral before 년, 개월 or 퍼센트, or an English number
# word: text without any of them (most queries) skips compiling the big pattern, which would cost
# start-up time.
_MAYBE = re.compile(
    r"[0-9원]|[일이삼사오육륙칠팔구십백]\s?(?:년|개월|개년|주년|퍼센트|%)|\b(?:"
    + "|".join([*EN_WORDS, *EN_SCALES, *EN_MONTHS])
    + r")\b"
)


# Native Korean numerals (스물세 번, 열한 명, 석 달) are read only before a counter: alone, 세 is a tax, 한 a
# verb, 열 heat. A separate pass, so that the one big pattern above need not try every 한 and 세 of a text.
NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70,
               "여든": 80, "아흔": 90}
NATIVE_UNITS = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "석": 3, "네": 4, "넷": 4, "넉": 4,
                "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
NATIVE_COUNTERS = ("명", "번", "개", "배", "달", "곳", "가지", "살", "채", "마리", "권", "차례", "군데", "사람",
                   "퍼센트")


def _maybe_native(folded: str) -> bool:
    """A counter in the text: a test without a regex, so that a typed query compiles none it does not need."""
    return any(counter in folded for counter in NATIVE_COUNTERS)


@functools.cache
def _native_matcher() -> re.Pattern:
    tens, units = "|".join(NATIVE_TENS), "|".join(sorted(NATIVE_UNITS, key=len, reverse=True))
    return re.compile(rf"(?<![가-힣])(?:(?:{tens})(?:{units})?|(?:{units}))(?=\s?(?:{'|'.join(NATIVE_COUNTERS)}))")


def native_value(text: str) -> int:
    """스물세 → 23, 열 → 10, 석 → 3 (text as the native pattern matched it)."""
    tens = next((v for k, v in NATIVE_TENS.items() if text.startswith(k)), 0)
    rest = text[next((len(k) for k in NATIVE_TENS if text.startswith(k)), 0):]
    return tens + NATIVE_UNITS.get(rest, 0)


# Every expression above starts with a digit, a Hangul numeral or an English word. Python's regex
# engine tries each alternative at every position; this one-character test first lets it skip most
# positions at once (2.5x faster over claim text; an index build reads every claim).
_STARTS = r"(?=[0-9영공일이삼사오육륙칠팔구십백천만억조]|\b[a-z])"


@functools.cache
def _matcher() -> re.Pattern:
    return re.compile(_STARTS + "(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS) + ")")


class NumberExpr(NamedTuple):
    text: str
    tokens: frozenset[str]
    start: int
    end: int


def _decimal(text: str) -> Decimal:
    """A written figure, exactly: money is never a float. (decimal is imported on the first figure:
    most queries hold none, and start-up is most of what a search costs.)"""
    from decimal import Decimal

    return Decimal(text.replace(",", ""))


def _whole(value: Decimal) -> int:
    from decimal import ROUND_HALF_EVEN

    return int(value.to_integral_value(ROUND_HALF_EVEN))


def sino_value(text: str) -> int | None:
    """일조육백만오천일 → 1000006005001; 삼천 → 3000; None when it is not a number."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in SINO_DIGITS:
            if digit is not None:
                return None  # two digits in a row (삼사) is a word, not a number
            digit = SINO_DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        elif ch in BIG_UNITS:
            section += digit or 0
            total += (section or 1) * BIG_UNITS[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _section_value(text: str) -> Decimal | int | None:
    if not text:
        return 1
    if text[0].isdigit():
        match = re.fullmatch(rf"({_NUM})([천백십]?)", text)
        if not match:
            return None
        return _decimal(match.group(1)) * SMALL_UNITS.get(match.group(2), 1)
    return sino_value(text)


def amount_value(text: str) -> int | None:
    """'1조 549억 원' → 1054900000000; mixes digits, sino-Korean numerals and 조/억/만 units."""
    text = text.replace(" ", "").removesuffix("원")
    total = _decimal("0")
    for section, unit in re.findall(r"([^조억만]*)([조억만]?)", text):
        if not section and not unit:
            continue
        value = _section_value(section)
        if value is None:
            return None
        total += value * BIG_UNITS.get(unit, 1)
    return _whole(total)


def english_value(text: str) -> int | None:
    parts = re.split(r"[\s-]+", text)
    value = _decimal("0")
    scale = 1
    for part in parts:
        if part in EN_SCALES:
            scale = EN_SCALES[part]
        elif part == "hundred":
            value = (value or _decimal("1")) * 100
        elif part.replace(".", "", 1).isdigit():
            value += _decimal(part)
        elif EN_WORDS.get(part) is not None:
            value += EN_WORDS[part]
        else:
            return None
    return _whole(value * scale)


def _date_tokens(year: str | None, month: str, day: str | None) -> set[str]:
    m, d = int(month), int(day) if day else None
    if d is None:
        return {f"d{int(year):04d}{m:02d}", f"n{int(year)}"}
    tokens = {f"d{m:02d}{d:02d}"}
    if year:
        tokens |= {f"d{int(year):04d}{m:02d}{d:02d}", f"n{int(year)}"}
    return tokens


def _tokens(kind: str, match: re.Match) -> set[str]:
    text = match.group(kind)
    groups = [g for g in match.groups() if g is not None][1:]  # the group's own captures
    if kind == "full_date":
        return _date_tokens(groups[0], groups[1], groups[2])
    if kind in ("month_day", "slash_date"):
        return _date_tokens(None, groups[0], groups[1])
    if kind == "en_date":
        return _date_tokens(None, str(EN_MONTHS[groups[0][:3]]), groups[1])
    if kind == "year_month":
        return _date_tokens(groups[0], groups[1], None)
    if kind in ("amount", "sino_amount"):
        value = amount_value(text)
        if value is None:
            return set()
        # A remembered "311" should still meet "311만 호": the leading figure is a token too.
        lead = re.match(_NUM, text)
        return {f"n{value}"} | ({f"n{_format(_decimal(lead.group()))}"} if lead else set())
    if kind == "sino_count":
        value = sino_value(text)
        return {f"n{value}"} if value else set()
    if kind == "plain":
        return {f"n{_format(_decimal(text.removesuffix('여').strip()))}"}
    value = english_value(text)
    return {f"n{value}"} if value is not None else set()


def _format(value: Decimal) -> str:
    """A number as token text: letters and digits only (3.5 → 3p5), so the full-text index keeps it whole."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", "p")


# Shorthand a person types but a claim's text does not use: 8.22 for 22 August (a claim's 8.22 is a
# figure), '26년 for 2026 (a claim's 30년 is thirty years). Compiled by re when a query first holds a figure.
_DOTTED_DATE = rf"({_MONTH})\.({_DAY})"
_SHORT_YEAR_AFTER = r"\s?(?:년|[~-]\s?\d\d\s?년)"


def _query_readings(text: str, after: str) -> set[str]:
    dotted = re.fullmatch(_DOTTED_DATE, text)
    if dotted and not after.startswith("%"):
        return _date_tokens(None, dotted.group(1), dotted.group(2))
    if len(text) == 2 and text.isdigit() and re.match(_SHORT_YEAR_AFTER, after):
        return {f"n{int(text) + (2000 if int(text) < 50 else 1900)}"}
    return set()


# A figure said aloud is typed in Hangul (삼십 명, 이십 배, 팔십 프로, 민선 팔기), a claim writes digits. So a
# query also reads a Hangul numeral of two or more syllables before a counter, and the one-syllable term of
# 민선 N기, the numbering of elected local governments that every local paper writes in digits. Elsewhere one
# syllable before a counter stays a word: 이번, 사기, 이차전지, 일회용.
SPOKEN_COUNTERS = ("명", "배", "번", "차", "회", "위", "대", "곳", "건", "개", "기", "프로", "가구", "표", "층", "호")
_SPOKEN_NUMERAL = "[일이삼사오육륙칠팔구십백천]"


@functools.cache
def _spoken_matcher() -> re.Pattern:
    counters = "|".join(SPOKEN_COUNTERS)
    return re.compile(rf"(?<![가-힣])(?P<count>{_SPOKEN_NUMERAL}{{2,5}})(?=\s?(?:{counters}))"
                      rf"|(?:(?<=민선)|(?<=민선 ))(?P<term>{_SPOKEN_NUMERAL}{{1,2}})(?=기)")


def _spoken_numbers(folded: str) -> list[NumberExpr]:
    found = []
    for match in _spoken_matcher().finditer(folded):
        value = sino_value(match.group("count") or match.group("term"))  # None for 이삼, 삼사: words
        if value:
            found.append(NumberExpr(match.group(), frozenset((f"n{value}",)), match.start(), match.end()))
    return found


def _overlaps(start: int, end: int, found: list[NumberExpr]) -> bool:
    return any(start < n.end and n.start < end for n in found)


def find_numbers(folded: str, query: bool = False) -> list[NumberExpr]:
    """Every number, amount or date expression in folded text (see korean.fold), in order; a query
    also gets the shorthand readings above."""
    found = _native_numbers(folded) if _maybe_native(folded) else []
    if query and ("민선" in folded or any(unit in folded for unit in SMALL_UNITS)):
        found += [expr for expr in _spoken_numbers(folded) if not _overlaps(expr.start, expr.end, found)]
    if not _MAYBE.search(folded):
        return sorted(found, key=lambda expr: expr.start)
    taken = list(found)  # the main pass skips what the passes above read
    for match in _matcher().finditer(folded):
        if _overlaps(match.start(), match.end(), taken):
            continue
        kind, text = match.lastgroup, match.group()
        if len(text) > MAX_DIGITS and sum(ch.isdigit() for ch in text) > MAX_DIGITS:
            continue
        tokens = _READ.get((kind, text))
        if tokens is None:
            tokens = _read(kind, match)
        if query and kind == "plain":
            tokens |= _query_readings(text, folded[match.end() :])
        if tokens:
            found.append(NumberExpr(text, tokens, match.start(), match.end()))
    return sorted(found, key=lambda expr: expr.start) if taken else found


# What an expression reads as, by its kind and text (its captures follow from those): a year, a figure or a
# sum repeats across thousands of claims, and reading one takes Decimal arithmetic and a regex. Bounded,
# and emptied when full.
_READ: dict[tuple[str, str], frozenset[str]] = {}
_READ_MAX = 10_000


def _read(kind: str, match: re.Match) -> frozenset[str]:
    if len(_READ) >= _READ_MAX:
        _READ.clear()
    tokens = _READ[kind, match.group()] = frozenset(_tokens(kind, match))
    return tokens


def _native_numbers(folded: str) -> list[NumberExpr]:
    return [NumberExpr(m.group(), frozenset((f"n{native_value(m.group())}",)), m.start(), m.end())
            for m in _native_matcher().finditer(folded)]


def number_tokens(folded: str) -> set[str]:
    return {token for expr in find_numbers(folded) for token in expr.tokens}
