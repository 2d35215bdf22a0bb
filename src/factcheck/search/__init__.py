"""Search: what a person types, matched against claims the way they meant it.

A one-way pipeline: each stage imports only the stages before it (tests/test_search_pipeline.py).

    text/        the leaves: Korean folding, jamo and 초성, numbers and dates, places, aliases
    analysis     a claim record as analysed field texts and index tokens
    index_cache  where the index file may live, and whether it is sound without reading it all
    index_parse  a claim file or a pack read and analysed into what the index stores (in worker processes)
    index_read   reading the index: rows, records, token weights, ids and sizes
    index        the SQLite cache of claims/: stores and retrieves, knows nothing of ranking
    candidates   a large repository narrowed to the claims worth ranking (BM25-style), and `idf`
    query        what the person typed, as units with their forms, weighed by IDF
    semantic     a query's words widened to their near-synonyms, for the meaning tier
    embedding    a sentence and the claims as vectors, compared by cosine (the optional `meaning` extra)
    match        a unit against a claim's fields, and a claim's share of the query
    similar      the one similarity of two texts (search, `add`'s near-duplicates, import's report)
    ranking      `search_claims`: the tiers in turn (see ranking.TIERS), matches and related results

The names below are loaded only when asked for, so importing this package costs nothing.
"""

from factcheck.lazy import lazy_exports

STAGES = ("text", "analysis", "index_cache", "index_parse", "index_read", "index", "candidates", "query", "semantic",
          "embedding", "match", "similar", "ranking")

_EXPORTS = {
    "search_claims": "ranking",
    "SearchResult": "ranking",
    "SearchOutcome": "ranking",
    "open_index": "index",
    "Index": "index",
    "near_duplicates": "similar",
}
__all__ = ["STAGES", *_EXPORTS]

__getattr__ = lazy_exports(__name__, _EXPORTS)
