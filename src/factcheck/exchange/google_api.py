"""The Google Fact Check Tools API, live: `claims:search`, following `nextPageToken` page by page.

The key (the CLI passes FACTCHECK_GOOGLE_API_KEY) never appears in a message. The base URL can point
elsewhere (the CLI passes FACTCHECK_GOOGLE_API_URL when set; tests, a local server). Every failure is one
clear line: no key, quota (HTTP 429), a refusal or other HTTP error with Google's own message, no network.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from factcheck.errors import FactcheckError

KEY_ENV = "FACTCHECK_GOOGLE_API_KEY"
URL_ENV = "FACTCHECK_GOOGLE_API_URL"
DEFAULT_URL = "https://factchecktools.googleapis.com/v1alpha1/claims:search"
PAGE_SIZE = 100
DEFAULT_LIMIT = 500  # claims; a broad query can page on for a long time
TIMEOUT = 20.0  # seconds per request
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class GoogleAPIError(FactcheckError):
    """The API could not be asked or refused to answer."""


def api_key(given: str | None) -> str:
    key = (given or "").strip()
    if not key:
        raise GoogleAPIError(
            "no Google API key: set {key_env} (a key with the Fact Check Tools API enabled, "
            "from https://console.cloud.google.com/apis/credentials)", key_env=KEY_ENV
        )
    return key


def api_url(given: str | None = None) -> str:
    url = (given or "").strip() or DEFAULT_URL
    if not re.match(r"^https?://", url):
        raise GoogleAPIError("{url_env}={url!r} is not an http(s) URL", url_env=URL_ENV, url=url)
    return url


def _error_message(response) -> str:
    """Google's own explanation from a JSON error body ({"error": {"message", "status"}}), on one line."""
    try:
        error = response.json().get("error") or {}
        message = error.get("message") or error.get("status") or ""
    except Exception:
        message = response.text[:200]
    return " ".join(_CONTROL.sub(" ", str(message)).split())[:300]


def _http_error(response) -> GoogleAPIError:
    code, message = response.status_code, _error_message(response)
    detail = f": {message}" if message else ""
    if code == 429:
        return GoogleAPIError("Google Fact Check API quota exceeded (HTTP 429){detail}; try again later", detail=detail)
    if code in (400, 401, 403):
        return GoogleAPIError(
            "Google Fact Check API refused the request (HTTP {code}){detail}", code=code, detail=detail)
    return GoogleAPIError("Google Fact Check API error (HTTP {code}){detail}", code=code, detail=detail)


def fetch_google_claims(
    query: str,
    *,
    key: str | None = None,
    url: str | None = None,
    language: str | None = None,
    max_age_days: int | None = None,
    limit: int = DEFAULT_LIMIT,
) -> dict:
    """Every claim matching `query`, up to `limit`, as `{fetched_at, query, count, claims}`, asked with `key`
    of the API at `url` (default: Google's).

    That is the wrapped form `factcheck import` reads back, so a response can be saved and imported later.
    """
    import httpx

    if not query or not query.strip():
        raise GoogleAPIError("an empty query: give --query WORDS")
    key, url = api_key(key), api_url(url)
    params: dict = {"query": query, "pageSize": min(PAGE_SIZE, limit)}
    if language:
        params["languageCode"] = language
    if max_age_days is not None:
        params["maxAgeDays"] = max_age_days
    claims: list = []
    seen_tokens: set = set()
    host = urlsplit(url).netloc
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client:
        while len(claims) < limit:
            try:
                response = client.get(url, params={**params, "key": key})
            except httpx.TimeoutException:
                raise GoogleAPIError(
                    "no answer from {host} within {timeout:.0f} s; try again later",
                    host=host, timeout=TIMEOUT) from None
            except httpx.TransportError as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                raise GoogleAPIError(
                    "cannot reach {host}: {reason}; check the network connection", host=host, reason=reason) from None
            if response.status_code != 200:
                raise _http_error(response)
            try:
                page = response.json()
            except ValueError:
                raise GoogleAPIError("{host} answered with something that is not JSON", host=host) from None
            if not isinstance(page, dict) or not isinstance(page.get("claims", []), list):
                raise GoogleAPIError("{host} answered in an unexpected format (no 'claims' list)", host=host)
            claims.extend(page.get("claims", []))
            token = page.get("nextPageToken")
            if not token or token in seen_tokens:
                break
            seen_tokens.add(token)
            params["pageToken"] = token
    claims = claims[:limit]
    return {
        "fetched_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "query": query,
        "count": len(claims),
        "claims": claims,
    }
