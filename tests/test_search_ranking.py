"""Ranking behaviours, each on a small repository written for the test, with near-topic distractors;
then how surely one field holds a word."""

import pytest

from conftest import write_claim

from factcheck.search import search_claims
from factcheck.store.repo import Repo

CLAIMS = {
    "target-yeta": dict(claim="김제 피지컬 AI 사업은 8월 22일 국무회의 의결로 예비타당성조사(예타) 면제가 확정됐다",
                        claim_en="The Gimje physical AI project's preliminary feasibility study exemption was confirmed by the cabinet on 22 August",
                        tags=["예타 면제"]),
    "target-budget": dict(claim="역대 최초 3년 연속 국가예산 1조 원 확보", claim_en="A first: national budget of 1 trillion won secured three years in a row"),
    "target-delivery": dict(claim="지역상권과 상생하는 공공배달앱 도입 운영", claim_en="A public delivery app that works with local shops"),
    "target-province": dict(claim="경기도는 청년 기본소득을 확대한다", claim_en="Gyeonggi Province expands youth basic income"),
    "other-jeonju-tram": dict(claim="전주시는 트램 노선을 2030년까지 개통한다", claim_en="Jeonju will open a tram line by 2030"),
    "other-gunsan-budget": dict(claim="군산시 국가예산 8천억 원 확보", claim_en="Gunsan secured 800 billion won of national budget"),
    "other-iksan-exempt": dict(claim="익산 철도 사업은 예타 대상이다", claim_en="The Iksan rail project is subject to a feasibility study"),
    "other-economy": dict(claim="지역 경기 침체로 상권이 위축됐다", claim_en="The local economy slowed"),
}


@pytest.fixture
def repo(empty_claims):
    for claim_id, fields in CLAIMS.items():
        write_claim(empty_claims, claim_id, **fields)
    return Repo(empty_claims)


def top(repo, query, n=1):
    return [r.record["id"] for r in search_claims(repo, query, limit=5).results][:n]


@pytest.mark.parametrize("query", ["예타 면졔", "예타 면재", "3년 연속 국가애산", "공공배달엡", "연속 국가예싼"])
def test_jamo_level_typos_find_the_claim(repo, query):
    assert top(repo, query)[0] in ("target-yeta", "target-budget", "target-delivery")


def test_spacing_does_not_matter(repo):
    assert top(repo, "예타면제확정") == top(repo, "예타 면제 확정") == ["target-yeta"]
    assert top(repo, "피지컬AI") == top(repo, "피지컬 AI") == ["target-yeta"]


def test_particles_and_endings_are_understood(repo):
    assert top(repo, "피지컬 AI는 예타가 면제됐나요") == ["target-yeta"]
    assert top(repo, "국가예산을 연속 확보했나") == ["target-budget"]
    assert top(repo, "공공배달앱을 도입한다는") == ["target-delivery"]


def test_stripping_a_particle_does_not_confuse_words_that_end_alike(repo):
    assert top(repo, "경기도") == ["target-province"]
    assert top(repo, "경기 침체") == ["other-economy"]


def test_choseong_queries_find_the_words_they_spell(repo):
    assert top(repo, "ㅇㅌ ㅁㅈ") == ["target-yeta"]
    assert top(repo, "ㄱㄱㅂㄷㅇ") == ["target-delivery"]


def test_aliases_and_abbreviations(repo):
    assert top(repo, "국비 3년 연속") == ["target-budget"]
    assert top(repo, "예비타당성조사 면제") == ["target-yeta"]


def test_user_aliases_extend_the_table(repo):
    assert search_claims(repo, "먹깨비").results == []
    (repo.root / "aliases.yaml").write_text("- [먹깨비, 공공배달앱]\n", encoding="utf-8")
    assert top(repo, "먹깨비") == ["target-delivery"]


def test_numbers_and_dates_written_any_way(repo):
    for query in ("8/22 국무회의", "2025-08-22 국무회의", "8월22일"):
        assert top(repo, query) == ["target-yeta"], query
    for query in ("일조 원 국가예산", "1,000,000,000,000원 국가예산"):
        assert top(repo, query) == ["target-budget"], query


def test_a_question_word_with_an_ending_is_still_a_question_word(repo):
    assert top(repo, "국가예산 3년 연속 확보 사실이야") == top(repo, "국가예산 3년 연속 확보") == ["target-budget"]
    from factcheck.search.query import parse_query

    assert [u.text for u in parse_query("예타 면제 진짜로 된 게 사실이야")] == ["예타", "면제"]


def test_a_verb_the_claim_words_otherwise_counts_less_than_a_noun(repo):
    # 도입 운영 in the claim, 만든다던데 in the question.
    assert top(repo, "공공배달앱 만든다던데") == ["target-delivery"]


def test_english_queries_match_the_translation(repo):
    assert top(repo, "preliminary feasibility exemption") == ["target-yeta"]
    assert top(repo, "national budget three years in a row") == ["target-budget"]


def test_claim_text_outranks_rationale(empty_claims):
    write_claim(empty_claims, "in-claim", claim="스마트도시 계획 수립")
    write_claim(empty_claims, "in-rationale", claim="도시 관련 다른 주장", rationale="스마트도시 계획 수립과 관계없다")
    assert top(Repo(empty_claims), "스마트도시 계획", 2) == ["in-claim", "in-rationale"]


@pytest.mark.parametrize("query", ["대전 트램 개통", "올림픽 메달 집계", "zzzzqqq", "ㅎㅎㅎ", "photosynthesis in algae", "서울 지하철 요금"])
def test_unrelated_queries_return_nothing(repo, query):
    assert search_claims(repo, query).results == []


def test_a_claim_about_another_place_does_not_answer(repo):
    assert top(repo, "전주 트램 개통") == ["other-jeonju-tram"]
    assert search_claims(repo, "대전 트램 개통").results == []


def test_a_rare_word_counts_more_than_a_common_one(repo):
    # 확보 appears in two claims, 군산 in one: the claim with the rare word wins.
    assert top(repo, "군산 확보") == ["other-gunsan-budget"]


def test_between_equal_matches_the_repositorys_own_claim_comes_before_an_imported_one(empty_claims):
    write_claim(empty_claims / "imported" / "other-desk", "imported-meeting", claim="완주군 2026년 주요업무계획 보고회")
    write_claim(empty_claims, "own-meeting", claim="김제시는 23일부터 24일까지 2026년 주요업무계획 보고회를 열었다")
    assert top(Repo(empty_claims), "주요업무계획 보고회", 2) == ["own-meeting", "imported-meeting"]
    assert top(Repo(empty_claims), "완주 주요업무계획 보고회") == ["imported-meeting"]


def test_a_large_repository_chooses_candidates_from_the_index_with_the_same_answers(repo, monkeypatch):
    import factcheck.search.candidates as candidates_module
    import factcheck.search.ranking as search_module

    monkeypatch.setattr(search_module, "SCORE_ALL_BELOW", 0)
    monkeypatch.setattr(candidates_module, "OWN_SCORED_WHOLE", 2)  # own claims also chosen by the index
    write_claim(repo.root / "imported" / "desk", "imported-growth", claim="수출이 3.5% 증가했다")
    assert top(repo, "예타 면졔") == ["target-yeta"]
    assert top(repo, "ㅇㅌ ㅁㅈ") == ["target-yeta"]
    assert top(repo, "3.5% 증가") == ["imported-growth"]
    assert search_claims(repo, "대전 트램 개통").results == []


def test_a_broken_aliases_file_is_reported_and_search_still_works(repo):
    (repo.root / "aliases.yaml").write_text("- [먹깨비, 공공배달앱\n", encoding="utf-8")
    outcome = search_claims(repo, "공공배달앱")
    assert [r.record["id"] for r in outcome.results][:1] == ["target-delivery"]
    assert any(p.path.name == "aliases.yaml" for p in outcome.problems)


def test_choseong_typed_without_spaces_splits_into_words(repo):
    assert top(repo, "ㄱㄱㅂㄷㅇ") == ["target-delivery"]
    assert top(repo, "ㅇㅌㅁㅈ") == ["target-yeta"]
    assert top(repo, "ㄱㅈㅎㅈ") == ["target-yeta"]  # 김제 … 확정됐다: words apart


def test_a_typo_is_not_met_by_syllables_either_side_of_a_space(repo, monkeypatch):
    # 불리하게 획정 holds 게획 only across the space: a typo of 계획, not the word.
    import factcheck.search.ranking as search_module

    monkeypatch.setattr(search_module, "SCORE_ALL_BELOW", 0)
    write_claim(repo.root / "imported" / "desk", "imported-districts", claim="선거구가 군소 정당에 불리하게 획정되었다")
    write_claim(repo.root, "target-plan", claim="김제시 스마트도시계획 수립")
    assert top(repo, "스마트도시게획") == ["target-plan"]
    assert top(repo, "업무 면재 게획")[:1] != ["imported-districts"]


def test_a_query_without_spaces_still_meets_words_across_a_space(repo, monkeypatch):
    import factcheck.search.ranking as search_module

    monkeypatch.setattr(search_module, "SCORE_ALL_BELOW", 0)
    assert top(repo, "예타면제") == ["target-yeta"]
    assert top(repo, "상생하는공공배달앱") == ["target-delivery"]


def test_chat_noise_in_a_query_is_ignored(repo):
    write_claim(repo.root, "laughing-word", claim="코로나 확진자는 헌혈할 수 없다")  # 헌혈할 is ㅎㅎㅎ
    assert search_claims(repo, "ㅎㅎㅎ").results == []
    assert top(repo, "예타 면제 ㅋㅋㅋ") == ["target-yeta"]


def test_a_word_met_only_inside_a_longer_one_counts_less(empty_claims):
    # 올림픽 is met and 집계 is not; 메달 only inside 금메달리스트: not enough to answer the question.
    for n, filler in enumerate(["집계 방식이 바뀌었다", "올림픽 유치 도시", "날씨가 맑다", "바람이 분다"]):
        write_claim(empty_claims, f"filler-{n}", claim=filler)
    write_claim(empty_claims, "yuna", claim="피겨 금메달리스트 김연아가 평창 동계 올림픽 직후 IOC 선수위원으로 지명되지 않았다")
    assert search_claims(Repo(empty_claims), "올림픽 메달 집계").results == []
    assert top(Repo(empty_claims), "올림픽 금메달 집계") == ["yuna"]


def test_a_field_holds_text_across_a_space_only_with_more_than_one_syllable_before_it():
    from factcheck.search.match import fields_of

    (field,) = fields_of([["claim", "예타 면제 불리하게 획정 시 예산", ""]])
    assert field.coverage_of("예타면제") == 1.0 and field.coverage_of("타면제") == 0.0
    assert field.coverage_of("하게획정") == 1.0 and field.coverage_of("게획") == 0.0
    assert field.coverage_of("시예산") == 1.0  # a one-syllable word is whole on its side
    assert field.coverage_of("면") == 1.0 and field.coverage_of("없음") == 0.0


def test_a_word_deep_inside_a_longer_one_is_held_less_surely():
    from factcheck.search.match import INSIDE_FACTOR, fields_of

    (field,) = fields_of([["claim", "피겨 금메달리스트 공공배달앱", ""]])
    assert field.coverage_of("메달") == INSIDE_FACTOR < 1.0
    assert field.coverage_of("금메달") == field.coverage_of("배달앱") == field.coverage_of("공공배달") == 1.0


def test_a_one_syllable_noun_with_its_particle_is_found_as_that_noun(empty_claims):
    write_claim(empty_claims, "rice", claim="코로나19로 인한 쌀 부족이 우려된다")
    write_claim(empty_claims, "chilly", claim="쌀쌀한 날씨에 코로나 확산이 우려된다")
    assert top(Repo(empty_claims), "쌀이 부족") == ["rice"]


def test_a_one_syllable_noun_is_met_only_as_a_word_not_as_a_syllable():
    from factcheck.search.match import match_unit, fields_of
    from factcheck.search.query import parse_query

    (unit,) = parse_query("쌀이")
    (rice,) = fields_of([["claim", "쌀 부족이 우려된다", ""]])
    (chilly,) = fields_of([["claim", "쌀쌀한 날씨", ""]])
    assert match_unit(unit, rice)[0] > 0 and match_unit(unit, chilly)[0] == 0


def test_a_word_claims_hold_as_typed_is_not_cut_to_one_syllable(empty_claims):
    write_claim(empty_claims, "age", claim="국민연금 수령 나이가 늦춰진다")
    write_claim(empty_claims, "myself", claim="나는 연금을 못 받는다")
    write_claim(empty_claims, "age-2", claim="정년 나이 연장")
    repo = Repo(empty_claims)
    assert "myself" not in top(repo, "연금 나이", 5)


def test_a_postposition_is_grammar_not_a_topic():
    from factcheck.search.query import parse_query

    assert [u.text for u in parse_query("코로나 때문에 쌀이 모자라")] == ["코로나", "쌀이", "모자라"]


def test_in_the_meaning_stage_two_words_met_softly_make_a_claim_a_result_and_one_does_not():
    from factcheck.search.analysis import analyse_fields
    from factcheck.search.match import fields_of, score_claim
    from factcheck.search.query import Form, parse_query

    fields = fields_of(analyse_fields({"claim": "혈액 부족 사태가 생긴다"}))
    blood, short, news = parse_query("피가 모자라 큰일")
    blood = blood.with_forms([*blood.forms, Form("혈액", 0.6, "≈ 혈액")])  # near-synonyms, met below surely
    short = short.with_forms([*short.forms, Form("부족", 0.6, "≈ 부족")])
    assert score_claim([blood, short, news], fields).score == 0
    assert score_claim([blood, short, news], fields, soft=True).score > 0
    assert score_claim([blood, parse_query("모자라")[0], news], fields, soft=True).score == 0


@pytest.mark.parametrize("word, place", [("김제시에서는", "김제"), ("김제는", "김제"), ("경기도가", "경기"), ("예산군", "예산"),
                                         ("전라북도", "전북"), ("고양이는", None), ("예산을", None),
                                         ("경기에서", None), ("음성", None)])
def test_a_word_names_a_place_by_itself_or_its_first_stem_and_an_ordinary_word_only_with_its_suffix(word, place):
    from factcheck.search.query import parse_query
    from factcheck.search.text.aliases import ALIAS_GROUPS, Aliases

    assert [unit.place for unit in parse_query(word, Aliases(ALIAS_GROUPS))] == [place]


def test_a_budget_is_not_taken_for_the_county_of_that_name(empty_claims):
    write_claim(empty_claims, "welfare-cut", claim="복지 재원 삭감으로 노인 복지 서비스가 축소됐다")
    write_claim(empty_claims, "unrelated", claim="도서관 개관 시간을 늘렸다")
    assert top(Repo(empty_claims), "복지 예산 삭감 축소") == ["welfare-cut"]


def test_the_country_is_found_under_any_of_its_names(empty_claims):
    write_claim(empty_claims, "welfare", claim="대한민국은 복지 후진국이다")
    write_claim(empty_claims, "tourism", claim="관광산업 비중은 우리나라가 세계 평균보다 낮다")
    repo = Repo(empty_claims)
    assert top(repo, "우리나라 복지") == ["welfare"]
    assert top(repo, "한국 관광산업 비중") == ["tourism"]


def test_a_headline_hanja_stands_for_the_name_it_abbreviates(empty_claims):
    write_claim(empty_claims, "moon", claim="文정부 들어 해외 이주 국민 늘었다")
    write_claim(empty_claims, "yoon", claim="尹정부 들어 해외 이주 국민 늘었다")
    assert top(Repo(empty_claims), "문재인 이주", n=5) == ["moon"]


def test_a_compound_typed_apart_is_met_as_surely_as_the_same_words_written_apart(empty_claims):
    write_claim(empty_claims, "whole", claim="시는 2026년 주요업무계획 보고회를 개최했다")
    write_claim(empty_claims, "apart", claim="시는 주요 업무 계획을 보고회에서 점검했다")
    results = search_claims(Repo(empty_claims), "주요 업무 계획 보고회", explain=True).results
    scores = {r.record["id"]: r.score for r in results}
    assert scores == {"whole": 100, "apart": 100}
    whole = next(r for r in results if r.record["id"] == "whole")
    assert any("업무: exact (typed apart)" in reason for reason in whole.explain)
