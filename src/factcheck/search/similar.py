"""Stored claims like a new one: the near-duplicate warning of `factcheck add`."""

from __future__ import annotations

from factcheck.store.repo import Repo

DUPLICATE_SIMILARITY = 80  # percent; below this two claims are different claims


def near_duplicates(repo: Repo, record: dict, limit: int = 5) -> list[tuple[int, dict]]:
    """Stored claims that say nearly the same thing, with their similarity in percent."""
    from rapidfuzz import fuzz

    from factcheck.search.ranking import search_claims
    from factcheck.search.text.korean import compact

    text = compact(record["claim"])
    found = []
    for result in search_claims(repo, record["claim"], limit=limit).results:
        similarity = round(fuzz.ratio(text, compact(result.record.get("claim", ""))))
        if similarity >= DUPLICATE_SIMILARITY or result.record.get("id") == record["id"]:
            found.append((similarity, result.record))
    return found
