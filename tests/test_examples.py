"""Every example in every --help (English and Korean) and in README runs against the bundled claims and exits as
documented (issue 13, item 7): 0, or 1 where the example finds nothing, or 2 where README shows the error.

Each example runs in bash, in a folder holding a copy of the bundled claims (found as `claims/` from there), with
the files it names made beside it. An example that needs the network (a web address, checking or archiving the
sources, the Google API) or a person at the keyboard is parsed only: its command and options must exist and
every claim id it names must be a real one. Words that stand for what a reader types are replaced by the table
PLACEHOLDERS.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import REPO_CLAIMS, SHARED

from factcheck.cli.app import cli, load_commands

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
ARTICLES = Path(__file__).parent / "data" / "articles"

DRAFT = "gimje-example-draft"  # a claim being checked, which the sandbox adds: the bundled ones are all published
# What an example's words stand for, as the test types them.
PLACEHOLDERS = {
    "pbpaste": "echo 예타 면제 언제",
    "verdict ID false --note": f"verdict {DRAFT} false --note",  # a verdict with new sources, before publishing
    " ID ": " gimje-physical-ai-yeta-exemption ",
    "FEED1 FEED2": "https://news.example.kr/rss/a.xml https://news.example.kr/rss/b.xml",
}
# Examples that need the network (a page or feed to read, sources to check or archive, the Google API), a
# person at the keyboard, or a pack of imported claims (adopt: the bundled claims hold none): parsed, not run.
NOT_RUN = re.compile(r"(extract|scan) \S*https?://|\bcurl\b|sources (check|archive)|import google|factcheck add +#"
                     r"| --edit\b|factcheck adopt ")
# Desk examples that move a claim through the newsroom workflow: they need one in draft or review, and the
# bundled claims are all published; README's walkthrough runs each of them, in order, on a draft it adds.
IN_THE_WORKFLOW = re.compile(r"factcheck (submit|approve|reject) |factcheck rationale (?!.*--correction)")
# Examples that find nothing in the bundled claims: exit 1, and they say so.
FIND_NOTHING = {"factcheck search 서울 지하철 요금", "LANG=ko_KR.UTF-8 factcheck search 서울 지하철 요금"}


@functools.cache  # asked at collection and by a test: the help of every command, in two languages, once
def help_examples() -> list[tuple[str, str]]:
    """(where, example) for every example line of every command's --help, in English and in Korean."""
    load_commands()
    found = []

    def walk(command: click.Command, path: list[str]) -> None:
        if isinstance(command, click.Group):
            for name in sorted(command.commands):
                walk(command.commands[name], [*path, name])
        for lang in ("en", "ko"):
            result = CliRunner().invoke(cli, ["--lang", lang, *path, "--help"], env={"COLUMNS": "300"})
            assert result.exit_code == 0, result.output
            for example in examples_in(result.output.splitlines(), ("Examples:", "예:")):
                found.append((f"factcheck {' '.join(path)} --help ({lang})", example))

    walk(cli, [])
    return found


def examples_in(lines: list[str], headings: tuple[str, ...]) -> list[str]:
    """The command lines under an `Examples:` heading, continuation lines (after a trailing \\) joined."""
    out, under, pending = [], False, ""
    for line in lines:
        text = line.strip()
        if text in headings:
            under = True
            continue
        if under and not text:
            under = False
        if under and (pending or "factcheck" in text):
            pending += text
            if pending.endswith("\\"):
                pending = pending[:-1]
                continue
            out.append(pending)
            pending = ""
    return out


def readme_examples() -> list[tuple[int, str, int | None]]:
    """(line number, command, exit status README shows or None) for each command of README's code blocks, in
    order: its walkthroughs build on what came before. In a transcript (`$ ` lines) every command runs, with its
    here-document; the status shown is `(exit N)`, or `echo $?` after it, or 2 when its output is an error; a
    block without `$ ` lines holds `factcheck` lines only."""
    lines = README.read_text(encoding="utf-8").splitlines()
    found: list[list] = []
    i, block = 0, None
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            block = None if block is not None else i
        elif block is not None:
            transcript = any(other.startswith("$ ") for other in lines[block + 1 : lines.index("```", block + 1)]
                             if other != "```")
            command = line[2:] if transcript and line.startswith("$ ") else None
            if not transcript and re.match(r"(\S+=\S+ )?(cat \S+ \| )?factcheck ", line):
                command = line
            if command == "echo $?":
                found[-1][2] = int(lines[i + 1])
            elif command is not None:
                number = i + 1
                heredoc = re.search(r"<<(\w+)$", command)
                while command.endswith("\\") or heredoc:
                    i += 1
                    command += "\n" + lines[i]
                    if heredoc and lines[i] == heredoc.group(1):
                        break
                output = []
                while transcript and i + 1 < len(lines) and not lines[i + 1].startswith(("$ ", "```")):
                    i += 1
                    output.append(lines[i])
                shown = next((int(m.group(1)) for m in map(re.compile(r"\(exit (\d)\)").fullmatch, output) if m), None)
                if shown is None and output and output[0].startswith(("Error:", "오류:", "사용법:")):
                    shown = 2
                found.append([number, command, shown])
        i += 1
    return [tuple(entry) for entry in found]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A folder with claims/ (the bundled claims) and every file an example names, made once."""
    folder = tmp_path_factory.mktemp("examples")
    shutil.copytree(REPO_CLAIMS, folder / "claims")
    shutil.copy(ARTICLES / "jeonju-national-budget.txt", folder / "article.txt")
    shutil.copy(ARTICLES / "suwon-2026-budget.html", folder / "article.html")
    shutil.copy(SHARED / "seed" / "000_78ba2e18149e923e.txt", folder / "seed.txt")
    added = run_example(folder, f"factcheck add --id {DRAFT} --claim '김제시는 예시 사업을 유치했다' --claimant 김제시 "
                                "--status unverified")
    assert added.returncode == 0, added.stderr
    reviews = run_example(folder, "factcheck export --format claimreview --site https://factcheck.example.kr")
    (folder / "reviews.json").write_text(reviews.stdout, encoding="utf-8")
    (folder / "reviews.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                                  for r in json.loads(reviews.stdout)), encoding="utf-8")
    shutil.copy(SHARED / "data" / "google-factcheck-api" / "claims_recent_30days.json",
                folder / "google-response.json")
    with open(SHARED / "data" / "snu-factcheck" / "fact_checks_final.csv", encoding="utf-8", newline="") as snu:
        rows = [row for _, row in zip(range(21), csv.reader(snu))]
    with open(folder / "snu.csv", "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    with open(folder / "claims.csv", "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["title", "judge"], *[[row[2], row[4]] for row in rows[1:]]])
    return folder


@pytest.fixture
def sandbox(template, tmp_path) -> Path:
    shutil.copytree(template, tmp_path / "sandbox")
    return tmp_path / "sandbox"


USER = {"FACTCHECK_USER": "기자A", **{f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER")
                                     for what, value in (("NAME", "기자A"), ("EMAIL", "a@example.kr"))}}  # who is at the keyboard, as a newsroom's set-up says (queue --mine asks)
SHELL_ONLY = re.compile(r"[|<>&;\n]|^\S+=")  # a pipe, a redirection, a variable: bash runs it; else click in-process


def run_example(folder: Path, command: str) -> subprocess.CompletedProcess:
    for word, stands_for in PLACEHOLDERS.items():
        command = command.replace(word, stands_for)
    if command.startswith("factcheck ") and not SHELL_ONLY.search(command.split(" #")[0]):
        return in_process(folder, shlex.split(command.split(" #")[0])[1:])
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **USER}
    return subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def in_process(folder: Path, args: list[str]) -> subprocess.CompletedProcess:
    """A plain `factcheck …` line, run by click in this process from `folder`: a new process costs far more."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, args, env=USER)
    finally:
        os.chdir(here)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def distinct_help_examples() -> list[tuple[str, str]]:
    """Each example once: most read the same in the English and the Korean help."""
    seen: dict[str, tuple[str, str]] = {}
    for where, example in help_examples():
        seen.setdefault(example, (where, example))
    return list(seen.values())


def claim_ids() -> set[str]:
    return {path.stem for path in REPO_CLAIMS.glob("*.yaml")} - {"factcheck"}


def rest_of(ctx: click.Context) -> list[str]:
    """What a group's context left for its subcommand (click 8.2 deprecates reading it as protected_args)."""
    return [*getattr(ctx, "_protected_args", ()), *ctx.args]


def assert_parses(command: str, ids: set[str] | None = None) -> None:
    """The factcheck command of an example line exists, takes the options given, and names real claims."""
    words = shlex.split(command.split("|")[-1].split("#")[0])
    words = words[words.index("factcheck") + 1:]
    from factcheck.cli.app import State

    ctx = cli.make_context("factcheck", list(words))
    ctx.obj = State(None, ctx.obj)  # as the group's callback makes it, for the options' callbacks
    group, args = cli, rest_of(ctx)
    while args:
        sub = group.get_command(ctx, args[0])
        assert sub is not None, f"no command {args[0]!r} in {command!r}"
        ctx = sub.make_context(args[0], args[1:], parent=ctx)
        group, args = sub, (rest_of(ctx)) if isinstance(sub, click.Group) else []
    for word in words:
        if re.fullmatch(r"gimje-[a-z0-9-]+", word):
            assert word in (claim_ids() if ids is None else ids), f"{word} is not a claim"


@pytest.mark.parametrize(("where", "example"), distinct_help_examples())
def test_every_help_example_runs_and_exits_as_documented(sandbox, where, example):
    if NOT_RUN.search(example) or IN_THE_WORKFLOW.search(example):
        assert_parses(example)
        return
    result = run_example(sandbox, example)
    expected = 1 if example in FIND_NOTHING else 0
    assert result.returncode == expected, f"{where}: {example}\n{result.stdout[-2000:]}{result.stderr[-2000:]}"


def test_every_readme_example_runs_in_order_and_exits_as_shown(sandbox):
    git = ["git", "-c", "user.name=기자A", "-c", "user.email=a@example.kr"]
    subprocess.run(["git", "init", "-q"], cwd=sandbox, check=True)
    subprocess.run([*git, "add", "claims"], cwd=sandbox, check=True)
    subprocess.run([*git, "commit", "-qm", "claims"], cwd=sandbox, check=True)
    failed = []
    for number, example, shown in readme_examples():
        if NOT_RUN.search(example):
            assert_parses(example, ids={path.stem for path in (sandbox / "claims").glob("*.yaml")})
            continue
        result = run_example(sandbox, example.replace("../shared/seed/000_78ba2e18149e923e.txt", "seed.txt"))
        expected = shown if shown is not None else (1 if example in FIND_NOTHING else 0)
        if result.returncode != expected:
            failed.append(f"README.md:{number}: {example} exited {result.returncode}, not {expected}: "
                          f"{result.stderr.strip()[-300:]}")
    assert not failed, "\n".join(failed)


def test_the_examples_are_found():
    assert len(help_examples()) > 100
    assert len(readme_examples()) > 30
