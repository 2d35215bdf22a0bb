"""What the claim model refuses: ids with a trailing newline, control characters, URLs that are not
URLs, and fields too large for any real claim. The published schema says the same."""

import json
import re

import pytest
from conftest import REPO_CLAIMS, write_claim

from factcheck.errors import FactcheckError
from factcheck import model
from factcheck.model import CLAIM_SCHEMA, validate_claim
from factcheck.publish.markdown import claim_markdown
from factcheck.store.repo import check_id


def claim(**fields) -> dict:
    record = {
        "id": "some-claim",
        "claim": "서울시는 지하철 요금을 인상했다",
        "status": "true",
        "sources": [{"url": "https://example.org/a", "publisher": "예시신문", "quote": "요금을 인상"}],
    }
    record.update(fields)
    return record


def messages(record: dict) -> list[str]:
    return [f"{p.where()}: {p.message}" for p in validate_claim(record)]


# --------------------------------------------------------------------------- ids (issue 14, item 12)


def test_an_id_ending_in_a_newline_is_refused():
    with pytest.raises(FactcheckError):
        check_id("gimje-physical-ai-yeta-exemption\n")
    assert messages(claim(id="some-claim\n"))


def test_add_refuses_an_id_ending_in_a_newline(empty_claims, run):
    result = run(empty_claims, "add", "--claim", "새 주장", "--status", "unverified", "--id", "new-claim\n", "--yes")
    assert result.exit_code == 2
    assert list(empty_claims.rglob("*.yaml")) == []


def test_import_does_not_keep_an_identifier_ending_in_a_newline():
    from factcheck.exchange.reviews import review_record

    record = review_record({"claim": "주장", "rating": "False", "review_url": "https://x.example/r", "id": "kept-id\n"},
                           fmt="claimreview")
    assert "id" not in record


def test_a_date_ending_in_a_newline_is_refused():
    assert messages(claim(claim_date="2025-08-22\n"))


# --------------------------------------------------------------------------- control characters (issue 13, item 5)


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x07", "\x85", "\x9b", "\r", "\x7f"])
def test_a_control_character_in_stored_text_fails_validation_and_is_named(char):
    found = messages(claim(claim=f"지하철{char}요금"))
    assert found == [f"claim: holds a control character (U+{ord(char):04X} at character 4); remove it"]


def test_newlines_and_tabs_are_allowed_in_multi_line_fields_only():
    assert messages(claim(rationale="첫 줄\n\t둘째 줄", claim="한 줄\n두 줄")) == []
    assert messages(claim(tags=["예타\n면제"]))
    assert messages(claim(claimant={"name": "김\t제"}))


def test_validate_refuses_a_claim_file_with_an_escape_sequence(empty_claims, run):
    write_claim(empty_claims, "ansi-claim", claim="요금 \x1b]52;c;cHduZWQ=\x07 인상")
    result = run(empty_claims, "validate")
    assert result.exit_code == 2
    assert "U+001B" in result.stdout and "\x1b" not in result.stdout


# --------------------------------------------------------------------------- URLs (issue 14, item 10)


@pytest.mark.parametrize("url", ["https://x.example/a><script>alert(1)</script>", 'https://x.example/"a',
                                 "https://x.example/a b", "https://x.example/a\n", "https:///nohost", "javascript:x"])
def test_a_url_that_is_not_a_url_fails_validation(url):
    assert messages(claim(appearance={"url": url}))
    assert messages(claim(sources=[{"url": url, "publisher": "p", "quote": "q"}]))


def test_import_drops_citation_and_archive_urls_that_could_break_out_of_a_link():
    from factcheck.exchange.reviews import from_claimreview

    review = {
        "@type": "ClaimReview", "claimReviewed": "주장", "url": "https://x.example/review",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "citation": [{"url": "https://x.example/a><img src=//t.example/p>", "text": "인용"},
                     {"url": "https://x.example/ok", "text": "인용", "archivedAt": "https://a.example/<script>"}],
    }
    record = from_claimreview(review)
    assert [s["url"] for s in record["sources"]] == ["https://x.example/ok"]
    assert "archive_url" not in record["sources"][0]
    assert validate_claim({"id": "x-claim", **record}) == []


def _rendered_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(markdown)


def test_markdown_keeps_a_hostile_url_inside_its_link():
    url = "https://x.example/a><script>alert(1)</script><img src=//t.example/p>"
    record = claim(appearance={"url": url, "title": "보도"},
                   sources=[{"url": url, "publisher": "p", "quote": "q", "archive_url": url}])
    html = _rendered_html(claim_markdown(record))
    assert "<script" not in html and "<img" not in html
    assert html.count('href="https://x.example/a%3E%3Cscript%3E') == 3


# --------------------------------------------------------------------------- sizes (issue 14, item 3)


def test_a_field_larger_than_any_real_claim_is_refused():
    assert messages(claim(claim="가" * 6_000_000)) == [
        "claim: is 6,000,000 characters long; at most 5,000 are allowed"
    ]
    assert messages(claim(tags=[f"t{i}" for i in range(100_000)])) == [
        "tags: has 100,000 items; at most 200 are allowed"
    ]


def test_import_lists_an_item_with_huge_fields_as_invalid_and_keeps_the_rest(empty_claims, run, tmp_path):
    def review(n, **extra):
        return {"@type": "ClaimReview", "claimReviewed": f"주장 {n}", "url": f"https://x.example/{n}",
                "reviewRating": {"@type": "Rating", "alternateName": "False"}, **extra}

    items = [review(1, keywords=[f"k{i}" for i in range(10_000)]), review(2, claimReviewed="가" * 600_000),
             review(3)]
    source = tmp_path / "reviews.json"
    source.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    result = run(empty_claims, "import", str(source), "--json")
    report = json.loads(result.stdout)
    assert (report["added"], report["invalid"]) == (1, 2)
    assert all(p.stat().st_size < 10_000 for p in empty_claims.rglob("*.yaml"))


def test_the_published_schema_carries_the_same_limits_and_patterns():
    published = json.loads((REPO_CLAIMS / "schema.json").read_text(encoding="utf-8"))
    assert published == CLAIM_SCHEMA
    claim_field = published["properties"]["claim"]
    assert claim_field["maxLength"] == 5_000
    assert re.search(model.python_pattern(claim_field["pattern"]), "요금\x1b[2J") is None
    assert published["properties"]["tags"]["maxItems"] == 200
