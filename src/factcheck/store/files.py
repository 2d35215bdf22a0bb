"""Atomic, durable writes (the pip pattern: a complete temporary file beside the target, then a rename or link)."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path

from factcheck.errors import DataError, FactcheckError, os_reason
from factcheck.i18n import Message
from factcheck.store.yaml import claim_yaml

# --------------------------------------------------------------------------- atomic writes


class WriteError(DataError, OSError):
    """A file that could not be written (read-only folder, full disk): one line for the user, and still
    an OSError for code that handles those."""

    def __init__(self, path: Path, exc: OSError):
        OSError.__init__(self, exc.errno, exc.strerror)
        self.message = Message("cannot write {path}: {reason}", path=path, reason=os_reason(exc))

    def __str__(self) -> str:
        return str(self.message)


TEMP_SUFFIX = ".tmp"
STALE_AFTER = 3600  # seconds: no write of ours takes an hour, so such a temporary file is an orphan


def _temp_prefix(path: Path) -> str:
    # The writer's pid is in the name, so a later run can tell an orphan (its writer was killed) from a
    # write in progress: `.x.yaml.<pid>.<random>.tmp`.
    return f".{path.name}.{os.getpid()}."


def new_file_mode() -> int:
    """The mode a new file gets from open(): 0666 less the umask (0644 under 022)."""
    mask = os.umask(0o22)
    os.umask(mask)
    return 0o666 & ~mask


def _mode_for(path: Path, default: int) -> int:
    """A replaced file keeps its mode; a new one follows the umask (mkstemp's 0600 would stay otherwise)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return default


def atomic_write(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half of either.

    The bytes go to an adjacent temporary file that is fsync'ed, then renamed into place (pip's
    adjacent_tmp_file). With overwrite=False the final step is a hard link, which fails if `path`
    already exists, so a claim is never overwritten, even by a concurrent writer. The file keeps its
    mode, or a new one follows the umask. A failure to write raises WriteError, a one-line DataError.
    """
    try:
        import tempfile  # here, not at the top: it pulls in shutil, bz2, lzma and random (~6 ms a search)

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise WriteError(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), _mode_for(path, new_file_mode()))
            os.fsync(handle.fileno())
        link_into_place(Path(tmp), path, overwrite=overwrite)
    except FactcheckError:
        raise
    except OSError as exc:
        raise WriteError(path, exc) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    fsync_dir(path.parent)


# `.x.yaml.<pid>.<mkstemp's 8 characters>.tmp` (or `.0000.jsonl.gz.…`, a pack's); without the pid, as versions
# before it named them.
_OUR_TEMP = re.compile(r"\..+\.(?:yaml|jsonl\.gz)\.(?:(\d+)\.)?[A-Za-z0-9_]{8}\.tmp")


def remove_stale_temps(paths) -> None:
    """Delete temporary claim files of our naming whose writer is gone (killed mid-write) or that are
    old; any other file is left alone."""
    import time

    now = time.time()
    for path in paths:
        ours = _OUR_TEMP.fullmatch(os.path.basename(path))
        if not ours:
            continue
        pid = int(ours.group(1)) if ours.group(1) else None
        try:
            old = now - os.lstat(path).st_mtime > STALE_AFTER
        except OSError:
            continue
        if old or (pid is not None and pid != os.getpid() and not _alive(pid)):
            try:
                os.unlink(path)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no permission to ask: treat as alive
        return True
    return True


@contextmanager
def edit_lock(path: Path):
    """Serialise read-modify-write of one file (or, for a folder, of what is added to it) across processes.

    The lock is an flock on the file itself, so no lock file is ever left behind. An atomic write
    replaces the file with a new inode, so a waiter that wakes holding the old one opens it again.
    Where fcntl is missing (Windows) edits are not serialised.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    while True:
        try:
            fd = os.open(path, flags)
        except OSError as exc:
            raise DataError("{path}: cannot open it to edit: {strerror}", path=path, strerror=exc.strerror) from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.path.isdir(path) or os.fstat(fd).st_ino == os.stat(path).st_ino:
                break
        except OSError:
            pass
        os.close(fd)  # replaced while we waited: lock the file that is there now
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def link_into_place(tmp: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise DataError("{path}: already exists; refusing to overwrite it", path=path) from None
    except OSError:  # a filesystem without hard links: check, then rename (a small race remains)
        if path.exists():
            raise DataError("{path}: already exists; refusing to overwrite it", path=path) from None
        os.replace(tmp, path)


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_folder(root: Path, folder: Path) -> None:
    """Create `folder` below `root`, refusing to pass through a link: a linked claims/imported once made
    `import` write outside the repository."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            raise DataError("{current}: a symbolic link; factcheck never writes through a link", current=current)
        try:
            current.mkdir()
        except FileExistsError:
            if not current.is_dir():
                raise DataError("{current}: exists and is not a folder", current=current) from None
        except OSError as exc:
            raise WriteError(current, exc) from None


def write_claim_files(repo, entries: list[tuple[dict, Path]]) -> list[tuple[dict, Path, str | None]]:
    """Write new claim files atomically, durable with one os.sync() for the whole batch.

    Each file is written complete to a temporary name beside its target, then (after the sync) hard-linked
    into place, which fails instead of overwriting if the name was taken meanwhile. Returns
    (record, path, error or None) for each entry.
    """
    from factcheck.store.names import SCHEMA_FILE

    repo.writable()
    temps: list[tuple[dict, Path, Path]] = []
    schema_refs: dict[Path, str] = {}
    results: list[tuple[dict, Path, str | None]] = []
    mode = new_file_mode()
    try:
        for record, path in entries:
            folder = path.parent
            if folder not in schema_refs:
                make_folder(repo.root, folder)
                schema_refs[folder] = os.path.relpath(repo.root / SCHEMA_FILE, folder)
            try:
                import tempfile

                fd, tmp = tempfile.mkstemp(dir=folder, prefix=_temp_prefix(path), suffix=TEMP_SUFFIX)
                temps.append((record, Path(tmp), path))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(claim_yaml(record, schema_refs[folder]).encode("utf-8"))
                    os.fchmod(handle.fileno(), mode)
            except OSError as exc:
                raise WriteError(path, exc) from None
        if temps:
            os.sync()  # one flush for the batch instead of an fsync per file
        for record, tmp, path in temps:
            try:
                link_into_place(tmp, path, overwrite=False)
                results.append((record, path, None))
                repo.written.append(path)
            except FactcheckError as exc:
                results.append((record, path, str(exc)))
            except OSError as exc:
                raise WriteError(path, exc) from None
        for folder in schema_refs:
            fsync_dir(folder)
    finally:
        for _record, tmp, _path in temps:
            if tmp.exists():
                tmp.unlink()
    return results
