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

Among the claims the query's words already found, its nouns, verbs and adjectives are compared with
theirs across parts of speech (모자라 ~ 부족 0.68, 감추 ~ 숨기 0.85, 축소 ~ 줄어들 0.61). A compound is
taken for its Korean abbreviation (여성혐오 → 여혐, 출근·퇴근 → 출퇴근) where the index holds one, and an
abbreviation for a found claim's compound (국감 → 국정감사).

Kiwi also reads the nouns under a word's ending (처벌받는다 → 처벌, 명예훼손죄로 → 명예훼손), which the
lexical stemmer cannot strip, in the sentence and in the claims it is compared with (형사처벌을 → 처벌); each
is a form of its word (noun_stems), not a soft one.

The same tier weighs a word that says how a claim is put (a verb, an adverb, 수, 것: LIGHT_TAGS) at half
its weight, since Kiwi can tell it from a word that says what the claim is about.

Each soft form says what it was taken for and how alike (`≈ 과태료 (벌금, kiwi 0.80)`, `≈ 여혐 (여성혐오,
abbreviation)`), which `--explain` shows. Loading the model takes a second or more and half a gigabyte, so
nothing here is imported before this tier runs.
"""

from __future__ import annotations

import functools

from factcheck.search.query import FORM_GRAMS, SOFT, Form, Kind, Unit
from factcheck.search.text.korean import STEM_FACTOR  # Kiwi's noun stems count as the lexical stemmer's do

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

        # Without the dictionaries of common misspellings and multi-word names, Kiwi and its first reading
        # load in about 2.3 s instead of 5 (the first search of a process pays it); the 229 paraphrases of
        # benchmarks/ ranked exactly as with them.
        return Kiwi(load_typo_dict=False, load_multi_dict=False)
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


# The parts of speech compared among the claims found: a query may say with a verb or an adjective what a
# claim says with a noun, or the other way round (모자라 ~ 부족 0.68, 감추 ~ 은폐 0.67, 비싸 ~ 고가 0.63).
VERB_TAGS = ("VV", "VA")
CLAIM_TAGS = (*NOUN_TAGS, *VERB_TAGS)


def morphemes_of(tokens) -> list[tuple[str, str]]:
    """The nouns and the verb and adjective stems of one query word's tokens (감췄다 → 감추), two syllables
    or more: a one-syllable stem is a generic verb (하, 되, 있, 보, 주) as often as not, and the floor keeps
    an antonym that holds the other apart too (싸 in 비싸, 0.81 alike)."""
    return list(dict.fromkeys((t.form, t.tag) for t in tokens if t.tag in CLAIM_TAGS and len(t.form) >= 2))


@functools.lru_cache(maxsize=8)
def _read(words: tuple[str, ...]) -> tuple:
    """Kiwi's tokens of each of a query's words, read once for both light_words and widen."""
    return tuple(korean_model().tokenize(list(words))) if words else ()


def light_words(words: list[str]) -> list[bool]:
    """For each word, whether Kiwi reads it as one of LIGHT_TAGS (see there)."""
    return [bool(tokens) and tokens[0].tag in LIGHT_TAGS for tokens in _read(tuple(words))]


STEM_TAGS = frozenset(("NNG", "NNP"))


def noun_stems(tokens) -> list[tuple[str, float]]:
    """The nouns Kiwi reads in one word, run together as written, with every part of two syllables or more
    (처벌받는다 → 처벌, 명예훼손죄로 → 명예훼손죄, 명예훼손, 훼손죄): the stems a lexical stemmer cannot
    find, since a verb or a case ending is glued to them. A part counts for its share of the word's nouns,
    and an affix stays with its noun (재개발 holds no 개발, 기여율 no 기여)."""
    runs: list[list[str]] = [[]]
    prefix, end = "", None
    for t in tokens:
        glued = t.start == end
        if t.tag in STEM_TAGS:
            form, prefix = (prefix + t.form if glued else t.form), ""
            if not (glued and runs[-1]):
                runs.append([])
            runs[-1].append(form)
        elif t.tag == "XSN" and glued and runs[-1]:
            runs[-1][-1] += t.form
        else:
            prefix = t.form if t.tag == "XPN" else ""
            runs.append([])
        end = t.start + t.len
    whole = sum(len(piece) for run in runs for piece in run) or 1
    found: dict[str, float] = {}
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 1, len(run) + 1):
                part = "".join(run[i:j])
                if len(part) >= 2:
                    found[part] = max(found.get(part, 0.0), round(STEM_FACTOR * len(part) / whole, 3))
    return sorted(found.items(), key=lambda pair: -pair[1])


def stem_form(stem: str, factor: float) -> Form:
    return Form(stem, factor, f"kiwi stem {stem}")


@functools.lru_cache(maxsize=1 << 14)
def _stems_of(word: str) -> tuple[tuple[str, float], ...]:
    return tuple(noun_stems(korean_model().tokenize(word)))


def with_noun_stems(units: list[Unit]) -> list[Unit]:
    """`units` with the nouns under their endings as forms (noun_stems): how a claim's words are read to
    meet a sentence the meaning stage widened, as the sentence's own are."""
    out = []
    for unit in units:
        have = {form.text for form in unit.forms}
        stems = [stem_form(t, f) for t, f in _stems_of(unit.text) if t not in have] if unit.kind is Kind.HANGUL else []
        out.append(unit.with_forms([*unit.forms, *stems]) if stems else unit)
    return out


def _word_at(text: str, start: int) -> str:
    """The word (eojeol) of `text` that holds the character at `start`."""
    return text[text.rfind(" ", 0, start) + 1 : text.find(" ", start) % (len(text) + 1)]


class FoundClaims:
    """What the claims a query's words already found say, for its words to be widened among: their nouns
    and verb and adjective stems, each with the text the matcher meets it by (a noun is a prefix of its
    word, 부족 in 부족해서다; a stem often is not, 숨기 in 숨겼다, and is met by the claim's own word then),
    and their compounds by the abbreviations Korean would shorten them to (노조 → 노동조합)."""

    def __init__(self, texts: list[str]):
        self.morphemes: dict[tuple[str, str], set[str]] = {}
        self.compounds: dict[str, set[str]] = {}
        for text, tokens in zip(texts, korean_model().tokenize(texts)) if texts else ():
            by_word: dict[int, list] = {}
            for t in tokens:
                by_word.setdefault(text.rfind(" ", 0, t.start) + 1, []).append(t)
                if t.tag in CLAIM_TAGS and len(t.form) >= 2:
                    word = _word_at(text, t.start)
                    met = t.form if t.tag in NOUN_TAGS or word.startswith(t.form) else word
                    self.morphemes.setdefault((t.form, t.tag), set()).add(met)
            for of_word in by_word.values():
                for compound, short in _abbreviated(of_word):
                    self.compounds.setdefault(short, set()).add(compound)


def alike_among(morpheme: tuple[str, str], among: dict[tuple[str, str], set[str]]) -> list[tuple[str, float]]:
    """(text met, similarity) for the morphemes of `among` that mean nearly what `morpheme` means, best
    first, whatever their parts of speech (축소 ~ 줄어들, 모자라 ~ 부족). Among a few claims' own words a
    near neighbour need not name the word back (as near_synonyms asks over the whole vocabulary): the
    claims share the query's other words already, so the noise of a rare word's neighbours is not there."""
    model = korean_model()
    form = morpheme[0]
    found = []
    for (other, other_tag), texts in among.items():
        if form in other or other in form:
            continue
        try:
            score = float(model.morpheme_similarity(morpheme, (other, other_tag)))
        except (ValueError, RuntimeError):  # a morpheme Kiwi does not know
            continue
        if score >= SOFT_MIN:
            found += [(text, score) for text in sorted(texts)]
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))[:PER_WORD]


# Korean shortens a compound by the first syllable of each part (여성혐오 → 여혐, 국정감사 → 국감,
# 한국유치원총연합회 → 한유총), and a pair that shares a syllable by writing it once (출근·퇴근 → 출퇴근,
# 수출·수입 → 수출입). Its parts are Kiwi's nouns, a determiner between them (총), and a four-syllable noun
# Kiwi reads whole read as two two-syllable ones (노동조합 → 노동 조합).
PART_TAGS = frozenset(("NNG", "NNP", "MM"))
SPLIT_WHOLE = 4
ABBREVIATION_FACTOR = SOFT_FACTOR  # when it is one, it is the same word; it may also be another word


def _compound(tokens) -> tuple[str, list[str]]:
    """The compound a word begins with (its nouns written together, before any particle or ending) and
    its parts."""
    parts, end = [], None
    for t in tokens:
        if t.tag not in PART_TAGS or (end is not None and t.start != end):
            break
        parts += [t.form[:2], t.form[2:]] if len(t.form) == SPLIT_WHOLE and t.tag != "MM" else [t.form]
        end = t.start + t.len
    while parts and len(parts[-1]) < 2:  # a determiner only counts between nouns
        parts.pop()
    return "".join(parts), parts


def _abbreviated(tokens) -> list[tuple[str, str]]:
    """(compound, abbreviation) for a word that begins with a compound of two parts or more: the first
    syllables of its parts, and of its first three when it has more (한국 유치원 총 연합회 → 한유총)."""
    compound, parts = _compound(tokens)
    if len(parts) < 2 or len(compound) < 4:
        return []
    initials = "".join(part[0] for part in parts)
    return [(compound, short) for short in dict.fromkeys((initials, initials[:3])) if len(short) >= 2]


def _merged(first: str, second: str) -> str | None:
    """Two two-syllable nouns side by side that share a syllable, written once (출근·퇴근 → 출퇴근)."""
    if len(first) != 2 or len(second) != 2 or first == second:
        return None
    if first[1] == second[1]:
        return first[0] + second
    return first + second[1] if first[0] == second[0] else None


def _held(texts: set[str], doc_freqs) -> set[str]:
    """Those of `texts` whose syllable pairs the index holds (as weigh_units counts a form's claims): an
    abbreviation no claim could hold is not worth a form."""
    grams = {text: FORM_GRAMS[Kind.HANGUL](text) for text in texts}
    df = doc_freqs([t for of_text in grams.values() for alternatives in of_text for t in alternatives])
    return {text for text, of_text in grams.items()
            if of_text and all(max(df.get(t, 0) for t in alternatives) for alternatives in of_text)}


def short_forms(tokens_of: dict[int, list], doc_freqs) -> dict[int, list[tuple[str, str]]]:
    """By unit position, (abbreviation, what it shortens) for the Korean words of a query, given by position
    as Kiwi's tokens: a compound's abbreviation, and two neighbouring nouns merged, each kept only when the
    index holds it."""
    found: dict[int, list[tuple[str, str]]] = {}
    nouns = {}
    for i, tokens in tokens_of.items():
        found[i] = [(short, compound) for compound, short in _abbreviated(tokens)]
        nouns[i] = [t.form for t in tokens if t.tag in NOUN_TAGS or t.tag == "NNP"]
    for i in nouns:
        if i + 1 in nouns and nouns[i] and nouns[i + 1]:
            merged = _merged(nouns[i][-1], nouns[i + 1][0])
            if merged:
                pair = f"{nouns[i][-1]}·{nouns[i + 1][0]}"
                found[i].append((merged, pair))
                found[i + 1].append((merged, pair))
    held = _held({short for pairs in found.values() for short, _ in pairs}, doc_freqs) if doc_freqs else set()
    return {i: kept for i, pairs in found.items() if (kept := [pair for pair in pairs if pair[0] in held])}


def widen(units: list[Unit], found_texts: list[str] = (), doc_freqs=None) -> list[Unit] | None:
    """Copies of `units` whose Korean words carry their near-synonyms as soft forms: from the whole
    vocabulary, from the nouns and stems of `found_texts` (the claims the words found), and their
    abbreviations that the index holds by `doc_freqs` (see weigh_units); None when there is nothing to
    widen (no Korean word, no model, or nothing found)."""
    if not any(unit.kind is Kind.HANGUL for unit in units) or korean_model() is None:
        return None
    claims = FoundClaims(list(found_texts))
    korean = [i for i, unit in enumerate(units) if unit.kind is Kind.HANGUL]
    tokens_of = dict(zip(korean, _read(tuple(units[i].text for i in korean))))
    shortened = short_forms(tokens_of, doc_freqs)
    out, looked_up, added = [], 0, False
    for i, unit in enumerate(units):
        if unit.kind is not Kind.HANGUL or unit.place or looked_up >= MAX_NOUNS:
            out.append(unit)
            continue
        have = {form.text for form in unit.forms}
        soft = []

        def add(form: Form) -> None:
            if form.text not in have:
                have.add(form.text)
                soft.append(form)

        def add_soft(text: str, factor: float, why: str) -> None:
            add(Form(text, round(factor, 3), f"{SOFT} {text} ({why})"))

        for stem, factor in noun_stems(tokens_of[i]):
            add(stem_form(stem, factor))
        for short, compound in shortened.get(i, ()):
            add_soft(short, ABBREVIATION_FACTOR, f"{compound}, abbreviation")
        for morpheme in morphemes_of(tokens_of[i]):
            looked_up += 1
            form, tag = morpheme
            for compound in sorted(claims.compounds.get(form, ())) if tag in NOUN_TAGS else ():
                add_soft(compound, ABBREVIATION_FACTOR, f"{form}, abbreviation")
            alike = near_synonyms(form) if tag in NOUN_TAGS else []
            for text, score in [*alike, *alike_among(morpheme, claims.morphemes)]:
                add_soft(text, SOFT_FACTOR * score, f"{form}, kiwi {score:.2f}")
        added = added or bool(soft)
        out.append(unit.with_forms([*unit.forms, *soft]) if soft else unit)
    return out if added else None
