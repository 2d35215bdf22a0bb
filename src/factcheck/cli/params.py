"""Option and argument types for what people type: verdicts and dates, in Korean or in English.

The command receives the stored form (a verdict code, an ISO date); a value that cannot be read is a usage
error whose message, in the user's language, lists the forms that are accepted.
"""

from __future__ import annotations

import click

from factcheck.model import STATUS_CODES


class VerdictType(click.ParamType):
    """A verdict: `half-true`, `절반의 사실`, `절반의사실`, `Half true`, `HALF-TRUE` are all `half-true`."""

    name = "verdict"

    def convert(self, value, param, ctx):
        from factcheck.entry import UnreadableEntry, read_verdict  # its patterns are compiled when one is typed

        try:
            return read_verdict(value)
        except UnreadableEntry as exc:
            self.fail(str(exc), param, ctx)

    def get_metavar(self, param, ctx=None):
        return f"[{'|'.join(STATUS_CODES)}]"

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(code) for code in STATUS_CODES if code.startswith(incomplete)]


class DateType(click.ParamType):
    """A date, a year and month, or a year: `2025-09-01`, `2025년 9월 1일`, `2025. 9. 1.`, `2025/9/1`, `2025년 9월`."""

    name = "date"

    def convert(self, value, param, ctx):
        from factcheck.entry import UnreadableEntry, read_date

        try:
            return read_date(value)
        except UnreadableEntry as exc:
            self.fail(str(exc), param, ctx)

    def get_metavar(self, param, ctx=None):
        return "DATE"


VERDICT = VerdictType()
DATE = DateType()
