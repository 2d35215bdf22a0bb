"""Questions on a terminal: the fields `factcheck add` was not given, and "add it anyway?".

Questions are asked on stderr and answers read from the Environment's stdin, so a test answers them from
an `io.StringIO`. An answer is read as `input()` reads one (a line without its newline, EOFError at the
end), which is what rich and click expect of the terminal.
"""

from __future__ import annotations

from typing import Callable, TextIO

from factcheck.entry import UnreadableEntry, read_date, read_verdict
from factcheck.i18n import N_, _
from factcheck.model import VERDICTS
from factcheck.terminal.environment import Environment
from factcheck.terminal.layout import verdict_name

# (field, question, required, how an answer is read: None keeps it as typed)
PROMPTS: tuple[tuple[str, str, bool, Callable[[str], str] | None], ...] = (
    ("claim_text", N_("Claim (as said)"), True, None),
    ("claim_en", N_("English translation"), False, None),
    ("claimant", N_("Claimant"), True, None),
    ("claimant_role", N_("Claimant's role"), False, None),
    ("claim_date", N_("Date said (e.g. 2025-09-01, 2025년 9월 1일, 2025. 9. 1. or 2025-09)"), False, read_date),
    ("rationale", N_("Rationale"), False, None),
)
# What answers a yes/no question, in either language.
YES = ("y", "yes", "예", "네", "응", "ㅇ")
NO = ("n", "no", "아니오", "아니요", "아니", "ㄴ")


class Answers:
    """A text stream read answer by answer, as `input()` reads the terminal."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def readline(self) -> str:
        line = self._stream.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")


def ask_missing_fields(env: Environment, fields: dict) -> dict:
    """Ask on stderr for what the flags did not give; a verdict or a date that cannot be read is asked again."""
    from rich.prompt import Prompt
    from rich.text import Text

    from factcheck.terminal.render import console

    ask = console(env, stderr=True)
    answers = Answers(env.stdin)

    def answer(question: str, required: bool, read: Callable[[str], str] | None, default: str | None = None):
        while True:
            value = Prompt.ask(question, console=ask, default=default if default is not None else
                               (None if required else ""), show_default=bool(default), stream=answers)
            value = (value or "").strip()
            if not value:
                if required:
                    continue
                return None
            try:
                return read(value) if read else value
            except UnreadableEntry as exc:
                ask.print(Text(exc.translated(), style="red"))

    fields = dict(fields)
    for key, question, required, read in PROMPTS:
        if not fields.get(key):
            fields[key] = answer(_(question), required, read)
    if not fields.get("status"):
        choices = "/".join(verdict_name(v.code) for v in VERDICTS)
        question = _("Verdict [{choices}]").format(choices=choices)
        fields["status"] = answer(question, True, read_verdict, default=verdict_name("unverified"))
    if not fields.get("source_urls") and fields["status"] != "unverified":
        url = answer(_("Source URL"), True, None)
        publisher = answer(_("Source publisher"), True, None)
        quote = answer(_("Exact quote at that source"), True, None)
        fields.update(source_urls=(url,), publishers=(publisher,), quotes=(quote,))
    return fields


def confirm(env: Environment, question: str, default: bool = False) -> bool:
    """A yes/no question on stderr, worded as click words it: `Add it anyway? [y/N]: `."""
    answers = Answers(env.stdin)
    while True:
        env.stderr.write(f"{question} [{'Y/n' if default else 'y/N'}]: ")
        env.stderr.flush()
        value = answers.readline().strip().lower()
        if value in YES:
            return True
        if value in NO:
            return False
        if value == "":
            return default
        env.stderr.write(_("Error: invalid input") + "\n")
