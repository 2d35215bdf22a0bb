"""Publishing only what is published: unpublished claims are marked in listings and can be filtered."""

from __future__ import annotations

import json

import pytest
from desk_helpers import add_draft, desk_env  # noqa: F401

pytestmark = pytest.mark.usefixtures("desk_env")


# --------------------------------------------------------------------------- list and search


def test_list_marks_unpublished_claims_and_filters_by_state(run, claims_dir):
    add_draft(run, claims_dir)
    out = run(claims_dir, "list").stdout
    assert out.count("초안 · Draft") == 1
    drafts = json.loads(run(claims_dir, "list", "--state", "draft", "--json").stdout)["claims"]
    assert [c["id"] for c in drafts] == ["gimje-budget-2026"]
    published = json.loads(run(claims_dir, "list", "--state", "published", "--json").stdout)["claims"]
    assert len(published) == 10 and {c["state"] for c in published} == {"published"}


def test_search_marks_unpublished_claims_and_filters_by_state(run, claims_dir):
    add_draft(run, claims_dir)
    out = run(claims_dir, "search", "국가예산", "1조").stdout
    assert "[초안 · Draft] 김제시는 2026년 국가예산" in out
    found = json.loads(run(claims_dir, "search", "국가예산", "--state", "draft", "--json").stdout)["results"]
    assert [(r["id"], r["state"]) for r in found] == [("gimje-budget-2026", "draft")]
    result = run(claims_dir, "search", "국가예산", "--state", "review")
    assert result.exit_code == 1 and "no matching claim" in result.stderr
