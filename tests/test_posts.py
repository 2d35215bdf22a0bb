"""Pasted text as a query: a post's links, signature, tags and emoji, and English's contraction pieces,
initials, accents and stems, each handled so that only what could be a claim's words remain."""

import pytest

from factcheck.search.query import parse_query
from factcheck.search.text.aliases import ALIAS_GROUPS, Aliases
from factcheck.search.text.korean import fold, latin_stem
from factcheck.search.text.posts import clean_post, plain_english, split_tag


def unit_texts(query: str) -> list[str]:
    return [unit.text for unit in parse_query(query)]


def test_links_are_dropped_even_glued_to_a_hashtag_or_broken_by_a_space():
    cleaned = clean_post("Home Alone #DefundTheCBChttps://t.co/CsHG8R9cHp and #WW3pic.twitter.com/x White Housepic .twitter.com/y")
    assert "http" not in cleaned and "twitter" not in cleaned and "t.co" not in cleaned
    assert "Defund The CBC" in cleaned and "White House" in cleaned


def test_an_embedded_tweets_signature_is_dropped_with_its_name_and_date():
    post = "Wombats are sheltering animals from the fires — Center for Bio Div (@CenterForBioDiv) January 14, 2020"
    assert clean_post(post) == "Wombats are sheltering animals from the fires"


def test_the_signature_of_a_quoted_tweet_inside_a_post_is_dropped_too():
    post = ("Wombats shelter animals — Center for Bio Div (@CenterForBioDiv) January 14, 2020 Is that true? "
            "— Jane Roe (@janeroe) January 15, 2020")
    assert clean_post(post) == "Wombats shelter animals Is that true?"


def test_a_korean_dated_signature_is_dropped_too():
    assert clean_post("예타 면제가 확정됐다 — 김제시 (@gimje_city) 2025년 8월 22일") == "예타 면제가 확정됐다"


def test_a_dash_inside_the_text_is_not_a_signature():
    assert clean_post("The mayor — who denied it — said so") == "The mayor — who denied it — said so"


@pytest.mark.parametrize("tag, words", [("ScarfaceRemake", "Scarface Remake"), ("DefundTheCBC", "Defund The CBC"),
                                        ("Covid19", "Covid 19"), ("impeachtrump", "impeachtrump"),
                                        ("예타면제", "예타면제"), ("ice_bucket", "ice bucket")])
def test_hashtags_and_handles_are_split_into_their_words(tag, words):
    assert split_tag(tag) == words
    assert clean_post(f"see #{tag}") == f"see {words}"
    assert clean_post(f"see @{tag}") == f"see {words}"


def test_hashtags_glued_together_are_each_split_into_their_words():
    assert clean_post("geology #consulting#BritishColumbia#gold!") == "geology consulting British Columbia gold !"


def test_a_hash_inside_a_word_is_not_a_tag():
    assert clean_post("write C# and a#b") == "write C# and a#b"


def test_an_email_address_is_not_a_handle():
    assert clean_post("write to editor@example.org") == "write to editor@example.org"


def test_emoji_flags_and_joiners_are_dropped():
    assert clean_post("Brad Trost 🇨🇦 loves 👍🏽 this ❤️ 👨‍👩‍👧") == "Brad Trost loves this"


def test_contraction_pieces_leave_no_word_behind():
    assert unit_texts("I don't think it's true they won't or can't") == ["think", "will", "can"]


def test_dotted_initials_join_into_one_word():
    assert plain_english(fold("the U.S.A. and the U.K.")) == "the usa  and the uk "


def test_single_letters_from_initials_are_dropped():
    assert unit_texts("George W. Bush signed it") == ["george", "bush", "signed"]


def test_an_accented_letter_does_not_split_its_word():
    assert unit_texts("Condé Nast café") == ["conde", "nast", "cafe"]


@pytest.mark.parametrize("a, b", [("cookies", "cookie"), ("policies", "policy"), ("studied", "study"),
                                  ("armies", "army"), ("plays", "play"), ("exemption", "exempted"),
                                  ("flees", "flee"), ("shares", "share"), ("boxes", "box"), ("wishes", "wish"),
                                  ("tornadoes", "tornado")])
def test_the_stemmer_meets_a_word_and_its_inflections_at_one_stem(a, b):
    assert latin_stem(a) == latin_stem(b)


def test_the_stemmer_no_longer_cuts_cookies_to_cook():
    assert latin_stem("cookies") != latin_stem("cook")


@pytest.mark.parametrize("query, claim", [("will", "A willow tree fell on the car"),
                                          ("trump", "He played the trumpet at the rally"),
                                          ("cook", "Girl Scout cookies contain pork")])
def test_a_word_is_not_met_inside_another_word_that_merely_starts_alike(query, claim):
    from factcheck.search.analysis import analyse_fields
    from factcheck.search.match import fields_of, match_unit

    unit = parse_query(query)[0]
    assert max(match_unit(unit, f)[0] for f in fields_of(analyse_fields({"claim": claim}))) == 0


def test_a_word_is_still_met_in_its_derived_form():
    from factcheck.search.analysis import analyse_fields
    from factcheck.search.match import fields_of, match_unit

    unit = parse_query("islam")[0]
    assert max(match_unit(unit, f)[0] for f in fields_of(analyse_fields({"claim": "an Islamic school"}))) > 0.8


def test_a_hashtag_in_one_case_is_split_into_words_claims_hold(tmp_path):
    from factcheck.search.query import split_run_together, weigh_units

    known = {"cape": 3, "town": 40, "storm": 20, "tornado": 9}
    def doc_freqs(tokens):
        return {t: known.get(t, 0) for t in tokens}

    units = parse_query("capetownstorm tornado")
    weigh_units(units, 1000, doc_freqs)
    assert split_run_together(units, doc_freqs)
    assert [u.text for u in units] == ["cape", "town", "storm", "tornado"]


def test_a_word_claims_hold_or_that_no_known_words_spell_is_left_whole():
    from factcheck.search.query import split_run_together, weigh_units

    known = {"capetown": 2, "cape": 3, "town": 40}
    def doc_freqs(tokens):
        return {t: known.get(t, 0) for t in tokens}

    units = parse_query("capetown photosynthesis")
    weigh_units(units, 1000, doc_freqs)
    assert not split_run_together(units, doc_freqs)
    assert [u.text for u in units] == ["capetown", "photosynthesis"]


def test_a_name_that_begins_with_the_country_is_not_split_at_it():
    aliases = Aliases(ALIAS_GROUPS)
    assert [u.text for u in parse_query("한국유치원총연합회", aliases)] == ["한국유치원총연합회"]
    assert [u.text for u in parse_query("국가예산확보", aliases)] == ["국가예산", "확보"]
