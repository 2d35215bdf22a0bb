"""A claim already stored word for word is refused, whatever --yes says; a near-duplicate is only warned of."""

from __future__ import annotations

import pytest

from factcheck.errors import DataError
from factcheck.search.similar import near_duplicates
from factcheck.store.editing import new_claim
from factcheck.store.repo import Repo
from factcheck.store.yaml import load_claim_file

BUDGET = "gimje-national-budget-three-years-record"


def stored_claim(claims_dir) -> str:
    return load_claim_file(Repo(claims_dir).locate(BUDGET))[0]["claim"]


def test_a_claim_with_a_stored_claims_very_text_is_refused(claims_dir):
    record = new_claim(claim_text=stored_claim(claims_dir), claim_id="budget-again")
    with pytest.raises(DataError, match=f"already stored as '{BUDGET}'"):
        near_duplicates(Repo(claims_dir), record)


def test_spacing_punctuation_and_case_do_not_make_a_copy_new(claims_dir):
    text = stored_claim(claims_dir)
    respelled = "  " + text.replace(" ", "  ").upper() + "!!"
    with pytest.raises(DataError, match="already stored"):
        near_duplicates(Repo(claims_dir), new_claim(claim_text=respelled, claim_id="budget-again"))


def test_a_near_duplicate_is_listed_not_refused(claims_dir):
    record = new_claim(claim_text="역대 최초로 3년 연속 국가예산 확보 기록을 쓴 정성주 김제시장", claim_id="dup-budget-record")
    assert BUDGET in [r["id"] for _similarity, r in near_duplicates(Repo(claims_dir), record)]


def test_cli_add_yes_refuses_an_identical_claim_in_one_line_and_writes_nothing(run, claims_dir):
    before = sorted(p.name for p in claims_dir.iterdir())
    result = run(claims_dir, "add", "--claim", stored_claim(claims_dir), "--id", "budget-again", "--yes")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f"already stored as '{BUDGET}'" in result.stderr
    assert sorted(p.name for p in claims_dir.iterdir()) == before
