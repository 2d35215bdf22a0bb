"""Corrections: a published claim is never re-rated in silence, and readers are shown what changed."""

from __future__ import annotations

import json

import pytest
from desk_helpers import RATIONALE, SOURCE, add_draft, desk_env, published_claim  # noqa: F401
from test_site import StrictPage

from factcheck.store.repo import Repo

pytestmark = pytest.mark.usefixtures("desk_env")
SEED = "gimje-physical-ai-yeta-exemption"
FIX = "국무회의 의결은 8월 18일이었다는 과기정통부 발표를 반영"


def load(claims, claim_id=SEED) -> dict:
    return Repo(claims).load(claim_id)


@pytest.mark.parametrize("args, what", [
    (("verdict", SEED, "false", "--note", "다시 보니"), "verdict"),
    (("verdict", SEED, "half-true", "--note", "출처 추가", *SOURCE), "sources"),
    (("rationale", SEED, "새 근거", "--lang", "ko"), "rationale"),
])
def test_changing_a_published_claim_without_a_correction_is_refused_and_writes_nothing(run, claims_dir, args, what):
    path = claims_dir / f"{SEED}.yaml"
    before = path.read_bytes()
    result = run(claims_dir, *args)
    assert result.exit_code == 2
    assert f"changing its {what} needs --correction" in result.stderr and result.stderr.count("\n") == 1
    assert path.read_bytes() == before


def test_a_verdict_correction_is_recorded_with_date_note_and_previous_verdict(run, claims_dir):
    before = load(claims_dir)
    result = run(claims_dir, "verdict", SEED, "mostly-false", "--correction", FIX)
    assert result.exit_code == 0, result.output
    record = load(claims_dir)
    (correction,) = record["corrections"]
    assert correction == {"date": record["history"][-1]["date"], "note": FIX, "previous_status": "half-true",
                          "changed": ["status"]}
    assert record["status"] == "mostly-false" and record["history"][-1]["note"] == FIX
    assert record["history"][-1]["state"] == "published"
    assert record["reviewed"] == before["reviewed"]  # datePublished stays; dateModified says when it changed


def test_a_rationale_correction_names_what_changed_and_keeps_the_verdict(run, claims_dir):
    result = run(claims_dir, "rationale", SEED, "The cabinet met on 18 August.", "--lang", "en", "--correction", FIX)
    assert result.exit_code == 0, result.output
    record = load(claims_dir)
    assert record["corrections"][-1]["changed"] == ["rationale"] and record["status"] == "half-true"
    assert record["rationale"]["en"] == "The cabinet met on 18 August." and record["rationale"]["ko"]
    assert "only the en rationale changed" in result.stderr


def test_a_correction_that_changes_nothing_is_refused(run, claims_dir):
    result = run(claims_dir, "verdict", SEED, "half-true", "--correction", "같은 판정")
    assert result.exit_code == 2 and "nothing to correct" in result.stderr


def test_a_draft_needs_no_correction_and_refuses_one(run, claims_dir):
    add_draft(run, claims_dir)
    assert run(claims_dir, "verdict", "gimje-budget-2026", "true", "--note", "확인").exit_code == 0
    result = run(claims_dir, "verdict", "gimje-budget-2026", "half-true", "--correction", "x")
    assert result.exit_code == 2 and "a correction is for published claims" in result.stderr
    assert "corrections" not in load(claims_dir, "gimje-budget-2026")


def test_a_published_claim_may_get_a_history_note_without_a_correction(run, claims_dir):
    result = run(claims_dir, "verdict", SEED, "half-true", "--note", "재확인: 그대로")
    assert result.exit_code == 0, result.output
    assert "corrections" not in load(claims_dir)


def test_a_correction_through_the_whole_workflow_names_who_made_it(run, claims_dir, monkeypatch):
    published_claim(run, claims_dir)
    monkeypatch.setenv("FACTCHECK_USER", "박편집")
    assert run(claims_dir, "verdict", "gimje-budget-2026", "half-true", "--correction", "정부안 기준").exit_code == 0
    record = load(claims_dir, "gimje-budget-2026")
    assert record["history"][-1]["by"] == "박편집" and record["state"] == "published"


# --------------------------------------------------------------------------- what readers see


def corrected_seed(run, claims_dir) -> None:
    assert run(claims_dir, "verdict", SEED, "mostly-false", "--correction", FIX).exit_code == 0


def test_claimreview_sets_date_modified_and_the_correction(run, claims_dir):
    corrected_seed(run, claims_dir)
    review = json.loads(run(claims_dir, "report", SEED, "--format", "claimreview").stdout)
    record = load(claims_dir)
    assert review["dateModified"] == record["corrections"][0]["date"]
    assert review["datePublished"] == record["reviewed"]
    assert review["correction"] == [{"@type": "CorrectionComment", "datePublished": review["dateModified"],
                                     "text": FIX}]


def test_an_uncorrected_claim_has_no_date_modified(run, claims_dir):
    review = json.loads(run(claims_dir, "report", SEED, "--format", "claimreview").stdout)
    assert "dateModified" not in review and "correction" not in review


class Sections(StrictPage):
    """The page, with the ids of <section> and <p> elements in the order they open inside <article>."""

    def __init__(self, text):
        self.order = []
        super().__init__(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("section", "p", "h1") and any(t == "article" for t, _ in self.stack):
            self.order.append(a.get("id") or a.get("class") or tag)
        super().handle_starttag(tag, attrs)


def test_the_correction_notice_opens_the_claim_page_in_korean_and_english(run, claims_dir, tmp_path):
    corrected_seed(run, claims_dir)
    out = tmp_path / "report.html"
    assert run(claims_dir, "report", SEED, "--format", "html", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    page = Sections(text)
    assert page.errors == []
    assert page.order[0] == "correction" and page.order.index("correction") < page.order.index("verdict")
    notice = text[text.index('<section id="correction"'):text.index("</section>")]
    assert '<span lang="ko">정정</span> · <span lang="en">Correction</span>' in notice and FIX in notice and 'data-verdict="half-true"' in notice


def test_the_markdown_report_opens_with_the_correction(run, claims_dir):
    corrected_seed(run, claims_dir)
    lines = run(claims_dir, "report", SEED, "--format", "md").stdout.splitlines()
    assert lines[2].startswith("> **정정 · Correction**") and FIX in lines[2] and "절반의 사실" in lines[2]


def test_show_prints_the_correction_before_the_claim(run, claims_dir):
    corrected_seed(run, claims_dir)
    out = run(claims_dir, "show", SEED).stdout
    assert out.index("정정 · Correction") < out.index("김제 AI 피지컬")
    assert "(was  절반의 사실 )" in out


def test_a_rationale_correction_does_not_claim_the_verdict_changed(run, claims_dir, tmp_path):
    run(claims_dir, "rationale", SEED, "새 근거", "--lang", "ko", "--correction", "날짜 오기 수정")
    out = tmp_path / "report.html"
    run(claims_dir, "report", SEED, "--format", "html", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    notice = text[text.index('<section id="correction"'):text.index("</section>")]
    assert "이전 판정" not in notice and "근거 · rationale" in notice
