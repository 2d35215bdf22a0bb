"""The index under hostile or unlucky conditions: duplicate ids, in-place edits, and faults that must
repair themselves (corrupt pages, folders where files should be, read-only caches, deleted indexes)."""

import json
import os
from pathlib import Path

from conftest import write_claim

from factcheck.search.index import open_index
from factcheck.store.repo import Repo


# --------------------------------------------------------------------------- duplicate ids (item 13)


def test_the_repositorys_own_claim_wins_over_an_imported_duplicate_and_the_duplicate_is_reported(empty_claims, run):
    write_claim(empty_claims, "published-claim", claim="지하철 요금 공식 판정", status="false")
    write_claim(empty_claims / "imported" / "other" / "a", "published-claim", claim="지하철 가짜 판정", status="true")
    for args in (("list", "--json"), ("export", "--format", "json")):
        result = run(empty_claims, *args)
        data = json.loads(result.stdout)
        claims = data["claims"] if isinstance(data, dict) else data
        assert [(c["id"], c["status"]) for c in claims] == [("published-claim", "false")]
        assert "imported/other/a/published-claim.yaml:1: id 'published-claim' is also used by" in result.stderr
    show = run(empty_claims, "show", "published-claim", "--format", "json")
    assert json.loads(show.stdout)["claim"] == "지하철 요금 공식 판정"


def test_an_imported_duplicate_indexed_first_gives_way_to_the_own_claim_added_later(empty_claims, run):
    write_claim(empty_claims / "imported" / "other" / "a", "published-claim", claim="지하철 가짜 판정", status="true")
    assert run(empty_claims, "list", "--json").exit_code == 0
    write_claim(empty_claims, "published-claim", claim="지하철 요금 공식 판정", status="false")
    result = run(empty_claims, "list", "--json")
    assert [c["status"] for c in json.loads(result.stdout)["claims"]] == ["false"]
    assert "imported/other/a/published-claim.yaml:1:" in result.stderr


# --------------------------------------------------------------------------- in-place edits (item 18)


def test_show_rereads_its_own_file_after_an_in_place_edit_under_imported(empty_claims, run):
    folder = empty_claims / "imported" / "other" / "a"
    path = write_claim(folder, "imported-claim", status="true")
    assert run(empty_claims, "show", "imported-claim").exit_code == 0
    stamp = os.stat(folder).st_mtime_ns
    with open(path, "r+", encoding="utf-8") as handle:  # an editor writing in place: the folder is unchanged
        text = handle.read().replace("status: 'true'", "status: 'false'").replace("status: true", "status: false")
        handle.seek(0)
        handle.write(text)
        handle.truncate()
    os.utime(folder, ns=(stamp, stamp))
    shown = run(empty_claims, "show", "imported-claim", "--format", "json")
    assert json.loads(shown.stdout)["status"] == "false"
