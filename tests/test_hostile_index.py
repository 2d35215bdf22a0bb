"""The index under hostile or unlucky conditions: duplicate ids, in-place edits, and faults that must
repair themselves (corrupt pages, folders where files should be, read-only caches, deleted indexes)."""

import json
import os
from pathlib import Path

from conftest import write_claim



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


# --------------------------------------------------------------------------- faults that repair themselves (item 14)


def index_file(claims) -> Path:
    from factcheck.search.index import index_path

    return index_path(Path(claims).resolve())


def searches_fine(run, claims, warnings: int):
    result = run(claims, "search", "예타 면제")
    assert result.exit_code == 0 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "gimje-physical-ai-yeta-exemption" in result.stdout
    assert result.stderr.count("warning:") == warnings, result.stderr
    return result


def test_corrupt_pages_inside_the_index_are_found_and_the_index_rebuilt(claims_dir):
    import subprocess
    import sys

    def search():  # its own process: an in-process run would keep reading pages from its open connection
        command = [sys.executable, "-m", "factcheck", "--claims-dir", str(claims_dir), "search", "예타 면제"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0 and "gimje-physical-ai-yeta-exemption" in result.stdout, result.stderr
        assert "warning" not in result.stderr

    path = index_file(claims_dir)
    search()
    for first in range(4, path.stat().st_size // 4096, 16):  # four pages in every sixteen, past the schema's
        search()
        with open(path, "r+b") as handle:
            handle.seek(first * 4096)
            handle.write(b"\xff" * 4096 * 4)
        search()


def test_an_index_path_that_is_a_folder_falls_back_with_one_warning(claims_dir, run):
    path = index_file(claims_dir)
    path.mkdir(parents=True)
    result = searches_fine(run, claims_dir, 1)
    assert "cannot use the search index" in result.stderr
    assert path.is_dir()  # a folder we did not make is never deleted


def test_an_index_lock_that_is_a_folder_falls_back_with_one_warning(claims_dir, run):
    path = index_file(claims_dir)
    Path(f"{path}.lock").mkdir(parents=True)
    searches_fine(run, claims_dir, 1)


def test_a_read_only_cache_folder_falls_back_with_one_warning(claims_dir, run, tmp_path, monkeypatch):
    import subprocess

    cache = tmp_path / "ro-cache"
    cache.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(cache)],
                                           capture_output=True).returncode != 0:
        import pytest

        pytest.skip("mounting a read-only tmpfs needs root")
    try:
        monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(cache))
        result = searches_fine(run, claims_dir, 1)
        assert "Read-only file system" in result.stderr
    finally:
        subprocess.run(["umount", "-l", str(cache)], check=False)


def test_when_no_folder_can_hold_the_index_the_search_uses_one_in_memory(claims_dir, run, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "private"))
    path = index_file(claims_dir)
    path.mkdir(parents=True)
    (tmp_path / "private" / f"factcheck-{os.getuid()}" / path.name).mkdir(parents=True)
    result = searches_fine(run, claims_dir, 1)
    assert "this command used an index in memory" in result.stderr


def test_deleting_the_index_while_searches_run_fails_no_search(claims_dir):
    import subprocess
    import sys
    import threading
    from concurrent.futures import ThreadPoolExecutor

    path = index_file(claims_dir)
    stop = threading.Event()

    def delete_repeatedly():
        while not stop.is_set():
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.unlink(f"{path}{suffix}")
                except OSError:
                    pass
            stop.wait(0.01)

    command = [sys.executable, "-m", "factcheck", "--claims-dir", str(claims_dir), "search", "예타 면제"]
    deleter = threading.Thread(target=delete_repeatedly)
    deleter.start()
    try:
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda _: subprocess.run(command, capture_output=True, text=True, timeout=120),
                                    range(16)))
    finally:
        stop.set()
        deleter.join()
    failed = [r.stderr for r in results if r.returncode != 0]
    assert failed == []
