"""Search and ranking: what a person types, matched against claims the way they meant it.

A query becomes *units*: Korean words (with their particle-less stems and alias expansions), English
words, 초성 strings and number/date tokens (see korean.py and numbers.py). Each unit is matched
against each field of a claim and scored 0..1:

    1.0   the word (or an alias of it) appears, spaces ignored            예타면제 ~ 예타 면제
    0.9   its stem appears (particle or ending dropped)                  면제됐나요 ~ 면제
    0.9   it is covered by pieces that appear (space-free compounds)     예타면제확정 ~ 예타 면제가 … 확정
    0.8+  it appears with a typo: keystroke-jamo partial match within    면졔 ~ 면제, 국가애산 ~ 국가예산
          one edit per ~7 keystrokes
    1.0   초성 that spell a word's initials                              ㅇㅌ ~ 예타

times the field's weight (claim first, then tags and entities, claimant, rationale, sources). A claim's
score is the IDF-weighted share of the query it covers, so a rare word counts more than a common one
and an unrelated query covers nothing. Results below MIN_SCORE are not shown: "no matching claim" is an
answer. Large repositories are first narrowed to a few hundred candidates by the index (syllable
bigrams, and 초성/vowel bigrams that survive a one-key typo), then ranked the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from factcheck.model import is_selected
from factcheck.search.analysis import (
    ACROSS,
    HANGUL_RUN,
    TYPO_FIELDS,
    Field,
    bigrams,
    fields_of,
    typo_grams,
)
from factcheck.search.text import korean
from factcheck.search.text.korean import (
    STEM_FACTOR,
    compact,
    fold,
    jamo,
    latin_stem,
    words,
)
from factcheck.search.text.numbers import find_numbers
from factcheck.textclean import clean

MIN_SCORE = 0.6  # share of the query's weight a claim must cover to be shown
PLACE_MISS = 0.6  # a claim that does not mention a place the query names answers another question
ALIAS_FACTOR = 1.0  # an alias is the same word: 예타 finds 예비타당성조사 as fully as itself
PIECES_FACTOR = 0.9
PIECES_MIN = 0.6  # pieces must cover this share of a word
PREDICATE_WEIGHT = 0.5  # a query's verb (열었나, 만든다던데) weighs half a noun: see korean.PREDICATE_ENDINGS
TYPO_BASE, TYPO_SPAN = 0.78, 0.12
# A two-syllable word one key away from another is everywhere in a large corpus (대전/대선, 트램/트럼프):
# such a typo match counts for less, and never on its own makes a claim a result.
SHORT_TYPO_KEYS, SHORT_TYPO_FACTOR = 6, 0.75
STRONG_MATCH = 0.75
LATIN_PREFIX, LATIN_FUZZY = 0.85, 0.75
CHOSEONG_PREFIX = 0.9
# Ranking: the share of the query a claim covers first (to two decimals); between equal shares the
# repository's own claims before imported ones, then the claim that is most about the query.
SCORE_ALL_BELOW = 500  # repositories this small are scored whole; larger ones use index candidates (300 + own 200)
CANDIDATES = 300


# --------------------------------------------------------------------------- queries


@dataclass
class Unit:
    """One thing the query asks for; `forms` are (text, factor, how) alternatives of it."""

    text: str
    kind: str  # hangul | latin | number | choseong | phrase
    forms: list[tuple[str, float, str]]
    weight: float = 1.0
    place: str | None = None  # the local government this word names, if any
    # Typo matching is for words no claim holds: a word that occurs as typed is spelled as meant, and
    # fuzzing it would only find its neighbours (대전 → 대선).
    fuzzy: bool = True


def parse_query(query: str, aliases=None) -> list[Unit]:
    from factcheck.search.text.aliases import Aliases

    aliases = aliases if aliases is not None else Aliases([])
    folded = " " + " ".join(fold(query).split()) + " "
    units: list[Unit] = []
    # English phrases that mean one thing ("in a row", "national budget") are one unit, not words.
    for phrase, others in aliases.phrases:
        if f" {phrase} " in folded:
            folded = folded.replace(f" {phrase} ", " ; ")
            forms = [(compact(phrase), 1.0, "phrase")] + [(compact(o), ALIAS_FACTOR, f"alias {o}") for o in others]
            units.append(Unit(phrase, "phrase", _dedupe(forms)))
    rest = []
    last = 0
    for expr in find_numbers(folded, query=True):
        rest.append(folded[last : expr.start])
        last = expr.end
        units.append(Unit(expr.text.strip(), "number", [(t, 1.0, "number") for t in sorted(expr.tokens)]))
    rest.append(folded[last:])
    text_words = [w for w in words(" ".join(rest)) if not korean.is_chat_jamo(w)]
    meaningful = [w for w in text_words if not korean.is_stopword(w) and not korean.only_grammar(w)]
    if not meaningful and not units:
        meaningful = [w for w in text_words if not korean.only_grammar(w)] or text_words
    for word in _split_compounds(meaningful, aliases):
        units.append(_unit(word, aliases))
    return units


def _split_compounds(ws: list[str], aliases: dict[str, list[str]]) -> list[str]:
    """Split a space-free Hangul run at a known alias: 예비타당성조사면제 → 예비타당성조사 + 면제."""
    out = []
    for word in ws:
        if not korean.is_hangul_word(word) or word in aliases or len(word) < 4:
            out.append(word)
            continue
        best = max((a for a in aliases if len(a) >= 2 and a in word and a != word), key=len, default=None)
        if best is None:
            out.append(word)
            continue
        before, _, after = word.partition(best)
        out.extend(p for p in (before, best, after) if len(p) >= 2 or (p and p not in korean.ENDINGS and p))
    return [w for w in out if w and not korean.only_grammar(w)]


def _unit(word: str, aliases: dict[str, list[str]]) -> Unit:
    if korean.is_choseong_word(word):
        return Unit(word, "choseong", [(word, 1.0, "초성")])
    if "a" <= word[0] <= "z" or word.isdigit():
        forms = [(latin_stem(word), 1.0, "word")]
        forms += [(compact(alt), ALIAS_FACTOR, f"alias {alt}") for alt in aliases.get(word, [])]
        return Unit(word, "latin", forms)
    from factcheck.search.text.places import place_of

    forms = [(word, 1.0, "exact")]
    forms += [(stem, STEM_FACTOR, f"stem {stem}") for stem in korean.stems(word)]
    for text, factor, _how in list(forms):
        forms += [(compact(alt), factor * ALIAS_FACTOR, f"alias {alt}") for alt in aliases.get(text, [])]
    place = next((p for p in (place_of(text) for text, _f, _h in forms) if p), None)
    if place and place not in [f[0] for f in forms]:
        forms.append((place, 1.0, f"place {place}"))
    return Unit(word, "hangul", _dedupe(forms), place=place)


def _dedupe(forms):
    seen, out = set(), []
    for form in forms:
        if form[0] and form[0] not in seen:
            seen.add(form[0])
            out.append(form)
    return out


def unit_grams(unit: Unit) -> list[list[tuple[str, ...]]]:
    """Per form, the index tokens that must all be present for that form to occur (for document
    frequency), each as its alternatives: a bigram after a form's first may span a space (ACROSS)."""
    out = []
    for text, _factor, _how in unit.forms:
        if unit.kind == "number":
            out.append([(text,)])
        elif unit.kind == "choseong":
            out.append([(g,) for g in dict.fromkeys(bigrams(text) or [text])])
        else:
            grams = []
            for run in korean.WORD_RE.findall(text):
                if korean.is_hangul_word(run):
                    pairs = bigrams(run)
                    grams += [(g,) if i == 0 else (g, ACROSS + g) for i, g in enumerate(pairs)]
                elif "a" <= run[0] <= "z":  # as doc_grams indexes them: digits only as number tokens
                    grams.append((latin_stem(run),))
            out.append(list(dict.fromkeys(grams)))
    return out


def query_grams(units: list[Unit]) -> tuple[set[str], set[str]]:
    """The index tokens that choose candidates: every form's tokens (within words), plus the typo
    channel for words no claim holds as typed (and 초성, which lives in that column)."""
    exact: set[str] = set()
    typo: set[str] = set()
    for unit in units:
        for (text, _factor, _how), grams in zip(unit.forms, unit_grams(unit)):
            tokens = {alternatives[0] for alternatives in grams}
            if unit.kind == "choseong":
                typo |= tokens
                continue
            exact |= tokens
            if unit.fuzzy and unit.kind != "number":
                typo.update(g for run in HANGUL_RUN.findall(text) for g in typo_grams(run))
    return exact, typo


def weigh_units(units: list[Unit], total_docs: int, doc_freqs) -> None:
    """IDF weights: `doc_freqs(tokens)` says how many claims hold each token; a form's frequency is its
    rarest token's, a unit's is its most common form's (any form may match)."""
    grams_of_units = [unit_grams(unit) for unit in units]
    doc_freq = doc_freqs([t for grams in grams_of_units for form in grams for alts in form for t in alts])
    unseen = []
    for unit, form_grams in zip(units, grams_of_units):
        frequencies = [
            min((max(doc_freq[t] for t in alternatives) for alternatives in grams), default=total_docs)
            for grams in form_grams
            if grams
        ]
        df = max(frequencies, default=total_docs)
        if unit.kind == "hangul" and len(unit.text) < 2:
            df = max(df, total_docs // 2)
        unit.weight = max(0.1, math.log(1 + (total_docs - df + 0.5) / (df + 0.5)))
        if df == 0:
            unseen.append(unit)
        else:
            unit.fuzzy = False
    # A word no claim holds (misspelt, half-remembered, a verb form) would otherwise weigh the most of
    # all and sink the right claim; it counts like a typical word of the query instead, and still counts.
    seen = sorted(u.weight for u in units if u not in unseen)
    if seen and unseen:
        typical = seen[len(seen) // 2]
        for unit in unseen:
            unit.weight = typical
    for unit in units:
        if unit.kind == "hangul" and korean.is_predicate(unit.text):
            unit.weight *= PREDICATE_WEIGHT


# --------------------------------------------------------------------------- matching


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


def _pieces(form: str, fld: Field) -> float:
    """Share of `form` covered by its longest pieces (two syllables or more) that the field holds."""
    i, covered, n = 0, 0, len(form)
    while i < n - 1:
        j = n
        while j - i >= 2 and not fld.holds(form[i:j]):
            j -= 1
        if j - i >= 2:
            covered += j - i
            i = j
        else:
            i += 1
    return covered / n if n else 0.0


def match_unit(unit: Unit, fld: Field) -> tuple[float, str]:
    """How well one query unit is met by one field: (score 0..1, how)."""
    if unit.kind == "number":
        return next(((f, f"{how} {t}") for t, f, how in unit.forms if t in fld.numbers), (0.0, ""))
    if unit.kind == "choseong":
        score = max(_choseong_match(t, fld) for t, _f, _h in unit.forms)
        return score, "초성" if score else ""
    best, how = 0.0, ""
    for text, factor, label in unit.forms:  # exact first: the cheap test settles most fields
        if unit.kind == "latin" and label == "word":
            score, kind = _latin_match(text, fld.latin)
            if score > best:
                best, how = score, kind
        elif factor > best:
            found = fld.holds(text)
            if factor * found > best:
                best, how = factor * found, label if found == 1.0 else f"{label} inside a word"
    if best >= STEM_FACTOR:
        return best, how
    for text, factor, label in unit.forms:
        if not korean.is_hangul_word(text) or factor * TYPO_BASE <= best:
            continue
        if len(text) >= 3 and _bigram_cover(text, fld.compact) >= PIECES_MIN:
            cover = _pieces(text, fld)
            if cover >= PIECES_MIN and factor * PIECES_FACTOR * cover > best:
                best, how = factor * PIECES_FACTOR * cover, f"pieces {label} ({cover:.0%})"
        if not unit.fuzzy or fld.name not in TYPO_FIELDS:
            continue
        keys = jamo(text)
        if len(keys) >= 4:
            from rapidfuzz import (
                fuzz,  # only now: an exact query never pays for loading it
            )

            cutoff = _typo_cutoff(len(keys))
            ratio = fuzz.partial_ratio(keys, fld.jamo, score_cutoff=cutoff)
            if ratio:
                score = factor * (TYPO_BASE + TYPO_SPAN * (ratio - cutoff) / (100 - cutoff))
                if len(keys) <= SHORT_TYPO_KEYS:
                    score *= SHORT_TYPO_FACTOR
                if score > best:
                    best, how = score, f"typo {label} (jamo {ratio:.0f}%)"
    return best, how


def _latin_match(stem: str, doc_words: set[str]) -> tuple[float, str]:
    if stem in doc_words:
        return 1.0, "word"
    if len(stem) >= 4 and any(w.startswith(stem) or (len(w) >= 4 and stem.startswith(w)) for w in doc_words):
        return LATIN_PREFIX, "word prefix"
    if len(stem) >= 5:
        from rapidfuzz import fuzz, process

        hit = process.extractOne(stem, doc_words, scorer=fuzz.ratio, score_cutoff=84)
        if hit:
            return LATIN_FUZZY, f"typo of {hit[0]}"
    return 0.0, ""


def _choseong_match(query: str, fld: Field) -> float:
    """초성 spelling one word (ㅇㅌ = 예타), a word with its particle (ㅁㅈ = 면제가), or several words in a
    row (ㅇㅌㅁㅈ = 예타 면제가). Each word it runs into must be covered by two initials or wholly, so
    that ㅎㅎㅎ does not meet 학회 행사 by its last stray ㅎ."""
    cho_words = fld.cho_words
    if query in fld.cho_joined:  # else no word, nor run of words, starts with it
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
    return _choseong_pieces(query, fld.cho_starts) if len(query) >= 4 else 0.0


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


@dataclass
class Scored:
    score: float
    reasons: list[str] = field(default_factory=list)
    density: float = 0.0


def density(units: list[Unit], fields: list[Field]) -> float:
    """Share of the claim's own text taken up by what the query asked for (its words and aliases)."""
    own = "claim" if any(u.kind in ("hangul", "choseong") for u in units) else "claim_en"
    best = 0.0
    for fld in fields:
        if fld.name != own or not fld.compact:
            continue
        taken = sum(
            len(text) * fld.compact.count(text)
            for unit in units
            if unit.kind not in ("number", "choseong")
            for text, factor, _how in unit.forms
            if factor >= STEM_FACTOR and len(text) >= 2
        )
        best = max(best, min(1.0, taken / len(fld.compact)))
    return best


def score_claim(units: list[Unit], fields: list[Field], explain: bool = False, floor: float = 0.0) -> Scored:
    """The claim's share of the query. Without `explain`, scoring stops (score 0) once the claim can
    no longer reach `floor`: the heaviest units go first, so most candidates stop after one or two."""
    total = sum(u.weight for u in units) or 1.0
    gained = 0.0
    reasons = []
    strong = False
    penalty = 1.0
    left = total
    for unit in units if explain else sorted(units, key=lambda u: -u.weight):
        if gained + left < floor * total:
            return Scored(0.0, reasons)
        left -= unit.weight
        best, where, how, raw = 0.0, "", "", 0.0
        for fld in fields:
            if fld.weight * 1.0 <= best:
                continue
            if unit.kind == "latin" and fld.name == "claim" and not fld.latin:
                continue
            m, kind = match_unit(unit, fld)
            if m * fld.weight > best:
                best, where, how, raw = m * fld.weight, fld.name, kind, m
        gained += unit.weight * best
        strong = strong or (best and raw >= STRONG_MATCH)
        if unit.place and best == 0:
            penalty = PLACE_MISS
            if explain:
                reasons.append(f"{unit.text}: the claim is not about {unit.place} (× {PLACE_MISS})")
        if explain:
            if best:
                reasons.append(f"{unit.text}: {how} in {where} → {best:.2f} × weight {unit.weight:.2f}")
            else:
                reasons.append(f"{unit.text}: not found (weight {unit.weight:.2f})")
    if not strong:
        return Scored(0.0, reasons)
    return Scored(penalty * gained / total, reasons, density(units, fields))


# --------------------------------------------------------------------------- the search


@dataclass
class SearchResult:
    record: dict
    score: int
    explain: list[str]

    def as_json(self, explain: bool = False) -> dict:
        from factcheck.model import VERDICT_BY_CODE

        record = self.record
        verdict = VERDICT_BY_CODE.get(record.get("status"))
        data = {
            "id": record.get("id"),
            "claim": record.get("claim"),
            "claim_en": record.get("claim_en"),
            "claimant": record.get("claimant"),
            "claim_date": record.get("claim_date"),
            "status": record.get("status"),
            "status_label": verdict.ko if verdict else None,
            "status_label_en": verdict.en if verdict else None,
            "score": self.score,
            "tags": record.get("tags") or [],
            "sources": record.get("sources") or [],
        }
        if explain:
            data["explain"] = self.explain
        return data


@dataclass
class SearchOutcome:
    results: list[SearchResult]
    problems: list
    units: list[Unit]


def search_claims(repo, query: str, limit: int = 10, status=None, tag=None, explain=False) -> SearchOutcome:
    from factcheck.search.index import open_index

    index = open_index(repo)
    units = parse_query(query, index.aliases())
    if not units:
        return SearchOutcome([], index.problems, units)
    weigh_units(units, max(index.count(), 1), index.doc_freqs)
    if index.count() <= SCORE_ALL_BELOW:
        rows = index.rows()
    else:
        exact, typo = query_grams(units)
        rows = index.candidates(exact, typo, CANDIDATES)
    ranked = []
    for row in rows:
        if not is_selected(row.status, row.tags, status, tag):
            continue
        scored = score_claim(units, fields_of(row.keys), explain, floor=MIN_SCORE)
        if scored.score >= MIN_SCORE:
            rank = (-round(scored.score, 2), row.imported, -scored.density, row.claim_length, row.claim_id)
            ranked.append((rank, scored.score, row, scored.reasons))
    ranked.sort(key=lambda item: item[0])
    results = [
        SearchResult(index.record(row), min(100, round(100 * score)), [clean(r) for r in reasons])
        for _rank, score, row, reasons in ranked[:limit]
    ]
    return SearchOutcome(results, index.problems, units)
