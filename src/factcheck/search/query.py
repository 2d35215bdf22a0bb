"""Queries: what a person types, as units to look for, each with its forms and its weight.

A query becomes *units*: Korean words (with their particle-less stems and alias expansions), English
words and phrases, 초성 strings and number/date tokens (see text/korean.py and text/numbers.py). Each
unit is weighed by how rare it is in the repository (its IDF), so a rare word counts more than a common
one.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from factcheck.search.analysis import (
    ACROSS,
    TokenKind,
    bigrams,
    hangul_runs,
    typo_grams,
)
from factcheck.search.candidates import idf
from factcheck.search.text import korean
from factcheck.search.text.korean import (
    STEM_FACTOR,
    compact,
    fold,
    is_latin_word,
    latin_stem,
    words,
)
from factcheck.search.text.numbers import find_numbers
from factcheck.search.text.posts import plain_english

ALIAS_FACTOR = 1.0  # an alias is the same word: 예타 finds 예비타당성조사 as fully as itself
PREDICATE_WEIGHT = 0.5  # a query's verb (열었나, 만든다던데) weighs half a noun: see korean.PREDICATE_ENDINGS


class Kind(Enum):
    """What a unit is, which decides how it is met: see match.MATCHERS."""

    HANGUL = "hangul"
    LATIN = "latin"  # an English word (or digits the number reader did not take)
    NUMBER = "number"  # a number or date, as number tokens
    CHOSEONG = "choseong"  # initials only, such as ㅇㅌ
    PHRASE = "phrase"  # an English phrase that means one thing ("in a row", "national budget")


# What a form's label starts with when the meaning stage took it by meaning (semantic.py), not by spelling:
# `≈ 과태료 (벌금, kiwi 0.80)`.
SOFT = "≈"


class Form(NamedTuple):
    """One way a unit may appear in a claim, how much a match of it is worth, and how `--explain` names it."""

    text: str
    factor: float
    label: str  # exact, stem 면제, alias 국가예산, place 김제, word, number, 초성, phrase; ≈ … (SOFT)


class Unit:
    """One thing the query asks for; `forms` are its alternatives. A Latin unit's first form is the word's
    stem, which is met as a whole word; its other forms are aliases, met as text like any other."""

    def __init__(self, text: str, kind: Kind, forms: list[Form], weight: float = 1.0, place: str | None = None,
                 claims: int = -1, fuzzy: bool = True):
        self.text, self.kind, self.forms, self.weight = text, kind, forms, weight
        self.place = place  # the local government this word names, if any
        self.claims = claims  # how many claims hold it (its document frequency), once weighed
        # Typo matching is for words no claim holds: a word that occurs as typed is spelled as meant, and
        # fuzzing it would only find its neighbours (대전 → 대선).
        self.fuzzy = fuzzy

    def with_forms(self, forms: list[Form]) -> Unit:
        """This unit with other forms, weighed as it is."""
        return Unit(self.text, self.kind, forms, self.weight, self.place, self.claims, self.fuzzy)

    def with_weight(self, weight: float) -> Unit:
        """This unit with another weight."""
        return Unit(self.text, self.kind, self.forms, weight, self.place, self.claims, self.fuzzy)

    def without_place(self) -> Unit:
        """This unit as a word that names no place (see similar._claim_units)."""
        return Unit(self.text, self.kind, self.forms, self.weight, None, self.claims, self.fuzzy)

    def __repr__(self) -> str:
        return f"Unit({self.text!r}, {self.kind}, {self.forms!r}, weight={self.weight!r})"


def parse_query(query: str, aliases=None) -> list[Unit]:
    from factcheck.search.text.aliases import Aliases

    aliases = aliases if aliases is not None else Aliases([])
    folded = " " + " ".join(plain_english(fold(query)).split()) + " "
    units: list[Unit] = []
    # English phrases that mean one thing ("in a row", "national budget") are one unit, not words.
    for phrase, others in aliases.phrases:
        if f" {phrase} " in folded:
            folded = folded.replace(f" {phrase} ", " ; ")
            forms = [Form(compact(phrase), 1.0, "phrase")]
            forms += [Form(compact(o), ALIAS_FACTOR, f"alias {o}") for o in others]
            units.append(Unit(phrase, Kind.PHRASE, _dedupe(forms)))
    rest = []
    last = 0
    for expr in find_numbers(folded, query=True):
        rest.append(folded[last : expr.start])
        last = expr.end
        units.append(Unit(expr.text.strip(), Kind.NUMBER, [Form(t, 1.0, "number") for t in sorted(expr.tokens)]))
    rest.append(folded[last:])
    # A single Latin letter is what initials and contractions leave (G. Washington, it's): no topic.
    text_words = [w for w in words(" ".join(rest)) if not korean.is_chat_jamo(w) and not _single_letter(w)]
    meaningful = [w for w in text_words if not korean.is_stopword(w) and not korean.only_grammar(w)]
    if not meaningful and not units:
        meaningful = [w for w in text_words if not korean.only_grammar(w)] or text_words
    for word in _split_compounds(meaningful, aliases):
        units.append(_unit(word, aliases))
    return units


def _single_letter(word: str) -> bool:
    return len(word) == 1 and is_latin_word(word)


def _split_compounds(ws: list[str], aliases: dict[str, list[str]]) -> list[str]:
    """Split a space-free Hangul run at a known alias: 예비타당성조사면제 → 예비타당성조사 + 면제."""
    out = []
    for word in ws:
        if not korean.is_hangul_word(word) or word in aliases or len(word) < 4:
            out.append(word)
            continue
        best = max((a for a in aliases if len(a) >= 2 and a in word and a != word and not _name_start(a, word)),
                   key=len, default=None)
        if best is None:
            out.append(word)
            continue
        before, _, after = word.partition(best)
        out.extend(p for p in (before, best, after) if len(p) >= 2 or (p and p not in korean.ENDINGS and p))
    return [w for w in out if w and not korean.only_grammar(w)]


# Words that begin many names (한국유치원총연합회, 한국전력, 대한민국정부): a run they begin is that name, whole.
NAME_STARTS = frozenset(("한국", "대한민국"))


def _name_start(alias: str, word: str) -> bool:
    return alias in NAME_STARTS and word.startswith(alias)


def _unit(word: str, aliases: dict[str, list[str]]) -> Unit:
    if korean.is_choseong_word(word):
        return Unit(word, Kind.CHOSEONG, [Form(word, 1.0, "초성")])
    if is_latin_word(word) or word.isdigit():
        forms = [Form(latin_stem(word), 1.0, "word")]
        forms += [Form(compact(alt), ALIAS_FACTOR, f"alias {alt}") for alt in aliases.get(word, [])]
        return Unit(word, Kind.LATIN, forms)
    from factcheck.search.text.places import place_of

    stems = korean.stems(word)
    forms = [Form(word, 1.0, "exact")]
    forms += [Form(stem, STEM_FACTOR, f"stem {stem}") for stem in stems]
    noun = korean.one_syllable_stem(word)
    if noun:  # met only as a word (match.Field.holds_word), and only while no claim holds the word as typed
        forms.append(Form(noun, STEM_FACTOR, f"stem {noun}"))
    for form in list(forms):
        forms += [Form(compact(alt), form.factor * ALIAS_FACTOR, f"alias {alt}") for alt in aliases.get(form.text, [])]
    # A place is named by the word, its first stem (김제시에서는 → 김제시) or their aliases: a shorter stem
    # can cut a noun short (고양이는 → 고양).
    named = [word, *stems[:1]]
    named += [compact(alt) for text in list(named) for alt in aliases.get(text, [])]
    place = next((p for p in map(place_of, named) if p), None)
    if place and place not in [form.text for form in forms]:
        forms.append(Form(place, 1.0, f"place {place}"))
    return Unit(word, Kind.HANGUL, _dedupe(forms), place=place)


def _dedupe(forms: list[Form]) -> list[Form]:
    seen, out = set(), []
    for form in forms:
        if form.text and form.text not in seen:
            seen.add(form.text)
            out.append(form)
    return out


def _word_grams(text: str) -> list[tuple[str, ...]]:
    """As analysis.index_tokens indexes words: syllable pairs, of which all but the first may span a
    space (ACROSS), and Latin stems; digits only as number tokens."""
    grams = []
    for run in korean.WORD_RE.findall(text):
        if korean.is_hangul_word(run):
            pairs = bigrams(run)
            grams += [(g,) if i == 0 else (g, ACROSS + g) for i, g in enumerate(pairs)]
        elif is_latin_word(run):
            grams.append((latin_stem(run),))
    return list(dict.fromkeys(grams))


# A form's index tokens, by the kind of its unit.
FORM_GRAMS = {
    Kind.NUMBER: lambda text: [(text,)],
    Kind.CHOSEONG: lambda text: [(g,) for g in dict.fromkeys(bigrams(text) or [text])],
    Kind.LATIN: _word_grams,
    Kind.HANGUL: _word_grams,
    Kind.PHRASE: _word_grams,
}


def unit_grams(unit: Unit) -> list[list[tuple[str, ...]]]:
    """Per form, the index tokens that must all be present for that form to occur (for document
    frequency), each as its alternatives."""
    grams_of = FORM_GRAMS[unit.kind]
    return [grams_of(form.text) for form in unit.forms]


def query_grams(units: list[Unit]) -> dict[TokenKind, set[str]]:
    """The index tokens that choose candidates: every form's tokens (within words), plus the typo
    channel for words no claim holds as typed (and 초성, which lives in that column)."""
    exact: set[str] = set()
    typo: set[str] = set()
    for unit in units:
        for form, grams in zip(unit.forms, unit_grams(unit)):
            tokens = {alternatives[0] for alternatives in grams}
            if unit.kind is Kind.CHOSEONG:
                typo |= tokens
                continue
            exact |= tokens
            if unit.fuzzy and unit.kind is not Kind.NUMBER:
                typo.update(g for run in hangul_runs(form.text) for g in typo_grams(run))
    return {TokenKind.EXACT: exact, TokenKind.TYPO: typo}


RUN_TOGETHER_PIECES = 3  # a hashtag in one case (#capetownstorm) is split into at most this many words
RUN_TOGETHER_MIN = 3  # letters of each


def split_run_together(units: list[Unit], doc_freqs, aliases=None) -> bool:
    """Replace, in place, each English word no claim holds that is words claims do hold, run together
    (capetownstorm → cape town storm, as a hashtag in one case is written), by those words; whether any
    was. Units must be weighed already (their `claims` known)."""
    from factcheck.search.text.aliases import Aliases

    aliases = aliases if aliases is not None else Aliases([])
    changed = False
    for i in range(len(units) - 1, -1, -1):
        unit = units[i]
        if unit.kind is not Kind.LATIN or unit.claims != 0 or len(unit.text) < 2 * RUN_TOGETHER_MIN:
            continue
        pieces = _segment(unit.text, doc_freqs)
        if pieces:
            units[i : i + 1] = [_unit(piece, aliases) for piece in pieces]
            changed = True
    return changed


def _segment(word: str, doc_freqs) -> list[str] | None:
    """The fewest pieces (up to RUN_TOGETHER_PIECES) of `word` whose stems claims hold, else None."""
    n = len(word)
    spans = [(i, j) for i in range(n) for j in range(i + RUN_TOGETHER_MIN, n + 1) if (i, j) != (0, n)]
    held = doc_freqs([latin_stem(word[i:j]) for i, j in spans])
    best: dict[int, list[str]] = {0: []}  # the fewest pieces that spell word[:end]
    for end in range(RUN_TOGETHER_MIN, n + 1):
        options = [best[i] + [word[i:end]] for i in range(end - RUN_TOGETHER_MIN + 1)
                   if i in best and (i, end) != (0, n) and held.get(latin_stem(word[i:end]))]
        if options:
            best[end] = min(options, key=len)
    pieces = best.get(n)
    return pieces if pieces and len(pieces) <= RUN_TOGETHER_PIECES else None


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
        if unit.kind is Kind.HANGUL and len(unit.text) < 2:
            df = max(df, total_docs // 2)
        unit.weight = max(0.1, idf(df, total_docs))
        unit.claims = df
        if df == 0:
            unseen.append(unit)
        else:
            unit.fuzzy = False
            if unit.kind is Kind.HANGUL and len(unit.text) > 1:  # 나이 is a word claims hold, not 나 + 이
                unit.forms = [form for form in unit.forms if len(form.text) > 1]
    # A word no claim holds (misspelt, half-remembered, a verb form) would otherwise weigh the most of
    # all and sink the right claim; it counts like a typical word of the query instead, and still counts.
    seen = sorted(u.weight for u in units if u not in unseen)
    if seen and unseen:
        typical = seen[len(seen) // 2]
        for unit in unseen:
            unit.weight = typical
    for unit in units:
        if unit.kind is Kind.HANGUL and korean.is_predicate(unit.text):
            unit.weight *= PREDICATE_WEIGHT
