"""The YAML store: safe loading, atomic writes that never lose a file, edits that keep comments."""

import os

import pytest

from conftest import write_claim

from factcheck.errors import DataError, FactcheckError
from factcheck.store import Repo, atomic_write, load_claim_file


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "claim.yaml"
    target.write_text("old: content\n", encoding="utf-8")

    def power_cut(*args, **kwargs):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError):
        atomic_write(target, b"new: content\n" * 1000, overwrite=True)
    assert target.read_text(encoding="utf-8") == "old: content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claim.yaml"]  # no temporary file left behind


def test_a_completed_write_is_the_whole_new_file(tmp_path):
    target = tmp_path / "claim.yaml"
    target.write_text("old\n", encoding="utf-8")
    atomic_write(target, b"new\n", overwrite=True)
    assert target.read_bytes() == b"new\n"


def test_a_write_without_overwrite_refuses_an_existing_file(tmp_path):
    target = tmp_path / "claim.yaml"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(DataError, match="already exists"):
        atomic_write(target, b"new\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claim.yaml"]


def test_create_refuses_an_id_held_in_a_subfolder(empty_claims):
    write_claim(empty_claims / "imported" / "pub", "taken-id")
    with pytest.raises(DataError, match="already exists"):
        Repo(empty_claims).create({"id": "taken-id", "claim": "x", "status": "unverified", "sources": []})


def test_a_yaml_syntax_error_names_file_and_line(empty_claims):
    path = empty_claims / "bad.yaml"
    path.write_text("id: bad\nclaim: ok\nstatus: [true\n", encoding="utf-8")
    record, problems = load_claim_file(path)
    assert record is None
    assert str(problems[0]).startswith(f"{path}:")
    assert problems[0].line in (3, 4)


def test_duplicate_keys_are_an_error(empty_claims):
    path = empty_claims / "dup.yaml"
    path.write_text("id: dup\nclaim: a\nclaim: b\nstatus: unverified\nsources: []\n", encoding="utf-8")
    record, problems = load_claim_file(path)
    assert record is None and problems[0].line == 3


def test_a_validation_problem_points_at_the_field_line(empty_claims):
    path = write_claim(empty_claims, "bad-source")
    text = path.read_text(encoding="utf-8").replace("publisher: 예시신문", "publisher: ''")
    path.write_text(text, encoding="utf-8")
    _record, problems = load_claim_file(path)
    expected = next(i for i, line in enumerate(text.splitlines(), 1) if "publisher" in line)
    assert any(p.line == expected and "publisher" in p.message for p in problems)


def test_unsafe_tags_are_refused_before_an_edit(empty_claims, tmp_path):
    path = write_claim(empty_claims, "tagged")
    marker = tmp_path / "pwned"
    path.write_text(path.read_text(encoding="utf-8") + f"x: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(DataError, match="unsafe"):
        Repo(empty_claims).update("tagged", lambda doc: None)
    assert not marker.exists()


def test_update_keeps_comments_key_order_and_unknown_formatting(empty_claims):
    path = write_claim(empty_claims, "kept", claim_en="an English line")
    original = path.read_text(encoding="utf-8").replace("claim_en:", "# 번역 검수 필요\nclaim_en:")
    path.write_text(original, encoding="utf-8")

    def change(doc):
        doc["status"] = "false"

    Repo(empty_claims).update("kept", change)
    text = path.read_text(encoding="utf-8")
    assert text == original.replace("status: 'true'", "status: 'false'")


def test_a_claim_id_is_a_safe_slug():
    repo = Repo(".")
    for bad in ("../x", "/abs", "a/b", "A-b", "ab", "x" * 81, "-lead", "트램"):
        with pytest.raises(FactcheckError, match="invalid claim id"):
            repo.new_path(bad)
