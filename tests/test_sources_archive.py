"""The Internet Archive lookups, against a fake availability API and Save Page Now on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from http_server import Reply, Seen, web  # noqa: F401  (web is a fixture)

from factcheck.errors import FactcheckError
from factcheck.sources.results import SourceTarget
from factcheck.sources.archive import archive_lookup, archive_save, archive_sources

PAGE = "https://news1.kr/articles/5880123"
SNAPSHOT = f"http://web.archive.org/web/20250822093000/{PAGE}"


def availability(snapshots: dict[str, str]):
    """A fake of https://archive.org/wayback/available: knows a snapshot for some addresses."""

    def answer(seen: Seen) -> Reply:
        url = seen.query.get("url", [""])[0]
        found = {"closest": {"available": True, "url": snapshots.get(url), "timestamp": "20250822093000"}}
        body = {"url": url, "archived_snapshots": found if url in snapshots else {}}
        return Reply(body=json.dumps(body), content_type="application/json")

    return answer


@pytest.fixture
def archive(web):
    return web


def apis(archive) -> dict:
    """The fake archive's two APIs, as the archive functions are told where they are."""
    return {"wayback": archive.url("/wayback/available"), "save_to": archive.url("/save/")}


def test_lookup_asks_the_availability_api_for_the_address_and_returns_the_closest_snapshot(archive):
    archive.route("/wayback/available", availability({PAGE: SNAPSHOT}))
    assert archive_lookup([PAGE], wayback=apis(archive)["wayback"]) == {PAGE: "https" + SNAPSHOT[len("http") :]}
    assert archive.seen[0].query["url"] == [PAGE]
    assert archive.seen[0].headers["user-agent"].startswith("factcheck/")


def test_an_address_the_archive_never_saw_has_no_snapshot(archive):
    archive.route("/wayback/available", availability({}))
    assert archive_lookup(["https://never.example/"], wayback=apis(archive)["wayback"]) == {"https://never.example/": None}


def test_a_failing_archive_is_a_clear_error_per_source(archive):
    archive.route("/wayback/available", Reply(404, body="no"))
    [result] = archive_sources([SourceTarget("c", 0, PAGE, "")], **apis(archive))
    assert (result.archive_url, result.error) == (None, "archive lookup failed: HTTP 404")
    with pytest.raises(FactcheckError, match="archive lookup failed"):
        archive_lookup([PAGE], wayback=apis(archive)["wayback"])


def test_an_answer_that_is_not_the_apis_json_is_an_error(archive):
    archive.route("/wayback/available", Reply(body="<html>maintenance</html>"))
    [result] = archive_sources([SourceTarget("c", 0, PAGE, "")], **apis(archive))
    assert "not the availability API's JSON" in result.error


def test_save_page_now_is_asked_first_and_its_new_snapshot_is_recorded(archive):
    new = f"/web/20261124120000/{PAGE}"
    archive.route("/save/*", Reply(302, headers={"Location": new}))
    archive.route("/web/*", Reply(body="<p>archived</p>"))
    [result] = archive_sources([SourceTarget("c", 0, PAGE, "")], save=True, **apis(archive))
    assert (result.archive_url, result.saved, result.error) == (archive.url(new), True, None)
    assert archive.seen[0].path == f"/save/{PAGE}"
    assert archive_save(PAGE, **apis(archive)) == archive.url(new)


def test_save_page_now_answering_with_content_location_is_understood(archive):
    new = f"/web/20261124120000/{PAGE}"
    archive.route("/save/*", Reply(body="saved", headers={"Content-Location": new}))
    assert archive_save(PAGE, **apis(archive)) == archive.url(new)


def test_when_save_page_now_does_not_say_where_the_closest_snapshot_is_looked_up(archive):
    archive.route("/save/*", Reply(body="saved"))
    archive.route("/wayback/available", availability({PAGE: SNAPSHOT}))
    [result] = archive_sources([SourceTarget("c", 0, PAGE, "")], save=True, **apis(archive))
    assert result.saved and result.archive_url.endswith(PAGE)


def test_a_refused_save_is_an_error_and_nothing_is_recorded(archive):
    archive.route("/save/*", Reply(429, headers={"Retry-After": "0"}))
    [result] = archive_sources([SourceTarget("c", 0, PAGE, "")], save=True, **apis(archive))
    assert (result.archive_url, result.saved) == (None, False)
    assert result.error == "Save Page Now failed: HTTP 429"
