"""Stored claims that a sentence repeats: the one place where articles meet the claims repository.

Each sentence is compared with the stored claims by the tool's one similarity, `search.similar`: the
same comparison that search ranks by, that `factcheck add` warns of near-duplicates with and that
`factcheck import` reports duplicates with. Its three figures are tiered as search tiers them, into
matches and related claims, with cut-offs for a sentence of an article, measured on labelled sentences
(benchmarks/articles/repeats.yaml; `benchmarks/bench_articles.py --matching` prints how each choice does):

- **match**: the stored claim is said in the sentence. Either the sentence meets `claim_share` of the
  claim's weight (a claim is often one part of a longer sentence, which may hold two claims), or the
  whole sentence is in the claim (`part_share` of the sentence's weight) and the two are
  `match_similarity` alike (the sentence says the heart of a claim that says a little more). Alike as
  wholes is not enough on its own: "2026년은 민선 8기 마지막 해" is 0.74 alike to "2026년은 민선 8기 결실의
  해", and the one word that differs is the claim.
- **related**: the sentence may repeat the claim, or a part of it: the two are `related_similarity`
  alike, or the whole sentence is in the claim (one item of a stored list).

A match needs some word met surely, not only by the soft forms of meaning (search's own rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from factcheck.search.similar import Similarity


class Cutoffs(NamedTuple):
    claim_share: float = 0.8  # of the claim's weight, met in the sentence: the claim is said in it
    match_similarity: float = 0.6  # the two, as wholes
    related_similarity: float = 0.35
    part_share: float = 0.9  # of the sentence's weight, met in the claim: the sentence is a part of it


CUTOFFS = Cutoffs()


@dataclass(frozen=True)
class StoredMatch:
    id: str
    status: str
    tier: str  # match | related
    score: int  # the similarity, 0..100
    claim: str

    def as_json(self) -> dict:
        return {"id": self.id, "status": self.status, "tier": self.tier, "score": self.score}


def tier_of(similarity: Similarity, cutoffs: Cutoffs = CUTOFFS) -> str | None:
    """"match", "related" or None for a sentence and a claim this alike (see the module docstring)."""
    if not similarity.strong:
        return None
    part = similarity.query_share >= cutoffs.part_share
    if similarity.claim_share >= cutoffs.claim_share or (part and similarity.score >= cutoffs.match_similarity):
        return "match"
    if part or similarity.score >= cutoffs.related_similarity:
        return "related"
    return None


class Matcher:
    """The stored claims of one repository, its index opened once for all the sentences of an article."""

    def __init__(self, repo):
        from factcheck.search.index import open_index

        self.index = open_index(repo)

    def similarities(self, sentence: str) -> list[tuple[Similarity, object]]:
        """Every stored claim (or, in a large repository, every candidate) with its similarity to `sentence`."""
        from factcheck.search.similar import similar_claims

        return similar_claims(self.index, sentence, limit=max(self.index.count(), 1), minimum=0.0)

    def matches(self, sentence: str, limit: int = 5, cutoffs: Cutoffs = CUTOFFS) -> list[StoredMatch]:
        """The stored claims this sentence repeats (tier "match") or may repeat ("related"), best first."""
        found = []
        for similarity, row in self.similarities(sentence):
            tier = tier_of(similarity, cutoffs)
            if tier is not None:
                record = self.index.record(row)
                found.append(StoredMatch(row.claim_id, record.get("status"), tier, round(100 * similarity.score),
                                         record.get("claim")))
        found.sort(key=lambda m: (m.tier != "match", -m.score, m.id))
        return found[:limit]


def stored_matches(repo, sentence: str, limit: int = 5) -> list[StoredMatch]:
    """The stored claims one sentence repeats or may repeat; for many sentences, use one Matcher."""
    return Matcher(repo).matches(sentence, limit)
