"""The static site: an index page that filters in place, one page per claim, and the ClaimReview feed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from factcheck.errors import DataError, FactcheckError
from factcheck.exchange.claimreview import to_claimreview
from factcheck.model import VERDICTS, verdict
from factcheck.publish.html import (
    _GENERATOR_META,
    CLAIMREVIEW_FILE,
    CLAIMS_FOLDER,
    PAGE_LABELS,
    _head,
    _time,
    badge,
    escaped,
    package_text,
    render_claim_page,
)
from factcheck.store.files import atomic_write
from factcheck.store.repo import check_id
from factcheck.store.settings import settings_from
from factcheck.textclean import json_text

# --------------------------------------------------------------------------- the index and the site

# Filters the table in place. The table is complete without it; this only hides rows. State lives in
# the URL fragment (#q=…&verdict=…&tag=…&year=…), so a filtered view can be linked and the verdict
# and tag links on the page work as filters.
INDEX_JS = package_text("index.js")


def _sort_key(record: dict) -> tuple:
    return (record.get("claim_date") or "", record.get("reviewed") or "", record["id"])


def _index_row(record: dict) -> str:
    v = verdict(record["status"])
    claimant = (record.get("claimant") or {}).get("name", "")
    tags = record.get("tags") or []
    date = record.get("claim_date") or ""
    search = " ".join([record["id"], v.code, *(record.get("entities") or [])])
    claim_en = (f'<span class="claim-en-row" lang="en">{escaped(record["claim_en"])}</span>'
                if record.get("claim_en") else "")
    tag_links = "".join(
        f'<li><a href="#{escaped("tag=" + _fragment_value(t))}">{escaped(t)}</a></li>' for t in tags
    )
    return (
        f'<tr data-verdict="{escaped(v.code)}" data-date="{escaped(date)}" '
        f'data-tags="{escaped(json.dumps(tags, ensure_ascii=False))}" data-search="{escaped(search)}">'
        f'<td class="verdict">{badge(v.code, small=True)}</td>'
        f'<td class="claim"><a href="{CLAIMS_FOLDER}/{escaped(record["id"])}.html">{escaped(record["claim"])}</a>{claim_en}</td>'
        f'<td class="claimant">{escaped(claimant)}</td>'
        f'<td class="date">{_time(date)}</td>'
        f'<td class="tags"><ul class="chips">{tag_links}</ul></td>'
        "</tr>"
    )


def _fragment_value(value: str) -> str:
    return quote(value, safe="")


def _options(pairs: Iterable[tuple[str, str]]) -> str:
    return f'<option value="">{PAGE_LABELS["any"]}</option>' + "".join(
        f'<option value="{escaped(value)}">{escaped(label)}</option>' for value, label in pairs
    )


def render_index(records: list[dict], settings: Any) -> str:
    """The site's index.html: every claim in one table, newest first, with client-side filters."""
    records = sorted(records, key=_sort_key, reverse=True)
    settings = settings_from(settings)
    publisher = settings.publisher
    heading = publisher or PAGE_LABELS["index_title"]
    title = f"{publisher} — {PAGE_LABELS['index_title']}" if publisher else heading
    counts = {v.code: 0 for v in VERDICTS}
    for r in records:
        counts[r["status"]] += 1
    tags = sorted({t for r in records for t in (r.get("tags") or [])})
    years = sorted({(r.get("claim_date") or "")[:4] for r in records} - {""}, reverse=True)
    canonical = f"{settings.site}/index.html" if settings.site else ""

    summary = "".join(
        f'<li><a href="#verdict={escaped(v.code)}">{badge(v.code, small=True)}</a> {counts[v.code]}</li>'
        for v in VERDICTS if counts[v.code]
    )
    verdict_options = _options((v.code, f"{v.ko} · {v.en}") for v in VERDICTS if counts[v.code])
    filters = (
        '<form id="filters" class="filters" role="search" hidden>'
        f'<label for="q">{PAGE_LABELS["search"]}<input id="q" type="search" autocomplete="off"></label>'
        f'<label for="f-verdict">{PAGE_LABELS["verdict"]}<select id="f-verdict">{verdict_options}</select></label>'
        f'<label for="f-tag">{PAGE_LABELS["tag"]}<select id="f-tag">{_options((t, t) for t in tags)}</select></label>'
        f'<label for="f-year">{PAGE_LABELS["year"]}<select id="f-year">{_options((y, y) for y in years)}</select></label>'
        f'<span class="count" aria-live="polite"><span id="count">{len(records)} / {len(records)}</span> {PAGE_LABELS["shown"]}</span>'
        "</form>"
    )
    table = (
        '<table id="claims"><thead><tr>'
        f'<th scope="col">{PAGE_LABELS["verdict"]}</th><th scope="col">{PAGE_LABELS["claim"]}</th>'
        f'<th scope="col">{PAGE_LABELS["claimant"]}</th>'
        f'<th scope="col" aria-sort="descending"><button id="sort-date" type="button">{PAGE_LABELS["date"]}</button></th>'
        f'<th scope="col">{PAGE_LABELS["tags"]}</th>'
        "</tr></thead><tbody>"
        + "".join(_index_row(r) for r in records)
        + "</tbody></table>"
    )
    head = _head(title, lang=settings.language, description=title, canonical=canonical, script=INDEX_JS)
    body = [
        "<body>",
        '<main class="wide">',
        f"<h1>{escaped(heading)}</h1>",
        f'<ul class="summary">{summary}</ul>',
        filters,
        table,
        f'<footer><p><a href="{CLAIMREVIEW_FILE}">ClaimReview JSON-LD</a></p></footer>',
        "</main>",
        f"<script>{INDEX_JS}</script>",
        "</body>",
        "</html>",
    ]
    return head + "\n" + "\n".join(b for b in body if b) + "\n"


def _is_ours(path: Path) -> bool:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            return _GENERATOR_META in handle.read(2048)
    except OSError:
        return False


def build_site(records: Iterable[dict], out_dir: Path, settings: Any) -> list[Path]:
    """Write index.html, claims/<id>.html for every claim and claimreview.json; return the paths written.

    Pages this function wrote before for claims that are gone are removed (they carry its generator
    tag); any other file in the folder is left alone.
    """
    records = list(records)
    settings = settings_from(settings)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise FactcheckError(f"{out_dir}: exists and is not a directory")
    seen: dict[str, dict] = {}
    for record in records:
        claim_id = check_id(record.get("id", ""))
        if claim_id in seen:
            raise DataError(f"two claims share the id {claim_id!r}; the site needs one page per id")
        seen[claim_id] = record
    claims_dir = out_dir / CLAIMS_FOLDER
    claims_dir.mkdir(parents=True, exist_ok=True)

    written: list[Path] = []

    def write(path: Path, text: str) -> None:
        atomic_write(path, text.encode("utf-8"), overwrite=True)
        written.append(path)

    reviews = []
    for record in sorted(records, key=lambda r: r["id"]):
        reviews.append(to_claimreview(record, settings))
        write(claims_dir / f"{record['id']}.html", render_claim_page(record, settings, site_root=".."))
    for stale in sorted(claims_dir.glob("*.html")):
        if stale.stem not in seen and _is_ours(stale):
            stale.unlink()
    write(out_dir / CLAIMREVIEW_FILE, json_text(reviews) + "\n")
    write(out_dir / "index.html", render_index(records, settings))
    return written
