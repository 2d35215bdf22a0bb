"""Shared by the desk tests: an environment where nobody is known at the keyboard, real git, and a draft."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

SOURCE = ("--source", "https://biz.asiatoday.co.kr/kn/view.php?key=20260107010003121",
          "--publisher", "아시아투데이", "--quote", "2023년부터 … 2026년까지 시 최초로 4년 연속")
RATIONALE = "아시아투데이(2026-01-07)는 시의 발표를 옮겨 4년 연속 1조 원을 넘었다고 보도했다."


@pytest.fixture
def desk_env(monkeypatch, tmp_path):
    """No $FACTCHECK_USER and no git configuration but a repository's own, so `current_user` is None
    unless a test says who it is; git never looks above tmp_path for a repository."""
    monkeypatch.delenv("FACTCHECK_USER", raising=False)
    empty = tmp_path / "gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_DIR"):
        monkeypatch.delenv(name, raising=False)


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True)
    return done.stdout


def git_init(folder: Path, user: str = "김기자") -> None:
    git(folder, "init", "-q")
    git(folder, "config", "user.name", user)
    git(folder, "config", "user.email", "desk@example.org")


def add_draft(run, claims: Path, claim_id: str = "gimje-budget-2026", *extra: str,
              claim: str = "김제시는 2026년 국가예산 1조 125억 원을 확보했다"):
    """`factcheck add` a claim with a source, as a draft; returns the click result."""
    result = run(claims, "add", "--claim", claim,
                 "--claim-en", "Gimje secured 1.0125 trillion won of national budget for 2026",
                 "--claimant", "김제시", "--date", "2026-01", "--status", "mostly-true", *SOURCE,
                 "--id", claim_id, "--yes", *extra)
    assert result.exit_code == 0, result.output
    return result


def published_claim(run, claims: Path, claim_id: str = "gimje-budget-2026") -> None:
    """A draft taken through review to published by two people."""
    add_draft(run, claims, claim_id)
    for args in (("rationale", claim_id, RATIONALE), ("submit", claim_id, "--by", "김기자"),
                 ("approve", claim_id, "--by", "박편집")):
        result = run(claims, *args)
        assert result.exit_code == 0, result.output
