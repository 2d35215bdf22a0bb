"""The output layer: outcomes printed in one place, an injected Environment, named exit statuses, and one
list for each set of names (formats, check statuses, --map fields)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import REPO_CLAIMS

from factcheck.exchange.importing.items import MAP_FIELDS
from factcheck.model import CHECK_STATUSES
from factcheck.publish.formats import CLAIM_FORMATS, EXPORT_FORMATS, FORMATS
from factcheck.terminal.environment import Environment
from factcheck.terminal.status import ExitStatus

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "factcheck"


def test_exit_statuses_are_the_documented_codes():
    assert {s.name: int(s) for s in ExitStatus} == {"OK": 0, "NO_MATCH": 1, "USER_ERROR": 2, "INTERRUPTED": 130}
    assert ExitStatus.PROBLEMS_FOUND == 1


def test_each_claim_format_writes_one_claim_and_each_export_format_many():
    assert {name for name, f in FORMATS.items() if f.one} == set(CLAIM_FORMATS)
    assert {name for name, f in FORMATS.items() if f.many} == set(EXPORT_FORMATS)


def test_every_check_status_has_a_colour():
    from factcheck.terminal.render import SOURCE_STYLES

    assert set(SOURCE_STYLES) == set(CHECK_STATUSES)


def test_the_map_help_names_every_field_a_map_accepts(run):
    help_text = " ".join(run(None, "import", "file", "--help").stdout.split())
    assert all(f" {field}," in help_text or f" {field};" in help_text for field in MAP_FIELDS)


def test_an_environment_defaults_to_this_processs_streams_and_variables():
    env = Environment()
    assert (env.stdin, env.stdout, env.stderr) == (sys.stdin, sys.stdout, sys.stderr)
    assert env.environ.get("COLUMNS") == "120"  # set for every test by conftest


def test_an_environment_takes_its_width_from_columns_and_colour_from_no_color():
    assert Environment(environ={"COLUMNS": "42"}).width == 42
    assert Environment(environ={"NO_COLOR": "1"}).no_color
    assert not Environment(environ={"NO_COLOR": ""}).no_color  # set but empty counts as unset (no-color.org)


def test_a_user_error_goes_to_the_environments_stderr(on_terminal, claims_dir):
    ran = on_terminal(claims_dir, "show", "no-such-claim")
    assert ran.exit_code == ExitStatus.USER_ERROR
    assert ran.stdout == "" and "no claim with id 'no-such-claim'" in ran.stderr


def test_search_json_never_imports_rich():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from factcheck.cli.app import cli\n"
        "for args in (['search', '예타', '--json'], ['search', '예타']):\n"  # --json, and plain text into a pipe
        f"    assert CliRunner().invoke(cli, ['--claims-dir', {str(REPO_CLAIMS)!r}, *args]).exit_code == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_library_reads_no_environment_variable():
    readers = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] in {"cli", "terminal"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv"}:
                readers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert readers == []


def test_the_lazy_command_table_names_every_command_and_the_module_that_adds_it():
    from factcheck.cli.app import COMMAND_MODULES, cli, load_commands

    load_commands()
    registered = {name: command.callback.__module__.rsplit(".", 1)[1] for name, command in cli.commands.items()}
    assert registered == COMMAND_MODULES


def test_a_search_loads_no_other_command_family():
    import json
    import subprocess
    import sys

    code = ("import sys; from factcheck.cli import main; sys.argv = ['factcheck', 'search', '예타', '--json']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(__import__('json').dumps(sorted(m for m in sys.modules if m.startswith('factcheck.cli.'))),"
            " file=sys.stderr)")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    loaded = json.loads(ran.stderr.strip().splitlines()[-1])
    assert "factcheck.cli.claims" in loaded
    assert not {"factcheck.cli.desk", "factcheck.cli.exchange", "factcheck.cli.sources"} & set(loaded)
