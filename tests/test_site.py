"""The static site: index.html plus claims/<id>.html, every page well-formed, every link relative and alive."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from chromium import Chromium, chromium_or_skip
from factcheck.store.settings import load_settings
from factcheck.errors import DataError, FactcheckError
from factcheck.publish.site import build_site
from factcheck.store.repo import Repo, bundled_claims_dir
from factcheck.store.yaml import load_claim_file

SITE = "https://factcheck.example/"
# The IFCN pages every build writes beside the index (publish/pages.py); these claims have no review date.
IFCN_PAGES = ("methodology.html", "corrections.html", "about.html", "archive.html", "archive/undated.html")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def settings_for(root: Path):
    """Real settings, read from a factcheck.yaml written where the claims live."""
    (Path(root) / "factcheck.yaml").write_text(
        "site: https://factcheck.example/\npublisher:\n  name: 테스트 팩트체크\n  url: https://factcheck.example/\n",
        encoding="utf-8",
    )
    return load_settings(root)


class StrictPage(HTMLParser):
    """Parse one page and record every way it falls short of well-formed HTML5 written in full.

    We write every end tag, so any non-void element left open, closed out of order or closed twice is a
    bug. Also collects links, ids and the text of <script> blocks.
    """

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.errors: list[str] = []
        self.stack: list[tuple[str, tuple]] = []
        self.doctype = ""
        self.html_lang = None
        self.links: list[str] = []
        self.ids: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self.metas: list[dict] = []
        self.counts: dict[str, int] = {}
        self.feed(text)
        self.close()
        for tag, pos in self.stack:
            self.errors.append(f"<{tag}> opened at line {pos[0]} is never closed")

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "meta":
            self.metas.append(a)
        if "id" in a:
            self.ids.append(a["id"])
        if tag in ("a", "link") and "href" in a:
            self.links.append(a["href"])
        for name, value in attrs:
            if name.startswith("on"):
                self.errors.append(f"event handler attribute {name}={value!r} on <{tag}>")
        if tag == "script":
            self.scripts.append((a, ""))
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.errors.append(f"self-closing <{tag}/> at line {self.getpos()[0]} is not allowed in HTML")
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"end tag </{tag}> for a void element at line {self.getpos()[0]}")
        elif not self.stack:
            self.errors.append(f"</{tag}> at line {self.getpos()[0]} closes nothing")
        elif self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> at line {self.getpos()[0]} while <{self.stack[-1][0]}> is open")
        else:
            self.stack.pop()

    def ld_json(self) -> list:
        return [json.loads(text) for a, text in self.scripts if a.get("type") == "application/ld+json"]


def check_page(path: Path) -> StrictPage:
    """Every structural promise a generated page makes; returns the parsed page for further checks."""
    text = path.read_text(encoding="utf-8")
    page = StrictPage(text)
    assert page.errors == [], f"{path}: {page.errors}"
    assert page.doctype.lower() == "doctype html", path
    assert page.html_lang, path
    assert page.counts.get("title") == 1 and page.counts.get("h1") == 1, path
    assert len(page.ids) == len(set(page.ids)), f"{path}: duplicate ids"
    for review in page.ld_json():
        assert review["@type"] == "ClaimReview", path
    for href in page.links:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "data"):
            continue
        assert not parts.scheme and not parts.netloc, f"{path}: {href!r} is neither http(s) nor relative"
        if parts.path:
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{path}: link {href!r} leads nowhere"
    return page


def hostile_record() -> dict:
    return {
        "id": "hostile-claim",
        "claim": '</script><script>alert(1)</script><!-- "quoted" & <b>bold</b>',
        "claim_en": "<img src=x onerror=alert(1)>",
        "claimant": {"name": '"><svg onload=alert(1)>', "type": "Person"},
        "claim_date": "2024-01-02",
        "tags": ['"><script>x</script>', "a&b"],
        "status": "false",
        "rationale": "</script>\n\n<!-- -->",
        "sources": [
            {
                "url": "https://example.org/?q='onmouseover=alert(1)//",
                "publisher": "</title><script>alert(2)</script>",
                "quote": "</blockquote></li></ol><script>alert(3)</script>",
                "archive_url": "https://web.archive.org/web/2024/https://example.org/",
            }
        ],
    }


def plain_record(claim_id: str, status: str, claim_date: str, tags: list[str]) -> dict:
    record = {
        "id": claim_id,
        "claim": f"{claim_id} 주장",
        "claimant": {"name": "정성주", "role": "김제시장", "type": "Person"},
        "claim_date": claim_date,
        "tags": tags,
        "status": status,
        "rationale": {"ko": "근거", "en": "Reason"},
        "sources": [],
    }
    if status != "unverified":
        record["sources"] = [
            {"url": "https://www.news1.kr/local/jeonbuk/5884782", "publisher": "뉴스1", "quote": "인용문"}
        ]
    return record


@pytest.fixture
def repo(tmp_path) -> Repo:
    """A real claims repository on disk, read back through the store like the CLI does."""
    root = tmp_path / "claims"
    root.mkdir()
    repo = Repo(root)
    repo.create(hostile_record())
    repo.create(plain_record("budget-record", "mostly-false", "2025-09", ["국가예산", "김제"]))
    repo.create(plain_record("yeta-exemption", "half-true", "2025-08-22", ["예타 면제"]))
    repo.create(plain_record("open-question", "unverified", "2023", []))
    repo.create(imported_record(), folder="imported/politifact")
    return repo


ORIGIN = {"format": "claimreview", "url": "https://www.politifact.com/factchecks/2025/imported-one/",
          "publisher": "PolitiFact", "rating": "True", "language": "en", "imported": "2025-03-01"}


def imported_record() -> dict:
    """A fact-check PolitiFact made, brought in by `factcheck import`: its origin says whose it is."""
    return {**plain_record("imported-one", "true", "2025", ["김제"]), "origin": dict(ORIGIN)}


def load_all(repo: Repo) -> list[dict]:
    records = []
    for path in repo.claim_files():
        record, problems = load_claim_file(path)
        assert problems == []
        records.append(record)
    return records


@pytest.fixture
def site(repo, tmp_path) -> Path:
    out = tmp_path / "site"
    build_site(load_all(repo), out, settings_for(repo.root))
    return out


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


# --------------------------------------------------------------------------- what gets written


def test_build_site_writes_an_index_a_page_per_claim_and_claimreview_json(repo, tmp_path):
    out = tmp_path / "site"
    written = build_site(load_all(repo), out, settings_for(repo.root)).written
    ids = ["budget-record", "hostile-claim", "imported-one", "open-question", "yeta-exemption"]
    expected = {out / "index.html", out / "ratings.html", out / "claimreview.json",
                *(out / "claims" / f"{i}.html" for i in ids), *(out / name for name in IFCN_PAGES)}
    assert set(written) == expected
    assert {p for p in out.rglob("*") if p.is_file()} == expected


def test_every_generated_page_parses_cleanly_and_its_json_ld_loads(site):
    pages = html_files(site)
    assert len(pages) == 7 + len(IFCN_PAGES)
    for path in pages:
        page = check_page(path)
        if path.parent.name == "claims" and path.stem != "imported-one":
            (review,) = page.ld_json()
            assert review["@type"] == "ClaimReview"


def test_each_claimreview_url_is_where_the_site_puts_that_page(site):
    pages = sorted((site / "claims").glob("*.html"))
    assert [p.stem for p in pages] == ["budget-record", "hostile-claim", "imported-one", "open-question",
                                       "yeta-exemption"]
    for path in pages:
        reviews = StrictPage(path.read_text(encoding="utf-8")).ld_json()
        assert [r["url"].removeprefix(SITE) for r in reviews] == ([] if path.stem == "imported-one" else
                                                                  [f"claims/{path.name}"])


def test_claimreview_json_holds_one_object_per_claim(site):
    reviews = json.loads((site / "claimreview.json").read_text(encoding="utf-8"))
    assert len(reviews) == 5
    assert {r["@type"] for r in reviews} == {"ClaimReview"}


def test_hostile_claim_text_stays_text_on_every_page(site):
    for path in html_files(site):
        page = StrictPage(path.read_text(encoding="utf-8"))
        assert [a.get("type") for a, _ in page.scripts] in ([], ["application/ld+json"], ["application/json", None])
        assert "img" not in page.counts and "svg" not in page.counts
    text = (site / "claims" / "hostile-claim.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;bold&lt;/b&gt;" in text


def test_claimreview_json_credits_an_imported_claim_to_its_publisher_at_its_own_url(site):
    reviews = {r["identifier"]: r for r in json.loads((site / "claimreview.json").read_text(encoding="utf-8"))}
    theirs = reviews["imported-one"]
    assert theirs["author"] == {"@type": "Organization", "name": "PolitiFact"}
    assert theirs["url"] == ORIGIN["url"]
    assert theirs["reviewRating"]["alternateName"] == "True" and theirs["inLanguage"] == "en"
    assert reviews["budget-record"]["author"]["name"] == "테스트 팩트체크"


def test_an_imported_claims_page_claims_no_review_and_names_its_origin(site):
    text = (site / "claims" / "imported-one.html").read_text(encoding="utf-8")
    page = StrictPage(text)
    assert page.ld_json() == []
    assert not [m for m in page.metas if m.get("name") == "canonical"] and 'rel="canonical"' not in text
    assert "PolitiFact" in text and ORIGIN["url"] in page.links
    assert "테스트 팩트체크" not in text.split("<footer>", 1)[1]


def test_tags_on_a_claim_page_link_to_the_index_filtered_by_them(site):
    page = StrictPage((site / "claims" / "yeta-exemption.html").read_text(encoding="utf-8"))
    assert "../index.html#tag=%EC%98%88%ED%83%80%20%EB%A9%B4%EC%A0%9C" in page.links  # 예타 면제
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<option value="예타 면제">' in index  # a value the index's tag filter offers


def test_a_claim_pages_verdict_links_to_its_place_on_the_rating_scale(site):
    page = StrictPage((site / "claims" / "budget-record.html").read_text(encoding="utf-8"))
    assert "../ratings.html#mostly-false" in page.links
    assert "mostly-false" in StrictPage((site / "ratings.html").read_text(encoding="utf-8")).ids


def test_the_rating_scale_page_explains_every_verdict_to_readers(site):
    from factcheck.model import VERDICTS
    from factcheck.publish.ratings import VERDICT_MEANINGS

    text = (site / "ratings.html").read_text(encoding="utf-8")
    page = check_page(site / "ratings.html")
    assert [i for i in page.ids if i != "principles"] == [v.code for v in VERDICTS]
    for v in VERDICTS:
        ko, en = VERDICT_MEANINGS[v.code]
        assert ko in text and en in text and v.ko in text and v.en in text
    assert "ratingValue 1 / bestRating 5" in text
    assert "ratings.html" in StrictPage((site / "index.html").read_text(encoding="utf-8")).links


def test_cli_report_claimreview_warns_when_there_is_no_site_for_its_url(run, repo):
    (repo.root / "factcheck.yaml").write_text("publisher: 테스트 팩트체크\n", encoding="utf-8")
    result = run(repo.root, "report", "budget-record", "--format", "claimreview")
    assert result.exit_code == 0, result.output
    assert "url" not in json.loads(result.stdout)
    assert "warning: no site (--site URL or `site:` in claims/factcheck.yaml): the ClaimReview objects have no url" \
        in result.stderr
    with_site = run(repo.root, "report", "budget-record", "--format", "claimreview", "--site", SITE)
    assert "warning" not in with_site.stderr and json.loads(with_site.stdout)["url"].startswith(SITE)


def test_claim_pages_link_back_to_the_index_relatively(site):
    page = StrictPage((site / "claims" / "budget-record.html").read_text(encoding="utf-8"))
    assert "../index.html" in page.links


# --------------------------------------------------------------------------- the index


def index_rows(site: Path, name: str = "index.html") -> list[dict]:
    class Rows(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "tr" and "data-verdict" in a:
                self.rows.append({**a, "links": []})
            elif tag == "a" and self.rows:
                self.rows[-1]["links"].append(a["href"])

    parser = Rows()
    parser.feed((site / name).read_text(encoding="utf-8"))
    return parser.rows


def test_index_lists_every_claim_newest_first_with_plain_links(site):
    rows = index_rows(site)
    assert [r["data-date"] for r in rows] == ["2025-09", "2025-08-22", "2025", "2024-01-02", "2023"]
    assert [r["links"][0] for r in rows] == [
        "claims/budget-record.html",
        "claims/yeta-exemption.html",
        "claims/imported-one.html",
        "claims/hostile-claim.html",
        "claims/open-question.html",
    ]


def site_data(site: Path) -> dict:
    """The JSON the index page's script reads, taken out of the page as a browser would."""
    text = (site / "index.html").read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="site-data">') + len(
        '<script type="application/json" id="site-data">')
    block = text[start:text.index("</script>", start)]
    assert "<!--" not in block
    return json.loads(block)


def test_index_rows_carry_verdict_and_tags_for_the_filters(site):
    rows = {r["links"][0]: r for r in index_rows(site)}
    assert rows["claims/hostile-claim.html"]["data-verdict"] == "false"
    data = {row[0]: row for row in site_data(site)["rows"]}
    assert data["hostile-claim"][1] == "false"
    assert data["hostile-claim"][6] == ['"><script>x</script>', "a&b"]


def test_hostile_text_in_the_index_data_stays_inside_its_json(site):
    data = {row[0]: row for row in site_data(site)["rows"]}
    assert data["hostile-claim"][2] == hostile_record()["claim"]  # </script> and <!-- come back whole
    assert data["hostile-claim"][4] == hostile_record()["claimant"]["name"]


def test_index_filters_offer_only_verdicts_tags_and_years_that_occur(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    assert '<option value="mostly-false">' in text and '<option value="mostly-true">' not in text
    assert '<option value="예타 면제">' in text
    assert '<option value="2024">' in text and '<option value="2022">' not in text


def test_index_filter_form_stays_hidden_until_the_script_runs(site):
    # Without JavaScript a form that does nothing would mislead; the table alone is complete.
    text = (site / "index.html").read_text(encoding="utf-8")
    assert '<form id="filters" class="filters" role="search" hidden>' in text


def test_index_script_is_the_only_one_allowed_by_the_content_security_policy(site):
    page = StrictPage((site / "index.html").read_text(encoding="utf-8"))
    (script,) = [text for a, text in page.scripts if "type" not in a]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    (policy,) = [m["content"] for m in page.metas if m.get("http-equiv") == "Content-Security-Policy"]
    assert f"script-src 'sha256-{digest}';" in policy
    assert "default-src 'none'" in policy and "unsafe-inline' " not in policy.split("script-src")[1]


# --------------------------------------------------------------------------- rebuilding and refusing


def test_rebuild_removes_pages_of_deleted_claims_but_no_other_file(repo, tmp_path):
    out = tmp_path / "site"
    build_site(load_all(repo), out, settings_for(repo.root))
    (out / "claims" / "notes.html").write_text("<p>mine</p>", encoding="utf-8")
    (out / "CNAME").write_text("factcheck.example\n", encoding="utf-8")
    remaining = [r for r in load_all(repo) if r["id"] != "open-question"]
    build_site(remaining, out, settings_for(repo.root))
    assert not (out / "claims" / "open-question.html").exists()
    assert (out / "claims" / "notes.html").read_text(encoding="utf-8") == "<p>mine</p>"
    assert (out / "CNAME").exists()
    assert "open-question" not in (out / "index.html").read_text(encoding="utf-8")


def test_two_claims_with_one_id_are_refused(repo, tmp_path):
    records = load_all(repo)
    with pytest.raises(DataError, match="share the id 'budget-record'"):
        build_site(records + [records[0]], tmp_path / "site", settings_for(repo.root))


def test_an_output_path_that_is_a_file_is_refused(repo, tmp_path):
    target = tmp_path / "site"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(FactcheckError, match="not a directory"):
        build_site(load_all(repo), target, settings_for(repo.root))


def test_an_empty_repository_builds_an_empty_but_valid_site(tmp_path):
    out = tmp_path / "site"
    build_site([], out, settings_for(tmp_path))
    check_page(out / "index.html")
    assert json.loads((out / "claimreview.json").read_text(encoding="utf-8")) == []


# --------------------------------------------------------------------------- the real seed claims


def test_the_bundled_seed_claims_build_a_clean_site(tmp_path):
    root = bundled_claims_dir()
    records = [r for r, problems in map(load_claim_file, Repo(root).claim_files()) if r] if root.is_dir() else []
    if not records:
        pytest.skip("no valid bundled claims yet")
    out = tmp_path / "site"
    build_site(records, out, load_settings(root, site=SITE))  # reads; never writes into the real claims/
    pages = html_files(out)
    assert len([p for p in pages if p.parent.name != "archive"]) == len(records) + 2 + 4  # 4 IFCN pages
    for path in pages:
        check_page(path)


# --------------------------------------------------------------------------- a real browser


def test_chromium_runs_the_index_filters_without_console_errors(site):
    with Chromium(chromium_or_skip()) as browser:
        page = browser.open((site / "index.html").as_uri() + "#verdict=mostly-false&q=" + "김제")
        assert page.evaluate("document.documentElement.getAttribute('data-js')") == "ready"  # ran to its end
        assert page.evaluate("document.getElementById('filters').hidden") is False
        shown = page.evaluate("Array.from(document.querySelectorAll('#claims tbody tr'))"
                              ".filter(function (tr) { return !tr.hidden; }).map(function (tr) {"
                              " return tr.getAttribute('data-verdict'); })")
        assert shown == ["mostly-false"]
        assert page.evaluate("document.getElementById('count').textContent") == "1 / 5"
        assert page.problems() == []


# --------------------------------------------------------------------------- the command line


def test_cli_site_builds_a_clean_site_from_the_claims_directory(run, repo, tmp_path):
    out = tmp_path / "public"
    result = run(repo.root, "site", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"site of 4 claim page(s): {7 + len(IFCN_PAGES)} file(s) written, 0 unchanged, 0 removed" in result.stderr
    pages = html_files(out)
    assert len(pages) == 6 + len(IFCN_PAGES)
    for path in pages:
        check_page(path)


def test_cli_site_leaves_imported_fact_checks_out_and_says_so(run, repo, tmp_path):
    out = tmp_path / "public"
    result = run(repo.root, "site", "-o", str(out))
    assert not (out / "claims" / "imported-one.html").exists()
    assert "imported-one" not in (out / "index.html").read_text(encoding="utf-8")
    reviews = json.loads((out / "claimreview.json").read_text(encoding="utf-8"))
    assert "imported-one" not in {r["identifier"] for r in reviews}
    assert "left out 1 claim(s) imported from other fact-checkers; --include-imported" in result.stderr


def test_cli_site_include_imported_publishes_them_credited_to_their_publisher(run, repo, tmp_path):
    out = tmp_path / "public"
    result = run(repo.root, "site", "-o", str(out), "--include-imported")
    assert result.exit_code == 0, result.output
    assert "site of 5 claim page(s)" in result.stderr and "left out" not in result.stderr
    check_page(out / "claims" / "imported-one.html")
    reviews = {r["identifier"]: r for r in json.loads((out / "claimreview.json").read_text(encoding="utf-8"))}
    assert reviews["imported-one"]["author"]["name"] == "PolitiFact"
    assert reviews["imported-one"]["url"] == ORIGIN["url"]


def test_cli_site_option_sets_the_published_urls(run, repo, tmp_path):
    out = tmp_path / "public"
    assert run(repo.root, "site", "-o", str(out), "--site", "https://news.example.kr/fc/").exit_code == 0
    reviews = json.loads((out / "claimreview.json").read_text(encoding="utf-8"))
    assert {r["url"] for r in reviews} == {
        f"https://news.example.kr/fc/claims/{i}.html"
        for i in ("budget-record", "hostile-claim", "open-question", "yeta-exemption")
    }


def test_cli_site_filters_by_status_and_tag(run, repo, tmp_path):
    out = tmp_path / "public"
    assert run(repo.root, "site", "-o", str(out), "--tag", "김제", "--include-imported").exit_code == 0
    assert sorted(p.name for p in (out / "claims").iterdir()) == ["budget-record.html", "imported-one.html"]
    out2 = tmp_path / "public2"
    assert run(repo.root, "site", "-o", str(out2), "--status", "half-true").exit_code == 0
    assert [p.name for p in (out2 / "claims").iterdir()] == ["yeta-exemption.html"]


def test_cli_site_takes_part_of_a_tag_as_list_does(run, repo, tmp_path):
    out = tmp_path / "public"
    assert run(repo.root, "site", "-o", str(out), "--tag", "예타").exit_code == 0
    assert [p.name for p in (out / "claims").iterdir()] == ["yeta-exemption.html"]


def test_cli_site_whose_filters_match_nothing_says_why_builds_nothing_and_exits_1(run, repo, tmp_path):
    result = run(repo.root, "site", "-o", str(tmp_path / "public"), "--status", "false", "--tag", "예타")
    assert result.exit_code == 1 and result.stderr == "no claim matches --status false --tag 예타\n"
    assert not (tmp_path / "public").exists()


def test_cli_site_pages_follow_the_umask_and_a_rebuild_keeps_a_pages_mode(run, repo, tmp_path):
    out = tmp_path / "public"
    old = os.umask(0o022)
    try:
        assert run(repo.root, "site", "-o", str(out)).exit_code == 0
        modes = {p.stat().st_mode & 0o777 for p in out.rglob("*")}
        assert modes == {0o644, 0o755}
        (out / "index.html").chmod(0o640)
        repo.create(plain_record("new-claim", "true", "2025-10", []))
        assert run(repo.root, "site", "-o", str(out)).exit_code == 0
    finally:
        os.umask(old)
    assert (out / "index.html").stat().st_mode & 0o777 == 0o640
    assert (out / "claims" / "new-claim.html").stat().st_mode & 0o777 == 0o644


def test_cli_site_refuses_a_bad_site_url_in_one_line(run, repo, tmp_path):
    result = run(repo.root, "site", "-o", str(tmp_path / "public"), "--site", "javascript:alert(1)")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "not an http(s) address" in result.stderr
    assert not (tmp_path / "public").exists()


def test_cli_report_html_writes_one_self_contained_page(run, repo, tmp_path):
    target = tmp_path / "report.html"
    result = run(repo.root, "report", "hostile-claim", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    page = check_page(target)
    (review,) = page.ld_json()
    assert review["identifier"] == "hostile-claim"
    assert [href for href in page.links if not href.startswith(("http", "data:"))] == []
