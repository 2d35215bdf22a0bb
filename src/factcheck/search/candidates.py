"""Candidates: a large repository narrowed to the few hundred claims worth ranking.

BM25 without sorting every match: each query token's claims are credited with the token's IDF (typo
tokens count less), and the claims with the most credit are chosen. A token held by more than
COMMON_TOKEN of all claims tells little and is skipped, unless it is among the query's rarest few.
The index only adds up the weights it is given; what they are is decided here.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from factcheck.search.analysis import TokenKind

if TYPE_CHECKING:
    from factcheck.search.index import Index, Row

# The candidate budget: the CANDIDATES best of all claims, plus the repository's own claims, all of
# them if they are OWN_SCORED_WHOLE or fewer, else their OWN_SCORED_WHOLE best.
CANDIDATES = 300
OWN_SCORED_WHOLE = 200
BM25_WEIGHTS = {TokenKind.EXACT: 1.0, TokenKind.TYPO: 0.35}
COMMON_TOKEN = 0.08  # a token in more than this share of claims is skipped when choosing candidates…
ALWAYS_USED_TOKENS = 4  # …unless it is among the query's rarest few


def idf(df: int, n: int) -> float:
    """Inverse document frequency as BM25 writes it: how rare a token held by `df` of `n` claims is."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def choose_candidates(index: Index, tokens: dict[TokenKind, set[str]], limit: int = CANDIDATES,
                      with_own: bool = True) -> list[Row]:
    """The claims that share the most, and the rarest, tokens with the query, and (`with_own`) the
    repository's own."""
    total = max(index.count(), 1)
    doc_freq = index.doc_freqs([token for kind_tokens in tokens.values() for token in kind_tokens])
    weighted = []
    for kind, kind_tokens in tokens.items():
        for token in kind_tokens:
            if not token.isalnum():  # the full-text table splits text there: no claim holds it whole
                continue
            df = doc_freq[token]
            if df:
                weighted.append((df, token, BM25_WEIGHTS[kind] * idf(df, total)))
    weighted.sort()
    used = [(token, weight) for rank, (df, token, weight) in enumerate(weighted)
            if rank < ALWAYS_USED_TOKENS or df <= COMMON_TOKEN * total]
    chosen = index.heaviest(used, limit)
    if not with_own:
        return index.rows_at(chosen)
    # Ranking puts the repository's own claims before imported ones on equal terms, so they must not be
    # crowded out by thousands of imported ones: all of them when few, else their best.
    own = index.own_rowids()
    if len(own) > OWN_SCORED_WHOLE:
        own = index.heaviest(used, OWN_SCORED_WHOLE, own_only=True)
    return index.rows_at(list(dict.fromkeys([*chosen, *own])))
