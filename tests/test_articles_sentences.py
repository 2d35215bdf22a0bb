"""Sentences of Korean news text: what becomes a candidate, and what is dropped or merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED

from factcheck.articles.boilerplate import not_a_claim, split_byline
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
    lede = SEED.read_text(encoding="utf-8").split("\n")[3]  # the paragraph printed twice, above the byline
    assert not set(split_sentences(lede)) & set(found)  # each of its sentences is said again in the body
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


@pytest.mark.parametrize(
    "opening, name, publisher, place",
    [
        ("[일요서울 | 전북 전광훈 기자]", "전광훈", "일요서울", "전북"),
        ("(김제=뉴스1) 유경석 기자 =", "유경석", "뉴스1", "김제"),
        ("[전북=뉴시스]고석중 기자 =", "고석중", "뉴시스", "전북"),
        ("【파이낸셜뉴스 광주=홍길동 기자】", "홍길동", "파이낸셜뉴스", "광주"),
        ("[김제=아시아투데이 박윤근 기자]", "박윤근", "아시아투데이", "김제"),
        ("[남도타임즈 = 정하늘 기자]", "정하늘", "남도타임즈", None),
        ("[이데일리 홍길동 기자]", "홍길동", "이데일리", None),
        ("강릉=동해신문 최서윤 기자 =", "최서윤", "동해신문", "강릉"),
    ],
)
def test_the_bylines_korean_news_opens_with_are_cut_off_and_read(opening, name, publisher, place):
    byline, rest = split_byline(f"{opening} 전북 김제시가 국가예산을 확보했다.")
    assert (byline.name, byline.publisher, byline.place) == (name, publisher, place)
    assert rest == "전북 김제시가 국가예산을 확보했다."


def test_a_sentence_that_opens_with_a_bracket_is_no_byline():
    assert split_byline("[단독] 김제시는 23일 예산안을 발표했다.")[0] is None


@pytest.mark.parametrize(
    "line",
    ["<저작권자 ⓒ 1980-2025 ㈜연합뉴스. 무단 전재 재배포 금지, AI 학습 및 활용 금지>", "ⓒ 전북일보 인터넷신문(http://www.jjan.kr)",
     "▲ 정성주 김제시장 (사진=김제시)", "사진설명 = 보고회 모습", "<사진=김제시 제공>", "hong@newsis.com", "홍길동 기자",
     "정성주 시장이 보고회를 주재하고 있다.(김제시 제공)", "정치 | 경제 | 사회 | 지역"],
)
def test_copyright_caption_byline_and_menu_lines_are_no_claims(line):
    assert not_a_claim(line) is not None


def test_a_headline_ending_like_a_sentence_but_without_a_full_stop_is_still_a_headline():
    article = from_plain("군산시, 2026년 국가예산 1조 원 시대 열었다\n\n군산시가 2026년 국가예산 1조 원을 처음으로 확보했다.\n")
    assert article.title == "군산시, 2026년 국가예산 1조 원 시대 열었다"
    [sentence] = article_sentences(article)
    assert sentence.text.startswith("군산시가") and sentence.in_headline


def test_a_short_brief_keeps_its_paragraphs_apart_and_merges_its_subheading():
    article = from_bytes((FIXTURES / "iksan-short-brief.html").read_bytes())
    found = texts(article)
    assert found[0] == "전북 익산시가 2026년도 본예산으로 1조 8천억 원을 편성했다고 11일 밝혔다."
    assert "복지 예산은 7,020억 원으로 처음으로 7천억 원을 넘었다." in found
    assert not any("■" in text or "관련기사" in text or "새만금" in text for text in found)


def test_short_items_of_one_list_are_never_merged_for_sharing_their_frame():
    sentence = "보고회에서는 신규 업무 계획으로 ▲인구정책 ▲청년정책 ▲농업정책 등을 점검했다."
    assert len(texts(from_plain(sentence))) == 3


def test_reading_a_page_without_date_metadata_never_loads_dateparser():
    import subprocess
    import sys

    code = (
        "import sys; from factcheck.articles.text import from_bytes; "
        f"from_bytes(open({str(FIXTURES / 'iksan-short-brief.html')!r}, 'rb').read()); "
        "print('dateparser' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_a_page_without_date_metadata_is_dated_by_the_date_it_prints_above_the_body():
    html = (FIXTURES / "suwon-2026-budget.html").read_text(encoding="utf-8")
    html = html.replace('<meta property="article:published_time" content="2025-11-14T15:32:00+09:00">', "")
    assert from_bytes(html.encode("utf-8")).date == "2025-11-14"  # "입력 2025.11.14 15:32" in the page header


def test_a_headline_writing_a_sum_without_its_thousands_comma_is_merged_with_the_body_sentence():
    article = from_plain("포항시, 내년 국가예산 2조 1345억 원 확보…사상 첫 2조 원 돌파\n\n"
                         "경북 포항시는 2026년도 국가예산으로 2조 1,345억 원을 확보해 사상 처음으로 2조 원을 넘어섰다고 4일 밝혔다.\n")
    [sentence] = article_sentences(article)
    assert sentence.text.startswith("경북 포항시는") and sentence.in_headline


TABLE_PAGE = """<html><head><meta charset="utf-8"><title>천안시, 신규사업 57건 확정</title></head><body>
<table><tr><td><a href="/">홈</a> | <a href="/society">사회</a> | <a href="/local">지역</a></td></tr></table>
<table><tr><td><h1>천안시, 신규사업 57건 확정</h1><div id="news_body">
천안시가 2026년 주요업무계획 보고회를 열고 신규사업 57건을 확정했다.<br><br>
시는 올해 국비 1,382억 원을 확보해 역대 최대를 기록했다고 밝혔다.<br><br>
박 시장은 "고용률은 68.9%로 전국 3위"라고 말했다.<br><br>
시는 내년 1월 업무계획을 확정할 방침이다.<br><br>
저작권자 ⓒ 충남중앙신문 무단전재 및 재배포 금지</div></td></tr></table></body></html>"""


def test_a_table_layout_page_whose_one_cell_holds_the_body_is_read_paragraph_by_paragraph():
    article = from_bytes(TABLE_PAGE.encode("utf-8"))
    assert texts(article) == [
        "천안시가 2026년 주요업무계획 보고회를 열고 신규사업 57건을 확정했다.",
        "시는 올해 국비 1,382억 원을 확보해 역대 최대를 기록했다고 밝혔다.",
        '박 시장은 "고용률은 68.9%로 전국 3위"라고 말했다.',
        "시는 내년 1월 업무계획을 확정할 방침이다.",
    ]
    assert article.title == "천안시, 신규사업 57건 확정"
