"""What a source check is given, and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from factcheck.model import today

# Outcomes where no page was read: nothing about the page is stored by --update.
UNREAD = frozenset({"dead", "error", "blocked"})
DEAD_HTTP = frozenset({404, 410})
REDIRECT_HTTP = frozenset({301, 302, 303, 307, 308})
JSON_KEYS = ("claim_id", "url", "final_url", "status", "http_status", "quote_found", "quote_score", "error")


# --------------------------------------------------------------------------- what is checked, what comes back


@dataclass(frozen=True)
class SourceTarget:
    """One source of one claim, with what the last `--update` stored about it."""

    claim_id: str
    index: int  # position in the claim's `sources` list
    url: str
    quote: str
    fingerprint: str | None = None
    final_url: str | None = None


def targets_for(record: dict) -> list[SourceTarget]:
    """The sources of a (normalised) claim record, ready for `check_sources`."""
    return [
        SourceTarget(
            claim_id=record["id"],
            index=i,
            url=source["url"],
            quote=source.get("quote") or "",
            fingerprint=source.get("fingerprint"),
            final_url=source.get("final_url"),
        )
        for i, source in enumerate(record.get("sources") or [])
    ]


@dataclass
class SourceResult:
    claim_id: str
    index: int
    url: str
    status: str  # one of model.CHECK_STATUSES
    final_url: str | None = None
    http_status: int | None = None
    quote_found: bool | None = None  # None when no page was read
    quote_score: float | None = None
    error: str | None = None  # why, for dead / error / blocked
    fingerprint: str | None = None
    checked: str = field(default_factory=today)
    closest: str | None = None  # the passage closest to a missing quote: shows what was edited

    @property
    def problem(self) -> bool:
        return self.status != "ok"

    def as_json(self) -> dict:
        return {key: getattr(self, key) for key in JSON_KEYS}


ProgressCallback = Callable[[int, int, SourceResult], None]


def group_by_claim(results: Iterable) -> dict[str, list]:
    """Results (of a check or an archive run) grouped by their claim's id, in the order the claims first appear."""
    groups: dict[str, list] = {}
    for result in results:
        groups.setdefault(result.claim_id, []).append(result)
    return groups
