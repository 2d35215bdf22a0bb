"""What the desk's commands did, as outcomes for the output layer (terminal/output.py prints them; the rich
views are in terminal/desk.py). Plain classes without rich, as in outcomes.py: every command loads this."""

from __future__ import annotations

from factcheck.terminal.outcomes import ClaimShown, Outcome


class ClaimWithDesk(ClaimShown):
    """`show` in the terminal: the claim with its state and corrections first and other outlets' reviews after."""

    def __init__(self, record: dict, others: list, **kw):
        super().__init__(record, **kw)
        self.others = others  # exchange.compare.OtherReview


class Queued(Outcome):
    def __init__(self, items: list, user: str | None, **kw):
        super().__init__(**kw)
        self.items, self.user = items, user  # items: store.desk.QueueItem

    def as_json(self) -> dict:
        return {"user": self.user, "claims": [item.as_json() for item in self.items]}


class Story(Outcome):
    def __init__(self, claim_id: str, path: str, in_git: bool, events: list, line: int | None = None, **kw):
        super().__init__(**kw)
        self.claim_id, self.path, self.in_git, self.events = claim_id, path, in_git, events  # store.desk.Event
        self.line = line  # its line in a pack; None: a claim file of its own

    def as_json(self) -> dict:
        return {"id": self.claim_id, "path": self.path, "line": self.line, "git": self.in_git,
                "events": [event.as_json() for event in self.events]}


class Compared(Outcome):
    def __init__(self, gap: int, comparisons: list, **kw):
        super().__init__(**kw)
        self.gap, self.comparisons = gap, comparisons  # exchange.compare.Comparison

    def as_json(self) -> dict:
        return {"gap": self.gap, "claims": [c.as_json() for c in self.comparisons]}
