"""`check_sources` against a real HTTP server on 127.0.0.1: every case the source checker must handle."""

from __future__ import annotations

import gzip
import time

import pytest
from http_server import Reply, unused_port, web  # noqa: F401  (web is a fixture)

from factcheck.errors import FactcheckError
from factcheck.sources.results import SourceTarget
from factcheck.sources.check import check_sources
from factcheck.sources.webtext import fingerprint, visible_text

QUOTE = "지난 18일 이재명 대통령 주재 국무회의에서 예비타당성 조사 면제가 의결됐다"
ARTICLE = f"""<!doctype html><html><head><title>뉴스</title></head><body>
<nav>홈 | 정치 | 경제</nav>
<article><h1>김제 피지컬 AI 사업 예타 면제</h1>
<p>{QUOTE}. 사업비는 1조 원 규모다.</p></article>
<footer>Copyright 뉴스1</footer></body></html>"""
# Fast settings for a loopback server: the suite stays quick and a hung test fails fast.
FAST = dict(allow_private=True, timeout=0.5, backoff=0.01, max_retry_wait=2.0, deadline=10.0)


def target(url: str, quote: str = QUOTE, **stored) -> SourceTarget:
    return SourceTarget("gimje-physical-ai-yeta-exemption", 0, url, quote, **stored)


def check_one(url: str, quote: str = QUOTE, **options):
    [result] = check_sources([target(url, quote, **options.pop("stored", {}))], **{**FAST, **options})
    return result


# --------------------------------------------------------------------------- pages with the quote


def test_utf8_page_with_the_quote_is_ok(web):
    result = check_one(web.route("/utf8", Reply(body=ARTICLE)))
    assert (result.status, result.quote_found, result.quote_score) == ("ok", True, 100.0)
    assert result.http_status == 200 and result.final_url == web.url("/utf8")
    assert result.fingerprint == fingerprint(visible_text(ARTICLE))
    assert result.error is None


def test_euc_kr_page_declared_in_the_header_reads_as_hangul_including_cp949_syllables(web):
    quote = "똠방각하 " + QUOTE  # 똠 exists only in CP949, the superset servers labelled euc-kr really send
    body = ARTICLE.replace(QUOTE, quote).encode("cp949")
    result = check_one(web.route("/euckr", Reply(body=body, content_type="text/html; charset=euc-kr")), quote)
    assert (result.status, result.quote_found) == ("ok", True)


def test_euc_kr_page_declared_only_by_meta_charset(web):
    body = ARTICLE.replace("<head>", '<head><meta charset="euc-kr">').encode("euc-kr")
    result = check_one(web.route("/meta", Reply(body=body, content_type="text/html")))
    assert (result.status, result.quote_found) == ("ok", True)


def test_euc_kr_page_declared_only_by_http_equiv(web):
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">'
    body = ARTICLE.replace("<head>", "<head>" + meta).encode("euc-kr")
    result = check_one(web.route("/equiv", Reply(body=body, content_type="text/html")))
    assert (result.status, result.quote_found) == ("ok", True)


def test_euc_kr_page_without_any_charset_is_detected(web):
    result = check_one(web.route("/bare", Reply(body=ARTICLE.encode("euc-kr"), content_type="text/html")))
    assert (result.status, result.quote_found) == ("ok", True)


def test_euc_kr_page_behind_a_wrong_utf8_header_still_reads_as_hangul(web):
    body = ARTICLE.encode("euc-kr")
    result = check_one(web.route("/liar", Reply(body=body, content_type="text/html; charset=utf-8")))
    assert (result.status, result.quote_found) == ("ok", True)


def test_plain_text_page_is_read_as_it_is(web):
    body = f"보도자료\n\n{QUOTE}.\n".encode("utf-8")
    result = check_one(web.route("/plain", Reply(body=body, content_type="text/plain; charset=utf-8")))
    assert (result.status, result.quote_found) == ("ok", True)


def test_gzip_encoded_page_is_decompressed(web):
    body = gzip.compress(ARTICLE.encode("utf-8"))
    result = check_one(web.route("/gz", Reply(body=body, headers={"Content-Encoding": "gzip"})))
    assert (result.status, result.quote_found) == ("ok", True)


# --------------------------------------------------------------------------- the quote is not (quite) there


def test_one_edited_word_makes_the_quote_missing_with_a_high_score_and_the_edited_passage(web):
    edited = ARTICLE.replace("지난 18일", "지난 19일")
    result = check_one(web.route("/edited", Reply(body=edited)))
    assert (result.status, result.quote_found) == ("quote-missing", False)
    assert 90 <= result.quote_score < 100
    assert "지난 19일 이재명 대통령" in result.closest


def test_a_page_without_the_quote_is_quote_missing_with_a_low_score(web):
    body = "<html><body><p>오늘의 날씨는 맑음. Weather today: sunny.</p></body></html>"
    result = check_one(web.route("/other", Reply(body=body)))
    assert (result.status, result.quote_found) == ("quote-missing", False)
    assert result.quote_score < 60


def test_the_quote_only_inside_a_script_does_not_count(web):
    body = f"<html><body><script>var q = '{QUOTE}';</script><p>다른 기사</p></body></html>"
    result = check_one(web.route("/script", Reply(body=body)))
    assert result.status == "quote-missing"


# --------------------------------------------------------------------------- change and movement


def test_a_different_stored_fingerprint_with_the_quote_still_there_is_changed(web):
    result = check_one(web.route("/edited-elsewhere", Reply(body=ARTICLE)), stored={"fingerprint": "sha256:old"})
    assert (result.status, result.quote_found) == ("changed", True)


def test_the_same_stored_fingerprint_is_ok(web):
    stored = {"fingerprint": fingerprint(visible_text(ARTICLE))}
    result = check_one(web.route("/same", Reply(body=ARTICLE)), stored=stored)
    assert result.status == "ok"


def test_a_301_chain_to_a_new_address_is_moved_with_the_final_address(web):
    web.route("/old", Reply(301, headers={"Location": "/older-still"}))
    web.route("/older-still", Reply(301, headers={"Location": web.url("/new/2026/article")}))
    final = web.route("/new/2026/article", Reply(body=ARTICLE))
    result = check_one(web.url("/old"))
    assert (result.status, result.final_url, result.quote_found) == ("moved", final, True)
    assert result.http_status == 200
    assert [web.hits[p] for p in ("/old", "/older-still", "/new/2026/article")] == [1, 1, 1]


def test_a_move_already_recorded_by_the_last_update_is_ok(web):
    web.route("/was-here", Reply(301, headers={"Location": "/is-here"}))
    final = web.route("/is-here", Reply(body=ARTICLE))
    result = check_one(web.url("/was-here"), stored={"final_url": final})
    assert result.status == "ok"


def test_a_redirect_that_only_adds_a_trailing_slash_is_not_a_move(web):
    web.route("/section", Reply(301, headers={"Location": "/section/"}))
    web.route("/section/", Reply(body=ARTICLE))
    assert check_one(web.url("/section")).status == "ok"


def test_a_redirect_loop_is_an_error_naming_the_loop(web):
    web.route("/ping", Reply(302, headers={"Location": "/pong"}))
    web.route("/pong", Reply(302, headers={"Location": "/ping"}))
    result = check_one(web.url("/ping"))
    assert result.status == "error"
    assert "redirect loop" in result.error and "/pong" in result.error
    assert web.hits["/ping"] == 1 and web.hits["/pong"] == 1


def test_ten_redirects_are_followed_but_eleven_are_an_error(web):
    for i in range(11):
        web.route(f"/hop{i}", Reply(302, headers={"Location": f"/hop{i + 1}"}))
    web.route("/hop11", Reply(body=ARTICLE))
    assert check_one(web.url("/hop1")).status == "moved"  # 10 redirects: /hop1 .. /hop10 -> /hop11
    result = check_one(web.url("/hop0"))
    assert result.status == "error" and "more than 10 redirects" in result.error


# --------------------------------------------------------------------------- dead and failing pages


@pytest.mark.parametrize("code", [404, 410])
def test_404_and_410_are_dead(web, code):
    result = check_one(web.route(f"/gone{code}", Reply(code, body="gone")))
    assert (result.status, result.http_status, result.error) == ("dead", code, f"HTTP {code}")
    assert result.quote_found is None and web.hits[f"/gone{code}"] == 1  # never retried


def test_a_403_is_an_error_with_the_status(web):
    result = check_one(web.route("/forbidden", Reply(403)))
    assert (result.status, result.http_status, result.error) == ("error", 403, "HTTP 403")


def test_a_slow_response_past_the_read_timeout_is_an_error_after_retrying(web):
    url = web.route("/slow", Reply(body=ARTICLE, delay=3.0))
    started = time.monotonic()
    result = check_one(url, timeout=0.3, retries=1)
    assert result.status == "error" and "timed out" in result.error
    assert web.hits["/slow"] == 2  # the first try and one retry
    assert time.monotonic() - started < 2.5


def test_connection_refused_is_an_error(web):
    result = check_one(f"http://127.0.0.1:{unused_port()}/nobody", retries=0)
    assert result.status == "error" and "cannot connect" in result.error


def test_a_503_then_a_200_succeeds_on_the_retry(web):
    url = web.route("/flaky", [Reply(503, body="busy"), Reply(body=ARTICLE)])
    result = check_one(url)
    assert (result.status, result.http_status) == ("ok", 200)
    assert web.hits["/flaky"] == 2


def test_retry_after_is_honoured_before_retrying(web):
    url = web.route("/later", [Reply(429, headers={"Retry-After": "1"}), Reply(body=ARTICLE)])
    started = time.monotonic()
    result = check_one(url)
    assert result.status == "ok" and web.hits["/later"] == 2
    assert time.monotonic() - started >= 1.0


def test_a_huge_retry_after_is_capped(web):
    url = web.route("/much-later", [Reply(503, headers={"Retry-After": "3600"}), Reply(body=ARTICLE)])
    started = time.monotonic()
    result = check_one(url, max_retry_wait=0.2)
    assert result.status == "ok" and time.monotonic() - started < 2


def test_a_server_error_on_every_try_is_an_error_with_the_last_status(web):
    result = check_one(web.route("/down", Reply(502)), retries=2)
    assert (result.status, result.http_status, result.error) == ("error", 502, "HTTP 502")
    assert web.hits["/down"] == 3


# --------------------------------------------------------------------------- size and content type


def _fifty_megabytes():
    chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
    for _ in range(50 * 1024 * 1024 // len(chunk)):
        yield chunk


def test_a_50_mb_body_is_cut_at_the_cap_not_loaded_whole(web):
    url = web.route("/huge", Reply(body=_fifty_megabytes()))  # no Content-Length: streamed until cut
    result = check_one(url, max_bytes=5_000_000)
    assert result.status == "error" and "too large" in result.error
    assert web.bytes_sent < 20 * 1024 * 1024  # the client hung up long before the 50 MB were sent


def test_a_declared_50_mb_body_is_refused_before_reading(web):
    headers = {"Content-Length": str(50 * 1024 * 1024)}
    url = web.route("/declared", Reply(body=_fifty_megabytes(), headers=headers))
    result = check_one(url, max_bytes=5_000_000)
    assert result.status == "error" and "too large" in result.error
    assert web.bytes_sent < 20 * 1024 * 1024


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """64 MB of zeros in ~64 KB of gzip."""
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(64)) + packer.flush()


def test_a_gzip_bomb_is_cut_at_the_cap_on_the_decompressed_bytes(web, gzip_bomb):
    assert len(gzip_bomb) < 1_000_000  # small on the wire: only the decompressed cap can catch it
    url = web.route("/bomb", Reply(body=gzip_bomb, headers={"Content-Encoding": "gzip"}))
    result = check_one(url, max_bytes=5_000_000)
    assert result.status == "error" and "too large" in result.error


@pytest.mark.parametrize(
    "content_type, body",
    [("application/pdf", b"%PDF-1.7\n..."), ("image/png", b"\x89PNG\r\n\x1a\n..."), (None, b"%PDF-1.4 unlabelled")],
)
def test_a_pdf_or_an_image_is_an_unsupported_content_type(web, content_type, body):
    result = check_one(web.route("/file", Reply(body=body, content_type=content_type)))
    assert result.status == "error"
    assert result.error.startswith("unsupported content type: ")
    assert ("image/png" if content_type == "image/png" else "application/pdf") in result.error


# --------------------------------------------------------------------------- safety


def test_a_source_on_127_0_0_1_without_allow_private_is_blocked_and_never_contacted(web):
    result = check_one(web.route("/private", Reply(body=ARTICLE)), allow_private=False)
    assert result.status == "blocked" and "loopback" in result.error
    assert web.hits["/private"] == 0


def test_a_host_name_is_judged_by_the_address_it_resolves_to(web):
    result = check_one(f"http://localhost:{web.port}/named", allow_private=False)
    assert result.status == "blocked" and "localhost resolves to" in result.error


def test_every_redirect_hop_is_checked_again(web):
    # 127.0.0.1 is allowed for this test; the redirect points to 127.0.0.2, which is not.
    web.route("/hop", Reply(302, headers={"Location": f"http://127.0.0.2:{web.port}/inside"}))
    result = check_one(web.url("/hop"), allow_private=False, allow_networks=["127.0.0.1/32"])
    assert result.status == "blocked" and "127.0.0.2" in result.error
    assert web.hits["/hop"] == 1


def test_a_redirect_to_another_scheme_is_blocked(web):
    url = web.route("/to-file", Reply(302, headers={"Location": "file:///etc/passwd"}))
    result = check_one(url)
    assert result.status == "blocked" and "only http and https" in result.error


def test_no_cookie_is_ever_sent_back(web):
    web.route("/sets-cookie", Reply(302, headers={"Set-Cookie": "session=abc; Path=/", "Location": "/reads-cookie"}))
    web.route("/reads-cookie", Reply(body=ARTICLE))
    check_sources([target(web.url("/sets-cookie")), target(web.url("/reads-cookie"))], **FAST)
    assert all("cookie" not in seen.headers for seen in web.seen)


def test_requests_carry_a_clear_user_agent(web):
    check_one(web.route("/ua", Reply(body=ARTICLE)))
    assert web.seen[0].headers["user-agent"].startswith("factcheck/")


# --------------------------------------------------------------------------- concurrency and bookkeeping


def test_no_host_sees_more_requests_at_once_than_the_per_host_limit(web):
    for i in range(9):
        web.route(f"/page{i}", Reply(body=ARTICLE, delay=0.2))
    targets = [SourceTarget(f"claim-{i:03d}", 0, web.url(f"/page{i}"), QUOTE) for i in range(9)]
    started = time.monotonic()
    results = check_sources(targets, **{**FAST, "per_host": 3, "concurrency": 16})
    assert all(r.status == "ok" for r in results)
    assert web.max_in_flight == 3  # the limit was reached, never passed
    assert time.monotonic() - started < 9 * 0.2  # and the pages were fetched side by side


def test_an_address_cited_twice_is_fetched_once_and_both_sources_are_judged(web):
    url = web.route("/shared", Reply(body=ARTICLE))
    targets = [SourceTarget("claim-one", 0, url, QUOTE), SourceTarget("claim-two", 2, url, "없는 인용문입니다 정말로")]
    first, second = check_sources(targets, **FAST)
    assert (first.claim_id, first.status) == ("claim-one", "ok")
    assert (second.claim_id, second.index, second.status) == ("claim-two", 2, "quote-missing")
    assert web.hits["/shared"] == 1


def test_results_come_back_in_the_order_of_the_targets_and_progress_counts_each(web):
    web.route("/slowest", Reply(body=ARTICLE, delay=0.2))
    web.route("/fastest", Reply(body=ARTICLE))
    targets = [target(web.url("/slowest")), target(web.url("/fastest")), target(web.url("/missing"))]
    seen = []
    results = check_sources(targets, on_progress=lambda done, total, r: seen.append((done, total, r.url)), **FAST)
    assert [r.url for r in results] == [t.url for t in targets]
    assert [r.status for r in results] == ["ok", "ok", "dead"]
    assert [(done, total) for done, total, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert seen[-1][2] == web.url("/slowest")


def test_json_view_has_exactly_the_documented_keys(web):
    result = check_one(web.route("/json", Reply(body=ARTICLE)))
    assert list(result.as_json()) == [
        "claim_id", "url", "final_url", "status", "http_status", "quote_found", "quote_score", "error",
    ]


@pytest.mark.parametrize("option", [{"concurrency": 0}, {"per_host": 0}, {"timeout": 0}, {"max_bytes": 0}])
def test_nonsense_settings_are_a_user_error(option):
    with pytest.raises(FactcheckError):
        check_sources([target("http://127.0.0.1/")], **{**FAST, **option})


def test_no_targets_means_no_results_and_no_network():
    assert check_sources([]) == []
