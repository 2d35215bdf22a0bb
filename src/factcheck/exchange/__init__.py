"""Trading fact-checks: ClaimReview in and out, publishers' rating scales, import, export, the Google API."""

from factcheck.lazy import lazy_exports

_EXPORTS = {
    "to_claimreview": "claimreview", "from_claimreview": "reviews", "review_record": "reviews",
    "status_for_rating": "ratings", "to_csv": "exporters",
    "read_items": "importing", "import_records": "importing", "fetch_google_claims": "google_api",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
