"""Sentences of Korean news text: what becomes a candidate, and what is dropped or merged."""

from __future__ import annotations

from pathlib import Path

from conftest import SHARED

from factcheck.articles.sentences import article_sentences, inline_items, split_sentences
from factcheck.articles.text import from_bytes, from_plain

SEED = SHARED / "seed" / "000_78ba2e18149e923e.txt"
FIXTURES = Path(__file__).parent / "data" / "articles"


def texts(article) -> list[str]:
    return [s.text for s in article_sentences(article)]


def test_a_quote_that_spans_clauses_and_full_stops_stays_one_sentence():
    paragraph = '정 시장은 "올해는 결실의 해다. 시민과의 약속을 지키겠다"며 "끝까지 뛰겠다"고 말했다. 시는 23일 밝혔다.'
    assert split_sentences(paragraph) == [
        '정 시장은 "올해는 결실의 해다. 시민과의 약속을 지키겠다"며 "끝까지 뛰겠다"고 말했다.',
        "시는 23일 밝혔다.",
    ]


def test_straight_and_curly_quotes_mixed_as_printed_still_pair_up():
    paragraph = '정 시장은 "하나의 목표 아래 협업 행정을 강화해 줄 것”을 주문했다. 이어 보고를 받았다.'
    assert len(split_sentences(paragraph)) == 2


def test_a_paragraph_whose_quote_never_closes_is_split_as_if_it_had_none():
    assert split_sentences('시장은 "예산을 늘렸다. 시는 23일 밝혔다.') == ['시장은 "예산을 늘렸다.', "시는 23일 밝혔다."]


def test_a_full_stop_after_a_digit_ends_no_sentence():
    assert split_sentences("인구활력 프로젝트 2.0 을 8.18. 개최된 회의에서 확정했다.") == [
        "인구활력 프로젝트 2.0 을 8.18. 개최된 회의에서 확정했다."
    ]


def test_each_inline_bullet_item_is_a_candidate_with_the_sentence_frame():
    sentence = "보고회에서는 신규 업무 계획으로 ▲공공배달앱 도입 ▲스마트도시계획 수립과 같은 사업을 점검했다."
    assert inline_items(sentence) == [
        "보고회에서는 신규 업무 계획으로 공공배달앱 도입 … 점검했다.",
        "보고회에서는 신규 업무 계획으로 스마트도시계획 수립 … 점검했다.",
    ]


def test_bullet_lines_after_a_sentence_announcing_them_carry_its_frame():
    article = from_plain("시가 밝힌 주요 사업은 다음과 같다.\n▲ 환승센터 건립 1,240억 원\n▲ 급식소 3곳 확충\n")
    assert texts(article) == ["시가 밝힌 주요 사업은 환승센터 건립 1,240억 원", "시가 밝힌 주요 사업은 급식소 3곳 확충"]


def test_the_seed_byline_is_cut_off_and_kept_as_the_article_byline():
    article = from_plain(SEED.read_text(encoding="utf-8"))
    assert str(article.byline) == "전북 전광훈 기자" and article.publisher == "일요서울"
    assert not any("전광훈" in text or "[일요서울" in text for text in texts(article))


def test_the_seed_copyright_line_is_no_candidate():
    assert not any("저작권" in text or "무단전재" in text for text in texts(from_plain(SEED.read_text(encoding="utf-8"))))


def test_the_seed_paragraph_printed_twice_gives_each_of_its_sentences_once():
    found = texts(from_plain(SEED.read_text(encoding="utf-8")))
    assert len(found) == len(set(found))
    assert not any(text.startswith("김제시가 23일부터 24일까지") for text in found)  # the lede's restatement
    assert sum("23일부터 24일까지" in text for text in found) == 1


def test_a_headline_that_repeats_a_body_sentence_is_merged_into_it():
    sentences = article_sentences(from_plain(SEED.read_text(encoding="utf-8")))
    meeting = next(s for s in sentences if s.text.startswith("시는 23일부터 24일까지"))
    assert meeting.in_headline
    assert not any(s.kind == "headline" for s in sentences)


def test_a_compressed_headline_and_deck_merge_with_the_sentences_they_sum_up():
    sentences = article_sentences(from_bytes((FIXTURES / "gangneung-work-plan.txt").read_bytes()))
    assert [s.kind for s in sentences].count("headline") == 0
    quote = next(s for s in sentences if s.text.startswith("김민석 강릉시장은"))
    assert quote.in_headline


def test_a_photo_caption_is_no_candidate():
    found = texts(from_bytes((FIXTURES / "gangneung-work-plan.txt").read_bytes()))
    assert not any("사진" in text or "발언하고 있다" in text for text in found)


def test_the_reporters_closing_line_and_email_are_no_candidate():
    found = texts(from_bytes((FIXTURES / "gangneung-work-plan.txt").read_bytes()))
    assert not any("ysc@" in text or text.startswith("최서윤") for text in found)


def test_an_html_page_gives_the_article_not_its_menus_figure_caption_or_footer():
    article = from_bytes((FIXTURES / "suwon-2026-budget.html").read_bytes())
    found = " ".join(texts(article))
    assert "3조 4815억 원" in found
    for chrome in ("많이 본 뉴스", "대표전화", "사진=수원시", "Copyright", "생활임금"):
        assert chrome not in found


def test_an_euc_kr_table_layout_page_is_read_without_its_menus():
    article = from_bytes((FIXTURES / "suncheon-national-budget.html").read_bytes())
    found = texts(article)
    assert article.title == "순천시, 2026년 국비 8,420억 원 확보…역대 최대" and article.date == "2025-12-05"
    assert not any("|" in text for text in found)
    assert sum("역대 최대 실적" in text for text in found) == 1  # printed twice in the page
