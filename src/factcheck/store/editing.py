"""Making and changing claims: new records, ids, duplicate checks, verdict changes, validation runs."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Callable

from factcheck.errors import FactcheckError
from factcheck.i18n import Message
from factcheck.model import ID_RE, today
from factcheck.store.names import NOT_CLAIMS, FileProblem
from factcheck.store.repo import Repo
from factcheck.store.yaml import load_claim_file
from factcheck.store.yaml_style import append_like, bare_date

_SLUG_WORDS = 7


def pair_sources(urls, publishers, quotes) -> list[dict]:
    """--source/--publisher/--quote are repeatable and paired in order; every source needs all three."""
    urls, publishers, quotes = list(urls or ()), list(publishers or ()), list(quotes or ())
    if not (len(urls) == len(publishers) == len(quotes)):
        raise FactcheckError(
            "each --source needs its own --publisher and --quote "
            "(got {sources} source(s), {publishers} publisher(s), {quotes} quote(s))",
            sources=len(urls), publishers=len(publishers), quotes=len(quotes)
        )
    return [{"url": u, "publisher": p, "quote": q} for u, p, q in zip(urls, publishers, quotes)]


def new_claim(
    claim_text=None, claim_en=None, claimant=None, claimant_role=None, claim_date=None,
    status=None, rationale=None, tags=(), entities=(), source_urls=(), quotes=(), publishers=(),
    claim_id=None, appearance=None,
) -> dict:
    if not claim_text or not claim_text.strip():
        raise FactcheckError("a claim needs its text: --claim TEXT")
    record: dict = {"id": claim_id or make_id(claim_text, claim_en, claim_date), "claim": claim_text.strip()}
    if claim_en:
        record["claim_en"] = claim_en.strip()
    if claimant:
        record["claimant"] = {"name": claimant.strip(), **({"role": claimant_role} if claimant_role else {})}
    if claim_date:
        record["claim_date"] = claim_date
    if appearance:
        record["appearance"] = {key: value for key, value in appearance.items() if value}
    record["status"] = status or "unverified"
    if rationale:
        record["rationale"] = rationale
    if tags:
        record["tags"] = list(tags)
    if entities:
        record["entities"] = list(entities)
    record["sources"] = pair_sources(source_urls, publishers, quotes)
    record["history"] = [{"date": today(), "status": record["status"], "note": "added"}]
    record["reviewed"] = today()
    return record


def make_id(claim_text: str, claim_en: str | None = None, claim_date: str | None = None) -> str:
    """A readable slug from the English translation, else a dated hash of the claim text."""
    words = re.findall(r"[a-z0-9]+", (claim_en or "").lower())
    digest = hashlib.sha1(claim_text.encode("utf-8")).hexdigest()[:6]
    if words:
        slug = "-".join(words[:_SLUG_WORDS])[:70].strip("-")
        candidate = f"{slug}-{digest}"
    else:
        year = (claim_date or today())[:4]
        candidate = f"claim-{year}-{digest}"
    if not ID_RE.match(candidate):
        candidate = f"claim-{digest}"
    return candidate


def verdict_change(status: str, note: str | None, url=None, quote=None, publisher=None, *,
                   rationale: str | None = None) -> Callable:
    """A change for `Repo.update`: a verdict, a history entry (when the verdict changes, or a note or a source
    comes with it), optionally a new source and a new rationale. A new verdict needs a note saying why."""
    note = (note or "").strip()
    new_sources = pair_sources([url] if url else [], [publisher] if publisher else [], [quote] if quote else [])
    if not url and (quote or publisher):
        raise FactcheckError("--quote and --publisher go with --source URL")

    def change(doc) -> None:  # written in the file's own style: see store/yaml_style.py
        from factcheck.store.desk import rationale_change

        new_verdict = doc.get("status") != status
        if new_verdict and not note:
            raise FactcheckError("a verdict change needs --note saying why")
        doc["status"] = status
        if new_verdict or note or new_sources:
            if "history" not in doc or doc["history"] is None:
                doc["history"] = []
            append_like(doc["history"], {"date": today(), "status": status, "note": note or "source added"},
                        one_line=True)
        if new_sources:
            if "sources" not in doc or doc["sources"] is None:
                doc["sources"] = []
            for source in new_sources:
                append_like(doc["sources"], source)
        if rationale is not None:
            rationale_change(rationale, "ko" if isinstance(doc.get("rationale"), dict) else None)(doc)
        doc["reviewed"] = bare_date(today(), doc.get("reviewed"))

    return change


def rationale_text(record: dict) -> str:
    """The rationale as one text to edit or compare: a bilingual one's Korean (`export` reads it so)."""
    rationale = record.get("rationale") or ""
    return str(rationale.get("ko") or "" if isinstance(rationale, dict) else rationale).strip()


def verdict_unchanged(record: dict, status: str, note: str | None, url: str | None, rationale: str | None) -> bool:
    """Whether `verdict` would change nothing of `record`: the verdict it has, no source, no rationale other
    than its own, and no note but none or the one its history ends with (the same command run twice)."""
    history = record.get("history") or [{}]
    last_note = str(history[-1].get("note") or "").strip() if isinstance(history[-1], dict) else ""
    return (record.get("status") == status and not url
            and (not note or note.strip() == last_note)
            and (rationale is None or rationale.strip() == rationale_text(record)))


NOT_A_CLAIM_HINT = f"claims are <id>.yaml files; packs are imported/<publisher>/<NNNN>.jsonl.gz; {', '.join(sorted(NOT_CLAIMS))} at the top are not"


def validate_files(repo: Repo, paths: list[Path]) -> tuple[list[FileProblem], int]:
    """Check every file (folders: every claim file and pack below them) against the model, and ids for
    clashes. A pack is checked line by line: a broken line is reported with its number, the rest still count.
    A packed claim that a YAML file also holds is not a clash: the file is that claim adopted (`adopt`)."""
    from factcheck.store.packs import is_pack_name, load_pack

    files = []
    problems: list[FileProblem] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            files += [p for p in [*repo.claim_files(), *repo.pack_files()] if path in p.parents]
        elif path.is_symlink() or repo.is_claim_file(path) or is_pack_name(path.name):
            files.append(path)
        else:  # named on purpose, so not passed over in silence
            problems.append(FileProblem(path, None, Message(
                "not a claim file ({hint})", hint=NOT_A_CLAIM_HINT)))
    seen: dict[str, Path] = {}
    packed: dict[str, str] = {}
    for path in files:
        if not path.exists() and not path.is_symlink():
            problems.append(FileProblem(path, None, "no such file"))
            continue
        if is_pack_name(path.name) and not path.is_symlink():
            claims, found = load_pack(path)
            problems += found
            for line, record in claims:
                where = f"{path}:{line}"
                first = packed.setdefault(record["id"], where)
                if first != where:
                    problems.append(FileProblem(path, line, Message("id {id!r} is also used by {first}", id=record["id"], first=first)))
            continue
        record, found = load_claim_file(path)
        problems += found
        if record:
            first = seen.setdefault(record["id"], path)
            if first != path:
                problems.append(FileProblem(path, 1, Message(
                    "id {id!r} is also used by {first}", id=record['id'], first=first)))
    return problems, len(files)


def validation_summary(problems: list[FileProblem], checked: int) -> Message:
    """One line for the end of a run: how many problems, in how many files, and how many were checked."""
    if not problems:
        return Message("{files} claim file(s) valid", files=checked)
    files = len({problem.path for problem in problems})
    return Message("{problems} problem(s) in {files} file(s); {checked} claim file(s) checked",
                   problems=len(problems), files=files, checked=checked)
