"""Judging a fetched page: is the quote there, has the page moved or changed?"""

from __future__ import annotations

from urllib.parse import urlsplit

from factcheck.sources.http import Page
from factcheck.sources.results import SourceResult, SourceTarget

# --------------------------------------------------------------------------- judging


def same_page(a: str | None, b: str | None) -> bool:
    """True when two addresses differ only in ways that do not move a page: http/https, a leading
    "www.", a default port, a trailing slash, a fragment."""
    if not a or not b:
        return False
    return _page_key(a) == _page_key(b)


def _page_key(url: str) -> tuple:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port if parts.port != default else None
    except ValueError:
        port = None
    return host, port, parts.path.rstrip("/") or "/", parts.query


def judge(target: SourceTarget, page: Page) -> SourceResult:
    """The result for one source, given the page at its address."""
    from factcheck.sources import webtext

    result = SourceResult(
        claim_id=target.claim_id,
        index=target.index,
        url=target.url,
        status=page.status or "ok",
        final_url=page.final_url,
        http_status=page.http_status,
        error=page.error,
    )
    if page.status:
        return result
    match = webtext.find_quote(target.quote, page.text or "")
    result.quote_found, result.quote_score, result.closest = match.found, match.score, match.passage
    result.fingerprint = page.fingerprint
    if not match.found:
        result.status = "quote-missing"
    elif _moved(target, page.final_url):
        result.status = "moved"
    elif target.fingerprint and target.fingerprint != page.fingerprint:
        result.status = "changed"
    return result


def _moved(target: SourceTarget, final_url: str | None) -> bool:
    if final_url is None or same_page(final_url, target.url):
        return False
    # A move that the last --update recorded has been seen; only a new destination is news.
    return not same_page(final_url, target.final_url)
