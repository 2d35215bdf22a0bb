"""Shared fixtures: every test gets its own home and index cache, no colour and a fixed terminal width.

`web` (a real HTTP server on 127.0.0.1, tests/http_server.py) is a fixture for every test module.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO_CLAIMS = Path(__file__).resolve().parent.parent / "claims"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

pytest_plugins = ["http_server"]


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    # The CLI is told where the index cache is (FACTCHECK_CACHE_DIR); the library, told nothing, uses
    # ~/.cache/factcheck. Both are the same folder of this test's own home.
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(home / ".cache" / "factcheck"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("FACTCHECK_CLAIMS_DIR", raising=False)
    # English, whatever the developer's locale; a test of the Korean interface sets its own.
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FACTCHECK_LANG"):
        monkeypatch.delenv(name, raising=False)
    from factcheck import i18n

    i18n.use("en")  # a Korean run before this test leaves the library's messages in English again


@pytest.fixture
def claims_dir(tmp_path) -> Path:
    """A copy of the bundled seed claims in a temporary claims repository."""
    target = tmp_path / "claims"
    shutil.copytree(REPO_CLAIMS, target)
    return target


@pytest.fixture
def empty_claims(tmp_path) -> Path:
    target = tmp_path / "claims"
    target.mkdir()
    return target


@pytest.fixture
def run():
    """Invoke the CLI in-process: run(claims_dir, *args) -> click Result (stdout and stderr apart)."""
    from factcheck.cli.app import cli

    def invoke(claims: Path | None, *args: str, input: str | None = None):
        prefix = ["--claims-dir", str(claims)] if claims else []
        return CliRunner().invoke(cli, [*prefix, *args], input=input)

    return invoke



@pytest.fixture
def editor(tmp_path):
    """A real editor program: it replaces the file it is given with the text in $NEW_TEXT."""
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "%s" "$NEW_TEXT" > "$1"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@dataclass
class Ran:
    """A command run in an Environment of its own: its exit code and what it wrote."""

    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def on_terminal():
    """Invoke the CLI in-process in an Environment whose streams are StringIOs that it calls terminals:
    on_terminal(claims_dir, *args, answers="typed lines\n", colour=False, columns=120, environ={}) -> Ran."""
    from factcheck.cli.app import cli
    from factcheck.terminal.environment import Environment

    def invoke(claims: Path | None, *args: str, answers: str = "", colour: bool = False, columns: int = 120,
               environ: dict | None = None) -> Ran:
        environ = {"COLUMNS": str(columns), "TERM": "xterm-256color", **({} if colour else {"NO_COLOR": "1"}),
                   **(environ or {})}
        env = Environment(stdin=io.StringIO(answers), stdout=io.StringIO(), stderr=io.StringIO(),
                          stdin_isatty=True, stdout_isatty=True, stderr_isatty=True, environ=environ)
        prefix = ["--claims-dir", str(claims)] if claims else []
        result = CliRunner().invoke(cli, [*prefix, *args], obj=env)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Ran(result.exit_code, env.stdout.getvalue(), env.stderr.getvalue())

    return invoke


def write_claim(folder: Path, claim_id: str, **fields) -> Path:
    """Write a minimal valid claim file (plus any fields given) and return its path."""
    from factcheck.store.repo import Repo

    record = {
        "id": claim_id,
        "claim": fields.pop("claim", "서울시는 지하철 요금을 인상했다"),
        "status": fields.pop("status", "true"),
        "sources": fields.pop(
            "sources",
            [{"url": "https://example.org/a", "publisher": "예시신문", "quote": "지하철 요금을 인상"}],
        ),
        **fields,
    }
    repo = Repo(folder)
    path = repo.new_path(claim_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(repo.dump(record, path))
    return path


def read_terminal(leader: int, process) -> str:
    """All that a child wrote to the pseudo-terminal whose leader end is `leader`, once it has gone."""
    received = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        received += chunk
    process.wait(timeout=60)
    os.close(leader)
    return received.decode("utf-8", "replace")
