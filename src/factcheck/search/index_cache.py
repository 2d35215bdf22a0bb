"""Where the search index may live, whether its file can be trusted without reading every page, its blobs read.

Corrupt pages inside the file only show when a query reads them, long after opening, and checking
every page at each search would cost more than the search. So the file is checked (quick_check) only
when it changed since it was last found sound or written by us: a stamp of it is kept beside it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

STAMP_SUFFIX = ".checked"
BUILDING_SUFFIX = ".building"  # a first build's file, until it is complete and renamed
CACHE_ENV = "FACTCHECK_CACHE_DIR"


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where indexes live, given the variables of an environment (the CLI passes its own); none: ~/.cache/factcheck."""
    environ = environ or {}
    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV]).expanduser()
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


def index_path(root: Path, cache: Path | None = None) -> Path:
    key = str(root).encode("utf-8")
    digest = f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}"  # zlib: hashlib costs 5 ms of start-up
    return (cache or cache_dir()) / f"index-{digest}.sqlite"


def unpacked_json(stored: bytes | str):
    """A record or analysed fields as the index stores them: JSON text, or JSON deflated by
    index_parse.packed_json (here: a search reads them, and need not import the parser that writes them)."""
    return json.loads(stored if isinstance(stored, str) else zlib.decompress(stored, -15))


def busy(exc: Exception) -> bool:
    """SQLite gave up waiting for another process: the index is in use, not broken."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def index_places(path: Path) -> Iterator[Path]:
    """Where the index may live: the cache folder, else a private temporary folder (worked out only when
    the cache folder failed: tempfile costs a search ~6 ms of imports)."""
    yield path
    import tempfile

    yield Path(tempfile.gettempdir(), f"factcheck-{os.getuid() if hasattr(os, 'getuid') else 0}", path.name)


def _stamp(path: Path) -> str:
    st = os.stat(path)
    return f"{st.st_ino}:{st.st_size}:{st.st_ctime_ns}:{st.st_mtime_ns}"


def mark_sound(path: Path) -> None:
    try:
        Path(f"{path}{STAMP_SUFFIX}").write_text(_stamp(path), encoding="utf-8")
    except OSError:  # a read-only cache: the check runs again next time, nothing worse
        pass


def sound(conn: sqlite3.Connection, path: Path) -> bool:
    """True when the file is as it was last found sound, or passes quick_check now."""
    try:
        if Path(f"{path}{STAMP_SUFFIX}").read_text(encoding="utf-8") == _stamp(path):
            return True
    except OSError:
        pass
    if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
        return False
    mark_sound(path)
    return True


@contextmanager
def creation_lock(path: Path):
    """Serialise opening/creating the index file, so that two first searches don't both build it."""
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locking still guards the data
        yield
        return
    with open(f"{path}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
