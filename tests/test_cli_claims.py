"""show / report, list, add, verdict and validate, as a user drives them."""

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO_CLAIMS, write_claim


YETA = "gimje-physical-ai-yeta-exemption"


def test_show_prints_claim_verdict_rationale_sources_and_history(run, claims_dir):
    result = run(claims_dir, "show", YETA)
    assert result.exit_code == 0
    for text in ("절반의 사실", "Half true", "8월 22일", "Rationale", "Sources", "History", "18"):
        assert text in result.stdout


def test_report_is_an_alias_of_show(run, claims_dir):
    assert run(claims_dir, "report", YETA).stdout == run(claims_dir, "show", YETA).stdout


def test_show_markdown_has_verdict_and_every_quote(run, claims_dir):
    result = run(claims_dir, "show", YETA, "--format", "md")
    record = json.loads(run(claims_dir, "show", YETA, "--format", "json").stdout)
    assert result.stdout.startswith("# ")
    assert "**Verdict: 절반의 사실 (Half true)**" in result.stdout
    assert len(record["sources"]) == 3
    assert all(s["quote"] in result.stdout and s["url"] in result.stdout for s in record["sources"])


def test_show_json_is_the_full_record(run, claims_dir):
    record = json.loads(run(claims_dir, "show", YETA, "--format", "json").stdout)
    assert record["id"] == YETA and record["status"] == "half-true" and record["sources"]


def test_show_writes_a_file_with_output(run, claims_dir, tmp_path):
    target = tmp_path / "out.md"
    result = run(claims_dir, "show", YETA, "--format", "md", "-o", str(target))
    assert result.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# ")


def test_unknown_id_is_one_line_exit_2(run, claims_dir):
    result = run(claims_dir, "show", "no-such-claim")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "no-such-claim" in result.stderr


def test_ids_that_try_to_leave_the_claims_directory_are_refused(run, claims_dir):
    for bad in ("../x", "/etc/passwd", "..", "a/../../b", "UPPER-case"):
        for args in (("show", bad), ("verdict", bad, "false", "--note", "n"), ("add", "--claim", "x", "--id", bad, "--yes")):
            result = run(claims_dir, *args)
            assert result.exit_code == 2, (args, result.output)
            assert "invalid claim id" in result.stderr
    assert not (claims_dir.parent / "x.yaml").exists()


def test_validate_refuses_a_path_outside_the_claims_directory(run, claims_dir, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: elsewhere\n", encoding="utf-8")
    result = run(claims_dir, "validate", str(outside))
    assert result.exit_code == 2 and "outside the claims directory" in result.stderr


def test_list_json_holds_full_records_and_filters_apply(run, claims_dir):
    claims = json.loads(run(claims_dir, "list", "--json").stdout)["claims"]
    assert len(claims) == 10 and all("sources" in c for c in claims)
    only = json.loads(run(claims_dir, "list", "--status", "half-true", "--json").stdout)["claims"]
    assert [c["id"] for c in only] == [YETA]


def three_claims(folder):
    write_claim(folder, "budget-claim-one", status="true", claimant={"name": "김제시"}, tags=["예산", "김제"])
    write_claim(folder, "budget-claim-two", status="true", claimant={"name": "김제시"}, tags=["김제"])
    write_claim(folder, "mayor-claim-three", status="false", claimant={"name": "정성주"})


def test_stats_json_counts_claims_by_verdict_claimant_and_tag(run, empty_claims):
    three_claims(empty_claims)
    result = run(empty_claims, "stats", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "total": 3,
        "by_status": [["true", 2], ["false", 1]],
        "by_claimant": [["김제시", 2], ["정성주", 1]],
        "by_tag": [["김제", 2], ["예산", 1]],
    }


def test_stats_draws_a_bar_and_a_count_for_each_verdict_claimant_and_tag(run, empty_claims):
    three_claims(empty_claims)
    result = run(empty_claims, "stats")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.strip() for line in lines if line.startswith("By ")] == ["By verdict", "By claimant", "By tag"]
    rows = re.findall(r"^\s*(\S.*?)\s+(█+)\s+(\d+)\s*$", result.stdout, re.M)
    assert [(name, int(n)) for name, _bar, n in rows] == [
        ("사실", 2), ("전혀 사실 아님", 1), ("김제시", 2), ("정성주", 1), ("김제", 2), ("예산", 1)]
    assert all(len(bar) == 30 if n == "2" else len(bar) == 15 for _name, bar, n in rows)  # scaled to the largest
    assert lines[-1] == "3 claim(s)"


def test_stats_of_an_empty_repository_says_none(run, empty_claims):
    result = run(empty_claims, "stats")
    assert result.exit_code == 0 and result.stdout == "0 claim(s)\n"


def test_index_json_says_where_the_index_is_and_what_it_holds(run, empty_claims):
    three_claims(empty_claims)
    (empty_claims / "broken-claim.yaml").write_text("id: broken-claim\nclaim: [unclosed\n", encoding="utf-8")
    result = run(empty_claims, "index", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    info = json.loads(result.stdout)
    assert {k: info[k] for k in ("claims_dir", "claims", "files_with_problems")} == {
        "claims_dir": str(empty_claims.resolve()), "claims": 3, "files_with_problems": 1}
    assert info["index"].endswith(".sqlite") and Path(info["index"]).is_file()
    assert empty_claims.resolve() not in Path(info["index"]).parents  # a cache, never inside claims/
    assert info["format"].startswith("factcheck-index-")


def test_index_prints_its_state_as_key_value_lines(run, empty_claims):
    three_claims(empty_claims)
    info = json.loads(run(empty_claims, "index", "--json").stdout)
    result = run(empty_claims, "index", "--rebuild")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"{key}: {value}" for key, value in info.items()]


def test_add_by_flags_writes_a_valid_claim(run, empty_claims):
    result = run(
        empty_claims, "add", "--claim", "군산시는 새만금 신항을 2030년 개항한다", "--claim-en", "Gunsan will open the Saemangeum new port in 2030",
        "--claimant", "군산시", "--date", "2025-10", "--status", "unverified", "--tag", "새만금", "--yes", "--json",
    )
    assert result.exit_code == 0, result.output
    claim_id = json.loads(result.stdout)["id"]
    assert claim_id == "gunsansi-open-saemangeum-new-port-2025-10"  # the claimant, the words, the date
    assert run(empty_claims, "validate").exit_code == 0
    shown = json.loads(run(empty_claims, "show", claim_id, "--format", "json").stdout)
    assert shown["claim_date"] == "2025-10" and shown["history"][0]["status"] == "unverified"


def test_add_pairs_sources_with_quotes_and_publishers_in_order(run, empty_claims):
    result = run(
        empty_claims, "add", "--claim", "지하철 요금 인상", "--status", "true", "--id", "fare-rise",
        "--source", "https://a.example/1", "--publisher", "가신문", "--quote", "첫째 인용",
        "--source", "https://b.example/2", "--publisher", "나신문", "--quote", "둘째 인용", "--yes",
    )
    assert result.exit_code == 0, result.output
    sources = json.loads(run(empty_claims, "show", "fare-rise", "--format", "json").stdout)["sources"]
    assert [(s["publisher"], s["quote"]) for s in sources] == [("가신문", "첫째 인용"), ("나신문", "둘째 인용")]


def test_add_refuses_a_rated_claim_without_a_source(run, empty_claims):
    result = run(empty_claims, "add", "--claim", "지하철 요금 인상", "--status", "false", "--yes")
    assert result.exit_code == 2 and "needs at least one source" in result.stderr
    assert list(empty_claims.iterdir()) == []


def test_add_warns_about_near_duplicates_and_writes_with_yes(run, claims_dir):
    args = ("add", "--claim", "역대 최초로 3년 연속 국가예산 확보 기록을 쓴 정성주 김제시장", "--id", "dup-budget-record")
    refused = run(claims_dir, *args)
    assert refused.exit_code == 2 and "near-duplicate" in refused.stderr
    assert "gimje-national-budget-three-years-record" in refused.stderr and "%" in refused.stderr
    written = run(claims_dir, *args, "--yes")
    assert written.exit_code == 0 and "near-duplicate" in written.stderr
    assert (claims_dir / "dup-budget-record.yaml").exists()


def test_add_never_overwrites_an_existing_claim(run, claims_dir):
    before = (claims_dir / f"{YETA}.yaml").read_bytes()
    result = run(claims_dir, "add", "--claim", "전혀 다른 주장 내용", "--id", YETA, "--yes")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (claims_dir / f"{YETA}.yaml").read_bytes() == before


def test_verdict_changes_status_appends_history_and_keeps_comments(run, claims_dir):
    path = claims_dir / f"{YETA}.yaml"
    text = path.read_text(encoding="utf-8").replace("status:", "# 편집자 메모: 재검토 예정\nstatus:", 1)
    path.write_text(text.replace("state: published", "state: draft"), encoding="utf-8")  # a draft: no correction
    keys_before = [line.split(":")[0] for line in path.read_text(encoding="utf-8").splitlines() if line and line[0].isalpha()]
    result = run(claims_dir, "verdict", YETA, "mostly-false", "--note", "국무회의 날짜 오류가 핵심")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "# 편집자 메모: 재검토 예정" in text and "# yaml-language-server" in text
    assert [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()] == keys_before
    record = json.loads(run(claims_dir, "show", YETA, "--format", "json").stdout)
    assert record["status"] == "mostly-false"
    assert record["history"][-1]["note"] == "국무회의 날짜 오류가 핵심"


def test_verdict_with_a_source_adds_it(run, claims_dir):
    result = run(claims_dir, "verdict", YETA, "mostly-false", "--note", "n", "--source", "https://x.example/a",
                 "--quote", "18일 국무회의", "--publisher", "뉴스1", "--correction", "뉴스1 보도 반영")
    assert result.exit_code == 0
    record = json.loads(run(claims_dir, "show", YETA, "--format", "json").stdout)
    assert record["sources"][-1] == {"url": "https://x.example/a", "publisher": "뉴스1", "quote": "18일 국무회의"}


def test_verdict_with_an_unknown_code_is_a_usage_error(run, claims_dir):
    result = run(claims_dir, "verdict", YETA, "pants-on-fire", "--note", "n")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_validate_passes_on_the_bundled_seed_claims(run):
    result = run(REPO_CLAIMS, "validate")
    assert result.exit_code == 0, result.stdout
    assert "10 claim file(s) valid" in result.stderr


def test_validate_prints_file_line_message_and_exits_2(run, empty_claims):
    path = write_claim(empty_claims, "bad-status", status="true")
    path.write_text(path.read_text(encoding="utf-8").replace("status: 'true'", "status: maybe"), encoding="utf-8")
    (empty_claims / "bad-yaml.yaml").write_text("id: bad-yaml\nclaim: \"unterminated\n", encoding="utf-8")
    result = run(empty_claims, "validate")
    assert result.exit_code == 2
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith(f"{path}:") and "status" in line for line in lines)
    assert any("bad-yaml.yaml:" in line for line in lines)
    status_line = next(line for line in lines if line.startswith(f"{path}:"))
    assert status_line.split(":")[1].isdigit()


def test_validate_accepts_a_bare_true_or_false_status(run, empty_claims):
    path = write_claim(empty_claims, "bare-true")
    path.write_text(path.read_text(encoding="utf-8").replace("status: 'true'", "status: true"), encoding="utf-8")
    assert run(empty_claims, "validate").exit_code == 0


def test_every_seed_claim_has_a_source_with_url_publisher_and_quote():
    from factcheck.store.repo import Repo
    from factcheck.store.yaml import load_claim_file

    files = list(Repo(REPO_CLAIMS).claim_files())
    assert len(files) >= 8
    for path in files:
        record, problems = load_claim_file(path)
        assert not problems, problems
        assert any(s.get("url") and s.get("quote") and s.get("publisher") for s in record["sources"]), path


def test_schema_json_is_generated_from_the_model():
    from factcheck.model import CLAIM_SCHEMA

    assert json.loads((REPO_CLAIMS / "schema.json").read_text(encoding="utf-8")) == CLAIM_SCHEMA


def test_version_and_python_dash_m_work():
    out = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("factcheck, version")


def test_help_has_examples_for_every_command(run):
    from factcheck.cli.app import cli

    def walk(group, path):
        for name, command in group.commands.items():
            yield [*path, name], command
            if hasattr(command, "commands"):
                yield from walk(command, [*path, name])

    for path, command in walk(cli, []):
        assert "Example" in run(None, *path, "--help").stdout, path
