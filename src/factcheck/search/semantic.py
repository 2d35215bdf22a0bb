"""Meaning: a query's words widened to their near-synonyms, for the tier that runs when a sentence's words
alone matched nothing (or when asked: `factcheck search --meaning`).

Korean near-synonyms come from Kiwi's CoNg morpheme embeddings (kiwipiepy with kiwipiepy_model, from the
package registry; nothing is downloaded at run time): 비행기 → 항공기 0.70, 벌금 → 과태료 0.80, 휴대폰 →
핸드폰 0.83. They are taken with care, because the embeddings also place co-hyponyms close (에이즈/말라리아
0.75) and give rare words lists of noise that all score alike:

- a neighbour counts only at SOFT_MIN or more, and only if the word is among the neighbour's own
  NEIGHBOURS as well (a rare word's noisy neighbours do not name it back);
- a soft match counts SOFT_FACTOR times its similarity, always less than the word itself;
- a neighbour that holds the word or is held by it (벌금형, 벌금) adds nothing the matcher does not
  already find, and is skipped.

The same tier weighs a word that says how a claim is put (a verb, an adverb, 수, 것: LIGHT_TAGS) at half
its weight, since Kiwi can tell it from a word that says what the claim is about.

Each soft form says what it was taken for and how alike (`≈ 과태료 (벌금, kiwi 0.80)`), which `--explain`
shows. Loading the model takes a second or more and half a gigabyte, so nothing here is imported before
this tier runs.
"""

from __future__ import annotations

import functools

from factcheck.search.query import Form, Kind, Unit

SOFT_MIN = 0.6
SOFT_FACTOR = 0.8
NEIGHBOURS = 20
# Common nouns only: a name or a place has co-hyponyms, not synonyms (대전 is not 전주, 홍준표 not 김문수).
NOUN_TAGS = ("NNG",)
PER_WORD = 4  # near-synonyms kept for one noun
MAX_NOUNS = 16  # nouns of one query looked up at most (a long post has many)
# What a word is, by its first morpheme: a predicate, an adverb, a determiner or a dependent noun says how a
# claim is put, and a paraphrase puts it otherwise (부풀려져 for 과장돼), while a claim about something else
# shares it easily (늘릴 수 있다, 것이다, 있지 않다). The nouns say what the claim is about, and stay.
LIGHT_TAGS = frozenset({"VV", "VA", "VX", "VCN", "VCP", "MAG", "MAJ", "MM", "NNB", "IC", "XR"})


@functools.cache
def korean_model():
    """Kiwi, or None when kiwipiepy or its model is not installed (search then works by words alone)."""
    try:
        from kiwipiepy import Kiwi

        return Kiwi()
    except (ImportError, OSError, RuntimeError, ValueError):  # not installed, or its model package missing
        return None


@functools.lru_cache(maxsize=4096)
def _neighbours(noun: str) -> tuple[tuple[str, float], ...]:
    model = korean_model()
    out: dict[str, float] = {}
    for tag in NOUN_TAGS:
        try:
            similar = model.most_similar_morphemes((noun, tag), top_n=NEIGHBOURS)
        except (ValueError, RuntimeError):  # not a morpheme Kiwi knows with that tag
            continue
        for morpheme in similar:
            if morpheme.tag in NOUN_TAGS and morpheme.score > out.get(morpheme.form, 0.0):
                out[morpheme.form] = float(morpheme.score)
    return tuple(sorted(out.items(), key=lambda pair: -pair[1]))


def near_synonyms(noun: str) -> list[tuple[str, float]]:
    """Nouns that mean nearly what `noun` means, with their similarity, best first (see the docstring)."""
    found = []
    for other, score in _neighbours(noun):
        if score < SOFT_MIN or len(other) < 2 or noun in other or other in noun:
            continue
        if noun not in dict(_neighbours(other)):  # not named back: noise around a rare word
            continue
        found.append((other, score))
        if len(found) == PER_WORD:
            break
    return found


def nouns_of(word: str) -> list[str]:
    """The nouns Kiwi reads in one query word (원자력발전소의 → 원자력, 발전소), two syllables or more."""
    return [t.form for t in korean_model().tokenize(word) if t.tag in NOUN_TAGS and len(t.form) >= 2]


def light_words(words: list[str]) -> list[bool]:
    """For each word, whether Kiwi reads it as one of LIGHT_TAGS (see there)."""
    if not words:
        return []
    return [bool(tokens) and tokens[0].tag in LIGHT_TAGS for tokens in korean_model().tokenize(words)]


def candidate_nouns(texts: list[str]) -> set[str]:
    """The nouns of the claims a query's words already found, to look for its near-synonyms among."""
    found = set()
    for tokens in korean_model().tokenize(texts):
        found.update(t.form for t in tokens if t.tag in NOUN_TAGS and len(t.form) >= 2)
    return found


def alike_among(noun: str, nouns: set[str]) -> list[tuple[str, float]]:
    """The nouns of `nouns` that mean nearly what `noun` means, best first. Among a few claims' own nouns a
    near neighbour need not name the word back (as near_synonyms asks over the whole vocabulary): the
    claims share the query's other words already, so the noise of a rare word's neighbours is not there."""
    model = korean_model()
    found = []
    for other in nouns:
        if noun in other or other in noun:
            continue
        try:
            score = float(model.morpheme_similarity((noun, "NNG"), (other, "NNG")))
        except (ValueError, RuntimeError):  # a noun Kiwi does not know
            continue
        if score >= SOFT_MIN:
            found.append((other, score))
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))[:PER_WORD]


def widen(units: list[Unit], found_texts: list[str] = ()) -> list[Unit] | None:
    """Copies of `units` whose Korean words carry their near-synonyms as soft forms: from the whole
    vocabulary, and from the nouns of `found_texts` (the claims the words found); None when there is
    nothing to widen (no Korean word, no model, or no near-synonym found)."""
    if not any(unit.kind is Kind.HANGUL for unit in units) or korean_model() is None:
        return None
    among = candidate_nouns(list(found_texts)) if found_texts else set()
    out, looked_up, added = [], 0, False
    for unit in units:
        if unit.kind is not Kind.HANGUL or unit.place or looked_up >= MAX_NOUNS:
            out.append(unit)
            continue
        have = {form.text for form in unit.forms}
        soft = []
        for noun in dict.fromkeys(nouns_of(unit.text)):
            looked_up += 1
            for other, score in [*near_synonyms(noun), *alike_among(noun, among)]:
                if other not in have:
                    have.add(other)
                    soft.append(Form(other, round(SOFT_FACTOR * score, 3), f"≈ {other} ({noun}, kiwi {score:.2f})"))
        added = added or bool(soft)
        out.append(unit.with_forms([*unit.forms, *soft]) if soft else unit)
    return out if added else None
