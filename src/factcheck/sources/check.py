"""`check_sources`: fetch every source and judge it; `apply_results` records what `--update` keeps."""

from __future__ import annotations

import asyncio
import datetime as _dt
from collections import defaultdict
from typing import Any, Iterable, Sequence

from factcheck.sources.defaults import (
    DEFAULT_BACKOFF,
    DEFAULT_CONCURRENCY,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BYTES,
    DEFAULT_PER_HOST,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    MAX_RETRY_WAIT,
)
from factcheck.sources.guard import _refusal_policy
from factcheck.sources.http import FetchLimits, _client, _Fetcher
from factcheck.sources.judge import judge
from factcheck.sources.results import (
    UNREAD,
    ProgressCallback,
    SourceResult,
    SourceTarget,
)

# --------------------------------------------------------------------------- checking


async def check_sources_async(
    targets: Sequence[SourceTarget], settings: FetchLimits, on_progress: ProgressCallback | None = None
) -> list[SourceResult]:
    settings.check()
    refusal = _refusal_policy(settings.allow_private, settings.allow_networks)
    by_url: dict[str, list[int]] = defaultdict(list)  # one fetch per address, however many claims cite it
    for i, target in enumerate(targets):
        by_url[target.url].append(i)
    results: list[SourceResult | None] = [None] * len(targets)
    done = 0

    async with _client(settings, refusal) as client:
        fetcher = _Fetcher(client, settings)

        async def check(url: str, indexes: list[int]) -> None:
            nonlocal done
            page = await fetcher.page(url)
            # Quote matching is CPU work: off the event loop, so other fetches' timeouts stay honest.
            judged = await asyncio.to_thread(lambda: [judge(targets[i], page) for i in indexes])
            for i, result in zip(indexes, judged):
                results[i] = result
                done += 1
                if on_progress is not None:
                    on_progress(done, len(targets), result)

        await asyncio.gather(*(check(url, indexes) for url, indexes in by_url.items()))
    return [r for r in results if r is not None]


def check_sources(
    targets: Sequence[SourceTarget],
    *,
    allow_private: bool = False,
    allow_networks: Iterable[str] = (),
    concurrency: int = DEFAULT_CONCURRENCY,
    per_host: int = DEFAULT_PER_HOST,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    max_retry_wait: float = MAX_RETRY_WAIT,
    deadline: float = DEFAULT_DEADLINE,
    on_progress: ProgressCallback | None = None,
) -> list[SourceResult]:
    """Check every target; results come back in the order of `targets`.

    `on_progress(done, total, result)` is called as each source finishes (from the event loop's thread).
    Raises FactcheckError for bad settings; every problem with a page is a result, never an exception.
    """
    settings = FetchLimits(
        allow_private=allow_private,
        allow_networks=tuple(allow_networks),
        concurrency=concurrency,
        per_host=per_host,
        timeout=timeout,
        max_bytes=max_bytes,
        retries=retries,
        backoff=backoff,
        max_retry_wait=max_retry_wait,
        deadline=deadline,
    )
    settings.check()
    if not targets:
        return []
    return asyncio.run(check_sources_async(list(targets), settings, on_progress))


def apply_results(doc: Any, results: Iterable[SourceResult]) -> int:
    """Write check results into one claim's round-trip document; for `Repo.update(id, fn)`.

    Sets `checked` and `check_status` on each checked source, and `final_url` and `fingerprint` when
    the page was read (a dead or unreachable page keeps what was stored before). Existing keys are
    changed in place, new ones go at the end, so comments and key order survive. A result whose
    source no longer has the same url at the same position (the file was edited meanwhile) is skipped.
    Returns how many sources were updated.
    """
    sources = doc.get("sources") or []
    applied = 0
    for result in results:
        if result.claim_id != doc.get("id") or not 0 <= result.index < len(sources):
            continue
        source = sources[result.index]
        if source.get("url") != result.url:
            continue
        source["checked"] = _dt.date.fromisoformat(result.checked)  # a YAML date, written unquoted
        source["check_status"] = result.status
        if result.status not in UNREAD:
            if result.final_url:
                source["final_url"] = result.final_url
            if result.fingerprint:
                source["fingerprint"] = result.fingerprint
        applied += 1
    return applied
