"""`factcheck search`: ranked matches on the seed claims, an honest "no matching claim", clean errors."""

import json
import re
import unicodedata

from conftest import write_claim


def results(result):
    return json.loads(result.stdout)["results"]


def test_yeta_exemption_query_puts_the_yeta_claim_first_with_verdict_and_sources(run, claims_dir):
    result = run(claims_dir, "search", "예타 면제")
    assert result.exit_code == 0
    first_block = result.stdout.split("\n\n")[0]
    assert first_block.startswith("1. [절반의 사실] ")
    assert " · gimje-physical-ai-yeta-exemption\n" in first_block
    assert "예타" in first_block and "면제" in first_block
    assert "절반의 사실" in result.stdout or "대체로 사실 아님" in result.stdout
    assert "source:" in first_block


def test_json_results_carry_the_documented_fields(run, claims_dir):
    result = run(claims_dir, "search", "예타 면제", "--json")
    payload = json.loads(result.stdout)
    assert payload["query"] == "예타 면제"
    top = payload["results"][0]
    for key in ("id", "claim", "claim_en", "claimant", "status", "status_label", "score", "sources"):
        assert key in top
    assert "예타" in top["claim"] and top["sources"][0]["quote"]


def test_unrelated_query_says_no_matching_claim_and_exits_1(run, claims_dir):
    result = run(claims_dir, "search", "서울 지하철 요금")
    assert result.exit_code == 1
    assert "no matching claim" in result.stderr
    assert result.stdout == ""


def test_unrelated_query_in_json_has_empty_results(run, claims_dir):
    result = run(claims_dir, "search", "서울 지하철 요금", "--json")
    assert result.exit_code == 1
    assert results(result) == []


def test_words_given_without_quotes_are_one_query(run, claims_dir):
    result = run(claims_dir, "search", "예타", "면제", "--json")
    assert "예타" in results(result)[0]["claim"]


def test_empty_and_whitespace_queries_are_usage_errors(run, claims_dir):
    for query in ("", "   "):
        result = run(claims_dir, "search", query)
        assert result.exit_code == 2
        assert "empty query" in result.stderr
        assert "Traceback" not in result.output


def test_status_filter_keeps_only_that_verdict(run, claims_dir):
    result = run(claims_dir, "search", "김제", "--status", "true", "--json")
    assert results(result) and all(r["status"] == "true" for r in results(result))


def test_unknown_status_is_a_usage_error(run, claims_dir):
    result = run(claims_dir, "search", "예타", "--status", "pants-on-fire")
    assert result.exit_code == 2


def test_tag_filter_keeps_only_tagged_claims(run, claims_dir):
    write_claim(claims_dir, "tagged-subway-claim", tags=["교통"])
    result = run(claims_dir, "search", "지하철 요금", "--tag", "교통", "--json")
    assert [r["id"] for r in results(result)] == ["tagged-subway-claim"]


def test_explain_says_which_terms_matched_where(run, claims_dir):
    result = run(claims_dir, "search", "예타 면졔", "--explain", "--json")
    reasons = " ".join(results(result)[0]["explain"])
    assert "예타" in reasons and "claim" in reasons
    assert "typo" in reasons


def test_limit_caps_the_number_of_results(run, claims_dir):
    assert len(results(run(claims_dir, "search", "김제", "--json", "--limit", "2"))) == 2


def test_rich_markup_in_a_claim_is_printed_literally(run, empty_claims):
    write_claim(empty_claims, "markup-claim", claim="[bold red]지하철[/] 요금 인상")
    result = run(empty_claims, "search", "지하철 요금")
    assert "[bold red]지하철[/] 요금 인상" in result.stdout


def test_ansi_escapes_in_data_never_reach_the_terminal_raw(run, empty_claims):
    # Stored text may not hold control characters: the claim is refused, and the refusal names the
    # character without printing it.
    write_claim(empty_claims, "ansi-claim", claim="지하철 요금 \x1b[31m인상\x1b[0m", claim_en="fare \x1b]0;pwned\x07 hike")
    for args in (("search", "지하철 요금"), ("show", "ansi-claim"), ("list",)):
        result = run(empty_claims, *args)
        for stream in (result.stdout, result.stderr):
            assert "\x1b" not in stream and "\x07" not in stream
        assert "U+001B" in result.stderr


def test_a_broken_claim_file_is_reported_with_file_and_line_and_others_still_work(run, claims_dir):
    (claims_dir / "broken-claim.yaml").write_text("id: broken-claim\nclaim: [unclosed\nstatus: true\n", encoding="utf-8")
    for args in (("search", "예타 면제"), ("list",), ("show", "gimje-physical-ai-yeta-exemption")):
        result = run(claims_dir, *args)
        assert result.exit_code == 0, result.output
        assert result.stderr.count("broken-claim.yaml:") == 1
        assert "broken-claim.yaml:3:" in result.stderr
        assert "예타" in result.stdout


def test_showing_the_broken_claim_itself_is_a_data_error(run, claims_dir):
    (claims_dir / "broken-claim.yaml").write_text("id: broken-claim\nclaim: [unclosed\nstatus: true\n", encoding="utf-8")
    result = run(claims_dir, "show", "broken-claim")
    assert result.exit_code == 2
    assert "broken-claim.yaml:3:" in result.stderr


def test_a_python_tag_is_refused_and_never_executed(run, empty_claims, tmp_path):
    marker = tmp_path / "pwned"
    (empty_claims / "evil-claim.yaml").write_text(
        f"id: evil-claim\nclaim: !!python/object/apply:os.system ['touch {marker}']\nstatus: 'true'\nsources: []\n",
        encoding="utf-8",
    )
    write_claim(empty_claims, "good-claim")
    result = run(empty_claims, "list", "--json")
    assert not marker.exists()
    assert "evil-claim.yaml" in result.stderr and "unsafe" in result.stderr
    assert [c["id"] for c in json.loads(result.stdout)["claims"]] == ["good-claim"]


def test_search_sees_a_claim_edited_after_the_last_search(run, empty_claims):
    path = write_claim(empty_claims, "edited-claim", claim="버스 노선 개편")
    assert run(empty_claims, "search", "버스 노선").exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace("버스 노선 개편", "공공 도서관 신축"), encoding="utf-8")
    assert run(empty_claims, "search", "버스 노선").exit_code == 1
    assert run(empty_claims, "search", "도서관 신축").exit_code == 0


def test_search_forgets_a_deleted_claim(run, empty_claims):
    path = write_claim(empty_claims, "deleted-claim", claim="버스 노선 개편")
    assert run(empty_claims, "search", "버스 노선").exit_code == 0
    path.unlink()
    assert run(empty_claims, "search", "버스 노선").exit_code == 1


# --------------------------------------------------------------------------- on a terminal

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def visible(text: str) -> str:
    return SGR.sub("", text)


def colours(text: str) -> set[str]:
    """The colour parameters (30-49, 90-107) of the escape sequences in text."""
    params = {p for seq in SGR.findall(text) for p in seq.split(";") if p}
    return {p for p in params if 30 <= int(p) <= 49 or 90 <= int(p) <= 107}


def test_on_a_terminal_each_result_has_its_verdict_as_a_coloured_badge(on_terminal, claims_dir):
    ran = on_terminal(claims_dir, "search", "예타 면제", colour=True)
    assert ran.exit_code == 0
    first = visible(ran.stdout).split("\n\n")[0]
    assert first.startswith("1.  절반의 사실  김제 AI 피지컬")  # a badge, not the [절반의 사실] of a pipe
    assert "gimje-physical-ai-yeta-exemption" in first and "source: 한국방송" in first
    assert colours(ran.stdout)


def test_on_a_terminal_no_color_prints_the_same_text_without_colours(on_terminal, claims_dir):
    coloured = on_terminal(claims_dir, "search", "예타 면제", colour=True)
    plain = on_terminal(claims_dir, "search", "예타 면제")
    assert colours(plain.stdout) == set()
    assert visible(plain.stdout) == visible(coloured.stdout)


def test_on_a_terminal_results_wrap_at_its_width_between_words(on_terminal, claims_dir):
    def cells(line: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)

    claim = json.loads(on_terminal(claims_dir, "search", "예타 면제", "--json").stdout)["results"][0]["claim"]
    ran = on_terminal(claims_dir, "search", "예타 면제", columns=50)
    text = visible(ran.stdout)
    assert max(cells(line) for line in text.splitlines()) <= 50
    first = text.split("\n\n")[0]
    assert all(word in first for word in claim.split())  # wrapped between words, none cut in two


def test_on_a_terminal_markup_in_a_claim_is_shown_as_text_and_an_escape_is_refused_unprinted(on_terminal, empty_claims):
    # Stored text may not hold control characters (test_hostile_model): the claim holding one is
    # refused, and the refusal names the character without printing it.
    write_claim(empty_claims, "markup-claim", claim="[bold red]지하철[/] 요금 인상")
    write_claim(empty_claims, "ansi-claim", claim="지하철 요금 \x1b[31m인상")
    ran = on_terminal(empty_claims, "search", "지하철 요금", colour=True)
    assert "[bold red]지하철[/] 요금 인상" in visible(ran.stdout)
    assert "\x1b[31m인상" not in ran.stdout and "\x1b" not in ran.stderr
    assert "U+001B" in ran.stderr


def test_into_a_pipe_results_are_plain_lines(run, claims_dir):
    result = run(claims_dir, "search", "예타 면제")
    assert "\x1b" not in result.stdout
    assert result.stdout.startswith("1. [절반의 사실] 김제 AI 피지컬")
