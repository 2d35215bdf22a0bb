"""ClaimReview JSON-LD out and back in: Google's required and recommended fields, settings, the rating
table, and the round trip (export, then import into an empty repository, gives the same claims)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO_CLAIMS
from factcheck.exchange.claimreview import (
    InvalidItem,
    published_records,
    reviewed_elsewhere,
    short_claim,
    to_claimreview,
)
from factcheck.store.settings import PublishSettings, load_settings
from factcheck.exchange.reviews import from_claimreview, parse_date
from factcheck.errors import FactcheckError
from factcheck.exchange.importing.run import import_records
from factcheck.exchange.importing.read import read_items
from factcheck.model import VERDICTS, validate_claim
from factcheck.publish.formats import export_text
from factcheck.exchange.ratings import RATING_TABLE, status_for_number, status_for_rating
from factcheck.store.repo import Repo
from factcheck.store.yaml import load_claim_file

SETTINGS = PublishSettings(site="https://factcheck.example.kr", publisher="예시 팩트체크",
                    publisher_url="https://example.kr", language="ko")
# What a published ClaimReview leaves out: the newsroom's working notes.
# The desk's own records stay in the repository: who checked and approved, and in what state (store/desk.py).
NOT_EXPORTED = ("history", "state", "assignee", "checked_by", "approved_by")
NOT_EXPORTED_SOURCE_FIELDS = ("checked", "check_status", "final_url", "fingerprint")


def record(**changes) -> dict:
    base = {
        "id": "budget-three-years",
        "claim": "김제시는 3년 연속 국가예산 1조 원을 확보했다",
        "claim_en": "Gimje secured a 1 trillion won national budget three years in a row",
        "claimant": {"name": "정성주", "role": "김제시장", "type": "Person"},
        "claim_date": "2025-09",
        "appearance": {"publisher": "일요서울", "title": "김제시 보고회",
                       "url": "http://www.ilyoseoul.co.kr/news/articleView.html?idxno=507704", "date": "2025-09"},
        "tags": ["국가예산", "김제"],
        "entities": ["김제시"],
        "status": "mostly-false",
        "rationale": {"ko": "근거 문단.", "en": "The reason."},
        "sources": [{"url": "https://www.news1.kr/local/jeonbuk/5884782", "title": "김제시 국가예산",
                     "publisher": "뉴스1", "published": "2025-08-22", "quote": "지난 18일 국무회의",
                     "kind": "secondary", "archive_url": "https://web.archive.org/web/2025/https://www.news1.kr/x"}],
        "reviewed": "2026-11-24",
    }
    base.update(changes)
    return base


def published_part(claim: dict) -> dict:
    out = {k: v for k, v in claim.items() if k not in NOT_EXPORTED and k != "origin"}
    out["sources"] = [{k: v for k, v in s.items() if k not in NOT_EXPORTED_SOURCE_FIELDS} for s in claim["sources"]]
    return out


# --------------------------------------------------------------------------- export


def test_export_has_googles_required_fields():
    review = to_claimreview(record(), SETTINGS)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "김제시는 3년 연속 국가예산 1조 원을 확보했다"
    assert review["reviewRating"]["alternateName"] == "대체로 사실 아님"
    assert review["url"] == "https://factcheck.example.kr/claims/budget-three-years.html"


def test_export_rating_uses_the_five_point_scale():
    rating = to_claimreview(record(status="mostly-false"), SETTINGS)["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "대체로 사실 아님",
                      "ratingValue": 2, "bestRating": 5, "worstRating": 1}


@pytest.mark.parametrize("v", VERDICTS, ids=lambda v: v.code)
def test_every_verdict_exports_its_label_and_value(v):
    rating = to_claimreview(record(status=v.code, sources=record()["sources"]), SETTINGS)["reviewRating"]
    assert rating["alternateName"] == v.ko
    assert rating.get("ratingValue") == v.rating


def test_unverified_has_no_numeric_rating():
    rating = to_claimreview(record(status="unverified", sources=[]), SETTINGS)["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "판단 유보"}


def test_english_language_setting_gives_english_labels_and_inlanguage():
    review = to_claimreview(record(), PublishSettings(site="https://x.example", language="en"))
    assert review["reviewRating"]["alternateName"] == "Mostly false"
    assert review["inLanguage"] == "en"


def test_export_has_googles_recommended_fields():
    review = to_claimreview(record(), SETTINGS)
    assert review["author"] == {"@type": "Organization", "name": "예시 팩트체크", "url": "https://example.kr"}
    assert review["datePublished"] == "2026-11-24"
    assert review["inLanguage"] == "ko"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "정성주", "jobTitle": "김제시장"}
    assert item["datePublished"] == "2025-09"
    assert item["appearance"]["url"] == "http://www.ilyoseoul.co.kr/news/articleView.html?idxno=507704"
    assert item["firstAppearance"]["@type"] == "CreativeWork"


THEIR_ORIGIN = {"format": "claimreview", "url": "https://factcheck.afp.com/doc.afp.com.123", "publisher": "AFP",
                "rating": "Misleading", "language": "en", "imported": "2025-01-05"}


def test_a_claim_reviewed_elsewhere_is_credited_to_its_publisher_at_its_own_url():
    review = to_claimreview(record(origin=THEIR_ORIGIN), SETTINGS)
    assert review["author"] == {"@type": "Organization", "name": "AFP"}
    assert review["url"] == "https://factcheck.afp.com/doc.afp.com.123"
    assert review["reviewRating"]["alternateName"] == "Misleading"
    assert review["inLanguage"] == "en"
    assert "예시 팩트체크" not in json.dumps(review, ensure_ascii=False)


def test_a_claim_reviewed_elsewhere_without_a_url_gets_none_of_ours():
    review = to_claimreview(record(origin={**THEIR_ORIGIN, "url": ""}), SETTINGS)
    assert "url" not in review and review["author"]["name"] == "AFP"


def test_an_import_of_our_own_export_is_still_ours():
    ours = {**THEIR_ORIGIN, "publisher": "예시 팩트체크"}
    assert not reviewed_elsewhere(record(origin=ours), SETTINGS)
    assert to_claimreview(record(origin=ours), SETTINGS)["url"].startswith("https://factcheck.example.kr/claims/")


def test_published_records_leave_out_what_others_reviewed_unless_asked():
    own, theirs = record(id="own-claim"), record(id="their-claim", origin=THEIR_ORIGIN)
    assert published_records([own, theirs], SETTINGS) == ([own], published_records([own, theirs], SETTINGS)[1])
    assert "left out 1 claim(s) imported" in published_records([own, theirs], SETTINGS)[1]
    assert published_records([own, theirs], SETTINGS, include_imported=True) == ([own, theirs], "")
    assert published_records([own], SETTINGS) == ([own], "")


def test_organization_claimant_exports_as_organization():
    review = to_claimreview(record(claimant={"name": "김제시", "type": "Organization"}), SETTINGS)
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "김제시"}


def test_long_claim_is_shortened_at_a_word_with_an_ellipsis():
    long_claim = "김제시는 " + "피지컬 AI 사업으로 지역 경제를 살리고 " * 8 + "일자리를 만들었다"
    short = to_claimreview(record(claim=long_claim), SETTINGS)["claimReviewed"]
    assert len(short) <= 75
    assert short.endswith("…")
    assert long_claim.startswith(short[:-1])
    assert long_claim[len(short) - 1] == " "  # cut where a word ends


def test_claim_reviewed_never_holds_the_verdict():
    for v in VERDICTS:
        review = to_claimreview(record(status=v.code), SETTINGS)
        assert v.ko not in review["claimReviewed"] and v.en not in review["claimReviewed"]


def test_short_claim_cuts_unspaced_text_hard():
    assert short_claim("가" * 100) == "가" * 74 + "…"


def test_without_site_there_is_no_url():
    assert "url" not in to_claimreview(record(), PublishSettings())


def test_sources_become_citations_with_their_quote():
    citation = to_claimreview(record(), SETTINGS)["citation"][0]
    assert citation["url"] == "https://www.news1.kr/local/jeonbuk/5884782"
    assert citation["text"] == "지난 18일 국무회의"
    assert citation["publisher"] == {"@type": "Organization", "name": "뉴스1"}


def test_export_is_json_serialisable_for_every_seed_claim():
    for path in sorted(Repo(REPO_CLAIMS).claim_files()):
        claim, problems = load_claim_file(path)
        assert not problems
        json.dumps(to_claimreview(claim, SETTINGS), ensure_ascii=False)


# --------------------------------------------------------------------------- settings


def test_settings_come_from_factcheck_yaml(tmp_path):
    (tmp_path / "factcheck.yaml").write_text(
        "site: https://fc.example.kr/\npublisher:\n  name: 예시 팩트체크\n  url: https://example.kr\nlanguage: en\n",
        encoding="utf-8",
    )
    s = load_settings(tmp_path)
    assert (s.site, s.publisher, s.publisher_url, s.language) == (
        "https://fc.example.kr", "예시 팩트체크", "https://example.kr", "en")


def test_site_option_overrides_the_settings_file(tmp_path):
    (tmp_path / "factcheck.yaml").write_text("site: https://old.example\n", encoding="utf-8")
    assert load_settings(tmp_path, site="https://new.example/").site == "https://new.example"


def test_settings_file_is_optional(tmp_path):
    assert load_settings(tmp_path) == PublishSettings()


def test_a_site_that_is_not_a_url_is_a_clear_error(tmp_path):
    with pytest.raises(FactcheckError, match="not an http"):
        load_settings(tmp_path, site="factcheck.example.kr")


def test_settings_that_are_not_a_mapping_are_refused(tmp_path):
    (tmp_path / "factcheck.yaml").write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(FactcheckError, match="must be a mapping"):
        load_settings(tmp_path)


# --------------------------------------------------------------------------- the rating table


@pytest.mark.parametrize("label, code", [
    ("False", "false"), ("Mostly False", "mostly-false"), ("Pants on Fire", "false"), ("pants on fire!", "false"),
    ("pants-fire", "false"), ("Half True", "half-true"), ("half-true", "half-true"), ("Misleading", "mostly-false"),
    ("Mostly True", "mostly-true"), ("TRUE", "true"), ("Unproven", "unverified"), ("barely-true", "mostly-false"),
    ("전혀 사실 아님", "false"), ("대체로 사실 아님", "mostly-false"), ("절반의 사실", "half-true"),
    ("대체로 사실", "mostly-true"), ("사실", "true"), ("판단 유보", "unverified"), ("사실 아님", "false"),
    ("  대체로   사실 ", "mostly-true"), ("ｆａｌｓｅ", "false"),
])
def test_rating_table_maps_english_and_korean_labels(label, code):
    assert status_for_rating(label) == code


@pytest.mark.parametrize("label, code", [
    ("False. The regulator has not issued any such directive.", "false"),
    ("Misleading: One post even featured a GIF", "mostly-false"),
    ("This is false", "false"),
    ("This is misleading. While there were around 35,000 returns", "mostly-false"),
    ("The claim is False", "false"),
    ("user's claim is mostly false.", "mostly-false"),
    ("<b>False</b>", "false"),
])
def test_sentence_ratings_are_read_by_their_first_clause(label, code):
    assert status_for_rating(label) == code


@pytest.mark.parametrize("label", [
    "There have been <a href=\"https://apnews", "Not NHS Sign", "AI-generated", "", "   ",
    "This claim is based on very unreliable research from a male wellness company",
])
def test_unknown_ratings_are_not_guessed(label):
    assert status_for_rating(label) is None


def test_rating_table_keys_are_unambiguous():
    from factcheck.exchange.ratings import RATING_LABELS, rating_key

    keys = [rating_key(label) for labels in RATING_LABELS.values() for label in labels]
    assert len(keys) == len(set(keys)) == len(RATING_TABLE)


def test_snu_six_level_scale_values_in_the_csv_are_all_known():
    path = Path(REPO_CLAIMS).parent.parent / "shared" / "data" / "snu-factcheck" / "fact_checks_final.csv"
    if not path.is_file():
        pytest.skip("SNU data not present")
    import csv

    labels = {row["judge"] for row in csv.DictReader(path.open(encoding="utf-8-sig"))}
    assert len(labels) == 6
    assert all(status_for_rating(label) for label in labels)


@pytest.mark.parametrize("value, best, worst, code", [
    (1, 5, 1, "false"), (5, 5, 1, "true"), (3, 5, 1, "half-true"), (0, 10, 0, "false"), (10, 10, 0, "true"),
    (6, 5, 1, None), ("x", 5, 1, None), (1, 1, 1, None),
])
def test_numeric_ratings_spread_over_the_scale(value, best, worst, code):
    assert status_for_number(value, best, worst) == code


# --------------------------------------------------------------------------- import of one object


def test_import_of_a_minimal_claimreview():
    claim = from_claimreview({
        "@type": "ClaimReview", "claimReviewed": "The moon is made of cheese",
        "reviewRating": {"@type": "Rating", "alternateName": "Pants on Fire"},
        "url": "https://fc.example.org/moon", "author": {"@type": "Organization", "name": "Example Check"},
    }, imported="2026-11-24")
    assert claim["claim"] == "The moon is made of cheese"
    assert claim["status"] == "false"
    assert claim["sources"] == [{"url": "https://fc.example.org/moon", "publisher": "Example Check",
                                 "quote": "The moon is made of cheese", "kind": "secondary"}]
    assert claim["origin"] == {"format": "claimreview", "url": "https://fc.example.org/moon",
                               "publisher": "Example Check", "rating": "Pants on Fire", "imported": "2026-11-24"}
    assert not validate_claim({"id": "x-moon", **claim})


def test_unknown_rating_imports_as_unverified_keeping_the_original():
    claim = from_claimreview({
        "@type": "ClaimReview", "claimReviewed": "Photo shows a shark on a highway",
        "reviewRating": {"alternateName": "Altered photo"}, "url": "https://fc.example.org/shark",
    })
    assert claim["status"] == "unverified"
    assert claim["origin"]["rating"] == "Altered photo"


def test_review_headline_is_the_quote_of_the_review_source():
    claim = from_claimreview({
        "@type": "ClaimReview", "claimReviewed": "X", "headline": "No, the moon is not cheese ...",
        "reviewRating": {"alternateName": "False"}, "url": "https://fc.example.org/moon",
    })
    assert claim["sources"][0]["quote"] == "No, the moon is not cheese"


@pytest.mark.parametrize("review, reason", [
    ({"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}, "url": "https://a.example/1"},
     "no claim text"),
    ({"@type": "ClaimReview", "claimReviewed": "Something", "url": "https://a.example/1"}, "no rating"),
    ({"@type": "ClaimReview", "claimReviewed": "Something", "reviewRating": {"alternateName": "False"}},
     "no review URL"),
    ({"@type": "WebPage", "name": "x"}, "not a ClaimReview"),
])
def test_an_item_without_claim_text_or_rating_is_invalid(review, reason):
    with pytest.raises(InvalidItem, match=reason):
        from_claimreview(review)


@pytest.mark.parametrize("text, iso", [
    ("2023.11.05", "2023-11-05"), ("2023. 11. 5.", "2023-11-05"), ("2025-10-10T01:11:21Z", "2025-10-10"),
    ("2023/1/2", "2023-01-02"), ("2023년 5월 1일", "2023-05-01"), ("2025-09", "2025-09"), ("2024", "2024"),
    ("", None), ("미상", None),
])
def test_dates_are_read_in_the_ways_people_write_them(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["yesterday", "2023.13.01", "2023-02-30", "20230105"])
def test_unreadable_dates_are_refused(text):
    with pytest.raises(InvalidItem):
        parse_date(text)


# --------------------------------------------------------------------------- round trip


def exported_file(tmp_path, claims: list[dict]) -> Path:
    path = tmp_path / "claimreview.json"
    path.write_text(export_text(claims, "claimreview", SETTINGS), encoding="utf-8")
    return path


def import_into_empty(tmp_path, path: Path) -> list[dict]:
    target = tmp_path / "empty"
    target.mkdir()
    repo = Repo(target)
    _kind, items = read_items(path)
    report = import_records(repo, items)
    assert report.counts() == {"added": len(items), "duplicates": 0, "invalid": 0}
    loaded = [load_claim_file(p) for p in repo.claim_files()]
    assert all(not problems for _record, problems in loaded)
    return sorted((r for r, _p in loaded), key=lambda r: r["id"])


def test_round_trip_of_the_seed_claims_gives_the_same_claims(tmp_path):
    originals = sorted((load_claim_file(p)[0] for p in Repo(REPO_CLAIMS).claim_files()), key=lambda r: r["id"])
    again = import_into_empty(tmp_path, exported_file(tmp_path, originals))
    assert [published_part(r) for r in again] == [published_part(r) for r in originals]


def test_round_trip_keeps_verdicts_sources_and_ids(tmp_path):
    claims = [record(id=f"claim-{v.code}", claim=f"{v.code} 주장 {i}", status=v.code) for i, v in enumerate(VERDICTS)]
    again = import_into_empty(tmp_path, exported_file(tmp_path, claims))
    assert [(r["id"], r["status"], r["sources"]) for r in again] == [
        (c["id"], c["status"], c["sources"]) for c in sorted(claims, key=lambda c: c["id"])]


def test_round_trip_of_sparse_claims(tmp_path):
    claims = [
        {"id": "bare-unverified", "claim": "소문에 따르면 그렇다", "status": "unverified", "sources": []},
        {"id": "plain-rationale", "claim": "A plain claim", "status": "false", "rationale": "Just a string.",
         "claimant": {"name": "Someone"}, "sources": [{"url": "https://a.example/x", "publisher": "A",
                                                        "quote": "the words"}]},
    ]
    assert import_into_empty(tmp_path, exported_file(tmp_path, claims)) == [
        {**c, "origin": c_origin} for c, c_origin in zip(claims, [
            {"format": "claimreview", "url": "https://factcheck.example.kr/claims/bare-unverified.html",
             "publisher": "예시 팩트체크", "rating": "판단 유보", "language": "ko", "imported": _today()},
            {"format": "claimreview", "url": "https://factcheck.example.kr/claims/plain-rationale.html",
             "publisher": "예시 팩트체크", "rating": "전혀 사실 아님", "language": "ko", "imported": _today()},
        ])]


def test_round_trip_of_a_long_claim_keeps_the_full_text(tmp_path):
    long_claim = "김제시는 " + "피지컬 AI 사업으로 지역 경제를 살리고 " * 8 + "일자리를 만들었다"
    again = import_into_empty(tmp_path, exported_file(tmp_path, [record(claim=long_claim)]))
    assert again[0]["claim"] == long_claim


def _today() -> str:
    from factcheck.model import today

    return today()
