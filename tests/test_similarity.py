"""One similarity for the whole tool: search, `add`'s near-duplicate warning and import's duplicate report
all ask search.similar, and import only reports what it finds (never skips or merges it)."""

import json

from conftest import write_claim

from factcheck.exchange.importing.read import read_items
from factcheck.exchange.importing.run import import_records
from factcheck.search.analysis import analyse_fields
from factcheck.search.match import fields_of
from factcheck.search.query import Form
from factcheck.search.similar import analyse_text, compare, near_duplicates, text_similarity
from factcheck.store.repo import Repo

BUDGET = "gimje-national-budget-three-years-record"


def review(n: int, claim: str, url: str | None = None) -> dict:
    return {"@type": "ClaimReview", "url": url or f"https://fc.example.org/checks/{n}", "claimReviewed": claim,
            "reviewRating": {"alternateName": "Mostly False"},
            "author": {"@type": "Organization", "name": "Example Check"}}


def items_of(tmp_path, reviews):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(reviews, ensure_ascii=False), encoding="utf-8")
    return read_items(path)[1]


def test_a_claim_said_in_another_order_is_nearly_the_same_claim():
    assert text_similarity("김제시는 3년 연속 국가예산 1조 원을 확보했다", "3년 연속 국가예산 1조 원을 김제시가 확보했다") >= 0.9


def test_two_claims_sharing_a_topic_are_not_the_same_claim():
    assert text_similarity("김제시는 3년 연속 국가예산 1조 원을 확보했다", "김제시는 예타 면제를 받았다") < 0.5


def test_similarity_reads_both_ways_so_a_longer_wording_of_one_claim_stays_alike():
    short, longer = "The CBC cut Trump from Home Alone 2", "The CBC cut a scene featuring Trump from Home Alone 2"
    assert text_similarity(short, longer) == text_similarity(longer, short) >= 0.8


def test_a_word_the_text_was_widened_to_by_meaning_is_met_on_the_claims_side_too():
    claim = fields_of(analyse_fields({"claim": "고가 장신구 착용하고 출국할 땐 신고해야 한다"}))
    plain = analyse_text("비싼 액세서리 하고 해외 나갈 때 세관 신고", None)
    near = Form("장신구", 0.6, "≈ 장신구 (액세서리, kiwi 0.77)")
    widened = [unit.with_forms([*unit.forms, near]) if unit.text == "액세서리" else unit for unit in plain.units]
    before, after = compare(plain, claim, None), compare(analyse_text(plain.text, None, widened), claim, None)
    assert after.claim_share > before.claim_share and after.score > before.score


def test_add_warns_about_a_stored_claim_said_in_another_order(claims_dir):
    record = {"id": "new-one", "claim": "국가예산 1조 원을 3년 연속으로 확보한 역대 최초의 기록"}
    found = near_duplicates(Repo(claims_dir), record)
    assert [r["id"] for _s, r in found][:1] == [BUDGET] and found[0][0] >= 80


def test_add_lists_no_near_duplicate_for_a_new_claim(claims_dir):
    assert near_duplicates(Repo(claims_dir), {"id": "new-one", "claim": "서울 지하철 요금이 150원 올랐다"}) == []


def test_import_reports_a_claim_said_otherwise_but_adds_it(tmp_path, empty_claims):
    write_claim(empty_claims, "subway-fare", claim="서울시는 지하철 기본요금을 150원 인상했다")
    report = import_records(Repo(empty_claims), items_of(tmp_path, [review(1, "지하철 기본요금을 서울시가 150원 인상했다")]))
    assert len(report.added) == 1 and report.duplicates == []
    assert [(s.position, s.id, s.like) for s in report.similar] == [("item 1", report.added[0].id, "subway-fare")]
    assert report.similar[0].similarity >= 0.8
    assert len(list(Repo(empty_claims).claim_files())) == 2


def test_import_compares_claims_added_in_the_same_import_with_each_other(tmp_path, empty_claims):
    report = import_records(Repo(empty_claims), items_of(tmp_path, [
        review(1, "The governor vetoed the school lunch bill in March"),
        review(2, "In March the governor vetoed the bill on school lunches"),
        review(3, "Wombats shelter other animals from the wildfires")]))
    assert len(report.added) == 3
    assert [(s.position, s.like) for s in report.similar] == [("item 2", report.added[0].id)]


def test_import_json_lists_the_similar_items(run, tmp_path, empty_claims):
    write_claim(empty_claims, "subway-fare", claim="서울시는 지하철 기본요금을 150원 인상했다")
    path = tmp_path / "in.json"
    path.write_text(json.dumps([review(1, "지하철 기본요금을 서울시가 150원 인상했다")], ensure_ascii=False), encoding="utf-8")
    result = run(empty_claims, "import", str(path), "--json")
    payload = json.loads(result.stdout)
    assert payload["added"] == 1 and payload["similar_checked"] is True
    assert payload["similar_items"][0]["similar_to"] == "subway-fare"
    assert "possibly the same claim as subway-fare" in result.stderr and "not merged" in result.stderr


def claim_share(text: str, claim: str) -> float:
    return compare(analyse_text(text, None), fields_of(analyse_fields({"claim": claim})), None).claim_share


def test_a_text_that_names_no_place_does_not_count_the_claims_place_missing():
    claim = "김제시는 3년 연속 국가예산 1조 원을 확보했다"
    assert claim_share("3년 연속 국가예산 1조 원을 확보했다", claim) >= 0.8


def test_a_text_about_another_place_counts_the_claims_place_missing():
    claim = "김제시는 3년 연속 국가예산 1조 원을 확보했다"
    assert claim_share("완주군은 3년 연속 국가예산 1조 원을 확보했다", claim) < 0.6
