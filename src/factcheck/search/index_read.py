"""Reading the search index: the rows, records, token weights and sizes that a search and the commands ask of it.

`Index` (search/index.py) refreshes the index and reads it through these methods; kept apart so that each
stays a module of its own size.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from factcheck.errors import NotFound
from factcheck.search.index_cache import unpacked_json
from factcheck.store.packs import PACK_SUFFIX

SQL_BATCH = 500  # values bound to one `IN (?, …)`: well inside SQLite's limit on parameters


class Row(NamedTuple):
    rowid: int
    claim_id: str
    path: str
    line: int | None  # its line in a pack; None: a claim file of its own
    status: str
    tags: list
    imported: bool
    claim_length: int
    analysed_fields: list  # as analysis.analyse_fields made them


# The `keys` column holds the analysed fields (its name is kept so that an index need not be rebuilt).
_ROW_COLUMNS = "c.rowid, c.id, c.path, c.line, c.status, c.tags, c.imported, c.length, c.keys"


def _row(values) -> Row:
    rowid, claim_id, path, line, status, tags, imported, length, analysed_fields = values
    return Row(rowid, claim_id, path, line, status, json.loads(tags), bool(imported), length,
               unpacked_json(analysed_fields))


def _in_batches(values: list) -> Iterator[tuple[list, str]]:
    """`values` SQL_BATCH at a time, each batch with the `?,?,…` it binds to."""
    for start in range(0, len(values), SQL_BATCH):
        batch = values[start : start + SQL_BATCH]
        yield batch, ",".join("?" * len(batch))


class IndexReading:
    """What the index answers; `conn`, `repo`, `path`, `problems` and the caches are set by `Index`."""

    def begin_read(self) -> None:
        """Read everything that follows from one snapshot, even if another process refreshes meanwhile."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")

    def count(self) -> int:
        if self._count is None:
            self._count = self.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        return self._count

    def ids(self, prefix: str = "") -> list[str]:
        """The ids of every claim a search finds, packed ones included, that begin with `prefix`, in order."""
        # Ids are ASCII; U+10FFFF sorts after any of them (SQLite compares the UTF-8 bytes).
        return [i for (i,) in self.conn.execute(
            "SELECT id FROM claims WHERE id >= ? AND id < ? ORDER BY id", (prefix, prefix + "\U0010ffff"))]

    def packed_count(self) -> int:
        """How many claims a search finds in packs (lines that a claim file shadows are not counted)."""
        return self.conn.execute("SELECT count(*) FROM claims WHERE line IS NOT NULL").fetchone()[0]

    def rows(self) -> list[Row]:
        return [_row(v) for v in self.conn.execute(f"SELECT {_ROW_COLUMNS} FROM claims c")]

    def rows_at(self, rowids: list[int]) -> list[Row]:
        """The rows of these claims (by SQLite rowid, as `heaviest` and `own_rowids` give them)."""
        return self._rows_where("c.rowid", rowids)

    def rows_of(self, claim_ids: list[str]) -> list[Row]:
        """The rows of these claims (by id), in no particular order; an id no claim has is left out."""
        return self._rows_where("c.id", claim_ids)

    def _rows_where(self, column: str, values: list) -> list[Row]:
        rows = []
        for batch, marks in _in_batches(values):
            rows += self.conn.execute(f"SELECT {_ROW_COLUMNS} FROM claims c WHERE {column} IN ({marks})", batch)
        return [_row(v) for v in rows]

    def own_rowids(self) -> list[int]:
        """The repository's own claims: those not below imported/."""
        return [r for (r,) in self.conn.execute("SELECT rowid FROM claims WHERE imported = 0")]

    def heaviest(self, token_weights: list[tuple[str, float]], limit: int, own_only: bool = False) -> list[int]:
        """The rowids of the `limit` claims whose tokens' weights add up to the most, heaviest first.

        Each token's claims are read from the full-text table, and SQLite adds up the weights per claim:
        far faster than a Python loop over every posting.
        """
        if not token_weights:
            return []
        # The repository's own claims have a table of their own tokens: picking their best once read every
        # claim's postings again (374 of 478 ms for a common word at a million claims).
        table = "own_grams" if own_only else "grams"
        union = " UNION ALL ".join(f"SELECT rowid AS r, {weight!r} AS w FROM {table} WHERE {table} MATCH ?"
                                   for _token, weight in token_weights)
        sql = f"SELECT r, sum(w) FROM ({union}) GROUP BY r ORDER BY 2 DESC LIMIT ?"
        matches = [f'"{token}"' for token, _weight in token_weights]
        return [r for r, _score in self.conn.execute(sql, [*matches, limit])]

    def doc_freqs(self, tokens) -> dict[str, int]:
        """How many claims hold each token, looked up in one query."""
        wanted = [t for t in dict.fromkeys(tokens) if t not in self._df]
        for batch, marks in _in_batches(wanted):
            self._df.update(dict.fromkeys(batch, 0))
            self._df.update(self.conn.execute(f"SELECT term, docs FROM doc_freq WHERE term IN ({marks})", batch))
        return self._df

    def record(self, row: Row) -> dict:
        return unpacked_json(self.conn.execute("SELECT record FROM claims WHERE rowid = ?", (row.rowid,)).fetchone()[0])

    def record_of(self, claim_id: str) -> dict | None:
        """The record of `claim_id` as the index holds it (as of its last refresh); None: no such claim."""
        found = self.conn.execute("SELECT record FROM claims WHERE id = ?", (claim_id,)).fetchone()
        return unpacked_json(found[0]) if found else None

    def records(self) -> list[dict]:
        return [unpacked_json(r) for (r,) in self.conn.execute("SELECT record FROM claims ORDER BY id")]

    def get(self, claim_id: str) -> dict:
        from factcheck.store.repo import check_id

        check_id(claim_id)
        found = self.conn.execute("SELECT path, line FROM claims WHERE id = ?", (claim_id,)).fetchone()
        if not found:
            raise NotFound("no claim with id {claim_id!r} in {root}", claim_id=claim_id, root=self.repo.root)
        return self.repo.reread(Path(found[0]), claim_id, found[1])  # never a stale verdict (see Repo.reread)

    def where(self, claim_id: str) -> tuple[str, int | None] | None:
        """(path, line in a pack or None) of the copy of `claim_id` a search uses; None: no such claim."""
        return self.conn.execute("SELECT path, line FROM claims WHERE id = ?", (claim_id,)).fetchone()

    def cache_get(self, key: str) -> str | None:
        """A value derived from the repository and kept with the index (see cache_put)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def cache_put(self, key: str, value: str) -> None:
        """Keep `value` with the index, for work too slow to repeat on every search; the caller says
        when it is stale. Write before `begin_read`: a read snapshot is never committed."""
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def aliases(self):
        """The repository's alias table, its compiled form cached here (see text.aliases.repo_aliases)."""
        if self._aliases is None:
            from factcheck.search.text.aliases import repo_aliases

            self._aliases, problems = repo_aliases(self.repo.root, self.cache_get, self.cache_put)
            self.problems += problems
        return self._aliases

    def sizes(self) -> dict:
        """Bytes on disk: the claim files and packs as last indexed (their sizes are in the index, so no file
        is visited), and the index file."""
        files, packs, claims_bytes = self.conn.execute(
            f"SELECT count(*) - count(CASE WHEN name LIKE '%{PACK_SUFFIX}' THEN 1 END),"
            f" count(CASE WHEN name LIKE '%{PACK_SUFFIX}' THEN 1 END), coalesce(sum(size), 0) FROM files"
        ).fetchone()
        try:  # the write-ahead log is left out: it is emptied into the file as the command ends
            index_bytes = os.stat(self.path).st_size
        except OSError:
            index_bytes = 0
        return {"claim_files": files, "packs": packs, "claims_bytes": claims_bytes, "index_bytes": index_bytes}
