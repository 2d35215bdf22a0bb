"""The static site: the list of claims (publish/listing.py), one page per claim, the rating scale, the
ClaimReview feed and the IFCN pages (publish/pages.py), rebuilt incrementally: a file whose content would
not change is not written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from factcheck.errors import DataError, FactcheckError
from factcheck.exchange.claimreview import to_claimreview
from factcheck.publish.html import _GENERATOR_META, CLAIMREVIEW_FILE, CLAIMS_FOLDER, RATINGS_FILE, render_claim_page
from factcheck.publish.listing import listing_pages
from factcheck.publish.pages import write_pages
from factcheck.publish.ratings import render_rating_scale
from factcheck.publish.texts import SiteTexts
from factcheck.search.text.aliases import Aliases
from factcheck.store.files import atomic_write
from factcheck.store.repo import check_id
from factcheck.store.settings import settings_from
from factcheck.textclean import json_text

LISTING_PAGES = "page-*.html"


@dataclass
class BuiltSite:
    """What a build did: files written (new or changed), files left as they were, stale pages removed."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    def put(self, path: Path, text: str) -> None:
        """Write `text` to `path` unless the file already holds exactly it: a rebuild of a large site
        rewrites only what changed, so its files keep their dates and a sync uploads only those."""
        data = text.encode("utf-8")
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                self.unchanged.append(path)
                return
        except OSError:
            pass  # not there yet (or unreadable): write it
        atomic_write(path, data, overwrite=True)
        self.written.append(path)

    def remove_stale(self, paths: Iterable[Path], keep: set[Path]) -> None:
        for path in sorted(paths):
            if path not in keep and _is_ours(path):
                path.unlink()
                self.removed.append(path)


def _is_ours(path: Path) -> bool:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            return _GENERATOR_META in handle.read(2048)
    except OSError:
        return False


def build_site(records: Iterable[dict], out_dir: Path, settings: Any, aliases: Aliases | None = None,
               texts: SiteTexts | None = None, others: dict | None = None) -> BuiltSite:
    """Write the list (index.html, page-2.html, …), claims/<id>.html for every claim, ratings.html,
    claimreview.json and the IFCN pages, each only if its content changed (`aliases`: the repository's
    alias table, for the search; the bundled one by default; `texts`: the newsroom's methodology,
    corrections policy and organisation, the starters when None; `others`: other outlets' reviews beside
    each claim, by id).

    Pages this function wrote before that are no longer part of the site (claims that are gone, list
    pages past the last) are removed: they carry its generator tag. Any other file is left alone.
    """
    records = list(records)
    settings = settings_from(settings)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise FactcheckError("{out_dir}: exists and is not a directory", out_dir=out_dir)
    seen: dict[str, dict] = {}
    for record in records:
        claim_id = check_id(record.get("id", ""))
        if claim_id in seen:
            raise DataError("two claims share the id {claim_id!r}; the site needs one page per id", claim_id=claim_id)
        seen[claim_id] = record
    claims_dir = out_dir / CLAIMS_FOLDER
    claims_dir.mkdir(parents=True, exist_ok=True)

    built = BuiltSite()
    reviews = []
    pages = set()
    for record in sorted(records, key=lambda r: r["id"]):
        reviews.append(to_claimreview(record, settings))
        page = claims_dir / f"{record['id']}.html"
        built.put(page, render_claim_page(record, settings, site_root="..", others=(others or {}).get(record["id"])))
        pages.add(page)
    built.remove_stale(claims_dir.glob("*.html"), pages)
    built.put(out_dir / CLAIMREVIEW_FILE, json_text(reviews) + "\n")
    built.put(out_dir / RATINGS_FILE, render_rating_scale(settings))
    listing = {out_dir / name: text for name, text in listing_pages(records, settings, aliases).items()}
    for path, text in listing.items():
        built.put(path, text)
    built.remove_stale(out_dir.glob(LISTING_PAGES), set(listing))
    write_pages(records, out_dir, settings, texts, built)
    return built
