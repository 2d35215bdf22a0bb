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


# --------------------------------------------------------------------------- validation's fast path

FULL_CLAIM = {
    "id": "a-full-claim", "claim": "김제시는 예산을 늘렸다", "claim_en": "Gimje raised its budget",
    "claimant": {"name": "이정성", "role": "도의원", "type": "Person"}, "claim_date": "2025-08-22",
    "appearance": {"publisher": "예시신문", "title": "제목", "url": "https://example.org/p", "date": "2025-08"},
    "tags": ["예산"], "entities": ["김제시"], "status": "false", "state": "review", "assignee": "김기자",
    "checked_by": "박기자", "approved_by": {"name": "최데스크", "date": "2025-09-01"},
    "rationale": {"ko": "근거", "en": "Why"},
    "sources": [{"url": "https://example.org/a", "title": "기사", "publisher": "예시신문", "published": "2025",
                 "quote": "예산을 늘렸다", "kind": "primary", "archive_url": "https://archive.example/a",
                 "checked": "2025-09-02", "check_status": "ok", "final_url": "https://example.org/b",
                 "fingerprint": "abc"}],
    "history": [{"date": "2025-09-01", "status": "unverified", "state": "draft", "by": "김기자", "note": "처음"}],
    "corrections": [{"date": "2025-09-03", "note": "고침", "previous_status": "true", "changed": ["status"]}],
    "reviewed": "2025-09-03",
    "origin": {"format": "claimreview", "url": "https://example.org/o", "publisher": "SNU", "rating": "거짓",
               "language": "ko", "imported": "2026-11-24"},
}
HOSTILE_VALUES = [None, "", " ", "\t", 0, 1.5, True, [], {}, ["예산"], {"ko": "근거"}, "x" * 1_001, "x" * 5_001,
                  "a\x00b", "a\nb", "Not An Id", "https://", "2025-02-30", "false", "unverified", "ok",
                  "Person", "ko", [None], [""], ["x" * 1_001], [{}], [{"ko": ""}]]


def variants(value, path=()):
    """Every document made from `value` by replacing one part of it, removing one key, or adding one."""
    yield path, HOSTILE_VALUES
    if isinstance(value, dict):
        for key, item in value.items():
            for where, replacements in variants(item, path + (key,)):
                yield where, replacements
    if isinstance(value, list):
        for i, item in enumerate(value):
            for where, replacements in variants(item, path + (i,)):
                yield where, replacements


def replaced(document, path, new):
    import copy

    document = copy.deepcopy(document)
    if not path:
        return new
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    if new is REMOVE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return document


REMOVE = object()


def test_the_fast_check_of_a_claim_accepts_exactly_what_the_full_check_finds_no_problem_in():
    from factcheck.model import _claim_accepted, _claim_checker

    def full_check_passes(document) -> bool:
        found = []
        _claim_checker()(document, (), found)
        return not found

    documents = [FULL_CLAIM]
    for path, replacements in variants(FULL_CLAIM):
        documents += [replaced(FULL_CLAIM, path, new) for new in replacements]
        if path:
            documents.append(replaced(FULL_CLAIM, path, REMOVE))
    documents += [{**FULL_CLAIM, "unknown": "x"}, {**FULL_CLAIM, "claimant": {"name": "a", "age": 3}}]
    for _pass in range(2):  # the second time, with every text the fast check accepted remembered
        disagreements = [d for d in documents if _claim_accepted()(d) != full_check_passes(d)]
        assert disagreements == []
    assert sum(map(_claim_accepted(), documents)) > 50 and sum(not _claim_accepted()(d) for d in documents) > 500


def test_a_pack_line_with_a_text_that_another_line_had_right_is_reported_at_its_line(tmp_path):
    import json

    from factcheck.store.packs import claim_line, load_pack, pack_bytes

    good = {"id": "claim-one", "claim": "주장", "status": "unverified", "sources": [], "tags": ["예산"]}
    broken = {**good, "id": "claim-two", "tags": ["예산", "\x07예산"], "claimant": {"name": "예산"}}
    lines = [claim_line(good), claim_line(broken), json.dumps({**good, "id": "예산"}, ensure_ascii=False).encode()]
    pack = tmp_path / "0000.jsonl.gz"
    pack.write_bytes(pack_bytes(lines))
    claims, problems = load_pack(pack)
    assert [n for n, _record in claims] == [1]
    assert [(p.line, str(p.message).split(":")[0]) for p in problems] == [(2, "tags.1"), (3, "id")]


def test_folding_skips_its_table_only_for_text_the_table_would_not_change():
    import unicodedata

    from factcheck.search.text import korean

    every = [chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000]
    with_table = [unicodedata.normalize("NFKC", c).casefold().translate(korean._FOLD_TABLE) for c in every]
    assert [korean.fold(c) for c in every] == with_table
    assert korean.fold("“Café” — ＡＢＣ 예타") == "\"cafe\" - abc 예타"
