"""The desk's work list: drafts and claims in review, oldest first, with what each still lacks."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from desk_helpers import add_draft, desk_env, git_init  # noqa: F401

from conftest import write_claim
from factcheck.store.desk import queue

pytestmark = pytest.mark.usefixtures("desk_env")


def draft(claim_id: str, added: str, **fields) -> dict:
    return {"id": claim_id, "claim": f"{claim_id} 주장", "status": "unverified", "sources": [], "state": "draft",
            "history": [{"date": added, "status": "unverified", "note": "added"}], **fields}


def test_the_queue_holds_drafts_and_claims_in_review_oldest_first():
    records = [
        draft("newer", "2026-11-20"), draft("older", "2026-10-01", state="review"),
        {**draft("done", "2026-01-01"), "state": "published"}, {**draft("legacy", "2025-01-01"), "state": None},
    ]
    items = queue(records, on=dt.date(2026, 11, 30))
    assert [(i.id, i.state, i.age_days) for i in items] == [("older", "review", 60), ("newer", "draft", 10)]


def test_a_claim_dated_only_by_month_is_aged_from_the_first_of_the_month_and_undated_ones_come_last():
    records = [draft("undated", ""), draft("by-month", "2026-11")]
    items = queue(records, on=dt.date(2026, 11, 30))
    assert [(i.id, i.age_days) for i in items] == [("by-month", 29), ("undated", None)]


@pytest.mark.parametrize("fields, lacking", [
    ({}, ["verdict", "source", "translation", "rationale"]),
    ({"status": "false", "claim_en": "x", "rationale": "y",
      "sources": [{"url": "https://e.org", "publisher": "p", "quote": "q", "check_status": "quote-missing"}]},
     ["quote"]),
    ({"status": "false", "claim_en": "x", "rationale": "y",
      "sources": [{"url": "https://e.org", "publisher": "p", "quote": "q", "check_status": "ok"}]}, []),
])
def test_the_queue_says_what_is_missing(fields, lacking):
    (item,) = queue([draft("one", "2026-11-01", **fields)])
    assert item.missing == lacking


def test_queue_json_lists_assignee_age_and_missing(run, claims_dir):
    add_draft(run, claims_dir)
    run(claims_dir, "assign", "gimje-budget-2026", "김기자")
    out = json.loads(run(claims_dir, "queue", "--json").stdout)
    (item,) = out["claims"]
    assert item["id"] == "gimje-budget-2026" and item["assignee"] == "김기자" and item["age_days"] == 0
    assert item["missing"] == ["rationale"] and item["claim"].startswith("김제시는 2026년")


def test_queue_prints_korean_claims_whole_words_in_a_narrow_terminal(run, claims_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    add_draft(run, claims_dir)
    out = run(claims_dir, "queue").stdout
    words = "김제시는 2026년 국가예산 1조 125억 원을 확보했다".split()
    cells = " ".join(line.split("│")[-2].strip() for line in out.splitlines() if line.count("│") >= 5)
    assert all(word in cells.split() for word in words), cells
    assert "1 claim(s) in the queue" in out


def test_queue_mine_uses_factcheck_user(run, claims_dir, monkeypatch):
    add_draft(run, claims_dir, "for-kim")
    add_draft(run, claims_dir, "for-lee", claim="김제시는 2025년 국가예산 1조 334억 원을 확보했다")
    run(claims_dir, "assign", "for-kim", "김기자")
    run(claims_dir, "assign", "for-lee", "이기자")
    monkeypatch.setenv("FACTCHECK_USER", "이기자")
    out = json.loads(run(claims_dir, "queue", "--mine", "--json").stdout)
    assert out["user"] == "이기자" and [c["id"] for c in out["claims"]] == ["for-lee"]


def test_queue_mine_falls_back_on_the_git_user_name(run, tmp_path):
    claims = tmp_path / "claims"
    claims.mkdir()
    git_init(tmp_path, user="김기자")
    write_claim(claims, "kims-draft", state="draft", assignee="김기자")
    write_claim(claims, "someone-elses", state="review", assignee="박기자")
    out = json.loads(run(claims, "queue", "--mine", "--json").stdout)
    assert out["user"] == "김기자" and [c["id"] for c in out["claims"]] == ["kims-draft"]


def test_queue_mine_without_a_known_user_is_a_one_line_error(run, claims_dir):
    result = run(claims_dir, "queue", "--mine")
    assert result.exit_code == 2 and "set FACTCHECK_USER" in result.stderr


def test_an_empty_queue_says_so(run, claims_dir):
    result = run(claims_dir, "queue")
    assert result.exit_code == 0 and "0 claim(s) in the queue" in result.stdout


def test_queue_never_crops_a_korean_word_where_it_just_fits(run, claims_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the claim's first line fills its column to the last cell
    claim = "김제시는 2023년부터 2026년까지 4년 연속 국가예산 1조 원 이상을 확보했다"
    write_claim(claims_dir, "four-years", claim=claim, state="draft")
    out = run(claims_dir, "queue").stdout
    assert "…" not in out and "이상을" in out
