"""Option and argument types for what people type: verdicts and dates, in Korean or in English.

The command receives the stored form (a verdict code, an ISO date); a value that cannot be read is a usage
error whose message, in the user's language, lists the forms that are accepted.
"""

from __future__ import annotations

import click

from factcheck.model import STATUS_CODES


class EntryType(click.ParamType):
    """A value read by one of factcheck.entry's readers, named by `reader`."""

    reader = ""
    metavar = ""

    def convert(self, value, param, ctx):
        from factcheck import entry  # its patterns are compiled when a value is typed, not at start-up

        try:
            return getattr(entry, self.reader)(value)
        except entry.UnreadableEntry as exc:
            self.fail(exc.translated(), param, ctx)

    def get_metavar(self, param, ctx=None):
        return self.metavar


class VerdictType(EntryType):
    """A verdict: `half-true`, `절반의 사실`, `절반의사실`, `Half true`, `HALF-TRUE` are all `half-true`."""

    name = "verdict"
    reader = "read_verdict"
    metavar = f"[{'|'.join(STATUS_CODES)}]"

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(code) for code in STATUS_CODES if code.startswith(incomplete)]


class DateType(EntryType):
    """A date, a year and month, or a year: `2025-09-01`, `2025년 9월 1일`, `2025. 9. 1.`, `2025/9/1`, `2025년 9월`."""

    name = "date"
    reader = "read_date"
    metavar = "DATE"


VERDICT = VerdictType()
DATE = DateType()
