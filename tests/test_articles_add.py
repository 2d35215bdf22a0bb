"""Candidates become claims through the `add` path: in batch with --add, or one by one on a terminal."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SHARED

from factcheck.store.repo import Repo
from factcheck.store.yaml import load_claim_file

FIXTURES = Path(__file__).parent / "data" / "articles"
SUWON = FIXTURES / "suwon-2026-budget.html"
SEED = SHARED / "seed" / "000_78ba2e18149e923e.txt"


def new_claims(claims_dir: Path, before: set[Path]) -> list[dict]:
    return [load_claim_file(p)[0] for p in sorted(set(Repo(claims_dir).claim_files()) - before)]


def test_add_in_batch_stores_each_candidate_from_the_min_score_as_unverified_with_the_article(run, claims_dir):
    before = set(Repo(claims_dir).claim_files())
    result = run(claims_dir, "extract", str(SUWON), "--add", "--min-score", "80", "--json")
    assert result.exit_code == 0, result.output
    added = [a for a in json.loads(result.stdout)["added"] if a["id"]]
    records = new_claims(claims_dir, before)
    assert len(records) == len(added) >= 3
    for record in records:
        assert record["status"] == "unverified"
        assert record["appearance"] == {
            "publisher": "경기한빛일보",
            "title": "수원시, 2026년 본예산 3조 4815억 원 편성…역대 최대 규모",
            "url": "https://www.hanbit-gg.example/news/articleView.html?idxno=88412",
            "date": "2025-11-14",
        }
        assert record["history"][0]["status"] == "unverified"
    assert run(claims_dir, "validate").exit_code == 0


def test_the_claimant_of_an_added_claim_is_the_resolved_one(run, claims_dir):
    before = set(Repo(claims_dir).claim_files())
    run(claims_dir, "extract", str(SUWON), "--add", "--min-score", "80")
    only = next(r for r in new_claims(claims_dir, before) if "유일하다" in r["claim"])
    assert only["claimant"] == {"name": "한정우", "role": "수원시장", "type": "Person"}


def test_adding_the_same_article_again_adds_nothing(run, claims_dir):
    run(claims_dir, "extract", str(SUWON), "--add", "--min-score", "60")
    before = set(Repo(claims_dir).claim_files())
    result = run(claims_dir, "extract", str(SUWON), "--add", "--min-score", "60", "--json")
    assert set(Repo(claims_dir).claim_files()) == before
    reasons = [a["reason"] for a in json.loads(result.stdout)["added"]]
    assert reasons and all(r.startswith("already stored as ") for r in reasons)


def test_a_candidate_that_repeats_a_seed_claim_is_never_added(run, claims_dir):
    before = set(Repo(claims_dir).claim_files())
    run(claims_dir, "extract", str(SEED), "--date", "2025-09-24", "--add", "--min-score", "60")
    assert not any("국무회의" in r["claim"] for r in new_claims(claims_dir, before))


# --------------------------------------------------------------------------- on a terminal

pty_only = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


class Screen:
    """What a pseudo-terminal shows, read up to each expected text and no further."""

    def __init__(self, fd: int):
        self.fd, self.pending = fd, b""

    def until(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"never saw {text!r}; got {self.pending.decode(errors='replace')!r}")
            if select.select([self.fd], [], [], remaining)[0]:
                self.pending += os.read(self.fd, 4096)
        shown, _, self.pending = self.pending.partition(text.encode())
        return shown.decode(errors="replace")


@pty_only
def test_on_a_terminal_the_user_accepts_edits_skips_and_quits(claims_dir):
    main, child = os.openpty()
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "--claims-dir", str(claims_dir), "extract", str(SUWON)],
        stdin=child, stdout=child, stderr=child, env=env, close_fds=True,
    )
    os.close(child)
    before = set(Repo(claims_dir).claim_files())
    screen, hint = Screen(main), "[a]ccept, [e]dit, [s]kip, [q]uit"
    screen.until(hint)
    os.write(main, b"a\r")  # the first candidate, as it is
    screen.until("added ")
    screen.until(hint)
    os.write(main, b"e\r")  # the second, edited
    screen.until("claim")
    os.write(main, "수원시 특별회계는 5695억 원이다".encode() + b"\r")
    screen.until("added ")
    screen.until(hint)
    os.write(main, b"s\r")
    screen.until(hint)
    os.write(main, b"q\r")
    assert proc.wait(timeout=60) == 0
    os.close(main)
    claims = sorted(r["claim"] for r in new_claims(claims_dir, before))
    assert len(claims) == 2 and "수원시 특별회계는 5695억 원이다" in claims


def test_a_candidate_edited_into_a_stored_claims_very_words_is_refused_not_added(claims_dir):
    from factcheck.articles.adding import add_candidate
    from factcheck.articles.extract import extract
    from factcheck.articles.text import from_bytes

    repo = Repo(claims_dir)
    extraction = extract(from_bytes(SUWON.read_bytes()), repo)
    stored = repo.load("gimje-national-budget-three-years-record")["claim"]
    before = set(repo.claim_files())
    result = add_candidate(repo, extraction.candidates[0], extraction.article, text=stored)
    assert result.id is None and "gimje-national-budget-three-years-record" in result.reason
    assert set(repo.claim_files()) == before


def test_the_step_through_runs_in_an_environment_of_its_own(on_terminal, claims_dir):
    before = set(Repo(claims_dir).claim_files())
    ran = on_terminal(claims_dir, "extract", str(SUWON), answers="s\na\nq\n")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stderr.count("[a]ccept, [e]dit, [s]kip, [q]uit") == 3 and "added claim-" in ran.stderr
    shown = re.sub(r"\x1b\[[0-9;]*m", "", ran.stdout)
    assert re.findall(r"^(\d+)\. \[", shown, re.MULTILINE) == ["1", "2", "3"]
    assert len(set(Repo(claims_dir).claim_files()) - before) == 1


def test_when_the_answers_run_out_the_step_through_stops(on_terminal, claims_dir):
    ran = on_terminal(claims_dir, "extract", str(SUWON), answers="")
    assert ran.exit_code == 0 and ran.stderr.count("[a]ccept") == 1


def test_list_on_a_terminal_lists_without_asking(on_terminal, claims_dir):
    ran = on_terminal(claims_dir, "extract", str(SUWON), "--list", "-n", "2")
    assert ran.exit_code == 0 and "[a]ccept" not in ran.stderr
    assert re.findall(r"^(\d+)\. \[", re.sub(r"\x1b\[[0-9;]*m", "", ran.stdout), re.MULTILINE) == ["1", "2"]


def test_a_claim_added_from_an_article_is_a_draft_like_any_added_claim(run, claims_dir):
    before = set(Repo(claims_dir).claim_files())
    assert run(claims_dir, "extract", str(SUWON), "--add", "--min-score", "80").exit_code == 0
    records = new_claims(claims_dir, before)
    assert records and {record["state"] for record in records} == {"draft"}
    assert {record["history"][0]["state"] for record in records} == {"draft"}
