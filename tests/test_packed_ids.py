"""Packed claims are claims to every command that takes an id: the shell completes their ids, a mistyped one
suggests them, `sources check` checks them when named and says how many it left out, and `log` tells a packed
claim's story from its pack's git history."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from desk_helpers import git, git_init
from http_server import Reply
from test_claim_id_help import complete

from factcheck.exchange.importing.read import read_items
from factcheck.exchange.importing.run import import_records
from factcheck.store.repo import Repo


def reviews(tmp_path: Path, numbers, url=lambda n: f"https://fc.example.org/checks/{n}", rating="Mostly False"):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{
        "@type": "ClaimReview", "url": url(n), "claimReviewed": f"Claim number {n} about the budget of town {n * 7}",
        "reviewRating": {"alternateName": rating}, "author": {"@type": "Organization", "name": "Example Check"},
    } for n in numbers]), encoding="utf-8")
    return read_items(path)[1]


def packed_ids(claims: Path) -> list[str]:
    """The ids in the packs, in pack and line order, as the files hold them."""
    return [json.loads(line)["id"] for pack in sorted(claims.glob("imported/*/*.jsonl.gz"))
            for line in gzip.decompress(pack.read_bytes()).splitlines()]


@pytest.fixture
def packed(tmp_path, empty_claims) -> Path:
    """A repository whose only claims are three packed ones."""
    import_records(Repo(empty_claims), reviews(tmp_path, range(1, 4)), layout="packs")
    return empty_claims


def test_the_shell_completes_a_packed_claims_id(run, packed):
    run(packed, "index")
    first = packed_ids(packed)[0]
    assert complete(packed, "show", first[:-1]) == [first]


def test_a_mistyped_id_suggests_a_packed_claim(run, packed):
    wanted = packed_ids(packed)[0]
    result = run(packed, "show", wanted + "x")
    assert result.exit_code == 2 and f"Did you mean '{wanted}'?" in result.stderr


def test_sources_check_of_a_packed_claim_fetches_its_sources(run, web, tmp_path, empty_claims):
    import_records(Repo(empty_claims), reviews(tmp_path, [1], url=lambda n: web.route(f"/r{n}", Reply(body="x"))),
                   layout="packs")
    [claim_id] = packed_ids(empty_claims)
    result = run(empty_claims, "sources", "check", claim_id, "--json", "--allow-private", "--timeout", "0.5")
    assert [r["url"] for r in json.loads(result.stdout)["results"]] == [web.url("/r1")]
    assert web.hits["/r1"] == 1


def test_sources_check_of_every_claim_says_how_many_packed_claims_it_left_out(run, packed):
    result = run(packed, "sources", "check", "--json")
    assert json.loads(result.stdout)["packed_claims_not_checked"] == 3
    assert "3 packed claim(s)" in result.stderr


def test_sources_check_update_of_a_packed_claim_is_refused_before_anything_is_fetched(run, web, tmp_path, empty_claims):
    import_records(Repo(empty_claims), reviews(tmp_path, [1], url=lambda n: web.route(f"/r{n}", Reply(body="x"))),
                   layout="packs")
    [claim_id] = packed_ids(empty_claims)
    result = run(empty_claims, "sources", "check", claim_id, "--update", "--allow-private")
    assert result.exit_code == 2 and f"factcheck adopt {claim_id}" in result.stderr
    assert web.hits["/r1"] == 0


def test_log_of_a_packed_claim_names_its_pack_and_line_and_shows_the_commits_that_changed_it(run, tmp_path):
    claims = tmp_path / "claims"
    claims.mkdir()
    git_init(tmp_path)
    import_records(Repo(claims), reviews(tmp_path, range(1, 3)), layout="packs")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "import")
    import_records(Repo(claims), reviews(tmp_path, [3]), layout="packs")  # the pack changes; its first claims do not
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "import one more")
    first = packed_ids(claims)[0]
    result = run(claims, "log", first, "--json")
    assert result.exit_code == 0, result.output
    story = json.loads(result.stdout)
    assert story["path"].endswith("0000.jsonl.gz") and story["line"] in (1, 2) and story["git"]
    assert [(e["note"], e["changed"]) for e in story["events"] if e["kind"] == "commit"] == [("import", ["(added)"])]
    assert "a packed claim" in result.stderr
