"""The live Fact Check Tools API path, against a real local server on 127.0.0.1 answering in the API's format:
paging with nextPageToken, the query parameters, errors (no key, 403, 429, no network, not JSON)."""

from __future__ import annotations

import json
import socket

import pytest

from factcheck.exchange.google_api import GoogleAPIError, fetch_google_claims
from factcheck.exchange.importing.run import import_records
from factcheck.exchange.importing.read import json_items
from factcheck.store.repo import Repo
from http_server import Reply, Seen, web  # noqa: F401

API_PATH = "/v1alpha1/claims:search"


def api_claim(n: int) -> dict:
    return {
        "text": f"Claim {n}: the river is dry",
        "claimant": "Social media users",
        "claimDate": "2025-10-01T00:00:00Z",
        "claimReview": [{
            "publisher": {"name": "AFP Fact Check", "site": "factcheck.afp.com"},
            "url": f"https://factcheck.afp.com/doc.{n}",
            "title": f"River {n} is not dry",
            "reviewDate": "2025-10-02T00:00:00Z",
            "textualRating": "False",
            "languageCode": "en",
        }],
    }


def paged(pages: list[list[dict]]):
    """A route serving `pages` in order: page i answers pageToken "t<i>" and points at "t<i+1>"."""
    def answer(seen: Seen) -> Reply:
        token = seen.query.get("pageToken", ["t0"])[0]
        index = int(token[1:])
        body = {"claims": pages[index]}
        if index + 1 < len(pages):
            body["nextPageToken"] = f"t{index + 1}"
        return Reply(200, json.dumps(body), content_type="application/json; charset=UTF-8")
    return answer


def error(status: int, message: str, code_name: str) -> Reply:
    body = {"error": {"code": status, "message": message, "status": code_name}}
    return Reply(status, json.dumps(body), content_type="application/json; charset=UTF-8")


@pytest.fixture
def api(web):  # noqa: F811
    return web


def asking(api, key: str | None = "test-key-123") -> dict:
    """The key and the address fetch_google_claims is given to ask the fake API."""
    return {"key": key, "url": api.url(API_PATH)}


def test_pages_are_followed_with_page_token(api):
    api.route(API_PATH, paged([[api_claim(1), api_claim(2)], [api_claim(3)], [api_claim(4)]]))
    response = fetch_google_claims("river", **asking(api))
    assert [c["text"] for c in response["claims"]] == [f"Claim {n}: the river is dry" for n in (1, 2, 3, 4)]
    assert response["count"] == 4
    assert [s.query.get("pageToken") for s in api.seen] == [None, ["t1"], ["t2"]]


def test_query_language_age_and_key_are_sent(api):
    api.route(API_PATH, paged([[api_claim(1)]]))
    fetch_google_claims("기후 변화", **asking(api), language="ko", max_age_days=30)
    query = api.seen[0].query
    assert (query["query"], query["languageCode"], query["maxAgeDays"], query["key"]) == (
        ["기후 변화"], ["ko"], ["30"], ["test-key-123"])


def test_limit_stops_paging(api):
    api.route(API_PATH, paged([[api_claim(1), api_claim(2)], [api_claim(3), api_claim(4)], [api_claim(5)]]))
    assert fetch_google_claims("river", **asking(api), limit=3)["count"] == 3
    assert len(api.seen) == 2


def test_a_repeated_page_token_ends_paging(api):
    api.route(API_PATH, lambda seen: Reply(200, json.dumps({"claims": [api_claim(1)], "nextPageToken": "same"}),
                                            content_type="application/json"))
    assert fetch_google_claims("river", **asking(api))["count"] == 2
    assert len(api.seen) == 2


def test_the_response_imports_as_google_claims(api, empty_claims):
    api.route(API_PATH, paged([[api_claim(1)], [api_claim(2)]]))
    report = import_records(Repo(empty_claims), list(json_items(fetch_google_claims("river", **asking(api)))))
    assert report.counts() == {"added": 2, "duplicates": 0, "invalid": 0}
    assert {a.path.parent.parent.name for a in report.added} == {"afp-fact-check"}


def test_no_key_is_a_clear_error(api):
    with pytest.raises(GoogleAPIError, match="no Google API key: set FACTCHECK_GOOGLE_API_KEY"):
        fetch_google_claims("river", **asking(api, key=None))
    assert not api.seen


def test_quota_exceeded_is_a_clear_error(api):
    api.route(API_PATH, error(429, "Quota exceeded for quota metric 'Queries'", "RESOURCE_EXHAUSTED"))
    with pytest.raises(GoogleAPIError, match=r"quota exceeded \(HTTP 429\): Quota exceeded for quota metric"):
        fetch_google_claims("river", **asking(api))


def test_a_refused_key_shows_googles_message_but_never_the_key(api):
    api.route(API_PATH, error(403, "API key not valid. Please pass a valid API key.", "PERMISSION_DENIED"))
    with pytest.raises(GoogleAPIError) as caught:
        fetch_google_claims("river", **asking(api))
    assert str(caught.value) == ("Google Fact Check API refused the request (HTTP 403): "
                                 "API key not valid. Please pass a valid API key.")
    assert "test-key-123" not in str(caught.value)


def test_an_error_on_a_later_page_is_still_reported(api):
    api.route(API_PATH, [Reply(200, json.dumps({"claims": [api_claim(1)], "nextPageToken": "t1"}),
                               content_type="application/json"),
                         error(500, "Internal error", "INTERNAL")])
    with pytest.raises(GoogleAPIError, match=r"error \(HTTP 500\): Internal error"):
        fetch_google_claims("river", **asking(api))


def test_an_answer_that_is_not_json(api):
    api.route(API_PATH, Reply(200, "<html>captive portal</html>"))
    with pytest.raises(GoogleAPIError, match="not JSON"):
        fetch_google_claims("river", **asking(api))


def test_no_network_is_a_clear_error():
    with socket.socket() as s:  # a port on 127.0.0.1 that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(GoogleAPIError, match=r"cannot reach 127.0.0.1:\d+: .*check the network connection"):
        fetch_google_claims("river", key="k", url=f"http://127.0.0.1:{port}{API_PATH}")


def test_an_empty_query_is_refused(api):
    with pytest.raises(GoogleAPIError, match="empty query"):
        fetch_google_claims("  ")
