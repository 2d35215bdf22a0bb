"""`factcheck list`: claims shown whole, ids never broken, one claim a line into a pipe, --sort, --limit, a
pager on a real terminal, tag filters that take part of a tag, and an empty list that says so (issue 13, item 6
and 7)."""

import json
import os
import pty
import re
import subprocess
import sys
from collections import Counter

import pytest
from rich.cells import cell_len
from conftest import read_terminal, write_claim

from factcheck.model import STATUS_CODES, VERDICT_BY_CODE

ANSI = re.compile(r"\x1b\[[0-9;]*m")  # NO_COLOR keeps bold and dim
LONG_ID = "seoul-metropolitan-subway-fare-rise-announced-by-the-city-council-in-march"  # 74 characters


def claims_of(run, claims_dir, *args) -> list[dict]:
    return json.loads(run(claims_dir, "list", *args, "--json").stdout)["claims"]


def test_on_a_terminal_list_ends_with_a_count_per_verdict(on_terminal, run, claims_dir):
    result = on_terminal(claims_dir, "list")
    assert result.exit_code == 0
    shown = ANSI.sub("", result.stdout)
    counts = Counter(c["status"] for c in claims_of(run, claims_dir))
    per_verdict = " · ".join(f" {VERDICT_BY_CODE[code].ko}  {counts[code]}" for code in STATUS_CODES if counts[code])
    assert shown.splitlines()[-1] == f"10 claim(s): {per_verdict}"


def test_into_a_pipe_list_prints_a_header_then_one_whole_claim_per_line_tab_separated(run, claims_dir):
    lines = run(claims_dir, "list").stdout.splitlines()
    records = claims_of(run, claims_dir)
    assert lines[0].split("\t") == ["id", "verdict", "state", "date", "claimant", "claim"]
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) == len(records) == 10
    assert [(r[0], r[1], r[5]) for r in rows] == [(c["id"], c["status"], c["claim"]) for c in records]


def test_a_tab_or_newline_in_a_claim_does_not_break_its_row(run, empty_claims):
    write_claim(empty_claims, "two-line-claim", claim="첫 줄\n둘째\t줄", claimant={"name": "김제시"})
    lines = run(empty_claims, "list").stdout.splitlines()
    assert lines[1].split("\t") == ["two-line-claim", "true", "published", "", "김제시", "첫 줄 둘째 줄"]


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_on_a_terminal_every_id_is_on_one_line(on_terminal, empty_claims, columns):
    write_claim(empty_claims, LONG_ID, claim="서울시 의회는 3월에 지하철 요금 인상을 발표했다 " * 3, claim_date="2025-03-21",
                claimant={"name": "서울특별시의회", "role": "시의회"})
    write_claim(empty_claims, "short-id", claim="23일부터 정성주 시장은 …")
    shown = on_terminal(empty_claims, "list", columns=columns).stdout
    assert any(LONG_ID in line for line in shown.splitlines())
    assert any("short-id" in line for line in shown.splitlines())


@pytest.mark.parametrize("columns", [80, 200])
def test_on_a_terminal_no_letter_of_a_claim_is_cut_or_replaced_by_an_ellipsis(on_terminal, run, claims_dir, columns):
    write_claim(claims_dir, "one-long-word", claim="뷁" * 150 + " 끝")  # a word wider than any cell folds, whole
    shown = ANSI.sub("", on_terminal(claims_dir, "list", columns=columns).stdout)
    claims = [c["claim"] for c in claims_of(run, claims_dir)]
    assert shown.count("…") == sum(claim.count("…") for claim in claims)  # only the claims' own
    assert shown.count("뷁") == 150
    lines = [re.sub("[│┃]", " ", line) for line in shown.splitlines()]
    for word in {word for claim in claims for word in claim.split()} - {"뷁" * 150}:
        assert any(word in line.split() for line in lines), f"{word!r} is cut"


def test_limit_shows_the_first_claims_and_says_how_many_matched(on_terminal, run, claims_dir):
    assert len(run(claims_dir, "list", "--limit", "3").stdout.splitlines()) == 4  # the header and 3 claims
    data = json.loads(run(claims_dir, "list", "--limit", "3", "--json").stdout)
    assert len(data["claims"]) == 3 and data["matched"] == 10
    assert on_terminal(claims_dir, "list", "-n", "3").stdout.splitlines()[-1].startswith("3 of 10 claim(s): ")


def test_sort_by_date_puts_the_newest_first_and_undated_claims_last(run, empty_claims):
    write_claim(empty_claims, "older-claim", claim_date="2024-05-01")
    write_claim(empty_claims, "undated-claim")
    write_claim(empty_claims, "newer-claim", claim_date="2025-11-30")
    assert [c["id"] for c in claims_of(run, empty_claims, "--sort", "date")] == ["newer-claim", "older-claim",
                                                                                 "undated-claim"]


def test_sort_by_verdict_follows_the_scale(run, claims_dir):
    statuses = [c["status"] for c in claims_of(run, claims_dir, "--sort", "verdict")]
    assert statuses == sorted(statuses, key=STATUS_CODES.index) and statuses[0] == "true"


def test_sort_by_claimant_orders_by_name_with_no_claimant_last(run, empty_claims):
    write_claim(empty_claims, "no-claimant")
    write_claim(empty_claims, "by-kim", claimant={"name": "김제시"})
    write_claim(empty_claims, "by-jeong", claimant={"name": "정성주"})
    assert [c["id"] for c in claims_of(run, empty_claims, "--sort", "claimant")] == ["by-kim", "by-jeong", "no-claimant"]


def test_an_unknown_sort_is_a_usage_error_that_names_the_orders_accepted(run, claims_dir):
    result = run(claims_dir, "list", "--sort", "popularity")
    assert result.exit_code == 2
    assert all(name in result.stderr for name in ("id", "date", "verdict", "claimant"))


def test_the_sorts_the_cli_offers_are_the_librarys():
    from factcheck.cli.claims import LIST_SORTS
    from factcheck.store.listing import SORTS

    assert LIST_SORTS == tuple(SORTS)


def test_a_long_list_drawn_in_pieces_keeps_its_columns_straight(on_terminal, empty_claims):
    from factcheck.terminal.listing import CHUNK

    for i in range(CHUNK + 5):
        write_claim(empty_claims, f"claim-{i:03d}" + "-x" * (i % 7), claim="지하철 요금 " * (1 + i % 9),
                    status=STATUS_CODES[i % len(STATUS_CODES)], claimant={"name": "김" * (1 + i % 5)})
    lines = ANSI.sub("", on_terminal(empty_claims, "list", columns=160).stdout).splitlines()
    rows = [line for line in lines if "│" in line]
    assert len([line for line in rows if "claim-" in line]) == CHUNK + 5
    positions = {tuple(cell_len(line[: m.start()]) for m in re.finditer("│", line)) for line in rows}
    assert len(positions) == 1


# --------------------------------------------------------------------------- tags and empty lists (item 7)


@pytest.mark.parametrize("tag", ["예타", "예타 면제", "예타면제", "면제"])
def test_a_tag_filter_takes_part_of_a_tag_with_spaces_aside(run, claims_dir, tag):
    ids = [c["id"] for c in claims_of(run, claims_dir, "--tag", tag)]
    assert "gimje-physical-ai-yeta-exemption" in ids
    assert all("예타 면제" in c["tags"] for c in claims_of(run, claims_dir, "--tag", tag))


def test_a_tag_filter_ignores_case_and_hyphens(run, claims_dir):
    assert claims_of(run, claims_dir, "--tag", "Physical-AI") == claims_of(run, claims_dir, "--tag", "physical AI")
    assert claims_of(run, claims_dir, "--tag", "Physical-AI")


def test_a_tag_no_claim_has_exits_1_and_names_the_tags_like_it(run, claims_dir):
    result = run(claims_dir, "list", "--tag", "예타먼제")
    assert result.exit_code == 1 and result.stdout == ""
    assert "no claim has a tag like “예타먼제”" in result.stderr and "예타 면제" in result.stderr


def test_filters_that_leave_nothing_say_so_on_stderr_and_exit_1(run, claims_dir):
    result = run(claims_dir, "list", "--status", "false", "--tag", "예타")
    assert result.exit_code == 1 and result.stdout == ""
    assert "no claim matches --status false --tag 예타" in result.stderr


def test_an_empty_repository_lists_nothing_and_says_so(run, empty_claims):
    result = run(empty_claims, "list")
    assert result.exit_code == 1 and "no claims in" in result.stderr


def test_search_takes_part_of_a_tag_as_list_does(run, claims_dir):
    found = json.loads(run(claims_dir, "search", "국무회의", "--tag", "예타", "--json").stdout)["results"]
    assert found and all("예타 면제" in r["tags"] for r in found)


# --------------------------------------------------------------------------- the pager


def run_on_a_pty(args: list[str], environ: dict, tmp_path) -> str:
    """Run factcheck with stdin and stdout on a real pseudo-terminal; returns what the terminal received."""
    leader, follower = pty.openpty()
    env = {**os.environ, **environ}
    process = subprocess.Popen([sys.executable, "-m", "factcheck", *args], stdin=follower, stdout=follower,
                               stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)
    os.close(follower)
    return read_terminal(leader, process)


PAGER_SCRIPT = "import sys; open(sys.argv[1], 'w', encoding='utf-8').write(sys.stdin.read())"


def test_on_a_real_terminal_a_list_goes_through_the_pager(claims_dir, tmp_path):
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"{PAGER_SCRIPT}\" {paged}"
    run_on_a_pty(["--claims-dir", str(claims_dir), "list"], {"PAGER": pager, "COLUMNS": "120"}, tmp_path)
    text = paged.read_text(encoding="utf-8")
    assert "gimje-physical-ai-yeta-exemption" in text and "10 claim(s):" in text


def test_no_pager_and_a_pipe_both_print_straight_to_stdout(claims_dir, tmp_path, run):
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"{PAGER_SCRIPT}\" {paged}"
    shown = run_on_a_pty(["--claims-dir", str(claims_dir), "list", "--no-pager"], {"PAGER": pager}, tmp_path)
    assert "10 claim(s):" in shown and not paged.exists()
    piped = subprocess.run([sys.executable, "-m", "factcheck", "--claims-dir", str(claims_dir), "list"],
                           capture_output=True, text=True, env={**os.environ, "PAGER": pager})
    assert piped.stdout.startswith("id\tverdict") and not paged.exists()
