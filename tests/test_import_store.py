"""Storing imported claims: where and under which id, idempotency, duplicates reported (never merged), invalid
items listed, and the fast YAML emitter reading back to the same record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_claim
from factcheck.store.yaml import claim_yaml
from factcheck.exchange.importing.run import import_records
from factcheck.exchange.importing.read import read_items
from factcheck.store.files import write_claim_files
from factcheck.model import ID_RE
from factcheck.store.repo import Repo
from factcheck.store.yaml import load_claim_file, safe_loader


def review(n: int, claim: str | None = None, url: str | None = None, publisher: str = "Example Check") -> dict:
    return {
        "@type": "ClaimReview",
        "url": url or f"https://fc.example.org/checks/{n}",
        "claimReviewed": claim or f"Claim number {n} about the city budget",
        "reviewRating": {"alternateName": "Mostly False"},
        "author": {"@type": "Organization", "name": publisher},
    }


def items_of(tmp_path: Path, reviews: list, name: str = "in.json"):
    path = tmp_path / name
    path.write_text(json.dumps(reviews, ensure_ascii=False), encoding="utf-8")
    return read_items(path)[1]


@pytest.fixture
def repo(empty_claims) -> Repo:
    return Repo(empty_claims)


def test_new_claims_go_under_imported_publisher(tmp_path, repo):
    report = import_records(repo, items_of(tmp_path, [review(1), review(2, publisher="AP News")]))
    paths = sorted(str(a.path.relative_to(repo.root)) for a in report.added)
    assert [p.rsplit("/", 2)[0] for p in paths] == ["imported/ap-news", "imported/example-check"]


def test_a_publishers_claims_are_spread_over_sixteen_folders(tmp_path, repo):
    report = import_records(repo, items_of(tmp_path, [review(i) for i in range(1, 81)]))
    shards = {a.path.parent.name for a in report.added}
    assert shards <= set("0123456789abcdef") and len(shards) > 8
    again = import_records(Repo(repo.root), items_of(tmp_path, [review(i) for i in range(1, 81)]))
    assert len(again.duplicates) == 80  # a claim's folder follows from its id, so a re-import finds it


def test_imported_files_are_valid_claims_with_the_schema_header(tmp_path, repo):
    report = import_records(repo, items_of(tmp_path, [review(1), review(2)]))
    for added in report.added:
        record, problems = load_claim_file(added.path)
        assert not problems
        assert record["id"] == added.id
        assert added.path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../../schema.json\n")


def test_ids_are_ascii_slugs_of_publisher_and_a_stable_hash(tmp_path, repo, empty_claims):
    first = import_records(repo, items_of(tmp_path, [review(1, publisher="서울대 SNU팩트체크")])).added[0].id
    assert ID_RE.match(first) and first.startswith("snu-") and first.isascii()
    other = Repo(empty_claims.parent / "other")
    other.root.mkdir()
    assert import_records(other, items_of(tmp_path, [review(1, publisher="서울대 SNU팩트체크")])).added[0].id == first


def test_a_publisher_without_ascii_letters_is_named_by_its_site(tmp_path, repo):
    added = import_records(repo, items_of(tmp_path, [review(1, url="https://www.yna.co.kr/f/1", publisher="연합뉴스")]))
    assert added.added[0].id.startswith("yna-co-kr-")


def test_importing_the_same_file_twice_adds_nothing(tmp_path, repo):
    items = items_of(tmp_path, [review(n) for n in range(1, 6)])
    first = import_records(repo, items)
    second = import_records(repo, items)
    assert first.counts() == {"added": 5, "duplicates": 0, "invalid": 0}
    assert second.counts() == {"added": 0, "duplicates": 5, "invalid": 0}
    assert [d.of for d in second.duplicates] == [a.id for a in first.added]
    assert len(list(repo.claim_files())) == 5


def test_a_duplicate_by_review_url_is_reported_with_the_id_it_repeats(tmp_path, repo):
    first = import_records(repo, items_of(tmp_path, [review(1, claim="The budget doubled in 2024")]))
    edited = review(1, claim="The budget doubled in 2024!")  # same review, claim re-punctuated
    moved = review(1, claim="The budget has doubled in 2024", url="http://WWW.fc.example.org/checks/1/")
    report = import_records(repo, items_of(tmp_path, [edited, moved]))
    assert [(d.position, d.of, d.reason) for d in report.duplicates] == [
        ("item 1", first.added[0].id, "same review URL"), ("item 2", first.added[0].id, "same review URL")]


def test_a_duplicate_by_claim_text_across_publishers_is_reported(tmp_path, repo):
    first = import_records(repo, items_of(tmp_path, [review(1, claim="서울 지하철 요금이 올랐다")]))
    again = review(9, claim="서울 지하철 요금이, 올랐다!", url="https://other.example/x", publisher="Other")
    report = import_records(repo, items_of(tmp_path, [again]))
    assert [(d.of, d.reason) for d in report.duplicates] == [(first.added[0].id, "same claim text")]


def test_a_hand_written_claim_counts_as_existing(tmp_path, repo, empty_claims):
    write_claim(empty_claims, "subway-fare", claim="서울시는 지하철 요금을 인상했다")
    report = import_records(repo, items_of(tmp_path, [review(1, claim="서울시는 지하철 요금을 인상했다.")]))
    assert [(d.of, d.reason) for d in report.duplicates] == [("subway-fare", "same claim text")]


def test_duplicates_inside_one_file_are_reported_not_merged(tmp_path, repo):
    report = import_records(repo, items_of(tmp_path, [review(1), review(2), review(3, claim=review(1)["claimReviewed"])]))
    assert report.counts() == {"added": 2, "duplicates": 1, "invalid": 0}
    duplicate = report.duplicates[0]
    assert (duplicate.position, duplicate.of, duplicate.in_this_import) == ("item 3", report.added[0].id, True)


def test_one_review_url_covering_several_claims_keeps_them_all(tmp_path, repo):
    shared = "https://africacheck.org/fact-checks/reports/table-salt"
    claims = ["Fluoride is one of the main causes of cancer", "No vaccine is good, not one of them",
              "Sodium fluoride is deadly because it is used in rat poison"]
    report = import_records(repo, items_of(tmp_path, [review(n, claim=c, url=shared) for n, c in enumerate(claims)]))
    assert report.counts()["added"] == 3
    assert len({a.id for a in report.added}) == 3


def test_invalid_items_are_listed_and_the_rest_imports(tmp_path, repo):
    items = items_of(tmp_path, [review(1), {"@type": "ClaimReview", "claimReviewed": "x"}, review(3)])
    report = import_records(repo, items)
    assert report.counts() == {"added": 2, "duplicates": 0, "invalid": 1}
    assert (report.invalid[0].position, report.invalid[0].reason) == ("item 2", "no rating")


def test_an_own_id_is_kept_unless_taken(tmp_path, repo, empty_claims):
    write_claim(empty_claims, "taken-id", claim="전혀 다른 주장")
    own = [{**review(1), "identifier": "my-own-id"}, {**review(2), "identifier": "taken-id"}]
    ids = [a.id for a in import_records(repo, items_of(tmp_path, own)).added]
    assert ids[0] == "my-own-id" and ids[1] != "taken-id" and ids[1].startswith("example-check-")


def test_progress_is_reported_per_batch(tmp_path, repo):
    seen = []
    import_records(repo, items_of(tmp_path, [review(n) for n in range(7)]),
                   lambda done, total: seen.append((done, total)), batch_size=3)
    assert seen == [(3, 7), (6, 7), (7, 7)]


def test_no_temporary_files_are_left_behind(tmp_path, repo):
    import_records(repo, items_of(tmp_path, [review(n) for n in range(4)]))
    assert not [p for p in repo.root.rglob(".*") if p.is_file()]


def test_a_file_taken_meanwhile_is_never_overwritten(tmp_path, repo):
    target = repo.root / "imported" / "x" / "claim-one.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("someone else's\n", encoding="utf-8")
    record = {"id": "claim-one", "claim": "c", "status": "unverified", "sources": []}
    [(_record, path, error)] = write_claim_files(repo, [(record, target)])
    assert "already exists" in error
    assert target.read_text(encoding="utf-8") == "someone else's\n"


# --------------------------------------------------------------------------- the fast YAML emitter

AWKWARD = [
    "yes", "No", "null", "true", "False", "~", "", " leading", "trailing ", "2023-01-01", "1e3", "0x1F", ".5", "+1",
    "a: b", "a #b", "- x", "ends:", "#hash", "&anchor", "*alias", "!tag", "%x", "@x", "`x", "'single'", '"double"',
    "multi\nline", "tab\there", "nel\x85x", "ls\u2028x", "ps\u2029x", "bom\ufeffx", "del\x7fx", "bell\x07x",
    "emoji 😀 and 한국어", "<서울은 아직 작다>(박수영 의원)", "{not: a map}", "[not, a, list]", "https://x.example/a#b?c=d&e",
    "back\\slash", "\u00a0nbsp", "2025년 9월", "사실", "on", "OFF", "<<", "=",
]


def test_awkward_strings_read_back_unchanged():
    record = {"id": "awkward", "claim": "x", "status": "unverified", "sources": [],
              "tags": AWKWARD, "rationale": {"ko": "\n".join(AWKWARD)}, "claimant": {"name": AWKWARD[0]}}
    for i, text in enumerate(AWKWARD):
        record[f"k{i}"] = text
    assert safe_loader().load(claim_yaml(record)) == record


def test_pure_python_loader_agrees_with_the_c_loader():
    from ruamel.yaml import YAML

    record = {"tags": AWKWARD, "sources": [{"url": "https://a.example", "quote": q} for q in AWKWARD]}
    assert YAML(typ="safe", pure=True).load(claim_yaml(record)) == record


def test_emitter_keeps_key_order_and_block_style():
    text = claim_yaml({"id": "a-b", "claim": "주장", "sources": [{"url": "https://a.example", "publisher": "A"}],
                       "tags": ["x"], "origin": {"format": "csv"}}, "../../schema.json")
    assert text == (
        "# yaml-language-server: $schema=../../schema.json\n"
        "id: a-b\n"
        "claim: 주장\n"
        "sources:\n"
        "  - url: https://a.example\n"
        "    publisher: A\n"
        "tags:\n"
        "  - x\n"
        "origin:\n"
        "  format: csv\n"
    )
