"""Fetching articles and feeds through the same safe fetch as `sources check`.

Every address goes through the sources package's fetcher: the address guard (no private or loopback
address unless allowed, checked at every redirect hop), a size cap counted before and after
decompression, the charset rules for Korean pages (EUC-KR read as CP949), retries with backoff, a
deadline per address, and bounded concurrency per host. A failure is a `Fetched` with an error, never
an exception, so that one bad address stops nothing else.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Iterable, Sequence

from factcheck.sources.defaults import DEFAULT_CONCURRENCY, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

# A newsroom's scan reads one site's feed and then many of its articles: two at a time per host is polite.
SCAN_PER_HOST = 2


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str | None = None
    document: str | None = None  # the decoded body
    media_type: str | None = None
    error: str | None = None  # why there is no document

    @property
    def ok(self) -> bool:
        return self.error is None and self.document is not None


def fetch_documents(
    urls: Sequence[str],
    *,
    allow_private: bool = False,
    allow_networks: Iterable[str] = (),
    per_host: int = SCAN_PER_HOST,
    concurrency: int = DEFAULT_CONCURRENCY,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Fetched]:
    """Fetch every address (each once), politely and safely; results in the order of `urls`."""
    from factcheck.sources.http import FetchLimits

    limits = FetchLimits(
        allow_private=allow_private, allow_networks=tuple(allow_networks), concurrency=concurrency,
        per_host=per_host, timeout=timeout, max_bytes=max_bytes, deadline=max(timeout * 3, timeout + 5),
    )
    limits.check()
    unique = list(dict.fromkeys(urls))
    if not unique:
        return []
    fetched = dict(zip(unique, asyncio.run(_fetch_all(unique, limits))))
    return [fetched[url] for url in urls]


async def _fetch_all(urls: list[str], limits) -> list[Fetched]:
    from factcheck.sources.guard import _refusal_policy
    from factcheck.sources.http import _client, _Fetcher

    refusal = _refusal_policy(limits.allow_private, limits.allow_networks)
    async with _client(limits, refusal) as client:
        fetcher = _Fetcher(client, limits)
        pages = await asyncio.gather(*(fetcher.page(url) for url in urls))
    return [
        Fetched(page.url, page.final_url, page.document, page.media_type, page.error if page.status else None)
        for page in pages
    ]
