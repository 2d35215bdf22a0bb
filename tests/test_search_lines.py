"""Search results as lines: a wrapped line stays under its own text, and a claim with no claimant or date
starts its second line with what it has, not with a separator (issue 13, smaller things)."""

import re

import pytest
from conftest import write_claim

ANSI = re.compile(r"\x1b\[[0-9;]*m")
RANK = re.compile(r"\d+\. ")


@pytest.mark.parametrize("columns", [60, 80])
def test_a_wrapped_result_line_keeps_its_indent(on_terminal, claims_dir, columns):
    lines = ANSI.sub("", on_terminal(claims_dir, "search", "예타 면제", columns=columns).stdout).splitlines()
    assert any(len(line) > 0 and "source:" in line for line in lines)
    for line in lines:
        assert line == "" or RANK.match(line) or line.startswith("   "), f"{line!r} starts at the left edge"


def imported_without_claimant(folder):
    write_claim(folder / "imported" / "afp" / "a", "afp-subway-fare-review", claim="지하철 요금 인상은 사실이 아니다",
                status="false")


def test_a_claim_with_no_claimant_does_not_start_a_line_with_a_dot(run, on_terminal, empty_claims):
    imported_without_claimant(empty_claims)
    piped = run(empty_claims, "search", "지하철 요금").stdout
    shown = ANSI.sub("", on_terminal(empty_claims, "search", "지하철 요금").stdout)
    for text in (piped, shown):
        assert "afp-subway-fare-review" in text
        assert not any(line.strip().startswith("·") for line in text.splitlines())
        assert any(line.startswith("   score ") for line in text.splitlines())
