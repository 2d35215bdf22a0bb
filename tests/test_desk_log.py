"""`factcheck log ID`: the claim's history interleaved with its file's git log, in a real git repository."""

from __future__ import annotations

import json

import pytest
from desk_helpers import RATIONALE, add_draft, desk_env, git, git_init  # noqa: F401

pytestmark = pytest.mark.usefixtures("desk_env")
CLAIM = "gimje-budget-2026"


@pytest.fixture
def repo(tmp_path, run):
    """A git repository whose claims/ holds one draft, committed, then submitted and rejected, each a commit."""
    claims = tmp_path / "claims"
    claims.mkdir()
    git_init(tmp_path, user="김기자")
    add_draft(run, claims, CLAIM)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "새 주장: 2026년 국가예산")
    run(claims, "rationale", CLAIM, RATIONALE)
    run(claims, "submit", CLAIM)  # by the git user
    git(tmp_path, "commit", "-qam", "검토 요청")
    run(claims, "reject", CLAIM, "--by", "박편집", "--note", "정부안인지 밝힐 것")
    git(tmp_path, "-c", "user.name=박편집", "commit", "-qam", "반려")
    return claims


def events(run, claims) -> list[dict]:
    result = run(claims, "log", CLAIM, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["events"]


def test_log_interleaves_each_history_entry_before_the_commit_that_recorded_it(run, repo):
    story = [(e["kind"], e.get("note")) for e in events(run, repo)]
    assert story == [
        ("history", "added"), ("commit", "새 주장: 2026년 국가예산"),
        ("history", "검토 요청 · submitted for review"), ("commit", "검토 요청"),
        ("history", "정부안인지 밝힐 것"), ("commit", "반려"),
    ]


def test_log_shows_who_made_each_commit_and_which_fields_it_changed(run, repo):
    commits = [e for e in events(run, repo) if e["kind"] == "commit"]
    assert [c["by"] for c in commits] == ["김기자", "김기자", "박편집"]
    assert commits[0]["changed"] == ["(added)"]
    assert commits[1]["changed"] == ["state", "checked_by", "rationale", "history"]  # in the schema's order
    assert commits[2]["changed"] == ["state", "history"]
    assert all(len(c["commit"]) == 40 and c["when"][:4].isdigit() for c in commits)


def test_the_submit_move_took_its_name_from_git(run, repo):
    submitted = [e for e in events(run, repo) if e.get("state") == "review"]
    assert submitted[0]["by"] == "김기자"


def test_history_that_no_commit_holds_yet_comes_last_marked_uncommitted(run, repo):
    run(repo, "submit", CLAIM, "--by", "김기자")
    last = events(run, repo)[-1]
    assert last["kind"] == "history" and last["committed"] is False
    assert "(not committed yet)" in run(repo, "log", CLAIM).stdout


def test_log_follows_the_file_through_a_rename(run, repo, tmp_path):
    (repo / "budget").mkdir()
    git(tmp_path, "mv", f"claims/{CLAIM}.yaml", f"claims/budget/{CLAIM}.yaml")
    git(tmp_path, "commit", "-qm", "예산 폴더로 옮김")
    commits = [e for e in events(run, repo) if e["kind"] == "commit"]
    assert [c["note"] for c in commits][0] == "새 주장: 2026년 국가예산" and len(commits) == 4
    assert commits[-1]["changed"] == []


def test_the_terminal_log_reads_in_order_with_names(run, repo):
    out = run(repo, "log", CLAIM).stdout
    assert out.index("added") < out.index("새 주장") < out.index("검토 요청") < out.index("정부안인지 밝힐 것")
    assert "박편집" in out and "changed: state, history" in out


def test_outside_git_the_log_is_the_history_alone_with_one_line_saying_why(run, claims_dir):
    result = run(claims_dir, "log", "gimje-physical-ai-yeta-exemption", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["git"] is False and {e["kind"] for e in out["events"]} == {"history"}
    assert all(e["committed"] for e in out["events"])
    (line,) = result.stderr.splitlines()
    assert line.startswith("warning: git history skipped (") and "own history only" in line


def test_a_file_never_committed_has_only_uncommitted_history(run, tmp_path):
    claims = tmp_path / "claims"
    claims.mkdir()
    git_init(tmp_path)
    add_draft(run, claims, CLAIM)
    story = events(run, claims)
    assert [(e["kind"], e["committed"]) for e in story] == [("history", False)]


def test_log_of_an_unknown_claim_is_a_one_line_error(run, repo):
    result = run(repo, "log", "no-such-claim")
    assert result.exit_code == 2 and "no claim with id" in result.stderr
