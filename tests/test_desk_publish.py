"""Publishing only what is published, and the IFCN pages: methodology, corrections, about, archive by month."""

from __future__ import annotations

import json
import re

import pytest
from desk_helpers import add_draft, desk_env, published_claim  # noqa: F401
from test_site import StrictPage, check_page

from conftest import write_claim
from factcheck.publish.texts import PLACEHOLDER_MARK, starter_text

pytestmark = pytest.mark.usefixtures("desk_env")
SEED = "gimje-physical-ai-yeta-exemption"
ORGANISATION = """organisation:
  about: 김제 지역 언론인들이 시정 발언을 검증합니다.
  owner: 김제 시정 팩트체크 협동조합
  funding:
    - name: 조합원 회비
    - {name: 지역언론 지원사업, url: "https://example.org/fund", note: 2026년}
  team:
    - {name: 박편집, role: 편집장}
  contact: {email: desk@example.org, url: "https://factcheck.example.kr/contact"}
"""


def build(run, claims, out, *args):
    result = run(claims, "site", "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return result


def page_text(path) -> str:
    """The visible text of a page, tags dropped."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def with_texts(claims) -> None:
    (claims / "pages").mkdir()
    (claims / "pages" / "methodology.md").write_text(
        "# 주장 선정\n\n시민이 **직접 묻는** 주장을 고릅니다. <script>alert(1)</script>\n", encoding="utf-8")
    (claims / "pages" / "corrections-policy.md").write_text("오류는 24시간 안에 바로잡습니다.\n", encoding="utf-8")
    path = claims / "factcheck.yaml"
    path.write_text(path.read_text(encoding="utf-8") + ORGANISATION, encoding="utf-8")


# --------------------------------------------------------------------------- only what is published


def test_site_leaves_drafts_out_and_says_so(run, claims_dir, tmp_path):
    add_draft(run, claims_dir)
    result = build(run, claims_dir, tmp_path / "site")
    assert "left out 1 claim(s) not yet published" in result.stderr
    assert not (tmp_path / "site" / "claims" / "gimje-budget-2026.html").exists()
    reviews = json.loads((tmp_path / "site" / "claimreview.json").read_text(encoding="utf-8"))
    assert "gimje-budget-2026" not in {r["identifier"] for r in reviews} and len(reviews) == 10


def test_site_all_includes_drafts_marked_as_not_published(run, claims_dir, tmp_path):
    add_draft(run, claims_dir)
    result = build(run, claims_dir, tmp_path / "site", "--all")
    assert "including 1 unpublished claim(s): a preview for the desk" in result.stderr
    page = tmp_path / "site" / "claims" / "gimje-budget-2026.html"
    check_page(page)
    assert 'class="state-banner" data-state="draft"' in page.read_text(encoding="utf-8")
    assert 'class="state-banner"' not in (tmp_path / "site" / "claims" / f"{SEED}.html").read_text(encoding="utf-8")


def test_an_approved_claim_appears_on_the_site(run, claims_dir, tmp_path):
    published_claim(run, claims_dir)
    build(run, claims_dir, tmp_path / "site")
    assert (tmp_path / "site" / "claims" / "gimje-budget-2026.html").is_file()


@pytest.mark.parametrize("fmt", ["claimreview", "json", "csv"])
def test_export_leaves_out_unpublished_claims_unless_all(run, claims_dir, fmt):
    add_draft(run, claims_dir)
    assert "gimje-budget-2026" not in run(claims_dir, "export", "--format", fmt).stdout
    assert "gimje-budget-2026" in run(claims_dir, "export", "--format", fmt, "--all").stdout


def test_report_refuses_the_claimreview_of_a_draft_unless_all(run, claims_dir):
    add_draft(run, claims_dir)
    result = run(claims_dir, "report", "gimje-budget-2026", "--format", "claimreview")
    assert result.exit_code == 2 and "is not published (draft): add --all" in result.stderr
    result = run(claims_dir, "report", "gimje-budget-2026", "--format", "claimreview", "--all")
    assert result.exit_code == 0 and json.loads(result.stdout)["identifier"] == "gimje-budget-2026"


def test_report_of_a_draft_in_other_formats_still_works(run, claims_dir):
    add_draft(run, claims_dir)
    assert run(claims_dir, "report", "gimje-budget-2026", "--format", "md").exit_code == 0


# --------------------------------------------------------------------------- list and search


def test_list_marks_unpublished_claims_and_filters_by_state(run, on_terminal, claims_dir):
    add_draft(run, claims_dir)
    assert on_terminal(claims_dir, "list").stdout.count("초안 · Draft") == 1
    assert [line.split("\t")[2] for line in run(claims_dir, "list").stdout.splitlines()].count("draft") == 1
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


# --------------------------------------------------------------------------- IFCN pages


IFCN_PAGES = ("methodology.html", "corrections.html", "about.html", "archive.html")


def test_the_ifcn_pages_are_written_well_formed_and_linked_from_the_index(run, claims_dir, tmp_path):
    build(run, claims_dir, tmp_path / "site")
    site = tmp_path / "site"
    index = check_page(site / "index.html")
    for name in IFCN_PAGES:
        check_page(site / name)
        assert name in index.links
    claim_page = check_page(site / "claims" / f"{SEED}.html")
    assert "../methodology.html" in claim_page.links and "../corrections.html" in claim_page.links


def test_without_its_own_texts_the_site_shows_placeholders_and_warns(run, claims_dir, tmp_path):
    result = build(run, claims_dir, tmp_path / "site")
    assert "no methodology text (pages/methodology.md" in result.stderr
    assert "no corrections-policy text" in result.stderr
    assert "names no organisation funding" in result.stderr and "names no organisation contact" in result.stderr
    text = (tmp_path / "site" / "methodology.html").read_text(encoding="utf-8")
    assert 'class="placeholder"' in text and PLACEHOLDER_MARK not in text
    assert "밝히지 않음 · Not stated" in page_text(tmp_path / "site" / "about.html")


def test_an_unchanged_starter_text_in_the_repository_still_warns(run, claims_dir, tmp_path):
    (claims_dir / "pages").mkdir()
    (claims_dir / "pages" / "methodology.md").write_text(starter_text("methodology"), encoding="utf-8")
    result = build(run, claims_dir, tmp_path / "site")
    assert "pages/methodology.md is still the placeholder" in result.stderr


def test_the_newsrooms_own_texts_are_rendered_with_their_markup_escaped(run, claims_dir, tmp_path):
    with_texts(claims_dir)
    result = build(run, claims_dir, tmp_path / "site")
    assert "placeholder" not in result.stderr and "organisation" not in result.stderr
    page = check_page(tmp_path / "site" / "methodology.html")
    text = (tmp_path / "site" / "methodology.html").read_text(encoding="utf-8")
    assert "<h2>주장 선정</h2>" in text and "<strong>직접 묻는</strong>" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and page.scripts == []
    assert 'class="placeholder"' not in text


def test_the_about_page_shows_organisation_funding_team_and_contact(run, claims_dir, tmp_path):
    with_texts(claims_dir)
    build(run, claims_dir, tmp_path / "site")
    page = check_page(tmp_path / "site" / "about.html")
    text = page_text(tmp_path / "site" / "about.html")
    for words in ("김제 시정 팩트체크 협동조합", "조합원 회비", "지역언론 지원사업 — 2026년", "박편집 — 편집장",
                  "desk@example.org"):
        assert words in text, words
    assert "https://example.org/fund" in page.links


@pytest.mark.parametrize("block, message", [
    ("organisation: [a]\n", "organisation must be a mapping"),
    ("organisation:\n  funding: 회비\n", "organisation.funding must be a list"),
    ("organisation:\n  team:\n    - {role: 편집장}\n", "organisation.team[0] needs a name"),
    ("organisation:\n  budget: 1\n", "unknown field 'budget'"),
])
def test_a_bad_organisation_block_is_one_line_error(run, claims_dir, tmp_path, block, message):
    path = claims_dir / "factcheck.yaml"
    path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
    result = run(claims_dir, "site", "-o", str(tmp_path / "site"))
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


def test_the_corrections_page_holds_the_policy_and_the_log(run, claims_dir, tmp_path):
    with_texts(claims_dir)
    run(claims_dir, "verdict", SEED, "mostly-false", "--correction", "국무회의는 8월 18일")
    build(run, claims_dir, tmp_path / "site")
    page = check_page(tmp_path / "site" / "corrections.html")
    text = page_text(tmp_path / "site" / "corrections.html")
    assert "오류는 24시간 안에 바로잡습니다." in text and "국무회의는 8월 18일" in text
    assert f"claims/{SEED}.html" in page.links
    assert text.index("절반의 사실") < text.index("대체로 사실 아님")  # before → now


def test_the_corrections_log_says_so_when_there_is_none(run, claims_dir, tmp_path):
    build(run, claims_dir, tmp_path / "site")
    assert "No published verdict has been corrected" in page_text(tmp_path / "site" / "corrections.html")


def test_the_archive_lists_published_claims_by_month_newest_first(run, claims_dir, tmp_path):
    write_claim(claims_dir, "older-claim", reviewed="2025-03-02")  # no state: published before the desk
    add_draft(run, claims_dir)  # a draft is in no month
    build(run, claims_dir, tmp_path / "site")
    site = tmp_path / "site"
    archive = check_page(site / "archive.html")
    assert [link for link in archive.links if link.startswith("archive/")] == \
        ["archive/2026-11.html", "archive/2025-03.html"]  # the seed claims were reviewed in 2026-11
    assert "2025년 3월 · 2025-03" in page_text(site / "archive.html")
    seeds = check_page(site / "archive" / "2026-11.html")
    assert len([link for link in seeds.links if link.startswith("../claims/")]) == 10


def test_a_month_that_no_longer_has_a_claim_loses_its_page(run, claims_dir, tmp_path):
    path = write_claim(claims_dir, "older-claim", reviewed="2025-03-02")
    build(run, claims_dir, tmp_path / "site")
    month = tmp_path / "site" / "archive" / "2025-03.html"
    assert month.is_file()
    (tmp_path / "site" / "archive" / "notes.html").write_text("<p>ours, not the tool's</p>", encoding="utf-8")
    path.unlink()
    build(run, claims_dir, tmp_path / "site")
    assert not month.exists() and (tmp_path / "site" / "archive" / "notes.html").exists()


def test_ifcn_pages_keep_hostile_settings_as_text(run, claims_dir, tmp_path):
    path = claims_dir / "factcheck.yaml"
    path.write_text(path.read_text(encoding="utf-8") + 'organisation:\n  owner: "</dd><script>alert(1)</script>"\n'
                    '  contact: {url: "javascript:alert(1)"}\n', encoding="utf-8")
    build(run, claims_dir, tmp_path / "site")
    page = check_page(tmp_path / "site" / "about.html")
    assert page.scripts == [] and not any(link.startswith("javascript") for link in page.links)


def test_every_page_passes_the_strict_parser_with_korean_titles(run, claims_dir, tmp_path):
    with_texts(claims_dir)
    published_claim(run, claims_dir)
    build(run, claims_dir, tmp_path / "site")
    for path in sorted((tmp_path / "site").rglob("*.html")):
        page = StrictPage(path.read_text(encoding="utf-8"))
        assert page.errors == [] and page.counts.get("h1") == 1, path


def test_an_unreadable_methodology_file_is_a_one_line_error(run, claims_dir, tmp_path):
    (claims_dir / "pages").mkdir()
    (claims_dir / "pages" / "methodology.md").write_bytes(b"\xff\xfe bad")
    result = run(claims_dir, "site", "-o", str(tmp_path / "site"))
    assert result.exit_code == 2 and "methodology.md: not UTF-8" in result.stderr
