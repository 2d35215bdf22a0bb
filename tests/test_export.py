"""Data exports: JSON, JSON Lines, CSV with a fixed column order (UTF-8, no BOM), ClaimReview lists, filters."""

from __future__ import annotations

import csv
import io
import json

import pytest

from factcheck.store.settings import PublishSettings
from factcheck.errors import FactcheckError
from conftest import write_claim
from factcheck.exchange.exporters import CSV_COLUMNS
from factcheck.model import select_records
from factcheck.publish.formats import export_text


def claim(claim_id: str, **changes) -> dict:
    base = {
        "id": claim_id,
        "claim": "김제시는 3년 연속 국가예산 1조 원을 확보했다",
        "claimant": {"name": "정성주", "role": "김제시장", "type": "Person"},
        "tags": ["국가예산", "김제"],
        "status": "mostly-true",
        "rationale": {"ko": "근거.", "en": "Reason."},
        "sources": [{"url": "https://a.example/1", "publisher": "뉴스1", "quote": "인용"},
                    {"url": "https://b.example/2", "publisher": "전북일보", "quote": "인용 둘"}],
    }
    base.update(changes)
    return base


CLAIMS = [claim("b-claim"), claim("a-claim", status="false", tags=["예타"]),
          claim("c-claim", status="unverified", sources=[], rationale="평문 근거")]


def test_json_is_a_list_of_the_records():
    assert json.loads(export_text(CLAIMS, "json")) == CLAIMS


def test_jsonl_is_one_record_per_line():
    lines = export_text(CLAIMS, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == CLAIMS


def test_korean_stays_readable_in_json():
    assert "김제시" in export_text(CLAIMS, "json") and "\\u" not in export_text(CLAIMS, "jsonl")


def test_csv_has_the_fixed_columns_in_order():
    rows = list(csv.reader(io.StringIO(export_text(CLAIMS, "csv"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)


def test_csv_column_order_does_not_depend_on_the_claims():
    sparse = export_text([{"id": "x-y-z", "claim": "c", "status": "unverified", "sources": []}], "csv")
    assert sparse.splitlines()[0] == export_text(CLAIMS, "csv").splitlines()[0]


def test_csv_is_utf8_without_bom_and_with_crlf_rows():
    data = export_text(CLAIMS, "csv").encode("utf-8")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.split(b"\r\n")[0].decode() == ",".join(CSV_COLUMNS)


def test_csv_row_values():
    row = next(csv.DictReader(io.StringIO(export_text([CLAIMS[0]], "csv"), newline="")))
    assert row["status"] == "mostly-true" and row["verdict_ko"] == "대체로 사실" and row["verdict_en"] == "Mostly true"
    assert (row["claimant"], row["claimant_role"], row["claimant_type"]) == ("정성주", "김제시장", "Person")
    assert row["tags"] == "국가예산\n김제"
    assert row["source_count"] == "2"
    assert row["source_urls"] == "https://a.example/1\nhttps://b.example/2"
    assert (row["rationale_ko"], row["rationale_en"]) == ("근거.", "Reason.")


def test_a_plain_string_rationale_goes_in_the_korean_column():
    row = next(csv.DictReader(io.StringIO(export_text([CLAIMS[2]], "csv"), newline="")))
    assert (row["rationale_ko"], row["rationale_en"]) == ("평문 근거", "")


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil.example\")", "+1+2", "-2+3", "@SUM(A1)"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(text):
    row = next(csv.DictReader(io.StringIO(export_text([claim("f-claim", claim=text)], "csv"), newline="")))
    assert row["claim"] == "'" + text


def test_claimreview_export_is_a_list_of_claimreview_objects():
    reviews = json.loads(export_text(CLAIMS, "claimreview", PublishSettings(site="https://fc.example.kr")))
    assert [r["@type"] for r in reviews] == ["ClaimReview"] * 3
    assert [r["url"] for r in reviews] == [f"https://fc.example.kr/claims/{c['id']}.html" for c in CLAIMS]


def test_select_by_status_and_tag_in_id_order():
    assert [c["id"] for c in select_records(CLAIMS)] == ["a-claim", "b-claim", "c-claim"]
    assert [c["id"] for c in select_records(CLAIMS, status="false")] == ["a-claim"]
    assert [c["id"] for c in select_records(CLAIMS, tag="김제")] == ["b-claim", "c-claim"]
    assert select_records(CLAIMS, status="true") == []


def test_unknown_format_is_refused():
    with pytest.raises(FactcheckError, match="unknown export format"):
        export_text(CLAIMS, "xml")


# --------------------------------------------------------------------------- claims reviewed elsewhere

AFP = {"format": "claimreview", "url": "https://factcheck.afp.com/doc.afp.com.123", "publisher": "AFP",
       "rating": "False", "language": "en", "imported": "2025-01-05"}


@pytest.fixture
def mixed_repo(empty_claims):
    (empty_claims / "factcheck.yaml").write_text(
        "site: https://fc.example.kr\npublisher:\n  name: 우리 팩트체크\n", encoding="utf-8")
    write_claim(empty_claims, "our-own-claim")
    write_claim(empty_claims, "afp-claim", claim="다른 주장", origin=AFP)
    return empty_claims


def test_cli_claimreview_export_leaves_out_what_others_reviewed_and_says_so(run, mixed_repo):
    result = run(mixed_repo, "export", "--format", "claimreview")
    assert result.exit_code == 0, result.output
    assert [r["identifier"] for r in json.loads(result.stdout)] == ["our-own-claim"]
    assert "left out 1 claim(s) imported from other fact-checkers; --include-imported" in result.stderr


def test_cli_claimreview_export_include_imported_credits_their_publisher(run, mixed_repo):
    result = run(mixed_repo, "export", "--format", "claimreview", "--include-imported")
    reviews = {r["identifier"]: r for r in json.loads(result.stdout)}
    assert reviews["afp-claim"]["author"] == {"@type": "Organization", "name": "AFP"}
    assert reviews["afp-claim"]["url"] == AFP["url"]
    assert reviews["our-own-claim"]["author"]["name"] == "우리 팩트체크"
    assert "left out" not in result.stderr


def test_cli_data_exports_keep_imported_claims(run, mixed_repo):
    result = run(mixed_repo, "export", "--format", "json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["afp-claim", "our-own-claim"]
    assert "left out" not in result.stderr


def test_cli_export_takes_part_of_a_tag_as_list_does(run, claims_dir):
    result = run(claims_dir, "export", "--format", "jsonl", "--tag", "예타")
    assert result.exit_code == 0
    assert all("예타 면제" in json.loads(line)["tags"] for line in result.stdout.splitlines())
    assert len(result.stdout.splitlines()) == 3


def test_cli_export_whose_filters_match_nothing_says_why_writes_nothing_and_exits_1(run, claims_dir, tmp_path):
    result = run(claims_dir, "export", "--status", "false", "--tag", "예타", "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 1 and result.stderr == "no claim matches --status false --tag 예타\n"
    assert result.stdout == "" and not (tmp_path / "out.json").exists()


def test_cli_export_of_a_tag_no_claim_has_names_the_tags_like_it(run, claims_dir):
    result = run(claims_dir, "export", "--tag", "예타 면졔")
    assert result.exit_code == 1 and "예타 면제" in result.stderr
