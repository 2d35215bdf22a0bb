"""Claim files written as people write them: an edit changes only the lines it must, in the file's own
style, and a new claim looks like the shipped ones (bare dates, one-line tags and history entries)."""

from __future__ import annotations

import difflib
import shutil

from conftest import REPO_CLAIMS
from factcheck.model import today
from factcheck.store.editing import new_claim, verdict_change
from factcheck.store.repo import Repo
from factcheck.store.yaml import load_claim_file

SEED = "gimje-physical-ai-yeta-exemption"


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def seed_repo(tmp_path) -> Repo:
    root = tmp_path / "claims"
    shutil.copytree(REPO_CLAIMS, root)
    return Repo(root)


def test_a_verdict_changes_only_its_lines_in_the_files_own_style(tmp_path):
    repo = seed_repo(tmp_path)
    path = repo.locate(SEED)
    before = path.read_text(encoding="utf-8")
    repo.update(SEED, verdict_change("false", "다시 판정", "https://example.org/x", "인용문", "예시신문"))
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        "-status: half-true",
        "+status: 'false'",  # bare, false would be a boolean
        "+  - url: https://example.org/x",
        "+    publisher: 예시신문",
        "+    quote: 인용문",
        "-reviewed: 2026-11-24",
        f"+  - {{date: {today()}, status: 'false', note: 다시 판정}}",
        f"+reviewed: {today()}",
    ]


def test_a_verdict_keeps_a_quoted_date_quoted_and_a_block_history_in_blocks(tmp_path):
    repo = seed_repo(tmp_path)
    path = repo.locate(SEED)
    text = path.read_text(encoding="utf-8").replace("reviewed: 2026-11-24", "reviewed: '2026-11-24'")
    history = [line for line in text.splitlines() if line.startswith("  - {date:")][0]
    text = text.replace(history, "  - date: 2026-11-24\n    status: half-true\n    note: 첫 판정")
    path.write_text(text, encoding="utf-8")
    repo.update(SEED, verdict_change("mostly-true", "다시 판정"))
    after = path.read_text(encoding="utf-8")
    assert f"reviewed: '{today()}'" in after
    assert f"  - date: {today()}\n    status: mostly-true\n    note: 다시 판정\n" in after


def test_an_edited_file_reads_back_as_the_same_claim_with_dates_as_text(tmp_path):
    repo = seed_repo(tmp_path)
    record = repo.update(SEED, verdict_change("false", "다시 판정"))
    loaded, problems = load_claim_file(repo.locate(SEED))
    assert problems == [] and loaded == record
    assert loaded["reviewed"] == today() and loaded["history"][-1]["date"] == today()


def test_a_new_claim_is_written_like_the_shipped_files(tmp_path):
    repo = Repo(tmp_path)
    record = new_claim(claim_text="새 주장", claimant="홍길동", claim_date="2025-10-03", tags=["예타", "국비 확보"],
                       claim_id="new-claim")
    path = repo.create(record)
    text = path.read_text(encoding="utf-8")
    assert "claim_date: 2025-10-03\n" in text and f"reviewed: {today()}\n" in text
    assert "tags: [예타, 국비 확보]\n" in text
    assert f"  - {{date: {today()}, status: unverified, note: added}}\n" in text
    assert load_claim_file(path) == (record, [])


def test_text_that_only_looks_like_a_year_stays_quoted(tmp_path):
    record = new_claim(claim_text="2025", claim_date="2025", claim_id="year-only")
    path = Repo(tmp_path).create(record)
    assert "claim: '2025'" in path.read_text(encoding="utf-8")
    assert load_claim_file(path) == (record, [])
