"""Korean text processing on its own: folding, jamo, 초성, particles, numbers."""

import pytest

from factcheck.search.text import korean
from factcheck.search.text.numbers import find_numbers


def tokens(text):
    return {t for expr in find_numbers(korean.fold(text)) for t in expr.tokens}


def test_fold_applies_nfkc_case_and_quote_variants():
    assert korean.fold("ＡＩ “피지컬” ‘예타’") == 'ai "피지컬" \'예타\''


def test_fold_keeps_choseong_as_compatibility_jamo():
    assert korean.fold("ㅇㅌ") == "ㅇㅌ"
    assert korean.is_choseong_word(korean.fold("ㅇㅌ"))


def test_words_split_scripts_and_drop_punctuation():
    assert korean.words(korean.fold("피지컬AI(인공지능)·2026년")) == ["피지컬", "ai", "인공지능", "2026", "년"]


def test_compact_ignores_spacing():
    assert korean.compact("예타 면제 확정") == korean.compact("예타면제확정") == "예타면제확정"


def test_jamo_splits_compound_vowels_and_finals_as_typed():
    assert korean.jamo("과") == "ㄱㅗㅏ"
    assert korean.jamo("닭") == "ㄷㅏㄹㄱ"
    assert korean.jamo("ㅘ") == "ㅗㅏ"


def test_keystroke_jamo_finds_a_word_inside_a_longer_one():
    assert korean.jamo("도움") in korean.jamo("도우미")


def test_a_one_key_typo_is_one_jamo_apart():
    from rapidfuzz.distance import Levenshtein

    for typo, right in (("면재", "면제"), ("예싼", "예산"), ("게획", "계획"), ("몃제", "면제")):
        assert Levenshtein.distance(korean.jamo(typo), korean.jamo(right)) == 1


def test_choseong_of_syllables():
    assert korean.choseong("예타 면제") == "ㅇㅌㅁㅈ"


def test_stems_drop_particles_and_endings_but_keep_two_syllables():
    assert "예타" in korean.stems("예타가")
    assert "면제" in korean.stems("면제됐나요")
    assert "확보" in korean.stems("확보했나")
    assert "도입" in korean.stems("도입한다는")
    assert korean.stems("국가") == []  # 가 is part of the word here


def test_a_one_syllable_noun_is_read_under_a_particle_or_the_copula():
    assert [korean.one_syllable_stem(w) for w in ("쌀이", "집에서", "쌀이지", "빚이다", "밀인데")] == ["쌀", "집", "쌀", "빚", "밀"]
    assert korean.one_syllable_stem("쌀쌀한") is None


def test_stems_drop_an_ending_that_follows_another():
    assert "도입" in korean.stems("도입한다는데")
    assert "면제" in korean.stems("면제됐다는데")
    assert "확정" in korean.stems("확정됐습니다")


def test_light_english_stemming_meets_word_forms():
    assert korean.latin_stem("exemption") == korean.latin_stem("exempted") == "exempt"


def test_dates_written_any_way_share_a_token():
    assert "d0822" in tokens("8월 22일") & tokens("8/22") & tokens("2025-08-22") & tokens("2025.8.22")
    assert "d20250822" in tokens("2025년 8월 22일")


def test_money_written_any_way_is_one_value():
    one_jo = "n1000000000000"
    for text in ("1조 원", "1조원", "일조 원", "1,000,000,000,000원", "1 trillion won"):
        assert one_jo in tokens(text), text
    assert "n668100000000" in tokens("6,681억 원") & tokens("육천육백팔십일억 원")
    assert "n1054900000000" in tokens("1조 549억")


def test_an_amounts_leading_figure_is_a_token_too():
    assert tokens("311만 호") == {"n3110000", "n311"}


def test_digits_glued_to_hangul_are_numbers():
    assert tokens("코로나19") == {"n19"} and tokens("주52시간") == {"n52"}


def test_decimal_numbers_make_index_safe_tokens():
    assert tokens("89.5%") == {"n89p5"}


def test_ranges_and_approximate_counts():
    assert tokens("2026~2030") == tokens("2026년부터 2030년까지") == {"n2026", "n2030"}
    assert tokens("30여명") == tokens("30여 명") == {"n30"}
    assert tokens("three years") == tokens("3년") == {"n3"}


def test_years_and_months_counted_in_hangul_numerals():
    assert tokens("삼년 연속") == tokens("3년 연속") == {"n3"}
    assert tokens("이십 년") == {"n20"} and tokens("육개월") == {"n6"}
    assert tokens("작년 예산") == tokens("매년") == set()  # 작, 매 are not numerals


def test_native_numerals_before_a_counter_are_numbers():
    assert tokens("스물세 번") == tokens("23번") == {"n23"}
    assert tokens("열한 명") == {"n11"} and tokens("석 달") == {"n3"} and tokens("스무 배") == {"n20"}


def test_hundreds_and_thousands_written_with_a_digit_are_numbers():
    assert "n400" in tokens("4백여 곳") and "n400" in tokens("400여건")
    assert "n5000" in tokens("5천원") and "n200" in tokens("2백 명")
    assert tokens("3천안") == {"n3"}  # 천안, the city, is no thousand


def test_a_percentage_in_hangul_numerals_is_a_number():
    assert tokens("삼십 퍼센트") == tokens("30%") == {"n30"}
    assert tokens("열 퍼센트") == tokens("10퍼센트") == {"n10"}
    assert tokens("이 프로그램") == set()


def test_native_numerals_without_a_counter_are_words():
    assert tokens("세금 한 푼") == tokens("한국의 세수") == tokens("열이 난다") == set()


def query_tokens(text):
    return {t for expr in find_numbers(korean.fold(text), query=True) for t in expr.tokens}


def test_a_query_may_say_a_figure_in_hangul_numerals_before_a_counter():
    assert query_tokens("삼십 명 참석") == query_tokens("30명 참석") == {"n30"}
    assert query_tokens("이십삼 번") == {"n23"} and query_tokens("팔십 프로") == {"n80"}
    assert query_tokens("이천 명이") == {"n2000"} and query_tokens("이십대 남성") == {"n20"}
    assert tokens("삼십 명 참석") == set()  # a claim writes its figures in digits: its Hangul stays words


def test_a_query_may_say_the_term_of_a_local_government_in_hangul_numerals():
    assert query_tokens("민선 팔기") == query_tokens("민선팔기 공약") == query_tokens("민선 8기") == {"n8"}


def test_one_hangul_numeral_before_a_counter_stays_a_word():
    for text in ("이번 선거", "사기 혐의", "이차전지", "일회용 컵", "삼기 신도시", "팔기 위해", "이천시", "오십견"):
        assert query_tokens(text) == set(), text


def test_a_query_may_write_a_date_with_a_dot_and_a_year_with_two_digits():
    assert "d0822" in query_tokens("8.22 국무회의") and "d0822" not in tokens("8.22 국무회의")
    assert {"n2026", "n2030"} <= query_tokens("26~30년") and "n2026" in query_tokens("26년도")
    assert "d0305" not in query_tokens("3.5%") and "n2030" not in tokens("30년 만에")


def test_hangul_words_that_look_like_numbers_are_left_alone():
    assert tokens("오만한 태도") == set()
    assert tokens("공무원") == set()
    assert tokens("이천시") == set()


@pytest.mark.parametrize("noise", ["ㅋㅋ", "ㅎㅎㅎ", "ㅠㅠ", "ㅜㅜㅜ", "ㅁㄴㅇㄹ", "ㅂㅈㄷㄱ", "ㄹㅇㄴㅁ", "ㅋㅌㅊㅍ"])
def test_chat_and_keyboard_runs_are_noise_not_choseong(noise):
    assert korean.is_chat_jamo(noise)


@pytest.mark.parametrize("initials", ["ㅇㅌ", "ㅇㅌㅁㅈ", "ㄱㄱㅂㄷㅇ", "ㄷㄱㅅ", "ㅈㅅㅈ"])
def test_initials_of_words_are_not_noise(initials):
    assert not korean.is_chat_jamo(initials)


@pytest.mark.parametrize("word", ["만든다던데", "열었나", "확보했다", "도입한다", "면제됐나요"])
def test_predicates_are_recognised_by_their_endings(word):
    assert korean.is_predicate(word)


@pytest.mark.parametrize("word", ["캐나다", "기자회견", "국가예산", "바다"])
def test_nouns_are_not_predicates(word):
    assert not korean.is_predicate(word)
