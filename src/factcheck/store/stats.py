"""Counts over a set of claims: by verdict (in scale order), by claimant and by tag."""

from __future__ import annotations

from collections import Counter

from factcheck.model import STATUS_CODES


def claim_stats(records: list[dict], top: int = 15) -> dict:
    by_status = Counter(r.get("status") for r in records)
    by_claimant = Counter((r.get("claimant") or {}).get("name") or "(unknown)" for r in records)
    by_tag = Counter(tag for r in records for tag in (r.get("tags") or []))
    return {
        "total": len(records),
        "by_status": [[code, by_status[code]] for code in STATUS_CODES if by_status[code]],
        "by_claimant": [[name, n] for name, n in by_claimant.most_common(top)],
        "by_tag": [[tag, n] for tag, n in by_tag.most_common(top)],
    }
