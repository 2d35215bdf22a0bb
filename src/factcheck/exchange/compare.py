"""Other outlets' verdicts beside ours: imported reviews of the same claim, and where they disagree with us.

An imported review (SNU FactCheck, AFP, …) is credited to its publisher, with its own verdict, its own
label and a link to it: what others reviewed stays theirs.

Which imported review is "the same claim" is decided by `similar_imported`, the one place that matches.
It uses the library's search for now; the matching-by-meaning work will provide the similarity the whole
tool shares, and only that function changes then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from factcheck.model import VERDICT_BY_CODE

SEARCH_DEPTH = 50  # results read per query: our own claims rank first among equals, imported ones after
MATCH_SCORE = 70  # percent of our claim's words an imported claim must cover to be taken for the same claim
SHOWN = 5  # other fact-checks listed per claim


@dataclass(frozen=True)
class OtherReview:
    id: str
    claim: str
    publisher: str
    status: str
    rating: str  # the publisher's own label, as imported ("Mostly False", "절반의 사실", …)
    date: str
    url: str
    similarity: int

    @classmethod
    def of(cls, record: dict, similarity: int) -> "OtherReview":
        origin = record.get("origin") or {}
        sources = record.get("sources") or [{}]
        return cls(
            id=record["id"], claim=record.get("claim") or "",
            publisher=origin.get("publisher") or sources[0].get("publisher") or "",
            status=record.get("status") or "unverified", rating=origin.get("rating") or "",
            date=str(record.get("reviewed") or ""), url=origin.get("url") or sources[0].get("url") or "",
            similarity=similarity,
        )

    @property
    def own_words(self) -> str:
        """Their rating as they wrote it, when it says more than the verdict it maps to ("Pants on Fire")."""
        return self.rating if self.rating and self.rating != VERDICT_BY_CODE[self.status].ko else ""

    def as_json(self) -> dict:
        v = VERDICT_BY_CODE[self.status]
        return {**self.__dict__, "status_label": v.ko, "status_label_en": v.en}


def is_imported(record: dict) -> bool:
    return bool(record.get("origin"))


def similar_imported(repo, record: dict) -> list[tuple[int, dict]]:
    """(similarity in percent, record) of imported claims that say what `record` says, best first.

    The swap point for the shared similarity of the matching issue: today, the library's search with the
    claim's own text (and its English translation, for reviews in English), restricted to imported claims.
    """
    from factcheck.search.ranking import search_claims

    best: dict[str, tuple[int, dict]] = {}
    for text in (record.get("claim"), record.get("claim_en")):
        if not text:
            continue
        for result in search_claims(repo, text, limit=SEARCH_DEPTH, meaning=False).results:
            other = result.record
            if not is_imported(other) or other.get("id") == record.get("id") or result.score < MATCH_SCORE:
                continue
            if result.score > best.get(other["id"], (0, None))[0]:
                best[other["id"]] = (result.score, other)
    return sorted(best.values(), key=lambda pair: (-pair[0], pair[1]["id"]))


def other_reviews(repo, record: dict, limit: int = SHOWN) -> list[OtherReview]:
    """Imported reviews of the same claim as `record` (one of ours), most similar first."""
    if is_imported(record):
        return []
    return [OtherReview.of(other, score) for score, other in similar_imported(repo, record)[:limit]]


def rating_gap(ours: str, theirs: str) -> int | None:
    """How far apart two verdicts are on the five-level scale; None when either is 판단 유보."""
    a, b = VERDICT_BY_CODE[ours].rating, VERDICT_BY_CODE[theirs].rating
    return None if a is None or b is None else abs(a - b)


@dataclass(frozen=True)
class Comparison:
    record: dict
    others: list[OtherReview] = field(default_factory=list)

    def as_json(self) -> dict:
        from factcheck.model import state_of

        record = self.record
        v = VERDICT_BY_CODE[record["status"]]
        return {
            "id": record["id"], "claim": record.get("claim"), "state": state_of(record),
            "status": v.code, "status_label": v.ko, "status_label_en": v.en,
            "others": [{**o.as_json(), "gap": rating_gap(v.code, o.status)} for o in self.others],
        }


def reviews_beside(repo, records: Iterable[dict]) -> dict[str, list[OtherReview]]:
    """Other fact-checks for each of our claims in `records` (for the site's pages), by claim id."""
    ours = [r for r in records if not is_imported(r)]
    return {r["id"]: found for r in ours if (found := other_reviews(repo, r))}


def disagreements(repo, records: Iterable[dict], min_gap: int = 1) -> list[Comparison]:
    """Our claims that another outlet rated at least `min_gap` levels apart, widest gap first."""
    found = []
    for record in records:
        if is_imported(record):
            continue
        apart = [o for o in other_reviews(repo, record, limit=SEARCH_DEPTH)
                 if (gap := rating_gap(record["status"], o.status)) is not None and gap >= min_gap]
        if apart:
            found.append(Comparison(record, apart))
    widest = {c.record["id"]: max(rating_gap(c.record["status"], o.status) for o in c.others) for c in found}
    return sorted(found, key=lambda c: (-widest[c.record["id"]], c.record["id"]))
