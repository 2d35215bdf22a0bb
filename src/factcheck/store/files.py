"""Atomic, durable writes (the pip pattern: a complete temporary file beside the target, then a rename or link)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from factcheck.errors import DataError, FactcheckError
from factcheck.store.yaml import claim_yaml

# --------------------------------------------------------------------------- atomic writes


def atomic_write(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half of either.

    The bytes go to an adjacent temporary file that is fsync'ed, then renamed into place (pip's
    adjacent_tmp_file). With overwrite=False the final step is a hard link, which fails if `path`
    already exists, so a claim is never overwritten, even by a concurrent writer.
    """
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        link_into_place(Path(tmp), path, overwrite=overwrite)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    fsync_dir(path.parent)


def link_into_place(tmp: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise DataError(f"{path}: already exists; refusing to overwrite it") from None
    except OSError:  # a filesystem without hard links: check, then rename (a small race remains)
        if path.exists():
            raise DataError(f"{path}: already exists; refusing to overwrite it") from None
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
            raise DataError(f"{current}: a symbolic link; factcheck never writes through a link")
        try:
            current.mkdir()
        except FileExistsError:
            if not current.is_dir():
                raise DataError(f"{current}: exists and is not a folder") from None


def write_claim_files(repo, entries: list[tuple[dict, Path]]) -> list[tuple[dict, Path, str | None]]:
    """Write new claim files atomically, durable with one os.sync() for the whole batch.

    Each file is written complete to a temporary name beside its target, then (after the sync) hard-linked
    into place, which fails instead of overwriting if the name was taken meanwhile. Returns
    (record, path, error or None) for each entry.
    """
    from factcheck.store.files import fsync_dir, link_into_place
    from factcheck.store.names import SCHEMA_FILE

    temps: list[tuple[dict, Path, Path]] = []
    schema_refs: dict[Path, str] = {}
    results: list[tuple[dict, Path, str | None]] = []
    try:
        for record, path in entries:
            folder = path.parent
            if folder not in schema_refs:
                make_folder(repo.root, folder)
                schema_refs[folder] = os.path.relpath(repo.root / SCHEMA_FILE, folder)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(claim_yaml(record, schema_refs[folder]).encode("utf-8"))
            temps.append((record, Path(tmp), path))
        if temps:
            os.sync()  # one flush for the batch instead of an fsync per file
        for record, tmp, path in temps:
            try:
                link_into_place(tmp, path, overwrite=False)
                results.append((record, path, None))
            except FactcheckError as exc:
                results.append((record, path, str(exc)))
        for folder in schema_refs:
            fsync_dir(folder)
    finally:
        for _record, tmp, _path in temps:
            if tmp.exists():
                tmp.unlink()
    return results
