"""The vocabulary of importing: what an item is, the formats, and the spreadsheet fields a --map can name."""

from __future__ import annotations

from typing import Any

FORMATS = ("auto", "claimreview", "google", "csv", "tsv")

Item = tuple[str, Any]  # (position, record dict) or (position, reason str)
# What reading one odd item can raise: each item is read inside its own boundary, so it is listed and
# skipped, never the end of the import.
UNREADABLE = (RecursionError, ValueError, TypeError, AttributeError, KeyError, IndexError)

# --map fields for spreadsheets, with what they mean; aliases map to a field.
MAP_FIELDS: dict[str, str] = {
    "claim": "the claim text (required)",
    "rating": "the textual rating, e.g. 대체로 사실 or Mostly False (required)",
    "url": "the review's URL, or a template such as https://example.org/facts?id={id}",
    "publisher": "who published the review (or --publisher)",
    "title": "the review's title",
    "reviewed": "the review's date",
    "claim_en": "an English translation of the claim",
    "claimant": "who made the claim",
    "claimant_role": "the claimant's role",
    "claimant_type": "Person or Organization",
    "claim_date": "when the claim was made",
    "appearance": "where the claim appeared (title or description)",
    "appearance_url": "the URL where the claim appeared",
    "tags": "tags separated by , ; or |",
    "rationale": "why the verdict",
    "language": "the review's language code (or --language)",
    "id": "a claim id to keep, when valid",
}
MAP_ALIASES = {"status": "rating", "judge": "rating", "verdict": "rating", "date": "claim_date",
               "review_url": "url", "text": "claim", "source": "appearance"}

