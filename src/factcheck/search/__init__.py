"""Search: what a person types, matched against claims the way they meant it."""

from factcheck.lazy import lazy_exports

_EXPORTS = {"search_claims": "ranking", "SearchOutcome": "ranking", "SearchResult": "ranking", "open_index": "index"}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
