"""Korean text on a terminal lines up: show, list, stats, search and sources check in the Korean interface, at
80 and at 200 columns, measured in terminal cells (rich's cell_len: a Hangul syllable takes two), never
wider than the terminal, their columns straight, and no word of a claim cut at a line's end."""

import io
import json
import re

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from conftest import write_claim
from factcheck.cli.app import cli
from factcheck.terminal.environment import Environment

WIDTHS = (80, 200)
YETA = "gimje-physical-ai-yeta-exemption"
RULES = "│┃┆╎"  # the characters that stand between the cells of a row
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def on_korean_terminal(claims, *args: str, width: int) -> list[str]:
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdin_isatty=True, stdout_isatty=True, stderr_isatty=True,
                      environ={"COLUMNS": str(width), "NO_COLOR": "1", "TERM": "xterm-256color",
                               "LANG": "ko_KR.UTF-8"})
    result = CliRunner().invoke(cli, ["--claims-dir", str(claims), *args], obj=env)
    assert result.exit_code in (0, 1), result.output + env.stderr.getvalue()
    return [ANSI.sub("", line) for line in env.stdout.getvalue().splitlines()]  # NO_COLOR keeps bold and dim


def rule_positions(line: str) -> list[int]:
    """The cell offsets of the rules in a table row."""
    return [cell_len(line[:i]) for i, char in enumerate(line) if char in RULES]


def assert_fits(lines: list[str], width: int) -> None:
    too_wide = [line for line in lines if cell_len(line) > width]
    assert too_wide == []


def assert_columns_straight(lines: list[str]) -> None:
    rows = [rule_positions(line) for line in lines if line[:1] in RULES]
    assert rows and all(row == rows[0] for row in rows), "the rules of the rows are not under one another"


def assert_words_whole(lines: list[str], texts: list[str]) -> None:
    """Every word of `texts` is on one line: none is cut where a line ends."""
    shown = [re.sub(f"[{RULES}]", " ", line) for line in lines]
    for text in texts:
        for word in text.split():
            assert any(word in line for line in shown), f"{word!r} is cut"


def claims_of(claims_dir) -> list[str]:
    result = CliRunner().invoke(cli, ["--claims-dir", str(claims_dir), "list", "--json"])
    return [record["claim"] for record in json.loads(result.stdout)["claims"]]


@pytest.mark.parametrize("width", WIDTHS)
def test_show_fills_the_terminal_exactly_and_cuts_no_word(claims_dir, width):
    lines = on_korean_terminal(claims_dir, "show", YETA, width=width)
    assert "판단 근거" in "\n".join(lines)
    assert {cell_len(line) for line in lines} == {width}  # the panel's right edge is straight
    record = json.loads(CliRunner().invoke(cli, ["--claims-dir", str(claims_dir), "show", YETA, "-f", "json"]).stdout)
    assert_words_whole(lines, [record["claim"], record["rationale"]["ko"]])


VERDICT_THEN_TEXT = re.compile(r"(\s+\S(?:\S| (?=\S))*\s{2,})\S")  # a card's badge, then where its text starts


def ids_of(claims_dir) -> list[str]:
    result = CliRunner().invoke(cli, ["--claims-dir", str(claims_dir), "list", "--json"])
    return [record["id"] for record in json.loads(result.stdout)["claims"]]


@pytest.mark.parametrize("width", [160, 200])
def test_list_in_a_wide_terminal_is_a_table_that_fits_keeps_its_columns_straight_and_cuts_no_word(claims_dir, width):
    lines = on_korean_terminal(claims_dir, "list", width=width)
    assert "판정" in lines[0] and "주장" in lines[0]
    assert_fits(lines, width)
    rows = [rule_positions(line) for line in lines if any(rule in line for rule in RULES)]
    assert len(rows) > 10 and all(row == rows[0] for row in rows), "the rules of the rows are not under one another"
    assert_words_whole(lines, claims_of(claims_dir) + ids_of(claims_dir))


@pytest.mark.parametrize("width", [80, 99])
def test_list_in_a_narrow_terminal_is_cards_whose_text_starts_in_one_column(claims_dir, width):
    lines = on_korean_terminal(claims_dir, "list", width=width)
    assert_fits(lines, width)
    ids = ids_of(claims_dir)
    assert [line.split(" · ")[0] for line in lines if line.split(" · ")[0] in ids] == ids  # each id whole, at the left
    summary = next(i for i, line in enumerate(lines) if line.startswith("주장 10건") or "claim(s)" in line)
    card_lines = [line for line in lines[:summary] if line.split(" · ")[0] not in ids]
    badge_lines = [line for line in card_lines if line[:4].strip()]
    text_starts = {cell_len(VERDICT_THEN_TEXT.match(line).group(1)) for line in badge_lines}
    wrapped = {cell_len(line) - cell_len(line.lstrip()) for line in card_lines if not line[:4].strip()}
    assert len(badge_lines) == len(ids) and len(text_starts) == 1 and wrapped == text_starts
    assert_words_whole(lines, claims_of(claims_dir))


@pytest.mark.parametrize("width", WIDTHS)
def test_stats_bars_start_in_one_column_and_counts_end_in_one(claims_dir, width):
    lines = on_korean_terminal(claims_dir, "stats", width=width)
    assert_fits(lines, width)
    tables, table = [], []
    for line in lines:
        if "█" in line:
            table.append(line)
        elif table:
            tables.append(table)
            table = []
    assert len(tables) == 3  # by verdict, by claimant, by tag
    for rows in tables:
        starts = {cell_len(row[: row.index("█")]) for row in rows}
        ends = {cell_len(row.rstrip()) for row in rows}
        assert len(starts) == 1 and len(ends) == 1, rows


@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_fit_and_cut_no_word(claims_dir, width):
    lines = on_korean_terminal(claims_dir, "search", "예타 면제", width=width)
    assert "출처:" in "\n".join(lines)
    assert_fits(lines, width)
    shown = [c for c in claims_of(claims_dir) if any(c[:20] in line for line in lines)]
    assert shown
    assert_words_whole(lines, shown)


@pytest.mark.parametrize("width", WIDTHS)
def test_sources_check_fits_and_keeps_its_columns_straight(empty_claims, web, width):
    from http_server import Reply

    page = "<p>서울시는 내년부터 지하철 요금을 인상한다고 밝혔다</p>"
    web.route("/fare", Reply(body=page))
    write_claim(empty_claims, "seoul-subway-fare-rise", sources=[
        {"url": web.url("/fare"), "publisher": "예시신문", "quote": "지하철 요금을 인상"},
        {"url": web.url("/gone"), "publisher": "다른신문", "quote": "요금 인상"}])
    lines = on_korean_terminal(empty_claims, "sources", "check", "--allow-private", width=width)
    assert any("정상" in line for line in lines) and any("사라짐" in line for line in lines)
    assert_fits(lines, width)
    assert_columns_straight(lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_sources_check_never_breaks_a_long_claim_id(empty_claims, web, width):
    from http_server import Reply

    web.route("/fare", Reply(body="<p>서울시는 내년부터 지하철 요금을 인상한다고 밝혔다</p>"))
    long_id = "seoul-metropolitan-subway-fare-rise-announced-in-october"
    write_claim(empty_claims, long_id, sources=[
        {"url": web.url("/fare"), "publisher": "예시신문", "quote": "지하철 요금을 인상"}])
    lines = on_korean_terminal(empty_claims, "sources", "check", "--allow-private", width=width)
    assert any(long_id in line for line in lines) and any("정상" in line for line in lines)
    assert_fits(lines, width)
