"""Writing check results and archive snapshots back into claim files: round-trip, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from http_server import Reply, web  # noqa: F401  (web is a fixture)

from factcheck.sources.archive import ArchiveResult, apply_archive, archive_targets
from factcheck.sources.results import SourceResult, targets_for
from factcheck.sources.check import apply_results, check_sources
from factcheck.store.repo import Repo

QUOTE = "지난 18일 이재명 대통령 주재 국무회의"
CLAIM = """\
# yaml-language-server: $schema=schema.json
# A hand-written claim: every comment below must survive an update.
id: gimje-yeta
claim: 김제 AI 피지컬 사업은 예타를 면제받았다   # said at a press conference
status: half-true
sources:
  # the news report
  - url: {url0}
    publisher: 뉴스1
    quote: {quote}
    kind: secondary   # not the ministry's own words
  - url: {url1}
    publisher: 과학기술정보통신부
    quote: 예비타당성 조사 면제
    archive_url: https://web.archive.org/web/2025/{url1}
    fingerprint: sha256:stored-before
    final_url: {url1}
reviewed: 2026-11-20   # last looked at
"""


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    root = tmp_path / "claims"
    root.mkdir()
    return root


def write_claim(root: Path, url0: str, url1: str) -> Path:
    path = root / "gimje-yeta.yaml"
    path.write_text(CLAIM.format(url0=url0, url1=url1, quote=QUOTE), encoding="utf-8")
    return path


def test_update_records_checks_and_keeps_every_comment_field_and_key_order(web, claims):
    url0 = web.route("/report", Reply(body=f"<p>{QUOTE}에서 의결</p>"))
    url1 = web.route("/ministry", Reply(404))
    path = write_claim(claims, url0, url1)
    before = path.read_text(encoding="utf-8")
    repo = Repo(claims)
    results = check_sources(targets_for(repo.load("gimje-yeta")), allow_private=True, timeout=0.5)
    assert [r.status for r in results] == ["ok", "dead"]

    repo.update("gimje-yeta", lambda doc: apply_results(doc, results))

    after = path.read_text(encoding="utf-8")
    for line in before.splitlines():
        if "#" in line:
            assert line in after  # every comment, on its own line or after a value, is still there
    record = repo.load("gimje-yeta")
    first, second = record["sources"]
    assert first["check_status"] == "ok" and first["checked"] == results[0].checked
    assert first["final_url"] == url0 and first["fingerprint"] == results[0].fingerprint
    assert list(first) == ["url", "publisher", "quote", "kind", "checked", "check_status", "final_url", "fingerprint"]
    # A dead page: the status is recorded, what was stored about the page is kept.
    assert second["check_status"] == "dead"
    assert second["fingerprint"] == "sha256:stored-before" and second["archive_url"].startswith("https://web.archive")
    assert list(record) == ["id", "claim", "status", "sources", "reviewed"]
    assert f"checked: {results[0].checked}\n" in after  # a YAML date, not a quoted string


def test_a_second_update_changes_values_in_place():
    doc = {"id": "c", "sources": [{"url": "http://a.kr/", "check_status": "dead", "note": 1}]}
    apply_results(doc, [SourceResult("c", 0, "http://a.kr/", "ok", final_url="http://a.kr/", fingerprint="sha256:1")])
    assert list(doc["sources"][0]) == ["url", "check_status", "note", "checked", "final_url", "fingerprint"]
    assert doc["sources"][0]["check_status"] == "ok"


def test_a_result_for_a_source_that_was_edited_meanwhile_is_not_applied():
    doc = {"id": "c", "sources": [{"url": "http://new.kr/"}]}
    stale = SourceResult("c", 0, "http://old.kr/", "dead")
    other_claim = SourceResult("d", 0, "http://new.kr/", "dead")
    out_of_range = SourceResult("c", 5, "http://new.kr/", "dead")
    assert apply_results(doc, [stale, other_claim, out_of_range]) == 0
    assert doc["sources"][0] == {"url": "http://new.kr/"}


def test_archive_targets_are_the_sources_without_an_archive_url(claims):
    write_claim(claims, "https://news1.kr/a", "https://msit.go.kr/b")
    [only] = archive_targets(Repo(claims).load("gimje-yeta"))
    assert (only.index, only.url) == (0, "https://news1.kr/a")


def test_archive_urls_are_recorded_without_touching_comments_or_existing_snapshots(claims):
    path = write_claim(claims, "https://news1.kr/a", "https://msit.go.kr/b")
    snapshot = "https://web.archive.org/web/20260101000000/https://news1.kr/a"
    results = [
        ArchiveResult("gimje-yeta", 0, "https://news1.kr/a", snapshot),
        ArchiveResult("gimje-yeta", 1, "https://msit.go.kr/b", "https://web.archive.org/web/2099/x"),
    ]
    Repo(claims).update("gimje-yeta", lambda doc: apply_archive(doc, results))
    text = path.read_text(encoding="utf-8")
    assert "# the news report" in text and "# not the ministry's own words" in text
    first, second = Repo(claims).load("gimje-yeta")["sources"]
    assert first["archive_url"] == snapshot
    assert second["archive_url"] == "https://web.archive.org/web/2025/https://msit.go.kr/b"  # kept
