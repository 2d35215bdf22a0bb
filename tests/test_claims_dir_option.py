"""--claims-dir names the repository wherever it is put on the command line, and a repository's root
stands for its claims/ folder."""

import click
import pytest

from conftest import write_claim
from factcheck.store.init import init_repository


def leaf_commands(group: click.Group, ctx=None):
    from factcheck.cli.app import load_commands

    load_commands()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from ((f"{name} {sub}", c) for sub, c in leaf_commands(command))
        else:
            yield name, command


def test_claims_dir_after_the_command_name_names_the_repository(run, empty_claims):
    write_claim(empty_claims, "subway-fare")
    result = run(None, "search", "지하철", "--claims-dir", str(empty_claims), "--json")
    assert result.exit_code == 0, result.output
    assert '"subway-fare"' in result.stdout


def test_claims_dir_after_the_command_wins_over_the_one_before(run, empty_claims, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    write_claim(empty_claims, "subway-fare")
    result = run(other, "show", "subway-fare", "--claims-dir", str(empty_claims))
    assert result.exit_code == 0, result.output


def test_every_command_that_reads_a_repository_takes_claims_dir_after_its_name():
    from factcheck.cli.app import cli

    lacking = [name for name, command in leaf_commands(cli)
               if name != "init" and not any("--claims-dir" in p.opts for p in command.params)]
    assert lacking == []


def test_sources_check_takes_claims_dir_after_its_name(run, empty_claims):
    write_claim(empty_claims, "no-sources", status="unverified", sources=[])
    result = run(None, "sources", "check", "--claims-dir", str(empty_claims))
    assert result.exit_code == 0 and "no sources to check" in result.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_repository_root_given_as_claims_dir_reads_its_claims_folder_without_warnings(run, tmp_path, where):
    root = tmp_path / "newsroom"
    init_repository(root, "예시 팩트체크")
    write_claim(root / "claims", "subway-fare")
    args = ["search", "지하철", "--json"]
    result = run(root, *args) if where == "before" else run(None, *args, "--claims-dir", str(root))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert '"subway-fare"' in result.stdout


def test_validate_given_a_repository_root_checks_only_its_claims(run, tmp_path):
    root = tmp_path / "newsroom"
    init_repository(root, "예시 팩트체크")
    write_claim(root / "claims", "subway-fare")
    result = run(root, "validate")
    assert result.exit_code == 0, result.output
    assert "1 claim file(s) valid" in result.stderr
