"""The one output layer: every command's outcome is printed here, as JSON or through a renderer.

`Output.emit` warns about the outcome's problems on stderr, prints its JSON (with --json) or hands it to
the renderer its type has in RENDERERS, writes its status lines on stderr and returns its exit status.
Renderers that draw with rich import it when they run, so `factcheck search --json`, and a search into
a pipe, never load it.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

import click

from factcheck.i18n import N_, _, translated
from factcheck.terminal import article_outcomes as a
from factcheck.terminal import desk_outcomes as d
from factcheck.terminal import outcomes as o
from factcheck.terminal.environment import Environment
from factcheck.terminal.status import ExitStatus
from factcheck.textclean import clean, json_text, terminal_text


class Output:
    def __init__(self, env: Environment):
        self.env = env

    # -- lines

    def echo(self, text: str = "", nl: bool = True) -> None:
        click.echo(text, file=self.env.stdout, nl=nl)

    def note(self, message: str) -> None:
        """A status line on stderr."""
        click.echo(message, file=self.env.stderr)

    def warn(self, message) -> None:
        """A warning on stderr: `message` is text, or a library Message, error or problem (said in the user's
        language)."""
        self.note(_("warning: {message}").format(message=clean(translated(message))))

    def print_json(self, data: Any) -> None:
        self.echo(json_text(data))  # C1, bidi and line separators escaped: JSON cannot drive a terminal

    # -- outcomes

    def emit(self, outcome: o.Outcome, json_: bool = False) -> ExitStatus:
        for problem in outcome.problems:
            self.warn(problem)
        if json_:
            data = outcome.as_json()
            if data is not None:
                self.print_json(data)
        else:
            RENDERERS[type(outcome)](self, outcome)
        for line in outcome.notes():
            self.note(line)
        return outcome.exit_status

    # -- while a command runs

    @contextmanager
    def progress(self, label: str, total: int) -> Iterator[Any]:
        """A progress bar on stderr when it is a terminal (yields its ProgressBar), else nothing (yields None)."""
        if not self.env.stderr_isatty:
            yield None
            return
        from factcheck.terminal import render

        with render.progress_bar(render.console(self.env, stderr=True), label, total) as bar:
            yield bar

    def duplicates(self, duplicates: list) -> None:
        from factcheck.terminal import render

        render.print_duplicates(render.console(self.env, stderr=True), duplicates)

    def ask_missing_fields(self, fields: dict, suggest_id: Callable[[dict], str | None],
                           taken: Callable[[str], bool]) -> dict:
        from factcheck.terminal.prompts import ask_missing_fields

        return ask_missing_fields(self.env, fields, suggest_id, taken)

    def preview(self, text: str) -> None:
        """What is about to be written, on stderr, as the characters it holds."""
        self.env.stderr.write(terminal_text(text).rstrip("\n") + "\n")
        self.env.stderr.flush()

    def confirm(self, question: str, default: bool = False) -> bool:
        from factcheck.terminal.prompts import confirm

        return confirm(self.env, question, default)

    def edit(self, text: str) -> str | None:
        """`text` as edited in the user's editor; None when it was left unsaved."""
        from factcheck.terminal.prompts import edit

        return edit(self.env, text)


# --------------------------------------------------------------------------- renderers (without --json)


def _rich(draw: str, field: str | None, views: str = "render") -> Callable[[Output, Any], None]:
    """A renderer that draws `outcome.<field>` (the outcome itself when None) with `<views>.<draw>` on
    stdout, `views` a module of terminal/ (rich is imported then)."""

    def render_with_rich(out: Output, outcome: Any) -> None:
        from importlib import import_module

        from factcheck.terminal import render

        view = getattr(import_module(f"factcheck.terminal.{views}"), draw)
        view(render.console(out.env), outcome if field is None else getattr(outcome, field))

    return render_with_rich


def _search(out: Output, outcome: o.Searched) -> None:
    from factcheck.terminal.layout import plain_text, search_lines

    if not outcome.results and outcome.related:  # said first: what follows is only related
        out.env.stdout.flush()
        out.note(_("no matching claim"))
        outcome.said_no_match = True
    lines = search_lines(outcome.results, explain=outcome.explain, related=outcome.related)
    if out.env.stdout_isatty:
        from factcheck.terminal import render

        render.print_lines(render.console(out.env), lines)
    else:  # a pipe or file: plain lines, no terminal library to load
        out.echo(plain_text(lines), nl=False)


def _claim_list(out: Output, outcome: o.ClaimList) -> None:
    if not outcome.records:
        return
    if out.env.stdout_isatty:
        from factcheck.terminal.listing import print_claim_list

        print_claim_list(out.env, outcome)
        return
    from factcheck.terminal.layout import tsv_header, tsv_row

    # A pipe or a file: a header, then one claim a line as each is laid out, with no terminal library.
    out.echo(tsv_header())
    for start in range(0, len(outcome.records), 200):
        out.echo("".join(tsv_row(record) + "\n" for record in outcome.records[start : start + 200]), nl=False)


def _document(out: Output, outcome: o.Document) -> None:
    # On a terminal an export or report is cleaned (no OSC 52, OSC 8, clear-screen or DCS runs);
    # into a pipe or file it is the document as written.
    out.echo(terminal_text(outcome.text) if out.env.stdout_isatty else outcome.text, nl=False)


# The names of the index's facts as a person reads them; in English, its JSON keys.
INDEX_LABELS = {
    "claims_dir": N_("claims_dir"),
    "index": N_("index"),
    "claims": N_("claims"),
    "files_with_problems": N_("files_with_problems"),
    "format": N_("format"),
}


def _index_state(out: Output, outcome: o.IndexState) -> None:
    for key, value in outcome.info.items():
        out.echo(f"{_(INDEX_LABELS[key]) if key in INDEX_LABELS else key}: {value}")


def _validated(out: Output, outcome: o.Validated) -> None:
    for problem in outcome.found:
        out.echo(clean(translated(problem)))


def _notes_only(_out: Output, _outcome: Any) -> None:
    """Outcomes whose text output is their status lines on stderr."""


RENDERERS: dict[type, Callable[[Output, Any], None]] = {
    o.Searched: _search,
    o.ClaimShown: _rich("print_claim", "record"),
    o.ClaimList: _claim_list,
    o.Stats: _rich("print_stats", "counts"),
    o.SourcesChecked: _rich("print_source_results", "results"),
    o.SourcesArchived: _rich("print_archive_results", "results"),
    o.Document: _document,
    o.IndexState: _index_state,
    o.Validated: _validated,
    o.Imported: _notes_only,
    o.Notice: _notes_only,
    d.ClaimWithDesk: _rich("print_claim_with_desk", None, "desk"),
    d.Queued: _rich("print_queue", "items", "desk"),
    d.Story: _rich("print_story", "events", "desk"),
    d.Compared: _rich("print_comparisons", "comparisons", "desk"),
    a.Extracted: a.render_extracted,
    a.CandidatesAdded: a.render_added,
    a.Scanned: a.render_scanned,
}
