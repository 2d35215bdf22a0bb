"""The quote check keeps figures whole: punctuation may be ignored, an edited number never is."""

import pytest

from factcheck.sources.webtext import find_quote


@pytest.mark.parametrize(
    "quote, page",
    [("규모는 1.5조 원", "규모는 15조 원이다"), ("성장률 -3% 기록", "성장률 3% 기록"),
     ("지난 8.22 발표", "지난 822 발표"), ("예산 1 5억", "예산 15억")],
)
def test_an_edited_number_is_never_passed_as_the_quote(quote, page):
    assert not find_quote(quote, page).found


@pytest.mark.parametrize(
    "quote, page",
    [("규모는 1.5조 원", "규모는 「1.5조 원」이다"), ("1,000명이 참석", "1000명이 참석했다"),
     ("코로나19 대응", "코로나 19 대응"), ("-3% 역성장", "올해 -3% 역성장")],
)
def test_a_number_written_the_same_way_is_still_found(quote, page):
    assert find_quote(quote, page).found
