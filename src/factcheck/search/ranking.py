"""Ranking: the search itself, from a query to the claims that answer it, best first.

The query is parsed into units (query.py) and handed to the tiers in turn (TIERS). The lexical tier
weighs the units by IDF, takes every claim of a small repository, or the candidates the index's tokens
choose in a large one (candidates.py), and scores each claim's share of the query (match.py). Results
below MIN_SCORE are not shown: "no matching claim" is an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from factcheck.search.candidates import choose_candidates
from factcheck.search.match import Scored, fields_of, score_claim
from factcheck.search.query import Unit, parse_query, query_grams, weigh_units
from factcheck.textclean import clean

if TYPE_CHECKING:
    from factcheck.search.index import Index, Row

MIN_SCORE = 0.6  # share of the query's weight a claim must cover to be shown
SCORE_ALL_BELOW = 500  # repositories this small are scored whole; larger ones use the index's candidates


@dataclass
class SearchResult:
    record: dict
    score: int
    explain: list[str]

    def as_json(self, explain: bool = False) -> dict:
        from factcheck.model import VERDICT_BY_CODE

        record = self.record
        verdict = VERDICT_BY_CODE.get(record.get("status"))
        data = {
            "id": record.get("id"),
            "claim": record.get("claim"),
            "claim_en": record.get("claim_en"),
            "claimant": record.get("claimant"),
            "claim_date": record.get("claim_date"),
            "status": record.get("status"),
            "status_label": verdict.ko if verdict else None,
            "status_label_en": verdict.en if verdict else None,
            "score": self.score,
            "tags": record.get("tags") or [],
            "sources": record.get("sources") or [],
        }
        if explain:
            data["explain"] = self.explain
        return data


@dataclass
class SearchOutcome:
    results: list[SearchResult]
    problems: list
    units: list[Unit]


@dataclass
class Request:
    """What the person asked for: the query as typed and as units, and which claims may answer."""

    text: str
    units: list[Unit]
    status: str | None = None
    tag: str | None = None
    explain: bool = False

    def admits(self, row: Row) -> bool:
        return (not self.status or row.status == self.status) and (not self.tag or self.tag in row.tags)


class Match(NamedTuple):
    row: Row
    scored: Scored


def rank_key(match: Match) -> tuple:
    """The share of the query a claim covers first (to two decimals); between equal shares the
    repository's own claims before imported ones, then the claim that is most about the query, then
    the shorter claim, then its id."""
    scored, row = match.scored, match.row
    return (-round(scored.score, 2), row.imported, -scored.density, row.claim_length, row.claim_id)


def lexical_matches(index: Index, request: Request) -> list[Match]:
    """The claims that hold the query's words (or their stems, aliases, pieces, typos, 초성, numbers)."""
    units = request.units
    weigh_units(units, max(index.count(), 1), index.doc_freqs)
    if index.count() <= SCORE_ALL_BELOW:
        rows = index.rows()
    else:
        rows = choose_candidates(index, query_grams(units))
    matches = []
    for row in rows:
        if not request.admits(row):
            continue
        scored = score_claim(units, fields_of(row.analysed_fields), request.explain, floor=MIN_SCORE)
        if scored.score >= MIN_SCORE:
            matches.append(Match(row, scored))
    return matches


# The tiers, in order: each runs only when those before it matched nothing, so a later, costlier one
# (matching by meaning, the next to come) costs nothing when the words were found. A tier takes the
# index and the request and returns its matches, each with a score in 0..1 that rank_key can order.
TIERS: tuple[Callable[[Index, Request], list[Match]], ...] = (lexical_matches,)


def search_claims(repo, query: str, limit: int = 10, status=None, tag=None, explain=False) -> SearchOutcome:
    from factcheck.search.index import open_index

    index = open_index(repo)
    units = parse_query(query, index.aliases())
    if not units:
        return SearchOutcome([], index.problems, units)
    request = Request(query, units, status, tag, explain)
    matches: list[Match] = []
    for tier in TIERS:
        matches = tier(index, request)
        if matches:
            break
    matches.sort(key=rank_key)
    results = [
        SearchResult(index.record(row), min(100, round(100 * scored.score)), [clean(r) for r in scored.reasons])
        for row, scored in matches[:limit]
    ]
    return SearchOutcome(results, index.problems, units)
