"""Questions on a terminal: the fields `factcheck add` was not given, and "add it anyway?".

Questions are asked on stderr and answers read from the Environment's stdin, so a test answers them from
an `io.StringIO`. An answer is read as `input()` reads one (a line without its newline, EOFError at the
end), which is what rich and click expect of the terminal.
"""

from __future__ import annotations

from typing import TextIO

from factcheck.model import VERDICTS
from factcheck.terminal.environment import Environment

PROMPTS = (
    ("claim_text", "Claim (as said)", True),
    ("claim_en", "English translation", False),
    ("claimant", "Claimant", True),
    ("claimant_role", "Claimant's role", False),
    ("claim_date", "Date said (YYYY-MM-DD, YYYY-MM or YYYY)", False),
    ("rationale", "Rationale", False),
)


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
    """Ask on stderr for what the flags did not give."""
    from rich.prompt import Prompt

    from factcheck.terminal.render import console

    ask = console(env, stderr=True)
    answers = Answers(env.stdin)
    fields = dict(fields)
    for key, label, required in PROMPTS:
        while not fields.get(key):
            value = Prompt.ask(label, console=ask, default="" if not required else None, stream=answers)
            fields[key] = (value or "").strip() or None
            if not required:
                break
    if not fields.get("status"):
        choices = [v.code for v in VERDICTS]
        fields["status"] = Prompt.ask("Verdict", console=ask, choices=choices, default="unverified", stream=answers)
    if not fields.get("source_urls") and fields["status"] != "unverified":
        url = Prompt.ask("Source URL", console=ask, stream=answers)
        publisher = Prompt.ask("Source publisher", console=ask, stream=answers)
        quote = Prompt.ask("Exact quote at that source", console=ask, stream=answers)
        fields.update(source_urls=(url,), publishers=(publisher,), quotes=(quote,))
    return fields


def confirm(env: Environment, question: str, default: bool = False) -> bool:
    """A yes/no question on stderr, worded as click words it: `Add it anyway? [y/N]: `."""
    answers = Answers(env.stdin)
    while True:
        env.stderr.write(f"{question} [{'Y/n' if default else 'y/N'}]: ")
        env.stderr.flush()
        value = answers.readline().strip().lower()
        if value in ("y", "yes"):
            return True
        if value in ("n", "no"):
            return False
        if value == "":
            return default
        env.stderr.write("Error: invalid input\n")
