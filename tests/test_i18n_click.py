"""click's own messages and the help of commands follow the interface language, and switch back."""

import click
import pytest
from click.testing import CliRunner

from factcheck.cli.language import speak
from factcheck.cli.params import DATE, VERDICT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option("1.0", prog_name="tool")
def tool():
    """Search claims."""


@tool.command()
@click.option("--status", type=VERDICT, help="Print JSON on stdout.")
@click.option("--date", "date", type=DATE, required=True, help="When it was said: YYYY-MM-DD, YYYY-MM or YYYY.")
def pick(status, date):
    """List all claims in a table, with a count per verdict."""
    click.echo(f"{status} {date}")


@pytest.fixture
def korean():
    speak("ko", tool)
    yield
    speak("en", tool)


def invoke(*args):
    return CliRunner().invoke(tool, list(args))


def test_clicks_usage_and_sections_are_korean(korean):
    out = invoke("--help").output
    assert "사용법:" in out and "옵션" in out and "명령" in out


def test_an_options_help_is_korean(korean):
    out = invoke("pick", "--help").output
    assert "표준 출력에 JSON을 씁니다." in out and "이 도움말을 보여 주고 끝냅니다." in out  # ours, and click's --help


def test_clicks_version_help_fixed_at_import_is_korean_too(korean):
    assert "버전을 보여 주고 끝냅니다." in invoke("--help").output


def test_a_missing_option_is_reported_in_korean(korean):
    result = invoke("pick")
    assert result.exit_code == 2 and "옵션이 빠졌습니다" in result.output and "오류:" in result.output


def test_an_unknown_option_is_reported_in_korean(korean):
    assert "'--stats'라는 옵션은 없습니다." in invoke("pick", "--stats", "x").output


def test_an_unknown_command_is_reported_in_korean(korean):
    assert "'pik'라는 명령은 없습니다." in invoke("pik").output


def test_help_returns_to_english_with_the_language():
    speak("ko", tool)
    speak("en", tool)
    out = invoke("pick", "--help").output
    assert "Usage:" in out and "Print JSON on stdout." in out and "Show this message and exit." in out


def test_english_stays_english():
    out = invoke("pick", "--date", "x").output
    assert "Invalid value for '--date'" in out and "is not a date" in out


def test_a_korean_verdict_and_a_korean_date_reach_the_command_as_code_and_iso():
    result = invoke("pick", "--status", "절반의 사실", "--date", "2025년 9월 1일")
    assert result.exit_code == 0 and result.output == "half-true 2025-09-01\n"


def test_an_unreadable_date_is_a_usage_error_in_korean_listing_the_accepted_forms(korean):
    result = invoke("pick", "--date", "9월 1일")
    assert result.exit_code == 2
    assert "'--date'의 값이 잘못되었습니다: '9월 1일'은(는) 날짜가 아닙니다" in result.output
    assert "2025년 9월 1일" in result.output


def test_an_unknown_verdict_is_a_usage_error_listing_every_verdict():
    result = invoke("pick", "--date", "2025", "--status", "maybe")
    assert result.exit_code == 2 and "'maybe' is not a verdict" in result.output and "전혀 사실 아님" in result.output


def test_a_hangul_syllable_takes_two_columns_and_a_combining_mark_none():
    from factcheck.cli.language import columns

    assert [columns("ab"), columns("한국"), columns("e\u0301"), columns("\x1b[1m한\x1b[0m")] == [2, 4, 1, 2]
