"""Document analysis, the first stage of search: a claim record as field texts, search keys and index tokens.

The index is built from what this module gives; it knows nothing of how a query is matched or ranked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.search.text import korean
from factcheck.search.text.korean import (
    choseong,
    fold,
    jamo,
    latin_stem,
    words,
)
from factcheck.search.text.numbers import number_tokens

# (field, weight): where a match counts most. Appearance (the article) is left out on purpose: every
# claim from one article shares it, and its publisher's name (일요서울) would answer "서울".
FIELD_WEIGHTS = {
    "claim": 1.0,
    "claim_en": 1.0,
    "tags": 0.9,
    "entities": 0.9,
    "claimant": 0.8,
    "rationale": 0.65,
    "sources": 0.55,
}
TYPO_FIELDS = ("claim", "claim_en", "tags", "entities", "claimant")  # where typos are looked for
# Fields whose tokens choose a large repository's candidates; sources still count when ranking them.
CANDIDATE_FIELDS = ("claim", "claim_en", "tags", "entities", "claimant", "rationale")
INSIDE_FACTOR = 0.9  # a word met only deep inside a longer one (메달 in 금메달리스트) is less sure


def field_texts(record: dict) -> dict[str, str]:
    claimant = record.get("claimant") or {}
    rationale = record.get("rationale")
    if isinstance(rationale, dict):
        rationale = "\n".join(v for v in rationale.values() if isinstance(v, str))
    sources = record.get("sources") or []
    return {
        "claim": record.get("claim") or "",
        "claim_en": record.get("claim_en") or "",
        "tags": " ; ".join(record.get("tags") or []),
        "entities": " ; ".join(record.get("entities") or []),
        "claimant": " ".join(filter(None, (claimant.get("name"), claimant.get("role")))),
        "rationale": rationale or "",
        "sources": " ; ".join(
            " ".join(filter(None, (s.get("title"), s.get("publisher"), s.get("quote")))) for s in sources
        ),
    }


NUMBER_FIELDS = ("claim", "claim_en", "tags", "entities", "claimant")  # where numbers are looked for


def doc_keys(record: dict) -> list[list[str]]:
    """Per field: [name, folded words joined by spaces, number tokens]. Stored in the index."""
    keys = []
    for name, text in field_texts(record).items():
        if not text.strip():
            continue
        folded = fold(text)
        numbers = sorted(number_tokens(folded)) if name in NUMBER_FIELDS else []
        keys.append([name, " ".join(words(folded)), " ".join(numbers)])
    return keys


def bigrams(text: str) -> list[str]:
    return list(map(str.__add__, text, text[1:]))


HANGUL_RUN = re.compile("[가-힣]{2,}")  # runs short of a pair have no bigram


def typo_grams(hangul: str) -> list[str]:
    """Bigrams of a run of syllables that survive any one-key typo: initials (ㅁㅈ) and vowel+final
    pairs (ㅕㄴㅔ)."""
    cho = choseong(hangul)
    rest = [korean.SYLLABLE_REST[ch] for ch in hangul]
    return bigrams(cho) + list(map(str.__add__, rest, rest[1:]))


# A bigram that spans two words (불리하게 획정 → 게획) is indexed with this mark: 예타면제 may meet 예타 면제
# across the space, but 게획 (a typo of 계획) must not meet the last syllable of one word and the first
# of the next. Latin words never hold Hangul, so the marked token cannot collide with one.
ACROSS = "x"


def doc_grams(keys: list[list[str]]) -> tuple[str, str]:
    """The two token columns the index's full-text table holds for one claim."""
    exact: set[str] = set()
    typo: set[str] = set()
    for name, text, numbers in keys:
        if name not in CANDIDATE_FIELDS:
            continue
        previous = ""
        for word in text.split():
            if not korean.is_hangul_word(word):
                if "a" <= word[0] <= "z":
                    exact.add(latin_stem(word))
                previous = ""
                continue
            exact.update(bigrams(word))
            if previous:  # a one-syllable word is whole on its side of the space: its bigram is plain
                exact.add(previous[-1] + word[0] if len(previous) == 1 else ACROSS + previous[-1] + word[0])
            previous = word
        if name in TYPO_FIELDS:
            for run in HANGUL_RUN.findall(text.replace(" ", "")):
                typo.update(typo_grams(run))
        exact.update(numbers.split())
    return " ".join(exact), " ".join(typo)


@dataclass
class Field:
    name: str
    weight: float
    words: list[str]
    compact: str
    numbers: set[str]
    _jamo: str | None = None
    _latin: set[str] | None = None
    _cho_words: list[str] | None = None
    _cho_joined: str | None = None
    _cho_starts: set[str] | None = None
    _starts: set[int] | None = None

    def holds(self, text: str) -> float:
        """How surely the field holds `text`, spaces ignored: 1.0 at the start or the end of a word
        (or across words: 예타면제 is in 예타 면제), INSIDE_FACTOR only deep inside one (메달 in
        금메달리스트), 0.0 if not at all; never straddling a space with only one character before it
        (게획 is not in 불리하게 획정)."""
        at = self.compact.find(text)
        if at < 0 or len(text) < 2:
            return 1.0 if at >= 0 else 0.0
        if self._starts is None:
            self._starts, offset = set(), 0
            for word in self.words:
                self._starts.add(offset)
                offset += len(word)
            self._starts.add(offset)
        best = 0.0
        while at >= 0:
            if at in self._starts or at + 1 not in self._starts:  # not one character, then a space
                if at in self._starts or at + len(text) in self._starts:
                    return 1.0
                best = INSIDE_FACTOR
            at = self.compact.find(text, at + 1)
        return best

    @property
    def jamo(self) -> str:
        if self._jamo is None:
            self._jamo = jamo(self.compact)
        return self._jamo

    @property
    def latin(self) -> set[str]:
        if self._latin is None:
            self._latin = {latin_stem(w) for w in self.words if "a" <= w[0] <= "z"}
        return self._latin

    @property
    def cho_words(self) -> list[str]:
        if self._cho_words is None:
            self._cho_words = korean.choseong_of_words([w for w in self.words if korean.is_hangul_word(w)])
        return self._cho_words

    @property
    def cho_joined(self) -> str:
        if self._cho_joined is None:
            self._cho_joined = "".join(self.cho_words)
        return self._cho_joined

    @property
    def cho_starts(self) -> set[str]:
        """Every word's first two or more initials: the pieces 초성 typed without spaces is made of."""
        if self._cho_starts is None:
            self._cho_starts = {word[:n] for word in self.cho_words for n in range(2, len(word) + 1)}
        return self._cho_starts


def fields_of(keys: list[list[str]]) -> list[Field]:
    return [
        Field(name, FIELD_WEIGHTS.get(name, 0.5), text.split(), text.replace(" ", ""), set(numbers.split()))
        for name, text, numbers in keys
    ]
