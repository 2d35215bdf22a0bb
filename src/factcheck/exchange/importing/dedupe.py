"""What the repository already holds, so an import never stores a claim twice; new ids and folders."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from factcheck.errors import DataError
from factcheck.i18n import Message
from factcheck.exchange.reviews import claim_key, url_host

SAME_REVIEW_SIMILARITY = 0.8  # one review URL with claims this alike is one claim (else a multi-claim review)
# Near-duplicates (the same claim in other words, by the search's own similarity) are reported, never
# skipped or merged. Each added claim is compared with the repository's claims most like it; an import
# of more than SIMILAR_REPORT_LIMIT claims is not compared (about 10 ms a claim) and says so.
SIMILAR_REPORT_LIMIT = 2000
SIMILAR_CANDIDATES = 20

# --------------------------------------------------------------------------- what the repository holds


def url_key(url: str) -> str:
    """A review URL for comparison: scheme and host lowercased, no fragment, no trailing slash."""
    match = re.match(r"^(https?)://([^/?#]+)([^#]*)", url.strip(), re.I)
    if not match:
        return url.strip()
    _scheme, host, rest = match.groups()
    return f"https://{host.lower().removeprefix('www.')}{rest.rstrip('/')}"


@dataclass
class Known:
    """The ids, review URLs and claim texts already stored, to tell new items from duplicates."""

    ids: set = field(default_factory=set)
    by_text: dict = field(default_factory=dict)  # claim_key -> id
    by_url: dict = field(default_factory=dict)  # url_key -> [(id, claim_key, claim text)]

    def add(self, claim_id: str, record: dict) -> None:
        self.ids.add(claim_id)
        key = claim_key(record.get("claim") or "")
        if key:
            self.by_text.setdefault(key, claim_id)
        origin = record.get("origin") if isinstance(record.get("origin"), dict) else {}
        if isinstance(origin.get("url"), str):
            self.by_url.setdefault(url_key(origin["url"]), []).append((claim_id, key, record.get("claim") or ""))

    def duplicate_of(self, record: dict) -> tuple[str, str] | None:
        """(existing id, why) when `record` repeats a known claim; None when it is new."""
        key = claim_key(record["claim"])
        url = (record.get("origin") or {}).get("url")
        if url:
            same_review = self.by_url.get(url_key(url), [])
            for claim_id, other, text in same_review:
                if other == key or _similar(record["claim"], text):
                    return claim_id, Message("same review URL")
        if key in self.by_text:
            return self.by_text[key], Message("same claim text")
        return None


def _similar(a: str, b: str) -> bool:
    from factcheck.search.similar import text_similarity

    return text_similarity(a, b) >= SAME_REVIEW_SIMILARITY


def similar_to_added(repo, added: list[tuple[str, str]]) -> list[tuple[str, str, float]] | None:
    """For each (position, id) just added, the stored claim most like it at DUPLICATE_SIMILARITY or more
    (claims added earlier in the same import included): [(position, other id, similarity)]. None when the
    import is too large to compare (SIMILAR_REPORT_LIMIT). Reads the index, refreshing it first."""
    if len(added) > SIMILAR_REPORT_LIMIT:
        return None
    if not added:
        return []
    from factcheck.search.candidates import choose_candidates
    from factcheck.search.query import query_grams
    from factcheck.search.index import open_index
    from factcheck.search.similar import DUPLICATE_SIMILARITY, analyse_text, similar_claims

    index = open_index(repo)
    order = {claim_id: n for n, (_position, claim_id) in enumerate(added)}
    found = []
    for n, (position, claim_id) in enumerate(added):
        record = index.get(claim_id)
        units = analyse_text(record["claim"], index).units
        rows = choose_candidates(index, query_grams(units), SIMILAR_CANDIDATES, with_own=False) if units else []
        rows = [r for r in rows if r.claim_id != claim_id and order.get(r.claim_id, -1) < n]
        best = similar_claims(index, record["claim"], 1, DUPLICATE_SIMILARITY, rows)
        if best:
            similarity, row = best[0]
            found.append((position, row.claim_id, round(similarity.score, 2)))
    return found


def known_claims(repo) -> Known:
    """What the repository holds, from the search index (refreshed first, so it is current).

    Reading through the index means the files are parsed once for both jobs: a search right after an
    import finds the old claims already indexed. A file with problems still holds its id.
    """
    from factcheck.search.index import open_index

    index = open_index(repo)
    known = Known()
    for record in index.records():
        known.add(record["id"], record)
    known.ids.update(problem.path.stem for problem in index.problems)
    return known


def refresh_index(repo) -> None:
    """Index the files just written, so that the next search does not have to."""
    from factcheck.search.index import open_index

    open_index(repo)


# --------------------------------------------------------------------------- ids and folders


def ascii_slug(text: str, limit: int = 30) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:limit].strip("-")


def publisher_slug(record: dict) -> str:
    """The folder for a publisher's claims: its name in ASCII, else its web host, else 'unknown-publisher'."""
    origin = record.get("origin") or {}
    slug = ascii_slug(origin.get("publisher") or "")
    if len(slug) < 3 and origin.get("url"):
        slug = ascii_slug(url_host(origin["url"]))
    return slug if len(slug) >= 3 else "unknown-publisher"


def new_id(record: dict, known: Known) -> str:
    """The record's own id when it has a free one, else publisher slug + a stable hash of review URL and claim."""
    own = record.get("id")
    if own and own not in known.ids:
        return own
    origin = record.get("origin") or {}
    basis = url_key(origin.get("url") or "") + "\n" + claim_key(record["claim"])
    digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()
    slug = publisher_slug(record)
    for length in (10, 16, 40):
        candidate = f"{slug}-{digest[:length]}"
        if candidate not in known.ids:
            return candidate
    raise DataError("no free id for {slug}-{digest}", slug=slug, digest=digest)  # needs a SHA-1 collision
