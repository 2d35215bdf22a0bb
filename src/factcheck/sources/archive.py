"""The Internet Archive: find (and with save=True, make) a snapshot of each source."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from factcheck.errors import FactcheckError
from factcheck.i18n import Message, N_
from factcheck.model import HTTP_URL_RE
from factcheck.sources.defaults import (
    ARCHIVE_CONCURRENCY,
    ARCHIVE_MAX_BYTES,
    DEFAULT_BACKOFF,
    DEFAULT_RETRIES,
    DEFAULT_SAVE_URL,
    DEFAULT_TIMEOUT,
    DEFAULT_WAYBACK_URL,
    MAX_RETRY_WAIT,
    SAVE_TIMEOUT,
)
from factcheck.sources.guard import scheme_refusal
from factcheck.sources.http import USER_AGENT, _describe, _retry_wait, retryable
from factcheck.sources.results import SourceTarget, targets_for

# --------------------------------------------------------------------------- the Internet Archive


@dataclass
class ArchiveResult:
    claim_id: str
    index: int
    url: str
    archive_url: str | None = None  # the closest snapshot; None when there is none
    saved: bool = False  # Save Page Now made a new snapshot
    error: str | None = None

    def as_json(self) -> dict:
        return {"claim_id": self.claim_id, "url": self.url, "archive_url": self.archive_url,
                "saved": self.saved, "error": self.error}


def archive_targets(record: dict) -> list[SourceTarget]:
    """The sources of a claim that have no `archive_url` yet."""
    sources = record.get("sources") or []
    return [t for t in targets_for(record) if not sources[t.index].get("archive_url")]


def wayback_url(configured: str | None = None) -> str:
    """The availability API: `configured` when given (the CLI passes $FACTCHECK_WAYBACK_URL), else archive.org's."""
    return configured or DEFAULT_WAYBACK_URL


def save_url(configured: str | None = None) -> str:
    """Save Page Now: `configured` when given (the CLI passes $FACTCHECK_SAVE_URL), else web.archive.org's."""
    return configured or DEFAULT_SAVE_URL


def _archive_client(timeout: float):
    import httpx

    # The archive's addresses are configuration, not claim data, so they need no address guard.
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=5,
        trust_env=False,
    )


def _snapshot_address(url: object) -> str | None:
    """The archive answers with http:// snapshot addresses; its pages are served over https.

    The answer is stored as it came, so only a well-formed http(s) address is kept: a `>` in one once
    broke out of the Markdown report's <link>.
    """
    if not isinstance(url, str) or scheme_refusal(url) is not None or not HTTP_URL_RE.match(url):
        return None
    if url.startswith("http://web.archive.org/"):
        return "https://" + url[len("http://") :]
    return url


@dataclass
class _Answer:
    """The archive's answer, its body read up to ARCHIVE_MAX_BYTES (a Wayback answer was read whole)."""

    status_code: int
    headers: Any
    url: Any
    body: bytes

    def json(self) -> Any:
        import json

        return json.loads(self.body)


class ArchiveTooLarge(Exception):
    pass


async def _capped_get(client, url: str, params: dict | None, read_body: bool) -> _Answer:
    from factcheck.sources.http import CappedBody, TooLarge

    response = await client.send(client.build_request("GET", url, params=params), stream=True)
    try:
        if not read_body:  # Save Page Now answers with the page itself: only its address is wanted
            return _Answer(response.status_code, response.headers, response.url, b"")
        body = CappedBody(response.headers.get("content-encoding"), ARCHIVE_MAX_BYTES)
        received = 0
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if received > ARCHIVE_MAX_BYTES:
                raise TooLarge()
            body.feed(chunk)
        return _Answer(response.status_code, response.headers, response.url, body.finish())
    except TooLarge:
        raise ArchiveTooLarge() from None
    except ValueError as exc:  # a corrupt or unknown content encoding
        import httpx

        raise httpx.DecodingError(str(exc)) from None
    finally:
        await response.aclose()


async def _archive_get(client, url: str, params: dict | None = None, retries: int = DEFAULT_RETRIES,
                       read_body: bool = True):
    import httpx

    for attempt in range(retries + 1):
        try:
            response = await _capped_get(client, url, params, read_body)
        except httpx.TimeoutException:
            if attempt == retries:
                raise
            retry_after = None
        else:
            if attempt == retries or not retryable(response.status_code):
                return response
            retry_after = response.headers.get("retry-after")
        await asyncio.sleep(_retry_wait(attempt, retry_after, DEFAULT_BACKOFF, MAX_RETRY_WAIT))
    raise AssertionError("unreachable")


def _failed(template: str, api: str, exc: Exception, timeout: float) -> Message:
    """Why asking the archive failed, naming the archive's host: the source's own host is not at fault."""
    import httpx

    try:
        host = httpx.URL(api).host or api
    except httpx.InvalidURL:
        host = api
    return Message(template, host=host, describe=_describe(exc, timeout, host))


async def _lookup(client, url: str, api: str) -> tuple[str | None, str | None]:
    """(snapshot address or None, error or None) from the availability API."""
    import httpx

    try:
        response = await _archive_get(client, api, params={"url": url})
    except ArchiveTooLarge:
        return None, Message("archive lookup failed: the answer is over {limit:,} bytes", limit=ARCHIVE_MAX_BYTES)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return None, _failed(N_("archive lookup at {host} failed: {describe}"), api, exc, client.timeout.read or 0)
    if response.status_code != 200:
        return None, Message("archive lookup failed: HTTP {status_code}", status_code=response.status_code)
    try:
        closest = (response.json().get("archived_snapshots") or {}).get("closest") or {}
        snapshot = closest.get("url") if closest.get("available") else None
    except (ValueError, AttributeError, RecursionError):
        return None, "archive lookup failed: the answer is not the availability API's JSON"
    return _snapshot_address(snapshot), None


async def _save(client, url: str, api: str) -> tuple[str | None, str | None]:
    """Ask Save Page Now to archive `url`: (snapshot address if it says where, error or None)."""
    import httpx

    try:
        response = await _archive_get(client, api + url, retries=0, read_body=False)
    except ArchiveTooLarge:
        return None, Message("Save Page Now failed: the answer is over {limit:,} bytes", limit=ARCHIVE_MAX_BYTES)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return None, _failed(N_("Save Page Now at {host} failed: {describe}"), api, exc, client.timeout.read or 0)
    if response.status_code >= 400:
        return None, Message("Save Page Now failed: HTTP {status_code}", status_code=response.status_code)
    location = response.headers.get("content-location")
    if location:
        return _snapshot_address(str(response.url.join(location))), None
    if "/web/" in response.url.path:
        return _snapshot_address(str(response.url)), None
    return None, None


async def archive_sources_async(
    targets: Sequence[SourceTarget], *, save: bool, timeout: float, concurrency: int,
    on_progress: Callable[[int, int, ArchiveResult], None] | None = None,
    wayback: str | None = None, save_to: str | None = None,
) -> list[ArchiveResult]:
    limit = asyncio.Semaphore(concurrency)
    one_save = asyncio.Semaphore(1)  # Save Page Now allows an anonymous client only a few captures a minute
    done = 0

    async with _archive_client(timeout) as client:

        async def one(target: SourceTarget) -> ArchiveResult:
            nonlocal done
            result = ArchiveResult(target.claim_id, target.index, target.url)
            async with limit:
                if save:
                    async with one_save:
                        result.archive_url, result.error = await _save(client, target.url, save_url(save_to))
                    result.saved = result.error is None
                if result.archive_url is None and result.error is None:
                    result.archive_url, result.error = await _lookup(client, target.url, wayback_url(wayback))
            done += 1
            if on_progress is not None:
                on_progress(done, len(targets), result)
            return result

        return list(await asyncio.gather(*(one(t) for t in targets)))


def archive_sources(
    targets: Sequence[SourceTarget],
    *,
    save: bool = False,
    timeout: float | None = None,
    concurrency: int = ARCHIVE_CONCURRENCY,
    on_progress: Callable[[int, int, ArchiveResult], None] | None = None,
    wayback: str | None = None,
    save_to: str | None = None,
) -> list[ArchiveResult]:
    """Find (and with save=True first make) an Internet Archive snapshot of each target's page.

    `wayback` and `save_to` point the two archive APIs elsewhere (see wayback_url and save_url)."""
    if concurrency < 1:
        raise FactcheckError("concurrency must be at least 1")
    if not targets:
        return []
    timeout = timeout or (SAVE_TIMEOUT if save else DEFAULT_TIMEOUT)
    return asyncio.run(
        archive_sources_async(list(targets), save=save, timeout=timeout, concurrency=concurrency,
                              on_progress=on_progress, wayback=wayback, save_to=save_to)
    )


def archive_lookup(
    urls: Iterable[str], *, timeout: float = DEFAULT_TIMEOUT, wayback: str | None = None
) -> dict[str, str | None]:
    """The closest snapshot address for each url (None when the archive has none).

    Raises FactcheckError when the archive cannot be asked, naming the first url that failed.
    """
    targets = [SourceTarget("lookup", i, url, "") for i, url in enumerate(dict.fromkeys(urls))]
    results = archive_sources(targets, timeout=timeout, wayback=wayback)
    for result in results:
        if result.error:
            raise FactcheckError("{url}: {error}", url=result.url, error=result.error)
    return {r.url: r.archive_url for r in results}


def archive_save(
    url: str, *, timeout: float = SAVE_TIMEOUT, wayback: str | None = None, save_to: str | None = None
) -> str | None:
    """Ask Save Page Now to archive `url`; the new snapshot's address (or the closest one), or None."""
    [result] = archive_sources([SourceTarget("save", 0, url, "")], save=True, timeout=timeout,
                               wayback=wayback, save_to=save_to)
    if result.error:
        raise FactcheckError("{url}: {error}", url=url, error=result.error)
    return result.archive_url


def apply_archive(doc: Any, results: Iterable[ArchiveResult]) -> int:
    """Record snapshot addresses as `archive_url` on sources that have none; for `Repo.update`."""
    sources = doc.get("sources") or []
    applied = 0
    for result in results:
        if not result.archive_url or result.claim_id != doc.get("id") or not 0 <= result.index < len(sources):
            continue
        source = sources[result.index]
        if source.get("url") != result.url or source.get("archive_url"):
            continue
        source["archive_url"] = result.archive_url
        applied += 1
    return applied
