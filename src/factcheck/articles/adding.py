"""Accepted candidates become claims through the same path as `factcheck add`.

`editing.new_claim` makes the record (status unverified, a history entry, today's review date), the
article becomes its appearance, and `Repo.create` validates and writes it atomically. A candidate that
repeats a stored claim, or that `add`'s near-duplicate check finds stored, is never added again.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.articles.extract import Candidate
from factcheck.articles.text import Article
from factcheck.i18n import Message
from factcheck.model import HTTP_URL_RE


@dataclass(frozen=True)
class Added:
    text: str
    id: str | None  # None when it was not added
    path: str | None = None
    reason: str | None = None  # why not: "already stored as <id>"

    def as_json(self) -> dict:
        return {"text": self.text, "id": self.id, "path": self.path, "reason": self.reason}


def candidate_record(candidate: Candidate, article: Article, text: str | None = None) -> dict:
    """The new claim for a candidate (its text edited to `text`, when given), unverified."""
    from factcheck.store.editing import new_claim

    who = candidate.claimant
    record = new_claim(
        claim_text=text or candidate.text,
        claimant=who.name if who else None,
        claimant_role=who.role if who else None,
        claim_date=candidate.claim_date,
        status="unverified",
        entities=candidate.entities,
    )
    if who and "claimant" in record:
        record["claimant"]["type"] = who.type
    appearance = {
        "publisher": article.publisher,
        "title": article.title,
        "url": article.url if article.url and HTTP_URL_RE.match(article.url) else None,
        "date": article.date,
    }
    appearance = {key: value for key, value in appearance.items() if value}
    if not appearance:
        return record
    # Where the seed claims keep it: after the claim date, before the tags and the verdict.
    keys = list(record)
    at = keys.index("claim_date") + 1 if "claim_date" in keys else keys.index("claim") + 1
    return {**{k: record[k] for k in keys[:at]}, "appearance": appearance, **{k: record[k] for k in keys[at:]}}


def already_stored(repo, candidate: Candidate, record: dict) -> str | None:
    """Why this candidate is a claim stored already ("already stored as <id>"), else None."""
    from factcheck.errors import DataError
    from factcheck.search.similar import near_duplicates

    if candidate.stored is not None and record["claim"] == candidate.text:
        return Message("already stored as {id}", id=candidate.stored.id)
    try:
        duplicates = near_duplicates(repo, record)
    except DataError as exc:  # its very words are stored: add's own refusal, in add's words
        stored = getattr(exc.message, "params", {}).get("stored_id")
        return Message("the claim text is already stored as {id!r}", id=stored) if stored else exc.message
    return Message("already stored as {id}", id=duplicates[0][1].get("id")) if duplicates else None


def add_candidate(repo, candidate: Candidate, article: Article, text: str | None = None) -> Added:
    """Store the candidate as a draft claim, as `factcheck add` does: nothing is published unreviewed."""
    from factcheck.store.desk import draft

    record = draft(candidate_record(candidate, article, text))
    reason = already_stored(repo, candidate, record)
    if reason:
        return Added(record["claim"], None, reason=reason)
    path = repo.create(record)
    return Added(record["claim"], record["id"], str(path))


def add_candidates(repo, candidates: list[Candidate], article: Article, min_score: int) -> list[Added]:
    """Add every candidate scoring at least `min_score`, best first; none that is stored already."""
    return [add_candidate(repo, c, article) for c in candidates if c.score >= min_score]
