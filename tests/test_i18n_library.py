"""The library's messages reach the user in the user's language, and the library stays language-neutral.

The library (everything but cli/ and terminal/) never translates: its errors, problem records and reasons
carry an `i18n.Message`, a template and its values, whose `str()` is English (JSON, logs) and which the
output layer says in the interface language. A message the library builds before it could be translated
(an f-string, `+`, `%` or `.format()`) would reach a Korean user in English, so it fails here; a template
the catalog lacks fails the catalog test (tests/test_i18n_catalogs.py), which extracts every one.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from conftest import write_claim
from factcheck import i18n
from factcheck.errors import DataError, NotFound
from factcheck.i18n import Message, translated
from factcheck.i18n.catalogs import MESSAGE_CALLS
from factcheck.model import validate_claim
from test_i18n_cli import KOREAN, run_in

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "factcheck"
OUTPUT_LAYERS = ("cli", "terminal", "i18n")  # they translate; the rest is the library
ENGLISH = {"LANG": "C"}


def library_files() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).parts[0] not in OUTPUT_LAYERS]


def _name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _built_before_translation(node: ast.expr) -> bool:
    """An f-string with values, a `+` or `%` of strings, or a `.format()` call: text made before the
    catalog could be asked."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(value, ast.FormattedValue) for value in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def untranslatable_messages(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node.func) in MESSAGE_CALLS:
            position = MESSAGE_CALLS[_name(node.func)] - 1
            if len(node.args) > position and _built_before_translation(node.args[position]):
                found.append(f"{where}:{node.lineno}: {_name(node.func)}(…) gets its message built already; "
                             "pass the template and its values")
    return found


def message_classes() -> dict[str, str]:
    """Every exception class of the library that says a message (errors.SaysMessage and below), by name."""
    bases_of: dict[str, list[str]] = {}
    for path in library_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # A class that makes its own message (FileError from a FileProblem) is checked where it makes it.
            makes_its_own = any(isinstance(item, ast.FunctionDef) and item.name == "__init__" for item in node.body) \
                if isinstance(node, ast.ClassDef) else False
            if isinstance(node, ast.ClassDef) and not makes_its_own:
                bases_of[node.name] = [_name(b) for b in node.bases]
    says = {"SaysMessage"}
    while True:
        more = {name for name, bases in bases_of.items() if says & set(bases)} - says
        if not more:
            return {name: "" for name in says}
        says |= more


# --------------------------------------------------------------------------- the library stays neutral


def test_no_library_message_is_built_before_it_could_be_translated():
    assert [problem for path in library_files()
            for problem in untranslatable_messages(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
            ] == []


@pytest.mark.parametrize("message", ['f"{path}: broken"', '"{}: broken".format(path)', 'path + ": broken"'])
def test_the_check_sees_a_message_built_before_translation(message):
    assert untranslatable_messages(f"raise DataError({message})", "x.py")
    assert untranslatable_messages(f"out.append(Problem(where, {message}))", "x.py")


def test_the_check_passes_a_template_with_its_values():
    assert untranslatable_messages('raise DataError("{path}: broken", path=path)', "x.py") == []


def test_every_error_class_of_the_library_is_one_whose_messages_are_extracted():
    """A new error class must be named in catalogs.MESSAGE_CALLS, or its messages escape the catalog."""
    assert sorted(set(message_classes()) - set(MESSAGE_CALLS)) == []


def test_the_library_never_looks_a_message_up_itself():
    """gettext is the output layer's: the library marks (Message, N_) and never calls _() or ngettext()."""
    found = [f"{path.relative_to(PACKAGE)}:{node.lineno}" for path in library_files()
             if path.relative_to(PACKAGE).parts[0] != "publish"  # documents are written in a language
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and _name(node.func) in ("_", "gettext", "ngettext")]
    assert found == []


# --------------------------------------------------------------------------- Message


@pytest.fixture
def korean():
    i18n.use("ko")
    yield
    i18n.use("en")


def test_a_message_is_english_as_text_and_korean_when_translated(korean):
    message = Message("{name}: no such file", name="a.csv")
    assert str(message) == "a.csv: no such file" and json.dumps(message) == '"a.csv: no such file"'
    assert translated(message) == "a.csv: 그런 파일이 없습니다"


def test_an_error_keeps_its_message_and_its_values_are_translated_too(korean):
    inner = Message("same review URL")
    error = DataError("{path}: {exc}", path="x.yaml", exc=inner)
    assert str(error) == "x.yaml: same review URL" and error.translated() == "x.yaml: 같은 검증 URL"


def test_a_validation_problem_is_translated_where_it_is_shown(korean):
    [problem] = [p for p in validate_claim({"id": "a-claim"}) if p.where() == "claim"]
    assert problem.message == "is required" and problem.translated() == "꼭 있어야 합니다"


def test_an_error_of_a_plain_text_is_that_text_in_every_language(korean):
    assert NotFound("no claim").translated() == "no claim"


# --------------------------------------------------------------------------- what the user sees


def test_a_missing_claim_is_reported_in_korean(claims_dir):
    code, _out, err = run_in(KOREAN, "verdict", "no-such-claim", "false", "--note", "x", claims=claims_dir)
    assert code == 2 and "id가 'no-such-claim'인 주장이 없습니다" in err


def test_a_missing_claim_is_reported_in_english_under_the_c_locale(claims_dir):
    code, _out, err = run_in(ENGLISH, "verdict", "no-such-claim", "false", "--note", "x", claims=claims_dir)
    assert code == 2 and "no claim with id 'no-such-claim'" in err


def test_validation_problems_are_korean(empty_claims):
    write_claim(empty_claims, "no-claimant", claimant=None)
    code, out, _err = run_in(KOREAN, "validate", claims=empty_claims)
    assert code == 2 and "claimant: 값이 없습니다. 값을 쓰거나 그 줄을 지우세요" in out


def test_validation_problems_stay_english_in_json_under_a_korean_locale(empty_claims):
    write_claim(empty_claims, "no-claimant", claimant=None)
    _code, out, _err = run_in(KOREAN, "validate", "--json", claims=empty_claims)
    problems = json.loads(out)["problems"]
    assert problems and all("has no value: give one, or remove the line" in p for p in problems)


def test_a_file_to_import_that_is_not_there_is_reported_in_korean(empty_claims, tmp_path):
    code, _out, err = run_in(KOREAN, "import", str(tmp_path / "none.csv"), claims=empty_claims)
    assert code == 2 and "none.csv: 그런 파일이 없습니다" in err


def test_an_import_summary_gives_the_reasons_in_korean_and_json_in_english(empty_claims, tmp_path):
    table = tmp_path / "reviews.csv"
    table.write_text("claim,rating,url\n김제시 예산 1조,,https://example.kr/a\n", encoding="utf-8")
    code, _out, err = run_in(KOREAN, "import", str(table), "--publisher", "예시", claims=empty_claims)
    assert code == 2 and "2행: 잘못됨: 판정이 없습니다" in err
    _code, out, _err = run_in(KOREAN, "import", str(table), "--publisher", "예시", "--json", claims=empty_claims)
    assert [item["reason"] for item in json.loads(out)["invalid_items"]] == ["no rating"]


def test_a_blocked_source_is_explained_in_korean(empty_claims, web):
    write_claim(empty_claims, "seoul-fare", sources=[
        {"url": web.url("/page"), "publisher": "예시신문", "quote": "지하철 요금을 인상"}])
    code, out, _err = run_in(KOREAN, "sources", "check", claims=empty_claims, width=200)
    assert code == 1 and "곧 루프백(자기 자신) 주소입니다" in out


def test_a_desk_move_that_cannot_be_made_is_refused_in_korean(claims_dir):
    code, _out, err = run_in(KOREAN, "approve", "gimje-physical-ai-yeta-exemption", "--by", "편집자", claims=claims_dir)
    assert code == 2 and "이미 게시되었습니다" in err


# --------------------------------------------------------------------------- the output layer marks its own

SHOWN_BY = {"UserError", "warn", "note", "BadParameter", "fail", "Notice", "UsageError", "ClickException"}


def unmarked_messages(source: str, where: str) -> list[str]:
    """Words handed straight to an error, a warning or a status line, not through `_()`: English for all."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node.func) in SHOWN_BY and node.args:
            first = node.args[0]
            words = isinstance(first, ast.Constant) and isinstance(first.value, str) and any(c.isalpha() for c in first.value)
            if words or isinstance(first, ast.JoinedStr):
                found.append(f"{where}:{node.lineno}: {_name(node.func)}() gets text no catalog can see; wrap it in _()")
    return found


def test_the_command_line_and_the_terminal_mark_every_message_they_show():
    files = [p for layer in ("cli", "terminal") for p in sorted((PACKAGE / layer).glob("*.py"))]
    assert [problem for p in files for problem in unmarked_messages(p.read_text(encoding="utf-8"), p.name)] == []


def test_the_mark_check_sees_plain_and_formatted_text():
    assert unmarked_messages('out.note("no matching claim")', "x.py")
    assert unmarked_messages('raise UserError(f"{source}: gone")', "x.py")
    assert unmarked_messages('out.note(_("no matching claim"))', "x.py") == []

