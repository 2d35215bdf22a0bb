"""`factcheck init` starts a claims repository that validates, publishes and can be committed at once."""

from __future__ import annotations

import json

from ruamel.yaml import YAML

from factcheck.model import CLAIM_SCHEMA
from factcheck.store.init import TEXT_FILES


def test_init_writes_the_schema_settings_starter_pages_and_a_pre_commit_config(run, tmp_path):
    result = run(None, "init", str(tmp_path / "desk"), "--publisher", "김제 시정 팩트체크")
    assert result.exit_code == 0, result.output
    claims = tmp_path / "desk" / "claims"
    assert json.loads((claims / "schema.json").read_text(encoding="utf-8")) == CLAIM_SCHEMA
    assert YAML(typ="safe").load(claims / "factcheck.yaml")["publisher"]["name"] == "김제 시정 팩트체크"
    for rel in TEXT_FILES.values():
        assert "factcheck:placeholder" in (claims / rel).read_text(encoding="utf-8")
    assert "factcheck validate" in (tmp_path / "desk" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "5 file(s) written" in result.stderr


def test_init_again_leaves_every_existing_file_as_it_is(run, tmp_path):
    run(None, "init", str(tmp_path))
    settings = tmp_path / "claims" / "factcheck.yaml"
    settings.write_text("publisher:\n  name: 우리 신문\n", encoding="utf-8")
    result = run(None, "init", str(tmp_path), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["written"] == []
    assert settings.read_text(encoding="utf-8") == "publisher:\n  name: 우리 신문\n"


def test_a_new_repository_validates_and_takes_a_first_claim(run, tmp_path):
    run(None, "init", str(tmp_path))
    claims = tmp_path / "claims"
    added = run(claims, "add", "--claim", "김제시 인구가 8만 명을 넘었다", "--claimant", "김제시", "--date", "2025-09-01",
                "--status", "unverified", "--id", "gimje-population-80000")
    assert added.exit_code == 0, added.output
    assert (claims / "gimje-population-80000.yaml").is_file()
    assert run(claims, "validate").exit_code == 0


def test_init_into_a_file_is_a_one_line_error(run, tmp_path):
    target = tmp_path / "not-a-folder"
    target.write_text("x", encoding="utf-8")
    result = run(None, "init", str(target))
    assert result.exit_code == 2
    assert "not a folder" in result.stderr or "is a file" in result.stderr
