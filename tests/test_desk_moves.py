"""Editorial state: add makes drafts, assign/submit/approve/reject move them, the review rule, refusals."""

from __future__ import annotations

import json
import re

import pytest
from desk_helpers import RATIONALE, add_draft, desk_env  # noqa: F401  (desk_env is a fixture)

from conftest import REPO_CLAIMS
from factcheck.model import validate_claim
from factcheck.store.repo import Repo
from factcheck.store.yaml import load_claim_file

pytestmark = pytest.mark.usefixtures("desk_env")


def load(claims, claim_id="gimje-budget-2026") -> dict:
    return Repo(claims).load(claim_id)


def ready_for_review(run, claims, claim_id="gimje-budget-2026"):
    add_draft(run, claims, claim_id)
    assert run(claims, "rationale", claim_id, RATIONALE).exit_code == 0
    assert run(claims, "submit", claim_id, "--by", "김기자").exit_code == 0


def settings(claims, text: str) -> None:
    path = claims / "factcheck.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# --------------------------------------------------------------------------- the schema


def test_a_claim_without_a_state_is_read_as_published():
    from factcheck.model import state_of

    assert state_of({"id": "x"}) == "published"
    assert state_of({"state": "draft"}) == "draft"


@pytest.mark.parametrize("field, value", [
    ("state", "archived"), ("assignee", ""), ("checked_by", 3), ("approved_by", {"name": "박편집"}),
    ("approved_by", {"name": "박편집", "date": "어제"}), ("corrections", [{"date": "2026-01-02", "note": "x"}]),
    ("corrections", [{"date": "2026-01-02", "note": "x", "previous_status": "true", "changed": ["claim"]}]),
])
def test_desk_fields_are_validated_by_the_schema(field, value):
    record = {"id": "abc", "claim": "주장", "status": "unverified", "sources": [], field: value}
    assert validate_claim(record), (field, value)


def test_a_history_entry_may_say_who_and_in_what_state():
    record = {"id": "abc", "claim": "주장", "status": "unverified", "sources": [],
              "history": [{"date": "2026-01-02", "status": "unverified", "state": "review", "by": "김기자"}]}
    assert validate_claim(record) == []


def test_the_seed_claims_are_published_and_name_no_checker_nobody_is_on_record_for():
    for path in Repo(REPO_CLAIMS).claim_files():
        record, problems = load_claim_file(path)
        assert problems == [] and record["state"] == "published", path
        assert "checked_by" not in record and "approved_by" not in record, path


# --------------------------------------------------------------------------- add and assign


def test_add_writes_a_draft_with_its_state_in_history(run, claims_dir):
    result = add_draft(run, claims_dir)
    assert "as a draft" in result.stderr
    record = load(claims_dir)
    assert record["state"] == "draft"
    assert record["history"][0]["state"] == "draft"
    text = (claims_dir / "gimje-budget-2026.yaml").read_text(encoding="utf-8")
    assert text.index("status:") < text.index("state: draft") < text.index("sources:")


def test_assign_names_the_assignee_and_records_who_assigned_it(run, claims_dir):
    add_draft(run, claims_dir)
    result = run(claims_dir, "assign", "gimje-budget-2026", "Kim  Ji-su", "--by", "박편집", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["assignee"] == "Kim Ji-su"
    last = load(claims_dir)["history"][-1]
    assert last["by"] == "박편집" and "Kim Ji-su" in last["note"] and last["state"] == "draft"


def test_assign_without_a_known_user_records_no_name(run, claims_dir):
    add_draft(run, claims_dir)
    assert run(claims_dir, "assign", "gimje-budget-2026", "김기자").exit_code == 0
    assert "by" not in load(claims_dir)["history"][-1]


# --------------------------------------------------------------------------- submit, approve, reject


def test_submit_moves_a_draft_to_review_and_records_the_checker(run, claims_dir):
    add_draft(run, claims_dir)
    result = run(claims_dir, "submit", "gimje-budget-2026", "--by", "김기자", "--note", "출처 확인")
    assert result.exit_code == 0, result.output
    record = load(claims_dir)
    assert (record["state"], record["checked_by"]) == ("review", "김기자")
    assert record["history"][-1] == {"date": record["history"][-1]["date"], "status": "mostly-true",
                                     "state": "review", "by": "김기자", "note": "출처 확인"}


def test_submit_takes_the_name_from_factcheck_user(run, claims_dir, monkeypatch):
    add_draft(run, claims_dir)
    monkeypatch.setenv("FACTCHECK_USER", "이수진")
    assert run(claims_dir, "submit", "gimje-budget-2026").exit_code == 0
    assert load(claims_dir)["checked_by"] == "이수진"


def test_submit_without_anyone_to_name_is_refused_in_one_line(run, claims_dir):
    add_draft(run, claims_dir)
    result = run(claims_dir, "submit", "gimje-budget-2026")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "--by NAME" in result.stderr
    assert load(claims_dir)["state"] == "draft"


def test_approve_publishes_and_records_the_approver_with_the_date(run, claims_dir):
    ready_for_review(run, claims_dir)
    result = run(claims_dir, "approve", "gimje-budget-2026", "--by", "박편집", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["state"] == "published" and out["approved_by"]["name"] == "박편집"
    record = load(claims_dir)
    assert record["approved_by"]["date"] == record["reviewed"] == record["history"][-1]["date"]
    assert record["history"][-1]["by"] == "박편집"


def test_reject_sends_a_claim_back_to_draft_with_the_note_in_history(run, claims_dir):
    ready_for_review(run, claims_dir)
    result = run(claims_dir, "reject", "gimje-budget-2026", "--by", "박편집", "--note", "1조 원 기준을 밝힐 것")
    assert result.exit_code == 0, result.output
    record = load(claims_dir)
    assert record["state"] == "draft"
    assert record["history"][-1]["note"] == "1조 원 기준을 밝힐 것" and record["history"][-1]["by"] == "박편집"


@pytest.mark.parametrize("args, message", [
    (("approve", "gimje-budget-2026", "--by", "박편집"), "is a draft: submit it for review first"),
    (("reject", "gimje-budget-2026", "--by", "박편집", "--note", "x"), "not in review"),
])
def test_moves_that_cannot_start_from_a_draft_are_refused(run, claims_dir, args, message):
    add_draft(run, claims_dir)
    before = (claims_dir / "gimje-budget-2026.yaml").read_bytes()
    result = run(claims_dir, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert (claims_dir / "gimje-budget-2026.yaml").read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (("submit", "gimje-physical-ai-yeta-exemption", "--by", "김기자"), "is published; change it with --correction"),
    (("approve", "gimje-physical-ai-yeta-exemption", "--by", "박편집"), "is already published"),
    (("reject", "gimje-physical-ai-yeta-exemption", "--by", "박편집", "--note", "x"), "correct it with --correction"),
])
def test_moves_on_a_published_claim_are_refused(run, claims_dir, args, message):
    result = run(claims_dir, *args)
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("args, message", [
    (("submit", "gimje-budget-2026", "--by", "김기자"), "already in review"),
    (("reject", "gimje-budget-2026", "--by", "박편집"), "--note"),  # rejecting says what must change
])
def test_refusals_for_a_claim_in_review(run, claims_dir, args, message):
    ready_for_review(run, claims_dir)
    result = run(claims_dir, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert load(claims_dir)["state"] == "review"


def test_approval_needs_a_rationale(run, claims_dir):
    add_draft(run, claims_dir)
    run(claims_dir, "submit", "gimje-budget-2026", "--by", "김기자")
    result = run(claims_dir, "approve", "gimje-budget-2026", "--by", "박편집")
    assert result.exit_code == 2 and "has no rationale" in result.stderr
    assert load(claims_dir)["state"] == "review"


def test_a_moved_claim_stays_valid_and_keeps_its_comments(run, claims_dir):
    add_draft(run, claims_dir)
    path = claims_dir / "gimje-budget-2026.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 데스크 메모: 정부안 기준\n", encoding="utf-8")
    run(claims_dir, "rationale", "gimje-budget-2026", RATIONALE)
    run(claims_dir, "submit", "gimje-budget-2026", "--by", "김기자")
    assert "# 데스크 메모: 정부안 기준" in path.read_text(encoding="utf-8")
    assert load_claim_file(path)[1] == []


# --------------------------------------------------------------------------- the review rule


def test_without_require_review_the_checker_may_approve_their_own_claim(run, claims_dir):
    ready_for_review(run, claims_dir)
    assert run(claims_dir, "approve", "gimje-budget-2026", "--by", "김기자").exit_code == 0


def test_require_review_refuses_approval_by_the_checker_however_the_name_is_written(run, claims_dir):
    settings(claims_dir, "require_review: true\n")
    add_draft(run, claims_dir, "review-rule-claim")
    run(claims_dir, "rationale", "review-rule-claim", RATIONALE)
    run(claims_dir, "submit", "review-rule-claim", "--by", "Kim Ji-su")
    result = run(claims_dir, "approve", "review-rule-claim", "--by", "kim  JI-SU")
    assert result.exit_code == 2 and "another person must approve it" in result.stderr
    assert run(claims_dir, "approve", "review-rule-claim", "--by", "박편집").exit_code == 0


def test_require_review_refuses_a_claim_in_review_that_names_no_checker(run, claims_dir):
    settings(claims_dir, "require_review: true\n")
    ready_for_review(run, claims_dir)
    path = claims_dir / "gimje-budget-2026.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("checked_by: 김기자\n", ""), encoding="utf-8")
    result = run(claims_dir, "approve", "gimje-budget-2026", "--by", "박편집")
    assert result.exit_code == 2 and "has no checked_by" in result.stderr


def test_reviewers_list_who_may_approve_or_reject(run, claims_dir):
    settings(claims_dir, "reviewers: [박편집, 이데스크]\n")
    ready_for_review(run, claims_dir)
    for move in (("approve",), ("reject", "--note", "x")):
        result = run(claims_dir, move[0], "gimje-budget-2026", "--by", "최인턴", *move[1:])
        assert result.exit_code == 2 and "최인턴 is not a reviewer" in result.stderr
    assert run(claims_dir, "approve", "gimje-budget-2026", "--by", "이데스크").exit_code == 0


@pytest.mark.parametrize("text, message", [
    ("require_review: yes please\n", "require_review must be true or false"),
    ("reviewers: 박편집\n", "reviewers must be a list of names"),
])
def test_bad_review_settings_are_reported_in_one_line(run, claims_dir, text, message):
    settings(claims_dir, text)
    ready_for_review(run, claims_dir)
    result = run(claims_dir, "approve", "gimje-budget-2026", "--by", "박편집")
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


def test_a_name_with_control_characters_is_refused(run, claims_dir):
    add_draft(run, claims_dir)
    result = run(claims_dir, "submit", "gimje-budget-2026", "--by", "김기자\x1b[31m")
    assert result.exit_code == 2 and "control characters" in result.stderr


def test_an_unknown_claim_is_a_one_line_error(run, claims_dir):
    result = run(claims_dir, "submit", "no-such-claim", "--by", "김기자")
    assert result.exit_code == 2 and "no claim with id 'no-such-claim'" in result.stderr


def test_moves_write_history_in_the_files_own_style_one_line_dates_bare(run, claims_dir):
    path = claims_dir / "gimje-physical-ai-budget-scale.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("state: published", "state: draft"), encoding="utf-8")
    run(claims_dir, "submit", "gimje-physical-ai-budget-scale", "--by", "김기자")
    run(claims_dir, "approve", "gimje-physical-ai-budget-scale", "--by", "박편집")
    lines = path.read_text(encoding="utf-8").splitlines()
    history = lines[lines.index("history:") + 1:]
    assert history[1].startswith("  - {date: 20") and "state: review, by: 김기자" in history[1]
    assert history[2].startswith("  - {date: 20") and "by: 박편집" in history[2]
    assert not [line for line in lines if re.search(r"date: '\d{4}-", line)]  # dates bare, as the file writes them
