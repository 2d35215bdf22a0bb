"""Checking sources over HTTP: is the stored quote still at the stored address?

`check_sources(targets)` fetches every source page (asynchronously, politely, safely), extracts its
visible text (`factcheck.webtext`) and classifies each source:

    ok             the quote is on the page
    quote-missing  the page is there, the quote is not (quote_score says how close the page comes)
    changed        the quote is there, but the page text differs from the fingerprint stored last time
    moved          the quote is there, but the address redirects somewhere new
    dead           404 or 410
    error          timeout, DNS, TLS, too large, unsupported content type...: `error` says which
    blocked        the address is not one this tool will fetch (a private network, a non-http scheme)

`changed` and `moved` compare with what `sources check --update` stored last time (`fingerprint`,
`final_url`), so a move or an edit is reported once and then, once recorded, no longer.

Safety: a claim file's URL is untrusted input. Every connection (the first and each redirect hop) goes
through `_GuardedBackend`, which resolves the host itself, refuses it when any address is not public,
and connects to exactly the address it checked, so DNS cannot answer differently in between.
Redirects are followed by hand (at most 10); bodies are streamed and cut at `max_bytes`, counted both
before and after decompression; no cookie is ever kept.

`archive_sources` asks the Internet Archive for a snapshot of each source (and with save=True asks
Save Page Now to make one first). Its base URLs come from $FACTCHECK_WAYBACK_URL and
$FACTCHECK_SAVE_URL so that tests can point them at a local server.

Library code: no click, no rich. httpx is imported inside the functions that use it.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import email.utils
import ipaddress
import os
import random
import socket
import zlib
from collections import defaultdict
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence
from urllib.parse import urlsplit

from factcheck.errors import FactcheckError
from factcheck.model import today

# Politeness is per host: no site ever sees more than 4 requests at once from us. The overall limit
# only bounds our own sockets and memory (at most 32 bodies of max_bytes at once); at 16, checking a
# repository that cites many sites would spend most of its time waiting on slow servers one wave at a
# time (benchmarks/bench_sources.py: 16 gives ~11x over sequential, 32 gives ~18x).
DEFAULT_CONCURRENCY = 32
DEFAULT_PER_HOST = 4
DEFAULT_TIMEOUT = 10.0  # seconds, for connecting and for each read
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 0.5  # seconds before the first retry; doubled each time
MAX_RETRY_WAIT = 10.0  # the longest we wait before a retry, whatever Retry-After asks for
DEFAULT_DEADLINE = 60.0  # seconds for one address in all, retries included: a server dripping bytes ends here
MAX_REDIRECTS = 10

USER_AGENT = "factcheck/0.1 (civic fact-checker; re-reads the pages cited in published fact-checks)"
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    "Accept-Language": "ko,en;q=0.8",
    # Only what we can decompress ourselves under the size cap.
    "Accept-Encoding": "gzip, deflate",
}

STATUSES = ("ok", "quote-missing", "changed", "moved", "dead", "error", "blocked")
# Outcomes where no page was read: nothing about the page is stored by --update.
UNREAD = frozenset({"dead", "error", "blocked"})
DEAD_HTTP = frozenset({404, 410})
REDIRECT_HTTP = frozenset({301, 302, 303, 307, 308})
JSON_KEYS = ("claim_id", "url", "final_url", "status", "http_status", "quote_found", "quote_score", "error")

# Content types whose text we can read; anything else (PDF, images, ...) is an error.
TEXT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml"})
# What an unlabelled body is when it starts with these bytes.
MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
)

WAYBACK_URL_ENV = "FACTCHECK_WAYBACK_URL"
SAVE_URL_ENV = "FACTCHECK_SAVE_URL"
DEFAULT_WAYBACK_URL = "https://archive.org/wayback/available"
DEFAULT_SAVE_URL = "https://web.archive.org/save/"
ARCHIVE_CONCURRENCY = 4  # archive.org rate-limits hard; a few at a time is plenty
SAVE_TIMEOUT = 120.0  # Save Page Now fetches the page itself before it answers


# --------------------------------------------------------------------------- what is checked, what comes back


@dataclass(frozen=True)
class SourceTarget:
    """One source of one claim, with what the last `--update` stored about it."""

    claim_id: str
    index: int  # position in the claim's `sources` list
    url: str
    quote: str
    fingerprint: str | None = None
    final_url: str | None = None


def targets_for(record: dict) -> list[SourceTarget]:
    """The sources of a (normalised) claim record, ready for `check_sources`."""
    return [
        SourceTarget(
            claim_id=record["id"],
            index=i,
            url=source["url"],
            quote=source.get("quote") or "",
            fingerprint=source.get("fingerprint"),
            final_url=source.get("final_url"),
        )
        for i, source in enumerate(record.get("sources") or [])
    ]


@dataclass
class SourceResult:
    claim_id: str
    index: int
    url: str
    status: str  # one of STATUSES
    final_url: str | None = None
    http_status: int | None = None
    quote_found: bool | None = None  # None when no page was read
    quote_score: float | None = None
    error: str | None = None  # why, for dead / error / blocked
    fingerprint: str | None = None
    checked: str = field(default_factory=today)
    closest: str | None = None  # the passage closest to a missing quote: shows what was edited

    @property
    def problem(self) -> bool:
        return self.status != "ok"

    def as_json(self) -> dict:
        return {key: getattr(self, key) for key in JSON_KEYS}


ProgressCallback = Callable[[int, int, SourceResult], None]


# --------------------------------------------------------------------------- the address guard


# Checked in this order, so an address is named by its most specific range.
REFUSED_RANGES = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_reserved", "reserved"),
    ("is_private", "private"),
)


def address_refusal(address: str, allow_networks: Iterable[str] = ()) -> str | None:
    """Why this IP address must not be fetched from ("loopback", "private"...), or None when it is public.

    An IPv4 address wrapped in IPv6 (::ffff:127.0.0.1, or 6to4 2002:7f00:1::) is judged as IPv4.
    `allow_networks` (CIDR strings) are let through: a newsroom's own intranet, or a test's loopback.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id (fe80::1%eth0)
    if ip.version == 6:
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    if any(ip in ipaddress.ip_network(net, strict=False) for net in allow_networks):
        return None
    for attribute, name in REFUSED_RANGES:
        if getattr(ip, attribute):
            return name
    return None if ip.is_global else "non-public"


def scheme_refusal(url: str) -> str | None:
    scheme = urlsplit(url).scheme.lower()
    return None if scheme in ("http", "https") else f"only http and https addresses are fetched, not {scheme or 'this'}:"


async def _resolve(host: str, port: int, timeout: float | None) -> list[str]:
    import httpcore

    try:
        return [str(ipaddress.ip_address(host))]  # an address already: no lookup, no thread
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout)
    except asyncio.TimeoutError:
        raise httpcore.ConnectTimeout(f"DNS lookup for {host} timed out") from None
    except (socket.gaierror, UnicodeError):
        raise httpcore.ConnectError(f"DNS lookup failed: no address for {host}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


class AddressBlocked(Exception):
    """A connection the guard refused. Not an httpcore error, so httpx passes it through untouched."""


class _GuardedBackend:
    """An httpcore network backend that resolves the host, refuses non-public addresses, and connects
    to the very address it checked (so a second DNS answer cannot slip a private address in)."""

    def __init__(self, refusal: Callable[[str], str | None]):
        import httpcore

        self._inner = httpcore.AnyIOBackend()
        self._refusal = refusal

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        import httpcore

        addresses = await _resolve(host, port, timeout)
        for address in addresses:
            reason = self._refusal(address)
            if reason:
                raise AddressBlocked(f"{host} resolves to {address}, a {reason} address")
        error: Exception | None = None
        for address in addresses:  # happy-eyeballs lite: the next address when one refuses
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise AddressBlocked("unix sockets are never used")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def _refusal_policy(allow_private: bool, allow_networks: Iterable[str]) -> Callable[[str], str | None]:
    networks = tuple(allow_networks)
    for net in networks:
        try:
            ipaddress.ip_network(net, strict=False)
        except ValueError:
            raise FactcheckError(f"not a network: {net!r} (use CIDR, e.g. 10.0.0.0/8)") from None
    if allow_private:
        return lambda address: None
    return lambda address: address_refusal(address, networks)


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
class Settings:
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
                raise FactcheckError(f"{name.replace('_', '-')} must be at least 1")
        for name in ("timeout", "deadline"):
            if not getattr(self, name) > 0:
                raise FactcheckError(f"{name} must be more than 0 seconds")
        if self.retries < 0:
            raise FactcheckError("retries must be 0 or more")


def _client(settings: Settings, refusal: Callable[[str], str | None]):
    import httpcore
    import httpx
    from http.cookiejar import CookieJar, DefaultCookiePolicy

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


class _Fetcher:
    def __init__(self, client, settings: Settings):
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
            async with asyncio.timeout(self.settings.deadline):
                response = await self.follow(url)
            final = response.url
            return await asyncio.to_thread(_read_page, url, response)
        except _Failure as exc:
            return Page(url, final, status=exc.status, error=exc.reason)
        except AddressBlocked as exc:
            return Page(url, status="blocked", error=str(exc))
        except TimeoutError:
            return Page(url, status="error", error=f"gave up after {self.settings.deadline:g} s in all")
        except httpx.HTTPError as exc:
            return Page(url, status="error", error=_describe(exc, self.settings.timeout))

    async def follow(self, url: str) -> _Response:
        """GET `url`, following up to MAX_REDIRECTS redirects by hand."""
        import httpx

        visited = [url]
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            refusal = scheme_refusal(current)
            if refusal:
                raise _Failure("blocked", f"{refusal} {current}")
            response = await self.get(current)
            if response.http_status not in REDIRECT_HTTP:
                return response
            if not response.location:
                raise _Failure("error", f"HTTP {response.http_status} redirect without a Location")
            try:
                target = str(httpx.URL(current).join(response.location).copy_with(fragment=None))
            except httpx.InvalidURL:
                raise _Failure("error", f"redirect to an invalid address: {response.location!r}") from None
            if target in visited:
                raise _Failure("error", "redirect loop: " + " -> ".join([*visited[visited.index(target) :], target]))
            visited.append(target)
            current = target
        raise _Failure("error", f"more than {MAX_REDIRECTS} redirects")

    async def get(self, url: str) -> _Response:
        """One GET with retries on timeouts, 429 and 5xx (honouring Retry-After, capped)."""
        import httpx

        settings = self.settings
        for attempt in range(settings.retries + 1):
            last = attempt == settings.retries
            try:
                async with self.slot(url):
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
            raise _Failure("error", f"invalid address: {exc}") from None
        response = await self.client.send(request, stream=True)
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
            raise _Failure("error", f"unsupported content type: {unreadable}")
        too_large = _Failure("error", f"too large: the body is over the {limit:,}-byte limit and was cut")
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
    from factcheck import webtext

    page = Page(url, response.url, response.http_status)
    code = response.http_status
    if code in DEAD_HTTP:
        page.status, page.error = "dead", f"HTTP {code}"
    elif code >= 300:
        page.status, page.error = "error", f"HTTP {code}"
    else:
        body = response.body or b""
        unreadable = content_kind(response.content_type, body[:8])
        if unreadable:
            page.status, page.error = "error", f"unsupported content type: {unreadable}"
            return page
        text, _codec = webtext.decode(body, response.content_type)
        media = (response.content_type or "").split(";", 1)[0].strip().lower()
        page.text = text if media == "text/plain" else webtext.visible_text(text)
        page.fingerprint = webtext.fingerprint(page.text)
    return page


def _describe(exc: Exception, timeout: float) -> str:
    """A one-line reason for an httpx failure."""
    import httpx

    message = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out connecting ({timeout:g} s)"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out waiting for the server ({timeout:g} s)"
    if isinstance(exc, httpx.ConnectError):
        if "DNS" in message:
            return message
        if "SSL" in message or "certificate" in message.lower():
            return f"TLS error: {message}"
        return f"cannot connect: {message}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke off: {message}"
    return message


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
    from factcheck import webtext

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


# --------------------------------------------------------------------------- checking


async def check_sources_async(
    targets: Sequence[SourceTarget], settings: Settings, on_progress: ProgressCallback | None = None
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
    settings = Settings(
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


def wayback_url() -> str:
    return os.environ.get(WAYBACK_URL_ENV) or DEFAULT_WAYBACK_URL


def save_url() -> str:
    return os.environ.get(SAVE_URL_ENV) or DEFAULT_SAVE_URL


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


def _snapshot_address(url: str) -> str:
    """The archive answers with http:// snapshot addresses; its pages are served over https."""
    if url.startswith("http://web.archive.org/"):
        return "https://" + url[len("http://") :]
    return url


async def _archive_get(client, url: str, params: dict | None = None, retries: int = DEFAULT_RETRIES):
    import httpx

    for attempt in range(retries + 1):
        try:
            response = await client.get(url, params=params)
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


async def _lookup(client, url: str) -> tuple[str | None, str | None]:
    """(snapshot address or None, error or None) from the availability API."""
    import httpx

    try:
        response = await _archive_get(client, wayback_url(), params={"url": url})
    except httpx.HTTPError as exc:
        return None, f"archive lookup failed: {_describe(exc, client.timeout.read or 0)}"
    if response.status_code != 200:
        return None, f"archive lookup failed: HTTP {response.status_code}"
    try:
        closest = (response.json().get("archived_snapshots") or {}).get("closest") or {}
    except (ValueError, AttributeError):
        return None, "archive lookup failed: the answer is not the availability API's JSON"
    snapshot = closest.get("url") if closest.get("available") else None
    if snapshot and scheme_refusal(snapshot) is None:
        return _snapshot_address(snapshot), None
    return None, None


async def _save(client, url: str) -> tuple[str | None, str | None]:
    """Ask Save Page Now to archive `url`: (snapshot address if it says where, error or None)."""
    import httpx

    try:
        response = await _archive_get(client, save_url() + url, retries=0)
    except httpx.HTTPError as exc:
        return None, f"Save Page Now failed: {_describe(exc, client.timeout.read or 0)}"
    if response.status_code >= 400:
        return None, f"Save Page Now failed: HTTP {response.status_code}"
    location = response.headers.get("content-location")
    if location:
        return _snapshot_address(str(response.url.join(location))), None
    if "/web/" in response.url.path:
        return _snapshot_address(str(response.url)), None
    return None, None


async def archive_sources_async(
    targets: Sequence[SourceTarget], *, save: bool, timeout: float, concurrency: int,
    on_progress: Callable[[int, int, ArchiveResult], None] | None = None,
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
                        result.archive_url, result.error = await _save(client, target.url)
                    result.saved = result.error is None
                if result.archive_url is None and result.error is None:
                    result.archive_url, result.error = await _lookup(client, target.url)
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
) -> list[ArchiveResult]:
    """Find (and with save=True first make) an Internet Archive snapshot of each target's page."""
    if concurrency < 1:
        raise FactcheckError("concurrency must be at least 1")
    if not targets:
        return []
    timeout = timeout or (SAVE_TIMEOUT if save else DEFAULT_TIMEOUT)
    return asyncio.run(
        archive_sources_async(list(targets), save=save, timeout=timeout, concurrency=concurrency, on_progress=on_progress)
    )


def archive_lookup(urls: Iterable[str], *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, str | None]:
    """The closest snapshot address for each url (None when the archive has none).

    Raises FactcheckError when the archive cannot be asked, naming the first url that failed.
    """
    targets = [SourceTarget("lookup", i, url, "") for i, url in enumerate(dict.fromkeys(urls))]
    results = archive_sources(targets, timeout=timeout)
    for result in results:
        if result.error:
            raise FactcheckError(f"{result.url}: {result.error}")
    return {r.url: r.archive_url for r in results}


def archive_save(url: str, *, timeout: float = SAVE_TIMEOUT) -> str | None:
    """Ask Save Page Now to archive `url`; the new snapshot's address (or the closest one), or None."""
    [result] = archive_sources([SourceTarget("save", 0, url, "")], save=True, timeout=timeout)
    if result.error:
        raise FactcheckError(f"{url}: {result.error}")
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
