"""Matching: each query unit against each field of a claim, scored 0..1, and the claim's share of the query.

    1.0   the word (or an alias of it) appears, spaces ignored            예타면제 ~ 예타 면제
    0.9   its stem appears (particle or ending dropped)                  면제됐나요 ~ 면제
    0.9   it is covered by pieces that appear (space-free compounds)     예타면제확정 ~ 예타 면제가 … 확정
    0.8+  it appears with a typo: keystroke-jamo partial match within    면졔 ~ 면제, 국가애산 ~ 국가예산
          one edit per ~7 keystrokes
    1.0   초성 that spell a word's initials                              ㅇㅌ ~ 예타

times the field's weight (claim first, then tags and entities, claimant, rationale, sources). A claim's
score is the IDF-weighted share of the query it covers, so an unrelated query covers nothing.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from factcheck.search.analysis import TYPO_FIELDS, AnalysedField
from factcheck.search.query import Form, Kind, Unit
from factcheck.search.text import korean
from factcheck.search.text.korean import STEM_FACTOR, is_latin_word, jamo, latin_stem

# (field, weight): where a match counts most.
FIELD_WEIGHTS = {
    "claim": 1.0,
    "claim_en": 1.0,
    "review": 0.9,
    "tags": 0.9,
    "entities": 0.9,
    "claimant": 0.8,
    "rationale": 0.65,
    "sources": 0.55,
}
INSIDE_FACTOR = 0.9  # a word met only deep inside a longer one (메달 in 금메달리스트) is less sure
PLACE_MISS = 0.6  # a claim that does not mention a place the query names answers another question
PIECES_FACTOR = 0.9
PIECES_MIN = 0.6  # pieces must cover this share of a word
TYPO_BASE, TYPO_SPAN = 0.78, 0.12
# A two-syllable word one key away from another is everywhere in a large corpus (대전/대선, 트램/트럼프):
# such a typo match counts for less, and never on its own makes a claim a result.
SHORT_TYPO_KEYS, SHORT_TYPO_FACTOR = 6, 0.75
STRONG_MATCH = 0.75
# A near-synonym or a word's pieces meet it below STRONG_MATCH, so a claim that words a paraphrase
# otherwise holds none surely. In the meaning stage (`soft`) two words met this well are as sure as one
# met strongly: on the blind paraphrases that put the claim in the top five for 0.89 of them, against 0.87.
SOFT_MET = 0.5
SOFT_MET_WORDS = 2
LATIN_PREFIX, LATIN_FUZZY = 0.85, 0.75
CHOSEONG_PREFIX = 0.9


class Field:
    """One analysed field of a claim, with the views of it that matching needs, each made when first asked."""

    def __init__(self, name: str, weight: float, words: list[str], compact: str, numbers: set[str]):
        self.name, self.weight, self.words, self.compact, self.numbers = name, weight, words, compact, numbers
        self._jamo: str | None = None
        self._latin_stems: set[str] | None = None
        self._latin_roots: set[str] | None = None
        self._cho_words: list[str] | None = None
        self._cho_joined: str | None = None
        self._cho_starts: set[str] | None = None
        self._starts: set[int] | None = None

    def coverage_of(self, text: str) -> float:
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

    def holds_word(self, noun: str) -> float:
        """1.0 when a word of the field is `noun`, or `noun` and a particle (쌀, 쌀이 for 쌀; not 쌀쌀한)."""
        return 1.0 if any(w.startswith(noun) and (w == noun or w[len(noun):] in korean.NOUN_PARTICLES)
                          for w in self.words) else 0.0

    @property
    def jamo(self) -> str:
        if self._jamo is None:
            self._jamo = jamo(self.compact)
        return self._jamo

    @property
    def latin_stems(self) -> set[str]:
        if self._latin_stems is None:
            self._latin_stems = {latin_stem(w) for w in self.words if is_latin_word(w)}
        return self._latin_stems

    @property
    def latin_roots(self) -> set[str]:
        """The field's English stems less each derivation ending (islamic → islam): see _derived_in."""
        if self._latin_roots is None:
            self._latin_roots = set().union(*map(latin_roots, self.latin_stems)) if self.latin_stems else set()
        return self._latin_roots

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


def fields_of(analysed_fields: list[AnalysedField]) -> list[Field]:
    return [
        Field(name, FIELD_WEIGHTS.get(name, 0.5), text.split(), text.replace(" ", ""), set(numbers.split()))
        for name, text, numbers in analysed_fields
    ]


def _typo_cutoff(length: int) -> float:
    allowed = 1 if length <= 8 else 2 if length <= 15 else 3
    return 100.0 * (1 - allowed / length) - 1e-6


def _bigram_cover(form: str, text: str) -> float:
    """An upper bound of _pieces, cheaply: the share of `form` inside bigrams that occur in `text`."""
    covered = [False] * len(form)
    for i in range(len(form) - 1):
        if form[i : i + 2] in text:
            covered[i] = covered[i + 1] = True
    return sum(covered) / len(form)


def _pieces(form: str, field: Field) -> float:
    """Share of `form` covered by its longest pieces (two syllables or more) that the field holds."""
    i, covered, n = 0, 0, len(form)
    while i < n - 1:
        j = n
        while j - i >= 2 and not field.coverage_of(form[i:j]):
            j -= 1
        if j - i >= 2:
            covered += j - i
            i = j
        else:
            i += 1
    return covered / n if n else 0.0


def _match_number(unit: Unit, field: Field) -> tuple[float, str]:
    for form in unit.forms:
        if form.text in field.numbers:
            return form.factor, f"{form.label} {form.text}"
    return 0.0, ""


def _match_choseong(unit: Unit, field: Field) -> tuple[float, str]:
    score = max(_choseong_match(form.text, field) for form in unit.forms)
    return score, "초성" if score else ""


def _one_syllable_stem(form: Form, unit: Unit) -> bool:
    """A one-syllable noun taken from a longer word (쌀이 → 쌀): anywhere in a text it is only a syllable."""
    return len(form.text) == 1 and len(unit.text) > 1


def _match_text(unit: Unit, field: Field, forms: list[Form] | None = None,
                best: float = 0.0, how: str = "") -> tuple[float, str]:
    """Words and phrases: a form as text in the field (spaces ignored), else in pieces, else with a typo."""
    forms = unit.forms if forms is None else forms
    for form in forms:  # exact first: the cheap test settles most fields
        if form.factor > best:
            found = field.holds_word(form.text) if _one_syllable_stem(form, unit) else field.coverage_of(form.text)
            if form.factor * found > best:
                best, how = form.factor * found, form.label if found == 1.0 else form.label + INSIDE
    if best >= STEM_FACTOR:
        return best, how
    for text, factor, label in forms:
        if not korean.is_hangul_word(text) or factor * TYPO_BASE <= best:
            continue
        if len(text) >= 3 and _bigram_cover(text, field.compact) >= PIECES_MIN:
            cover = _pieces(text, field)
            if cover >= PIECES_MIN and factor * PIECES_FACTOR * cover > best:
                best, how = factor * PIECES_FACTOR * cover, f"pieces {label} ({cover:.0%})"
        if not unit.fuzzy or field.name not in TYPO_FIELDS:
            continue
        keys = jamo(text)
        if len(keys) >= 4:
            from rapidfuzz import (
                fuzz,  # only now: an exact query never pays for loading it
            )

            cutoff = _typo_cutoff(len(keys))
            ratio = fuzz.partial_ratio(keys, field.jamo, score_cutoff=cutoff)
            if ratio:
                score = factor * (TYPO_BASE + TYPO_SPAN * (ratio - cutoff) / (100 - cutoff))
                if len(keys) <= SHORT_TYPO_KEYS:
                    score *= SHORT_TYPO_FACTOR
                if score > best:
                    best, how = score, f"typo {label} (jamo {ratio:.0f}%)"
    return best, how


def _match_latin(unit: Unit, field: Field) -> tuple[float, str]:
    """An English word: its stem among the field's words (or derived, or a typo of one if no claim holds
    the word as written), else an alias."""
    stem, *aliases = unit.forms
    best, how = _latin_match(stem.text, field, unit.fuzzy)
    return _match_text(unit, field, aliases, best, how)


MATCHERS = {
    Kind.NUMBER: _match_number,
    Kind.CHOSEONG: _match_choseong,
    Kind.LATIN: _match_latin,
    Kind.HANGUL: _match_text,
    Kind.PHRASE: _match_text,
}


def match_unit(unit: Unit, field: Field) -> tuple[float, str]:
    """How well one query unit is met by one field: (score 0..1, how)."""
    return MATCHERS[unit.kind](unit, field)


# What may follow a word for a longer one to be that word derived (islam → islamic, america → american),
# not another word that starts alike (will → willow, trump → trumpet); the stemmer took the inflections.
LATIN_DERIVATIONS = frozenset(("e", "n", "s", "y", "al", "an", "ed", "er", "es", "ic", "ly", "ers", "ful", "ial",
                               "ian", "ing", "ion", "ism", "ist", "ity", "ive", "ize", "ise", "ous", "ical",
                               "ment", "ness", "ation", "ally", "ians", "ists"))


@functools.lru_cache(maxsize=1 << 14)
def latin_roots(stem: str) -> frozenset[str]:
    """The words `stem` may be derived from (american → america): itself less each derivation ending."""
    return frozenset(stem[: -len(e)] for e in LATIN_DERIVATIONS if stem.endswith(e) and len(stem) - len(e) >= 4)


def _derived_in(stem: str, field: Field) -> bool:
    """Whether the field holds `stem` derived (stem + ending) or the word `stem` derives from: set
    lookups, not a scan of the field's words (a post meets hundreds of them)."""
    return stem in field.latin_roots or not latin_roots(stem).isdisjoint(field.latin_stems)


def _latin_match(stem: str, field: Field, fuzzy: bool = True) -> tuple[float, str]:
    doc_stems = field.latin_stems
    if stem in doc_stems:
        return 1.0, "word"
    if len(stem) >= 4 and _derived_in(stem, field):
        return LATIN_PREFIX, "word prefix"
    if fuzzy and len(stem) >= 5:
        from rapidfuzz import fuzz, process

        hit = process.extractOne(stem, doc_stems, scorer=fuzz.ratio, score_cutoff=84)
        if hit:
            return LATIN_FUZZY, f"typo of {hit[0]}"
    return 0.0, ""


def _choseong_match(query: str, field: Field) -> float:
    """초성 spelling one word (ㅇㅌ = 예타), a word with its particle (ㅁㅈ = 면제가), or several words in a
    row (ㅇㅌㅁㅈ = 예타 면제가). Each word it runs into must be covered by two initials or wholly, so
    that ㅎㅎㅎ does not meet 학회 행사 by its last stray ㅎ."""
    cho_words = field.cho_words
    if query in field.cho_joined:  # else no word, nor run of words, starts with it
        if query in cho_words:
            return 1.0
        for i, word in enumerate(cho_words):
            if word.startswith(query) and len(query) >= 2:
                return CHOSEONG_PREFIX
            rest, j = query, i
            while rest and j < len(cho_words) and rest.startswith(cho_words[j]):
                rest, j = rest[len(cho_words[j]):], j + 1
            if j > i and (not rest or (len(rest) >= 2 and j < len(cho_words) and cho_words[j].startswith(rest))):
                return CHOSEONG_PREFIX
    return _choseong_pieces(query, field.cho_starts) if len(query) >= 4 else 0.0


def _choseong_pieces(query: str, starts: set[str]) -> float:
    """초성 typed without spaces (ㄱㅈㄴㅇ = ㄱㅈ ㄴㅇ), like 예타면제확정: pieces of two or more initials,
    each the start of some word of the field, that together spell the whole query."""
    i = 0
    while i < len(query):
        j = len(query)
        while j - i >= 2 and query[i:j] not in starts:
            j -= 1
        if j - i < 2:
            return 0.0
        i = j
    return PIECES_FACTOR


INSIDE = " inside a word"  # the label of a word met only deep inside a longer one


def typed_apart(unit: Unit, units: list[Unit], field: Field) -> bool:
    """Whether the longer word `unit` is met inside is it and a neighbouring word of the query, run together:
    업무 in 주요업무계획 for 주요 업무 계획, a compound typed apart, is met wholly."""
    at = next((i for i, u in enumerate(units) if u is unit), None)
    if at is None or unit.kind is not Kind.HANGUL:
        return False
    before, after = units[at - 1] if at else None, units[at + 1] if at + 1 < len(units) else None
    joined = [before.text + unit.text] if before and before.kind is Kind.HANGUL else []
    joined += [unit.text + after.text] if after and after.kind is Kind.HANGUL else []
    return any(field.coverage_of(text) == 1.0 for text in joined)


class Scored(NamedTuple):
    score: float
    reasons: list[str]
    density: float = 0.0
    elsewhere: bool = False  # the claim does not name a place the query names (its score × PLACE_MISS)


def density(units: list[Unit], fields: list[Field]) -> float:
    """Share of the claim's own text taken up by what the query asked for (its words and aliases)."""
    own = "claim" if any(u.kind in (Kind.HANGUL, Kind.CHOSEONG) for u in units) else "claim_en"
    best = 0.0
    for field in fields:
        if field.name != own or not field.compact:
            continue
        taken = sum(
            len(form.text) * field.compact.count(form.text)
            for unit in units
            if unit.kind not in (Kind.NUMBER, Kind.CHOSEONG)
            for form in unit.forms
            if form.factor >= STEM_FACTOR and len(form.text) >= 2
        )
        best = max(best, min(1.0, taken / len(field.compact)))
    return best


def score_claim(units: list[Unit], fields: list[Field], explain: bool = False, floor: float = 0.0,
                soft: bool = False) -> Scored:
    """The claim's share of the query, 0 unless a unit met surely (or, `soft`, two met well). Without
    `explain`, scoring stops (score 0) once the claim can no longer reach `floor`: the heaviest units go
    first, so most candidates stop after one or two."""
    total = sum(u.weight for u in units) or 1.0
    gained = 0.0
    reasons = []
    strong = False
    met_words = 0
    penalty = 1.0
    left = total
    for unit in units if explain else sorted(units, key=lambda u: -u.weight):
        if gained + left < floor * total:
            return Scored(0.0, reasons)
        left -= unit.weight
        best, where, how, raw = 0.0, "", "", 0.0
        for field in fields:
            if field.weight * 1.0 <= best:
                continue
            if unit.kind is Kind.LATIN and field.name == "claim" and not field.latin_stems:
                continue
            met, how_met = match_unit(unit, field)
            if how_met.endswith(INSIDE) and typed_apart(unit, units, field):
                met, how_met = met / INSIDE_FACTOR, how_met.removesuffix(INSIDE) + " (typed apart)"
            if met * field.weight > best:
                best, where, how, raw = met * field.weight, field.name, how_met, met
        gained += unit.weight * best
        strong = strong or (best and raw >= STRONG_MATCH)
        met_words += raw >= SOFT_MET
        if unit.place and best == 0:
            penalty = PLACE_MISS
            if explain:
                reasons.append(f"{unit.text}: the claim is not about {unit.place} (× {PLACE_MISS})")
        if explain:
            if best:
                reasons.append(f"{unit.text}: {how} in {where} → {best:.2f} × weight {unit.weight:.2f}")
            else:
                reasons.append(f"{unit.text}: not found (weight {unit.weight:.2f})")
    if not strong and not (soft and met_words >= SOFT_MET_WORDS):
        return Scored(0.0, reasons)
    return Scored(penalty * gained / total, reasons, density(units, fields), penalty < 1.0)
