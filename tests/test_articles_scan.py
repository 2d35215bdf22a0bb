"""`scan` against a real local server: a feed of five articles (some EUC-KR), repeats flagged, memory kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from http_server import Reply, web  # noqa: F401

FIXTURES = Path(__file__).parent / "data" / "articles"

# Five articles of the kind a regional feed carries. Two repeat stored seed claims: one the half-true
# 예타 date (an alarm), one the mostly-true budget record (flagged, no alarm). The others repeat nothing.
REPEATS_YETA = """<html><head><meta charset="euc-kr"><title>김제시, 피지컬 AI 후속 사업 착수</title></head><body><article>
<h1>김제시, 피지컬 AI 후속 사업 착수</h1>
<p>[전북한빛 | 김제 오하늘 기자] 전북 김제시가 피지컬 AI 관련 후속 사업 준비에 들어갔다.</p>
<p>김제 AI 피지컬 사업은 지난 8월 22일 국무회의 의결을 거쳐 예비타당성조사 면제가 최종 확정됐다.</p>
<p>시는 내년 상반기까지 기업 유치 전략을 마련할 계획이라고 밝혔다. 시는 관련 부서 3곳이 참여하는 전담팀을 꾸렸다.</p>
</article></body></html>"""
REPEATS_RECORD = """<html><head><meta charset="utf-8"><title>김제시 국가예산 대응 본격화</title></head><body><article>
<h1>김제시 국가예산 대응 본격화</h1>
<p>[전북한빛 | 김제 오하늘 기자] 김제시가 2027년 국가예산 확보를 위한 대응에 들어갔다.</p>
<p>역대 최초 3년 연속 국가예산 확보 기록을 쓴 정성주 시장은 올해도 기획재정부를 찾을 예정이다.</p>
<p>시는 신규 사업 21건을 발굴해 정부 부처에 건의했다.</p>
</article></body></html>"""


def html_reply(text: str, charset: str) -> Reply:
    return Reply(200, text.encode(charset), content_type=f"text/html; charset={charset}")


def serve_feed(web, names: list[str]) -> str:
    items = "".join(
        f"<item><title>기사 {i}</title><link>{web.url('/news/' + name)}</link>"
        f"<pubDate>Tue, {10 + i:02d} Nov 2025 09:00:00 +0900</pubDate></item>"
        for i, name in enumerate(names)
    )
    body = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>지역</title>{items}</channel></rss>'
    return web.route("/rss.xml", Reply(200, body.encode(), content_type="application/rss+xml; charset=utf-8"))


def publish_newsroom(web) -> str:
    """Five articles and their feed on the local server; returns the feed's URL."""
    web.route("/news/yeta", html_reply(REPEATS_YETA, "euc-kr"))
    web.route("/news/record", html_reply(REPEATS_RECORD, "utf-8"))
    web.route("/news/suwon", Reply(200, (FIXTURES / "suwon-2026-budget.html").read_bytes()))
    web.route("/news/suncheon", Reply(200, (FIXTURES / "suncheon-national-budget.html").read_bytes(),
                                      content_type="text/html; charset=euc-kr"))
    web.route("/news/gangneung", Reply(200, (FIXTURES / "gangneung-work-plan.txt").read_bytes(),
                                       content_type="text/plain; charset=utf-8"))
    return serve_feed(web, ["yeta", "record", "suwon", "suncheon", "gangneung"])


@pytest.fixture
def newsroom(web):
    return publish_newsroom(web)


@pytest.fixture(scope="module")
def first_scan(tmp_path_factory):
    """One first scan of the newsroom, shared by the tests that only read its report."""
    from click.testing import CliRunner
    from conftest import REPO_CLAIMS
    from http_server import LocalServer

    from factcheck.cli.app import cli

    claims = tmp_path_factory.mktemp("scan") / "claims"
    shutil.copytree(REPO_CLAIMS, claims)
    server = LocalServer().start()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
            patch.setenv("NO_COLOR", "1")
            feed = publish_newsroom(server)
            result = CliRunner().invoke(cli, ["--claims-dir", str(claims), "scan", feed, "--allow-private", "--json"])
    finally:
        server.stop()
    return result, json.loads(result.stdout)


def scan(run, claims, *args):
    result = run(claims, "scan", *args, "--allow-private", "--json")
    return result, json.loads(result.stdout) if result.stdout.strip() else None


def test_scan_flags_exactly_the_articles_that_repeat_a_stored_claim(first_scan):
    _result, data = first_scan
    flagged = {a["url"].rsplit("/", 1)[1]: [r["id"] for r in a["repeats"]] for a in data["articles"] if a["repeats"]}
    assert flagged == {"yeta": ["gimje-physical-ai-yeta-exemption"], "record": ["gimje-national-budget-three-years-record"]}
    assert len(data["articles"]) == 5


def test_a_repeat_of_a_half_true_claim_exits_1_for_cron(first_scan):
    result, data = first_scan
    assert result.exit_code == 1 and data["alarming"] is True
    yeta = next(a for a in data["articles"] if a["url"].endswith("/yeta"))
    assert yeta["repeats"][0]["status"] == "half-true" and yeta["repeats"][0]["tier"] == "match"


def test_a_repeat_of_a_mostly_true_claim_alone_exits_0(run, claims_dir, web):
    web.route("/news/record", html_reply(REPEATS_RECORD, "utf-8"))
    result, data = scan(run, claims_dir, serve_feed(web, ["record"]))
    assert result.exit_code == 0 and data["articles"][0]["repeats"]


@pytest.mark.parametrize(("lang", "marks"), [("ko", ("경보", "반복", "새 기사")), ("en", ("REPEAT", "repeat", "new"))])
def test_a_scan_marks_its_articles_in_the_users_language_with_the_titles_in_one_column(run, claims_dir, newsroom,
                                                                                       lang, marks):
    from factcheck.textclean import columns

    result = run(claims_dir, "--lang", lang, "scan", newsroom, "--allow-private")
    heads = {line: next(m for m in marks if line.startswith(m))
             for line in result.stdout.splitlines() if line.startswith(marks)}
    assert set(heads.values()) == set(marks)

    def title_column(line: str, mark: str) -> int:
        rest = line[len(mark):]
        return columns(mark) + len(rest) - len(rest.lstrip(" "))

    assert len({title_column(line, mark) for line, mark in heads.items()}) == 1  # whatever the mark's width


def test_a_second_run_reports_nothing_new(run, claims_dir, newsroom, web):
    scan(run, claims_dir, newsroom)
    fetched = web.hits["/news/suwon"]
    result, data = scan(run, claims_dir, newsroom)
    assert result.exit_code == 0
    assert data["articles"] == [] and data["skipped"] == 5
    assert web.hits["/news/suwon"] == fetched  # a seen article is not fetched again


def test_all_reports_every_item_again(run, claims_dir, newsroom):
    scan(run, claims_dir, newsroom)
    _result, data = scan(run, claims_dir, newsroom, "--all")
    assert len(data["articles"]) == 5


def test_since_reports_the_items_published_on_or_after_the_date_seen_or_not(run, claims_dir, newsroom):
    _result, data = scan(run, claims_dir, newsroom, "--since", "2025-11-13")
    assert sorted(a["url"].rsplit("/", 1)[1] for a in data["articles"]) == ["gangneung", "suncheon"]
    _result, data = scan(run, claims_dir, newsroom, "--since", "2025-11-14")  # seen now, reported all the same
    assert [a["url"].rsplit("/", 1)[1] for a in data["articles"]] == ["gangneung"]


def test_euc_kr_articles_are_read_as_korean(first_scan):
    _result, data = first_scan
    yeta = next(a for a in data["articles"] if a["url"].endswith("/yeta"))
    assert "예비타당성조사" in yeta["repeats"][0]["text"]
    suncheon = next(a for a in data["articles"] if a["url"].endswith("/suncheon"))
    assert any("8,420억" in c["text"] for c in suncheon["candidates"])


def test_each_failing_article_gets_one_line_and_the_rest_goes_on(run, claims_dir, web):
    web.route("/news/record", html_reply(REPEATS_RECORD, "utf-8"))
    web.route("/news/gone", Reply(404, b"not here"))
    feed = serve_feed(web, ["gone", "record"])
    result = run(claims_dir, "scan", feed, "--allow-private")
    lines = [line for line in result.stderr.splitlines() if "/news/gone" in line]
    assert lines == [f"warning: article {web.url('/news/gone')}: HTTP 404"]
    assert "김제시 국가예산 대응 본격화" in result.stdout


def test_a_failed_article_is_tried_again_next_time(run, claims_dir, web):
    web.route("/news/record", [Reply(404, b"not yet"), html_reply(REPEATS_RECORD, "utf-8")])
    feed = serve_feed(web, ["record"])
    run(claims_dir, "scan", feed, "--allow-private")
    _result, data = scan(run, claims_dir, feed)
    assert [a["url"] for a in data["articles"]] == [web.url("/news/record")]


def test_a_feed_that_cannot_be_read_gets_one_line(run, claims_dir, web):
    bad = web.route("/broken.xml", Reply(500, b"oops"))
    result = run(claims_dir, "scan", bad, "--allow-private", "--timeout", "2")
    assert f"warning: feed {bad}: HTTP 500" in result.stderr and "Traceback" not in result.output


def test_an_article_address_is_scanned_as_an_article(run, claims_dir, web):
    url = web.route("/news/yeta", html_reply(REPEATS_YETA, "euc-kr"))
    result, data = scan(run, claims_dir, url)
    assert result.exit_code == 1 and data["articles"][0]["repeats"]


def test_scan_refuses_loopback_addresses_unless_allowed(run, claims_dir, newsroom):
    result = run(claims_dir, "scan", newsroom)
    assert "loopback" in result.stderr


def test_no_host_sees_more_than_the_per_host_bound(run, claims_dir, web):
    for i in range(6):
        web.route(f"/news/a{i}", Reply(200, REPEATS_RECORD.encode(), delay=0.2))
    feed = serve_feed(web, [f"a{i}" for i in range(6)])
    run(claims_dir, "scan", feed, "--allow-private", "--per-host", "2")
    assert web.max_in_flight == 2


def test_what_was_seen_is_kept_in_the_cache_directory_not_in_the_claims(run, claims_dir, newsroom, tmp_path):
    before = sorted(p.name for p in claims_dir.rglob("*"))
    scan(run, claims_dir, newsroom)
    assert sorted(p.name for p in claims_dir.rglob("*")) == before
    import os

    assert any(name.startswith("seen-") for name in os.listdir(os.environ["FACTCHECK_CACHE_DIR"]))


def test_extract_reads_a_url_through_the_safe_fetch(run, claims_dir, web):
    url = web.route("/news/suncheon", Reply(200, (FIXTURES / "suncheon-national-budget.html").read_bytes(),
                                            content_type="text/html"))
    result = run(claims_dir, "extract", url, "--allow-private", "--json")
    data = json.loads(result.stdout)
    assert data["source"]["url"] == url and data["source"]["publisher"] == "남도타임즈"
    assert run(claims_dir, "extract", url).exit_code == 2  # loopback refused without --allow-private


def test_the_scan_commands_per_host_default_is_the_librarys():
    from factcheck.articles.fetch import SCAN_PER_HOST
    from factcheck.cli.articles import scan as command

    assert next(p.default for p in command.params if p.name == "per_host") == SCAN_PER_HOST


def test_an_article_that_answers_too_slowly_times_out_and_the_rest_goes_on(run, claims_dir, web):
    web.route("/news/slow", Reply(200, REPEATS_RECORD.encode(), delay=3))
    web.route("/news/record", html_reply(REPEATS_RECORD, "utf-8"))
    result = run(claims_dir, "scan", serve_feed(web, ["slow", "record"]), "--allow-private", "--timeout", "0.3")
    [line] = [line for line in result.stderr.splitlines() if "/news/slow" in line]
    assert "timed out" in line or "gave up" in line
    assert "김제시 국가예산 대응 본격화" in result.stdout


def test_extract_given_a_feed_says_to_scan_it(run, claims_dir, newsroom):
    result = run(claims_dir, "extract", newsroom, "--allow-private")
    assert result.exit_code == 2 and "factcheck scan" in result.stderr


def test_an_euc_kr_atom_feed_is_read(run, claims_dir, web):
    web.route("/news/yeta", html_reply(REPEATS_YETA, "euc-kr"))
    atom = (
        '<?xml version="1.0" encoding="euc-kr"?><feed xmlns="http://www.w3.org/2005/Atom"><title>전북 소식</title>'
        '<entry><title>김제시, 피지컬 AI 후속 사업 착수</title><link href="/news/yeta"/>'
        "<updated>2025-11-20T09:00:00+09:00</updated><id>urn:1</id></entry></feed>"
    )
    feed = web.route("/atom.xml", Reply(200, atom.encode("euc-kr"), content_type="application/atom+xml"))
    result, data = scan(run, claims_dir, feed)
    assert [a["title"] for a in data["articles"]] == ["김제시, 피지컬 AI 후속 사업 착수"]
    assert data["articles"][0]["date"] == "2025-11-20" and result.exit_code == 1
