"""`verdict` and the rationale: a new verdict with the old rationale is warned about, the rationale can be
given or edited with it, and the same verdict again changes nothing."""


import pytest

from conftest import write_claim
from factcheck.store.repo import Repo

ID = "subway-fare"
OLD_RATIONALE = "서울시 발표와 일치한다."


@pytest.fixture
def draft(empty_claims):
    write_claim(empty_claims, ID, state="draft", rationale=OLD_RATIONALE,
                history=[{"date": "2025-01-02", "status": "true", "note": "added"}])
    return empty_claims


def stored(claims):
    return Repo(claims).load(ID)


def test_verdict_with_rationale_replaces_the_rationale(run, draft):
    result = run(draft, "verdict", ID, "false", "--note", "요금은 동결됐다", "--rationale", "요금은 동결됐다고 밝혔다.")
    assert result.exit_code == 0, result.output
    record = stored(draft)
    assert record["status"] == "false" and record["rationale"] == "요금은 동결됐다고 밝혔다."
    assert "warning" not in result.stderr


def test_a_new_verdict_with_the_old_rationale_is_warned_about(run, draft):
    result = run(draft, "verdict", ID, "false", "--note", "요금은 동결됐다")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "rationale was written for true" in result.stderr
    assert stored(draft)["rationale"] == OLD_RATIONALE


def test_the_same_verdict_again_says_unchanged_and_writes_nothing(run, draft):
    path = draft / f"{ID}.yaml"
    before = path.read_bytes()
    result = run(draft, "verdict", ID, "true")
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.stderr
    assert path.read_bytes() == before


def test_a_repeated_verdict_adds_no_second_history_entry(run, draft):
    args = ("verdict", ID, "false", "--note", "요금은 동결됐다")
    assert run(draft, *args).exit_code == 0
    second = run(draft, *args)
    assert second.exit_code == 0 and "unchanged" in second.stderr
    assert [entry["status"] for entry in stored(draft)["history"]] == ["true", "false"]


def test_the_same_verdict_with_a_new_note_is_recorded(run, draft):
    result = run(draft, "verdict", ID, "true", "--note", "2026년 요금표로 다시 확인")
    assert result.exit_code == 0 and "unchanged" not in result.stderr
    assert stored(draft)["history"][-1]["note"] == "2026년 요금표로 다시 확인"


def test_the_same_verdict_with_a_new_source_is_recorded(run, draft):
    result = run(draft, "verdict", ID, "true", "--source", "https://example.org/b", "--publisher", "예시일보",
                 "--quote", "요금 인상")
    assert result.exit_code == 0 and "unchanged" not in result.stderr
    record = stored(draft)
    assert len(record["sources"]) == 2 and len(record["history"]) == 2


def test_verdict_edit_opens_the_editor_on_the_rationale(run, draft, editor, monkeypatch):
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setenv("NEW_TEXT", "편집기에서 고친 근거")
    result = run(draft, "verdict", ID, "false", "--note", "요금은 동결됐다", "--edit")
    assert result.exit_code == 0, result.output
    assert stored(draft)["rationale"] == "편집기에서 고친 근거"


def test_on_a_terminal_a_new_verdict_offers_the_editor(on_terminal, draft, editor):
    ran = on_terminal(draft, "verdict", ID, "false", "--note", "요금은 동결됐다", answers="\n",
                      environ={"EDITOR": str(editor), "NEW_TEXT": "터미널에서 고친 근거"})
    assert ran.exit_code == 0, ran.stderr
    assert "edit it? [Y/n]" in ran.stderr
    assert stored(draft)["rationale"] == "터미널에서 고친 근거"
