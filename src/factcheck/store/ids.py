"""Readable claim ids: who said it, a few words of what was said, and when.

    suggest_id("김제시는 3년 연속 국가예산 1조 원을 확보했다", claimant="김제시", claim_date="2025-01")
    == "gimjesi-3nyeon-yeonsok-gukgayesan-1jo-2025-01"

An id is a file name and a link, so it is ASCII: Korean is romanised (Revised Romanisation, syllable by
syllable, without the sound changes across syllables: readable and stable, not a transcription).
An English translation, when there is one, gives the words instead.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from factcheck.model import ID_RE

_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
           "yu", "eu", "ui", "i")
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t")
_FIRST_SYLLABLE, _SYLLABLES = 0xAC00, 11172

# What follows a Korean noun without changing what it names (은 in 김제시는, 을 in 국가예산을), longest first.
_PARTICLES = ("에서는", "으로는", "에서", "으로", "에게", "까지", "부터", "이라는", "라는", "은", "는", "이", "가",
              "을", "를", "의", "에", "도", "만", "와", "과", "로")
# English words that carry no topic.
_STOPWORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "is",
              "are", "was", "were", "be", "been", "will", "would", "has", "have", "had", "it", "its", "this",
              "that", "as", "than", "said", "says", "their", "his", "her", "won", "over"}
KEYWORDS = 4
MAX_ID = 64  # characters: well inside the 80 an id may have, short enough to type or complete


def romanise(text: str) -> str:
    """`text` with each Hangul syllable in Latin letters (김제 -> gimje); other characters kept."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        index = ord(char) - _FIRST_SYLLABLE
        if 0 <= index < _SYLLABLES:
            out.append(_INITIALS[index // 588] + _VOWELS[index % 588 // 28] + _FINALS[index % 28])
        else:
            out.append(char)
    return "".join(out)


def slug_words(text: str) -> list[str]:
    """The words of `text` as lowercase ASCII slugs."""
    folded = unicodedata.normalize("NFKD", romanise(text or "")).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded)


def _korean_keywords(text: str) -> list[str]:
    words = []
    for word in re.findall(r"[\w·]+", text):
        if word.endswith("다"):  # a predicate (확보했다, 개항한다): what was said is in the nouns before it
            continue
        stem = next((word[: -len(p)] for p in _PARTICLES if word.endswith(p) and len(word) > len(p)), word)
        words += slug_words(stem)
    return words


def keywords(claim_text: str, claim_en: str | None = None) -> list[str]:
    """The words an id is made of: the English translation's, else the Korean claim's nouns, romanised."""
    if claim_en and slug_words(claim_en):
        return [w for w in slug_words(claim_en) if w not in _STOPWORDS]
    return _korean_keywords(claim_text)


def suggest_id(claim_text: str, claim_en: str | None = None, claimant: str | None = None,
               claim_date: str | None = None, taken: Iterable[str] = ()) -> str | None:
    """A readable id not in `taken`: the claimant, up to four keywords and the date (`gunsansi-open-
    saemangeum-new-port-2025-10`); None when the claim gives no letters or digits to make one of."""
    who = "-".join(slug_words(claimant or ""))
    words = [w for w in dict.fromkeys(keywords(claim_text, claim_en)) if not who or w not in who][:KEYWORDS]
    if not words:
        return None
    when = claim_date or ""
    base = "-".join(part for part in (who, *words) if part)
    while len(base) + len(when) + 1 > MAX_ID and "-" in base:
        base = base.rsplit("-", 1)[0]  # whole words only
    base = "-".join(part for part in (base[: MAX_ID - len(when) - 1].strip("-"), when) if part)
    if not ID_RE.match(base):
        return None
    taken = set(taken)
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
