"""When the archive cannot be reached, `sources archive` names the archive's host and says why in words
(no C library errno); when no address is found for any host, it asks whether the machine is offline."""

import socket

import httpx

from conftest import write_claim
from factcheck.sources.archive import ArchiveResult, archive_sources
from factcheck.sources.http import _describe, is_dns_failure
from factcheck.sources.results import SourceResult, SourceTarget
from factcheck.terminal.outcomes import SourcesArchived, SourcesChecked

PAGE = "https://news1.kr/articles/5880123"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_archive_is_named_by_its_host_without_an_errno():
    api = f"http://127.0.0.1:{closed_port()}/wayback/available"
    [result] = archive_sources([SourceTarget("c", 0, PAGE, "")], wayback=api)
    assert result.archive_url is None
    assert result.error.startswith("archive lookup at 127.0.0.1 failed: cannot connect")
    assert "Errno" not in result.error and "news1.kr" not in result.error


def test_a_name_without_an_address_is_a_dns_failure_naming_the_host():
    for said in ("[Errno -3] Temporary failure in name resolution", "[Errno -2] Name or service not known"):
        reason = _describe(httpx.ConnectError(said), 10, "web.archive.org")
        assert reason == "DNS lookup failed: no address for web.archive.org"
        assert is_dns_failure(reason)


def test_a_dns_failure_is_said_in_the_users_language_naming_the_host():
    from factcheck import i18n

    reason = _describe(httpx.ConnectError("DNS lookup failed: no address for news.example"), 10, "news.example")
    i18n.use("ko")
    try:
        assert i18n.translated(reason) == "DNS 조회 실패: news.example의 주소가 없습니다"
    finally:
        i18n.use("en")


def test_archive_on_the_command_line_names_the_archive_host(run, empty_claims, monkeypatch):
    write_claim(empty_claims, "subway-fare")
    monkeypatch.setenv("FACTCHECK_WAYBACK_URL", f"http://127.0.0.1:{closed_port()}/wayback/available")
    result = run(empty_claims, "sources", "archive")
    assert result.exit_code == 1
    assert "archive lookup at 127.0.0.1 failed" in result.stdout and "Errno" not in result.output


DNS_FAILED = "archive lookup at web.archive.org failed: DNS lookup failed: no address for web.archive.org"


def test_when_no_host_has_an_address_the_summary_asks_offline():
    results = [ArchiveResult("a", 0, PAGE, error=DNS_FAILED), ArchiveResult("b", 0, PAGE, error=DNS_FAILED)]
    assert any("offline?" in line for line in SourcesArchived(results).notes())
    checked = [SourceResult("a", 0, PAGE, "error", error="DNS lookup failed: no address for news1.kr")]
    assert any("offline?" in line for line in SourcesChecked(checked).notes())


def test_one_host_without_an_address_among_others_is_not_called_offline():
    results = [ArchiveResult("a", 0, PAGE, error=DNS_FAILED), ArchiveResult("b", 0, PAGE, archive_url=PAGE)]
    assert not any("offline?" in line for line in SourcesArchived(results).notes())
