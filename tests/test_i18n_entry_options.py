"""Every option and argument where a verdict or a date is typed takes it in Korean or English, in every form
factcheck.entry reads (tests/test_entry.py holds the forms themselves). The test walks the whole command
tree, so a new `--status`, `--date` or `--since` that takes only one spelling fails here."""

import re

import click
import pytest

from factcheck.cli.app import cli, load_commands
from test_i18n_cli import run_in

VERDICT_NAMES = re.compile(r"status|verdict|rating")  # a parameter whose name says it is a verdict…
DATE_NAMES = re.compile(r"date|since|until|before|after")  # … or a date
NOT_TYPED = {"--state", "--format", "--update", "--max-age-days"}  # names that match but hold neither
VERDICTS = {"절반의 사실": "half-true", "절반의사실": "half-true", "Half true": "half-true", "HALF-TRUE": "half-true",
            "대체로 사실 아님": "mostly-false", "false": "false"}
DATES = {"2025-09-01": "2025-09-01", "2025년 9월 1일": "2025-09-01", "2025. 9. 1.": "2025-09-01",
         "2025.09.01": "2025-09-01", "2025/9/1": "2025-09-01", "2025년 9월": "2025-09"}


def parameters():
    """(command path, parameter) for every parameter of every command."""
    load_commands()
    found = []

    def walk(command, path):
        found.extend((path, p) for p in command.params)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(cli, "factcheck")
    return found


def typed(pattern):
    return [(path, p) for path, p in parameters()
            if pattern.search(p.name or "") and not set(getattr(p, "opts", [])) & NOT_TYPED]


def read(command_path: str, param: click.Parameter, value: str):
    """The value the command receives when `value` is typed for `param` (its type and callback run)."""
    ctx = click.Context(click.Command(command_path.split()[-1], params=[param]))
    return param.process_value(ctx, value)


def test_the_walk_finds_the_verdict_and_date_options_there_are():
    names = {f"{path} {p.opts[0] if isinstance(p, click.Option) else p.name}" for path, p in typed(VERDICT_NAMES)}
    names |= {f"{path} {p.opts[0] if isinstance(p, click.Option) else p.name}" for path, p in typed(DATE_NAMES)}
    assert {"factcheck add --status", "factcheck verdict status", "factcheck list --status", "factcheck search --status",
            "factcheck export --status", "factcheck site --status", "factcheck add --date", "factcheck extract --date",
            "factcheck scan --since"} <= names


@pytest.mark.parametrize("where", typed(VERDICT_NAMES), ids=lambda w: f"{w[0]} {w[1].name}")
def test_every_verdict_option_takes_codes_and_korean_and_english_names(where):
    path, param = where
    assert {typed_: read(path, param, typed_) for typed_ in VERDICTS} == VERDICTS


@pytest.mark.parametrize("where", typed(DATE_NAMES), ids=lambda w: f"{w[0]} {w[1].name}")
def test_every_date_option_takes_iso_and_korean_forms(where):
    path, param = where
    assert {typed_: read(path, param, typed_) for typed_ in DATES} == DATES


@pytest.mark.parametrize("where", typed(DATE_NAMES) + typed(VERDICT_NAMES), ids=lambda w: f"{w[0]} {w[1].name}")
def test_an_unreadable_value_is_refused_in_korean_with_the_forms_accepted(where, korean_interface):
    path, param = where
    with pytest.raises(click.BadParameter) as refused:
        read(path, param, "언젠가")
    assert "아닙니다" in refused.value.message


@pytest.fixture
def korean_interface():
    from factcheck import i18n

    i18n.use("ko")
    yield
    i18n.use("en")


def test_export_takes_a_korean_verdict_filter(claims_dir):
    code, out, _err = run_in({"LANG": "C"}, "export", "--format", "json", "--status", "대체로 사실 아님",
                             claims=claims_dir)
    assert code == 0 and '"status": "mostly-false"' in out and '"status": "true"' not in out


def test_extract_takes_a_korean_date(empty_claims, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("김제시는 지난 7월 23일 국가예산 1조 원을 확보했다고 밝혔다.\n", encoding="utf-8")
    code, out, err = run_in({"LANG": "C"}, "extract", str(article), "--date", "2025년 9월 1일", "--json",
                            claims=empty_claims)
    assert code in (0, 1) and '"date": "2025-09-01"' in out, err
