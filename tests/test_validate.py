"""`factcheck validate` and claims/schema.json: every problem named with its file, line and field, and the
published schema accepting and refusing exactly what validation does."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO_CLAIMS, write_claim
from factcheck.model import CLAIM_SCHEMA, normalise, validate_claim
from factcheck.store.repo import Repo
from factcheck.store.yaml import _round_trip_yaml, load_claim_file, safe_loader

SOURCE = {"url": "https://example.org/a", "publisher": "예시신문", "quote": "지하철 요금을 인상"}


def claim(**changes) -> dict:
    """A valid claim as a YAML 1.2 reader (an editor with the schema) sees it; changes may remove keys."""
    base = {"id": "subway-fare", "claim": "서울시는 지하철 요금을 인상했다", "status": "true", "sources": [SOURCE]}
    base.update(changes)
    return {k: v for k, v in base.items() if v is not REMOVED}


REMOVED = object()


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the messages


def test_an_impossible_unquoted_date_is_reported_at_its_line_with_the_files_other_problems(run, empty_claims):
    write(empty_claims, "bad-date.yaml", "id: bad-date\nclaim: 주장\nclaim_date: 2025-02-30\nstatus: unverified\n"
          "sources: []\ntags: ['']\n")
    result = run(empty_claims, "validate")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].endswith("bad-date.yaml:3: claim_date: '2025-02-30' is not valid: expected a date that exists, "
                             "as YYYY-MM-DD, YYYY-MM or YYYY")
    assert lines[1].endswith("bad-date.yaml:6: tags.0: must not be empty")
    assert "day is out of range" not in result.output


def test_an_impossible_date_loads_as_the_text_written(tmp_path):
    assert safe_loader().load("a: 2025-02-30\nb: 2025-02-28\n") == {"a": "2025-02-30",
                                                                     "b": safe_loader().load("b: 2025-02-28")["b"]}
    assert _round_trip_yaml().load("a: 2025-13-45\n")["a"] == "2025-13-45"


@pytest.mark.parametrize("date, valid", [
    ("2024-02-29", True), ("2000-02-29", True), ("2025-02-29", False), ("2100-02-29", False),
    ("2025-04-31", False), ("2025-12-31", True), ("2025-02", True), ("2025", True), ("2025-00", False),
])
def test_only_dates_that_exist_are_valid(date, valid):
    assert (validate_claim(claim(claim_date=date)) == []) is valid


def test_a_short_id_is_reported_by_its_length(tmp_path):
    path = write(tmp_path, "t1.yaml", "id: t1\nclaim: 주장\nstatus: unverified\nsources: []\n")
    _record, problems = load_claim_file(path)
    assert [p.message for p in problems] == ["id: 't1' has 2 characters; it needs 3 to 80"]


def test_an_id_with_capitals_is_reported_by_its_characters():
    (problem,) = validate_claim(claim(id="Subway-Fare"))
    assert problem.message.startswith("'Subway-Fare' is not valid: expected a-z, 0-9 and '-'")


def test_an_empty_quote_is_reported_once():
    problems = validate_claim(claim(sources=[{**SOURCE, "quote": ""}]))
    assert [(p.where(), p.message) for p in problems] == [("sources.0.quote", "is required")]


def test_a_field_left_blank_is_named():
    (problem,) = validate_claim(claim(claim_en=None))
    assert (problem.where(), problem.message) == ("claim_en", "has no value: give one, or remove the line")


def test_the_summary_says_how_many_files_have_problems(run, empty_claims):
    for name in ("a-claim", "b-claim", "c-claim"):
        write_claim(empty_claims, name)
    for name in ("d-claim", "e-claim"):
        write_claim(empty_claims, name, claim="", tags=[""])
    result = run(empty_claims, "validate")
    assert result.stderr.splitlines()[-1] == "4 problem(s) in 2 file(s); 5 claim file(s) checked"


def test_validating_the_settings_file_says_it_is_not_a_claim_file(run, empty_claims):
    write(empty_claims, "factcheck.yaml", "site: https://fc.example.kr\n")
    result = run(empty_claims, "validate", str(empty_claims / "factcheck.yaml"))
    assert result.exit_code == 2
    assert "factcheck.yaml: not a claim file (claims are <id>.yaml files;" in result.stdout
    assert "valid" not in result.stderr


# --------------------------------------------------------------------------- schema and validation agree

# Documents as an editor's YAML 1.2 reader gives them (unquoted `true` is a boolean), each one way off.
AGREEMENT_CASES = {
    "valid": claim(),
    "valid unverified without sources": claim(status="unverified", sources=[]),
    "bare true status": claim(status=True),
    "bare false status": claim(status=False),
    "bare true in history": claim(history=[{"date": "2025-01-02", "status": True}]),
    "rated with no sources": claim(sources=[]),
    "bare false with no sources": claim(status=False, sources=[]),
    "unknown status": claim(status="pants-on-fire"),
    "numeric status": claim(status=1),
    "no sources key": claim(sources=REMOVED),
    "no claim key": claim(claim=REMOVED),
    "empty claim": claim(claim=""),
    "blank claim": claim(claim="   "),
    "blank tag": claim(tags=[" "]),
    "empty quote": claim(sources=[{**SOURCE, "quote": ""}]),
    "source without publisher": claim(sources=[{"url": SOURCE["url"], "quote": "q"}]),
    "short id": claim(id="t1"),
    "long id": claim(id="a" * 81),
    "id of 80": claim(id="a" * 80),
    "id with capitals": claim(id="Subway-Fare"),
    "id starting with a dash": claim(id="-subway"),
    "impossible date": claim(claim_date="2025-02-30"),
    "leap day": claim(claim_date="2024-02-29"),
    "year and month": claim(reviewed="2025-09"),
    "blank translation": claim(claim_en=None),
    "empty translation": claim(claim_en=""),
    "unknown field": claim(verdict="true"),
    "rationale as text": claim(rationale="근거"),
    "rationale in two languages": claim(rationale={"ko": "근거", "en": "Reason"}),
    "empty rationale mapping": claim(rationale={}),
    "rationale in a third language": claim(rationale={"ja": "根拠"}),
    "url that is not http": claim(sources=[{**SOURCE, "url": "ftp://example.org/a"}]),
    "claimant without name": claim(claimant={"role": "시장"}),
    "tags not a list": claim(tags="예타"),
    "not a mapping": ["id", "claim"],
    # The hostile-input limits (test_hostile_model): control characters, URLs that are not URLs, sizes.
    "claim with an escape character": claim(claim="지하철\x1b[2J요금"),
    "claim of two lines": claim(claim="한 줄\n두 줄"),
    "blank claim of tabs and newlines": claim(claim=" \t\n "),
    "tag of two lines": claim(tags=["예타\n면제"]),
    "url breaking out of a link": claim(sources=[{**SOURCE, "url": "https://x.example/a><script>"}]),
    "url without a host": claim(sources=[{**SOURCE, "url": "https:///a"}]),
    "claim over the size limit": claim(claim="가" * 5_001),
    "claim at the size limit": claim(claim="가" * 5_000),
    "more tags than the limit": claim(tags=[f"t{i}" for i in range(201)]),
}


@pytest.mark.parametrize("case", AGREEMENT_CASES, ids=str)
def test_the_published_schema_and_validation_accept_and_refuse_the_same_documents(case):
    document = AGREEMENT_CASES[case]
    schema_errors = [e.message for e in Draft202012Validator(CLAIM_SCHEMA).iter_errors(document)]
    problems = validate_claim(normalise(document) if isinstance(document, dict) else document)
    assert (schema_errors == []) == (problems == []), (schema_errors, problems)


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\r"], ids=ascii)
@pytest.mark.parametrize("field", ["claim", "rationale"])
def test_the_schema_and_validation_both_refuse_c0_and_c1_controls(field, control):
    document = claim(**{field: f"지하철{control}요금"})
    assert list(Draft202012Validator(CLAIM_SCHEMA).iter_errors(document))
    assert validate_claim(normalise(document))


@pytest.mark.parametrize("space", ["\t", "\n"], ids=ascii)
def test_the_schema_and_validation_both_take_a_tab_or_newline_in_the_rationale(space):
    document = claim(rationale=f"첫째{space}둘째")
    assert not list(Draft202012Validator(CLAIM_SCHEMA).iter_errors(document))
    assert validate_claim(normalise(document)) == []


def test_the_schema_is_a_valid_json_schema_and_claims_schema_json_is_it():
    Draft202012Validator.check_schema(CLAIM_SCHEMA)
    assert json.loads((REPO_CLAIMS / "schema.json").read_text(encoding="utf-8")) == CLAIM_SCHEMA


def test_every_seed_claim_is_valid_to_the_schema_as_read_by_an_editor():
    validator = Draft202012Validator(CLAIM_SCHEMA)
    files = list(Repo(REPO_CLAIMS).claim_files())
    assert files
    for path in files:
        document = json.loads(json.dumps(safe_loader().load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(document)) == [], path
