"""Questions on a terminal: the fields `factcheck add` was not given, "write it?", and the editor.

Each answer is read and checked as it is given (a date, a verdict, an address, an id), and a wrong one is
asked again with the reason, so nothing typed is lost at the end. On the process's own terminal answers
are read with line editing (readline: arrow keys move the cursor and never type `\\e[D` into a claim);
otherwise questions go to stderr and answers come line by line from the Environment's stdin, so a test
answers them from an `io.StringIO`.
"""

from __future__ import annotations

import re
import sys
from typing import Callable, TextIO

from factcheck.entry import UnreadableEntry, read_date, read_verdict
from factcheck.errors import FactcheckError
from factcheck.i18n import N_, _
from factcheck.model import HTTP_URL_RE, ID_RE, VERDICTS
from factcheck.terminal.environment import Environment, stream_isatty
from factcheck.terminal.layout import verdict_name
from factcheck.textclean import clean

# What answers a yes/no question, in either language.
YES = ("y", "yes", "예", "네", "응", "ㅇ")
NO = ("n", "no", "아니오", "아니요", "아니", "ㄴ")
# The answer that opens the editor for the rationale, instead of typing it on one line.
EDITOR_ANSWER = "e"
# Tags and entities are typed on one line, split at commas (Korean and Japanese ones too) or ·.
_LIST_SEPARATOR = re.compile(r"[,，、·]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Answers:
    """A text stream read answer by answer, as `input()` reads the terminal."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def readline(self) -> str:
        line = self._stream.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")


class Asker:
    """Asks one question at a time and reads the answer, with line editing on the process's own terminal."""

    def __init__(self, env: Environment):
        self.env = env
        self._answers = Answers(env.stdin)
        # input() edits lines with readline when stdin and stdout are this process's terminal; it draws the
        # prompt itself (on stdout), so that moving along the line redraws it right.
        self.editing = env.stdin is sys.stdin and stream_isatty(sys.stdin) and stream_isatty(sys.stdout)
        if self.editing:
            try:
                import readline  # noqa: F401  (loaded, it gives input() its line editing)
            except ImportError:  # a Python built without it
                self.editing = False

    def line(self, prompt: str) -> str:
        try:
            if self.editing:
                return input(prompt)
            self.env.stderr.write(prompt)
            self.env.stderr.flush()
            return self._answers.readline()
        except EOFError:
            raise FactcheckError(_("the input ended before every question was answered; nothing was written")) from None

    def tell(self, message: str) -> None:
        self.env.stderr.write(f"  {message}\n")
        self.env.stderr.flush()

    def ask(self, question: str, read: Callable[[str], object] | None = None, required: bool = False,
            default: str | None = None):
        """The answer to `question`, read by `read` (which raises UnreadableEntry for a wrong one: asked
        again); None for an optional question left empty."""
        prompt = f"{question} [{clean(default, single_line=True)}]: " if default else f"{question}: "
        while True:
            value = self.line(prompt).strip() or (default or "")
            if _CONTROL.search(value):
                self.tell(_("the answer holds control characters (an arrow key, say); type it again"))
                continue
            if not value:
                if required:
                    self.tell(_("an answer is needed here"))
                    continue
                return None
            try:
                return read(value) if read else value
            except UnreadableEntry as exc:
                self.tell(exc.translated())


def read_url(text: str) -> str:
    if not HTTP_URL_RE.match(text):
        raise UnreadableEntry(_("{text!r} is not a web address; type one that starts with https:// or http://")
                              .format(text=text))
    return text


def read_list(text: str) -> list[str]:
    return [item.strip() for item in _LIST_SEPARATOR.split(text) if item.strip()]


# (field, question, required, how an answer is read: None keeps it as typed), asked in this order.
PROMPTS: tuple[tuple[str, str, bool, Callable | None], ...] = (
    ("claim_text", N_("Claim (as said)"), True, None),
    ("claim_en", N_("English translation"), False, None),
    ("claimant", N_("Claimant"), True, None),
    ("claimant_role", N_("Claimant's role"), False, None),
    ("claim_date", N_("Date said (e.g. 2025-09-01, 2025년 9월 1일, 2025. 9. 1. or 2025-09)"), False, read_date),
    ("appearance_url", N_("Where it was said: the address of the article, post or video"), False, read_url),
    ("tags", N_("Tags, separated by commas"), False, read_list),
    ("entities", N_("People, places and organisations in it, separated by commas"), False, read_list),
)

# A question asked right after another is answered: (the field it fills, the question).
FOLLOW_UPS = {"appearance_url": ("appearance_publisher", N_("Who published it there"))}


def ask_missing_fields(env: Environment, fields: dict, suggest_id: Callable[[dict], str | None],
                       taken: Callable[[str], bool]) -> dict:
    """Ask for what the flags did not give, each answer checked as it is typed. `suggest_id(fields)` is the
    id offered at the end, and `taken(id)` says whether an id is in use already."""
    asker = Asker(env)
    fields = dict(fields)
    for key, question, required, read in PROMPTS:
        if not fields.get(key):
            fields[key] = asker.ask(_(question), read, required)
            follow_up, then_ask = FOLLOW_UPS.get(key, (None, None))
            if fields[key] and follow_up and not fields.get(follow_up):
                fields[follow_up] = asker.ask(_(then_ask))
    if not fields.get("status"):
        choices = "/".join(verdict_name(v.code) for v in VERDICTS)
        fields["status"] = asker.ask(_("Verdict [{choices}]").format(choices=choices), read_verdict, True,
                                     default=verdict_name("unverified"))
    if not fields.get("rationale"):
        fields["rationale"] = _rationale(asker)
    if not fields.get("source_urls"):
        fields.update(_sources(asker, needed=fields["status"] != "unverified"))
    if not fields.get("claim_id"):
        fields["claim_id"] = asker.ask(_("Id"), _id_reader(taken), True, default=suggest_id(fields))
    return fields


def _rationale(asker: Asker) -> str | None:
    answer = asker.ask(_("Rationale (one line, or {key} to write it in your editor)").format(key=EDITOR_ANSWER))
    if answer != EDITOR_ANSWER:
        return answer
    return edit(asker.env, "")


def _sources(asker: Asker, needed: bool) -> dict:
    """Sources, one after another until the address is left empty; a verdict needs at least one."""
    urls, publishers, quotes = [], [], []
    while True:
        if urls:
            question = _("Another source URL (Enter: no more)")
        else:
            question = _("Source URL") if needed else _("Source URL (Enter: none)")
        url = asker.ask(question, read_url, required=needed and not urls)
        if url is None:
            break
        urls.append(url)
        publishers.append(asker.ask(_("Source publisher"), None, True))
        quotes.append(asker.ask(_("Exact quote at that source"), None, True))
    return {"source_urls": tuple(urls), "publishers": tuple(publishers), "quotes": tuple(quotes)}


def _id_reader(taken: Callable[[str], bool]) -> Callable[[str], str]:
    def read_id(text: str) -> str:
        if not ID_RE.match(text):
            raise UnreadableEntry(_("{text!r} is not an id: lowercase a-z, 0-9 and '-', 3 to 80 characters")
                                  .format(text=text))
        if taken(text):
            raise UnreadableEntry(_("{text!r} is the id of a stored claim; type another").format(text=text))
        return text

    return read_id


def confirm(env: Environment, question: str, default: bool = False) -> bool:
    """A yes/no question, worded as click words it: `Add it anyway? [y/N]: `."""
    asker = Asker(env)
    while True:
        value = asker.line(f"{question} [{'Y/n' if default else 'y/N'}]: ").strip().lower()
        if value in YES:
            return True
        if value in NO:
            return False
        if value == "":
            return default
        env.stderr.write(_("Error: invalid input") + "\n")


def edit(env: Environment, text: str) -> str | None:
    """`text` opened in $VISUAL or $EDITOR (click's choice when neither is set); the text saved, stripped, or
    None when the editor was closed without saving or the text left empty."""
    import click

    edited = click.edit(text, editor=env.get("VISUAL") or env.get("EDITOR"), env=dict(env.environ), extension=".md",
                        require_save=True)
    return edited.strip() or None if edited is not None else None
