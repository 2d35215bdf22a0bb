"""Hostile numbers: a digit run of any length is read exactly or left as text, and never crashes a command."""

import pytest
from conftest import write_claim

from factcheck.search.text import numbers
from factcheck.search.text.numbers import amount_value, number_tokens

HUGE = "9" * 309


@pytest.mark.parametrize(
    "args",
    [("search", "지하철"), ("list",), ("show", "huge-number-claim"), ("stats",), ("export",), ("index",)],
)
def test_a_claim_holding_a_309_digit_number_breaks_no_command(empty_claims, run, args):
    write_claim(empty_claims, "huge-number-claim", claim=f"지하철 요금은 {HUGE}원이다")
    result = run(empty_claims, *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output


def test_a_search_for_a_309_digit_number_is_answered(claims_dir, run):
    result = run(claims_dir, "search", HUGE)
    assert result.exit_code in (0, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_digit_run_longer_than_the_bound_is_plain_text():
    assert number_tokens("1" * (numbers.MAX_DIGITS + 1)) == set()
    assert number_tokens("1" * numbers.MAX_DIGITS) == {"n" + "1" * numbers.MAX_DIGITS}


def test_money_is_computed_exactly_not_in_floating_point():
    assert amount_value("1.1조 원") == 1_100_000_000_000
    assert amount_value("9007199254740993억") == 900719925474099300000000  # past a float's 53 bits
    assert number_tokens("0.1") == {"n0p1"}


@pytest.mark.parametrize("text, value", [("hundred thousand", "n100000"), ("a hundred", "n100"),
                                         ("two hundred million", "n200000000")])
def test_an_english_number_that_starts_with_hundred_is_read(text, value):
    assert value in number_tokens(text)


def test_hundred_million_with_no_digit_before_it_is_a_number_not_a_crash():
    # A LIAR claim ("several hundred million dollars below estimates") once stopped every index build.
    from factcheck.search.text.numbers import english_value, number_tokens

    assert english_value("hundred million") == 100_000_000
    assert number_tokens("come in several hundred million dollars below estimates") is not None
