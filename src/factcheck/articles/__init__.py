"""From articles to claims: extract what is worth checking, and catch repeats of checked claims.

`extract(article, repo)` turns an article (text.py: from HTML, plain text or bytes) into ranked candidate
claims: sentences that survive Korean news text (sentences.py, boilerplate.py), scored by a table of
weighted signals (worthiness.py), with the claimant and claim date resolved from the article itself
(claimants.py, dates.py) and the stored claims each repeats (matching.py). `add_candidates` stores the
chosen ones the way `factcheck add` does (adding.py). `scan(repo, addresses)` reads feeds and articles
over the safe fetch of the sources package (fetch.py, feeds.py), remembering what it has read (seen.py).
Library code: no click, no rich; trafilatura and feedparser are imported only where they are used.
"""

from factcheck.lazy import lazy_exports

_EXPORTS = {
    "Article": "text", "from_plain": "text", "from_html": "text", "from_bytes": "text", "from_document": "text",
    "extract": "extract", "Extraction": "extract", "Candidate": "extract",
    "add_candidates": "adding", "add_candidate": "adding",
    "scan": "scan", "ScanReport": "scan", "Seen": "seen", "seen_path": "seen",
    "stored_matches": "matching", "SIGNALS": "worthiness", "fetch_documents": "fetch",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
