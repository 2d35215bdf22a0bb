"""Reading every accepted input shape into (position, record) or (position, reason), malformed items included,
and the quirks of the real SNU, Google and LIAR data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED
from factcheck.errors import DataError, FactcheckError
from factcheck.exchange.importing.table import parse_mapping
from factcheck.exchange.importing.read import read_items
from factcheck.model import validate_claim

DATA = SHARED / "data"


def review(n: int, **changes) -> dict:
    base = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://fc.example.org/checks/{n}",
        "claimReviewed": f"Claim number {n} about the budget",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Example Check"},
    }
    base.update(changes)
    return base


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def records(items) -> list[dict]:
    return [item for _pos, item in items if isinstance(item, dict)]


def reasons(items) -> dict[str, str]:
    return {pos: item for pos, item in items if isinstance(item, str)}


def assert_valid(items) -> None:
    for claim in records(items):
        assert not validate_claim({"id": "some-id", **claim}), claim


# --------------------------------------------------------------------------- ClaimReview shapes


def test_a_single_claimreview_object(tmp_path):
    kind, items = read_items(write(tmp_path, "one.json", json.dumps(review(1))))
    assert kind == "claimreview"
    assert [(pos, r["claim"]) for pos, r in items] == [("item 1", "Claim number 1 about the budget")]


def test_a_list_of_claimreviews_with_a_malformed_item(tmp_path):
    content = json.dumps([review(1), {"@type": "ClaimReview", "claimReviewed": "no rating"}, "oops", review(4)])
    _kind, items = read_items(write(tmp_path, "list.json", content))
    assert [pos for pos, _ in items] == ["item 1", "item 2", "item 3", "item 4"]
    assert reasons(items) == {"item 2": "no rating", "item 3": "not a JSON object but str"}
    assert_valid(items)


def test_an_at_graph_keeps_claimreviews_and_resolves_references(tmp_path):
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": "#page", "name": "a page"},
            {"@type": "Organization", "@id": "#org", "name": "Graph Check"},
            {**review(1), "author": {"@id": "#org"}},
            {**review(2), "@type": ["ClaimReview"], "author": {"@id": "#org"}},
        ],
    }
    _kind, items = read_items(write(tmp_path, "graph.jsonld", json.dumps(graph)))
    assert [pos for pos, _ in items] == ["@graph item 3", "@graph item 4"]
    assert {r["origin"]["publisher"] for r in records(items)} == {"Graph Check"}


def test_json_lines_with_a_broken_line(tmp_path):
    lines = [json.dumps(review(1)), "", "{not json", json.dumps(review(4))]
    _kind, items = read_items(write(tmp_path, "reviews.jsonl", "\n".join(lines) + "\n"))
    assert [pos for pos, _ in items] == ["line 1", "line 3", "line 4"]
    assert reasons(items)["line 3"].startswith("not valid JSON")


def test_prefixed_and_iri_types_are_claimreviews(tmp_path):
    content = json.dumps([review(1, **{"@type": "schema:ClaimReview"}),
                          review(2, **{"@type": "https://schema.org/ClaimReview"})])
    _kind, items = read_items(write(tmp_path, "typed.json", content))
    assert len(records(items)) == 2


def test_a_claimreview_with_every_optional_field_missing_still_imports(tmp_path):
    bare = {"@type": "ClaimReview", "claimReviewed": "A bare claim", "reviewRating": {"alternateName": "Unproven"}}
    _kind, items = read_items(write(tmp_path, "bare.json", json.dumps(bare)))
    assert records(items) == [{"claim": "A bare claim", "status": "unverified", "sources": [],
                               "origin": {"format": "claimreview", "rating": "Unproven",
                                          "imported": records(items)[0]["origin"]["imported"]}}]


def test_an_appearance_given_as_a_bare_url(tmp_path):
    item = review(1, itemReviewed={"@type": "Claim", "appearance": "https://social.example/post/1",
                                   "author": {"@type": "Person", "name": "A. Person"},
                                   "datePublished": "2024-05-01T10:00:00+00:00"})
    _kind, items = read_items(write(tmp_path, "a.json", json.dumps(item)))
    claim = records(items)[0]
    assert claim["appearance"] == {"url": "https://social.example/post/1"}
    assert claim["claimant"] == {"name": "A. Person", "type": "Person"}
    assert claim["claim_date"] == "2024-05-01"


def test_control_characters_never_reach_the_record(tmp_path):
    item = review(1, claimReviewed="Claim with \x1b[31mred\x1b[0m and \x00 inside")
    _kind, items = read_items(write(tmp_path, "ctl.json", json.dumps(item)))
    assert records(items)[0]["claim"] == "Claim with [31mred[0m and inside"


def test_broken_json_is_one_clear_error(tmp_path):
    with pytest.raises(DataError, match=r"not valid JSON: .* at line 1"):
        read_items(write(tmp_path, "bad.json", '[{"@type": "ClaimReview",'))


def test_an_empty_file_has_no_items(tmp_path):
    assert read_items(write(tmp_path, "empty.json", "  \n"))[1] == []


def test_a_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(FactcheckError, match="no such file"):
        read_items(tmp_path / "nope.json")


def test_standard_input(tmp_path):
    import io

    stdin = io.TextIOWrapper(io.BytesIO(("\ufeff" + json.dumps([review(1)])).encode()), encoding="utf-8")
    kind, items = read_items("-", stdin=stdin)
    assert kind == "claimreview" and len(records(items)) == 1


# --------------------------------------------------------------------------- Google Fact Check Tools responses


def google_claim(text="Vaccines contain microchips", rating="False", **review_changes) -> dict:
    return {
        "text": text,
        "claimant": "Social media users",
        "claimDate": "2025-10-10T01:11:21Z",
        "claimReview": [{
            "publisher": {"name": "AP News", "site": "apnews.com"},
            "url": "https://apnews.com/article/fact-check-1",
            "title": "No, vaccines do not contain microchips ...",
            "reviewDate": "2025-10-12T00:00:00Z",
            "textualRating": rating,
            "languageCode": "en",
            **review_changes,
        }],
    }


def test_a_google_response(tmp_path):
    kind, items = read_items(write(tmp_path, "g.json", json.dumps({"claims": [google_claim()],
                                                                   "nextPageToken": "abc"})))
    assert kind == "google"
    assert records(items) == [{
        "claim": "Vaccines contain microchips",
        "claimant": {"name": "Social media users"},
        "claim_date": "2025-10-10",
        "status": "false",
        "sources": [{"url": "https://apnews.com/article/fact-check-1",
                     "title": "No, vaccines do not contain microchips ...", "publisher": "AP News",
                     "published": "2025-10-12", "quote": "No, vaccines do not contain microchips",
                     "kind": "secondary"}],
        "reviewed": "2025-10-12",
        "origin": {"format": "google", "url": "https://apnews.com/article/fact-check-1", "publisher": "AP News",
                   "rating": "False", "language": "en", "imported": records(items)[0]["origin"]["imported"]},
    }]


def test_the_wrapped_google_form(tmp_path):
    content = json.dumps({"fetched_at": "2025-10-29T13:38:43", "count": 2,
                          "claims": [google_claim(), google_claim(text="Second claim")]})
    kind, items = read_items(write(tmp_path, "wrapped.json", content))
    assert kind == "google" and [pos for pos, _ in items] == ["claim 1", "claim 2"]


def test_a_google_claim_with_two_reviews_gives_two_items(tmp_path):
    claim = google_claim()
    claim["claimReview"].append({**claim["claimReview"][0], "url": "https://fullfact.org/x",
                                 "publisher": {"name": "Full Fact"}, "textualRating": "Incorrect"})
    _kind, items = read_items(write(tmp_path, "two.json", json.dumps({"claims": [claim]})))
    assert [pos for pos, _ in items] == ["claim 1, review 1", "claim 1, review 2"]


@pytest.mark.parametrize("claim, reason", [
    (google_claim(text="CLAIM"), "placeholder 'CLAIM'"),
    (google_claim(text=""), "no claim text"),
    (google_claim(rating=""), "no rating"),
    ({"text": "no reviews"}, "no claimReview"),
    ({**google_claim(), "claimDate": "last week"}, "claimDate: 'last week' is not a date"),
])
def test_malformed_google_items_are_listed_with_their_reason(tmp_path, claim, reason):
    _kind, items = read_items(write(tmp_path, "bad.json", json.dumps({"claims": [claim]})))
    assert reason in reasons(items)["claim 1"]


def test_a_sentence_rating_with_html_is_kept_as_the_original(tmp_path):
    rating = 'There have been <a href="https://apnews'
    _kind, items = read_items(write(tmp_path, "h.json", json.dumps({"claims": [google_claim(rating=rating)]})))
    claim = records(items)[0]
    assert claim["status"] == "unverified"
    assert claim["origin"]["rating"] == rating


def test_forcing_the_wrong_json_format_is_refused(tmp_path):
    with pytest.raises(DataError, match="looks like a claimreview file"):
        read_items(write(tmp_path, "cr.json", json.dumps([review(1)])), "google")


# --------------------------------------------------------------------------- spreadsheets


SNU_MAP = "claim=title,claim_date=date,rating=judge,appearance=source,url=https://factcheck.snu.ac.kr/facts/show?id={id}"


def test_csv_with_bom_embedded_newlines_stray_spaces_and_dotted_dates(tmp_path):
    content = (
        "\ufeffid,date,title,source,judge\r\n"
        '5193,2023.11.03,"액상형 대마는 합법이다\n"," 해당 이슈 관련 언론 보도(JTBC)",전혀 사실 아님\r\n'
        "5194,2023.11.05,우리나라 수도 인구 비율은 낮은 편이다, <서울은 아직 작다>(페이스북)출처: 연합뉴스 보도,대체로 사실 아님\r\n"
    )
    kind, items = read_items(write(tmp_path, "snu.csv", content), mapping=SNU_MAP, publisher="SNU팩트체크",
                             language="ko")
    assert kind == "csv"
    assert [pos for pos, _ in items] == ["line 2", "line 4"]
    first, second = records(items)
    assert first["claim"] == "액상형 대마는 합법이다"
    assert first["claim_date"] == "2023-11-03"
    assert first["status"] == "false"
    assert first["appearance"] == {"title": "해당 이슈 관련 언론 보도(JTBC)"}
    assert first["sources"][0]["url"] == "https://factcheck.snu.ac.kr/facts/show?id=5193"
    assert first["sources"][0]["publisher"] == "SNU팩트체크"
    assert first["origin"]["language"] == "ko"
    assert second["appearance"]["title"] == "<서울은 아직 작다>(페이스북); 연합뉴스 보도"
    assert_valid(items)


def test_csv_without_a_bom_reads_the_same(tmp_path):
    content = "claim,rating,url\n서울 지하철 요금이 올랐다,사실,https://fc.example.kr/1\n"
    _kind, items = read_items(write(tmp_path, "plain.csv", content))
    assert records(items)[0]["status"] == "true"


def test_columns_named_like_fields_need_no_map(tmp_path):
    content = "claim,status,url,publisher,claimant,tags\n주장,Mostly True,https://fc.example.kr/1,예시,홍길동,\"a, b\"\n"
    claim = records(read_items(write(tmp_path, "auto.csv", content))[1])[0]
    assert (claim["status"], claim["claimant"], claim["tags"]) == ("mostly-true", {"name": "홍길동"}, ["a", "b"])
    assert claim["sources"][0]["publisher"] == "예시"


def test_tsv(tmp_path):
    content = "text\tverdict\treview_url\n스페이스가 있는 주장\t거짓\thttps://fc.example.kr/2\n"
    kind, items = read_items(write(tmp_path, "sheet.tsv", content))
    assert kind == "tsv" and records(items)[0]["status"] == "false"


def test_a_row_without_claim_or_rating_is_invalid_and_the_rest_imports(tmp_path):
    content = ("claim,rating,url\n"
               ",False,https://fc.example.kr/1\n"
               "A claim,,https://fc.example.kr/2\n"
               "Another claim,False,https://fc.example.kr/3\n"
               "Rated but nowhere,False,\n"
               "Bad date,False,https://fc.example.kr/5\n")
    content = content.replace("rating,url", "rating,url,claim_date").replace("/5\n", "/5,someday\n")
    _kind, items = read_items(write(tmp_path, "rows.csv", content))
    assert reasons(items) == {
        "line 2": "no claim text",
        "line 3": "no rating",
        "line 5": "rated 'False' but has no review URL to keep as its source",
        "line 6": "claim_date: 'someday' is not a date (YYYY-MM-DD, YYYY.MM.DD, YYYY-MM or YYYY)",
    }
    assert [r["claim"] for r in records(items)] == ["Another claim"]


def test_not_utf8_is_one_clear_error(tmp_path):
    path = write(tmp_path, "cp949.csv", "claim,rating\n주장,사실\n".encode("cp949"))
    with pytest.raises(DataError, match="not UTF-8.*CSV UTF-8"):
        read_items(path)


def test_mapping_to_a_missing_column_is_one_clear_error(tmp_path):
    path = write(tmp_path, "m.csv", "title,judge\n주장,사실\n")
    with pytest.raises(FactcheckError, match=r"no column 'headline'.*columns: title, judge"):
        read_items(path, mapping="claim=headline,rating=judge")


def test_a_csv_without_claim_or_rating_columns_says_which_to_map(tmp_path):
    with pytest.raises(FactcheckError, match="which column holds the claim"):
        read_items(write(tmp_path, "m.csv", "title,judge\n주장,사실\n"))


@pytest.mark.parametrize("text, expected", [
    ("claim=title,rating=judge", {"claim": "title", "rating": "judge"}),
    ("claim = title , status=judge", {"claim": "title", "rating": "judge"}),
    ("url=https://x.example/?a={id}&b={x,y}", {"url": "https://x.example/?a={id}&b={x,y}"}),
])
def test_map_option(text, expected):
    assert parse_mapping(text) == expected


@pytest.mark.parametrize("text, message", [("colour=c", "unknown field 'colour'"), ("claim", "not field=column"),
                                           ("claim=", "no column given")])
def test_bad_map_option(text, message):
    with pytest.raises(FactcheckError, match=message):
        parse_mapping(text)


# --------------------------------------------------------------------------- the real data


def need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return path


def test_real_snu_csv_reads_every_row():
    _kind, items = read_items(need(DATA / "snu-factcheck" / "fact_checks_final.csv"), mapping=SNU_MAP,
                              publisher="SNU팩트체크", language="ko")
    assert len(items) == 4762 and not reasons(items)
    claims = records(items)
    assert not [c for c in claims if c["claim"] != c["claim"].strip() or "\n" in c["claim"]]
    assert not [c for c in claims if "출처:" in c.get("appearance", {}).get("title", "")]
    assert not [c for c in claims if c.get("appearance", {}).get("title", "x").startswith(" ")]
    assert {c["status"] for c in claims} == {"true", "mostly-true", "half-true", "mostly-false", "false", "unverified"}
    assert_valid(items)


@pytest.mark.parametrize("name", ["claims_historical_climate_50.json", "claims_historical_health_50.json",
                                  "claims_recent_30days.json"])
def test_real_google_responses(name):
    kind, items = read_items(need(DATA / "google-factcheck-api" / name))
    assert kind == "google"
    bad = reasons(items)
    assert set(bad.values()) <= {"the claim text is only the placeholder 'CLAIM'"}
    assert len(records(items)) + len(bad) == json.loads((DATA / "google-factcheck-api" / name).read_text())["count"]
    for claim in records(items):
        assert "<" not in claim["sources"][0]["quote"]
        assert len(claim["status"]) > 0 and claim["origin"]["rating"]
    assert_valid(items)


def test_real_google_ratings_that_are_sentences_map_to_verdicts():
    items = []
    for path in sorted((DATA / "google-factcheck-api").glob("*.json")) or [need(DATA / "google-factcheck-api" / "x")]:
        items += read_items(path)[1]
    by_rating = {c["origin"]["rating"]: c["status"] for c in records(items)}
    sentences = {r: s for r, s in by_rating.items() if len(r) > 40}
    assert sentences and all(s != "unverified" or r.startswith(("There", "This claim")) for r, s in sentences.items())
