"""A large site: the list is split into pages of PAGE_SIZE claims, index.html shows one page and the rest
on demand, and a rebuild writes only the files whose content changes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from chromium import Chromium, chromium_or_skip
from factcheck.publish.listing import PAGE_SIZE
from factcheck.publish.site import build_site
from factcheck.store.settings import PublishSettings
from test_site import IFCN_PAGES, StrictPage, check_page, index_rows, site_data

SETTINGS = PublishSettings(site="https://factcheck.example", publisher="테스트 팩트체크")
CLAIMS = 2 * PAGE_SIZE + PAGE_SIZE // 2  # two full pages and half of a third


def record(n: int, **changes) -> dict:
    base = {
        "id": f"claim-{n:04d}",
        "claim": f"김제시 주장 {n}번: 국가예산 {n}억 원 확보",
        "claimant": {"name": "정성주", "role": "김제시장"},
        "claim_date": f"{2000 + n // 12:04d}-{n % 12 + 1:02d}",
        "tags": ["국가예산"] if n % 2 else ["예타 면제"],
        "status": "unverified",
        "sources": [],
    }
    base.update(changes)
    return base


def records(count: int = CLAIMS) -> list[dict]:
    return [record(n) for n in range(count)]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("large") / "site"
    build_site(records(), out, SETTINGS)
    return out


@pytest.fixture
def large_site(built_once, tmp_path) -> Path:
    """A site of CLAIMS claims of this test's own, to rebuild (a copy: one build writes 250 pages)."""
    return Path(shutil.copytree(built_once, tmp_path / "site"))


def identities(out: Path) -> dict[Path, tuple[int, int]]:
    """Every file's inode and modification time: an atomic rewrite changes both."""
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}


# --------------------------------------------------------------------------- pages


def test_the_list_is_split_into_pages_newest_first(built_once):
    pages = ["index.html", "page-2.html", "page-3.html"]
    others = {"ratings.html", *IFCN_PAGES}
    assert sorted(p.name for p in built_once.glob("*.html") if p.name not in others) == sorted(pages)
    rows = [index_rows_of(built_once / name) for name in pages]
    assert [len(r) for r in rows] == [PAGE_SIZE, PAGE_SIZE, CLAIMS - 2 * PAGE_SIZE]
    ids = [link.removeprefix("claims/").removesuffix(".html") for page in rows for link in page]
    assert ids == [f"claim-{n:04d}" for n in reversed(range(CLAIMS))]


def index_rows_of(path: Path) -> list[str]:
    return [row["links"][0] for row in index_rows(path.parent, path.name)]


def test_every_list_page_is_clean_and_links_to_its_neighbours(built_once):
    for name in ("index.html", "page-2.html", "page-3.html"):
        check_page(built_once / name)
    links = StrictPage((built_once / "page-2.html").read_text(encoding="utf-8")).links
    assert {"index.html", "page-3.html"} <= set(links)


def test_pages_after_the_first_carry_no_script_and_point_to_the_search(built_once):
    page = StrictPage((built_once / "page-2.html").read_text(encoding="utf-8"))
    assert page.scripts == []
    (policy,) = [m["content"] for m in page.metas if m.get("http-equiv") == "Content-Security-Policy"]
    assert "script-src 'none'" in policy
    assert "index.html" in page.links


def test_the_index_carries_every_claim_for_its_search_but_lays_out_one_page(built_once):
    assert len(site_data(built_once)["rows"]) == CLAIMS
    text = (built_once / "index.html").read_text(encoding="utf-8")
    assert text.count("<tr ") == PAGE_SIZE


def test_a_smaller_rebuild_removes_list_pages_past_the_last(large_site):
    (large_site / "page-9.html").write_text("<p>mine</p>", encoding="utf-8")
    built = build_site(records(PAGE_SIZE + 1), large_site, SETTINGS)
    assert sorted(p.name for p in built.removed if p.parent == large_site) == ["page-3.html"]
    assert (large_site / "page-2.html").exists() and (large_site / "page-9.html").exists()


# --------------------------------------------------------------------------- incremental builds


def test_a_rebuild_of_an_unchanged_site_writes_nothing(large_site):
    before = identities(large_site)
    built = build_site(records(), large_site, SETTINGS)
    assert built.written == [] and built.removed == []
    assert len(built.unchanged) == len(before)
    assert identities(large_site) == before


def test_a_rebuild_rewrites_the_changed_claims_page_and_what_lists_it_only(large_site):
    before = identities(large_site)
    changed = records()
    changed[0] = record(0, claim="김제시 주장 0번: 고쳐 쓴 문장")  # the oldest claim: on the last list page
    built = build_site(changed, large_site, SETTINGS)
    assert sorted(p.relative_to(large_site).as_posix() for p in built.written) == [  # and its archive month
        "archive/undated.html", "claimreview.json", "claims/claim-0000.html", "index.html", "page-3.html"]
    after = identities(large_site)
    assert [p for p in before if before[p] != after[p]] == [p for p in before if p in built.written]


def test_a_page_edited_by_hand_is_written_again(large_site):
    page = large_site / "claims" / "claim-0007.html"
    page.write_text(page.read_text(encoding="utf-8").replace("김제시", "X"), encoding="utf-8")
    built = build_site(records(), large_site, SETTINGS)
    assert built.written == [page] and "김제시" in page.read_text(encoding="utf-8")


def test_the_cli_says_what_a_rebuild_wrote(run, tmp_path):
    from conftest import write_claim

    claims = tmp_path / "claims"
    claims.mkdir()
    write_claim(claims, "subway-fare")
    out = tmp_path / "public"
    assert run(claims, "site", "-o", str(out)).exit_code == 0
    again = run(claims, "site", "-o", str(out))
    unchanged = 4 + len(IFCN_PAGES)  # index, ratings, claimreview.json, the claim, and the IFCN pages
    assert f"site of 1 claim page(s): 0 file(s) written, {unchanged} unchanged, 0 removed" in again.stderr


# --------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def browser():
    with Chromium(chromium_or_skip()) as browser:
        yield browser


@pytest.fixture
def page(browser, built_once):
    return browser.open((built_once / "index.html").as_uri())


ROW_IDS = ("Array.from(document.querySelectorAll('#claims tbody tr')).map(function (tr) {"
           " return tr.querySelector('td.claim a').getAttribute('href'); })")


def test_the_index_shows_one_page_and_the_next_on_demand(page):
    assert len(page.evaluate(ROW_IDS)) == PAGE_SIZE
    assert page.evaluate("document.getElementById('pager').hidden") is True  # the button pages instead
    assert page.evaluate("document.getElementById('more').textContent") == f"더 보기 · Show more ({CLAIMS - PAGE_SIZE})"
    page.evaluate("document.getElementById('more').click()")
    assert len(page.evaluate(ROW_IDS)) == 2 * PAGE_SIZE
    page.evaluate("document.getElementById('more').click()")
    assert len(page.evaluate(ROW_IDS)) == CLAIMS
    assert page.evaluate("document.getElementById('more').hidden") is True
    assert page.problems() == []


def test_search_finds_a_claim_past_the_first_page_and_renders_it_from_the_data(page):
    page.type_into("#q", "3번")
    assert page.evaluate(ROW_IDS)[0] == "claims/claim-0003.html"
    assert page.evaluate("document.querySelector('#claims tbody tr td.tags a').getAttribute('href')") == \
        "index.html#tag=" + "%EA%B5%AD%EA%B0%80%EC%98%88%EC%82%B0"  # 국가예산, as the static rows link it
    assert page.problems() == []


def test_a_row_made_in_the_page_is_the_row_the_build_wrote(page, built_once):
    text = (built_once / "index.html").read_text(encoding="utf-8")
    written = text[text.index("<tr data-verdict"):text.index("</tr>", text.index("<tr data-verdict")) + len("</tr>")]
    same = page.evaluate(
        "(function (html) { var t = document.createElement('template');"
        " t.innerHTML = '<table><tbody>' + html + '</tbody></table>';"
        " return t.content.querySelector('tr').isEqualNode(document.querySelector('#claims tbody tr')); })"
        f"({json.dumps(written)})")
    assert page.evaluate("document.documentElement.getAttribute('data-js')") == "ready"  # the row is the script's
    assert same is True


def test_the_same_claims_build_the_same_bytes_in_every_run(tmp_path):
    # Python orders sets by a per-process hash seed: nothing the site holds may depend on it, or every
    # rebuild would rewrite index.html.
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; from factcheck.store.repo import bundled_claims_dir;"
              "from factcheck.store.yaml import load_claim_file; from factcheck.store.repo import Repo;"
              "from factcheck.publish.site import build_site;"
              "records = [load_claim_file(p)[0] for p in Repo(bundled_claims_dir()).claim_files()];"
              "build_site(records, Path(sys.argv[1]), None)")
    for seed in ("1", "2", "3"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    first = (tmp_path / "1" / "index.html").read_bytes()
    assert all((tmp_path / seed / "index.html").read_bytes() == first for seed in ("2", "3"))
