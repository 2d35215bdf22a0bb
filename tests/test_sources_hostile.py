"""Hostile and busy servers for `sources check` and `sources archive`, on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from http_server import Reply, web  # noqa: F401  (web is a fixture)
from test_sources_archive import apis, archive  # noqa: F401  (archive: a fixture, the fake archive on web)

from factcheck.sources.archive import archive_sources
from factcheck.sources.check import check_sources
from factcheck.sources.results import SourceTarget

QUOTE = "예비타당성 조사 면제가 의결됐다"
PAGE = f"<html><body><p>국무회의에서 {QUOTE}.</p></body></html>"
FAST = dict(allow_private=True, timeout=2.0, backoff=0.01, max_retry_wait=1.0)


@pytest.mark.parametrize("location", ["javascript:alert(1)", "data:text/html,<p>hi</p>", "mailto:desk@example.org"])
def test_a_redirect_to_a_non_web_address_is_an_error_for_that_source_only(web, location):
    bad = web.route("/bad", Reply(status=302, headers={"Location": location}))
    good = web.route("/good", Reply(body=PAGE))
    results = check_sources([SourceTarget("a-claim", 0, bad, QUOTE), SourceTarget("a-claim", 1, good, QUOTE)], **FAST)
    assert [r.status for r in results] == ["error", "ok"]
    assert results[0].error


def test_sources_check_update_records_the_others_when_one_redirects_to_javascript(web, empty_claims, run):
    from conftest import write_claim

    bad = web.route("/bad", Reply(status=302, headers={"Location": "javascript:alert(1)"}))
    good = web.route("/good", Reply(body=PAGE))
    write_claim(empty_claims, "two-sources", sources=[
        {"url": bad, "publisher": "p", "quote": QUOTE}, {"url": good, "publisher": "p", "quote": QUOTE}])
    result = run(empty_claims, "sources", "check", "--update", "--allow-private", "--json")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [r["status"] for r in json.loads(result.stdout)["results"]] == ["error", "ok"]
    assert "check_status: ok" in (empty_claims / "two-sources.yaml").read_text(encoding="utf-8")


def test_the_deadline_counts_from_the_first_request_not_the_wait_for_a_host_slot(web):
    # Twelve sources on one host, one request at a time, 0.3 s each: the last waits 3.3 s for its slot.
    targets = [SourceTarget("c", i, web.route(f"/slow/{i}", Reply(body=PAGE, delay=0.3)), QUOTE) for i in range(12)]
    results = check_sources(targets, **FAST, per_host=1, deadline=1.5)
    assert [r.status for r in results] == ["ok"] * 12, [r.error for r in results]


def test_the_deadline_still_ends_a_slow_server(web):
    slow = web.route("/drip", Reply(body=PAGE, delay=1.5))
    [result] = check_sources([SourceTarget("c", 0, slow, QUOTE)], **{**FAST, "timeout": 5.0}, deadline=0.5, retries=0)
    assert result.status == "error" and "gave up after 0.5 s" in result.error


def test_sources_check_takes_a_deadline_option(web, empty_claims, run):
    from conftest import write_claim

    write_claim(empty_claims, "slow-claim", sources=[
        {"url": web.route("/drip", Reply(body=PAGE, delay=1.5)), "publisher": "p", "quote": QUOTE}])
    result = run(empty_claims, "sources", "check", "--allow-private", "--deadline", "0.5", "--json")
    assert "gave up after 0.5 s" in json.loads(result.stdout)["results"][0]["error"]


def test_an_oversized_wayback_answer_is_cut_and_an_error(archive):
    padding = "x" * 3_000_000
    body = json.dumps({"archived_snapshots": {"closest": {"available": True, "url": "https://web.archive.org/web/1/x"}},
                       "padding": padding})
    archive.route("/wayback/available", Reply(body=body, content_type="application/json"))
    [result] = archive_sources([SourceTarget("c", 0, "https://x.example/a", "")], **apis(archive))
    assert result.archive_url is None and "over 1,000,000 bytes" in result.error


def test_a_wayback_answer_that_is_not_a_clean_url_is_not_stored(archive):
    hostile = "https://web.archive.org/web/1/x><script>alert(1)</script>"
    body = json.dumps({"archived_snapshots": {"closest": {"available": True, "url": hostile}}})
    archive.route("/wayback/available", Reply(body=body, content_type="application/json"))
    [result] = archive_sources([SourceTarget("c", 0, "https://x.example/a", "")], **apis(archive))
    assert result.archive_url is None


def test_a_wayback_answer_of_the_wrong_shape_is_an_error_not_a_crash(archive):
    archive.route("/wayback/available", Reply(body='{"archived_snapshots": {"closest": ["x"]}}',
                                              content_type="application/json"))
    [result] = archive_sources([SourceTarget("c", 0, "https://x.example/a", "")], **apis(archive))
    assert result.archive_url is None and "not the availability API's JSON" in result.error
