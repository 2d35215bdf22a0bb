"""The bundled claims are read, never written, and a writing command names the repository it wrote to.

Run from a folder with no claims/ above it, factcheck falls back on the claims it ships with: a fine place
to search, but a claim written there is outside any git repository and lost on the next install.
"""

from pathlib import Path

import pytest

from conftest import write_claim
from factcheck.store.repo import Repo, bundled_claims_dir

WRITING = {
    "add": ["add", "--claim", "새로 들어온 주장은 여기에 쓰이면 안 된다", "--status", "unverified", "--yes"],
    "verdict": ["verdict", "gimje-physical-ai-yeta-exemption", "false", "--note", "다시 확인"],
    "assign": ["assign", "gimje-physical-ai-yeta-exemption", "김기자", "--by", "박편집"],
    "rationale": ["rationale", "gimje-physical-ai-yeta-exemption", "새 근거"],
    "sources check --update": ["sources", "check", "--update"],
    "sources archive": ["sources", "archive"],
}


def snapshot(folder: Path) -> dict:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def nowhere(tmp_path, monkeypatch) -> Path:
    """The working directory: a folder with no claims/ in it or above it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("command", WRITING.values(), ids=WRITING.keys())
def test_a_writing_command_refuses_the_bundled_claims_and_says_how_to_start_a_repository(run, nowhere, command):
    before = snapshot(bundled_claims_dir())
    result = run(None, *command)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert "factcheck init" in result.stderr and "bundled" in result.stderr
    assert snapshot(bundled_claims_dir()) == before


def test_import_refuses_the_bundled_claims(run, nowhere):
    reviews = nowhere / "reviews.csv"
    reviews.write_text("claim,rating,url\n수입된 주장은 번들에 쓰이지 않는다,거짓,https://example.org/r/1\n", encoding="utf-8")
    before = snapshot(bundled_claims_dir())
    result = run(None, "import", str(reviews), "--publisher", "예시팩트체크")
    assert result.exit_code == 2 and "factcheck init" in result.stderr
    assert snapshot(bundled_claims_dir()) == before


def test_interactive_add_refuses_before_asking_anything(on_terminal, nowhere):
    ran = on_terminal(None, "add", answers="이 답은 버려진다\n")
    assert ran.exit_code == 2 and "factcheck init" in ran.stderr
    assert "Claim (as said)" not in ran.stderr


def test_searching_falls_back_on_the_bundled_claims(run, nowhere):
    result = run(None, "search", "예타", "--json")
    assert result.exit_code == 0 and "gimje-physical-ai-yeta-exemption" in result.stdout


def test_the_bundled_claims_reached_as_the_fallback_are_read_only(nowhere):
    assert Repo.find(cwd=nowhere).read_only
    assert not Repo.find(explicit=nowhere).read_only


def test_a_repository_started_by_init_is_written_to_from_inside_it(run, nowhere):
    assert run(None, "init", ".").exit_code == 0
    result = run(None, "add", "--claim", "군산시는 새만금 신항을 2030년에 개항한다", "--status", "unverified", "--yes")
    assert result.exit_code == 0, result.output
    assert len(list((nowhere / "claims").glob("*.yaml"))) == 2  # the claim, and the settings


@pytest.mark.parametrize("command", [
    ["verdict", "subway-fare", "false", "--correction", "요금은 동결됐다"],
    ["assign", "subway-fare", "김기자", "--by", "박편집"],
    ["add", "--claim", "군산시는 새만금 신항을 2030년에 개항한다", "--status", "unverified", "--yes"],
], ids=["verdict", "assign", "add"])
def test_a_writing_command_says_which_repository_it_wrote_to(run, empty_claims, command):
    write_claim(empty_claims, "subway-fare")
    result = run(empty_claims, *command)
    assert result.exit_code == 0, result.output
    assert f"in the claims repository {empty_claims.resolve()}" in result.stderr


@pytest.mark.parametrize("command, fields", [
    (["rationale", "subway-fare", "요금은 올랐다", "--correction", "근거 보강"], {}),
    (["submit", "subway-fare", "--by", "김기자"], {"state": "draft"}),
    (["import", "{reviews}"], {}),
], ids=["rationale", "submit", "import"])
def test_the_other_writing_commands_say_which_repository_they_wrote_to(run, empty_claims, tmp_path, command, fields):
    write_claim(empty_claims, "subway-fare", **fields)
    reviews = tmp_path / "reviews.csv"
    reviews.write_text("claim,verdict,url,publisher\n군산시는 새만금 신항을 2030년에 개항한다,false,"
                       "https://example.org/r,예시신문\n", encoding="utf-8")
    result = run(empty_claims, *(part.format(reviews=reviews) for part in command))
    assert result.exit_code == 0, result.output
    assert f"in the claims repository {empty_claims.resolve()}" in result.stderr


def test_a_reading_command_says_nothing_of_writes(run, empty_claims):
    write_claim(empty_claims, "subway-fare")
    result = run(empty_claims, "show", "subway-fare")
    assert result.exit_code == 0 and "claims repository" not in result.stderr
