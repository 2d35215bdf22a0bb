"""Files that can be committed to a claims repository but must not hang, crash or leak: alias bombs,
links to devices and to files outside the repository, FIFOs, huge files, folders named like claims."""

import json
import os
import subprocess
import sys

import pytest
from conftest import write_claim

BOMB = "".join(
    [f"id: bomb-claim\nclaim: 폭탄\nstatus: unverified\nsources: []\nl0: &l0 [{', '.join(['x'] * 10)}]\n"]
    + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 9)]
)


def factcheck(claims, *args, timeout=60):
    """The real CLI in its own process: a hang fails the test after `timeout` seconds instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "--claims-dir", str(claims), *args],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, "COLUMNS": "200"},
    )


@pytest.fixture
def repo_with_one_good_claim(empty_claims):
    write_claim(empty_claims, "good-claim")
    return empty_claims


def test_an_alias_bomb_in_a_claim_file_is_refused_with_file_and_line(repo_with_one_good_claim):
    (repo_with_one_good_claim / "bomb-claim.yaml").write_text(BOMB, encoding="utf-8")
    result = factcheck(repo_with_one_good_claim, "validate")
    assert result.returncode == 2
    assert "bomb-claim.yaml:5: aliases expand this document beyond" in result.stdout
    search = factcheck(repo_with_one_good_claim, "search", "지하철")
    assert search.returncode == 0 and "good-claim" in search.stdout


def test_an_alias_bomb_in_aliases_yaml_costs_its_aliases_not_the_search(repo_with_one_good_claim):
    (repo_with_one_good_claim / "aliases.yaml").write_text(
        "- &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"- &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(7)), encoding="utf-8")
    result = factcheck(repo_with_one_good_claim, "search", "지하철")
    assert result.returncode == 0 and "good-claim" in result.stdout
    assert "aliases.yaml:1: aliases expand" in result.stderr


def test_anchors_within_the_budget_still_load(empty_claims, run):
    (empty_claims / "anchored-claim.yaml").write_text(
        "id: anchored-claim\nclaim: 앵커\nstatus: true\nsources:\n  - &s {url: 'https://x.example/a', publisher: p, quote: q}\n"
        "history:\n  - {date: 2025-01-01, status: true, note: n}\n", encoding="utf-8")
    assert run(empty_claims, "validate").exit_code == 0


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_claim_file_linked_to_a_device_is_refused_not_read(repo_with_one_good_claim, device):
    (repo_with_one_good_claim / "device-claim.yaml").symlink_to(device)
    for args in (("validate",), ("search", "지하철"), ("list",)):
        result = factcheck(repo_with_one_good_claim, *args)
        assert "device-claim.yaml: a symbolic link" in result.stdout + result.stderr


def test_a_fifo_named_like_a_claim_file_hangs_nothing(repo_with_one_good_claim):
    os.mkfifo(repo_with_one_good_claim / "fifo-claim.yaml")
    validate = factcheck(repo_with_one_good_claim, "validate")
    assert "fifo-claim.yaml: not a regular file" in validate.stdout
    search = factcheck(repo_with_one_good_claim, "search", "지하철")
    assert search.returncode == 0 and "good-claim" in search.stdout


def test_a_claim_file_over_the_size_limit_is_refused(repo_with_one_good_claim, run):
    path = write_claim(repo_with_one_good_claim, "big-claim")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("# " + "x" * 1_100_000 + "\n")
    result = run(repo_with_one_good_claim, "validate")
    assert result.exit_code == 2
    assert "big-claim.yaml: 1,100,2" in result.stdout and "at most 1,000,000" in result.stdout


def test_a_claim_file_linked_outside_the_repository_is_neither_served_nor_quoted(empty_claims, tmp_path, run):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = write_claim(outside, "secret-token-abc123", claim="지하철 비밀 문서")
    (empty_claims / "linked-claim.yaml").symlink_to(secret)
    show = run(empty_claims, "show", "linked-claim")
    assert show.exit_code == 2 and "symbolic link" in show.stderr
    search = run(empty_claims, "search", "지하철 비밀")
    assert "비밀" not in search.stdout
    assert search.stderr.count("linked-claim.yaml: a symbolic link") == 1
    assert "secret-token" not in search.stdout + search.stderr + show.stdout + show.stderr


def test_a_linked_folder_is_not_followed_and_is_reported_once(empty_claims, tmp_path, run):
    outside = tmp_path / "outside"
    write_claim(outside, "outside-claim", claim="지하철 바깥 주장")
    (empty_claims / "more").symlink_to(outside)
    write_claim(empty_claims, "good-claim")
    search = run(empty_claims, "search", "지하철")
    assert "outside-claim" not in search.stdout
    assert search.stderr.count("more: a symbolic link") == 1
    validate = run(empty_claims, "validate")
    assert validate.stdout.count("more: a symbolic link") == 1


def test_import_never_writes_through_a_linked_imported_folder(empty_claims, tmp_path, run):
    outside = tmp_path / "outside"
    outside.mkdir()
    (empty_claims / "imported").symlink_to(outside)
    source = tmp_path / "reviews.json"
    source.write_text(json.dumps({"@type": "ClaimReview", "claimReviewed": "주장", "url": "https://x.example/r",
                                  "reviewRating": {"alternateName": "False"}}), encoding="utf-8")
    result = run(empty_claims, "import", str(source))
    assert result.exit_code == 2 and "never writes through a link" in result.stderr
    assert list(outside.rglob("*")) == []


def test_a_folder_named_like_a_claim_file_is_searched_as_a_folder(empty_claims, run):
    write_claim(empty_claims / "2025.yaml", "inside-folder-claim")
    search = run(empty_claims, "search", "지하철")
    assert "inside-folder-claim" in search.stdout and search.stderr == ""
    assert run(empty_claims, "validate").exit_code == 0
