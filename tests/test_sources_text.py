"""The parts of source checking that need no network: decoding, visible text, quote matching,
the address guard, the size-capped decoder and the small rules around them."""

from __future__ import annotations

import codecs
import gzip
import zlib

import pytest

from factcheck.sources.http import CappedBody, TooLarge, content_kind, retry_after_seconds
from factcheck.sources.guard import address_refusal, scheme_refusal
from factcheck.sources.judge import same_page
from factcheck.sources.webtext import decode, find_quote, fingerprint, normalise_text, visible_text

KOREAN = "<p>김제시는 국가예산 1조 원 시대를 열었다. 똠방각하</p>"

# --------------------------------------------------------------------------- decoding


def test_the_header_charset_decides():
    assert decode(KOREAN.encode("utf-16-le"), "text/html; charset=utf-16-le")[0] == KOREAN


@pytest.mark.parametrize("label", ["euc-kr", "EUC-KR", "ks_c_5601-1987", "x-windows-949", "cp949"])
def test_every_euc_kr_label_decodes_as_cp949_so_its_extra_syllables_survive(label):
    text, codec = decode(KOREAN.encode("cp949"), f"text/html; charset={label}")
    assert (text, codec) == (KOREAN, "cp949")


def test_meta_charset_is_used_when_the_header_has_none():
    html = '<html><head><meta charset="EUC-KR"></head><body>' + KOREAN
    assert decode(html.encode("cp949"), "text/html")[0] == html


def test_http_equiv_content_type_is_used_when_the_header_has_none():
    html = '<meta http-equiv="content-type" content="text/html; charset=euc-kr">' + KOREAN
    assert decode(html.encode("cp949"), None)[0] == html


def test_a_byte_order_mark_beats_the_header():
    assert decode(codecs.BOM_UTF8 + KOREAN.encode("utf-8"), "text/html; charset=euc-kr")[0] == KOREAN


def test_an_undeclared_korean_page_is_detected_even_when_short():
    assert decode("<p>김제시</p>".encode("euc-kr"))[0] == "<p>김제시</p>"


def test_an_unknown_charset_label_falls_back_to_detection():
    assert decode(KOREAN.encode("utf-8"), "text/html; charset=no-such-charset")[0] == KOREAN


def test_a_wrong_utf8_label_over_euc_kr_bytes_is_overruled():
    assert decode(KOREAN.encode("cp949"), "text/html; charset=UTF-8")[0] == KOREAN


def test_a_declared_charset_with_a_broken_byte_keeps_the_label():
    body = KOREAN.encode("cp949") + b"\xff"
    text, codec = decode(body, "text/html; charset=euc-kr")
    assert codec == "cp949" and text.startswith(KOREAN)


# --------------------------------------------------------------------------- visible text


def test_scripts_styles_and_templates_are_left_out():
    html = (
        "<html><head><title>제목</title><style>p{color:red}</style></head><body>"
        "<script>var secret='스크립트';</script><noscript>자바스크립트를 켜세요</noscript>"
        "<template><p>틀</p></template><p>본문</p></body></html>"
    )
    assert visible_text(html) == "본문"


def test_site_navigation_header_and_footer_are_left_out_but_an_articles_own_header_is_kept():
    html = (
        "<body><header>사이트 머리</header><nav><a>메뉴</a></nav>"
        "<article><header><h1>기사 제목</h1></header><p>기사 본문</p></article>"
        "<aside>많이 본 뉴스</aside><footer>저작권</footer></body>"
    )
    assert visible_text(html) == "기사 제목\n기사 본문"


def test_blocks_separate_words_and_inline_tags_do_not():
    html = "<p>하나</p><p>둘<br>셋</p><p>대<b>통령</b> <a href='#'>주재</a></p><div>넷</div>"
    assert visible_text(html).split("\n") == ["하나", "둘", "셋", "대통령 주재", "넷"]


def test_entities_are_unescaped():
    assert visible_text("<p>R&amp;D&nbsp;예산 &lt;1조&gt; &#39;확정&#39;</p>") == "R&D 예산 <1조> '확정'"


def test_an_unclosed_title_does_not_hide_the_body():
    assert visible_text("<html><head><title>제목<body><p>본문</p></body>") == "본문"


# --------------------------------------------------------------------------- normalising and quotes


def test_normalising_folds_width_quotes_dashes_zero_width_and_spaces():
    raw = "“ＡＩ”\u00a0 예산—\u200b1조\n\t원 ‘확정’"
    assert normalise_text(raw) == '"AI" 예산-1조 원 \'확정\''


def test_the_fingerprint_ignores_spacing_and_sees_a_changed_word():
    assert fingerprint("예산 1조  원\n확정") == fingerprint("예산 1조 원 확정")
    assert fingerprint("예산 1조 원 확정") != fingerprint("예산 2조 원 확정")
    assert fingerprint("x").startswith("sha256:")


PAGE = "정부는 지난 18일 이재명 대통령 주재 국무회의에서 “예비타당성 조사 면제”를 의결했다. Budget rose by 3%."


def test_an_exact_quote_is_found_with_score_100():
    assert find_quote("이재명 대통령 주재 국무회의", PAGE) == (True, 100.0, None)


def test_straight_and_curly_quotes_are_the_same():
    assert find_quote('"예비타당성 조사 면제"를 의결', PAGE).found


def test_korean_spacing_differences_do_not_hide_a_quote():
    assert find_quote("이재명 대통령주재 국무회의에서 “예비타당성조사 면제”", PAGE).found


def test_english_quotes_match_whatever_the_case():
    assert find_quote("budget ROSE by 3%", PAGE).found


def test_a_quote_with_an_ellipsis_is_found_when_its_parts_are_there_in_order():
    assert find_quote("지난 18일 … 국무회의에서", PAGE).found
    assert find_quote("지난 18일 (중략) 의결했다", PAGE).found
    assert not find_quote("국무회의에서 … 지난 18일", PAGE).found


def test_one_edited_word_is_not_found_but_scores_high_and_shows_the_edited_passage():
    match = find_quote("지난 19일 이재명 대통령 주재 국무회의에서", PAGE)
    assert not match.found
    assert 90 <= match.score < 100
    assert "지난 18일 이재명 대통령 주재 국무회의" in match.passage


def test_a_quote_that_is_not_there_scores_low():
    match = find_quote("서울시는 내년 예산을 삭감한다고 발표했다", PAGE)
    assert not match.found and match.score < 60


def test_nothing_is_found_on_an_empty_page():
    assert find_quote("무엇이든", "") == (False, 0.0, None)


# --------------------------------------------------------------------------- the address guard


@pytest.mark.parametrize(
    "address, reason",
    [
        ("127.0.0.1", "loopback"),
        ("127.10.20.30", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),  # IPv6 unique local
        ("169.254.169.254", "link-local"),  # the cloud metadata address
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6
        ("::ffff:10.0.0.1", "private"),
        ("2002:a00:1::", "private"),  # 6to4 wrapping 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused_with_their_range(address, reason):
    assert address_refusal(address) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "211.234.100.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address):
    assert address_refusal(address) is None


def test_allowed_networks_let_an_intranet_through_and_nothing_else():
    assert address_refusal("10.1.2.3", ["10.1.0.0/16"]) is None
    assert address_refusal("10.2.0.1", ["10.1.0.0/16"]) == "private"


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "javascript:alert(1)", "gopher://x"])
def test_only_http_and_https_are_fetched(url):
    assert scheme_refusal(url).startswith("only http and https")


def test_http_and_https_pass_the_scheme_check():
    assert scheme_refusal("http://a.kr/") is None and scheme_refusal("HTTPS://a.kr/") is None


# --------------------------------------------------------------------------- the size-capped decoder


def _bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(packer.compress(bytes(1 << 20)) for _ in range(megabytes)) + packer.flush()


class CountingBody(CappedBody):
    def _add(self, data: bytes) -> None:
        self.inflated = getattr(self, "inflated", 0) + len(data)
        super()._add(data)


def test_a_gzip_bomb_is_never_inflated_past_the_cap():
    bomb = _bomb(32)
    body = CountingBody("gzip", 1_000_000)
    with pytest.raises(TooLarge):
        for i in range(0, len(bomb), 16384):
            body.feed(bomb[i : i + 16384])
        body.finish()
    assert body.inflated <= 1_000_001


def test_a_plain_body_over_the_cap_is_too_large():
    body = CappedBody(None, 10)
    body.feed(b"0123456789")
    with pytest.raises(TooLarge):
        body.feed(b"x")


@pytest.mark.parametrize(
    "encoding, packed",
    [
        ("gzip", gzip.compress(KOREAN.encode())),
        ("x-gzip", gzip.compress(KOREAN.encode())),
        ("deflate", zlib.compress(KOREAN.encode())),
        ("deflate", zlib.compress(KOREAN.encode())[2:-4]),  # raw deflate, as some servers send it
        ("identity", KOREAN.encode()),
    ],
)
def test_supported_encodings_decode_in_small_chunks(encoding, packed):
    body = CappedBody(encoding, 1_000_000)
    for i in range(0, len(packed), 7):
        body.feed(packed[i : i + 7])
    assert body.finish() == KOREAN.encode()


def test_an_unsupported_content_encoding_is_refused():
    with pytest.raises(ValueError, match="unsupported content encoding: br"):
        CappedBody("br", 100)


def test_corrupt_gzip_is_a_clear_error():
    with pytest.raises(ValueError, match="corrupt"):
        CappedBody("gzip", 100).feed(b"\x1f\x8b\x08\x00garbage-garbage")


# --------------------------------------------------------------------------- small rules


@pytest.mark.parametrize(
    "content_type, start, refused",
    [
        ("text/html; charset=utf-8", b"", None),
        ("application/xhtml+xml", b"", None),
        ("TEXT/PLAIN", b"", None),
        ("application/pdf", b"", "application/pdf"),
        ("image/jpeg", b"", "image/jpeg"),
        (None, b"%PDF-1.5", "application/pdf"),
        (None, b"\xff\xd8\xff\xe0", "image/jpeg"),
        (None, b"<html>", None),
    ],
)
def test_content_kind_refuses_what_has_no_readable_text(content_type, start, refused):
    assert content_kind(content_type, start) == refused


def test_retry_after_reads_seconds_and_http_dates():
    import datetime as dt

    now = dt.datetime(2026, 11, 24, 12, 0, 0, tzinfo=dt.timezone.utc)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Tue, 24 Nov 2026 12:00:30 GMT", now) == 30
    assert retry_after_seconds("Tue, 24 Nov 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("http://news.kr/a/1", "https://news.kr/a/1", True),
        ("https://news.kr/a/1", "https://www.news.kr/a/1/", True),
        ("https://news.kr:443/a?id=1#top", "https://news.kr/a?id=1", True),
        ("https://news.kr/a?id=1", "https://news.kr/a?id=2", False),
        ("https://news.kr/a/1", "https://news.kr/b/1", False),
        ("https://news.kr/a", "https://other.kr/a", False),
        ("https://news.kr/a", None, False),
    ],
)
def test_same_page_ignores_only_what_does_not_move_a_page(a, b, same):
    assert same_page(a, b) is same
