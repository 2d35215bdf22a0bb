"""The command line speaks Korean when the locale, FACTCHECK_LANG or --lang says so, English otherwise, and
takes Korean verdicts and dates wherever one is typed. JSON stays English in both."""

import io
import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import write_claim
from factcheck.cli.app import cli
from factcheck.cli.language import columns
from factcheck.terminal.environment import Environment

KOREAN = {"LANG": "ko_KR.UTF-8"}
YETA = "gimje-physical-ai-yeta-exemption"


def run_in(environ: dict, *args: str, claims=None, answers: str = "", terminal: bool = False, width: int = 120):
    """The CLI in-process in an Environment of `environ`: (exit code, stdout, stderr)."""
    env = Environment(stdin=io.StringIO(answers), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdin_isatty=terminal, stdout_isatty=terminal, stderr_isatty=terminal,
                      environ={"COLUMNS": str(width), "NO_COLOR": "1", **environ})
    prefix = ["--claims-dir", str(claims)] if claims else []
    result = CliRunner().invoke(cli, [*prefix, *args], obj=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    # click writes its help and usage errors to the process's streams (CliRunner's), the commands to env's
    return result.exit_code, env.stdout.getvalue() + result.stdout, env.stderr.getvalue() + result.stderr


def factcheck(*args: str, **environ: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "FACTCHECK_LANG"))}
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True,
                          env={**base, **environ})


def claim_file_text(folder) -> str:
    [path] = list(folder.rglob("*.yaml"))
    return path.read_text(encoding="utf-8")


def stored_date(folder) -> str:
    """The claim_date written in the one claim file of `folder`, as YAML holds it (quoted or not)."""
    return re.search(r"^claim_date: '?([0-9-]+)'?$", claim_file_text(folder), re.M).group(1)


# --------------------------------------------------------------------------- which language


def test_help_is_korean_under_a_korean_locale():
    out = factcheck("--help", LANG="ko_KR.UTF-8").stdout
    assert "사용법: factcheck [OPTIONS] COMMAND [ARGS]..." in out
    assert "YAML 주장 저장소를 바탕으로 한 시민 팩트체크 도구" in out and "명령:" in out and "옵션:" in out


def test_help_is_english_under_the_c_locale():
    out = factcheck("--help", LANG="C").stdout
    assert "Usage: factcheck [OPTIONS] COMMAND [ARGS]..." in out and "a civic fact-checker" in out
    assert "사용법" not in out


def test_search_help_is_korean_under_a_korean_locale():
    out = factcheck("search", "--help", LANG="ko_KR.UTF-8").stdout
    assert "입력하는 낱말로, 또는 문장·게시물·기사로 주장을 찾습니다." in out and "결과마다 찾은 이유를 보여 줍니다." in out
    assert "이 도움말을 보여 주고 끝냅니다." in out


def test_factcheck_lang_overrides_the_locale():
    assert "Usage:" in factcheck("--help", LANG="ko_KR.UTF-8", FACTCHECK_LANG="en").stdout
    assert "사용법:" in factcheck("--help", LANG="C", FACTCHECK_LANG="ko").stdout


def test_the_lang_option_overrides_everything_even_after_help():
    assert "사용법:" in run_in({"LANG": "C", "FACTCHECK_LANG": "en"}, "--lang", "ko", "--help")[1]
    assert "사용법:" in run_in({}, "--help", "--lang=ko")[1]
    assert "Usage:" in run_in(KOREAN, "--lang", "en", "search", "--help")[1]


def test_a_commands_own_lang_option_leaves_the_interface_language_alone(claims_dir):
    code, _out, err = run_in(KOREAN, "rationale", YETA, "국무회의는 8월 18일이었다", "--lang", "en", claims=claims_dir)
    assert code == 2 and err.startswith("오류: ")  # a published claim's rationale needs --correction


def test_a_factcheck_lang_that_is_no_language_is_warned_about_and_the_locale_decides(claims_dir):
    code, _out, err = run_in({**KOREAN, "FACTCHECK_LANG": "fr"}, "stats", claims=claims_dir)
    assert code == 0 and "경고: FACTCHECK_LANG=fr: factcheck은 ko와 en만 지원하므로 로캘을 따릅니다" in err


def test_the_korean_help_of_every_command_is_complete():
    from factcheck.cli.app import COMMAND_MODULES

    group_help = run_in(KOREAN, "--help")[1]
    for name in COMMAND_MODULES:
        assert name in group_help
        out = run_in(KOREAN, name, "--help")[1]
        assert "사용법:" in out and "이 도움말을 보여 주고 끝냅니다." in out, name


def test_korean_help_wraps_at_the_terminals_width_in_columns():
    out = run_in(KOREAN, "sources", "check", "--help", width=80)[1]
    prose = [line for line in out.splitlines() if not line.startswith("    factcheck ")]  # examples stay as written
    assert "출처마다" in out and max(columns(line) for line in prose) <= 80


# --------------------------------------------------------------------------- errors, in Korean and English


def test_a_mistyped_command_is_answered_with_what_was_meant_in_korean():
    code, _out, err = run_in(KOREAN, "serach", "예타")
    assert code == 2 and "오류: 'serach'라는 명령은 없습니다." in err and "'search'" in err and "사용법:" in err


def test_a_mistyped_command_is_answered_in_english_under_the_c_locale():
    code, _out, err = run_in({"LANG": "C"}, "serach", "예타")
    assert code == 2 and "Error: No such command 'serach'." in err and "'search'" in err


def test_a_mistyped_sources_command_is_answered_with_what_was_meant():
    err = run_in(KOREAN, "sources", "chek")[2]
    assert "'chek'라는 명령은 없습니다." in err and "'check'" in err


def test_a_missing_argument_is_reported_in_korean():
    code, _out, err = run_in(KOREAN, "show")
    assert code == 2 and "오류: 인자가 빠졌습니다 'CLAIM_ID'." in err


def test_a_missing_option_is_reported_in_korean(claims_dir):
    code, _out, err = run_in(KOREAN, "import", "google", claims=claims_dir)
    assert code == 2 and "옵션이 빠졌습니다 '--query'" in err


def test_an_unknown_option_is_reported_in_korean():
    assert "'--limt'라는 옵션은 없습니다." in run_in(KOREAN, "search", "--limt", "3", "x")[2]


def test_an_out_of_range_number_is_reported_in_korean():
    assert "'--limit' / '-n'의 값이 잘못되었습니다: 0은(는) 범위 1<=x<=1000 안에 있지 않습니다." in run_in(
        KOREAN, "search", "--limit", "0", "x")[2]


def test_an_empty_query_is_reported_in_korean(claims_dir):
    code, _out, err = run_in(KOREAN, "search", " ", claims=claims_dir)
    assert code == 2 and "검색어가 비었습니다" in err


def test_no_match_is_reported_in_korean(claims_dir):
    code, out, err = run_in(KOREAN, "search", "서울 지하철 요금", claims=claims_dir)
    assert (code, out, err.strip()) == (1, "", "맞는 주장이 없습니다")


def test_no_match_is_reported_in_english_under_the_c_locale(claims_dir):
    assert run_in({"LANG": "C"}, "search", "서울 지하철 요금", claims=claims_dir)[2].strip() == "no matching claim"


def test_an_unreadable_verdict_lists_the_accepted_forms_in_korean(claims_dir):
    code, _out, err = run_in(KOREAN, "list", "--status", "거의 사실", claims=claims_dir)
    assert code == 2 and "'--status'의 값이 잘못되었습니다: '거의 사실'은(는) 판정이 아닙니다" in err
    assert "절반의 사실(half-true, Half true)" in err


def test_an_unreadable_date_lists_the_accepted_forms_in_korean(empty_claims):
    code, _out, err = run_in(KOREAN, "add", "--claim", "x", "--claimant", "y", "--date", "9월 1일", "--yes",
                             claims=empty_claims)
    assert code == 2 and "'9월 1일'은(는) 날짜가 아닙니다" in err and "2025년 9월 1일" in err
    assert list(empty_claims.iterdir()) == []


def test_validation_summaries_are_korean(claims_dir):
    code, _out, err = run_in(KOREAN, "validate", claims=claims_dir)
    assert code == 0 and err.strip() == "주장 파일 10개 모두 문제없음"



def test_an_imports_item_positions_are_korean_on_the_terminal_and_english_in_json(empty_claims, tmp_path):
    reviews = tmp_path / "reviews.json"
    reviews.write_text('[{"text": "x", "claimReview": [{"a": 1}, {"b": 2}]}]', encoding="utf-8")
    _code, _out, err = run_in(KOREAN, "import", str(reviews), claims=empty_claims)
    assert "1번째 항목, 2번째 검증: 잘못됨" in err and "item 1" not in err
    _code, out, _err = run_in(KOREAN, "import", str(reviews), "--json", claims=empty_claims)
    assert [item["position"] for item in json.loads(out)["invalid_items"]] == ["item 1, review 1", "item 1, review 2"]



def test_a_validation_problems_values_are_korean_too(empty_claims):
    (empty_claims / "x.yaml").write_text("id: x\nclaim: 예산이 늘었다\nclaimant: 정성주\nstatus: unverified\n"
                                         "sources: []\n", encoding="utf-8")
    _code, problems, _err = run_in(KOREAN, "validate", claims=empty_claims)
    assert "3~80자여야 합니다" in problems and "받은 것: 문자열" in problems
    assert not {"to", "object", "str"} & set(re.findall(r"[a-z]+", problems.split("claimant:")[1]))


def test_an_invalid_id_is_explained_in_korean(claims_dir):
    code, _out, err = run_in(KOREAN, "show", "X", claims=claims_dir)
    assert code == 2 and "id는 소문자 ASCII 슬러그입니다" in err



def test_a_broken_or_unsafe_yaml_file_is_reported_in_korean(empty_claims):
    (empty_claims / "broken.yaml").write_text("id: broken\nclaim: [unclosed\n", encoding="utf-8")
    (empty_claims / "tagged.yaml").write_text("id: tagged\nclaim: !!python/object:os.system x\n", encoding="utf-8")
    _code, problems, _err = run_in(KOREAN, "validate", claims=empty_claims)
    assert "broken.yaml:3: 올바른 YAML이 아닙니다: " in problems
    assert "tagged.yaml:2: 안전하지 않거나 알 수 없는 YAML 태그를 거부했습니다: " in problems



def test_a_broken_file_a_search_warns_about_is_said_in_korean_from_the_index_too(claims_dir):
    (claims_dir / "broken.yaml").write_text("id: broken\nclaim: [unclosed\n", encoding="utf-8")
    run_in({}, "search", "예타", claims=claims_dir)  # the index learns of the file in English
    for _run in range(2):
        _code, _out, err = run_in(KOREAN, "search", "예타", claims=claims_dir)
        assert "broken.yaml:3: 올바른 YAML이 아닙니다: " in err and "not valid YAML" not in err

def test_the_operating_systems_reason_is_said_in_korean(claims_dir, tmp_path):
    code, _out, err = run_in(KOREAN, "show", YETA, "-o", str(tmp_path / "missing" / "yeta.md"), claims=claims_dir)
    assert code == 2 and "그런 파일이나 폴더가 없습니다" in err and "No such file" not in err


def test_a_feed_that_cannot_be_read_is_reported_in_korean(claims_dir):
    code, _out, err = run_in(KOREAN, "scan", "http://127.0.0.1:9/feed", claims=claims_dir)
    assert "경고: 피드 http://127.0.0.1:9/feed: " in err and "루프백" in err and "loopback" not in err


# --------------------------------------------------------------------------- Korean entry everywhere


def test_list_takes_a_korean_verdict_with_or_without_spaces(claims_dir):
    ids = [json.loads(run_in({}, "list", "--status", status, "--json", claims=claims_dir)[1])["claims"]
           for status in ("half-true", "절반의 사실", "절반의사실", "Half true", "HALF-TRUE")]
    assert ids[0] and all(found == ids[0] for found in ids)


def test_search_takes_a_korean_verdict_filter(claims_dir):
    found = json.loads(run_in({}, "search", "예타", "--status", "대체로 사실 아님", "--json", claims=claims_dir)[1])
    assert found["results"] and {r["status"] for r in found["results"]} == {"mostly-false"}


def test_verdict_takes_a_korean_verdict_and_stores_its_code(claims_dir):
    code, out, err = run_in(KOREAN, "verdict", YETA, "대체로 사실", "--correction", "국무회의 날짜를 다시 확인했다",
                            "--json", claims=claims_dir)
    assert code == 0 and json.loads(out)["status"] == "mostly-true"
    assert f"{YETA}: 판정이 이제 대체로 사실입니다" in err
    assert "status: mostly-true" in next(claims_dir.rglob(f"{YETA}.yaml")).read_text(encoding="utf-8")


def test_add_takes_a_korean_date_and_an_english_verdict_name_and_stores_iso_and_code(empty_claims):
    code, out, _err = run_in({}, "add", "--claim", "군산시는 새만금 신항을 2030년에 개항한다", "--claimant", "군산시",
                             "--date", "2025년 9월 1일", "--status", "Unverified", "--yes", "--json",
                             claims=empty_claims)
    assert code == 0
    assert stored_date(empty_claims) == "2025-09-01" and "status: unverified" in claim_file_text(empty_claims)
    assert set(json.loads(out)) == {"id", "path"}


@pytest.mark.parametrize("typed,stored", [("2025. 9. 1.", "2025-09-01"), ("2025/9", "2025-09"), ("2025년", "2025")])
def test_add_stores_each_date_form_as_iso(empty_claims, typed, stored):
    run_in({}, "add", "--claim", "군산시는 새만금 신항을 개항한다", "--claimant", "군산시", "--date", typed,
           "--status", "unverified", "--yes", claims=empty_claims)
    assert stored_date(empty_claims) == stored


def test_the_interactive_add_asks_in_korean_and_reads_korean_answers(empty_claims):
    answers = "\n".join([
        "군산시는 새만금 신항을 2030년에 개항한다", "", "군산시", "",
        "10월 2025",  # not a date: asked again
        "2025년 10월", "", "", "",  # no appearance, tags or entities
        "아마도",  # not a verdict: asked again
        "판단 유보", "아직 확인하지 않았다",
        "", "", "",  # no source, the suggested id, and yes: write it
    ]) + "\n"
    code, _out, err = run_in(KOREAN, "add", claims=empty_claims, answers=answers, terminal=True)
    assert code == 0, err
    for question in ("주장 (말한 그대로)", "영어 번역", "발언자", "말한 날", "판단 근거", "판정 [사실/대체로 사실"):
        assert question in err
    assert "'10월 2025'은(는) 날짜가 아닙니다" in err and "'아마도'은(는) 판정이 아닙니다" in err
    assert stored_date(empty_claims) == "2025-10" and "status: unverified" in claim_file_text(empty_claims)
    assert "추가했습니다" in err


def test_a_yes_or_no_question_takes_a_korean_answer(claims_dir):
    near_duplicate = "김제 AI 피지컬 사업은 8월 22일 국무회의 의결을 거쳐 예비타당성조사(예타) 면제가 최종 확정됐다"
    flags = ["add", "--claim", near_duplicate, "--claimant", "전광훈", "--status", "unverified", "--date", "2025-09"]
    code, _out, err = run_in(KOREAN, *flags, claims=claims_dir, answers="\n\n\n\n\n\n\n\n\n아니오\n", terminal=True)
    assert code == 2 and "그래도 추가할까요? [y/N]" in err and "추가하지 않았습니다" in err


# --------------------------------------------------------------------------- what stays English


@pytest.mark.parametrize("args", [("search", "예타 면제", "--json"), ("list", "--json"), ("stats", "--json"),
                                  ("show", YETA, "--format", "json"), ("index", "--json")])
def test_json_is_the_same_in_both_languages(claims_dir, args):
    english = run_in({"LANG": "C"}, *args, claims=claims_dir)[1]
    korean = run_in(KOREAN, *args, claims=claims_dir)[1]
    assert json.loads(english) == json.loads(korean)


def test_json_keys_and_verdict_codes_stay_english_under_a_korean_locale(claims_dir):
    found = json.loads(run_in(KOREAN, "search", "예타 면제", "--json", claims=claims_dir)[1])
    assert set(found) == {"query", "results", "related"} and found["results"][0]["status"] in (
        "true", "mostly-true", "half-true", "mostly-false", "false", "unverified")


# --------------------------------------------------------------------------- text views in Korean


def test_the_markdown_report_has_korean_labels(claims_dir):
    out = run_in(KOREAN, "show", YETA, "--format", "md", claims=claims_dir)[1]
    assert "**판정: 절반의 사실 (Half true)**" in out and "## 출처" in out and "- 발언자: " in out


def test_the_markdown_report_keeps_english_labels_in_english(claims_dir):
    out = run_in({"LANG": "C"}, "show", YETA, "--format", "md", claims=claims_dir)[1]
    assert "**Verdict: 절반의 사실 (Half true)**" in out and "## Sources" in out


def test_show_list_stats_and_index_have_korean_headings(claims_dir):
    assert "출처 (" in run_in(KOREAN, "show", YETA, claims=claims_dir)[1]
    listed = run_in(KOREAN, "list", claims=claims_dir, terminal=True, width=200)[1]
    assert "판정" in listed and "발언자" in listed and "주장 10건:" in listed
    stats = run_in(KOREAN, "stats", claims=claims_dir)[1]
    assert "판정별" in stats and "발언자별" in stats and "태그별" in stats and "주장 10건" in stats
    assert "주장 수: 10" in run_in(KOREAN, "index", claims=claims_dir)[1]


def test_source_check_statuses_and_summary_are_korean(empty_claims, web):
    write_claim(empty_claims, "seoul-fare", sources=[
        {"url": web.url("/missing"), "publisher": "예시신문", "quote": "지하철 요금을 인상"}])
    code, out, err = run_in(KOREAN, "sources", "check", "--allow-private", claims=empty_claims)
    assert code == 1 and "사라짐" in out and "상태" in out and "주소 / 이유" in out
    assert "출처 1개 확인, 문제 1개" in err
