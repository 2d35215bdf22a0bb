"""Fetching pages politely and safely: a size-capped body, retries with backoff and Retry-After, hand-followed redirects."""

from __future__ import annotations

import asyncio
import datetime as _dt
import email.utils
import random
import re
import zlib
from collections import defaultdict
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from factcheck.errors import FactcheckError
from factcheck.i18n import Message
from factcheck.sources.defaults import (
    DEFAULT_BACKOFF,
    DEFAULT_CONCURRENCY,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BYTES,
    DEFAULT_PER_HOST,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    MAX_REDIRECTS,
    MAX_RETRY_WAIT,
)
from factcheck.sources.guard import AddressBlocked, _GuardedBackend, scheme_refusal
from factcheck.sources.results import DEAD_HTTP, REDIRECT_HTTP

USER_AGENT = "factcheck/0.1 (civic fact-checker; re-reads the pages cited in published fact-checks)"
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    "Accept-Language": "ko,en;q=0.8",
    # Only what we can decompress ourselves under the size cap.
    "Accept-Encoding": "gzip, deflate",
}


# Content types whose text we can read; anything else (PDF, images, ...) is an error.
TEXT_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml",
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",  # news feeds, read by `factcheck scan`
})
# What an unlabelled body is when it starts with these bytes.
MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
)


# --------------------------------------------------------------------------- bodies under a size cap


class TooLarge(Exception):
    pass


class CappedBody:
    """Collects a response body, decompressing gzip/deflate itself so that at most `limit`+1 bytes are
    ever inflated: a gzip bomb is cut after the cap, never expanded whole (zlib's max_length)."""

    def __init__(self, content_encoding: str | None, limit: int):
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise ValueError(f"unsupported content encoding: {content_encoding}")
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []
        self._deflate = codings == ["deflate"]
        # 32 + MAX_WBITS: a gzip or a zlib header, whichever is there.
        self._zlib = zlib.decompressobj(32 + zlib.MAX_WBITS) if codings else None

    def feed(self, data: bytes) -> None:
        if self._zlib is None:
            self._add(data)
            return
        while data and not self._zlib.eof:
            try:
                out = self._zlib.decompress(data, self.limit - self.size + 1)
            except zlib.error:
                if self._deflate and self.size == 0 and not self.parts:  # "deflate" sent without its zlib header
                    self._deflate, self._zlib = False, zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise ValueError("corrupt compressed body") from None
            self._add(out)
            data = self._zlib.unconsumed_tail

    def finish(self) -> bytes:
        if self._zlib is not None and not self._zlib.eof:
            try:
                self._add(self._zlib.flush(self.limit - self.size + 1))
            except zlib.error:
                raise ValueError("corrupt compressed body") from None
        return b"".join(self.parts)

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge()
        if data:
            self.parts.append(data)


def content_kind(content_type: str | None, body_start: bytes = b"") -> str | None:
    """The media type when it is one we cannot read, else None. An unlabelled body is sniffed."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media:
        return None if media in TEXT_TYPES else media
    for magic, sniffed in MAGIC:
        if body_start.startswith(magic):
            return sniffed
    return None


def retry_after_seconds(value: str | None, now: _dt.datetime | None = None) -> float | None:
    """Retry-After as seconds: it is either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    now = now or _dt.datetime.now(_dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _retry_wait(attempt: int, retry_after: str | None, backoff: float, cap: float) -> float:
    asked = retry_after_seconds(retry_after)
    if asked is None:
        asked = backoff * 2**attempt * random.uniform(1.0, 1.25)  # jitter: retries do not arrive in step
    return min(asked, cap)


def retryable(http_status: int) -> bool:
    return http_status == 429 or 500 <= http_status <= 599


# --------------------------------------------------------------------------- fetching


@dataclass
class Page:
    """What fetching one address gave: visible text, or the reason there is none."""

    url: str
    final_url: str | None = None
    http_status: int | None = None
    text: str | None = None
    fingerprint: str | None = None
    status: str | None = None  # dead / error / blocked; None when the page was read
    error: str | None = None
    document: str | None = None  # the decoded body, for readers that want more than the visible text
    media_type: str | None = None


class _Failure(Exception):
    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class _Response:
    url: str
    http_status: int
    location: str | None = None
    content_type: str | None = None
    body: bytes | None = None


@dataclass(frozen=True)
class FetchLimits:
    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()
    concurrency: int = DEFAULT_CONCURRENCY
    per_host: int = DEFAULT_PER_HOST
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    max_retry_wait: float = MAX_RETRY_WAIT
    deadline: float = DEFAULT_DEADLINE

    def check(self) -> None:
        for name in ("concurrency", "per_host", "max_bytes"):
            if getattr(self, name) < 1:
                raise FactcheckError("{option} must be at least 1", option=name.replace('_', '-'))
        for name in ("timeout", "deadline"):
            if not getattr(self, name) > 0:
                raise FactcheckError("{name} must be more than 0 seconds", name=name)
        if self.retries < 0:
            raise FactcheckError("retries must be 0 or more")


def _client(settings: FetchLimits, refusal: Callable[[str], str | None]):
    from http.cookiejar import CookieJar, DefaultCookiePolicy

    import httpcore
    import httpx

    transport = httpx.AsyncHTTPTransport(trust_env=False)
    # httpx has no public hook for the network backend: give its transport a pool that connects
    # through the guard. Concurrency is bounded by our semaphores, so the pool itself is unbounded.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=None,
        max_keepalive_connections=settings.concurrency,
        keepalive_expiry=5.0,
        network_backend=_GuardedBackend(refusal),
    )
    return httpx.AsyncClient(
        transport=transport,
        headers=HEADERS,
        timeout=httpx.Timeout(settings.timeout, pool=None),
        follow_redirects=False,  # by hand, so that every hop is checked and counted
        # A jar that accepts no cookie: nothing one site sets is ever sent anywhere. (Passed as the
        # bare jar: httpx copies a Cookies object into a new jar with the default, accepting, policy.)
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        trust_env=False,  # a proxy from the environment would connect on our behalf, past the guard
    )


# The deadline of the page being fetched, per task: started by its first request.
_BUDGET: ContextVar = ContextVar("deadline")


class _Fetcher:
    def __init__(self, client, settings: FetchLimits):
        self.client = client
        self.settings = settings
        self.everyone = asyncio.Semaphore(settings.concurrency)
        self.hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(settings.per_host))

    @asynccontextmanager
    async def slot(self, url: str):
        # The host's slot first: a request queued for a busy host holds none of the overall slots.
        async with self.hosts[(urlsplit(url).hostname or "").lower()]:
            async with self.everyone:
                yield

    async def page(self, url: str) -> Page:
        """Fetch `url` and read its visible text; every failure becomes a Page with a status and reason."""
        import httpx

        final: str | None = None
        try:
            # The deadline is set when the first request is sent (see `get`), not now: waiting for a
            # slot on a busy host is not the server's slowness (44 of 240 sources on one host once
            # "gave up after 60 s" while queued).
            async with asyncio.timeout(None) as budget:
                _BUDGET.set(budget)
                response = await self.follow(url)
            final = response.url
            return await asyncio.to_thread(_read_page, url, response)
        except _Failure as exc:
            return Page(url, final, status=exc.status, error=exc.reason)
        except AddressBlocked as exc:
            return Page(url, status="blocked", error=exc.message)
        except TimeoutError:
            return Page(url, status="error",
                        error=Message("gave up after {deadline:g} s in all", deadline=self.settings.deadline))
        except (httpx.HTTPError, httpx.InvalidURL) as exc:  # InvalidURL is no HTTPError
            return Page(url, status="error", error=_describe(exc, self.settings.timeout, _host(url)))

    async def follow(self, url: str) -> _Response:
        """GET `url`, following up to MAX_REDIRECTS redirects by hand."""
        import httpx

        visited = [url]
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            refusal = scheme_refusal(current)
            if refusal:
                raise _Failure("blocked", Message("{refusal} {current}", refusal=refusal, current=current))
            response = await self.get(current)
            if response.http_status not in REDIRECT_HTTP:
                return response
            if not response.location:
                raise _Failure("error", Message("HTTP {http_status} redirect without a Location",
                                                 http_status=response.http_status))
            try:
                target = str(httpx.URL(current).join(response.location).copy_with(fragment=None))
            except httpx.InvalidURL:
                raise _Failure("error", Message("redirect to an invalid address: {location!r}",
                                                 location=response.location)) from None
            if target in visited:
                raise _Failure("error", Message("redirect loop: {addresses}",
                                                 addresses=" -> ".join([*visited[visited.index(target):], target])))
            visited.append(target)
            current = target
        raise _Failure("error", Message("more than {max_redirects} redirects", max_redirects=MAX_REDIRECTS))

    async def get(self, url: str) -> _Response:
        """One GET with retries on timeouts, 429 and 5xx (honouring Retry-After, capped)."""
        import httpx

        settings = self.settings
        for attempt in range(settings.retries + 1):
            last = attempt == settings.retries
            try:
                async with self.slot(url):
                    budget = _BUDGET.get(None)
                    if budget is not None and budget.when() is None:
                        budget.reschedule(asyncio.get_running_loop().time() + settings.deadline)
                    response, retry_after = await self.once(url)
            except httpx.TimeoutException:
                if last:
                    raise
                retry_after = None
            else:
                if last or not retryable(response.http_status):
                    return response
            await asyncio.sleep(_retry_wait(attempt, retry_after, settings.backoff, settings.max_retry_wait))
        raise AssertionError("unreachable")

    async def once(self, url: str) -> tuple[_Response, str | None]:
        import httpx

        try:
            request = self.client.build_request("GET", url)
        except httpx.InvalidURL as exc:
            raise _Failure("error", Message("invalid address: {exc}", exc=exc)) from None
        try:
            response = await self.client.send(request, stream=True)
        except httpx.InvalidURL as exc:
            # httpx works out a redirect's next request even when it is not to follow it, and a Location
            # of javascript:, data: or mailto: raises there: not an HTTPError, it once ended the whole check.
            raise _Failure("error",
                           Message("redirect to an address that cannot be fetched: {exc}", exc=exc)) from None
        try:
            headers = response.headers
            result = _Response(
                url=str(response.url),
                http_status=response.status_code,
                location=headers.get("location"),
                content_type=headers.get("content-type"),
            )
            if response.status_code < 300 and response.status_code != 204:
                result.body = await self.body(response)
            return result, headers.get("retry-after")
        finally:
            await response.aclose()

    async def body(self, response) -> bytes:
        limit = self.settings.max_bytes
        unreadable = content_kind(response.headers.get("content-type"))
        if unreadable:
            raise _Failure("error", Message("unsupported content type: {unreadable}", unreadable=unreadable))
        too_large = _Failure("error",
                             Message("too large: the body is over the {limit:,}-byte limit and was cut", limit=limit))
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        try:
            body = CappedBody(response.headers.get("content-encoding"), limit)
            received = 0
            async for chunk in response.aiter_raw():
                received += len(chunk)
                if received > limit:  # the cap on the compressed bytes
                    raise TooLarge()
                body.feed(chunk)  # ... and, inside, on the decompressed ones
            return body.finish()
        except TooLarge:
            raise too_large from None
        except ValueError as exc:
            raise _Failure("error", str(exc)) from None


def _read_page(url: str, response: _Response) -> Page:
    """Classify a final (non-redirect) response; decode and extract the text of a page (in a thread)."""
    from factcheck.sources import webtext

    page = Page(url, response.url, response.http_status)
    code = response.http_status
    if code in DEAD_HTTP:
        page.status, page.error = "dead", Message("HTTP {code}", code=code)
    elif code >= 300:
        page.status, page.error = "error", Message("HTTP {code}", code=code)
    else:
        body = response.body or b""
        unreadable = content_kind(response.content_type, body[:8])
        if unreadable:
            page.status, page.error = "error", Message("unsupported content type: {unreadable}",
                                                       unreadable=unreadable)
            return page
        text, _codec = webtext.decode(body, response.content_type)
        media = (response.content_type or "").split(";", 1)[0].strip().lower()
        page.document, page.media_type = text, media or None
        page.text = text if media == "text/plain" else webtext.visible_text(text)
        page.fingerprint = webtext.fingerprint(page.text)
    return page


DNS_FAILED = "DNS lookup failed"  # how a reason begins when no address was found: offline, or a mistyped host
# What the resolver says when a name has no address, as the C library words it (an errno in brackets first).
_NO_ADDRESS = re.compile(r"name resolution|name or service not known|nodename nor servname|no address associated"
                         r"|getaddrinfo failed", re.IGNORECASE)
_ERRNO = re.compile(r"\[Errno -?\d+\]\s*")


def is_dns_failure(reason: str | None) -> bool:
    return bool(reason) and DNS_FAILED in reason


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _no_address(host: str) -> Message:
    return Message("DNS lookup failed: no address for {host}", host=host)  # begins with DNS_FAILED, for is_dns_failure


def _describe(exc: Exception, timeout: float, host: str | None = None) -> str:
    """A one-line reason for an httpx failure, without the C library's errno."""
    import httpx

    message = _ERRNO.sub("", " ".join(str(exc).split())) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError) and _NO_ADDRESS.search(message):
        return _no_address(host) if host else f"{DNS_FAILED}: {message}"
    if isinstance(exc, httpx.ConnectTimeout):
        return Message("timed out connecting ({timeout:g} s)", timeout=timeout)
    if isinstance(exc, httpx.TimeoutException):
        return Message("timed out waiting for the server ({timeout:g} s)", timeout=timeout)
    if isinstance(exc, httpx.ConnectError):
        if "DNS" in message:  # the guard's own words, naming the host it could not resolve
            return _no_address(host) if host else message
        if "SSL" in message or "certificate" in message.lower():
            return Message("TLS error: {message}", message=message)
        return Message("cannot connect: {message}", message=message)
    if isinstance(exc, httpx.RemoteProtocolError):
        return Message("the server broke off: {message}", message=message)
    return message
