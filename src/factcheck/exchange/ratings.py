"""Textual fact-check ratings, as publishers write them, mapped to our verdict codes: a table, kept as data.

Labels are matched after `rating_key`: NFKC, casefolded, with everything but letters and digits removed, so
"Pants on Fire!", "pants-fire" and "PANTS ON FIRE" are one key. A rating that is a sentence ("False. The
regulator has not issued…", "This is misleading. While…") is matched on its first clause once filler such as
"this is" or "the claim is" is taken off. Anything else is unknown: the caller keeps the original label.
"""

from __future__ import annotations

import math
import re
import unicodedata

# verdict code -> labels in English and Korean. SNU FactCheck's 6-level scale is the Korean set:
# 사실, 대체로 사실, 절반의 사실, 대체로 사실 아님, 전혀 사실 아님, 판단 유보.
RATING_LABELS: dict[str, tuple[str, ...]] = {
    "true": (
        "True", "Correct", "Accurate", "Correct Attribution", "Verified", "Fact",
        "사실", "참", "사실임", "진실",
    ),
    "mostly-true": (
        "Mostly True", "Mostly Correct", "Mostly Accurate", "Largely True", "Largely Accurate",
        "대체로 사실", "대체로 참", "대체로 진실",
    ),
    "half-true": (
        "Half True", "Half Truth", "Mixture", "Mixed", "Partly True", "Partly False",
        "Partially True", "Partially False", "Partly Correct", "Missing Context", "Needs Context",
        "Lacks Context", "Cherry Picks",
        "절반의 사실", "절반의 진실", "일부 사실", "부분적 사실", "맥락 누락",
    ),
    "mostly-false": (
        "Mostly False", "Misleading", "Barely True", "Exaggerated", "Exaggerates", "Exaggeration",
        "Distorts the Facts", "Spins the Facts", "Out of Context", "Mostly Inaccurate",
        "대체로 사실 아님", "대체로 거짓", "과장", "오해의 소지",
    ),
    "false": (
        "False", "Pants on Fire", "Pants Fire", "Incorrect", "Inaccurate", "Fake", "Totally False",
        "Wrong", "Not True", "Untrue", "Fabricated", "Fabrication", "Hoax", "Four Pinocchios",
        "False Headline", "Baseless",
        "전혀 사실 아님", "사실 아님", "거짓", "허위", "사실무근", "가짜",
    ),
    "unverified": (
        "Unproven", "Unverified", "Unsubstantiated", "Unsupported", "No Evidence", "Not Enough Evidence",
        "Insufficient Evidence", "Unclear", "Research in Progress", "Undetermined", "Cannot Be Verified",
        "판단 유보", "확인 불가", "검증 불가", "근거 부족", "판정 보류",
    ),
}

# Words that open a sentence-style rating without carrying the verdict: "This is false", "User's claim is
# mostly false", "The claim is False".
FILLERS: tuple[str, ...] = (
    "this is", "this claim is", "the claim is", "claim is", "user's claim is", "users claim is",
    "the post is", "this post is", "rating:", "verdict:", "our rating:",
)

# Where a sentence-style rating's first clause ends.
_CLAUSE_END = re.compile(r"[.:;!?\n—–]| - ")
_HTML = re.compile(r"<[^>]*>?")  # also a tag cut off at the end, as in 'There have been <a href="https://apn'


def rating_key(label: str) -> str:
    text = unicodedata.normalize("NFKC", label).casefold()
    return "".join(ch for ch in text if ch.isalnum())


RATING_TABLE: dict[str, str] = {rating_key(label): code for code, labels in RATING_LABELS.items() for label in labels}
_FILLER_KEYS: tuple[str, ...] = tuple(sorted({rating_key(f) for f in FILLERS}, key=len, reverse=True))


def _lookup(text: str) -> str | None:
    key = rating_key(text)
    if key in RATING_TABLE:
        return RATING_TABLE[key]
    for filler in _FILLER_KEYS:
        if key.startswith(filler) and key[len(filler):] in RATING_TABLE:
            return RATING_TABLE[key[len(filler):]]
    return None


def status_for_rating(label: object) -> str | None:
    """The verdict code for a publisher's textual rating, or None when the label is not known."""
    if not isinstance(label, str) or not label.strip():
        return None
    text = _HTML.sub(" ", label)
    found = _lookup(text)
    if found is None:
        first_clause = _CLAUSE_END.split(text.strip(), maxsplit=1)[0]
        if first_clause.strip() and first_clause.strip() != text.strip():
            found = _lookup(first_clause)
    return found


def status_for_number(value: object, best: object = 5, worst: object = 1) -> str | None:
    """The verdict for a numeric rating on a publisher's own scale, spread evenly over our five verdicts."""
    try:
        value, best, worst = float(value), float(best), float(worst)
    except (TypeError, ValueError, OverflowError):
        return None
    # An infinite or huge scale is no scale: round(nan) once ended a whole import.
    if not all(map(math.isfinite, (value, best, worst, best - worst))) or best <= worst or not worst <= value <= best:
        return None
    step = round((value - worst) / (best - worst) * 4)  # 0 (false) .. 4 (true)
    return ("false", "mostly-false", "half-true", "mostly-true", "true")[step]
