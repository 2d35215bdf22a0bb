"""`--lang` chooses the primary language of the HTML pages: `<html lang>`, and which half of each bilingual
label comes first. Without it the pages speak the publisher's language (Korean by default), whatever the
locale. Every half of a label, and the claim itself, say which language they are in."""

import re

from test_i18n_cli import run_in

YETA = "gimje-physical-ai-yeta-exemption"


def build(claims, tmp_path, *lang: str, environ=None) -> dict:
    out = tmp_path / "site"
    code, _out, err = run_in(environ or {"LANG": "C"}, *lang, "site", "-o", str(out), claims=claims)
    assert code == 0, err
    return {name: (out / name).read_text(encoding="utf-8")
            for name in ("index.html", f"claims/{YETA}.html", "ratings.html", "about.html")}


def test_without_lang_the_pages_are_korean_first_even_under_an_english_locale(claims_dir, tmp_path):
    pages = build(claims_dir, tmp_path)
    assert all('<html lang="ko">' in page for page in pages.values())
    assert '<span lang="ko">발언자</span> · <span lang="en">Claimant</span>' in pages[f"claims/{YETA}.html"]


def test_lang_en_makes_every_page_english_first(claims_dir, tmp_path):
    pages = build(claims_dir, tmp_path, "--lang", "en")
    assert all('<html lang="en">' in page for page in pages.values())
    claim = pages[f"claims/{YETA}.html"]
    assert '<span lang="en">Claimant</span> · <span lang="ko">발언자</span>' in claim
    assert '<span lang="en">All claims</span> · <span lang="ko">전체 목록</span>' in claim  # the arrow stays
    assert "Fact checks · 팩트체크</title>" in pages["index.html"]
    assert '<span lang="en">Rating scale</span> · <span lang="ko">판정 기준</span>' in pages["ratings.html"]


def test_under_lang_en_the_korean_claim_says_it_is_korean(claims_dir, tmp_path):
    claim = build(claims_dir, tmp_path, "--lang", "en")[f"claims/{YETA}.html"]
    assert re.search(r'<h1 class="claim" lang="ko">', claim)


def test_factcheck_lang_chooses_the_page_language_too(claims_dir, tmp_path):
    pages = build(claims_dir, tmp_path, environ={"LANG": "ko_KR.UTF-8", "FACTCHECK_LANG": "en"})
    assert '<html lang="en">' in pages["index.html"]


def test_a_korean_locale_alone_leaves_the_publishers_language(claims_dir, tmp_path):
    (claims_dir / "factcheck.yaml").write_text("language: en\n", encoding="utf-8")
    pages = build(claims_dir, tmp_path, environ={"LANG": "ko_KR.UTF-8"})
    assert '<html lang="en">' in pages["index.html"] and '<html lang="en">' in pages["about.html"]


def test_the_lone_html_report_follows_lang(claims_dir, tmp_path):
    _code, out, _err = run_in({"LANG": "C"}, "--lang", "en", "report", YETA, "--format", "html", claims=claims_dir)
    assert '<html lang="en">' in out and '<span lang="en">Sources</span> · <span lang="ko">출처</span>' in out
