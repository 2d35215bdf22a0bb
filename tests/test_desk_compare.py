"""Other outlets' verdicts beside ours: imported reviews of the same claim, credited, and where they disagree."""

from __future__ import annotations

import json

import pytest
from desk_helpers import desk_env  # noqa: F401
from test_site import check_page

pytestmark = pytest.mark.usefixtures("desk_env")
OURS = "gimje-national-budget-three-years-record"  # 대체로 사실
REVIEWS = [
    {"@type": "ClaimReview", "url": "https://factcheck.example.org/snu/1",
     "claimReviewed": "김제시가 역대 최초로 3년 연속 국가예산 1조 원을 확보했다",
     "author": {"@type": "Organization", "name": "SNU팩트체크"}, "datePublished": "2025-01-10",
     "reviewRating": {"@type": "Rating", "alternateName": "대체로 사실 아님"}},
    {"@type": "ClaimReview", "url": "https://factcheck.example.org/afp/3",
     "claimReviewed": "서울시 지하철 요금이 올해 두 배로 올랐다",
     "author": {"@type": "Organization", "name": "AFP"}, "datePublished": "2025-02-01",
     "reviewRating": {"@type": "Rating", "alternateName": "False"}},
]


def imported(run, claims, tmp_path, reviews=REVIEWS):
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps(reviews, ensure_ascii=False), encoding="utf-8")
    result = run(claims, "import", str(path))
    assert result.exit_code == 0, result.output
    return claims


def rated(label: str) -> list[dict]:
    return [{**REVIEWS[0], "reviewRating": {"@type": "Rating", "alternateName": label}}]


def test_compare_lists_our_claim_where_another_outlet_rated_it_differently(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path)
    out = json.loads(run(claims_dir, "compare", "--json").stdout)
    (claim,) = out["claims"]
    assert claim["id"] == OURS and claim["status"] == "mostly-true"
    (other,) = claim["others"]
    assert (other["publisher"], other["status"], other["rating"], other["gap"]) == \
        ("SNU팩트체크", "mostly-false", "대체로 사실 아님", 2)
    assert other["url"] == "https://factcheck.example.org/snu/1" and other["date"] == "2025-01-10"


def test_their_own_rating_words_are_shown_beside_the_verdict_they_map_to(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path, rated("Mostly False"))
    out = run(claims_dir, "show", OURS).stdout
    assert "대체로 사실 아님  “Mostly False”" in out


def test_the_same_verdict_elsewhere_is_no_disagreement(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path, rated("대체로 사실"))
    assert json.loads(run(claims_dir, "compare", "--json").stdout)["claims"] == []


def test_an_unrated_review_is_no_disagreement(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path, rated("검증 불가: 자료 부족"))
    assert json.loads(run(claims_dir, "compare", "--json").stdout)["claims"] == []


def test_gap_sets_how_far_apart_verdicts_must_be(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path)
    assert len(json.loads(run(claims_dir, "compare", "--gap", "2", "--json").stdout)["claims"]) == 1
    assert json.loads(run(claims_dir, "compare", "--gap", "3", "--json").stdout)["claims"] == []


def test_compare_in_the_terminal_credits_the_other_outlet(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path)
    out = run(claims_dir, "compare").stdout
    assert "≠ SNU팩트체크  대체로 사실 아님" in out and "2025-01-10" in out and OURS in out
    assert "1 claim(s) where another fact-checker's verdict differs" in out


def test_without_imported_reviews_compare_finds_nothing(run, claims_dir):
    result = run(claims_dir, "compare")
    assert result.exit_code == 0 and "0 claim(s)" in result.stdout


def test_show_lists_other_fact_checks_with_publisher_verdict_date_and_link(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path)
    out = run(claims_dir, "show", OURS).stdout
    section = out[out.index("다른 팩트체크 · Other fact-checks"):]
    for words in ("SNU팩트체크", "대체로 사실 아님", "2025-01-10", "https://factcheck.example.org/snu/1"):
        assert words in section, words
    assert "지하철" not in out  # an unrelated review is not taken for the same claim


def test_an_imported_claim_shows_no_other_fact_checks_of_its_own(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path)
    found = json.loads(run(claims_dir, "search", "3년 연속 국가예산 1조", "--json").stdout)["results"]
    theirs = next(r["id"] for r in found if r["id"] != OURS)
    assert "다른 팩트체크" not in run(claims_dir, "show", theirs).stdout


def test_the_claim_page_lists_other_fact_checks_credited_and_linked(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path)
    out = tmp_path / "site"
    assert run(claims_dir, "site", "-o", str(out)).exit_code == 0
    page = check_page(out / "claims" / f"{OURS}.html")
    text = (out / "claims" / f"{OURS}.html").read_text(encoding="utf-8")
    section = text[text.index('<section id="other-fact-checks">'):]
    section = section[:section.index("</section>")]
    assert '<span lang="ko">다른 팩트체크</span> · <span lang="en">Other fact-checks</span>' in section and "<b>SNU팩트체크</b>" in section
    assert 'data-verdict="mostly-false"' in section and "https://factcheck.example.org/snu/1" in page.links
    other = (out / "claims" / "gimje-physical-ai-yeta-exemption.html").read_text(encoding="utf-8")
    assert 'id="other-fact-checks"' not in other


def test_the_markdown_report_lists_other_fact_checks(run, claims_dir, tmp_path):
    imported(run, claims_dir, tmp_path)
    md = run(claims_dir, "report", OURS, "--format", "md").stdout
    assert "## 다른 팩트체크 · Other fact-checks" in md
    assert "- SNU팩트체크: 대체로 사실 아님 · Mostly false, 2025-01-10" in md
