"""Verdicts and dates typed in Korean or English are read into the codes and ISO dates that claims store."""

import pytest

from factcheck import i18n
from factcheck.entry import UnreadableEntry, read_date, read_verdict
from factcheck.errors import FactcheckError
from factcheck.model import VERDICTS


@pytest.fixture
def korean():
    i18n.use("ko")
    yield
    i18n.use("en")


# --------------------------------------------------------------------------- verdicts


@pytest.mark.parametrize("verdict", VERDICTS, ids=lambda v: v.code)
def test_every_verdict_is_read_from_its_code_korean_name_and_english_name(verdict):
    assert {read_verdict(verdict.code), read_verdict(verdict.ko), read_verdict(verdict.en)} == {verdict.code}


@pytest.mark.parametrize("typed", ["절반의 사실", "절반의사실", " 절반의  사실 ", "절반 의 사실"])
def test_korean_verdict_names_are_read_with_or_without_spaces(typed):
    assert read_verdict(typed) == "half-true"


@pytest.mark.parametrize("typed", ["Half true", "HALF-TRUE", "half_true", "Half-True", "halftrue", "half–true"])
def test_english_verdict_names_are_read_in_any_case_and_joined_any_way(typed):
    assert read_verdict(typed) == "half-true"


def test_the_longer_korean_names_are_told_apart_from_the_shorter():
    assert [read_verdict(t) for t in ("사실", "대체로 사실", "대체로 사실 아님", "전혀 사실 아님")] == [
        "true", "mostly-true", "mostly-false", "false",
    ]


def test_full_width_letters_are_read_as_their_plain_forms():
    assert read_verdict("ＦＡＬＳＥ") == "false"


def test_an_unknown_verdict_is_refused_with_every_accepted_form():
    with pytest.raises(UnreadableEntry) as refused:
        read_verdict("거의 사실")
    message = str(refused.value)
    assert "'거의 사실' is not a verdict" in message
    assert all(v.code in message and v.ko in message and v.en in message for v in VERDICTS)


def test_an_unknown_verdict_is_refused_in_korean_when_the_interface_is_korean(korean):
    with pytest.raises(UnreadableEntry) as refused:
        read_verdict("maybe")
    assert "판정이 아닙니다" in refused.value.translated() and "절반의 사실(half-true, Half true)" in refused.value.translated()


def test_an_unreadable_entry_is_a_users_error_and_a_value_error():
    with pytest.raises(FactcheckError):
        read_verdict("")
    with pytest.raises(ValueError):
        read_date("")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "typed",
    ["2025-09-01", "2025-9-1", "2025년 9월 1일", "2025년9월1일", "2025년 09월 01일", "2025. 9. 1.", "2025.9.1",
     "2025.09.01", "2025. 09. 01", "2025/9/1", "2025/09/01", " 2025-09-01 ", "２０２５．９．１．"],
)
def test_a_full_date_is_read_in_each_accepted_form(typed):
    assert read_date(typed) == "2025-09-01"


@pytest.mark.parametrize("typed", ["2025-09", "2025-9", "2025년 9월", "2025년9월", "2025. 9.", "2025.09", "2025/9"])
def test_a_year_and_month_stay_a_year_and_month(typed):
    assert read_date(typed) == "2025-09"


@pytest.mark.parametrize("typed", ["2025", "2025년"])
def test_a_year_alone_stays_a_year(typed):
    assert read_date(typed) == "2025"


@pytest.mark.parametrize("typed", ["2025. 9. 1.(월)", "2025. 9. 1. (월)", "2025년 9월 1일 월요일", "2025/9/1(월요일)"])
def test_a_day_of_the_week_after_a_date_is_read_and_checked(typed):
    assert read_date(typed) == "2025-09-01"


def test_a_day_of_the_week_that_is_wrong_is_refused():
    with pytest.raises(UnreadableEntry, match="2025-09-01 is a Monday, not a Tuesday"):
        read_date("2025. 9. 1.(화)")


def test_a_day_of_the_week_that_is_wrong_is_refused_in_korean(korean):
    with pytest.raises(UnreadableEntry) as refused:
        read_date("2025. 9. 1.(화)")
    assert "2025-09-01은(는) 화요일이 아니라 월요일입니다" in refused.value.translated()


@pytest.mark.parametrize("typed", ["2025-02-29", "2025-13", "2025년 13월", "2025. 4. 31.", "2025-00-10"])
def test_a_date_that_is_not_on_the_calendar_is_refused(typed):
    with pytest.raises(UnreadableEntry, match="not a date on the calendar"):
        read_date(typed)


def test_the_29th_of_february_of_a_leap_year_is_a_date():
    assert read_date("2024년 2월 29일") == "2024-02-29"


@pytest.mark.parametrize("typed", ["9/1", "25.9.1", "2025-9/1", "2025.9/1", "2025년 9월 1", "yesterday", "", "2025-09-01T10:00"])
def test_an_unreadable_date_is_refused_with_the_accepted_forms(typed):
    with pytest.raises(UnreadableEntry) as refused:
        read_date(typed)
    message = str(refused.value)
    assert "is not a date" in message
    assert all(form in message for form in ("2025-09-01", "2025년 9월 1일", "2025. 9. 1.", "2025/9/1", "2025년 9월"))


def test_an_unreadable_date_is_refused_in_korean_when_the_interface_is_korean(korean):
    with pytest.raises(UnreadableEntry) as refused:
        read_date("9월 1일")
    assert refused.value.translated().startswith("'9월 1일'은(는) 날짜가 아닙니다. 2025-09-01, 2025년 9월 1일")


def test_a_weekday_without_a_day_is_not_a_date():
    with pytest.raises(UnreadableEntry, match="is not a date"):
        read_date("2025년 9월 (월)")
