"""Writes under hostile conditions: modes kept, every character round-tripped, concurrent writers
serialised, killed writers cleaned up after, and a read-only or full disk reported in one line."""

import json
import os
import signal
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import write_claim

from factcheck.store.files import atomic_write
from factcheck.store.repo import Repo
from factcheck.errors import DataError
from factcheck.store.yaml import load_claim_file, parse_yaml, read_text


def stored(path) -> dict:
    return parse_yaml(read_text(path), path)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test, and put it back."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield lambda mask: os.umask(mask)
    os.umask(saved)


def factcheck(claims, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "factcheck", "--claims-dir", str(claims), *args],
                          capture_output=True, text=True, timeout=120, **kwargs)


# --------------------------------------------------------------------------- modes (issue 13, item 2)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    atomic_write(tmp_path / "new.txt", b"x", overwrite=False)
    assert mode(tmp_path / "new.txt") == expected


def test_a_replaced_file_keeps_its_mode(tmp_path, umask):
    umask(0o077)
    target = tmp_path / "kept.txt"
    target.write_bytes(b"old")
    os.chmod(target, 0o664)
    atomic_write(target, b"new", overwrite=True)
    assert mode(target) == 0o664 and target.read_bytes() == b"new"


def test_verdict_keeps_a_claim_files_mode_and_add_follows_the_umask(empty_claims, run, umask):
    umask(0o022)
    path = write_claim(empty_claims, "mode-claim", state="draft")
    os.chmod(path, 0o664)
    assert run(empty_claims, "verdict", "mode-claim", "false", "--note", "다시 확인").exit_code == 0
    assert mode(path) == 0o664
    assert run(empty_claims, "add", "--claim", "새로운 주장 하나", "--status", "unverified", "--id", "new-claim",
               "--yes").exit_code == 0
    assert mode(empty_claims / "new-claim.yaml") == 0o644


def test_imported_claims_and_written_reports_follow_the_umask(empty_claims, run, tmp_path, umask):
    umask(0o022)
    source = tmp_path / "reviews.json"
    source.write_text(json.dumps({"@type": "ClaimReview", "claimReviewed": "주장", "url": "https://x.example/r",
                                  "reviewRating": {"alternateName": "False"}}), encoding="utf-8")
    assert run(empty_claims, "import", str(source)).exit_code == 0
    [imported] = (empty_claims / "imported").rglob("*.yaml")
    assert mode(imported) == 0o644
    assert run(empty_claims, "export", "-o", str(tmp_path / "out.json")).exit_code == 0
    assert mode(tmp_path / "out.json") == 0o644


# --------------------------------------------------------------------------- exact round trip (item 7)


@pytest.mark.parametrize("text", ["a\x85b", "\x85", "끝\x85", "줄\u2028구분", "문단\u2029구분", "tab\there"])
def test_both_writers_round_trip_characters_the_reader_would_normalise(empty_claims, text):
    repo = Repo(empty_claims)
    record = {"id": "exact-claim", "claim": "지하철", "status": "unverified", "sources": [], "claim_en": text}
    path = empty_claims / "exact-claim.yaml"
    path.write_bytes(repo.dump(record, path))
    assert stored(path)["claim_en"] == text
    try:  # the model may refuse the text (NEL is a C1 control): the writer must still have kept it
        repo.update("exact-claim", lambda doc: doc.__setitem__("rationale", text))
    except DataError:
        return
    assert stored(path)["rationale"] == text


def test_add_refuses_a_nel_with_a_message_instead_of_storing_a_space(empty_claims, run):
    result = run(empty_claims, "add", "--claim", "지하철\x85요금", "--status", "unverified", "--yes")
    assert result.exit_code == 2 and "U+0085" in result.stderr
    assert list(empty_claims.glob("*.yaml")) == []


# --------------------------------------------------------------------------- concurrent writers (item 6)


def test_eight_concurrent_verdicts_keep_all_eight_notes(empty_claims):
    write_claim(empty_claims, "busy-claim", state="draft")
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(
            lambda n: factcheck(empty_claims, "verdict", "busy-claim", "false", "--note", f"note {n}"), range(8)))
    assert [r.returncode for r in results] == [0] * 8, [r.stderr for r in results]
    record, problems = load_claim_file(empty_claims / "busy-claim.yaml")
    assert sorted(h["note"] for h in record["history"]) == sorted(f"note {n}" for n in range(8))


def test_eight_concurrent_adds_of_one_claim_write_it_once(empty_claims):
    write_claim(empty_claims, "other-claim", claim="전혀 다른 주장")
    args = ("add", "--claim", "김제시는 3년 연속 국가예산 1조 원을 확보했다", "--status", "unverified")
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda n: factcheck(empty_claims, *args, "--id", f"same-claim-{n}"), range(8)))
    written = [p.name for p in empty_claims.glob("same-claim-*.yaml")]
    assert len(written) == 1, written
    assert sorted(r.returncode for r in results) == [0] + [2] * 7


# --------------------------------------------------------------------------- killed writers (item 8)


def test_temporary_files_of_a_killed_writer_are_removed_by_the_next_refresh(empty_claims, run):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        folder = empty_claims / "imported" / "afp" / "3"
        folder.mkdir(parents=True)
        orphan = folder / f".afp-1234.yaml.{dead_pid}.abc12345.tmp"
        in_progress = folder / f".afp-5678.yaml.{alive.pid}.def45678.tmp"
        foreign = folder / ".notes.tmp"  # not of our naming: left alone, however old
        for path in (orphan, in_progress, foreign):
            path.write_text("half a claim", encoding="utf-8")
        os.utime(foreign, (time.time() - 86400, time.time() - 86400))
        assert run(empty_claims, "index").exit_code == 0
        assert not orphan.exists() and in_progress.exists() and foreign.exists()
    finally:
        alive.kill()
        alive.wait()


def test_an_import_killed_midway_leaves_no_temporary_files_after_the_next_import(empty_claims, tmp_path):
    reviews = [{"@type": "ClaimReview", "claimReviewed": f"주장 번호 {n}", "url": f"https://x.example/r/{n}",
                "reviewRating": {"alternateName": "False"}} for n in range(1200)]
    source = tmp_path / "reviews.json"
    source.write_text(json.dumps(reviews, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, "-m", "factcheck", "--claims-dir", str(empty_claims), "import", str(source),
               "--layout", "files"]  # a file per claim: thousands of writes to catch one in
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(empty_claims.rglob(".*.tmp")):
        time.sleep(0.005)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert list(empty_claims.rglob(".*.tmp")), "the import was not caught mid-write"
    again = factcheck(empty_claims, "import", str(source), "--layout", "files")
    assert again.returncode == 0, again.stderr
    assert list(empty_claims.rglob(".*.tmp")) == []
    assert len(list(empty_claims.rglob("*.yaml"))) == 1200


# --------------------------------------------------------------------------- read-only and full disks (item 15)


@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MB tmpfs holding a claims repository (needs root to mount, as CI has)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    claims = mount / "claims"
    claims.mkdir()
    write_claim(claims, "disk-claim", state="draft")
    yield mount, claims
    subprocess.run(["umount", "-l", str(mount)], check=False)


ADD = ("add", "--claim", "디스크 주장", "--status", "unverified", "--id", "disk-new-claim", "--yes")
VERDICT = ("verdict", "disk-claim", "false", "--note", "디스크")


def one_line_error(result) -> bool:
    return result.returncode == 2 and "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_read_only_claims_folder_gives_one_line_and_exit_2(small_disk):
    mount, claims = small_disk
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    for args in (ADD, VERDICT):
        result = factcheck(claims, *args)
        assert one_line_error(result), result.stderr
        assert "Read-only file system" in result.stderr


def test_a_full_disk_gives_one_line_and_exit_2_and_keeps_the_old_file(small_disk):
    mount, claims = small_disk
    before = (claims / "disk-claim.yaml").read_bytes()
    filler = mount / "filler"
    try:
        with open(filler, "wb") as handle:
            while True:
                handle.write(b"\0" * 65536)
    except OSError:
        pass
    for args in (ADD, VERDICT):
        result = factcheck(claims, *args)
        assert one_line_error(result), result.stderr
        assert "No space left on device" in result.stderr
    assert (claims / "disk-claim.yaml").read_bytes() == before
