"""Packs of imported claims (claims/imported/<publisher>/<NNNN>.jsonl.gz): how an import writes them, how every
command reads them as if each line were a claim file, `validate` on them, `adopt` and `import --repack`."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from conftest import write_claim
from factcheck.exchange.importing import run as importing
from factcheck.exchange.importing.read import read_items
from factcheck.exchange.importing.run import import_records
from factcheck.search.index import open_index
from factcheck.search.index_parse import parse_file
from factcheck.store import packs
from factcheck.store.repo import Repo


def review(n: int, publisher: str = "Example Check") -> dict:
    return {
        "@type": "ClaimReview",
        "url": f"https://fc.example.org/checks/{n}",
        "claimReviewed": f"Claim number {n} about the budget of town {n * 7}",
        "reviewRating": {"alternateName": "Mostly False"},
        "author": {"@type": "Organization", "name": publisher},
    }


def items(tmp_path: Path, numbers, name: str = "in.json", **kw):
    path = tmp_path / name
    path.write_text(json.dumps([review(n, **kw) for n in numbers], ensure_ascii=False), encoding="utf-8")
    return read_items(path)[1]


@pytest.fixture
def repo(empty_claims) -> Repo:
    return Repo(empty_claims)


@pytest.fixture
def small_packs(monkeypatch):
    """Packs of 10 lines, so that a test of a few dozen claims fills several."""
    monkeypatch.setattr(packs, "PACK_CLAIMS", 10)
    monkeypatch.setattr(importing, "PACK_CLAIMS", 10)


def pack_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()]


def folder(repo: Repo, publisher: str = "example-check") -> Path:
    return repo.root / "imported" / publisher


def replace(pack: Path, data: bytes) -> None:
    """A pack replaced as git checkout or a rename-on-save editor does it (a folder below imported/ is
    trusted by its mtime, so an edit in place is seen by `factcheck index`, not by the next search)."""
    tmp = pack.with_name(".replacement")
    tmp.write_bytes(data)
    os.replace(tmp, pack)


# --------------------------------------------------------------------------- writing


def test_a_small_import_writes_files_and_a_large_one_packs(tmp_path, repo, monkeypatch):
    monkeypatch.setattr(importing, "PACKS_AT", 5)
    import_records(repo, items(tmp_path, range(1, 5)))
    assert not list(repo.pack_files()) and len(list(repo.claim_files())) == 4
    import_records(repo, items(tmp_path, range(1, 6), publisher="AP News"))
    assert [p.relative_to(repo.root).as_posix() for p in repo.pack_files()] == ["imported/ap-news/0000.jsonl.gz"]


def test_layout_chooses_whatever_the_size(tmp_path, repo):
    report = import_records(repo, items(tmp_path, range(1, 4)), layout="packs")
    assert {a.path.name for a in report.added} == {"0000.jsonl.gz"}
    assert [r["id"] for r in pack_lines(folder(repo) / "0000.jsonl.gz")] == [a.id for a in report.added]


def test_a_publisher_with_packs_gets_its_new_claims_packed(tmp_path, repo):
    import_records(repo, items(tmp_path, range(1, 4)), layout="packs")
    report = import_records(repo, items(tmp_path, range(4, 6)))
    assert {a.path.name for a in report.added} == {"0000.jsonl.gz"}
    assert not list(repo.claim_files())


def test_packs_hold_at_most_pack_claims_lines(tmp_path, repo, small_packs):
    import_records(repo, items(tmp_path, range(1, 26)), layout="packs")
    assert [len(pack_lines(p)) for p in repo.pack_files()] == [10, 10, 5]


def test_a_reimport_rewrites_only_the_packs_it_changes(tmp_path, repo, small_packs):
    import_records(repo, items(tmp_path, range(1, 26)), layout="packs")
    before = {p.name: os.stat(p).st_ino for p in repo.pack_files()}
    report = import_records(repo, items(tmp_path, range(1, 31)), layout="packs")
    after = {p.name: os.stat(p).st_ino for p in repo.pack_files()}
    assert len(report.added) == 5 and len(report.duplicates) == 25
    assert after["0000.jsonl.gz"] == before["0000.jsonl.gz"] and after["0001.jsonl.gz"] == before["0001.jsonl.gz"]
    assert after["0002.jsonl.gz"] != before["0002.jsonl.gz"]
    assert len(pack_lines(folder(repo) / "0002.jsonl.gz")) == 10


def test_the_same_import_twice_changes_no_byte(tmp_path, repo):
    import_records(repo, items(tmp_path, range(1, 8)), layout="packs")
    pack = folder(repo) / "0000.jsonl.gz"
    data, inode = pack.read_bytes(), os.stat(pack).st_ino
    again = import_records(Repo(repo.root), items(tmp_path, range(1, 8)), layout="packs")
    assert len(again.duplicates) == 7 and not again.added
    assert pack.read_bytes() == data and os.stat(pack).st_ino == inode


def test_duplicates_of_packed_claims_are_reported_with_their_ids(tmp_path, repo):
    first = import_records(repo, items(tmp_path, [1, 2]), layout="packs")
    again = import_records(repo, items(tmp_path, [2]), layout="files")
    assert [(d.of, d.reason) for d in again.duplicates] == [(first.added[1].id, "same review URL")]


def test_equal_lines_give_equal_bytes():
    lines = [packs.claim_line({"id": "abc-1", "claim": "x", "status": "false", "sources": []})]
    assert packs.pack_bytes(lines) == packs.pack_bytes(list(lines))


def test_a_rewritten_pack_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path, repo, small_packs):
    import_records(repo, items(tmp_path, range(1, 4)), layout="packs")
    first = folder(repo) / "0000.jsonl.gz"
    first.chmod(0o640)
    old = os.umask(0o027)
    try:
        import_records(repo, items(tmp_path, range(4, 16)), layout="packs")
    finally:
        os.umask(old)
    assert first.stat().st_mode & 0o777 == 0o640
    assert (folder(repo) / "0001.jsonl.gz").stat().st_mode & 0o777 == 0o640  # 0666 less 027
    assert not [p for p in folder(repo).iterdir() if p.name.startswith(".")]


def test_an_unreadable_last_pack_stops_the_import_with_one_line(tmp_path, repo):
    import_records(repo, items(tmp_path, range(1, 3)), layout="packs")
    (folder(repo) / "0000.jsonl.gz").write_bytes(b"not gzip")
    with pytest.raises(Exception, match=r"0000\.jsonl\.gz: not a gzip file .*fix or move that pack"):
        import_records(repo, items(tmp_path, range(3, 5)), layout="packs")


# --------------------------------------------------------------------------- reading


def test_every_command_reads_packed_claims(run, tmp_path, empty_claims):
    import_records(Repo(empty_claims), items(tmp_path, range(1, 6)), layout="packs")
    claim_id = pack_lines(folder(Repo(empty_claims)) / "0000.jsonl.gz")[2]["id"]
    found = json.loads(run(empty_claims, "search", "budget of town 21", "--json").stdout)
    assert found["results"][0]["id"] == claim_id
    assert "Claim number 3 about" in run(empty_claims, "show", claim_id).stdout
    assert len(json.loads(run(empty_claims, "list", "--json").stdout)["claims"]) == 5
    exported = run(empty_claims, "export", "--format", "jsonl", "--all").stdout.splitlines()
    assert len(exported) == 5


def test_a_broken_line_is_reported_with_file_and_line_and_the_rest_still_count(run, tmp_path, empty_claims):
    repo = Repo(empty_claims)
    import_records(repo, items(tmp_path, range(1, 4)), layout="packs")
    pack = folder(repo) / "0000.jsonl.gz"
    lines = gzip.decompress(pack.read_bytes()).split(b"\n")
    lines[1] = b'{"id": "broken", "claim": '
    replace(pack, gzip.compress(b"\n".join(lines)))
    result = run(empty_claims, "validate")
    assert result.exit_code == 2
    assert f"{pack}:2: not a JSON object" in result.stdout
    listed = json.loads(run(empty_claims, "list", "--json").stdout)
    assert len(listed["claims"]) == 2
    assert f"{pack}:2:" in run(empty_claims, "list").stderr


def test_an_invalid_claim_in_a_pack_names_its_line_and_field(tmp_path, repo):
    import_records(repo, items(tmp_path, range(1, 3)), layout="packs")
    pack = folder(repo) / "0000.jsonl.gz"
    records = pack_lines(pack)
    records[1]["status"] = "maybe"
    pack.write_bytes(packs.pack_bytes([packs.claim_line(r) for r in records]))
    from factcheck.store.editing import validate_files

    problems, checked = validate_files(repo, list(repo.pack_files()))
    assert checked == 1 and [(p.line, "status" in p.message) for p in problems] == [(2, True)]


def test_a_truncated_pack_is_a_problem_not_a_crash(run, tmp_path, empty_claims):
    import_records(Repo(empty_claims), items(tmp_path, range(1, 40)), layout="packs")
    pack = folder(Repo(empty_claims)) / "0000.jsonl.gz"
    pack.write_bytes(pack.read_bytes()[:200])
    result = run(empty_claims, "validate")
    assert result.exit_code == 2 and "truncated pack" in result.stdout and "Traceback" not in result.output


def test_an_id_in_two_packs_is_reported_at_the_second_line(run, tmp_path, empty_claims):
    repo = Repo(empty_claims)
    import_records(repo, items(tmp_path, range(1, 3)), layout="packs")
    record = pack_lines(folder(repo) / "0000.jsonl.gz")[0]
    other = empty_claims / "imported" / "other"
    other.mkdir()
    (other / "0000.jsonl.gz").write_bytes(packs.pack_bytes([packs.claim_line(record)]))
    index = open_index(repo)
    assert [str(p) for p in index.problems] == [
        f"{other / '0000.jsonl.gz'}:1: id {record['id']!r} is also used by {folder(repo) / '0000.jsonl.gz'}:1; "
        "this line is ignored"]
    assert "is also used by" in run(empty_claims, "validate").stdout


def test_a_changed_pack_has_only_its_new_lines_analysed(tmp_path, repo, small_packs):
    import_records(repo, items(tmp_path, range(1, 6)), layout="packs")
    pack = str(folder(repo) / "0000.jsonl.gz")
    index = open_index(repo)
    known = index._known_lines(pack)
    import_records(repo, items(tmp_path, range(6, 8)), layout="packs")
    parsed = parse_file((pack, known))
    assert len(parsed.lines) == 7 and [e.line for e in parsed.entries] == [6, 7]


def test_a_pack_replaced_by_git_or_an_editor_is_seen_by_the_next_search(run, tmp_path, empty_claims):
    repo = Repo(empty_claims)
    import_records(repo, items(tmp_path, range(1, 4)), layout="packs")
    run(empty_claims, "index")
    pack = folder(repo) / "0000.jsonl.gz"
    records = pack_lines(pack)
    records[0]["claim"] = "오로라고래 예산이 늘었다"
    replace(pack, packs.pack_bytes([packs.claim_line(r) for r in records]))
    found = json.loads(run(empty_claims, "search", "오로라고래", "--json").stdout)["results"]
    assert [r["id"] for r in found][:1] == [records[0]["id"]]


# --------------------------------------------------------------------------- adopt


def adopted_repo(run, tmp_path, claims: Path) -> tuple[Repo, str, Path]:
    repo = Repo(claims)
    import_records(repo, items(tmp_path, range(1, 4)), layout="packs")
    claim_id = pack_lines(folder(repo) / "0000.jsonl.gz")[1]["id"]
    result = run(claims, "adopt", claim_id, "--json")
    assert result.exit_code == 0, result.output
    return repo, claim_id, claims / json.loads(result.stdout)["path"]


def test_adopt_writes_the_packed_claim_to_its_own_file(run, tmp_path, empty_claims):
    repo, claim_id, path = adopted_repo(run, tmp_path, empty_claims)
    assert path.relative_to(empty_claims).as_posix() == f"imported/example-check/adopted/{claim_id}.yaml"
    assert repo.load(claim_id) == pack_lines(folder(repo) / "0000.jsonl.gz")[1]
    assert run(empty_claims, "validate").exit_code == 0  # the pack's line is not a clash: it was adopted


def test_an_adopted_claim_wins_over_its_line_once_edited(run, tmp_path, empty_claims):
    repo, claim_id, path = adopted_repo(run, tmp_path, empty_claims)
    path.write_text(path.read_text(encoding="utf-8").replace("Claim number 2", "Claim number two"), encoding="utf-8")
    shown = json.loads(run(empty_claims, "list", "--json").stdout)["claims"]
    assert [c["claim"] for c in shown if c["id"] == claim_id] == ["Claim number two about the budget of town 14"]
    assert "Claim number two" in run(empty_claims, "show", claim_id).stdout


def test_removing_an_adopted_file_brings_the_packed_line_back(run, tmp_path, empty_claims):
    repo, claim_id, path = adopted_repo(run, tmp_path, empty_claims)
    run(empty_claims, "index")
    path.unlink()
    found = json.loads(run(empty_claims, "search", "budget of town 14", "--json").stdout)["results"]
    assert found[0]["id"] == claim_id
    assert "Claim number 2 about" in run(empty_claims, "show", claim_id).stdout


def test_adopting_a_claim_that_has_its_own_file_is_refused(run, tmp_path, empty_claims):
    _repo, claim_id, _path = adopted_repo(run, tmp_path, empty_claims)
    result = run(empty_claims, "adopt", claim_id)
    assert result.exit_code == 2 and "already a claim file of its own" in result.stderr
    missing = run(empty_claims, "adopt", "no-such-claim")
    assert missing.exit_code == 2 and "no claim with id 'no-such-claim'" in missing.stderr


# --------------------------------------------------------------------------- repack


def test_repack_moves_imported_files_into_packs_and_search_finds_the_same(run, tmp_path, empty_claims):
    repo = Repo(empty_claims)
    write_claim(empty_claims, "own-claim-1")
    import_records(repo, items(tmp_path, range(1, 12)), layout="files")
    before = json.loads(run(empty_claims, "search", "budget of town 21", "--json").stdout)["results"]
    result = run(empty_claims, "import", "--repack", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["packed"] == 11
    assert [p.name for p in repo.claim_files()] == ["own-claim-1.yaml"]
    assert [p.name for p in repo.pack_files()] == ["0000.jsonl.gz"]
    assert not [p for p in folder(repo).iterdir() if p.is_dir()]  # the emptied 0-f folders are gone
    after = json.loads(run(empty_claims, "search", "budget of town 21", "--json").stdout)["results"]
    assert [r["id"] for r in after] == [r["id"] for r in before]


def test_repacking_an_adopted_and_edited_claim_replaces_its_line(run, tmp_path, empty_claims):
    repo, claim_id, path = adopted_repo(run, tmp_path, empty_claims)
    path.write_text(path.read_text(encoding="utf-8").replace("Claim number 2", "Claim number two"), encoding="utf-8")
    run(empty_claims, "import", "--repack")
    lines = pack_lines(folder(repo) / "0000.jsonl.gz")
    assert len(lines) == 3 and lines[1]["claim"].startswith("Claim number two") and not path.exists()


def test_repack_leaves_a_broken_file_and_says_so(run, tmp_path, empty_claims):
    import_records(Repo(empty_claims), items(tmp_path, range(1, 3)), layout="files")
    broken = empty_claims / "imported" / "example-check" / "0" / "broken-one.yaml"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text("claim: [unclosed\n", encoding="utf-8")
    result = run(empty_claims, "import", "--repack")
    assert result.exit_code == 0 and broken.exists() and "broken-one.yaml:" in result.stderr


def test_repack_with_a_path_is_a_usage_error(run, empty_claims):
    result = run(empty_claims, "import", "x.json", "--repack")
    assert result.exit_code == 2 and "--repack takes no PATH" in result.stderr


# --------------------------------------------------------------------------- sizes and odd lines


def test_index_json_reports_claim_and_index_bytes(run, tmp_path, empty_claims):
    write_claim(empty_claims, "own-claim-1")
    import_records(Repo(empty_claims), items(tmp_path, range(1, 6)), layout="packs")
    info = json.loads(run(empty_claims, "index", "--json").stdout)
    on_disk = [empty_claims / "own-claim-1.yaml", *Repo(empty_claims).pack_files()]
    assert (info["claim_files"], info["packs"]) == (1, 1)
    assert info["claims_bytes"] == sum(p.stat().st_size for p in on_disk)
    assert info["index_bytes"] > 0


def test_a_bare_true_verdict_in_a_pack_reads_as_the_verdict_true(tmp_path, repo):
    import_records(repo, items(tmp_path, range(1, 3)), layout="packs")
    pack = folder(repo) / "0000.jsonl.gz"
    lines = gzip.decompress(pack.read_bytes()).split(b"\n")
    lines[0] = lines[0].replace(b'"status":"mostly-false"', b'"status": false')
    replace(pack, packs.pack_bytes(lines))
    claims, problems = packs.load_pack(pack)
    assert not problems and claims[0][1]["status"] == "false"


def test_parsing_in_workers_stops_cleanly_when_the_consumer_stops_early(empty_claims):
    import threading

    from factcheck.search import index_parse

    tasks = [(str(write_claim(empty_claims, f"claim-{n:03d}")), frozenset()) for n in range(400)]
    parsed = index_parse.parsed_files(tasks, parallel_at=2)
    assert next(parsed).entries[0].claim_id == "claim-000"
    closing = threading.Thread(target=parsed.close, daemon=True)  # the pool's exit once hung here for good
    closing.start()
    closing.join(30)
    assert not closing.is_alive()


def test_a_killed_pack_writers_temporary_file_is_removed_by_the_next_refresh(tmp_path, repo):
    import subprocess
    import sys

    import_records(repo, items(tmp_path, range(1, 3)), layout="packs")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = folder(repo) / f".0000.jsonl.gz.{int(dead.stdout)}.abc12345.tmp"
    orphan.write_bytes(b"half a pack")
    open_index(repo, full=True)
    assert not orphan.exists()
