"""Matching a sentence against stored claims: the one similarity (search.similar), tiered for a sentence."""

from __future__ import annotations

from factcheck.articles.matching import stored_matches
from factcheck.search.index import open_index
from factcheck.search.similar import similar_claims
from factcheck.store.repo import Repo


def tiers(claims_dir, sentence: str) -> dict[str, str]:
    return {m.id: m.tier for m in stored_matches(Repo(claims_dir), sentence)}


def test_a_sentence_that_holds_a_stored_claim_inside_a_longer_one_matches_it(claims_dir):
    sentence = "역대 최초 3년 연속 국가예산 확보 기록을 쓴 정성주 시장의 향후 행보에 이목이 집중되는 가장 큰 이유기도 하다."
    assert tiers(claims_dir, sentence)["gimje-national-budget-three-years-record"] == "match"


def test_one_sentence_holding_two_stored_claims_matches_both_with_their_verdicts(claims_dir):
    sentence = ("김제 AI 피지컬(피지컬 AI) 사업은 지난 8월 22일 국무회의 의결을 거쳐 예비타당성조사(예타) 면제가 최종 "
                "확정됐으며, 총사업비 약 1조 원 규모로 2026년부터 2030년까지 5년간 진행될 예정이다.")
    found = {m.id: (m.tier, m.status) for m in stored_matches(Repo(claims_dir), sentence)}
    assert found["gimje-physical-ai-yeta-exemption"] == ("match", "half-true")
    assert found["gimje-physical-ai-budget-scale"] == ("match", "mostly-true")


def test_one_item_of_a_stored_list_is_related_to_it_not_a_match(claims_dir):
    sentence = "보고회에서는 신규 업무 계획으로 지역상권과 상생하는 공공배달앱 도입 운영 … 점검했다."
    assert tiers(claims_dir, sentence).get("gimje-2026-work-plan-seven-new-plans") == "related"


def test_a_sentence_sharing_only_a_short_claims_figures_and_small_words_is_no_match(claims_dir):
    found = tiers(claims_dir, "2026년은 민선 8기 마지막 해로 시정을 마무리한다.")
    assert found.get("gimje-mayor-2026-year-of-fruition") != "match"


def test_a_sentence_about_something_else_matches_nothing(claims_dir):
    assert tiers(claims_dir, "수원시는 내년 본예산 3조 4815억 원을 시의회에 제출했다.") == {}


def test_a_matchs_score_is_the_tools_one_similarity_of_the_sentence_and_the_claim(claims_dir):
    sentence = "역대 최초 3년 연속 국가예산 확보 기록을 쓴 정성주 시장의 향후 행보에 이목이 집중되는 가장 큰 이유기도 하다."
    repo = Repo(claims_dir)
    shared = {row.claim_id: round(100 * s.score) for s, row in similar_claims(open_index(repo), sentence, 20, 0.0)}
    found = stored_matches(repo, sentence)
    assert found and all(m.score == shared[m.id] for m in found)


def test_a_stored_claim_another_paper_words_otherwise_is_a_match(claims_dir):
    sentence = "김제시는 피지컬 AI 사업이 지난 8월 22일 국무회의에서 예비타당성조사 면제가 확정됐다고 밝혔다."
    assert tiers(claims_dir, sentence)["gimje-physical-ai-yeta-exemption"] == "match"


def test_a_sentence_that_is_the_heart_of_a_longer_stored_claim_is_a_match(claims_dir):
    # The stored claim goes on ("김제 AI 피지컬(피지컬 AI) 사업은 …"); its credit-taking sentence is the claim.
    sentence = "정 시장은 이후 빠른 후속 조치로, 정부의 예타 면제를 도출하기도 했다."
    assert tiers(claims_dir, sentence)["gimje-mayor-credit-physical-ai-yeta"] == "match"


def test_a_sentence_alike_to_a_short_claim_but_for_the_word_that_is_the_claim_is_no_match(claims_dir):
    found = tiers(claims_dir, "2026년은 민선 8기 마지막 해로 시정을 마무리한다.")
    assert found.get("gimje-mayor-2026-year-of-fruition") == "related"
