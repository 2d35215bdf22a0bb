"""Ranking: the search itself, from a query to the claims that answer it, in two honest tiers.

The query (a few typed words, a sentence, a post: text/posts.py cleans it) is parsed into units
(query.py) and handed to the tiers in turn (TIERS); the meaning tier runs only for a sentence or a post
whose words found no match, or when asked (see `wanted`). Every claim a tier looks at is compared with the query by the one similarity (similar.py):

- **matches** are surely about the query: a claim that holds MIN_SCORE of the query's weight (what the
  lexical search always required of typed words; to a sentence such a claim must also be related), or,
  for a sentence or a post, one whose similarity to it reaches MATCH_SIMILARITY (the claim is said in it,
  give or take a few words) or that stands clear of every other claim (CLEAR_RATIO: a paraphrase shares
  few words with its claim, but more than with any other);
- **related** results may be the same claim said otherwise: the best of the rest, down to
  RELATED_SIMILARITY, each with its similarity and the reason for it.

Typed queries rank their matches as they always did (the share of the query first); sentences rank by
similarity, so the claim the text repeats comes before one that merely shares its rarest word.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from factcheck.i18n import Message
from factcheck.model import is_selected
from factcheck.search.candidates import choose_candidates
from factcheck.search.match import Field, Scored, fields_of, match_unit, score_claim
from factcheck.search.query import Kind, Unit, parse_query, query_grams, split_run_together, weigh_units
from factcheck.textclean import clean

if TYPE_CHECKING:
    from factcheck.search.index import Index, Row
    from factcheck.search.similar import Similarity, Text

MIN_SCORE = 0.6  # share of a typed query's weight a claim must cover to be a match
SENTENCE_UNITS = 5  # a query of this many units is a sentence or a post rather than typed keywords
MATCH_SIMILARITY = 0.45  # a sentence this alike to a claim is about it
# A sentence's most alike claim is also a match when it stands clear of every other claim (the ratio test
# of nearest-neighbour matching): a paraphrase shares few words with the claim it repeats, but more than
# with any other claim, while a sentence about something else shares a word or two with many.
CLEAR_RATIO = 1.4  # the most alike claim this many times as alike as the next one stands clear
CLEAR_SIMILARITY = 0.3  # and is at least this alike: one rare word in common is not enough
RELATED_SIMILARITY = 0.1  # below this a claim is not even related (0.2 hid the gold claim of 1 CLEF tweet in 10)
RELATED_LIMIT = 5  # related results shown at most
COMPARED = 80  # claims compared both ways, those holding the most of the query
# The claims the lexical tier hands on for the meaning tier to widen the query's words among: more than it
# compares, since a paraphrase's claim shares few of its words (160 rather than 80 put one more claim in the
# top five on the older paraphrase set's dev half; Kiwi reads them in tens of milliseconds).
WIDEN_AMONG = 160
SCORE_ALL_BELOW = 500  # repositories this small are scored whole; larger ones use the index's candidates
# In a sentence or a post, a word no claim holds is a name, a date of posting or slang more often than a
# typo: it counts for this share of a typical word, so that what a post adds cannot sink the claim it
# repeats (a typed query keeps query.weigh_units' rule: such a word counts like a typical one).
UNSEEN_IN_SENTENCE = 0.25
LIGHT_WEIGHT = 0.5  # of its weight a light word keeps in the meaning tier (see `lighten`)
RRF_CONSTANT = 60  # reciprocal-rank fusion's k (Cormack et al. 2009), as commonly used
# e5's cosines are compressed (a paraphrase 0.92, unrelated claims 0.85-0.90): a twentieth of the words'
# similarity (0.1-0.5) is the size of the gaps between them. Ordered so, Korean related claims put the claim
# in the top five for 0.94 of the blind paraphrases, against 0.92 by the cosine alone (see embedding_tier).
WORDS_NUDGE = 0.05
MEANING_SIDE = "meaning"  # Similarity.side of a claim the embedding tier found: its score is a cosine's likeness


class SearchResult(NamedTuple):
    record: dict
    score: int
    explain: list[str]
    similarity: float = 0.0
    reason: str = ""

    def as_json(self, explain: bool = False) -> dict:
        from factcheck.model import VERDICT_BY_CODE, state_of

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
            "state": state_of(record),  # draft | review | published: what the desk has done with it
            "score": self.score,
            "similarity": self.similarity,
            "reason": self.reason,
            "tags": record.get("tags") or [],
            "sources": record.get("sources") or [],
        }
        if explain:
            data["explain"] = self.explain
        return data


class SearchOutcome:
    def __init__(self, results: list[SearchResult], problems: list, units: list[Unit],
                 related: list[SearchResult] | None = None, tiers: list[str] | None = None,
                 skipped: list[str] | None = None):
        self.results = results  # the matches
        self.problems = problems
        self.units = units
        self.related = [] if related is None else related
        self.tiers = [] if tiers is None else tiers  # the tiers that ran, in order
        self.skipped = [] if skipped is None else skipped  # tiers wanted but not installed (no Kiwi: words alone)


class Request(NamedTuple):
    """What the person asked for: the query as typed and as units, and which claims may answer."""

    text: str
    units: list[Unit]
    status: str | None = None
    tag: str | None = None
    explain: bool = False
    meaning: bool | None = None  # None: the meaning tier runs when the words found no match
    soft: bool = False  # the units carry near-synonyms: a typed query then finds related claims only
    matched_ids: tuple = ()  # the claims earlier tiers matched, best first
    held: tuple = ()  # the rows holding the most of the query, first, as the lexical tier scored them (Found.held)
    similarities: tuple = ()  # (claim id, similarity) of the related claims earlier tiers found

    def admits(self, row: Row) -> bool:
        return is_selected(row.status, row.tags, self.status, self.tag)

    @property
    def found_ids(self) -> list[str]:
        """The claims earlier tiers found, best first: matches, then related by similarity (the embedding
        tier embeds them first)."""
        related = sorted(self.similarities, key=lambda pair: -pair[1])
        return [*self.matched_ids, *(claim_id for claim_id, _similarity in related)]

    @property
    def sentence(self) -> bool:
        return len(self.units) >= SENTENCE_UNITS


class Match(NamedTuple):
    row: Row
    scored: Scored
    similarity: Similarity | None = None

    @property
    def score(self) -> float:
        """What the match is ranked by: the share of the query, or for a sentence the similarity if higher."""
        return max(self.scored.score, self.similarity.score if self.similarity else 0.0)


class Found(NamedTuple):
    matches: list[Match]
    related: list[Match]
    units: list[Unit] | None = None  # the units the tier matched with, when not the request's own
    unavailable: bool = False  # the tier's language resource is not installed
    order: list[str] | None = None  # the related claims' ids in the order to show them, when the tier sets it
    # The rows holding the most of the query, first (WIDEN_AMONG of them): the meaning tier widens the query's
    # words among their words (none when typed words matched, as nothing was compared).
    held: tuple = ()


def rank_key(match: Match) -> tuple:
    """The match's score first (to two decimals); between equal scores the repository's own claims before
    imported ones, then the claim that is most about the query, then the shorter claim, then its id."""
    scored, row = match.scored, match.row
    return (-round(match.score, 2), row.imported, -scored.density, row.claim_length, row.claim_id)


def related_key(match: Match) -> tuple:
    return (-round(match.similarity.score, 3), match.row.imported, match.row.claim_length, match.row.claim_id)


def weigh(index: Index, request: Request) -> None:
    weigh_units(request.units, max(index.count(), 1), index.doc_freqs)
    if split_run_together(request.units, index.doc_freqs, index.aliases()):  # a one-case hashtag, typed or posted
        weigh_units(request.units, max(index.count(), 1), index.doc_freqs)
    if request.sentence:
        seen = sorted(u.weight for u in request.units if u.claims)
        typical = seen[len(seen) // 2] if seen else 1.0
        for unit in request.units:
            if unit.claims == 0:  # a one-syllable noun (쌀이 → 쌀) has no token to count: it weighs as typical
                unit.weight = typical if any(len(f.text) == 1 for f in unit.forms) else UNSEEN_IN_SENTENCE * typical


def compared(index: Index, request: Request, rows: list[Row]) -> Found:
    """Each admitted claim as a match, a related result or neither (see the module docstring)."""
    typed = not request.sentence and not request.soft
    matches, rest = [], []
    for row in rows:
        if not request.admits(row):
            continue
        fields = fields_of(row.analysed_fields)
        if typed:  # most claims stop after a unit or two here (score_claim's floor)
            scored = score_claim(request.units, fields, request.explain, floor=MIN_SCORE)
            if scored.score >= MIN_SCORE:
                matches.append(Match(row, scored))
                continue
        rest.append((row, fields))
    if matches:
        return Found(matches, [])
    from factcheck.search.similar import analyse_text, compare  # a typed query that matched never needs it

    # Both sides of the similarity for the claims that hold the most of the query; below them a claim
    # would need to hold almost nothing of the query and be almost all in it, which a claim never is.
    held = [(row, fields, score_claim(request.units, fields, request.explain, soft=request.soft))
            for row, fields in rest]
    held = sorted((item for item in held if item[2].score), key=lambda item: -item[2].score)
    text: Text | None = None
    related = []
    for row, fields, scored in held[:COMPARED]:
        text = text or analyse_text(request.text, index, request.units, widened=request.soft)
        similarity = compare(text, fields, index, request.explain, scored)
        match = Match(row, scored._replace(reasons=similarity.reasons), similarity)
        # A match is at least related: holding MIN_SCORE of a sentence is not enough when the two are
        # otherwise unalike, as where the sentence's other words are in no claim (a repository of a few),
        # the one or two it shares with a long claim (시민, 반영) carry most of its weight.
        surely = scored.score >= MIN_SCORE and not request.soft and similarity.score >= RELATED_SIMILARITY
        if surely or (request.sentence and similarity.score >= MATCH_SIMILARITY):
            matches.append(match)
        elif similarity.score >= RELATED_SIMILARITY:
            related.append(match)
    # Not for near-synonyms: Kiwi also puts unrelated nouns close (보고회 ≈ 공수처 0.75), and a claim that
    # stands clear of the rest by one of those is not surely about the sentence.
    if request.sentence and not request.soft and not matches and related:
        clear = standing_clear(related)
        # The same news of another city (its work plan, its budget) stands as clear of the other claims as
        # the claim it would repeat: a claim that does not name the sentence's place is not made a match.
        if clear is not None and not clear.scored.elsewhere:
            related.remove(clear)
            matches.append(clear)
    return Found(matches, related, held=tuple(row for row, _fields, _scored in held[:WIDEN_AMONG]))


def claim_words(row: Row) -> str:
    return next((text for name, text, _numbers in row.analysed_fields if name == "claim"), "")


def standing_clear(related: list[Match]) -> Match | None:
    """The most alike claim, if it stands clear of the next one that words a different claim (see
    CLEAR_RATIO); a claim stored twice in the same words is one claim here."""
    ranked = sorted(related, key=related_key)
    best = ranked[0]
    if best.similarity.score < CLEAR_SIMILARITY:
        return None
    wording = claim_words(best.row)
    runner_up = next((m for m in ranked[1:] if claim_words(m.row) != wording), None)
    # With no other claim even related there is nothing to stand clear of: a repository of a few claims
    # says nothing about how alike a sentence about something else would be to them.
    if runner_up is not None and best.similarity.score >= CLEAR_RATIO * runner_up.similarity.score:
        return best
    return None


def best_held(index: Index, request: Request, limit: int = WIDEN_AMONG) -> list[Row]:
    """The admitted claims that hold the most of the query's words (what `compared` hands on as Found.held,
    when typed words matched and it compared none)."""
    held = []
    for row in candidate_rows(index, request.units):
        if request.admits(row):
            score = score_claim(request.units, fields_of(row.analysed_fields)).score
            if score:
                held.append((score, row))
    held.sort(key=lambda pair: -pair[0])
    return [row for _score, row in held[:limit]]


def candidate_rows(index: Index, units: list[Unit]) -> list[Row]:
    if index.count() <= SCORE_ALL_BELOW:
        return index.rows()
    return choose_candidates(index, query_grams(units))


def lexical_tier(index: Index, request: Request) -> Found:
    """The claims that hold the query's words (or their stems, aliases, pieces, typos, 초성, numbers)."""
    weigh(index, request)
    return compared(index, request, candidate_rows(index, request.units))


def meaning_tier(index: Index, request: Request) -> Found:
    """The query's words widened by meaning (semantic.py): near-synonyms counted for less than the word.
    With the `meaning` extra it runs before the embeddings too: its matches come first, and on the blind
    paraphrases they took hit@5 from 0.88 to 0.92 and matches alone from 0.45 to 0.50 (Kiwi's load is paid
    beside e5's)."""
    if request.meaning is False:
        return Found([], [])
    from factcheck.search.semantic import korean_model, widen

    if any(unit.kind is Kind.HANGUL for unit in request.units) and korean_model() is None:
        return Found([], [], unavailable=True)
    # weighed already, by the lexical tier: a near-synonym adds no weight, a light word loses some
    lightened = lighten(request.units)
    held = request.held or best_held(index, request)
    widened = widen(lightened, [claim_words(row) for row in held], index.doc_freqs)
    if widened is None:
        if lightened == request.units:
            return Found([], [])
        widened = lightened
    seen = sorted(u.weight for u in widened if u.claims)
    typical = seen[len(seen) // 2] if seen else 1.0
    for before, unit in zip(lightened, widened):
        if unit is not before and unit.claims == 0:  # a word no claim holds, now with a meaning some do
            unit.weight = max(unit.weight, typical)
    soft = Request(request.text, widened, request.status, request.tag, request.explain, request.meaning, soft=True)
    return compared(index, soft, candidate_rows(index, widened))._replace(units=widened)


def lighten(units: list[Unit]) -> list[Unit]:
    """The units, a Korean word that says how rather than what (semantic.LIGHT_TAGS) weighing LIGHT_WEIGHT
    of what it did: on 100 paraphrases written blind, it put the claim in the top five for 0.82 of them,
    against 0.80 with every word weighed alike."""
    from factcheck.search.semantic import light_words

    korean = [unit for unit in units if unit.kind is Kind.HANGUL]
    light = {id(unit) for unit, is_light in zip(korean, light_words([u.text for u in korean])) if is_light}
    return [unit.with_weight(LIGHT_WEIGHT * unit.weight) if id(unit) in light else unit for unit in units]


def wanted(meaning: bool | None, request: Request, matched: bool) -> bool:
    """Whether a later tier runs: when asked (`meaning` True), never when forbidden (False), and by default
    for a sentence or a post whose words matched nothing. A few typed words widened by meaning could find
    related claims only, which is not worth the model's load (seconds, half a gigabyte) on every
    "no matching claim": `--meaning` asks for it."""
    if meaning is not None:
        return meaning
    return not matched and request.sentence


def embedding_tier(index: Index, request: Request) -> Found:
    """The claims nearest in meaning to the whole query (embedding.py), when the `meaning` extra is installed:
    related results, each with its cosine's likeness (embedding.likeness). Without the extra the tier is
    skipped without a word, as search by words is whole without it."""
    from factcheck.search import embedding
    from factcheck.search.similar import Similarity

    if not embedding.installed() or embedding.model() is None:  # an extra not installed: nothing to say
        return Found([], [], unavailable=True)
    try:
        near, of_found = embedding.nearest(index, request.text, request.found_ids)
    except (OSError, sqlite3.Error):  # the vectors' file cannot be written or read: search by words stands
        return Found([], [], unavailable=True)
    nearest = dict(near)
    related = []
    for row in index.rows_of(list(nearest)):
        if not request.admits(row):
            continue
        cosine = nearest[row.claim_id]
        scored = score_claim(request.units, fields_of(row.analysed_fields), request.explain)
        reasons = [*scored.reasons, f"≈ {embedding.MODEL} cosine {cosine:.2f}"] if request.explain else []
        similarity = Similarity(embedding.likeness(cosine), scored.score, 0.0, scored, side=MEANING_SIDE,
                                reasons=reasons)
        related.append(Match(row, scored._replace(reasons=reasons), similarity))
    related.sort(key=related_key)
    if any(unit.kind is Kind.HANGUL for unit in request.units):
        return Found([], related, order=by_meaning_and_words({**of_found, **nearest}, dict(request.similarities)))
    # English: the words' ranking and the embeddings' are about as good (CLEF 2020 dev MAP@5 0.794 and 0.809),
    # and their reciprocal-rank fusion, with the usual constant, beats both (0.852). In Korean the embeddings
    # rank far better (hit@5 0.91 against 0.79 on the blind paraphrases), and fusing by rank lowered hit@1
    # (0.76 to 0.69), so Korean keeps the cosines, only nudged by the words (by_meaning_and_words).
    fused: dict[str, float] = {}
    for ranked in (request.found_ids, [match.row.claim_id for match in related]):
        for position, claim_id in enumerate(ranked):
            fused[claim_id] = fused.get(claim_id, 0.0) + 1 / (RRF_CONSTANT + position)
    return Found([], related, order=sorted(fused, key=lambda claim_id: -fused[claim_id]))


def by_meaning_and_words(cosines: dict[str, float], similarities: dict[str, float]) -> list[str]:
    """Claims, best first, by their cosine to a Korean sentence, nudged by WORDS_NUDGE of their words'
    similarity; a claim the words found that has no cosine counts as at the embeddings' FLOOR."""
    from factcheck.search.embedding import FLOOR

    closeness = {claim_id: cosines.get(claim_id, FLOOR) + WORDS_NUDGE * similarities.get(claim_id, 0.0)
                 for claim_id in {*cosines, *similarities}}
    return sorted(closeness, key=lambda claim_id: (-closeness[claim_id], claim_id))


# The tiers, in order, each with its name: the costlier tiers cost nothing when the words were found
# (see `wanted`).
TIERS: tuple[tuple[str, Callable[[Index, Request], Found]], ...] = (
    ("lexical", lexical_tier),
    ("meaning", meaning_tier),
    ("embedding", embedding_tier),
)


def reason_of(units: list[Unit], fields: list[Field], similarity: Similarity | None) -> Message | str:
    """A short why: the query's words the claim holds (and how, when not as written), and the similarity."""
    met = []
    for unit in units:
        best, how = 0.0, ""
        for fld in fields:
            score, label = match_unit(unit, fld)
            if score * fld.weight > best:
                best, how = score * fld.weight, label
        if best >= 0.4:  # a soft match counts 0.8 × its similarity: 0.48 at the least
            plain = how in ("exact", "word", "number", "phrase", "초성") or unit.kind is Kind.NUMBER
            met.append(unit.text if plain else f"{unit.text} ({how})")
    met = list(dict.fromkeys(met))  # a post may say a word twice (#Gimje … Gimje)
    words = clean(", ".join(met[:8]) + (" …" if len(met) > 8 else ""), single_line=True)
    if similarity is not None and similarity.side == MEANING_SIDE:
        if words:
            return Message("alike in meaning ({likeness:.2f}); holds {words}", likeness=similarity.score,
                           words=words)
        return Message("alike in meaning ({likeness:.2f})", likeness=similarity.score)
    if similarity is None:
        return Message("holds {words}", words=words) if words else ""
    shares = dict(query=similarity.query_share, claim=similarity.claim_share)
    if words:
        return Message("shares {query:.0%} of the query and {claim:.0%} of the claim: {words}", words=words, **shares)
    return Message("shares {query:.0%} of the query and {claim:.0%} of the claim", **shares)


def _result(index: Index, request: Request, match: Match) -> SearchResult:
    similarity = match.similarity
    fields = fields_of(match.row.analysed_fields)
    return SearchResult(
        index.record(match.row),
        min(100, round(100 * match.score)),
        [clean(r) for r in match.scored.reasons],
        round(similarity.score if similarity else match.scored.score, 2),
        reason_of(request.units, fields, similarity),  # a Message: its words cleaned in it
    )


def search_claims(repo, query: str, limit: int = 10, status=None, tag=None, explain=False,
                  meaning: bool | None = None) -> SearchOutcome:
    """Matches (`results`) and related claims (`related`) for `query`; `meaning` True runs the meaning
    tier even after a match, False never, None (the default) for a sentence whose words found no match."""
    from factcheck.search.index import open_index
    from factcheck.search.text.posts import clean_post

    index = open_index(repo)
    text = clean_post(query)
    units = parse_query(text, index.aliases())
    if not units:
        return SearchOutcome([], index.problems, units)
    found: dict[str, tuple[Match, Request]] = {}  # claim id -> its best related result, and the request
    matches: list[tuple[Match, Request]] = []
    ran, skipped = [], []
    order: list[str] | None = None  # the related claims in the order a tier fused them, if it did
    held: tuple = ()  # the rows the lexical tier held best (Found.held)
    for name, tier in TIERS:
        request = Request(text, units, status, tag, explain, meaning,
                          matched_ids=tuple(m.row.claim_id for m, _r in matches), held=held,
                          similarities=tuple((claim_id, pair[0].similarity.score) for claim_id, pair in found.items()))
        if name != "lexical" and not wanted(meaning, request, bool(matches)):
            break
        outcome = tier(index, request)
        if outcome.unavailable:
            skipped.append(name)
            continue
        ran.append(name)
        if outcome.units is not None:  # the results' reasons name the soft matches too
            request = request._replace(units=outcome.units)
        order = outcome.order or order
        held = held or outcome.held
        seen = {m.row.claim_id for m, _r in matches}
        matches += [(m, request) for m in outcome.matches if m.row.claim_id not in seen]
        for match in outcome.related:
            best = found.get(match.row.claim_id)
            # The words read again (lightened, widened by meaning) weigh the claim better than before.
            if best is None or outcome.units is not None:
                found[match.row.claim_id] = (match, request)
            elif match.similarity.score > best[0].similarity.score:  # by its embedding, found closer
                earlier, request_before = best  # the words it was found by before still explain it
                reasons = list(dict.fromkeys([*earlier.scored.reasons, *match.scored.reasons]))
                found[match.row.claim_id] = (match._replace(scored=match.scored._replace(reasons=reasons)),
                                             request_before)
    matched = {m.row.claim_id for m, _r in matches}
    matches.sort(key=lambda pair: rank_key(pair[0]))
    position = {claim_id: i for i, claim_id in enumerate(order or [])}
    related = sorted((pair for cid, pair in found.items() if cid not in matched),
                     key=lambda pair: (position.get(pair[0].row.claim_id, len(position)), related_key(pair[0])))
    results = [_result(index, request, match) for match, request in matches[:limit]]
    related_results = [_result(index, request, match) for match, request in related[: min(limit, RELATED_LIMIT)]]
    return SearchOutcome(results, index.problems, units, related_results, ran, skipped)
