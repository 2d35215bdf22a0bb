"""The outcomes of `extract` and `scan`, and their renderers (which load the layout only when they run).

Plain classes like those of outcomes.py: output.py names them in its RENDERERS table, so every command
loads this module, and it imports nothing the output layer has not loaded already.
"""

from __future__ import annotations

from factcheck.i18n import _
from factcheck.terminal.outcomes import Outcome
from factcheck.terminal.status import ExitStatus


class Extracted(Outcome):
    """An article's candidates; --json prints the issue's shape, {source, candidates}."""

    def __init__(self, extraction, limit: int, min_score: int = 0, **kw):
        super().__init__(**kw)
        self.extraction, self.limit, self.min_score = extraction, limit, min_score

    @property
    def shown(self) -> list:
        return [c for c in self.extraction.candidates if c.score >= self.min_score]

    def as_json(self) -> dict:
        return self.extraction.as_json(self.min_score)

    def notes(self) -> list[str]:
        return [] if self.shown else [_("no check-worthy sentence")]

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.OK if self.shown else ExitStatus.NO_MATCH


class CandidatesAdded(Outcome):
    """What `extract --add` (or the step through candidates) added, and what it left as stored already."""

    def __init__(self, source: dict, results: list, listed: bool = True, **kw):
        super().__init__(**kw)
        self.source, self.results, self.listed = source, results, listed

    def as_json(self) -> dict:
        return {"source": self.source, "added": [r.as_json() for r in self.results]}

    def notes(self) -> list[str]:
        added = sum(1 for r in self.results if r.id)
        if not self.listed:  # each was told as it was added
            return [_("added {added} claim(s)").format(added=added)]
        return [_("added {added} claim(s), skipped {skipped} already stored").format(
            added=added, skipped=len(self.results) - added)]


class Scanned(Outcome):
    """A scan's report; exit 1 when an article repeats a claim rated false, mostly-false or half-true."""

    def __init__(self, report, **kw):
        super().__init__(problems=list(report.failures), **kw)
        self.report = report

    def as_json(self) -> dict:
        return self.report.as_json()

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.NO_MATCH if self.report.alarming else ExitStatus.OK


# --------------------------------------------------------------------------- renderers


def render_extracted(out, outcome: Extracted) -> None:
    from factcheck.terminal.articles import extraction_lines, show_lines

    show_lines(out, extraction_lines(outcome.extraction, outcome.limit, outcome.min_score))


def render_added(out, outcome: CandidatesAdded) -> None:
    from factcheck.terminal.articles import added_lines, show_lines

    if outcome.listed:
        show_lines(out, added_lines(outcome.results))


def render_scanned(out, outcome: Scanned) -> None:
    from factcheck.terminal.articles import scan_lines, show_lines

    show_lines(out, scan_lines(outcome.report))
