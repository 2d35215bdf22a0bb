"""The site's search box, run for real in headless Chromium: it reads a query as `factcheck search` does
(particles, 초성, typos, numbers and dates, aliases), over an index the build made with the CLI's own
normalisation, and says so when nothing matches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chromium import Chromium, chromium_or_skip
from conftest import REPO_CLAIMS
from test_site import site_data
from factcheck.publish.search_data import SEARCHED_FIELDS, claim_keys, search_index
from factcheck.publish.site import build_site
from factcheck.search.analysis import analyse_fields
from factcheck.search.ranking import search_claims
from factcheck.store.repo import Repo
from factcheck.store.settings import load_settings
from factcheck.store.yaml import load_claim_file

# What a reader types, each a different kind of help the CLI gives (see the issue: all found nothing).
QUERIES = ["예타가", "ㅇㅌ ㅁㅈ", "예타 면졔", "8/22", "국비", "김제시장", "국가예산확보", "서른 명", "민선 팔기"]
NONSENSE = ["ㅋㅋㅋ", "zzzzqqq", "대전 트램 개통"]

VISIBLE_CLAIMS = """Array.from(document.querySelectorAll('#claims tbody tr'))
  .filter(function (tr) { return !tr.hidden; })
  .map(function (tr) { return tr.querySelector('td.claim a').getAttribute('href').slice('claims/'.length, -'.html'.length); })"""


def seed_records() -> list[dict]:
    records = [load_claim_file(path)[0] for path in Repo(REPO_CLAIMS).claim_files()]
    assert records and all(records)
    return records


def cli_results(query: str) -> list[str]:
    return [r.record["id"] for r in search_claims(Repo(REPO_CLAIMS), query, limit=50).results]


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(seed_records(), out, load_settings(REPO_CLAIMS))
    return out


@pytest.fixture(scope="module")
def browser():
    with Chromium(chromium_or_skip()) as browser:
        yield browser


@pytest.fixture(scope="module")
def page(browser, seed_site):
    return browser.open((seed_site / "index.html").as_uri())


def search(page, query: str) -> list[str]:
    page.type_into("#q", query)
    return page.evaluate(VISIBLE_CLAIMS)


# --------------------------------------------------------------------------- the index, at build time


def test_the_index_holds_each_claims_keys_as_the_cli_analyses_them():
    records = seed_records()
    index = search_index(records)
    assert len(index["keys"]) == len(records)
    for record, keys in zip(records, index["keys"]):
        expected = [[name, words, numbers] for name, words, numbers in analyse_fields(record) if name in SEARCHED_FIELDS]
        assert [[SEARCHED_FIELDS[k[0]], k[1], k[2] if len(k) > 2 else ""] for k in keys] == expected


def test_the_index_leaves_out_long_texts_a_reader_does_not_see_in_the_table():
    record = {**seed_records()[0], "rationale": "근거 " * 500}
    assert "근거" not in json.dumps(claim_keys(record), ensure_ascii=False)


def test_the_index_page_embeds_the_index_in_the_order_of_its_rows(seed_site):
    data = site_data(seed_site)
    by_id = {r["id"]: r for r in seed_records()}
    assert data["keys"] == [claim_keys(by_id[row[0]]) for row in data["rows"]]
    dates = [row[5] for row in data["rows"]]
    assert dates == sorted(dates, reverse=True)


# --------------------------------------------------------------------------- the page, in a browser


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_typed_into_the_page_finds_what_factcheck_search_finds_first(page, query):
    shown = search(page, query)
    expected = cli_results(query)
    assert expected, f"the CLI finds nothing for {query!r}"
    assert shown[:1] == expected[:1]
    assert set(shown) <= set(expected)  # nothing the CLI would not show
    assert page.evaluate("document.getElementById('no-results').hidden") is True


PAGE_SCORES = """(function (query) {
  var data = JSON.parse(document.getElementById('site-data').textContent);
  return factcheckSearch(data).search(query).map(function (r) { return [data.rows[r.index][0], r.score]; });
})"""


@pytest.mark.parametrize("query", [*QUERIES, "주요 업무 계획"])
def test_the_page_scores_a_querys_matches_as_factcheck_search_does(page, query):
    expected = [[r.record["id"], r.score] for r in search_claims(Repo(REPO_CLAIMS), query, limit=50).results]
    scored = page.evaluate(f"{PAGE_SCORES}({json.dumps(query)})")
    assert scored[:1] == expected[:1] and all(pair in expected for pair in scored)  # it may show fewer


@pytest.mark.parametrize("query", NONSENSE)
def test_a_query_nothing_answers_says_no_matching_claim(page, query):
    assert cli_results(query) == []
    assert search(page, query) == []
    assert page.evaluate("document.getElementById('no-results').hidden") is False
    assert page.evaluate("document.getElementById('no-results').textContent") == "결과 없음 · No matching claim"
    assert page.evaluate("document.getElementById('count').textContent").startswith("0 / ")


def test_clearing_the_query_shows_every_claim_again_newest_first(page):
    search(page, "ㅋㅋㅋ")
    shown = search(page, "")
    dates = page.evaluate("Array.from(document.querySelectorAll('#claims tbody tr')).map(function (tr) {"
                          " return tr.getAttribute('data-date'); })")
    assert len(shown) == len(seed_records()) and dates == sorted(dates, reverse=True)
    assert page.evaluate("document.getElementById('no-results').hidden") is True


def test_a_query_in_the_link_is_searched_when_the_page_opens(browser, seed_site):
    page = browser.open((seed_site / "index.html").as_uri() + "#q=" + "8%2F22")
    assert page.evaluate(VISIBLE_CLAIMS) == cli_results("8/22")[:1]
    assert page.evaluate("document.getElementById('q').value") == "8/22"


def test_the_page_searches_with_no_console_error_and_no_csp_refusal(page):
    for query in QUERIES + NONSENSE:
        search(page, query)
    assert page.evaluate("document.documentElement.getAttribute('data-js')") == "ready"
    assert page.problems() == []
