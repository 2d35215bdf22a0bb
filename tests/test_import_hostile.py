"""Hostile import files: every item is read inside its own error boundary, so one bad item is listed
and skipped while the others are imported, and nothing is lost without a word."""

import json

import pytest

from factcheck.exchange.importing.read import read_items


def review(n: int, **extra) -> dict:
    return {"@type": "ClaimReview", "claimReviewed": f"주장 번호 {n}", "url": f"https://x.example/r/{n}",
            "reviewRating": {"@type": "Rating", "alternateName": "False"}, **extra}


def import_json(run, claims, tmp_path, text: str, name: str = "reviews.json"):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    result = run(claims, "import", str(source), "--json")
    assert "Traceback" not in result.output
    return result, json.loads(result.stdout) if result.stdout else None


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    "bad",
    [
        '{"@type": "ClaimReview", "claimReviewed": "깊음", "deep": ' + DEEP + "}",
        json.dumps(review(0)).replace('"False"}', '"False", "ratingValue": ' + "9" * 5000 + "}"),
        json.dumps(review(0, reviewRating={"ratingValue": 3, "bestRating": 1e308, "worstRating": -1e308})),
        json.dumps(review(0)).replace('"False"}', '"x", "ratingValue": Infinity, "bestRating": Infinity}'),
        json.dumps(review(0)).replace('"False"}', '"x", "ratingValue": NaN}'),
        json.dumps(review(0, keywords=True)),
        json.dumps(review(0, keywords=12)),
        json.dumps(review(0, itemReviewed=[])),
        json.dumps(review(0, author=True, publisher=[[]])),
    ],
    ids=["deep", "5000-digits", "huge-scale", "infinite", "nan", "keywords-true", "keywords-int", "empty-item",
         "odd-author"],
)
def test_one_bad_item_in_a_list_is_listed_or_imported_and_the_others_are_imported(empty_claims, run, tmp_path, bad):
    text = "[" + json.dumps(review(1)) + ", " + bad + ", " + json.dumps(review(2)) + "]"
    result, report = import_json(run, empty_claims, tmp_path, text)
    assert result.exit_code == 0
    assert report["added"] + report["invalid"] == 3 and report["added"] >= 2
    assert all(item["reason"] for item in report["invalid_items"])


def test_a_bad_line_in_json_lines_is_listed_and_the_others_are_imported(empty_claims, run, tmp_path):
    lines = [json.dumps(review(1)), '{"deep": ' + DEEP + "}", json.dumps(review(2)), "9" * 5000]
    result, report = import_json(run, empty_claims, tmp_path, "\n".join(lines) + "\n", "reviews.jsonl")
    assert (report["added"], report["invalid"]) == (2, 2)
    assert [i["position"] for i in report["invalid_items"]] == ["line 2", "line 4"]


def test_an_id_reference_that_is_not_a_string_in_a_graph_is_read_as_data(empty_claims, run, tmp_path):
    graph = {"@graph": [review(1, author={"@id": []}), review(2, itemReviewed={"@id": {"x": 1}})]}
    result, report = import_json(run, empty_claims, tmp_path, json.dumps(graph))
    assert result.exit_code == 0 and report["added"] == 2


def test_a_single_document_nested_too_deeply_is_one_line_and_exit_2(empty_claims, run, tmp_path):
    source = tmp_path / "deep.json"
    source.write_text('{"a": ' + DEEP + "}", encoding="utf-8")
    result = run(empty_claims, "import", str(source))
    assert result.exit_code == 2 and "nested too deeply" in result.stderr


def test_a_csv_row_with_an_unclosed_quote_is_reported_not_silently_merged(tmp_path):
    rows = ["claim,rating,url"] + [f"주장 {n},거짓,https://x.example/{n}" for n in range(1, 11)]
    rows[5] = '"주장 5 따옴표,거짓,https://x.example/5'
    rows[7] = '"주장 7",거짓,https://x.example/7'
    source = tmp_path / "rows.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _kind, items = read_items(source)
    records = [item for _p, item in items if isinstance(item, dict)]
    reasons = [(p, item) for p, item in items if isinstance(item, str)]
    assert len(records) + len(reasons) < 10  # rows were taken in...
    assert reasons and reasons[0][0] == "line 6" and "quote is not closed" in reasons[0][1]  # ...and it says so
