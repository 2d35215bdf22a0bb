"""schema.org ClaimReview JSON-LD, both ways: a claim record out, and a publisher's review in.

Out (`to_claimreview`) follows Google's ClaimReview guidelines: a short `claimReviewed` (under about 75
characters, never the verdict), `reviewRating` with `alternateName` and the 1..5 scale of `model.VERDICTS`
(none for `unverified`), `url` where the report is published, `author`, `datePublished`, `itemReviewed` as a
`Claim` with its author, date and appearance, and `inLanguage`. It also carries what an import needs to give
the same claim back: `identifier` (the id), the full claim text (`itemReviewed.text`), the English
translation (`itemReviewed.workTranslation`), the rationale (`reviewBody`), tags (`keywords`), entities
(`about`), and every source as a `citation` CreativeWork whose `text` is the quote.

Not exported: `history` and the link-check fields of sources (`checked`, `check_status`, `final_url`,
`fingerprint`); they are the newsroom's working notes, not part of the published review.

In is `exchange.reviews`; the rating table lives in `exchange.ratings`.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from factcheck.errors import SaysMessage
from factcheck.i18n import Message
from factcheck.model import verdict
from factcheck.store.settings import settings_from

SCHEMA_ORG = "https://schema.org"
CLAIM_REVIEWED_LIMIT = 75  # Google: "less than 75 characters to minimize wrapping on mobile devices"
# Claim texts that only hold a placeholder (the Google data has claims whose text is just "CLAIM").
PLACEHOLDER_CLAIMS = {"claim", "claims", "claimtext", "na", "none", "null", "tbd", "unknown"}
# Control characters (but tab and newline), DEL, C1 controls, lone surrogates: never stored.
_UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class InvalidItem(SaysMessage, ValueError):
    """An item that cannot become a claim; the message is the reason shown to the user."""


# --------------------------------------------------------------------------- export


def short_claim(text: str, limit: int = CLAIM_REVIEWED_LIMIT) -> str:
    """The claim on one line, cut at a word boundary with an ellipsis when longer than `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # a word boundary not too far back; else (unspaced text) cut where we are
        cut = cut[:space]
    return cut.rstrip(" ,.;:·、，") + "…"


def _organization(name: str, url: str = "") -> dict:
    org = {"@type": "Organization", "name": name}
    if url:
        org["url"] = url
    return org


def _author(claimant: dict) -> dict:
    """The claimant as a schema.org Person or Organization; no @type when the record does not say which."""
    out: dict = {}
    if claimant.get("type"):
        out["@type"] = claimant["type"]
    out["name"] = claimant["name"]
    if claimant.get("role"):
        out["jobTitle" if claimant.get("type") != "Organization" else "description"] = claimant["role"]
    return out


def _appearance(appearance: dict) -> dict:
    work: dict = {"@type": "CreativeWork"}
    for key, prop in (("url", "url"), ("title", "headline"), ("date", "datePublished")):
        if appearance.get(key):
            work[prop] = appearance[key]
    if appearance.get("publisher"):
        work["publisher"] = _organization(appearance["publisher"])
    return work


def _citation(source: dict) -> dict:
    work: dict = {"@type": "CreativeWork", "url": source["url"]}
    if source.get("title"):
        work["name"] = source["title"]
    work["publisher"] = _organization(source["publisher"])
    if source.get("published"):
        work["datePublished"] = source["published"]
    work["text"] = source["quote"]
    if source.get("kind"):
        work["genre"] = source["kind"]  # primary | secondary
    if source.get("archive_url"):
        work["archivedAt"] = source["archive_url"]
    return work


def _review_body(rationale: Any) -> Any:
    """A plain string stays a string; {ko, en} becomes JSON-LD language-tagged values."""
    if isinstance(rationale, dict):
        return [{"@language": lang, "@value": text} for lang, text in rationale.items() if text]
    return rationale


def reviewed_elsewhere(record: dict, settings: Any = None) -> bool:
    """True for a fact-check another publisher made: `factcheck import` brought it in, and its origin
    names someone other than this newsroom (an import of our own export is still ours)."""
    origin = record.get("origin")
    if not isinstance(origin, dict) or not origin:
        return False
    publisher = settings_from(settings).publisher
    return not publisher or origin.get("publisher") != publisher


def published_records(records: Iterable[dict], settings: Any = None,
                      include_imported: bool = False) -> tuple[list[dict], str]:
    """The claims to publish as this site's or feed's, in the order given, and a note saying what was
    left out ("" when nothing was): claims reviewed elsewhere only when `include_imported`."""
    s = settings_from(settings)
    records = list(records)
    if include_imported:
        return records, ""
    own = [r for r in records if not reviewed_elsewhere(r, s)]
    left_out = len(records) - len(own)
    note = Message("left out {count} claim(s) imported from other fact-checkers; --include-imported "
                   "publishes them, credited to their publisher", count=left_out) if left_out else ""
    return own, note


def missing_fields(records: Iterable[dict], settings: Any = None) -> list[str]:
    """Warnings for what the ClaimReview objects of `records` will lack that search engines ask for."""
    s = settings_from(settings)
    theirs = [r["origin"] if reviewed_elsewhere(r, s) else None for r in records]
    warnings = []
    if not s.site and any(not (origin or {}).get("url") for origin in theirs):
        warnings.append("no site (--site URL or `site:` in claims/factcheck.yaml): the ClaimReview objects have no url")
    if not s.publisher and any(not (origin or {}).get("publisher") for origin in theirs):
        warnings.append("no publisher (`publisher: {name, url}` in claims/factcheck.yaml): "
                        "the ClaimReview objects have no author")
    return warnings


def to_claimreview(record: dict, settings: Any = None) -> dict:
    """One claim record as a ClaimReview JSON-LD object (a plain dict ready for json.dumps).

    A claim reviewed elsewhere stays theirs: its author is the original publisher, its url the original
    review, its rating their own words, never this newsroom's name or address.
    """
    s = settings_from(settings)
    v = verdict(record["status"])
    origin = record["origin"] if reviewed_elsewhere(record, s) else None
    label = v.ko if s.label_language == "ko" else v.en
    if origin is not None and origin.get("rating"):
        label = origin["rating"]
    rating: dict = {"@type": "Rating", "alternateName": label}
    if v.rating is not None:
        rating.update(ratingValue=v.rating, bestRating=5, worstRating=1)

    claim: dict = {"@type": "Claim", "text": record["claim"]}
    if record.get("claimant"):
        claim["author"] = _author(record["claimant"])
    if record.get("claim_date"):
        claim["datePublished"] = record["claim_date"]
    if record.get("appearance"):
        work = _appearance(record["appearance"])
        claim["appearance"] = work
        claim["firstAppearance"] = work
    if record.get("claim_en"):
        claim["workTranslation"] = {"@type": "Claim", "inLanguage": "en", "text": record["claim_en"]}

    review: dict = {"@context": SCHEMA_ORG, "@type": "ClaimReview", "identifier": record["id"]}
    if origin is not None:
        if origin.get("url"):
            review["url"] = origin["url"]
    elif s.site:
        review["url"] = s.report_url(record["id"])
    review["claimReviewed"] = short_claim(record["claim"])
    review["reviewRating"] = rating
    review["itemReviewed"] = claim
    if origin is not None:
        if origin.get("publisher"):
            review["author"] = _organization(origin["publisher"])
    elif s.publisher:
        review["author"] = _organization(s.publisher, s.publisher_url)
    if record.get("reviewed"):
        review["datePublished"] = record["reviewed"]
    corrections = record.get("corrections") or []
    if corrections:  # a correction is the review's modification, dated and said in the open
        review["dateModified"] = max(str(c["date"]) for c in corrections)
        review["correction"] = [
            {"@type": "CorrectionComment", "datePublished": c["date"], "text": c["note"]} for c in corrections
        ]
    review["inLanguage"] = (origin or {}).get("language") or s.language
    if record.get("rationale"):
        review["reviewBody"] = _review_body(record["rationale"])
    if record.get("tags"):
        review["keywords"] = list(record["tags"])
    if record.get("entities"):
        review["about"] = [{"@type": "Thing", "name": name} for name in record["entities"]]
    # Always present, even empty: an import then knows the claim had no sources of its own.
    review["citation"] = [_citation(source) for source in record.get("sources") or []]
    return review
