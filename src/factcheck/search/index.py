"""The search index: a SQLite cache derived from claims/, refreshed per changed file.

The YAML files stay the only source of truth. The index lives in the user's cache directory
(`$FACTCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/factcheck`, else `~/.cache/factcheck`), never in git.
It holds each claim's record, its analysed fields and an FTS5 table of its tokens (all as `analysis`
gives them), so a search reads a few pages instead of parsing every file. It stores and retrieves;
how the tokens choose candidates and how claims are ranked is for the stages after it.

Freshness. Every search lists the claims folders and compares each file's mtime and size with the
index; only new, changed or removed files are parsed again. Below `imported/`, which `factcheck
import` fills with thousands of machine-written files, a folder whose own mtime has not changed is
trusted as it is: every way a file is added, removed or replaced there (our atomic writes, git,
rename-on-save editors) changes its folder's mtime, and skipping a stat per file is what keeps a
100,000-claim search fast. `factcheck index` checks every file regardless.

Safety. SQLite's locking lets two processes search at once (one refreshes, the other waits, for up to
BUSY_TIMEOUT, then says so); a refresh is one transaction, so an interrupted one leaves the old index.
An index that is corrupt or was written by another version is deleted and rebuilt without a word; one
that is merely busy never is.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError
from factcheck.i18n import Message, message_data, message_from_data
from factcheck.search.index_cache import (  # noqa: F401 (CACHE_ENV, cache_dir, index_path: named here too)
    BUILDING_SUFFIX, CACHE_ENV, STAMP_SUFFIX, busy as _busy, cache_dir, creation_lock, index_path, index_places,
    mark_sound, sound, unpacked_json)
from factcheck.search.index_read import IndexReading, Row, _in_batches  # noqa: F401 (Row: named here too)
from factcheck.store.files import TEMP_SUFFIX, remove_stale_temps
from factcheck.store.names import ADOPTED_DIR, IMPORTED_DIR, NOT_CLAIMS, FileProblem
from factcheck.store.packs import PACK_SUFFIX, is_pack_name
from factcheck.store.repo import Repo

if TYPE_CHECKING:  # imported where a file is parsed: a search of an up-to-date index only reads
    from factcheck.search.index_parse import IndexEntry, ParsedFile

INDEX_FORMAT = "factcheck-index-15"  # 15: 4백, 5천원 and 삼십 퍼센트 read (14: analysed fields as JSON text)
# Seconds to wait for another process's refresh of the same index; a first build of a 100,000-claim
# repository takes about a minute, and giving up sooner would fail a search that only had to wait.
BUSY_TIMEOUT = 600
BUILD_CACHE_KB = 128_000  # SQLite's page cache while a large change is stored (its default is 2 MB)
PARALLEL_AT = 2000  # parse this many changed claims or more in worker processes, and recount doc_freq whole
# A first build asks SQLite whether it holds a file's ids only for those that may have been stored: one bit
# per id's hash, set as it is stored (4 MB; at a million claims, 3% of the ids ask). Asking for every id was
# a tenth of what storing a claim cost the main process.
ID_FILTER_BITS = 1 << 25

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE dirs (dir TEXT PRIMARY KEY, mtime_ns INTEGER);
CREATE TABLE listings (dir TEXT PRIMARY KEY, entries TEXT);
CREATE TABLE files (
    dir TEXT, name TEXT, mtime_ns INTEGER, size INTEGER, inode INTEGER, problems TEXT,
    PRIMARY KEY (dir, name)
);
CREATE TABLE claims (
    rowid INTEGER PRIMARY KEY, path TEXT, line INTEGER, digest INTEGER, rank INTEGER, id TEXT, status TEXT,
    tags TEXT, imported INTEGER, length INTEGER, keys TEXT, record BLOB
);
CREATE INDEX claims_id ON claims (id);
CREATE INDEX claims_path ON claims (path);
CREATE TABLE shadowed (id TEXT, path TEXT);
CREATE INDEX shadowed_id ON shadowed (id);
CREATE INDEX files_with_problems ON files (dir, name) WHERE problems IS NOT NULL;
-- own_rowids reads the repository's own claims only: a packed claim need not be written into this index too.
CREATE INDEX claims_imported ON claims (imported) WHERE imported = 0;
-- The tokens are words of Hangul syllables, jamo, a-z and 0-9 (analysis.index_tokens; a query's that are not
-- alphanumeric are never looked up), lower-case, apart at spaces: the ascii tokenizer reads the same terms
-- from them as unicode61 did, without looking up each character's class and case (a fifth of what storing
-- a claim costs the main process of a first build). An index made with unicode61 holds the same terms.
CREATE VIRTUAL TABLE grams USING fts5(tokens, content='', detail=none, tokenize='ascii');
CREATE VIRTUAL TABLE own_grams USING fts5(tokens, content='', detail=none, tokenize='ascii');
-- Tokens waiting to be written may take 32 MB (1 MB by default): a large build writes fewer, larger segments
-- and merges them less (16 MB: 5% fewer instructions than 1 MB storing 23,621 packed claims). 32 MB is what the
-- process tree's 500 MB allows at a million claims (its PSS peaked at 448-456 MB).
INSERT INTO grams (grams, rank) VALUES ('hashsize', 32000000);
CREATE VIRTUAL TABLE grams_vocab USING fts5vocab(grams, 'row');
CREATE TABLE doc_freq (term TEXT PRIMARY KEY, docs INTEGER) WITHOUT ROWID;
"""


def _below_imported(rel_dir: str) -> bool:
    return rel_dir == IMPORTED_DIR or rel_dir.startswith(IMPORTED_DIR + "/")


# Which copy of an id a search uses: the repository's own claim, else an imported claim file (a packed claim
# adopted, or imported with --layout files), else a line of a pack.
RANK_OWN, RANK_FILE, RANK_PACKED = 2, 1, 0


def _rank(rel_dir: str, line: int | None) -> int:
    if not _below_imported(rel_dir):
        return RANK_OWN
    return RANK_FILE if line is None else RANK_PACKED


class Index(IndexReading):
    """The index of one repository: refreshed here, read through IndexReading (search/index_read.py)."""

    def __init__(self, repo: Repo, conn: sqlite3.Connection, path: Path):
        self.repo = repo
        self.conn = conn
        self.path = path
        self.problems: list[FileProblem] = []
        self._count: int | None = None
        self._df: dict[str, int] = {}
        self._count_tokens = True
        self._aliases = None
        self._listings: dict[str, str] = {}  # this refresh's new listings of trusted folders
        self._reparse: set[str] = set()  # packs holding a line that a removed claim file shadowed
        self._ids_seen = bytearray()  # a first build's filter of the ids stored (see ID_FILTER_BITS)

    # -- refresh

    def refresh(self, full: bool = False) -> int:
        """Bring the index up to date with the files; returns how many files were (re)parsed."""
        known_dirs = dict(self.conn.execute("SELECT dir, mtime_ns FROM dirs"))
        self._listings = {}  # a later refresh must not write back a listing this one read
        seen_dirs: dict[str, int] = {}
        changed: list[tuple[str, str, int, int]] = []
        removed: list[tuple[str, str]] = []
        known_children: dict[str, list[str]] = {}
        for d in known_dirs:
            if d:
                known_children.setdefault(d.rpartition("/")[0], []).append(d)
        self._scan("", known_dirs, known_children, seen_dirs, changed, removed, full)
        gone_dirs = [d for d in known_dirs if d not in seen_dirs]
        if changed or removed or gone_dirs or seen_dirs != known_dirs:
            self._apply(changed, removed, gone_dirs, seen_dirs)
        self.problems = [
            FileProblem(Path(self.repo.root, d, n), line, message_from_data(message))
            for d, n, problems in self.conn.execute(
                "SELECT dir, name, problems FROM files WHERE problems IS NOT NULL ORDER BY dir, name"
            )
            for line, message in json.loads(problems)
        ]  # a message is stored as its template and values (i18n.message_data), to be said in any language
        return len(changed)

    def _scan(self, rel: str, known_dirs, known_children, seen_dirs, changed, removed, full: bool) -> None:
        folder = os.path.join(self.repo.root, rel)  # a str, not a Path: 400 folders are stat'ed per search
        try:
            mtime = os.stat(folder).st_mtime_ns
        except OSError:
            return
        seen_dirs[rel] = mtime
        trusted = _below_imported(rel) and not rel.endswith("/" + ADOPTED_DIR)
        if not full and trusted and known_dirs.get(rel) == mtime:
            for sub in known_children.get(rel, ()):
                self._scan(sub, known_dirs, known_children, seen_dirs, changed, removed, full)
            return
        try:
            entries = list(os.scandir(folder))
        except OSError:
            entries = []
        listing = {}
        orphans = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                if name.endswith(TEMP_SUFFIX):  # a write killed midway (kill -9 during import) leaves these
                    orphans.append(entry.path)
                continue
            # .yaml first: an imported folder holds 26,000. A link to a folder is listed, so reading reports it.
            if name.endswith(".yaml") and not entry.is_dir(follow_symlinks=False):
                if rel or name not in NOT_CLAIMS:
                    listing[name] = entry
            elif trusted and is_pack_name(name) and not entry.is_dir(follow_symlinks=False):
                listing[name] = entry
            elif entry.is_dir(follow_symlinks=False):
                sub = f"{rel}/{name}" if rel else name
                self._scan(sub, known_dirs, known_children, seen_dirs, changed, removed, full)
            elif entry.is_symlink() and entry.is_dir():
                listing[name] = entry
        remove_stale_temps(orphans)
        if trusted:
            # A folder of thousands of imported claims: its last listing (name and inode, one per line)
            # says which files are new or were replaced (an atomic replace makes a new inode) without
            # reading a row or a stat per file.
            now = {f"{name}\t{entry.inode()}": entry for name, entry in listing.items()}
            self._listings[rel] = "\n".join(now)
            row = None if full else self.conn.execute("SELECT entries FROM listings WHERE dir = ?", (rel,)).fetchone()
            if row:
                before = set(filter(None, row[0].split("\n")))
                for line in before.difference(now):
                    name = line.partition("\t")[0]
                    if name not in listing:
                        removed.append((rel, name))
                for line in now.keys() - before:
                    self._changed_file(rel, now[line], None, changed)
                return
        stored = {
            name: (m, s, i) for name, m, s, i in self.conn.execute(
                "SELECT name, mtime_ns, size, inode FROM files WHERE dir = ?", (rel,)
            )
        }
        removed.extend((rel, name) for name in stored if name not in listing)
        for name, entry in listing.items():
            self._changed_file(rel, entry, stored.get(name), changed)

    @staticmethod
    def _changed_file(rel: str, entry: os.DirEntry, known, changed: list) -> None:
        try:
            st = entry.stat()
        except OSError:
            return
        if known != (st.st_mtime_ns, st.st_size, st.st_ino):
            changed.append((rel, entry.name, st.st_mtime_ns, st.st_size, st.st_ino))

    def _apply(self, changed, removed, gone_dirs, seen_dirs) -> None:
        # The repository's own claims first, then imported claim files, then packs: that is the order in
        # which they win an id, so a first build seldom stores a claim only to replace it.
        from factcheck.search.index_parse import parse_file, parsed_files

        changed.sort(key=lambda entry: -_rank(entry[0], 0 if is_pack_name(entry[1]) else None))
        paths = [os.path.join(self.repo.root, d, n) for d, n, *_stat in changed]
        conn = self.conn
        empty = conn.execute("SELECT 1 FROM files LIMIT 1").fetchone() is None
        parsed = parsed_files([(path, frozenset() if empty else self._known_lines(path)) for path in paths], PARALLEL_AT)
        # Document frequencies: counted per token as claims come and go, or recounted whole after a
        # large change (fts5vocab counts by reading every document list: too slow for each search).
        self._count_tokens = not empty and len(changed) + len(removed) < PARALLEL_AT
        if len(changed) >= PARALLEL_AT // 100:  # a large change: B-tree and full-text pages stay in memory
            conn.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KB}")
        self._reparse = set()
        self._ids_seen = bytearray(ID_FILTER_BITS // 8 if empty else 0)
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have applied the same changes while we parsed: skip what it did. An
            # empty index (a first build) has nothing to skip or replace: 200,000 queries fewer at 100k.
            done = set() if empty else {
                (d, n) for d, n, m, s, i in changed
                if conn.execute(
                    "SELECT 1 FROM files WHERE dir = ? AND name = ? AND mtime_ns = ? AND size = ? AND inode = ?",
                    (d, n, m, s, i),
                ).fetchone()
            }
            for d in gone_dirs:
                for (name,) in conn.execute("SELECT name FROM files WHERE dir = ?", (d,)).fetchall():
                    removed.append((d, name))
            for d, n in removed:
                self._delete(os.path.join(self.repo.root, d, n))
                conn.execute("DELETE FROM files WHERE dir = ? AND name = ?", (d, n))
            for (d, n, mtime, size, inode), path, in_file in zip(changed, paths, parsed):
                if (d, n) in done:
                    continue
                problems = self._store(path, d, in_file, empty)
                conn.execute(
                    "INSERT OR REPLACE INTO files (dir, name, mtime_ns, size, inode, problems)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (d, n, mtime, size, inode, problems),
                )
            while self._reparse:  # a claim file that held a packed claim is gone: the pack's line counts again
                path = self._reparse.pop()
                if os.path.exists(path):
                    d, n = os.path.split(os.path.relpath(path, self.repo.root))
                    problems = self._store(path, d, parse_file((path, self._known_lines(path))), False)
                    conn.execute("UPDATE files SET problems = ? WHERE dir = ? AND name = ?", (problems, d, n))
            if not self._count_tokens:
                conn.execute("DELETE FROM doc_freq")
                conn.execute("INSERT INTO doc_freq (term, docs) SELECT term, doc FROM grams_vocab")
            conn.execute("DELETE FROM dirs")
            conn.executemany("INSERT INTO dirs (dir, mtime_ns) VALUES (?, ?)", seen_dirs.items())
            for d in gone_dirs:
                conn.execute("DELETE FROM listings WHERE dir = ?", (d,))
            conn.executemany(
                "INSERT OR REPLACE INTO listings (dir, entries) VALUES (?, ?)",
                self._listings.items(),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self._count = None
        self._df.clear()

    def _known_lines(self, path: str) -> frozenset:
        """The digests of a pack's lines that the index holds: those need no parsing again."""
        if not path.endswith(PACK_SUFFIX):
            return frozenset()
        return frozenset(d for (d,) in self.conn.execute("SELECT digest FROM claims WHERE path = ?", (path,)))

    def _store(self, path: str, rel_dir: str, parsed: ParsedFile, empty: bool) -> str | None:
        """Replace what the index holds of one file by what it holds now; returns its problems (JSON) or None."""
        from factcheck.search.index_parse import to_json

        problems = list(parsed.problems)
        if parsed.lines is None:
            if not empty:
                self._delete(path)
        elif not empty:
            self._keep_lines(path, parsed.lines)
        if empty:
            self._insert_first(path, rel_dir, parsed.entries, problems)
        else:
            for entry in parsed.entries:
                clash = self._insert(path, rel_dir, entry)
                if clash:
                    problems.append(clash)
        problems.sort(key=lambda problem: problem[0] or 0)
        return to_json([[line, message_data(message)] for line, message in problems]) if problems else None

    def _keep_lines(self, path: str, lines: list) -> None:
        """A changed pack: its lines still there keep their rows (at their new line numbers), the rest go."""
        now = {digest: number for number, digest in lines}
        for rowid, line, digest in self.conn.execute(
            "SELECT rowid, line, digest FROM claims WHERE path = ?", (path,)
        ).fetchall():
            if digest not in now:
                self._delete_row(rowid)
            elif now[digest] != line:
                self.conn.execute("UPDATE claims SET line = ? WHERE rowid = ?", (now[digest], rowid))
        self.conn.execute("DELETE FROM shadowed WHERE path = ?", (path,))

    def _delete(self, path: str) -> None:
        for (rowid,) in self.conn.execute("SELECT rowid FROM claims WHERE path = ?", (path,)).fetchall():
            self._delete_row(rowid)
        self.conn.execute("DELETE FROM shadowed WHERE path = ?", (path,))

    def _delete_row(self, rowid: int) -> None:
        claim_id, rank, fields = self.conn.execute(
            "SELECT id, rank, keys FROM claims WHERE rowid = ?", (rowid,)).fetchone()
        if rank != RANK_PACKED:
            self._reparse.update(p for (p,) in self.conn.execute("SELECT path FROM shadowed WHERE id = ?", (claim_id,)))
        # The full-text tables keep no copy of the tokens (a quarter of the index): they are worked out again
        # from the analysed fields, as they were when stored, for FTS5's delete.
        from factcheck.search.index_parse import token_text

        tokens = token_text(unpacked_json(fields))
        if self._count_tokens:
            self.conn.executemany(
                "UPDATE doc_freq SET docs = docs - 1 WHERE term = ?", ((t,) for t in set(tokens.split()))
            )
        self.conn.execute("DELETE FROM claims WHERE rowid = ?", (rowid,))
        for table in ("grams", "own_grams") if rank == RANK_OWN else ("grams",):
            self.conn.execute(f"INSERT INTO {table} ({table}, rowid, tokens) VALUES ('delete', ?, ?)", (rowid, tokens))

    def _insert_first(self, path: str, rel_dir: str, entries: list, problems: list) -> None:
        """A first build: a file's claims whose ids no claim stored before holds go in one statement per table
        (a pack's 2,000 rows one by one were a third of the main process's time); one whose id is held takes
        `_insert`, in its turn, so that the rows and rowids are those `_insert` would have made."""
        seen, maybe_held = self._ids_seen, []
        for entry in entries:  # every id seen here is held once this file is stored, by this claim or another
            bit = hash(entry.claim_id) & (ID_FILTER_BITS - 1)
            if seen[bit >> 3] & 1 << (bit & 7):
                maybe_held.append(entry.claim_id)
            else:
                seen[bit >> 3] |= 1 << (bit & 7)
        held = set()
        for batch, marks in _in_batches(maybe_held):
            held.update(i for (i,) in self.conn.execute(f"SELECT id FROM claims WHERE id IN ({marks})", batch))
        run: list[IndexEntry] = []
        for entry in entries:
            if entry.claim_id in held:
                self._insert_rows(path, rel_dir, run)
                run = []
                clash = self._insert(path, rel_dir, entry)
                if clash:
                    problems.append(clash)
            else:
                run.append(entry)
                held.add(entry.claim_id)  # a second line with this id clashes with this one
        self._insert_rows(path, rel_dir, run)

    def _insert_rows(self, path: str, rel_dir: str, entries: list) -> None:
        """Store claims whose ids the index does not hold, at the rowids SQLite would give them one by one."""
        if not entries:
            return
        first = (self.conn.execute("SELECT max(rowid) FROM claims").fetchone()[0] or 0) + 1
        rows = [(rowid, path, e.line, e.digest, _rank(rel_dir, e.line), e.claim_id, e.status, e.tags_json,
                 e.claim_length, e.analysed_fields_json, e.record_blob) for rowid, e in enumerate(entries, first)]
        self.conn.executemany(
            "INSERT INTO claims (rowid, path, line, digest, rank, id, status, tags, imported, length, keys, record)"
            f" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?5 != {RANK_OWN}, ?9, ?10, ?11)", rows)
        tokens = [(rowid, e.tokens) for rowid, e in enumerate(entries, first)]
        self.conn.executemany("INSERT INTO grams (rowid, tokens) VALUES (?, ?)", tokens)
        own = [pair for pair, row in zip(tokens, rows) if row[4] == RANK_OWN]
        if own:
            self.conn.executemany("INSERT INTO own_grams (rowid, tokens) VALUES (?, ?)", own)

    def _insert(self, path: str, rel_dir: str, entry: IndexEntry) -> list | None:
        """Store one claim; returns its problem ([line, message]) if its id is held by a copy that wins: the
        repository's own claim over an imported file over a packed line (see RANK_OWN), else the one stored
        first. A packed line that a claim file holds too is that claim adopted: set aside without a word."""
        claim_id = entry.claim_id
        rank = _rank(rel_dir, entry.line)
        clash = self.conn.execute("SELECT rowid, path, line, rank FROM claims WHERE id = ?", (claim_id,)).fetchone()
        if clash:
            clash_rowid, clash_path, clash_line, clash_rank = clash
            if clash_rank >= rank:
                if rank == RANK_PACKED and clash_rank != RANK_PACKED:
                    self.conn.execute("INSERT INTO shadowed (id, path) VALUES (?, ?)", (claim_id, path))
                    return None
                where = f"{clash_path}:{clash_line}" if clash_line else clash_path
                if entry.line:
                    return [entry.line, Message("id {id!r} is also used by {where}; this line is ignored",
                                                id=claim_id, where=where)]
                return [1, Message("id {id!r} is also used by {where}; this file is ignored", id=claim_id, where=where)]
            self._delete_row(clash_rowid)  # the copy that ranks higher wins; the other is set aside
            if clash_rank == RANK_PACKED:
                self.conn.execute("INSERT INTO shadowed (id, path) VALUES (?, ?)", (claim_id, clash_path))
            else:
                clash_dir, clash_name = os.path.split(os.path.relpath(clash_path, self.repo.root))
                self.conn.execute(
                    "UPDATE files SET problems = ? WHERE dir = ? AND name = ?",
                    (json.dumps([[1, message_data(Message("id {id!r} is also used by {where}; this file is ignored",
                                                          id=claim_id, where=path))]]),
                     clash_dir, clash_name),
                )
        cursor = self.conn.execute(
            "INSERT INTO claims (path, line, digest, rank, id, status, tags, imported, length, keys, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, entry.line, entry.digest, rank, claim_id, entry.status, entry.tags_json,
             int(rank != RANK_OWN), entry.claim_length, entry.analysed_fields_json, entry.record_blob),
        )
        self.conn.execute("INSERT INTO grams (rowid, tokens) VALUES (?, ?)", (cursor.lastrowid, entry.tokens))
        if rank == RANK_OWN:
            self.conn.execute("INSERT INTO own_grams (rowid, tokens) VALUES (?, ?)", (cursor.lastrowid, entry.tokens))
        if self._count_tokens:
            self.conn.executemany(
                "INSERT INTO doc_freq (term, docs) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET docs = docs + 1",
                ((t,) for t in set(entry.tokens.split())),
            )
        return None

    def info(self) -> dict:
        return {
            "claims_dir": str(self.repo.root),
            "index": str(self.path),
            "claims": self.count(),
            "files_with_problems": len({p.path for p in self.problems}),
            "format": INDEX_FORMAT,
            **self.sizes(),
        }


def _connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _create_schema(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.executescript(
        "BEGIN IMMEDIATE;" + SCHEMA + f"INSERT INTO meta (key, value) VALUES ('format', '{INDEX_FORMAT}'); COMMIT;"
    )
    return conn


def _unlink(path: Path, *suffixes: str) -> None:
    for suffix in suffixes:
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def _open_db(path: Path, rebuild: bool) -> sqlite3.Connection | None:
    """The index at `path` if it can be used as it is; None: it must be built. Called holding the creation lock."""
    if rebuild or not os.path.exists(path):
        return None
    conn = None
    try:
        conn = _connect(path)
        row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if row and row[0] == INDEX_FORMAT and sound(conn, path):
            return conn
    except sqlite3.DatabaseError as exc:  # corrupt, truncated, or not a database at all
        if _busy(exc):
            raise
    if conn is not None:
        conn.close()
    return None


def _built(repo: Repo, path: Path) -> Index:
    """A first build, or a rebuild, into a file beside the index that becomes it by a rename once complete: no
    write-ahead log that the whole index is written through and then copied from, no syncs but one, and a build
    that is interrupted leaves no index rather than half of one. Called holding the creation lock, so another
    process's first search waits for this build instead of making its own."""
    building = Path(f"{path}{BUILDING_SUFFIX}")
    _unlink(building, "", "-journal")
    conn = sqlite3.connect(building, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=MEMORY")  # a failed refresh still rolls back (OFF would not)
        conn.execute("PRAGMA synchronous=OFF")
        index = Index(repo, _create_schema(conn), building)
        index.refresh(full=True)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
        with open(building, "rb+") as handle:  # on disk before it takes the index's name
            os.fsync(handle.fileno())
        _unlink(path, "-wal", "-shm", STAMP_SUFFIX)  # an old log applied to the new file would corrupt it
        os.replace(building, path)
    except BaseException:
        conn.close()
        _unlink(building, "", "-journal")
        raise
    index.conn, index.path = _connect(path), path
    mark_sound(path)
    return index


def _refreshed(repo: Repo, path: Path, rebuild: bool, full: bool) -> Index:
    with creation_lock(path):
        conn = _open_db(path, rebuild)
        if conn is None:
            return _built(repo, path)
    index = Index(repo, conn, path)
    try:
        index.refresh(full=full)
    except sqlite3.DatabaseError as exc:
        if _busy(exc):  # never rebuild an index another process is still writing: it would lose its work
            raise
        conn.close()
        with creation_lock(path):
            return _built(repo, path)
    if index.conn.total_changes:  # what we just wrote is sound: into the file, and say so
        try:
            index.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            mark_sound(path)
        except sqlite3.OperationalError:
            pass
    return index


def open_index(repo: Repo, rebuild: bool = False, full: bool = False) -> Index:
    """The refreshed index. A cache that cannot be used (a folder where the file or its lock should be,
    read-only, deleted meanwhile) is tried again, then elsewhere, then in memory, with one warning."""
    wanted = index_path(repo.root, repo.cache_dir)
    index, trouble = None, None
    for path in index_places(wanted):
        for _attempt in range(2):  # a second try: another process may have deleted the file meanwhile
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                index = _refreshed(repo, path, rebuild, full)
                # The first read after the refresh: a file deleted meanwhile (its log with it) reads as an empty
                # database here ("no such table: meta"), and is tried again like a refresh that failed.
                index.aliases()
                break
            except (sqlite3.DatabaseError, OSError) as exc:
                index = None
                if _busy(exc):
                    raise FactcheckError(
                        "the search index {path} is busy: another factcheck has been updating it for over "
                        "{busy_timeout:g} s; try again when it has finished", path=path, busy_timeout=BUSY_TIMEOUT
                    ) from None
                trouble = trouble or exc
        if index is not None:
            break
    if index is None:  # searching without the cache
        index = Index(repo, _create_schema(_connect(":memory:")), Path(":memory:"))
        index.refresh(full=True)
        index.aliases()
    if trouble is not None and index.path != wanted:  # a second try that worked needs no word
        reason = " ".join(str(getattr(trouble, "strerror", None) or trouble).split())
        where = Message("using {path}", path=index.path) if index.path != Path(":memory:") else \
            Message("this command used an index in memory")
        index.problems.insert(0, FileProblem(wanted, None, Message(
            "cannot use the search index ({reason}); {where}", reason=reason, where=where)))
    index.begin_read()
    return index
