"""`import --repack`: imported claim files (imported/<publisher>/<0-f>/<id>.yaml) moved into their publisher's packs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.store.names import IMPORTED_DIR, FileProblem
from factcheck.store.packs import write_packed
from factcheck.store.yaml import load_claim_file


@dataclass
class Repacked:
    packed: int = 0  # claims moved from their files into packs
    publishers: list = field(default_factory=list)
    left: list = field(default_factory=list)  # FileProblems of files left where they are

    def as_json(self) -> dict:
        return {"packed": self.packed, "publishers": self.publishers, "left": [str(p) for p in self.left]}


def repack(repo) -> Repacked:
    """Move every valid imported claim file into its publisher's packs, then delete the file.

    A file whose id a pack already holds (a claim adopted, then perhaps edited) replaces that line, so
    what the file said is what the pack says afterwards. Packs are written (atomically) before any file is
    deleted, so an interrupted repack leaves every claim readable, at worst in both places, where the file
    wins until the repack is run again. A file with problems stays, and is listed.
    """
    report = Repacked()
    imported = repo.root / IMPORTED_DIR
    if not imported.is_dir() or imported.is_symlink():
        return report
    for publisher in sorted(entry.name for entry in os.scandir(imported)
                            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith(".")):
        files, records = [], []
        for path in sorted(p for p in repo.claim_files() if (imported / publisher) in p.parents):
            record, problems = load_claim_file(path) if not path.is_symlink() else (None, [
                FileProblem(path, None, "a symbolic link; left where it is")])
            if record is None:
                report.left += problems
                continue
            files.append(path)
            records.append(record)
        if not records:
            continue
        write_packed(repo.root, publisher, records, replace=True)
        for path in files:
            path.unlink()
            _remove_if_empty(path.parent, imported / publisher)
        report.packed += len(records)
        report.publishers.append(publisher)
    from factcheck.exchange.importing.dedupe import refresh_index

    refresh_index(repo)
    return report


def _remove_if_empty(folder: Path, stop: Path) -> None:
    """The 0-f folders a repack empties go too (never the publisher folder itself)."""
    if folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty yet, or not ours to remove
            pass
