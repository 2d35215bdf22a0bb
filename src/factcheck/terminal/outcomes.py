"""What a command did, as data: the output layer prints an outcome and exits with its status.

Every outcome has `problems` (warned about on stderr before anything else), `as_json()` (what --json prints
on stdout; None for nothing), `notes()` (status lines for stderr, after the output) and `exit_status`. How
each kind is shown without --json is the renderer table in `output.py`. Nothing here imports rich, and the
classes are plain ones: every command loads this module, and a dataclass costs a millisecond to define.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from factcheck.i18n import N_, _, translated
from factcheck.terminal.status import ExitStatus
from factcheck.textclean import clean

IMPORT_SHOWN = 20  # duplicates and invalid items listed on stderr; --json lists them all


class Outcome:
    def __init__(self, *, problems: list | None = None):
        self.problems = list(problems or [])

    def as_json(self) -> Any:
        return None

    def notes(self) -> list[str]:
        return []

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.OK


class Notice(Outcome):
    """A command whose whole text output is one status line (and, with --json, `data`)."""

    def __init__(self, note: str, data: Any = None, status: ExitStatus = ExitStatus.OK, **kw):
        super().__init__(**kw)
        self.note, self.data, self.status = note, data, status

    def as_json(self) -> Any:
        return self.data

    def notes(self) -> list[str]:
        return [self.note] if self.note else []

    @property
    def exit_status(self) -> ExitStatus:
        return self.status


class Document(Outcome):
    """Text for stdout exactly as it is: a report or an export."""

    def __init__(self, text: str, **kw):
        super().__init__(**kw)
        self.text = text


class Searched(Outcome):
    def __init__(self, query: str, results: list, explain: bool = False, related: list | None = None,
                 without_meaning: bool = False, **kw):
        super().__init__(**kw)
        self.query, self.results, self.explain = query, results, explain  # results: search.ranking.SearchResult
        self.related = list(related or [])  # claims that may be the same said otherwise, shown apart
        self.said_no_match = False  # the renderer said "no matching claim" before the related results
        self.without_meaning = without_meaning  # the meaning tier was wanted, but Kiwi is not installed

    def as_json(self) -> dict:
        return {"query": self.query, "results": [r.as_json(explain=self.explain) for r in self.results],
                "related": [r.as_json(explain=self.explain) for r in self.related]}

    def notes(self) -> list[str]:
        notes = [] if self.results or self.said_no_match else [_("no matching claim")]
        if self.without_meaning:
            notes.append(_("matching by meaning is off (kiwipiepy is not installed): searched by words alone"))
        return notes

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.OK if self.results else ExitStatus.NO_MATCH


class ClaimShown(Outcome):
    def __init__(self, record: dict, **kw):
        super().__init__(**kw)
        self.record = record


class ClaimList(Outcome):
    """The claims a list shows (after --limit), how many matched, and, when none did, why in one line."""

    def __init__(self, records: list[dict], matched: int | None = None, counts: dict | None = None,
                 none_found: str = "", page: bool = True, **kw):
        super().__init__(**kw)
        self.records = records
        self.matched = len(records) if matched is None else matched  # before --limit
        self.counts = counts if counts is not None else {}  # verdict code -> claims, of all that matched
        self.none_found = none_found  # said on stderr when the list is empty
        self.page = page  # through a pager on a terminal

    def as_json(self) -> dict:
        return {"claims": self.records, "matched": self.matched}

    def notes(self) -> list[str]:
        return [] if self.records else [self.none_found or _("no claims")]

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.OK if self.records else ExitStatus.NO_MATCH


class Stats(Outcome):
    def __init__(self, counts: dict, **kw):
        super().__init__(**kw)
        self.counts = counts  # store.stats.claim_stats

    def as_json(self) -> dict:
        return self.counts


class IndexState(Outcome):
    def __init__(self, info: dict, **kw):
        super().__init__(**kw)
        self.info = info  # search.index.Index.info

    def as_json(self) -> dict:
        return self.info


class Validated(Outcome):
    def __init__(self, found: list, checked: int, **kw):
        super().__init__(**kw)
        self.found, self.checked = found, checked  # found: FileProblems, printed as `file:line: message`

    def as_json(self) -> dict:
        return {"checked": self.checked, "problems": [str(p) for p in self.found]}

    def notes(self) -> list[str]:
        from factcheck.store.editing import validation_summary

        return [translated(validation_summary(self.found, self.checked))]

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.USER_ERROR if self.found else ExitStatus.OK


# An import position is English in JSON ("line 3, item 2, review 1"): each piece is shown in the user's language.
POSITION_PIECES = {"line": N_("line {n}"), "item": N_("item {n}"), "review": N_("review {n}")}
_POSITION_PIECE = r"\b(line|item|review) (\d+)\b"  # compiled on the first import report, not at start-up


def position_shown(position: str) -> str:
    return re.sub(_POSITION_PIECE, lambda piece: _(POSITION_PIECES[piece[1]]).format(n=piece[2]),
                  position)


class Imported(Outcome):
    def __init__(self, report: Any, label: str, root: Path, total: int, **kw):
        super().__init__(**kw)
        self.report = report  # exchange.importing.run.ImportReport
        self.label = label  # where the items came from, for the summary line
        self.root = root  # the claims directory, which the JSON paths are relative to
        self.total = total  # items read

    def as_json(self) -> dict:
        return self.report.as_json(self.root)

    def notes(self) -> list[str]:
        lines = []
        more = {
            "duplicate": _("… and {n} more duplicate item(s) (--json lists all)"),
            "invalid": _("… and {n} more invalid item(s) (--json lists all)"),
        }
        for kind, entries in (("duplicate", self.report.duplicates), ("invalid", self.report.invalid)):
            for entry in entries[:IMPORT_SHOWN]:
                if kind == "duplicate":
                    earlier = _("duplicate of {id} ({reason}, earlier in this import)")
                    template = earlier if entry.in_this_import else _("duplicate of {id} ({reason})")
                    line = template.format(id=entry.of, reason=translated(entry.reason))
                else:
                    line = _("invalid: {reason}").format(reason=translated(entry.reason))
                lines.append(clean(f"{position_shown(entry.position)}: {line}", single_line=True))
            if len(entries) > IMPORT_SHOWN:
                lines.append(more[kind].format(n=len(entries) - IMPORT_SHOWN))
        for entry in self.report.similar[:IMPORT_SHOWN]:
            line = _("added as {id}, possibly the same claim as {other} (similarity {similarity}; not merged)").format(
                id=entry.id, other=entry.like, similarity=f"{entry.similarity:.2f}")
            lines.append(clean(f"{position_shown(entry.position)}: {line}", single_line=True))
        if len(self.report.similar) > IMPORT_SHOWN:
            lines.append(_("… and {n} more possible duplicate(s) (--json lists all)").format(
                n=len(self.report.similar) - IMPORT_SHOWN))
        if not self.report.similar_checked:
            lines.append(_("(too many claims to compare for possible duplicates: not checked)"))
        counts = self.report.counts()
        summary = _("imported from {source}: {added} added, {duplicates} duplicate(s), {invalid} invalid")
        lines.append(clean(summary.format(source=self.label, added=counts["added"], duplicates=counts["duplicates"],
                                          invalid=counts["invalid"]), single_line=True))
        return lines

    @property
    def exit_status(self) -> ExitStatus:
        nothing_read = self.report.counts()["invalid"] == self.total
        return ExitStatus.USER_ERROR if nothing_read else ExitStatus.OK


def offline_note(results: list) -> list[str]:
    """A line asking "offline?" when no address could be found for any of `results` (each has an `error`)."""
    from factcheck.sources.http import is_dns_failure

    if results and all(is_dns_failure(result.error) for result in results):
        return [_("no address could be found for any host: offline? (or no DNS server answers)")]
    return []


def packed_not_checked_note(count: int) -> list[str]:
    if not count:
        return []
    return [_("{n} packed claim(s) of other publishers not checked: a check of every claim reads the claim files; "
              "name a packed claim's id to check its sources").format(n=f"{count:,}")]


class SourcesChecked(Outcome):
    def __init__(self, results: list, recorded_in: int | None = None, packed_not_checked: int = 0, **kw):
        super().__init__(**kw)
        self.results = results  # of sources.results.SourceResult
        self.recorded_in = recorded_in  # claim files written by --update; None without it
        self.packed_not_checked = packed_not_checked  # packed claims a check of every claim leaves out

    def as_json(self) -> dict:
        return {"results": [r.as_json() for r in self.results], "packed_claims_not_checked": self.packed_not_checked}

    def notes(self) -> list[str]:
        summary = _("{n} source(s) checked, {problems} with a problem").format(
            n=len(self.results), problems=self._problems())
        if self.recorded_in is not None:
            summary += _("; recorded in {files} claim file(s)").format(files=self.recorded_in)
        return [*offline_note(self.results), summary, *packed_not_checked_note(self.packed_not_checked)]

    def _problems(self) -> int:
        return sum(result.problem for result in self.results)

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.PROBLEMS_FOUND if self._problems() else ExitStatus.OK


class SourcesArchived(Outcome):
    def __init__(self, results: list, **kw):
        super().__init__(**kw)
        self.results = results  # of sources.archive.ArchiveResult

    def as_json(self) -> dict:
        return {"results": [r.as_json() for r in self.results]}

    def notes(self) -> list[str]:
        missing = self._missing()
        return [*offline_note(self.results), _("{recorded} archive copy(ies) recorded, {missing} source(s) without one")
                .format(recorded=len(self.results) - missing, missing=missing)]

    def _missing(self) -> int:
        return sum(result.archive_url is None for result in self.results)

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.PROBLEMS_FOUND if self._missing() else ExitStatus.OK
