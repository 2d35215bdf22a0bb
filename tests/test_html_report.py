"""One claim as a self-contained HTML page: complete, escaped, coloured, with its ClaimReview embedded."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.store.settings import load_settings
from factcheck.publish.html import badge_text_colour, escaped, is_http_url, json_for_script, render_claim_page
from factcheck.model import VERDICTS, validate_claim, verdict

SITE = "https://factcheck.example/"


def settings_for(tmp_path):
    """Real settings, read from a factcheck.yaml written where the claims live."""
    (Path(tmp_path) / "factcheck.yaml").write_text(
        "site: https://factcheck.example/\npublisher:\n  name: 테스트 팩트체크\n  url: https://factcheck.example/\n",
        encoding="utf-8",
    )
    return load_settings(tmp_path)


def make_record(**changes) -> dict:
    record = {
        "id": "budget-three-years",
        "claim": "국가예산 3년 연속 최대 확보",
        "claim_en": "A record national budget three years in a row",
        "claimant": {"name": "정성주", "role": "김제시장", "type": "Person"},
        "claim_date": "2025-09",
        "appearance": {
            "publisher": "일요서울",
            "title": "김제시 보고회",
            "url": "http://www.ilyoseoul.co.kr/news/articleView.html?idxno=507704",
            "date": "2025-09",
        },
        "tags": ["국가예산", "김제"],
        "entities": ["김제시"],
        "status": "mostly-false",
        "rationale": {"ko": "첫 문단.\n\n둘째 문단.", "en": "First paragraph.\n\nSecond paragraph."},
        "sources": [
            {
                "url": "https://www.news1.kr/local/jeonbuk/5884782",
                "title": "김제시 국가예산 확보",
                "publisher": "뉴스1",
                "published": "2025-08-22",
                "quote": "지난 18일 이재명 대통령 주재 국무회의",
                "kind": "secondary",
                "archive_url": "https://web.archive.org/web/2025/https://www.news1.kr/local/jeonbuk/5884782",
            }
        ],
        "history": [{"date": "2026-11-24", "status": "mostly-false", "note": "첫 판정"}],
        "reviewed": "2026-11-24",
    }
    record.update(changes)
    return record


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>, in document order."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def all(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.tags if tag == name]

    def ld_json(self) -> list:
        return [json.loads(text) for attrs, text in self.scripts if attrs.get("type") == "application/ld+json"]


def page(tmp_path, **changes) -> str:
    return render_claim_page(make_record(**changes), settings_for(tmp_path), site_root=None)


# --------------------------------------------------------------------------- the document


def test_the_sample_record_is_a_valid_claim():
    assert validate_claim(make_record()) == []


def test_page_is_a_complete_html5_document_in_korean_by_default(tmp_path):
    text = page(tmp_path)
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"ko\">")
    assert '<meta charset="utf-8">' in text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert text.rstrip().endswith("</html>")


def test_page_language_follows_an_imported_claims_language(tmp_path):
    origin = {"format": "claimreview", "language": "en", "publisher": "PolitiFact"}
    assert '<html lang="en">' in page(tmp_path, origin=origin)


def test_page_language_ignores_a_malformed_language_code(tmp_path):
    origin = {"format": "claimreview", "language": 'en" onload="x'}
    assert '<html lang="ko">' in page(tmp_path, origin=origin)


def test_page_loads_nothing_from_the_network(tmp_path):
    elements = Elements(page(tmp_path))
    assert not [a for tag, a in elements.tags if "src" in a]
    links = {a["rel"]: a["href"] for a in elements.all("link")}
    assert set(links) <= {"canonical", "icon"}
    assert links["icon"] == "data:,"
    assert is_http_url(links.get("canonical", "https://factcheck.example/"))
    csp = [a for a in elements.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp[0]["content"] and "script-src 'none'" in csp[0]["content"]


def test_page_css_falls_back_to_korean_fonts_and_keeps_korean_words_whole(tmp_path):
    text = page(tmp_path)
    fonts = re.search(r"font-family:([^;}]+)", text).group(1)
    order = ['"Apple SD Gothic Neo"', '"Malgun Gothic"', '"Noto Sans KR"', '"Nanum Gothic"', "sans-serif"]
    assert [fonts.index(f) for f in order] == sorted(fonts.index(f) for f in order)
    assert fonts.startswith("system-ui")
    assert "word-break:keep-all" in text
    assert "max-width:46rem" in text


def test_page_has_dark_mode_and_print_styles(tmp_path):
    text = page(tmp_path)
    assert "@media (prefers-color-scheme:dark)" in text
    assert "@media print" in text
    assert "print-color-adjust:exact" in text  # the verdict badge keeps its colour on paper


# --------------------------------------------------------------------------- the verdict


def test_verdict_is_a_badge_in_its_colour_with_korean_and_english_labels(tmp_path):
    text = page(tmp_path, status="false")
    v = verdict("false")
    assert f".v-false{{background:{v.hex};color:#fff}}" in text
    assert re.search(r'<p class="verdict"><span class="badge v-false"[^>]*><span lang="ko">전혀 사실 아님</span> '
                     r'<span class="badge-en" lang="en">False</span></span></p>', text)


def test_every_verdict_has_a_badge_colour(tmp_path):
    text = page(tmp_path)
    for v in VERDICTS:
        assert f".v-{v.code}{{background:{v.hex};" in text


@pytest.mark.parametrize(("hex_colour", "text"), [("#b58900", "#000"), ("#c62828", "#fff"), ("#1a7f37", "#fff")])
def test_badge_text_is_black_or_white_whichever_is_more_legible(hex_colour, text):
    assert badge_text_colour(hex_colour) == text


# --------------------------------------------------------------------------- the content


def test_claim_translation_claimant_and_date_are_shown(tmp_path):
    text = page(tmp_path)
    assert '<h1 class="claim" lang="ko">국가예산 3년 연속 최대 확보</h1>' in text
    assert '<p class="claim-en" lang="en">A record national budget three years in a row</p>' in text
    assert "<b>정성주</b> (김제시장)" in text
    assert '<time datetime="2025-09">2025-09</time>' in text


def test_appearance_is_linked(tmp_path):
    hrefs = [a["href"] for a in Elements(page(tmp_path)).all("a")]
    assert "http://www.ilyoseoul.co.kr/news/articleView.html?idxno=507704" in hrefs


def test_rationale_shows_korean_and_english_paragraphs_with_their_language(tmp_path):
    text = page(tmp_path)
    assert '<p lang="ko">첫 문단.</p><p lang="ko">둘째 문단.</p>' in text
    assert '<p lang="en">First paragraph.</p><p lang="en">Second paragraph.</p>' in text


def test_plain_string_rationale_keeps_line_breaks_as_text(tmp_path):
    text = page(tmp_path, rationale="한 줄\n<b>둘째</b> 줄")
    assert "<p>한 줄<br>&lt;b&gt;둘째&lt;/b&gt; 줄</p>" in text


def test_web_addresses_written_in_the_rationale_become_links(tmp_path):
    rationale = {"ko": "지디넷(https://zdnet.co.kr/view/?no=20250822162458; 전북일보) 참조.",
                 "en": "See javascript:alert(1) and <a href=x>this</a>."}
    text = page(tmp_path, rationale=rationale)
    assert ('(<a class="url" href="https://zdnet.co.kr/view/?no=20250822162458">'
            "https://zdnet.co.kr/view/?no=20250822162458</a>; 전북일보)") in text
    assert "See javascript:alert(1) and &lt;a href=x&gt;this&lt;/a&gt;." in text


def test_sources_show_title_publisher_date_quote_and_archive_link(tmp_path):
    text = page(tmp_path)
    source = make_record()["sources"][0]
    hrefs = [a["href"] for a in Elements(text).all("a")]
    assert source["url"] in hrefs and source["archive_url"] in hrefs
    assert f'<a href="{source["url"]}">김제시 국가예산 확보</a>' in text
    assert "뉴스1" in text and '<time datetime="2025-08-22">' in text and '<span lang="ko">2차 자료</span> · <span lang="en">Secondary</span>' in text
    assert f'<blockquote cite="{source["url"]}"><p>지난 18일 이재명 대통령 주재 국무회의</p></blockquote>' in text


def test_source_without_archive_copy_has_no_archive_line(tmp_path):
    source = {k: v for k, v in make_record()["sources"][0].items() if k != "archive_url"}
    text = page(tmp_path, sources=[source])
    assert "Archived copy" not in text


def test_broken_source_link_is_flagged(tmp_path):
    source = dict(make_record()["sources"][0], checked="2026-11-24", check_status="dead")
    assert re.search(r'<p class="src-meta warn">(?:[^<]|<span[^>]*>[^<]*</span>)*<time datetime="2026-11-24">2026-11-24</time> dead</p>',
                     page(tmp_path, sources=[source]))


def test_unverified_claim_without_sources_says_so(tmp_path):
    text = page(tmp_path, status="unverified", sources=[])
    assert '<span lang="ko">출처 없음</span> · <span lang="en">No sources yet</span>' in text


def test_history_tags_and_entities_are_listed(tmp_path):
    text = page(tmp_path)
    assert re.search(r'<section id="history">.*2026-11-24.*v-mostly-false.*첫 판정</li>', text)
    assert '<ul class="chips"><li>국가예산</li><li>김제</li></ul>' in text
    assert "<li>김제시</li>" in text


def test_imported_claim_credits_its_origin_and_original_rating(tmp_path):
    origin = {"format": "claimreview", "url": "https://www.politifact.com/x/", "publisher": "PolitiFact",
              "rating": "Pants on Fire"}
    text = page(tmp_path, origin=origin)
    assert '<a href="https://www.politifact.com/x/">PolitiFact</a>' in text
    assert "“Pants on Fire”" in text


def test_publisher_from_the_settings_names_the_page(tmp_path):
    text = page(tmp_path)
    assert re.search(r"<title>대체로 사실 아님: 국가예산 3년 연속 최대 확보 — 테스트 팩트체크</title>", text)
    assert '<span><a href="https://factcheck.example/">테스트 팩트체크</a></span></header>' in text


def test_canonical_link_is_the_published_report_url(tmp_path):
    links = {a["rel"]: a["href"] for a in Elements(page(tmp_path)).all("link")}
    assert links["canonical"] == "https://factcheck.example/claims/budget-three-years.html"


def test_without_a_site_there_is_no_canonical_link(tmp_path):
    text = render_claim_page(make_record(), None)
    assert 'rel="canonical"' not in text
    assert '<html lang="ko">' in text


def test_a_lone_report_has_no_link_to_a_missing_index(tmp_path):
    assert "index.html" not in page(tmp_path)


def test_a_site_page_links_back_to_the_index(tmp_path):
    text = render_claim_page(make_record(), settings_for(tmp_path), site_root="..")
    assert '<a href="../index.html">' in text


# --------------------------------------------------------------------------- escaping


def test_script_in_a_claim_renders_as_text(tmp_path):
    text = page(tmp_path, claim="<script>alert(1)</script>", claim_en="<img src=x onerror=alert(1)>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    elements = Elements(text)
    assert [a.get("type") for a, _ in elements.scripts] == ["application/ld+json"]
    assert elements.all("img") == []


def test_quotes_in_data_cannot_leave_an_attribute(tmp_path):
    url = 'https://example.org/?q="onmouseover=alert(1)//'
    source = dict(make_record()["sources"][0], url=url, archive_url=url)
    text = page(tmp_path, sources=[source], tags=['"><script>x</script>'])
    links = [a for a in Elements(text).all("a") if a["href"] == url]
    assert len(links) == 3  # the title, the bare URL and the archive copy
    assert all(set(a) <= {"href", "class"} for a in links)
    assert '&quot;onmouseover=alert(1)//' in text
    assert "&lt;script&gt;x&lt;/script&gt;" in text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>"])
def test_non_http_urls_are_shown_as_text_never_linked(tmp_path, url):
    record = make_record()
    source = dict(record["sources"][0], url=url, archive_url=url)
    appearance = dict(record["appearance"], url=url)
    text = page(tmp_path, sources=[source], appearance=appearance, origin={"url": url, "publisher": "P"})
    elements = Elements(text)
    assert not [a for tag, a in elements.tags for v in a.values() if v and url.lower() in v.lower()]
    assert escaped(url) in text


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1", True),
        ("HTTP://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("//evil.example/x", False),
        ("http://", False),
        ("http://exa mple.org", False),
        ("ftp://example.org/f", False),
        (None, False),
    ],
)
def test_only_http_urls_with_a_host_count_as_links(url, linked):
    assert is_http_url(url) is linked


# --------------------------------------------------------------------------- JSON-LD


def test_claimreview_is_embedded_as_json_ld(tmp_path):
    (review,) = Elements(page(tmp_path)).ld_json()
    assert review["@type"] == "ClaimReview"
    assert review["@context"] in ("https://schema.org", "https://schema.org/", "http://schema.org")
    assert review["reviewRating"]["alternateName"] in (verdict("mostly-false").ko, verdict("mostly-false").en)


def test_json_ld_survives_a_claim_that_tries_to_close_the_script_block(tmp_path):
    hostile = "</script><script>alert(1)</script><!--"
    text = page(tmp_path, claim=hostile, claim_en=hostile)
    elements = Elements(text)
    assert [a.get("type") for a, _ in elements.scripts] == ["application/ld+json"]
    (block,) = [t for a, t in elements.scripts]
    assert "</" not in block and "<!--" not in block
    assert json.loads(block)["@type"] == "ClaimReview"


def test_json_for_script_round_trips_through_json():
    data = {"x": "</script><!-- <\u2028 \"q\" 한국어", "n": [1, None]}
    text = json_for_script(data)
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == data


def test_a_lone_reports_tags_and_verdict_link_nowhere(tmp_path):
    elements = Elements(page(tmp_path))
    assert [a["href"] for a in elements.all("a") if not a["href"].startswith("http")] == []
    assert "<li>국가예산</li>" in page(tmp_path)
