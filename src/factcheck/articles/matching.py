"""Stored claims that a sentence repeats: the one place where articles meet the claims repository.

Until the library has one similarity for the whole tool (matching by meaning, with its match and related
tiers), this asks the library's search: the sentence, and windows of it, since a stored claim is often
a part of a longer sentence and search scores the share of the query a claim covers. What search finds
is then tiered by how much of the claim the sentence holds: all but a word or two of it is a match, a
good part of it is related.
"""

from __future__ import annotations

from dataclasses import dataclass

WINDOW_WORDS = 9
WINDOW_STEP = 5
SEARCH_LIMIT = 5
MATCH_SHARE = 0.75  # of the claim's content words, in the sentence
RELATED_SHARE = 0.45


@dataclass(frozen=True)
class StoredMatch:
    id: str
    status: str
    tier: str  # match | related
    score: int  # 0..100
    claim: str

    def as_json(self) -> dict:
        return {"id": self.id, "status": self.status, "tier": self.tier, "score": self.score}


def stored_matches(repo, sentence: str, limit: int = 5) -> list[StoredMatch]:
    """The stored claims this sentence repeats (tier "match") or may repeat ("related"), best first."""
    from factcheck.articles.sentences import content_words
    from factcheck.search.ranking import search_claims

    said = content_words(sentence)
    found: dict[str, StoredMatch] = {}
    checked: set[str] = set()  # each claim is tiered once, however many windows find it
    for query in _queries(sentence):
        for result in search_claims(repo, query, limit=SEARCH_LIMIT, meaning=False).results:
            record = result.record
            claim_id = record.get("id")
            if not claim_id or claim_id in checked:
                continue
            checked.add(claim_id)
            claim = content_words(record.get("claim") or "")
            share = _held(claim, said)
            # A sentence that is a part of a longer stored claim (one item of a list) is related to it.
            part = _held(said, claim)
            if share >= MATCH_SHARE:
                found[claim_id] = StoredMatch(claim_id, record.get("status"), "match", round(100 * share), record.get("claim"))
            elif max(share, part if part >= MATCH_SHARE else 0) >= RELATED_SHARE:
                score = round(100 * (share + part) / 2)
                found[claim_id] = StoredMatch(claim_id, record.get("status"), "related", score, record.get("claim"))
    ranked = sorted(found.values(), key=lambda m: (m.tier != "match", -m.score, m.id))
    return ranked[:limit]


def _queries(sentence: str) -> list[str]:
    """The sentence, or overlapping windows of it when it is longer than one: a claim that a long sentence
    holds is most of some window, and a window costs search far less than the whole sentence."""
    words = sentence.split()
    if len(words) <= WINDOW_WORDS:
        return [sentence]
    starts = range(0, len(words) - WINDOW_WORDS + WINDOW_STEP, WINDOW_STEP)
    return list(dict.fromkeys(" ".join(words[i : i + WINDOW_WORDS]) for i in starts))


def _held(claim: frozenset[str], said: frozenset[str]) -> float:
    """The share of the claim's words that the sentence holds (an ending the stemmer missed allowed)."""
    from factcheck.articles.sentences import holds

    if not claim:
        return 0.0
    return sum(1 for word in claim if holds(said, word)) / len(claim)
