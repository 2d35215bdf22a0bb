"""The search index is a cache of claims/: refreshed per file, rebuilt when broken, safe to share."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from conftest import write_claim

from factcheck.errors import FactcheckError
from factcheck.search import analysis
from factcheck.search import index as index_module
from factcheck.search.analysis import analyse
from factcheck.search.index import index_path, open_index
from factcheck.store.repo import Repo
from factcheck.store.files import atomic_write


def test_the_index_lives_in_the_cache_directory_not_in_claims(empty_claims):
    write_claim(empty_claims, "some-claim")
    idx = open_index(Repo(empty_claims))
    assert idx.path.parent == index_module.cache_dir()
    assert sorted(p.name for p in empty_claims.iterdir()) == ["some-claim.yaml"]


def test_only_changed_added_or_removed_files_are_parsed_again(empty_claims):
    for i in range(5):
        write_claim(empty_claims, f"claim-{i}", claim=f"주장 {i}번 내용")
    repo = Repo(empty_claims)
    assert open_index(repo).refresh() == 0  # opening already refreshed all five
    path = empty_claims / "claim-2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("주장 2번", "바뀐 주장"), encoding="utf-8")
    write_claim(empty_claims, "claim-new")
    (empty_claims / "claim-4.yaml").unlink()
    idx = open_index(repo)
    assert sorted(r["id"] for r in idx.records()) == ["claim-0", "claim-1", "claim-2", "claim-3", "claim-new"]
    assert idx.get("claim-2")["claim"].startswith("바뀐 주장")
    assert idx.refresh() == 0


def test_a_corrupt_index_is_rebuilt_silently(empty_claims):
    write_claim(empty_claims, "some-claim")
    repo = Repo(empty_claims)
    open_index(repo).conn.close()
    index_path(repo.root).write_bytes(b"this is not a database" * 100)
    assert [r["id"] for r in open_index(repo).records()] == ["some-claim"]


def test_an_index_from_another_version_is_rebuilt(empty_claims):
    write_claim(empty_claims, "some-claim")
    repo = Repo(empty_claims)
    conn = open_index(repo).conn
    conn.execute("UPDATE meta SET value = 'factcheck-index-0' WHERE key = 'format'")
    conn.execute("DELETE FROM claims")
    conn.close()
    assert [r["id"] for r in open_index(repo).records()] == ["some-claim"]


def test_imported_folders_are_refreshed_when_their_listing_changes(empty_claims):
    imported = empty_claims / "imported" / "snu"
    imported.mkdir(parents=True)
    write_claim(imported, "imported-one", claim="수입된 주장 하나")
    repo = Repo(empty_claims)
    assert [r["id"] for r in open_index(repo).records()] == ["imported-one"]
    write_claim(imported, "imported-two", claim="수입된 주장 둘")
    # an atomic replace (what factcheck and git do) changes the folder, so it is seen
    path = imported / "imported-one.yaml"
    atomic_write(path, path.read_bytes().replace("하나".encode(), "하나 고침".encode()), overwrite=True)
    idx = open_index(repo)
    assert sorted(r["id"] for r in idx.records()) == ["imported-one", "imported-two"]
    assert idx.get("imported-one")["claim"] == "수입된 주장 하나 고침"
    (imported / "imported-one.yaml").unlink()
    (imported / "imported-two.yaml").unlink()
    assert open_index(repo).records() == []
    write_claim(imported, "imported-three", claim="수입된 주장 셋")
    assert [r["id"] for r in open_index(repo).records()] == ["imported-three"]


def test_a_file_replaced_in_one_of_a_publishers_folders_is_seen(empty_claims):
    shard = empty_claims / "imported" / "snu" / "3"
    shard.mkdir(parents=True)
    path = write_claim(shard, "imported-one", claim="수입된 주장 하나")
    write_claim(empty_claims / "imported" / "snu" / "a", "imported-two", claim="수입된 주장 둘")
    repo = Repo(empty_claims)
    open_index(repo)
    publisher_mtime = os.stat(empty_claims / "imported" / "snu").st_mtime_ns
    atomic_write(path, path.read_bytes().replace("하나".encode(), "하나 고침".encode()), overwrite=True)
    assert os.stat(empty_claims / "imported" / "snu").st_mtime_ns == publisher_mtime  # only the shard changed
    idx = open_index(repo)
    assert idx.get("imported-one")["claim"] == "수입된 주장 하나 고침"
    assert idx.get("imported-two")["claim"] == "수입된 주장 둘"


def test_a_full_refresh_sees_an_in_place_edit_under_imported(empty_claims):
    imported = empty_claims / "imported" / "snu"
    imported.mkdir(parents=True)
    path = write_claim(imported, "imported-one", claim="수입된 주장 하나")
    repo = Repo(empty_claims)
    open_index(repo)
    stat = os.stat(imported)
    path.write_text(path.read_text(encoding="utf-8").replace("하나", "둘"), encoding="utf-8")
    os.utime(imported, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an editor that writes in place
    assert open_index(repo, full=True).get("imported-one")["claim"] == "수입된 주장 둘"


def test_top_level_in_place_edits_are_always_seen(empty_claims):
    path = write_claim(empty_claims, "edited", claim="처음 주장")
    repo = Repo(empty_claims)
    open_index(repo)
    stat = os.stat(empty_claims)
    path.write_text(path.read_text(encoding="utf-8").replace("처음 주장", "나중 주장입니다"), encoding="utf-8")
    os.utime(empty_claims, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert open_index(repo).get("edited")["claim"] == "나중 주장입니다"


def test_two_claims_with_one_id_are_reported_not_both_indexed(empty_claims):
    write_claim(empty_claims, "same-id")
    write_claim(empty_claims / "imported" / "x", "same-id")
    idx = open_index(Repo(empty_claims))
    assert len(idx.records()) == 1
    assert any("also used by" in p.message for p in idx.problems)


def test_concurrent_searches_all_succeed(empty_claims, tmp_path):
    for i in range(40):
        write_claim(empty_claims, f"claim-{i:02d}", claim=f"김제시 사업 {i}번 국가예산 확보")
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp_path / "shared-cache")}
    command = [sys.executable, "-m", "factcheck", "--claims-dir", str(empty_claims), "search", "국가예산 확보", "--json"]
    procs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(6)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, [o[1] for o in outputs]
    assert all(len(json.loads(out)["results"]) == 10 for out, _err in outputs)


def test_an_index_busy_for_too_long_is_an_error_and_is_not_rebuilt(empty_claims, monkeypatch):
    write_claim(empty_claims, "first-claim")
    repo = Repo(empty_claims)
    open_index(repo).conn.close()
    write_claim(empty_claims, "second-claim")  # the next search must write to the index
    path = index_path(repo.root)
    inode = os.stat(path).st_ino
    writer = sqlite3.connect(path, isolation_level=None)  # another process, mid-refresh
    writer.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(index_module, "BUSY_TIMEOUT", 0.2)
    with pytest.raises(FactcheckError, match="index .* is busy"):
        open_index(repo)
    assert os.stat(path).st_ino == inode  # the other process's index was left alone
    writer.execute("ROLLBACK")
    writer.close()
    assert sorted(r["id"] for r in open_index(repo).records()) == ["first-claim", "second-claim"]


def test_an_interrupted_refresh_leaves_the_previous_index(empty_claims, monkeypatch):
    write_claim(empty_claims, "first-claim")
    repo = Repo(empty_claims)
    open_index(repo).conn.close()
    write_claim(empty_claims, "second-claim")
    write_claim(empty_claims, "third-claim")
    analysed = []

    def interrupted_at_the_second_new_file(record):  # Ctrl-C with one new claim already stored
        if analysed:
            raise KeyboardInterrupt
        analysed.append(record["id"])
        return analyse(record)

    with monkeypatch.context() as patch:
        patch.setattr(analysis, "analyse", interrupted_at_the_second_new_file)
        with pytest.raises(KeyboardInterrupt):
            open_index(repo)
    conn = sqlite3.connect(index_path(repo.root))
    assert [r for (r,) in conn.execute("SELECT id FROM claims")] == ["first-claim"]
    conn.close()
    assert sorted(r["id"] for r in open_index(repo).records()) == ["first-claim", "second-claim", "third-claim"]


def _counts(idx):
    stored = dict(idx.conn.execute("SELECT term, docs FROM doc_freq WHERE docs > 0"))
    counted = dict(idx.conn.execute("SELECT term, doc FROM grams_vocab"))
    return stored, counted


def test_document_frequencies_follow_added_changed_and_removed_claims(empty_claims):
    for i in range(4):
        write_claim(empty_claims, f"claim-{i}", claim=f"국가예산 {i}조 원 확보", tags=["예산"])
    repo = Repo(empty_claims)
    stored, counted = _counts(open_index(repo))
    assert stored == counted and stored["예산"] == 4
    write_claim(empty_claims, "claim-new", claim="예타 면제 확정")
    path = empty_claims / "claim-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("국가예산", "지방교부세"), encoding="utf-8")
    (empty_claims / "claim-2.yaml").unlink()
    stored, counted = _counts(open_index(repo))
    assert stored == counted and stored["면제"] == 1 and stored["가예"] == 2


def test_a_large_change_recounts_document_frequencies_whole(empty_claims, monkeypatch):
    monkeypatch.setattr(index_module, "PARALLEL_AT", 2)
    for i in range(3):
        write_claim(empty_claims, f"claim-{i}", claim=f"국가예산 {i}조 원 확보")
    stored, counted = _counts(open_index(Repo(empty_claims)))
    assert stored == counted and stored["가예"] == 3


def test_an_interrupted_first_build_leaves_no_index_and_the_next_search_builds_it(empty_claims, monkeypatch):
    write_claim(empty_claims, "first-claim")
    write_claim(empty_claims, "second-claim")
    repo = Repo(empty_claims)

    def interrupted(record):  # Ctrl-C during a first build
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(analysis, "analyse", interrupted)
        with pytest.raises(KeyboardInterrupt):
            open_index(repo)
    path = index_path(repo.root)
    assert not path.exists() and not list(path.parent.glob(f"{path.name}.building*"))
    assert sorted(r["id"] for r in open_index(repo).records()) == ["first-claim", "second-claim"]


def test_a_first_build_keeps_the_first_of_two_lines_with_one_id_and_reports_the_second(empty_claims):
    from factcheck.store import packs

    source = {"url": "https://example.org/check", "publisher": "Someone", "quote": "인용"}
    lines = [packs.claim_line({"id": claim_id, "claim": f"{text} 주장", "status": "false", "sources": [source]})
             for claim_id, text in (("same-id", "첫째"), ("other-id", "둘째"), ("same-id", "셋째"))]
    folder = empty_claims / "imported" / "someone"
    folder.mkdir(parents=True)
    (folder / "0000.jsonl.gz").write_bytes(packs.pack_bytes(lines))
    idx = open_index(Repo(empty_claims))
    assert idx.get("same-id")["claim"] == "첫째 주장" and idx.count() == 2
    assert [(p.line, "also used by" in str(p.message)) for p in idx.problems] == [(3, True)]
