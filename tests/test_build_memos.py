"""What a first build remembers between claims (a word's grams, a figure's reading, a text a rule accepted)
changes nothing it gives: the same tokens, the same numbers, the same problems as working each out anew."""

from __future__ import annotations

import pytest

from factcheck.model import validate_claim
from factcheck.search import analysis
from factcheck.search.analysis import ACROSS, TokenKind, bigrams, hangul_runs, index_tokens, typo_grams
from factcheck.search.text import numbers
from factcheck.search.text.korean import is_hangul_word, is_latin_word, latin_stem

# A claim's fields as analyse_fields makes them (folded words joined by spaces): scripts side by side
# (피지컬AI, 1조), one-syllable words, 초성, figures, and a field that gives no tokens.
FIELDS = analysis.analyse_fields({
    "claim": "김제시, 피지컬AI 예타면제 사업비 1조 원 확보했다… 시 예타 면제 ㅇㅌ 3년 연속 2025년 예산",
    "claim_en": "National budgets three years in a row",
    "tags": ["예타 면제", "피지컬 AI"],
    "entities": ["김제시"],
    "claimant": {"name": "이정성", "role": "도의원"},
    "rationale": "예타 면제 대상 사업은 한 곳도 없다. 漢字 ㅋㅋ 섞인 문장",
    "sources": [{"url": "https://example.org/a", "title": "예타 면제", "publisher": "예시신문", "quote": "면제"}],
})


def tokens_as_defined(fields) -> dict:
    """index_tokens written as its docstring says, a whole run of Hangul at a time, with no memory."""
    exact, typo = set(), set()
    for name, text, figures in fields:
        if name not in analysis.CANDIDATE_FIELDS:
            continue
        previous = ""
        for word in text.split():
            if not is_hangul_word(word):
                if is_latin_word(word):
                    exact.add(latin_stem(word))
                previous = ""
                continue
            exact.update(bigrams(word))
            if previous:
                exact.add(previous[-1] + word[0] if len(previous) == 1 else ACROSS + previous[-1] + word[0])
            previous = word
        if name in analysis.TYPO_FIELDS:
            for run in hangul_runs(text.replace(" ", "")):
                typo.update(typo_grams(run))
        exact.update(figures.split())
    return {TokenKind.EXACT: exact, TokenKind.TYPO: typo}


@pytest.mark.parametrize("field", FIELDS, ids=[f[0] for f in FIELDS])
def test_a_fields_tokens_are_its_words_grams_and_the_grams_across_each_space(field):
    assert index_tokens([field]) == tokens_as_defined([field])


def test_words_met_before_in_other_claims_give_the_same_tokens():
    first = index_tokens(FIELDS)
    for field in FIELDS:  # every word is now remembered, the short fields whole
        index_tokens([field])
    assert index_tokens(FIELDS) == first == tokens_as_defined(FIELDS)


def test_a_full_memory_of_words_is_emptied_and_still_gives_the_same_tokens(monkeypatch):
    monkeypatch.setattr(analysis, "_WORD_GRAMS", {})
    monkeypatch.setattr(analysis, "_WORD_GRAMS_MAX", 2)
    analysis._field_tokens.cache_clear()
    assert index_tokens(FIELDS) == tokens_as_defined(FIELDS)
    assert len(analysis._WORD_GRAMS) <= 2


def test_a_query_reading_of_a_figure_never_sticks_to_the_figure_read_in_a_claim():
    assert numbers.number_tokens("8.22") == {"n8p22"}
    query = {token for expr in numbers.find_numbers("8.22", query=True) for token in expr.tokens}
    assert query == {"n8p22", "d0822"}
    assert numbers.number_tokens("8.22") == {"n8p22"}  # the claim's 8.22 is a figure still, not a date


def test_a_figure_reads_the_same_wherever_it_stands():
    assert numbers.number_tokens("국비 2조9391억원을 확보") == {"n2939100000000", "n2"}
    assert numbers.number_tokens("2조9391억원") == numbers.number_tokens("올해 2조9391억원 늘어")


def test_a_text_one_field_accepted_is_still_refused_where_its_rule_forbids_it():
    claimant = {"name": "Kim Minsu-2", "role": "도의원"}
    assert validate_claim({"id": "a-claim", "claim": "주장", "status": "unverified", "sources": [],
                           "claimant": claimant, "tags": ["Kim Minsu-2"]}) == []
    problems = validate_claim({"id": "Kim Minsu-2", "claim": "주장", "status": "unverified", "sources": []})
    assert [p.where() for p in problems] == ["id"]


def test_a_text_a_rule_accepted_is_refused_by_that_rule_when_it_is_not_a_string_there():
    record = {"id": "a-claim", "claim": "주장", "status": "unverified", "sources": [], "tags": ["예산"]}
    assert validate_claim(record) == []
    problems = validate_claim({**record, "tags": [["예산"]]})
    assert [p.where() for p in problems] == ["tags.0"]
