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
from factcheck.store.repo import imported_folder

BATCH_SIZE = 500  # files written between two os.sync() calls

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
) -> ImportReport:
    """Store every new, valid item under claims/imported/<publisher>/<0-f>/; report duplicates and invalid items.

    The search index is brought up to date before it returns (after the last `on_progress` call), so the
    next search finds the new claims at once."""
    items = list(records)
    known = known_claims(repo)
    report = ImportReport()
    added_here: set[str] = set()
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
            folder = repo.root / imported_folder(publisher_slug(record), record["id"])
            positions.append(position)
            pending.append((record, folder / f"{record['id']}.yaml"))
        for position, (record, path, error) in zip(positions, write_claim_files(repo, pending)):
            if error:
                report.invalid.append(Invalid(position, error))
            else:
                report.added.append(Added(position, record["id"], path))
        done = min(start + batch_size, len(items))
        if on_progress:
            on_progress(done, len(items))
    refresh_index(repo)
    similar = similar_to_added(repo, [(a.position, a.id) for a in report.added])
    report.similar_checked = similar is not None
    ids = {a.position: a.id for a in report.added}
    report.similar = [Similar(position, ids[position], like, score) for position, like, score in similar or []]
    return report
