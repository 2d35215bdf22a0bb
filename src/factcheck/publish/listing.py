"""The site's list of claims: index.html, which searches and filters every claim in place, and plain
pages of PAGE_SIZE claims each (index.html, page-2.html, …) that work without JavaScript.

A table of every claim made one page of megabytes that a phone took seconds to lay out. Now each page
holds one page of rows; index.html also embeds every claim's row data with the search index, and its
script renders only the rows a reader is looking at, PAGE_SIZE at a time.
"""

from __future__ import annotations

from typing import Any, Iterable

from factcheck.model import VERDICTS, verdict
from factcheck.publish.bilingual import page_language, primary
from factcheck.publish.html import (
    CLAIMREVIEW_FILE,
    CLAIMS_FOLDER,
    PAGE_LABELS,
    RATINGS_FILE,
    _head,
    _time,
    badge,
    escaped,
    filter_fragment,
    json_for_script,
    package_text,
)
from factcheck.publish.pages import pages_nav
from factcheck.publish.search_data import search_index
from factcheck.search.text.aliases import Aliases
from factcheck.store.settings import settings_from

PAGE_SIZE = 100  # rows a page shows, and rows the script adds at a time
PAGER_REACH = 2  # page links on either side of the current one

# Filters and searches the list in place. The pages are complete without it. State lives in the URL
# fragment (#q=…&verdict=…&tag=…&year=…), so a filtered view can be linked and the verdict and tag
# links work as filters. The search box reads queries as `factcheck search` does (search.js, over the
# index search_data.py builds); the page's only script is the two together, allowed by its hash.
INDEX_JS = package_text("search.js") + package_text("index.js")
DATA_ID = "site-data"


def listing_file(number: int) -> str:
    return "index.html" if number == 1 else f"page-{number}.html"


def newest_first(records: Iterable[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r.get("claim_date") or "", r.get("reviewed") or "", r["id"]), reverse=True)


def _row(record: dict) -> str:
    v = verdict(record["status"])
    claimant = (record.get("claimant") or {}).get("name", "")
    date = record.get("claim_date") or ""
    claim_en = (f'<span class="claim-en-row" lang="en">{escaped(record["claim_en"])}</span>'
                if record.get("claim_en") else "")
    tag_links = "".join(f'<li><a href="index.html#{escaped(filter_fragment("tags", t))}">{escaped(t)}</a></li>'
                        for t in record.get("tags") or [])
    return (
        f'<tr data-verdict="{escaped(v.code)}" data-date="{escaped(date)}">'
        f'<td class="verdict">{badge(v.code, small=True)}</td>'
        f'<td class="claim"><a href="{CLAIMS_FOLDER}/{escaped(record["id"])}.html">{escaped(record["claim"])}</a>{claim_en}</td>'
        f'<td class="claimant">{escaped(claimant)}</td>'
        f'<td class="date">{_time(date)}</td>'
        f'<td class="tags"><ul class="chips">{tag_links}</ul></td>'
        "</tr>"
    )


def _table(records: list[dict]) -> str:
    return (
        '<table id="claims"><thead><tr>'
        f'<th scope="col">{PAGE_LABELS["verdict"]}</th><th scope="col">{PAGE_LABELS["claim"]}</th>'
        f'<th scope="col">{PAGE_LABELS["claimant"]}</th>'
        f'<th scope="col" aria-sort="descending"><button id="sort-date" type="button">{PAGE_LABELS["date"]}</button></th>'
        f'<th scope="col">{PAGE_LABELS["tags"]}</th>'
        "</tr></thead><tbody>"
        + "".join(_row(r) for r in records)
        + "</tbody></table>"
    )


def _pager(number: int, count: int) -> str:
    """Links to the neighbouring pages, the first and the last; '' when there is one page."""
    if count <= 1:
        return ""
    shown = sorted({1, count, *range(max(1, number - PAGER_REACH), min(count, number + PAGER_REACH) + 1)})
    items, previous = [], 0
    if number > 1:
        items.append(f'<li><a href="{listing_file(number - 1)}" rel="prev">{PAGE_LABELS["previous"]}</a></li>')
    for page in shown:
        if page > previous + 1:
            items.append('<li aria-hidden="true">…</li>')
        items.append(f'<li><a href="{listing_file(page)}" aria-current="page">{page}</a></li>' if page == number
                     else f'<li><a href="{listing_file(page)}">{page}</a></li>')
        previous = page
    if number < count:
        items.append(f'<li><a href="{listing_file(number + 1)}" rel="next">{PAGE_LABELS["next"]}</a></li>')
    return f'<nav id="pager" class="pager" aria-label="{PAGE_LABELS.text("pages")}"><ul>{"".join(items)}</ul></nav>'


def _options(pairs: Iterable[tuple[str, str]]) -> str:
    return f'<option value="">{PAGE_LABELS["any"]}</option>' + "".join(
        f'<option value="{escaped(value)}">{escaped(label)}</option>' for value, label in pairs
    )


def _filters(records: list[dict], counts: dict[str, int]) -> str:
    tags = sorted({t for r in records for t in (r.get("tags") or [])})
    years = sorted({(r.get("claim_date") or "")[:4] for r in records} - {""}, reverse=True)
    verdict_options = _options((v.code, f"{v.ko} · {v.en}") for v in VERDICTS if counts[v.code])
    return (
        '<form id="filters" class="filters" role="search" hidden>'
        f'<label for="q">{PAGE_LABELS["search"]}<input id="q" type="search" autocomplete="off"></label>'
        f'<label for="f-verdict">{PAGE_LABELS["verdict"]}<select id="f-verdict">{verdict_options}</select></label>'
        f'<label for="f-tag">{PAGE_LABELS["tag"]}<select id="f-tag">{_options((t, t) for t in tags)}</select></label>'
        f'<label for="f-year">{PAGE_LABELS["year"]}<select id="f-year">{_options((y, y) for y in years)}</select></label>'
        f'<span class="count" aria-live="polite"><span id="count">{len(records)} / {len(records)}</span> {PAGE_LABELS["shown"]}</span>'
        "</form>"
    )


def _site_data(records: list[dict], aliases: Aliases | None) -> dict[str, Any]:
    """What index.html's script reads: each claim's row (in the order of `records`) and its search keys."""
    rows = [[r["id"], r["status"], r["claim"], r.get("claim_en") or "", (r.get("claimant") or {}).get("name", ""),
             r.get("claim_date") or "", list(r.get("tags") or [])] for r in records]
    verdicts = {v.code: [v.ko, v.en] for v in VERDICTS}
    return {"rows": rows, "verdicts": verdicts, "pageSize": PAGE_SIZE, "labels": {"more": PAGE_LABELS.text("more")},
            **search_index(records, aliases)}


def listing_pages(records: Iterable[dict], settings: Any, aliases: Aliases | None = None) -> dict[str, str]:
    """Every page of the list, by file name: index.html (searchable) and page-2.html onwards (plain)."""
    records = newest_first(records)
    settings = settings_from(settings)
    count = max(1, -(-len(records) // PAGE_SIZE))
    with page_language(settings.language):
        return {listing_file(n): _listing_page(records, n, count, settings, aliases) for n in range(1, count + 1)}


def _listing_page(records: list[dict], number: int, count: int, settings, aliases: Aliases | None) -> str:
    publisher = settings.publisher
    heading = escaped(publisher) if publisher else PAGE_LABELS["index_title"]
    title = f"{publisher} — {PAGE_LABELS.text('index_title')}" if publisher else PAGE_LABELS.text("index_title")
    if number > 1:
        title += f" ({number}/{count})"
    canonical = f"{settings.site}/{listing_file(number)}" if settings.site else ""
    rows = records[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
    footer = (f'<footer><p><a href="{RATINGS_FILE}">{PAGE_LABELS["ratings"]}</a> · '
              f'<a href="{CLAIMREVIEW_FILE}">ClaimReview JSON-LD</a></p>{pages_nav(ratings=False)}</footer>')
    if number > 1:  # a plain page: no script, so no search; the index has both
        head = _head(title, lang=primary(), description=title, canonical=canonical)
        body = [f'<p><a href="index.html">{PAGE_LABELS["search_all"]}</a></p>', _table(rows),
                _pager(number, count), footer]
    else:
        counts = {v.code: 0 for v in VERDICTS}
        for r in records:
            counts[r["status"]] += 1
        summary = "".join(
            f'<li><a href="#verdict={escaped(v.code)}">{badge(v.code, small=True)}</a> {counts[v.code]}</li>'
            for v in VERDICTS if counts[v.code]
        )
        data = json_for_script(_site_data(records, aliases), indent=None)
        head = _head(title, lang=primary(), description=title, canonical=canonical, script=INDEX_JS)
        body = [
            f'<ul class="summary">{summary}</ul>',
            _filters(records, counts),
            _table(rows),
            f'<p id="no-results" class="no-results" role="status" hidden>{PAGE_LABELS["no_results"]}</p>',
            f'<p class="more"><button id="more" type="button" hidden>{PAGE_LABELS["more"]}</button></p>',
            _pager(number, count),
            f'<script type="application/json" id="{DATA_ID}">{data}</script>',
            footer,
        ]
    page = [head, "<body>", '<main class="wide">', f"<h1>{heading}</h1>", *body, "</main>"]
    if number == 1:
        page.append(f"<script>{INDEX_JS}</script>")
    return "\n".join(page + ["</body>", "</html>"]) + "\n"
