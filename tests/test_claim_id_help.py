"""Claim ids are long: the shell completes them, and a mistyped or partial one gets "did you mean …"."""

import os
import subprocess
import sys

import pytest

from conftest import write_claim
from factcheck.store.repo import similar_ids

IDS = ["gimje-national-budget-three-years-record", "gimje-national-budget-strategy-meeting-sejong",
       "gimje-physical-ai-yeta-exemption", "seoul-subway-fare"]


@pytest.fixture
def repo(empty_claims):
    for claim_id in IDS:
        write_claim(empty_claims, claim_id, claim=f"{claim_id} 에 관한 주장")
    return empty_claims


def complete(claims, *words: str) -> list[str]:
    """What bash completion offers after `factcheck WORDS…` (click's _FACTCHECK_COMPLETE protocol)."""
    line = ["factcheck", "--claims-dir", str(claims), *words]
    env = {**os.environ, "_FACTCHECK_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(line),
           "COMP_CWORD": str(len(line) - 1)}
    ran = subprocess.run([sys.executable, "-m", "factcheck"], env=env, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    return [item.split(",", 1)[1] for item in ran.stdout.splitlines()]


def test_the_shell_completes_a_claim_id_by_its_beginning(repo):
    assert complete(repo, "show", "gimje-n") == sorted(IDS[:2])


@pytest.mark.parametrize("command", [["verdict"], ["submit"], ["sources", "check"], ["log"]])
def test_every_command_taking_a_claim_id_completes_it(repo, command):
    assert complete(repo, *command, "seoul") == ["seoul-subway-fare"]


def test_completion_reads_claims_dir_given_after_the_command(repo):
    line = ["factcheck", "show", "--claims-dir", str(repo), "seoul"]
    env = {**os.environ, "_FACTCHECK_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(line), "COMP_CWORD": "4"}
    ran = subprocess.run([sys.executable, "-m", "factcheck"], env=env, capture_output=True, text=True, timeout=60)
    assert ran.stdout.splitlines() == ["plain,seoul-subway-fare"]


def test_a_partial_id_suggests_the_ids_holding_its_words():
    assert similar_ids("gimje-budget", IDS) == sorted(IDS[:2], key=len)


def test_a_misspelt_id_suggests_the_closest_id():
    assert similar_ids("gimje-physcal-ai-yeta-exemption", IDS) == ["gimje-physical-ai-yeta-exemption"]


def test_an_id_like_none_suggests_nothing():
    assert similar_ids("zzzz-qqqq", IDS) == []


@pytest.mark.parametrize("command", [["show"], ["verdict", "@", "false", "--note", "n"],
                                     ["assign", "@", "김기자"]])
def test_an_unknown_id_is_answered_with_did_you_mean(run, repo, command):
    args = [word if word != "@" else "gimje-budget" for word in command]
    if "@" not in command:
        args.append("gimje-budget")
    result = run(repo, *args)
    assert result.exit_code == 2, result.output
    assert "Did you mean one of" in result.stderr and IDS[0] in result.stderr
    assert result.stderr.count("\n") == 1
