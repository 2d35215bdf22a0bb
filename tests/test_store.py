"""The YAML store: safe loading, atomic writes that never lose a file, edits that keep comments."""

import os

import pytest
from conftest import write_claim

from factcheck.errors import DataError, FactcheckError
from factcheck.store.repo import Repo
from factcheck.store.files import atomic_write
from factcheck.store.yaml import load_claim_file, safe_loader

# Documents the fast loader must read exactly as ruamel.yaml's own safe loader does: plain claim data,
# typed scalars, and every feature it hands back to ruamel.yaml (anchors, merge keys, tags, errors).
# One difference on purpose: an impossible date (2025-13-45) stays text (tests/test_validate.py).
YAML_CASES = [
    "",
    "id: x\nclaim: 예타 면제\ntags: [a, b]\nsources:\n  - url: https://example.org\n    quote: '1조 원'\n",
    "date: 2025-08-22\nat: 2025-08-22T10:11:12Z\nnothing: ~\nempty:\nyes_: true\nno_: False\n",
    "f: 1.5\ni: 0o17\nh: 0x1f\ninf: .inf\nneg: -3\nquoted: '12'\ntext: \"true\"\nold_bool: yes\n",
    "12: twelve\ntrue: t\n~: n\n",
    "literal: |\n  line one\n  line two\nfolded: >\n  folded\n  text\n",
    "nested: {b: [1, {c: d}], e: []}\nlists:\n- - - deep\n  - x\n- y\n",
    "a: &x {b: 1}\nc: *x\n",
    "base: &b {k: 1}\nother:\n  <<: *b\n  j: 2\n",
    "a: !!str 12\n",
    "? [1, 2]\n: x\n",
    "a: 1\na: 2\n",
    "--- 1\n--- 2\n",
    "a: [1\n",
    "- !foo bar\n",
    "x: !!python/object/apply:os.system ['true']\n",
]


def _outcome(load, text):
    try:
        return "data", repr(load(text))
    except Exception as exc:  # the error's class and line must match too
        return "error", type(exc).__name__, getattr(getattr(exc, "problem_mark", None), "line", None)


@pytest.mark.parametrize("text", YAML_CASES)
def test_the_claim_loader_reads_yaml_as_ruamel_yaml_safe_does(text):
    from ruamel.yaml import YAML

    assert _outcome(safe_loader().load, text) == _outcome(YAML(typ="safe").load, text)


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


def test_a_status_that_is_a_mapping_is_reported_not_a_crash(empty_claims):
    path = empty_claims / "odd-status.yaml"
    path.write_text("id: odd-status\nclaim: 주장\nstatus: {a: 1}\nsources: []\n", encoding="utf-8")
    record, problems = load_claim_file(path)
    assert record is None
    assert [p.line for p in problems if "status" in p.message] == [3]


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
