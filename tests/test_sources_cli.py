"""`factcheck sources check` and `factcheck sources archive` end to end: claim files in tmp_path,
pages on a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from http_server import Reply, Seen

from factcheck.cli.app import cli
from factcheck.sources.defaults import SAVE_URL_ENV, WAYBACK_URL_ENV
from factcheck.store.repo import Repo

QUOTE = "지난 18일 이재명 대통령 주재 국무회의"
PAGE = f"<html><body><nav>메뉴</nav><p>{QUOTE}에서 예타 면제가 의결됐다.</p></body></html>"
CLAIM = """\
# yaml-language-server: $schema=schema.json
# Checked by hand on 2026-11-20; keep this comment.
id: {id}
claim: 김제 AI 피지컬 사업은 예타를 면제받았다   # said at a press conference
status: half-true
sources:
  # the report we rely on
  - url: {url}
    publisher: 뉴스1
    quote: {quote}
    kind: secondary   # not the ministry's own words
"""


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    root = tmp_path / "claims"
    root.mkdir()
    return root


def add_claim(root: Path, claim_id: str, url: str, quote: str = QUOTE) -> Path:
    path = root / f"{claim_id}.yaml"
    path.write_text(CLAIM.format(id=claim_id, url=url, quote=json.dumps(quote, ensure_ascii=False)), encoding="utf-8")
    return path


def run(claims: Path, *args: str):
    runner = CliRunner()
    return runner.invoke(cli, ["--claims-dir", str(claims), "sources", *args], env={"COLUMNS": "200"})


FAST = ("--allow-private", "--timeout", "0.5")


# --------------------------------------------------------------------------- check


def test_all_sources_ok_exits_0_with_a_table(web, claims):
    add_claim(claims, "claim-ok", web.route("/ok", Reply(body=PAGE)))
    result = run(claims, "check", *FAST)
    assert result.exit_code == 0, result.output
    assert "claim-ok" in result.stdout and "ok" in result.stdout and web.url("/ok") in result.stdout
    assert "1 source(s) checked, 0 with a problem" in result.stderr


def test_a_problem_exits_1_and_problems_come_first(web, claims):
    add_claim(claims, "aaa-fine", web.route("/fine", Reply(body=PAGE)))
    add_claim(claims, "zzz-dead", web.route("/dead", Reply(404)))
    result = run(claims, "check", *FAST)
    assert result.exit_code == 1
    assert result.stdout.index("zzz-dead") < result.stdout.index("aaa-fine")
    assert "dead" in result.stdout and "HTTP 404" in result.stdout


def test_json_lists_each_source_with_the_documented_keys(web, claims):
    add_claim(claims, "claim-ok", web.route("/ok", Reply(body=PAGE)))
    add_claim(claims, "claim-moved", web.route("/old", Reply(301, headers={"Location": "/new"})))
    web.route("/new", Reply(body=PAGE))
    result = run(claims, "check", "--json", *FAST)
    assert result.exit_code == 1
    results = json.loads(result.stdout)["results"]
    assert [set(r) for r in results] == [
        {"claim_id", "url", "final_url", "status", "http_status", "quote_found", "quote_score", "error"}
    ] * 2
    by_claim = {r["claim_id"]: r for r in results}
    assert by_claim["claim-moved"]["status"] == "moved" and by_claim["claim-moved"]["final_url"] == web.url("/new")
    assert by_claim["claim-ok"] | {"final_url": None} == {
        "claim_id": "claim-ok", "url": web.url("/ok"), "final_url": None, "status": "ok", "http_status": 200,
        "quote_found": True, "quote_score": 100.0, "error": None,
    }


def test_ids_restrict_the_check_to_those_claims(web, claims):
    add_claim(claims, "claim-one", web.route("/one", Reply(body=PAGE)))
    add_claim(claims, "claim-two", web.route("/two", Reply(body=PAGE)))
    result = run(claims, "check", "claim-two", "--json", *FAST)
    assert [r["claim_id"] for r in json.loads(result.stdout)["results"]] == ["claim-two"]
    assert web.hits["/one"] == 0


def test_an_unknown_id_is_a_usage_error(claims):
    result = run(claims, "check", "no-such-claim")
    assert result.exit_code == 2
    assert "no claim with id 'no-such-claim'" in result.stderr


@pytest.mark.parametrize("option", [("--concurrency", "0"), ("--per-host", "0"), ("--timeout", "0")])
def test_nonsense_limits_are_usage_errors(claims, option):
    assert run(claims, "check", *option).exit_code == 2


def test_without_allow_private_a_loopback_source_is_blocked_and_not_fetched(web, claims):
    add_claim(claims, "claim-local", web.route("/local", Reply(body=PAGE)))
    result = run(claims, "check", "--json")
    assert result.exit_code == 1
    [only] = json.loads(result.stdout)["results"]
    assert only["status"] == "blocked" and "loopback" in only["error"]
    assert web.hits["/local"] == 0


def test_update_records_the_check_and_keeps_the_files_comments(web, claims):
    path = add_claim(claims, "claim-ok", web.route("/ok", Reply(body=PAGE)))
    before = path.read_text(encoding="utf-8")
    result = run(claims, "check", "--update", *FAST)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert [line for line in before.splitlines() if "#" in line] == [line for line in after.splitlines() if "#" in line]
    assert after.startswith(before.rstrip("\n").rsplit("\n", 1)[0])  # everything before is unchanged
    [source] = Repo(claims).load("claim-ok")["sources"]
    assert source["check_status"] == "ok" and source["final_url"] == web.url("/ok")
    assert source["fingerprint"].startswith("sha256:") and source["checked"]
    assert "recorded in 1 claim file(s)" in result.stderr


def test_after_update_an_edited_page_is_reported_as_changed(web, claims):
    add_claim(claims, "claim-edit", web.route("/edit", [Reply(body=PAGE), Reply(body=PAGE + "<p>정정 보도</p>")]))
    assert run(claims, "check", "--update", *FAST).exit_code == 0
    result = run(claims, "check", "--json", *FAST)
    assert json.loads(result.stdout)["results"][0]["status"] == "changed"


def test_without_update_the_files_are_not_touched(web, claims):
    path = add_claim(claims, "claim-ok", web.route("/ok", Reply(body=PAGE)))
    before = path.read_bytes()
    run(claims, "check", *FAST)
    assert path.read_bytes() == before


def test_web_text_is_shown_as_text_never_as_markup_or_terminal_codes(web, claims):
    page = "<p>[bold red]가짜[/bold red] \x1b[31m빨강\x1b[0m 지난 18일 이재명 대통령 주재 국회의</p>"
    quote = "[bold red]가짜[/bold red] 빨강 지난 18일 이재명 대통령 주재 국무회의"
    add_claim(claims, "claim-hostile", web.route("/hostile", Reply(body=page)), quote)
    result = run(claims, "check", *FAST)
    assert result.exit_code == 1
    assert "quote-missing" in result.stdout and "closest on the page" in result.stdout
    assert "[bold red]가짜[/bold red]" in result.stdout  # the page's text, shown literally
    assert "\x1b" not in result.stdout and "\\x1b[31m빨강" in result.stdout


def test_an_address_with_markup_in_it_is_shown_literally(web, claims):
    add_claim(claims, "claim-markup", web.url("/[red]x[/red]"))
    result = run(claims, "check", *FAST)
    assert result.exit_code == 1
    assert "[red]x[/red]" in result.stdout


def test_a_repository_without_sources_has_nothing_to_check(claims):
    (claims / "claim-none.yaml").write_text("id: claim-none\nclaim: 미확인 주장\nstatus: unverified\nsources: []\n")
    result = run(claims, "check")
    assert result.exit_code == 0 and "no sources to check" in result.stderr


# --------------------------------------------------------------------------- archive


@pytest.fixture
def archive(web, monkeypatch):
    monkeypatch.setenv(WAYBACK_URL_ENV, web.url("/wayback/available"))
    monkeypatch.setenv(SAVE_URL_ENV, web.url("/save/"))

    def availability(seen: Seen) -> Reply:
        url = seen.query["url"][0]
        closest = {"available": True, "url": f"http://web.archive.org/web/20250822/{url}", "timestamp": "20250822"}
        body = {"archived_snapshots": {"closest": closest} if "known" in url else {}}
        return Reply(body=json.dumps(body), content_type="application/json")

    web.route("/wayback/available", availability)
    return web


def test_archive_records_the_closest_snapshot_and_keeps_comments(archive, claims):
    path = add_claim(claims, "claim-known", "https://news1.kr/known/1")
    result = run(claims, "archive")
    assert result.exit_code == 0, result.output
    [source] = Repo(claims).load("claim-known")["sources"]
    assert source["archive_url"] == "https://web.archive.org/web/20250822/https://news1.kr/known/1"
    assert "# the report we rely on" in path.read_text(encoding="utf-8")
    assert "web.archive.org" in result.stdout


def test_archive_without_a_snapshot_exits_1_and_writes_nothing(archive, claims):
    path = add_claim(claims, "claim-unknown", "https://news1.kr/never/1")
    before = path.read_bytes()
    result = run(claims, "archive", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["results"][0]["archive_url"] is None
    assert path.read_bytes() == before


def test_archive_save_asks_save_page_now_first(archive, claims):
    archive.route("/save/*", Reply(302, headers={"Location": "/web/20261124/https://news1.kr/never/1"}))
    archive.route("/web/*", Reply(body="<p>archived</p>"))
    add_claim(claims, "claim-fresh", "https://news1.kr/never/1")
    result = run(claims, "archive", "--save", "--json")
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.stdout)["results"]
    assert entry["saved"] is True and entry["archive_url"] == archive.url("/web/20261124/https://news1.kr/never/1")


def test_sources_that_already_have_an_archive_url_are_skipped(archive, claims):
    add_claim(claims, "claim-known", "https://news1.kr/known/1")
    assert run(claims, "archive").exit_code == 0
    result = run(claims, "archive")
    assert result.exit_code == 0 and "already has an archive_url" in result.stderr
    assert archive.hits["/wayback/available"] == 1  # the second run asked nothing
