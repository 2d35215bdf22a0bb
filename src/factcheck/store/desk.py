"""The desk's workflow: editorial states and their moves, the review rule, corrections, and the work queue.

A claim goes draft → review → published. Who moved it, when and why is appended to its `history`, so the
file itself tells the story; git tells the rest (`store.gitlog`). A published claim is never re-rated in
silence: a change to its verdict, rationale or sources needs a correction, which readers are shown.

Every function that changes a claim returns a change for `Repo.update`, which validates the result and
writes it atomically, keeping the file's comments and key order; a refusal raises FactcheckError before
anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from factcheck.errors import FactcheckError
from factcheck.i18n import N_
from factcheck.model import (
    CLAIM_SCHEMA,
    CORRECTABLE,
    STATE_LABELS,
    state_of,
    today,
)
from factcheck.store.names import SETTINGS_FILE
from factcheck.store.yaml_style import append_like, bare_date

USER_ENV = "FACTCHECK_USER"
FIELD_WORDS = {"status": "verdict", "rationale": "rationale", "sources": "sources"}

# --------------------------------------------------------------------------- who


def person(name: Any, option: str = "--by") -> str:
    """A name as the desk records it: one line, spaces collapsed, never empty."""
    text = " ".join(str(name or "").split())
    if not text:
        raise FactcheckError("{option} needs a person's name", option=option)
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise FactcheckError("{option}: a name may not hold control characters", option=option)
    return text


def same_person(a: str | None, b: str | None) -> bool:
    """Two spellings of one name: case, width and spacing aside (Kim Ji-su = kim  ji-su, ＫＩＭ = KIM)."""
    def key(name: str | None) -> str:
        return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())

    return bool(a and b) and key(a) == key(b)


def current_user(root: Path, environ: Mapping[str, str]) -> str | None:
    """Who is at the keyboard: $FACTCHECK_USER (in `environ`, the run's variables), else git's user.name
    for the repository, else None."""
    if environ.get(USER_ENV, "").strip():
        return person(environ[USER_ENV], USER_ENV)
    from factcheck.store.gitlog import git_user

    name = git_user(Path(root))
    return person(name) if name else None


# --------------------------------------------------------------------------- the review rule


@dataclass(frozen=True)
class DeskRules:
    """`require_review` and `reviewers` from factcheck.yaml."""

    require_review: bool = False  # approval needs a name other than checked_by
    reviewers: tuple[str, ...] = ()  # when set, only these may approve or reject

    def may_review(self, name: str) -> bool:
        return not self.reviewers or any(same_person(name, r) for r in self.reviewers)


def load_rules(root: Path) -> DeskRules:
    from factcheck.store.settings import settings_data

    data = settings_data(root)
    where = Path(root) / SETTINGS_FILE
    required = data.get("require_review", False)
    if not isinstance(required, bool):
        raise FactcheckError(
            "{where}: require_review must be true or false; got {required!r}", where=where, required=required)
    reviewers = data.get("reviewers") or []
    if not isinstance(reviewers, list) or not all(isinstance(r, str) and r.strip() for r in reviewers):
        raise FactcheckError("{where}: reviewers must be a list of names", where=where)
    return DeskRules(required, tuple(person(r, "reviewers") for r in reviewers))


# --------------------------------------------------------------------------- moves


@dataclass(frozen=True)
class Move:
    starts: tuple[str, ...]  # the states it may start from
    target: str
    note: str  # the history note when none is given


MOVES = {
    "submit": Move(("draft",), "review", "검토 요청 · submitted for review"),
    "approve": Move(("review",), "published", "승인, 게시 · approved and published"),
    "reject": Move(("review",), "draft", "반려 · sent back to draft"),
}

# Why a move cannot start from a state, as the one line the user sees.
_WRONG_START = {  # message templates (N_: marked for the catalog; the error carries them untranslated)
    ("submit", "review"): N_("{id} is already in review; approve or reject it"),
    ("submit", "published"): N_("{id} is published; change it with --correction instead"),
    ("approve", "draft"): N_("{id} is a draft: submit it for review first (factcheck submit {id})"),
    ("approve", "published"): N_("{id} is already published"),
    ("reject", "draft"): N_("{id} is a draft, not in review: there is nothing to reject"),
    ("reject", "published"): N_("{id} is published: correct it with --correction instead of rejecting it"),
}


def _put(doc: Any, key: str, value: Any) -> None:
    """Set a field; a new one goes where the schema orders it, so files read the same way."""
    if key in doc:
        doc[key] = value
        return
    order = list(CLAIM_SCHEMA["properties"])
    later = set(order[order.index(key) + 1:]) if key in order else set()
    position = next((i for i, existing in enumerate(doc) if existing in later), len(doc))
    if hasattr(doc, "insert"):  # a round-trip document keeps its comments and layout
        doc.insert(position, key, value)
    else:
        items = list(doc.items())
        items.insert(position, (key, value))
        doc.clear()
        doc.update(items)


def _log(doc: Any, state: str, by: str | None, note: str) -> None:
    entry = {"date": today(), "status": str(doc.get("status")), "state": state}
    if by:
        entry["by"] = by
    entry["note"] = note
    _append(doc, "history", entry)


def _append(doc: Any, key: str, entry: dict) -> None:
    """Append to a list field in the file's own style (store/yaml_style.py): one line like its neighbours."""
    if doc.get(key) is None:
        _put(doc, key, [])
    append_like(doc[key], entry, one_line=True)


def assign(name: str, by: str | None = None) -> Callable:
    """A change that makes `name` the claim's assignee, in any state."""
    name = person(name, "NAME")

    def change(doc) -> None:
        _put(doc, "assignee", name)
        _log(doc, state_of(doc), by, f"배정 · assigned to {name}")

    return change


def move(name: str, by: str, rules: DeskRules = DeskRules(), note: str | None = None) -> Callable:
    """A change for one of MOVES: refused unless the claim is in a state it may start from."""
    step = MOVES[name]
    by = person(by)
    note = " ".join((note or "").split()) or None
    if name == "reject" and not note:
        raise FactcheckError("reject needs --note saying what must change (kept in history)")

    def change(doc) -> None:
        claim_id, state = doc.get("id"), state_of(doc)
        if state not in step.starts:
            raise FactcheckError(_WRONG_START[(name, state)], id=claim_id)
        if name in ("approve", "reject"):
            _check_reviewer(doc, by, rules, name)
        if name == "approve" and not doc.get("rationale"):
            raise FactcheckError(
                "{claim_id} has no rationale: a published verdict says why (factcheck rationale {claim_id} TEXT)",
                claim_id=claim_id)
        if name == "submit":
            _put(doc, "checked_by", by)
        if name == "approve":
            _put(doc, "approved_by", {"name": by, "date": bare_date(today())})
            # ClaimReview's datePublished: the day it was published
            _put(doc, "reviewed", bare_date(today(), doc.get("reviewed")))
        _put(doc, "state", step.target)
        _log(doc, step.target, by, note or step.note)

    return change


def _check_reviewer(doc, by: str, rules: DeskRules, name: str) -> None:
    claim_id = doc.get("id")
    if not rules.may_review(by):
        raise FactcheckError(
            "{by} is not a reviewer ({settings_file} reviewers: {reviewers})",
            by=by, settings_file=SETTINGS_FILE, reviewers=', '.join(rules.reviewers))
    if name != "approve" or not rules.require_review:
        return
    checker = doc.get("checked_by")
    if not checker:
        raise FactcheckError(
            "{claim_id} has no checked_by: under require_review, submit it with --by NAME first", claim_id=claim_id)
    if same_person(checker, by):
        raise FactcheckError(
            "{claim_id} was checked by {checker}: under require_review another person must approve it",
            claim_id=claim_id, checker=checker
        )


def is_published(record: dict) -> bool:
    return state_of(record) == "published"


def publishable(records: Iterable[dict], include_all: bool = False) -> list[dict]:
    """What may be published: claims in the published state, or every claim with include_all."""
    return list(records) if include_all else [r for r in records if is_published(r)]


def published_on(record: dict) -> str:
    """The day a claim was published: its approval, else its review date (claims from before the desk)."""
    approved = record.get("approved_by")
    return str((approved.get("date") if isinstance(approved, dict) else None) or record.get("reviewed") or "")


def state_words(state: str) -> str:
    ko, en = STATE_LABELS[state]
    return f"{ko} · {en}"


def draft(record: dict) -> dict:
    """A new claim as a draft: `add` never publishes."""
    record = dict(record)
    _put(record, "state", "draft")
    record["history"] = [_with_state(entry, "draft") for entry in record.get("history") or []]
    return record


def _with_state(entry: dict, state: str, by: str | None = None) -> dict:
    """A history entry in the desk's order (date, status, state, by, then the rest), its state and its
    author filled in where it does not say them."""
    given = {**entry, "state": entry.get("state") or state}
    if by and not given.get("by"):
        given["by"] = by
    first = {k: given[k] for k in ("date", "status", "state", "by") if k in given}
    return {**first, **{k: v for k, v in given.items() if k not in first}}


# --------------------------------------------------------------------------- corrections


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def corrected(change: Callable, correction: str | None, by: str | None = None) -> Callable:
    """Wrap a change: on a published claim, a change to its verdict, rationale or sources needs a
    correction, which is recorded in `corrections`; on any other claim a correction is refused, since
    nothing was published to correct. New history entries are signed with `by` when it is known.
    """
    note = " ".join((correction or "").split()) or None

    def apply(doc) -> None:
        claim_id, state = doc.get("id"), state_of(doc)
        before = {key: _plain(doc.get(key)) for key in CORRECTABLE}
        reviewed = doc.get("reviewed")
        logged = len(doc.get("history") or [])
        change(doc)
        changed = [key for key in CORRECTABLE if _plain(doc.get(key)) != before[key]]
        words = " and ".join(FIELD_WORDS[key] for key in changed)
        if state != "published":
            if note:
                raise FactcheckError(
                    "{claim_id} is not published ({state}): a correction is for published claims; use --note",
                    claim_id=claim_id, state=state
                )
        elif changed and not note:
            raise FactcheckError(
                '{claim_id} is published: changing its {words} needs --correction "why" (readers are shown it)',
                claim_id=claim_id, words=words
            )
        elif note:
            if not changed:
                raise FactcheckError(
                    "{claim_id}: nothing would change, so there is nothing to correct", claim_id=claim_id)
            _append(doc, "corrections", {"date": today(), "note": note, "previous_status": before["status"],
                                         "changed": changed})
            if reviewed is not None:
                doc["reviewed"] = reviewed  # datePublished stays the first publication's; dateModified moves
        history = doc.get("history") or []
        new = [_with_state(dict(entry), state, by) for entry in history[logged:]]
        del history[logged:]
        for entry in new:  # what this change logged, signed and in its state, in the file's style
            append_like(history, entry, one_line=True)

    return apply


def previous_verdict(correction: dict) -> str | None:
    """The verdict a correction replaced; None when it left the verdict alone (a rationale or source fix)."""
    changed = correction.get("changed")
    if changed is not None and "status" not in changed:
        return None
    return correction.get("previous_status")


def rationale_change(text: str, lang: str | None = None) -> Callable:
    """A change that sets the rationale: the whole of it, or one language of a bilingual one."""
    text = (text or "").strip()
    if not text:
        raise FactcheckError("a rationale needs its text")

    def change(doc) -> None:
        current = doc.get("rationale")
        if lang is None:
            _put(doc, "rationale", text)
            return
        parts = dict(current) if isinstance(current, dict) else ({"ko": current} if current else {})
        parts[lang] = text  # a plain-string rationale is Korean, as `export` reads it
        _put(doc, "rationale", {k: parts[k] for k in ("ko", "en") if parts.get(k)})

    return change


# --------------------------------------------------------------------------- the queue


def _quote_not_found(record: dict) -> bool:
    return any(s.get("check_status") == "quote-missing" for s in record.get("sources") or [])


# What a claim still lacks before it can be published, in the order the desk works through it.
MISSING: tuple[tuple[str, Callable[[dict], bool]], ...] = (
    ("verdict", lambda r: r.get("status") == "unverified"),
    ("source", lambda r: not r.get("sources")),
    ("quote", _quote_not_found),  # a source whose quote `sources check` did not find at its address
    ("translation", lambda r: not r.get("claim_en")),
    ("rationale", lambda r: not r.get("rationale")),
)


def missing(record: dict) -> list[str]:
    return [name for name, lacks in MISSING if lacks(record)]


def as_date(value: Any) -> dt.date | None:
    """A claim date (YYYY-MM-DD, YYYY-MM or YYYY) as the first day it can mean."""
    text = str(value or "")
    try:
        parts = [int(p) for p in text.split("-")[:3]]
        return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])
    except (ValueError, IndexError, TypeError):
        return None


@dataclass(frozen=True)
class QueueItem:
    id: str
    state: str
    assignee: str
    checked_by: str
    created: str  # the date of its first history entry, else when it was last reviewed
    age_days: int | None
    missing: list[str]
    claim: str
    claim_en: str = ""

    def as_json(self) -> dict:
        return dict(self.__dict__)


def queue(records: Iterable[dict], mine: str | None = None, on: dt.date | None = None) -> list[QueueItem]:
    """Drafts and claims in review, oldest first; with `mine`, only those assigned to that person."""
    on = on or dt.date.today()
    items = []
    for record in records:
        state = state_of(record)
        if state == "published" or (mine is not None and not same_person(record.get("assignee"), mine)):
            continue
        history = record.get("history") or []
        created = str(history[0].get("date") or "") if history else str(record.get("reviewed") or "")
        started = as_date(created)
        items.append(QueueItem(
            id=record["id"], state=state, assignee=record.get("assignee") or "",
            checked_by=record.get("checked_by") or "", created=created,
            age_days=(on - started).days if started else None, missing=missing(record),
            claim=record.get("claim") or "", claim_en=record.get("claim_en") or "",
        ))
    return sorted(items, key=lambda i: (i.age_days is None, -(i.age_days or 0), i.id))


# --------------------------------------------------------------------------- a claim's story


@dataclass(frozen=True)
class Event:
    kind: str  # history | commit
    date: str
    by: str = ""
    note: str = ""  # the history note, or the commit's subject
    status: str = ""
    state: str = ""
    commit: str = ""
    when: str = ""  # a commit's time
    changed: list[str] = field(default_factory=list)
    committed: bool = True  # a history entry that no commit holds yet is False

    def as_json(self) -> dict:
        return {key: getattr(self, key) if getattr(self, key) != "" else None for key in EVENT_KEYS[self.kind]}


EVENT_KEYS = {
    "history": ("kind", "date", "by", "note", "status", "state", "committed"),
    "commit": ("kind", "date", "by", "note", "commit", "when", "changed"),
}


def _history_event(entry: dict, committed: bool = True) -> Event:
    return Event("history", str(entry.get("date") or ""), by=entry.get("by") or "", note=entry.get("note") or "",
                 status=entry.get("status") or "", state=entry.get("state") or "", committed=committed)


def story(record: dict, commits: list | None) -> list[Event]:
    """The claim's history interleaved with its file's commits, oldest first.

    Each history entry is placed just before the commit that first held it (the commit's own copy of
    the file says how long the history was), so the order is exact even within one day; entries no
    commit holds yet come last. `commits` None (outside git): the story is the history alone.
    """
    history = record.get("history") or []
    if commits is None:
        return [_history_event(entry) for entry in history]
    events: list[Event] = []
    told = 0
    for commit in reversed(commits):  # git lists newest first
        held = min(commit.history_count or 0, len(history))
        events += [_history_event(entry) for entry in history[told:held]]
        told = max(told, held)
        events.append(Event("commit", commit.date, by=commit.author, note=commit.subject,
                            commit=commit.hash, when=commit.when, changed=list(commit.changed)))
    events += [_history_event(entry, committed=False) for entry in history[told:]]
    return events
