"""Document analysis, the stage after the text leaves: a claim record as analysed field texts and index tokens.

The index is built from what `analyse` gives; nothing here knows how a query is matched or ranked.
"""

from __future__ import annotations

import functools
import re
from enum import Enum
from typing import NamedTuple

from factcheck.search.text import korean
from factcheck.search.text.korean import (
    choseong,
    fold,
    latin_stem,
    words,
)
from factcheck.search.text.numbers import number_tokens

TYPO_FIELDS = ("claim", "claim_en", "tags", "entities", "claimant")  # where typos are looked for
# Fields whose tokens choose a large repository's candidates; sources still count when ranking them.
CANDIDATE_FIELDS = ("claim", "claim_en", "review", "tags", "entities", "claimant", "rationale")


def field_texts(record: dict) -> dict[str, str]:
    """The fields search reads, as text. Appearance (the article) is left out on purpose: every claim from
    one article shares it, and its publisher's name (일요서울) would answer "서울"."""
    claimant = record.get("claimant") or {}
    rationale = record.get("rationale")
    if isinstance(rationale, dict):
        rationale = "\n".join(v for v in rationale.values() if isinstance(v, str))
    sources = record.get("sources") or []
    return {
        "claim": record.get("claim") or "",
        "claim_en": record.get("claim_en") or "",
        "review": review_title(record),
        "tags": " ; ".join(record.get("tags") or []),
        "entities": " ; ".join(record.get("entities") or []),
        "claimant": " ".join(filter(None, (claimant.get("name"), claimant.get("role")))),
        "rationale": rationale or "",
        "sources": " ; ".join(
            " ".join(filter(None, (s.get("title"), s.get("publisher"), s.get("quote")))) for s in sources
        ),
    }


def review_title(record: dict) -> str:
    """The headline of the review an imported claim came from ("Did 122 Prisoners Released from Guantanamo
    Return to the Battlefield?"): the reviewer's own wording of the claim, so it is searched like one."""
    origin = record.get("origin") if isinstance(record.get("origin"), dict) else {}
    url = origin.get("url")
    return next((s["title"] for s in record.get("sources") or []
                 if isinstance(s, dict) and url and s.get("url") == url and isinstance(s.get("title"), str)), "")


NUMBER_FIELDS = ("claim", "claim_en", "review", "tags", "entities", "claimant")  # where numbers are looked for

# One field as search reads it: [name, its folded words joined by spaces, its number tokens joined by
# spaces]. A list, not a record, because the index stores a claim's analysed fields as JSON.
AnalysedField = list[str]


def analyse_fields(record: dict) -> list[AnalysedField]:
    """The claim's non-empty fields, analysed; the index stores them and ranking matches queries against them."""
    fields = []
    for name, text in field_texts(record).items():
        if not text.strip():
            continue
        if len(text) <= SHORT_FIELD and name in REPEATED_FIELDS:
            fields.append(list(_short_field(name, text)))
        else:
            fields.append(_analysed_field(name, text))
    return fields


# Tags, entities and claimants repeat across thousands of claims: a million-claim build analyses each such
# text once (a fifth of the time it spent deriving fields). A short claim, review title or source seldom
# repeats (of 57,834 short claims in a tenth of the 1M benchmark corpus, 57,780 differ): remembered too,
# they took 30 MB of each worker's memory, to be met again almost never.
SHORT_FIELD = 48
REPEATED_FIELDS = frozenset(("tags", "entities", "claimant"))


def _analysed_field(name: str, text: str) -> AnalysedField:
    folded = fold(text)
    numbers = sorted(number_tokens(folded)) if name in NUMBER_FIELDS else []
    return [name, " ".join(words(folded)), " ".join(numbers)]


@functools.lru_cache(maxsize=8192)
def _short_field(name: str, text: str) -> tuple[str, str, str]:
    return tuple(_analysed_field(name, text))


def bigrams(text: str) -> list[str]:
    return list(map(str.__add__, text, text[1:]))


@functools.cache
def _hangul_run() -> re.Pattern:
    return re.compile("[가-힣]{2,}")  # compiled when first needed: half a millisecond a search need not spend


def hangul_runs(text: str) -> list[str]:
    """The runs of Hangul syllables in `text` that make a bigram (two syllables or more)."""
    return _hangul_run().findall(text)


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


class TokenKind(Enum):
    """The two kinds of index token. They never look alike, so one full-text column holds both."""

    EXACT = "exact"  # syllable pairs, Latin word stems, number tokens
    TYPO = "typo"  # 초성 pairs and vowel+final pairs: what survives a one-key typo


def index_tokens(fields: list[AnalysedField]) -> dict[TokenKind, set[str]]:
    """The tokens that choose a claim as a candidate, by kind: what the index's full-text table holds."""
    exact: set[str] = set()
    typo: set[str] = set()
    for name, text, numbers in fields:
        if name not in CANDIDATE_FIELDS:
            continue
        field_exact, field_typo = _field_tokens(name, text) if len(text) <= SHORT_FIELD and name in REPEATED_FIELDS \
            else _text_tokens(text, name in TYPO_FIELDS)
        exact.update(field_exact)
        typo.update(field_typo)
        exact.update(numbers.split())
    return {TokenKind.EXACT: exact, TokenKind.TYPO: typo}


def _text_tokens(text: str, with_typos: bool) -> tuple[list[str], list[str]]:
    """One field's exact and typo tokens, a word at a time. A field's text is its words joined by spaces
    (analyse_fields), so the runs of Hangul that typo grams are made of are its Hangul words, each whole
    with its neighbours across a space: a word's own grams are worked out once (words repeat across a
    million claims), and only the pairs across each space are made here."""
    exact: list[str] = []
    typo: list[str] = []
    previous = ""
    for word in text.split():
        if not "가" <= word[0] <= "힣":  # korean.is_hangul_word, inlined: this loop meets every word of a build
            if "a" <= word[0] <= "z":
                exact.append(latin_stem(word))
            previous = ""
            continue
        grams = _WORD_GRAMS.get(word) or _word_grams(word)
        exact += grams[0]
        if previous:  # a one-syllable word is whole on its side of the space: its bigram is plain
            pair = previous[-1] + word[0]
            exact.append(pair if len(previous) == 1 else ACROSS + pair)
            if with_typos:
                typo += _PAIR_TYPOS.get(pair) or _pair_typos(pair)
        if with_typos:
            typo += grams[1]
        previous = word
    return exact, typo


# Tags, entities and claimants repeat (see SHORT_FIELD). Few are kept: a million-claim build's workers
# peaked at 776 MB together with 65,536 fields and 100,000 words remembered each (352 MB with none).
@functools.lru_cache(maxsize=4096)
def _field_tokens(name: str, text: str) -> tuple[list[str], list[str]]:
    return _text_tokens(text, name in TYPO_FIELDS)


# A Hangul word's own syllable pairs and typo grams, by word: bounded, and emptied when full, so that a
# corpus of many distinct words keeps a worker's memory flat.
_WORD_GRAMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
_WORD_GRAMS_MAX = 20_000


def _word_grams(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if len(_WORD_GRAMS) >= _WORD_GRAMS_MAX:
        _WORD_GRAMS.clear()
    grams = _WORD_GRAMS[word] = (tuple(bigrams(word)), tuple(typo_grams(word)) if len(word) > 1 else ())
    return grams


# The typo grams of two syllables across a space (the last of one word, the first of the next), by the pair:
# pairs repeat as words do, and working them out was a seventh of what a claim's tokens cost. Bounded like
# _WORD_GRAMS (each pair kept is some 400 bytes of a worker's memory).
_PAIR_TYPOS: dict[str, tuple[str, str]] = {}
_PAIR_TYPOS_MAX = 8192


def _pair_typos(pair: str) -> tuple[str, str]:
    if len(_PAIR_TYPOS) >= _PAIR_TYPOS_MAX:
        _PAIR_TYPOS.clear()
    last, first = pair
    typos = _PAIR_TYPOS[pair] = (_choseong_of(last) + _choseong_of(first),
                                 korean.SYLLABLE_REST[last] + korean.SYLLABLE_REST[first])
    return typos


def _choseong_of(syllable: str) -> str:
    return korean.CHOSEONG[(ord(syllable) - korean.HANGUL_BASE) // 588]


class Analysed(NamedTuple):
    fields: list[AnalysedField]
    tokens: dict[TokenKind, set[str]]


def analyse(record: dict) -> Analysed:
    """A valid claim record as the index stores it: its analysed fields and its tokens."""
    fields = analyse_fields(record)
    return Analysed(fields, index_tokens(fields))
