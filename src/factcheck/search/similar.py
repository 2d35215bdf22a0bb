"""Stored claims like a new one: the near-duplicate warning of `factcheck add`, and the refusal of a
claim that is already stored word for word."""

from __future__ import annotations

from factcheck.errors import DataError
from factcheck.store.repo import Repo

DUPLICATE_SIMILARITY = 80  # percent; below this two claims are different claims


def near_duplicates(repo: Repo, record: dict, limit: int = 5) -> list[tuple[int, dict]]:
    """Stored claims that say nearly the same thing, with their similarity in percent.

    Raises DataError when one holds the very same text (spacing, punctuation and case aside): a second
    copy would only split one claim's verdict, sources and history in two, so no --yes lets it in.
    """
    from rapidfuzz import fuzz

    from factcheck.search.ranking import search_claims
    from factcheck.search.text.korean import compact

    text = compact(record["claim"])
    found = []
    for result in search_claims(repo, record["claim"], limit=limit).results:
        stored = compact(result.record.get("claim", ""))
        if stored == text and text:
            stored_id = result.record.get("id")
            raise DataError(f"the claim text is already stored as {stored_id!r}; add to that claim instead "
                            f"(factcheck verdict {stored_id} STATUS --note … --source …)")
        similarity = round(fuzz.ratio(text, stored))
        if similarity >= DUPLICATE_SIMILARITY or result.record.get("id") == record["id"]:
            found.append((similarity, result.record))
    return found
