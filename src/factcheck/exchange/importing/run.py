"""`import_records`: store every new, valid item, and report duplicates and invalid items."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from factcheck.exchange.importing.dedupe import known_claims, new_id, publisher_slug, refresh_index, similar_to_added
from factcheck.exchange.importing.items import Item
from factcheck.i18n import Message
from factcheck.model import validate_claim
from factcheck.store.files import write_claim_files
from factcheck.store.packs import PACK_CLAIMS, pack_paths, publisher_folder, write_packed
from factcheck.store.repo import imported_folder

BATCH_SIZE = 500  # files written between two os.sync() calls
LAYOUTS = ("files", "packs")  # imported claims one YAML file each, or many to a pack (store/packs.py)
# An import of this many items or more is packed unless told otherwise: below it, files cost little and
# are easy to read; from 1,000 items, packs import faster (14 s against 18 s here) in about 1% of the disk
# blocks (0.03 MB against 4.1 MB), and keep git fast (benchmarks/bench_import_layout.py measures both).
PACKS_AT = 1000

# --------------------------------------------------------------------------- importing


@dataclass(frozen=True)
class Added:
    position: str
    id: str
    path: Path


@dataclass(frozen=True)
class Duplicate:
    position: str
    of: str  # the id of the claim it repeats
    reason: str  # "same review URL" or "same claim text"
    in_this_import: bool = False


@dataclass(frozen=True)
class Invalid:
    position: str
    reason: str


@dataclass(frozen=True)
class Similar:
    """An added claim that may be one already stored, said otherwise: reported, never merged."""

    position: str
    id: str  # the claim added
    like: str  # the stored claim it resembles
    similarity: float


@dataclass
class ImportReport:
    added: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    invalid: list = field(default_factory=list)
    similar: list = field(default_factory=list)
    similar_checked: bool = True  # False when the import was too large to compare (dedupe.SIMILAR_REPORT_LIMIT)

    def counts(self) -> dict:
        return {"added": len(self.added), "duplicates": len(self.duplicates), "invalid": len(self.invalid)}

    def as_json(self, root: Path | None = None) -> dict:
        def rel(path: Path) -> str:
            try:
                return str(path.relative_to(root)) if root else str(path)
            except ValueError:
                return str(path)

        return {
            **self.counts(),
            "added_claims": [{"position": a.position, "id": a.id, "path": rel(a.path)} for a in self.added],
            "duplicate_items": [
                {"position": d.position, "duplicate_of": d.of, "reason": d.reason, "in_this_import": d.in_this_import}
                for d in self.duplicates
            ],
            "invalid_items": [{"position": i.position, "reason": i.reason} for i in self.invalid],
            "similar_items": [
                {"position": m.position, "id": m.id, "similar_to": m.like, "similarity": m.similarity}
                for m in self.similar
            ],
            "similar_checked": self.similar_checked,
        }


def import_records(
    repo,
    records: Iterable[Item],
    on_progress: Callable[[int, int], None] | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    layout: str | None = None,
) -> ImportReport:
    """Store every new, valid item under claims/imported/<publisher>/; report duplicates and invalid items.

    `layout` "files" writes <publisher>/<0-f>/<id>.yaml, "packs" appends to <publisher>/<NNNN>.jsonl.gz;
    None packs an import of PACKS_AT items or more, and any publisher that already has packs.
    The search index is brought up to date before it returns (after the last `on_progress` call), so the
    next search finds the new claims at once."""
    items = list(records)
    known = known_claims(repo)
    report = ImportReport()
    added_here: set[str] = set()
    packing = _packs_for(repo, layout, len(items))
    packed: dict[str, list[tuple[str, dict]]] = {}
    for start in range(0, len(items), batch_size):
        pending: list[tuple[dict, Path]] = []
        positions: list[str] = []
        for position, item in items[start:start + batch_size]:
            if not isinstance(item, dict):
                report.invalid.append(Invalid(position, item if isinstance(item, str) else str(item)))
                continue
            duplicate = known.duplicate_of(item)
            if duplicate:
                report.duplicates.append(Duplicate(position, *duplicate, in_this_import=duplicate[0] in added_here))
                continue
            record = {"id": new_id(item, known), **{k: v for k, v in item.items() if k != "id"}}
            problems = validate_claim(record, expected_id=record["id"])
            if problems:
                report.invalid.append(Invalid(position, Message("{where}: {message}", where=problems[0].where(),
                                                                message=problems[0].message)))
                continue
            known.add(record["id"], record)
            added_here.add(record["id"])
            publisher = publisher_slug(record)
            if packing(publisher):
                waiting = packed.setdefault(publisher, [])
                waiting.append((position, record))
                if len(waiting) >= PACK_CLAIMS:
                    _write_packs(repo, publisher, packed.pop(publisher), report)
                continue
            folder = repo.root / imported_folder(publisher, record["id"])
            positions.append(position)
            pending.append((record, folder / f"{record['id']}.yaml"))
        for position, (record, path, error) in zip(positions, write_claim_files(repo, pending)):
            if error:
                report.invalid.append(Invalid(position, error))
            else:
                report.added.append(Added(position, record["id"], path))
        if start + batch_size >= len(items):
            for publisher in list(packed):
                _write_packs(repo, publisher, packed.pop(publisher), report)
        done = min(start + batch_size, len(items))
        if on_progress:
            on_progress(done, len(items))
    order = {position: n for n, (position, _item) in enumerate(items)}  # packs are written last: read order again
    report.added.sort(key=lambda added: order.get(added.position, 0))
    refresh_index(repo)
    similar = similar_to_added(repo, [(a.position, a.id) for a in report.added])
    report.similar_checked = similar is not None
    ids = {a.position: a.id for a in report.added}
    report.similar = [Similar(position, ids[position], like, score) for position, like, score in similar or []]
    return report


def _packs_for(repo, layout: str | None, items: int) -> Callable[[str], bool]:
    """Whether a publisher's new claims go to packs under `layout` (see import_records)."""
    if layout not in (None, *LAYOUTS):
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    if layout is not None:
        return lambda _publisher: layout == "packs"
    if items >= PACKS_AT:
        return lambda _publisher: True
    return lambda publisher: bool(pack_paths(repo.root / publisher_folder(publisher)))


def _write_packs(repo, publisher: str, waiting: list[tuple[str, dict]], report: ImportReport) -> None:
    paths = write_packed(repo.root, publisher, [record for _position, record in waiting])
    for (position, record), path in zip(waiting, paths):
        report.added.append(Added(position, record["id"], path))

