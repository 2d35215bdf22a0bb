"""Items from a saved Google Fact Check Tools `claims:search` response."""

from __future__ import annotations

from typing import Any, Iterator

from factcheck.exchange.claimreview import InvalidItem
from factcheck.exchange.importing.items import UNREADABLE, Item
from factcheck.exchange.reviews import clean_text, parse_date, review_record
from factcheck.i18n import Message

# --------------------------------------------------------------------------- Google Fact Check Tools responses


def google_items(response: dict, where: str = "") -> Iterator[Item]:
    """Items from a `claims:search` response (or our saved `{fetched_at, count, claims}` form)."""
    for number, claim in enumerate(response.get("claims") or [], 1):
        label = f"claim {number}"
        yield from google_claim_items(claim, f"{where}, {label}" if where else label)


def google_claim_items(claim: Any, where: str) -> Iterator[Item]:
    """One API claim gives one item per review of it."""
    if not isinstance(claim, dict):
        yield where, Message("not a JSON object but {kind}", kind=type(claim).__name__)
        return
    reviews = claim.get("claimReview")
    if not isinstance(reviews, list) or not reviews:
        yield where, Message("no claimReview")
        return
    for number, review in enumerate(reviews, 1):
        position = where if len(reviews) == 1 else f"{where}, review {number}"
        try:
            yield position, google_record(claim, review)
        except InvalidItem as exc:
            yield position, exc.message
        except UNREADABLE as exc:
            yield position, Message("cannot be read: {kind}", kind=type(exc).__name__)


def google_record(claim: dict, review: Any) -> dict:
    if not isinstance(review, dict):
        raise InvalidItem("claimReview is not a JSON object but {kind}", kind=type(review).__name__)
    publisher = review.get("publisher") if isinstance(review.get("publisher"), dict) else {}
    fields = {
        "claim": claim.get("text"),
        "claimant": {"name": claim.get("claimant")} if isinstance(claim.get("claimant"), str) else {},
        "claim_date": _field_date(claim.get("claimDate"), "claimDate"),
        "rating": review.get("textualRating"),
        "review_url": review.get("url"),
        "publisher": clean_text(publisher.get("name")) or clean_text(publisher.get("site")),
        "review_title": review.get("title"),
        "review_date": _field_date(review.get("reviewDate"), "reviewDate"),
        "language": review.get("languageCode"),
    }
    return review_record(fields, fmt="google")


def _field_date(value: Any, what: str) -> str | None:
    try:
        return parse_date(value)
    except InvalidItem as exc:
        raise InvalidItem("{what}: {exc}", what=what, exc=exc) from None
