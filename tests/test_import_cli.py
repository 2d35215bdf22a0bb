"""`factcheck import`, `factcheck import google`, `factcheck export` and `report --format claimreview`, run
through the CLI as users (and ../shared/eval/relevance.py) run them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from http_server import Reply

API_PATH = "/v1alpha1/claims:search"


def review(n: int, claim: str | None = None) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://fc.example.org/checks/{n}",
        "claimReviewed": claim or f"Distractor claim number {n} about rainfall",
        "reviewRating": {"@type": "Rating", "alternateName": "Mostly False"},
        "author": {"@type": "Organization", "name": "Example Check"},
    }


@pytest.fixture
def reviews_file(tmp_path):
    path = tmp_path / "distractors.json"
    path.write_text(json.dumps([review(1, "금강 하구둑 수문을 열면 홍수가 난다"), review(2), review(3)],
                               ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- import FILE


def test_import_as_the_relevance_script_calls_it_then_search_finds_it(run, claims_dir, reviews_file):
    result = run(claims_dir, "import", str(reviews_file), input="")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().endswith("3 added, 0 duplicate(s), 0 invalid")
    found = run(claims_dir, "search", "금강 하구둑 수문", "--json", "--limit", "5")
    assert found.exit_code == 0
    assert json.loads(found.stdout)["results"][0]["claim"] == "금강 하구둑 수문을 열면 홍수가 난다"


def test_imported_claims_are_listed_with_the_others(run, claims_dir, reviews_file):
    before = len(json.loads(run(claims_dir, "list", "--json").stdout)["claims"])
    run(claims_dir, "import", str(reviews_file))
    assert len(json.loads(run(claims_dir, "list", "--json").stdout)["claims"]) == before + 3


def test_importing_again_reports_duplicates_and_exits_0(run, claims_dir, reviews_file):
    first = json.loads(run(claims_dir, "import", str(reviews_file), "--json").stdout)
    again = run(claims_dir, "import", str(reviews_file))
    assert again.exit_code == 0
    lines = again.stderr.strip().splitlines()
    assert lines[0] == f"item 1: duplicate of {first['added_claims'][0]['id']} (same review URL)"
    assert lines[-1].endswith("0 added, 3 duplicate(s), 0 invalid")


def test_json_report_on_stdout(run, claims_dir, tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([review(1), {"@type": "ClaimReview", "claimReviewed": "x"}, review(1)]), encoding="utf-8")
    report = json.loads(run(claims_dir, "import", str(path), "--json").stdout)
    assert (report["added"], report["duplicates"], report["invalid"]) == (1, 1, 1)
    assert report["added_claims"][0]["path"].startswith("imported/example-check/")
    assert report["invalid_items"] == [{"position": "item 2", "reason": "no rating"}]
    assert report["duplicate_items"][0]["position"] == "item 3"
    assert report["duplicate_items"][0]["in_this_import"] is True


def test_nothing_readable_exits_2(run, claims_dir, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"@type": "ClaimReview"}, {"@type": "Thing"}]), encoding="utf-8")
    result = run(claims_dir, "import", str(path))
    assert result.exit_code == 2
    assert "item 1: invalid: no claim text" in result.stderr


@pytest.mark.parametrize("content, message", [
    ("[1, 2", "not valid JSON"), ("[]", "nothing to import"),
])
def test_an_unreadable_file_is_one_line_and_exit_2(run, claims_dir, tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    result = run(claims_dir, "import", str(path))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_missing_file_exits_2(run, claims_dir, tmp_path):
    result = run(claims_dir, "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_import_from_standard_input(run, empty_claims):
    lines = "\n".join(json.dumps(review(n)) for n in range(3)) + "\n"
    result = run(empty_claims, "import", "-", input=lines)
    assert result.exit_code == 0
    assert "standard input (claimreview): 3 added" in result.stderr


def test_import_csv_with_a_column_map(run, empty_claims, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("\ufeffid,date,title,judge\n7,2023.11.05,\"우리나라 수도 인구 비율은\n낮다\",대체로 사실 아님\n",
                    encoding="utf-8")
    result = run(empty_claims, "import", str(path), "--publisher", "SNU팩트체크", "--language", "ko", "--json",
                 "--map", "claim=title,claim_date=date,rating=judge,url=https://factcheck.snu.ac.kr/facts/show?id={id}")
    assert result.exit_code == 0, result.stderr
    [added] = json.loads(result.stdout)["added_claims"]
    shown = json.loads(run(empty_claims, "report", added["id"], "--format", "json").stdout)
    assert shown["claim"] == "우리나라 수도 인구 비율은 낮다"
    assert shown["status"] == "mostly-false"
    assert shown["origin"]["rating"] == "대체로 사실 아님"


def test_a_bad_map_is_a_usage_error(run, empty_claims, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("title,judge\n주장,사실\n", encoding="utf-8")
    result = run(empty_claims, "import", str(path), "--map", "claim=headline,rating=judge")
    assert result.exit_code == 2 and "no column 'headline'" in result.stderr


def test_no_progress_bar_off_a_terminal(run, empty_claims, reviews_file):
    result = run(empty_claims, "import", str(reviews_file))
    assert "importing" not in result.stderr and "\x1b" not in result.stderr


def test_data_never_reaches_the_terminal_as_control_characters(run, empty_claims, tmp_path):
    path = tmp_path / "evil.json"
    path.write_text(json.dumps([{"@type": "\x1b[2JClaimReview"}]), encoding="utf-8")
    result = run(empty_claims, "import", str(path))
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr


# --------------------------------------------------------------------------- import google


def api_page(claims: list, token: str | None = None) -> Reply:
    body = {"claims": claims, **({"nextPageToken": token} if token else {})}
    return Reply(200, json.dumps(body), content_type="application/json")


def api_claim(n: int) -> dict:
    return {"text": f"The dam on river {n} was opened", "claimReview": [{
        "publisher": {"name": "Full Fact", "site": "fullfact.org"}, "url": f"https://fullfact.org/{n}",
        "title": f"Dam {n} stayed shut", "textualRating": "Incorrect", "languageCode": "en"}]}


@pytest.fixture
def api(web, monkeypatch):
    monkeypatch.setenv("FACTCHECK_GOOGLE_API_KEY", "k")
    monkeypatch.setenv("FACTCHECK_GOOGLE_API_URL", web.url(API_PATH))
    return web


def test_import_google_follows_pages_and_can_save_the_response(run, empty_claims, api, tmp_path):
    api.route(API_PATH, [api_page([api_claim(1)], "p2"), api_page([api_claim(2)])])
    saved = tmp_path / "response.json"
    result = run(empty_claims, "import", "google", "--query", "dam", "--language", "en", "--max-age-days", "7",
                 "--save", str(saved))
    assert result.exit_code == 0, result.stderr
    assert "2 added" in result.stderr
    assert [s.query.get("maxAgeDays") for s in api.seen] == [["7"], ["7"]]
    again = run(empty_claims, "import", str(saved))
    assert again.exit_code == 0 and "0 added, 2 duplicate(s)" in again.stderr


def test_import_google_without_results_exits_1(run, empty_claims, api):
    api.route(API_PATH, api_page([]))
    result = run(empty_claims, "import", "google", "-q", "nothing like this")
    assert result.exit_code == 1 and "no fact-checks found" in result.stderr


def test_import_google_quota_error_is_one_line_exit_2(run, empty_claims, api):
    api.route(API_PATH, Reply(429, json.dumps({"error": {"code": 429, "message": "Quota exceeded",
                                                         "status": "RESOURCE_EXHAUSTED"}}),
                              content_type="application/json"))
    result = run(empty_claims, "import", "google", "--query", "dam")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("Error: Google Fact Check API quota exceeded (HTTP 429): Quota exceeded; "
                                     "try again later")


def test_import_google_without_a_key_exits_2(run, empty_claims, monkeypatch):
    monkeypatch.delenv("FACTCHECK_GOOGLE_API_KEY", raising=False)
    result = run(empty_claims, "import", "google", "--query", "dam")
    assert result.exit_code == 2 and "set FACTCHECK_GOOGLE_API_KEY" in result.stderr


# --------------------------------------------------------------------------- export and report


def test_export_claimreview_then_import_into_an_empty_repository(run, claims_dir, tmp_path):
    empty_claims = tmp_path / "other-claims"
    empty_claims.mkdir()
    out = tmp_path / "cr.json"
    result = run(claims_dir, "export", "--format", "claimreview", "--site", "https://fc.example.kr", "-o", str(out))
    assert result.exit_code == 0 and "wrote 10 claim(s)" in result.stderr
    assert run(empty_claims, "import", str(out)).exit_code == 0
    original = json.loads(run(claims_dir, "list", "--json").stdout)["claims"]
    copied = json.loads(run(empty_claims, "list", "--json").stdout)["claims"]
    assert sorted((c["id"], c["status"], c["claim"]) for c in copied) == sorted(
        (c["id"], c["status"], c["claim"]) for c in original)


def test_export_claimreview_without_site_warns(run, claims_dir):
    result = run(claims_dir, "export", "--format", "claimreview")
    assert result.exit_code == 0
    assert "no site" in result.stderr
    assert all("url" not in r for r in json.loads(result.stdout))


def test_export_claimreview_uses_factcheck_yaml(run, claims_dir):
    (claims_dir / "factcheck.yaml").write_text(
        "site: https://fc.example.kr\npublisher:\n  name: 예시 팩트체크\n  url: https://example.kr\n",
        encoding="utf-8")
    result = run(claims_dir, "export", "--format", "claimreview")
    assert result.stderr == ""
    first = json.loads(result.stdout)[0]
    assert first["url"].startswith("https://fc.example.kr/claims/")
    assert first["author"]["name"] == "예시 팩트체크"


def test_export_csv_to_a_file_with_a_status_filter(run, claims_dir, tmp_path):
    out = tmp_path / "half.csv"
    result = run(claims_dir, "export", "--format", "csv", "--status", "half-true", "-o", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows and {r["status"] for r in rows} == {"half-true"}
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_json_is_the_default(run, claims_dir):
    records = json.loads(run(claims_dir, "export").stdout)
    assert len(records) == 10 and all("status" in r for r in records)


def test_export_jsonl_with_a_tag(run, claims_dir):
    lines = run(claims_dir, "export", "--format", "jsonl", "--tag", "예타 면제").stdout.splitlines()
    assert lines and all("예타 면제" in json.loads(line)["tags"] for line in lines)


def test_report_prints_one_claimreview(run, claims_dir):
    result = run(claims_dir, "report", "gimje-physical-ai-yeta-exemption", "--format", "claimreview",
                 "--site", "https://fc.example.kr")
    review = json.loads(result.stdout)
    assert review["@type"] == "ClaimReview"
    assert review["url"] == "https://fc.example.kr/claims/gimje-physical-ai-yeta-exemption.html"
    assert review["reviewRating"]["alternateName"] == "절반의 사실"
