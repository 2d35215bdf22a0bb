"""Claims for `list`: the orders they can be listed in, and the tags a filter that found nothing may have meant.

The records come from the search index (a cache of every claim's record), so a list of thousands of
claims is read in a fraction of a second; ordering them is a sort on a key from this table.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Callable, Iterable

from factcheck.model import STATUS_CODES, claimant_text, tag_key

_LAST = "\U0010ffff"  # sorts after any text: claims with no date or claimant come last


def _by_date(record: dict) -> tuple:
    # Newest first; a month (2025-09) before the days of that month it spans, undated claims last.
    date = str(record.get("claim_date") or "")
    return (not date, [-ord(c) for c in date], record.get("id", ""))


def _by_verdict(record: dict) -> tuple:
    status = record.get("status")
    return (STATUS_CODES.index(status) if status in STATUS_CODES else len(STATUS_CODES), record.get("id", ""))


def _by_claimant(record: dict) -> tuple:
    return (claimant_text(record) or _LAST, record.get("id", ""))


def _by_id(record: dict) -> tuple:
    return (record.get("id", ""),)


# --sort: each order's key, and what it means (the help lists them).
SORTS: dict[str, Callable[[dict], tuple]] = {
    "id": _by_id,  # A to Z
    "date": _by_date,  # newest first
    "verdict": _by_verdict,  # in the scale's order: true first, unverified last
    "claimant": _by_claimant,  # by name, claims with no claimant last
}


def sorted_records(records: Iterable[dict], sort: str = "id") -> list[dict]:
    return sorted(records, key=SORTS[sort])


def tags_in_use(records: Iterable[dict]) -> Counter:
    """Each tag of the claims, with how many claims carry it."""
    return Counter(tag for record in records for tag in dict.fromkeys(record.get("tags") or ()))


def tags_like(wanted: str, records: Iterable[dict], n: int = 8) -> list[str]:
    """The tags closest to `wanted` (spelling, spacing and case aside), else the most used ones."""
    counts = tags_in_use(records)
    by_key: dict[str, str] = {}
    for tag, _count in counts.most_common():
        by_key.setdefault(tag_key(tag), tag)
    close = difflib.get_close_matches(tag_key(wanted), list(by_key), n=n, cutoff=0.4)
    return [by_key[key] for key in close] or [tag for tag, _count in counts.most_common(n)]
