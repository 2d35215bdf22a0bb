"""Terminal rendering with rich: claims, tables, the source-check and archive views, progress bars.

The one module that imports rich (with prompts.py), loaded only when something is drawn for a terminal.
Every piece of data goes into a `rich.text.Text` after `clean()`, so `[bold]` in a claim prints as those
characters and an escape sequence is shown, never obeyed. Consoles are built from the run's Environment:
its streams, its terminal flags, its width, and its variables for rich's own rules (NO_COLOR, TERM=dumb).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterator, TextIO

from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.i18n import N_, _, translated
from factcheck.model import (
    VERDICT_BY_CODE,
    claimant_text,
    text_of,
)
from factcheck.sources.results import group_by_claim
from factcheck.terminal.environment import Environment, stream_isatty
from factcheck.textclean import clean

# What each source-check status (model.CHECK_STATUSES) is called on a terminal; in English, its code.
SOURCE_STATUS_NAMES = {
    "ok": N_("ok"),
    "quote-missing": N_("quote-missing"),
    "changed": N_("changed"),
    "moved": N_("moved"),
    "dead": N_("dead"),
    "error": N_("error"),
    "blocked": N_("blocked"),
}
# The colour of each source-check status (model.CHECK_STATUSES), as the verdicts have theirs (model.VERDICTS).
SOURCE_STYLES = {
    "ok": "green",
    "quote-missing": "bold red",
    "changed": "yellow",
    "moved": "yellow",
    "dead": "bold red",
    "error": "magenta",
    "blocked": "bold red",
}


def console(env: Environment, stderr: bool = False, file: TextIO | None = None) -> Console:
    """A console on stdout (or stderr), or on `file` standing for stdout (a pager's input)."""
    stream, isatty = (env.stderr, env.stderr_isatty) if stderr else (env.stdout, env.stdout_isatty)
    stream = stream if file is None else file
    # rich judges a real stream itself (honouring FORCE_COLOR and TTY_COMPATIBLE); it is told only when the
    # Environment says otherwise than the stream does, as a test's StringIO standing for a terminal.
    force = None if isatty == stream_isatty(stream) else isatty
    return Console(file=stream, force_terminal=force, no_color=env.no_color, width=env.width, highlight=False,
                   _environ=env.environ)


def source_status_name(status: str) -> str:
    """A source-check status as the interface language names it (an unknown one as it is)."""
    return _(SOURCE_STATUS_NAMES[status]) if status in SOURCE_STATUS_NAMES else status


def data(value: object, style: str = "", single_line: bool = False) -> Text:
    return Text(clean("" if value is None else value, single_line=single_line), style=style)


def badge(code: str) -> Text:
    verdict = VERDICT_BY_CODE.get(code)
    if verdict is None:
        return data(code, "bold")
    return Text(f" {verdict.ko} ", style=f"bold black on {verdict.colour}")


def verdict_line(code: str) -> Text:
    verdict = VERDICT_BY_CODE.get(code)
    line = badge(code)
    if verdict:
        line.append(f" {verdict.en}", style=verdict.colour)
    return line


# --------------------------------------------------------------------------- search


HANGING = re.compile(r"\d+\. | +")  # what a wrapped line goes under: a rank (`3. `) or an indent


def print_lines(out: Console, lines: list[list[tuple[str, str]]]) -> None:
    """Print layout lines (lists of (text, style) spans) with colour, wrapping and badges. A line that
    starts with an indent or a rank wraps under its own text, not at the left edge."""
    for spans in lines:
        head = HANGING.match(spans[0][0]) if spans else None
        hang = head.end() if head else 0
        line = Text()
        for i, (text, style) in enumerate(spans):
            if style.startswith("badge:"):
                line.append_text(badge(style[6:]))
            else:
                line.append(text[hang:] if i == 0 else text, style=style)
        if not hang or out.width <= 2 * hang:
            out.print(Text(" " * hang) + line if hang else line)
            continue
        grid = Table.grid()
        grid.add_column(width=hang, no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row(Text(spans[0][0][:hang], style=spans[0][1]), line)
        out.print(grid)


# --------------------------------------------------------------------------- one claim


def print_claim(out: Console, record: dict) -> None:
    out.print(Panel(claim_view(record), title=data(record.get("id")), title_align="left"))


def claim_view(record: dict) -> Group:
    parts: list = [verdict_line(record.get("status", "")), Text()]
    parts.append(data(record.get("claim"), "bold"))
    if record.get("claim_en"):
        parts.append(data(record["claim_en"], "italic"))
    who = Text("— ", style="dim") + data(claimant_text(record), "cyan")
    if record.get("claim_date"):
        who.append(f", {clean(record['claim_date'])}")
    parts += [who]
    appearance = record.get("appearance") or {}
    if appearance:
        line = Text(_("appeared in: "), style="dim")
        line.append_text(data(" · ".join(str(appearance[k]) for k in ("publisher", "title", "date") if appearance.get(k))))
        if appearance.get("url"):
            line.append(" ")
            line.append_text(data(appearance["url"], "blue underline"))
        parts.append(line)
    rationale = record.get("rationale")
    for lang in ("ko", "en") if isinstance(rationale, dict) else (None,):
        text = text_of(rationale, lang)
        if text:
            title = _("Rationale ({language})").format(language=lang) if lang else _("Rationale")
            parts += [Text(), Text(title, style="bold underline"), data(text)]
    sources = record.get("sources") or []
    parts += [Text(), Text(_("Sources ({n})").format(n=len(sources)), style="bold underline")]
    for i, source in enumerate(sources, 1):
        head = Text(f"{i}. ")
        head.append_text(data(source.get("publisher"), "bold"))
        for key in ("title", "published", "kind"):
            if source.get(key):
                head.append(" · ")
                head.append_text(data(source[key]))
        if source.get("check_status"):
            checked = _(" · checked {date}: {status}").format(
                date=clean(source.get("checked", "")), status=clean(source_status_name(source["check_status"])))
            head.append(checked, style="dim")
        parts += [head, Text("   “") + data(source.get("quote"), "green") + Text("”"),
                  Text("   ") + data(source.get("url"), "blue underline")]
        if source.get("archive_url"):
            parts.append(Text(_("   archive: "), style="dim") + data(source["archive_url"], "blue"))
    history = record.get("history") or []
    if history:
        parts += [Text(), Text(_("History"), style="bold underline")]
        for entry in history:
            line = data(entry.get("date")) + Text(" ") + badge(entry.get("status", ""))
            if entry.get("note"):
                line += Text(" ") + data(entry["note"])
            parts.append(line)
    if record.get("tags"):
        parts += [Text(), Text(_("tags: "), style="dim") + data(", ".join(record["tags"]))]
    return Group(*parts)


# --------------------------------------------------------------------------- tables


def print_stats(out: Console, counts: dict) -> None:
    for title, key in ((_("By verdict"), "by_status"), (_("By claimant"), "by_claimant"), (_("By tag"), "by_tag")):
        rows = counts.get(key) or []
        if not rows:
            continue
        table = Table(title=title, title_justify="left", show_header=False, box=None)
        table.add_column("name", overflow="fold")
        table.add_column("bar")
        table.add_column("n", justify="right")
        most = max(n for _, n in rows)
        for name, n in rows:
            colour = VERDICT_BY_CODE[name].colour if key == "by_status" and name in VERDICT_BY_CODE else "cyan"
            label = badge(name) if key == "by_status" else data(name, single_line=True)
            table.add_row(label, Text("█" * max(1, round(30 * n / most)), style=colour), str(n))
        out.print(table)
        out.print()
    out.print(Text(_("{n} claim(s)").format(n=counts.get("total", 0))))


# --------------------------------------------------------------------------- add


def print_duplicates(out: Console, duplicates: list) -> None:
    out.print(Text(_("warning: near-duplicate claims already stored:"), style="yellow"))
    for similarity, record in duplicates:
        line = Text(f"  {similarity:>3}% ")
        line.append_text(badge(record.get("status", "")))
        line.append(" ")
        line.append_text(data(record.get("claim"), single_line=True))
        line.append("  ")
        line.append_text(data(record.get("id"), "dim"))
        out.print(line)



# --------------------------------------------------------------------------- sources


SOURCE_ROOM = 56  # columns the number, status, figures and address need beside a claim id in one table row


def print_source_results(out: Console, results: list) -> None:
    """A table grouped by claim: claims with problems first, and within a claim its problems first. Where the
    longest id leaves too little room beside it, each claim's id is a line of its own above its sources, so
    that an id is never broken (it is copied into the next command)."""
    by_claim = group_by_claim(results)
    clean_claim = {cid: not any(r.problem for r in rs) for cid, rs in by_claim.items()}
    order = sorted(by_claim, key=lambda cid: (clean_claim[cid], cid))
    rows = {cid: sorted(by_claim[cid], key=lambda r: (not r.problem, r.index)) for cid in order}
    if out.width - max((cell_len(cid) for cid in order), default=0) < SOURCE_ROOM:
        for claim_id in order:
            out.print(data(claim_id, "bold"))
            grid = Table.grid(padding=(0, 1, 0, 0))
            for justify, overflow in (("right", None), (None, None), ("right", None), ("right", None), (None, "fold")):
                grid.add_column(justify=justify, overflow=overflow, no_wrap=overflow is None)
            for result in rows[claim_id]:
                number, *cells = _source_cells(result)
                grid.add_row(Text("  #") + number, *cells)
            out.print(grid)
        return
    table = Table(show_lines=False, expand=False)
    table.add_column(_("claim"), no_wrap=True, style="bold")
    table.add_column("#", justify="right")
    table.add_column(_("status"), no_wrap=True)
    table.add_column("http", justify="right")
    table.add_column(_("quote"), justify="right", no_wrap=True)
    table.add_column(_("address / reason"), overflow="fold", ratio=1)
    for claim_id in order:
        for n, result in enumerate(rows[claim_id]):
            table.add_row(data(claim_id) if n == 0 else Text(""), *_source_cells(result))
        table.add_section()
    out.print(table)


def _source_cells(result) -> tuple[Text, ...]:
    """A source's number, status, HTTP status, quote score and address with what went wrong."""
    detail = Text()  # a plain base: only the addresses are blue
    detail.append_text(data(result.url, "blue"))
    if result.final_url and result.final_url != result.url:
        detail.append("\n→ ")
        detail.append_text(data(result.final_url, "blue"))
    if result.error:
        detail.append("\n")
        detail.append_text(data(translated(result.error), single_line=True))
    elif result.status == "quote-missing" and result.closest:
        detail.append("\n" + _("closest on the page: "), style="dim")
        detail.append_text(data(result.closest, "italic", single_line=True))
    score = "" if result.quote_score is None else f"{result.quote_score:g}"
    return (Text(str(result.index + 1)),
            Text(source_status_name(result.status), style=SOURCE_STYLES.get(result.status, "")),
            Text("" if result.http_status is None else str(result.http_status)),
            Text(score),
            detail)


def print_archive_results(out: Console, results: list) -> None:
    """One line per source: those without a copy first."""
    for result in sorted(results, key=lambda r: (r.archive_url is not None, r.claim_id, r.index)):
        line = data(f"{result.claim_id} #{result.index + 1} ", "bold")
        line.append_text(data(result.url, "blue"))
        if result.archive_url:
            line.append_text(Text(_(" → saved ") if result.saved else " → ", style="green"))
            line.append_text(data(result.archive_url))
        else:
            line.append_text(Text(_(" no archive copy"), style="red"))
            if result.error:
                line.append_text(data(f": {translated(result.error)}", single_line=True))
        out.print(line)


# --------------------------------------------------------------------------- progress


class ProgressBar:
    """A transient bar on a terminal: `update(done)` moves it, `then(label)` starts an open-ended next step."""

    def __init__(self, progress, task):
        self._progress, self._task = progress, task

    def update(self, done: int) -> None:
        self._progress.update(self._task, completed=done)

    def then(self, label: str) -> None:
        self._task = self._progress.add_task(label, total=None)


@contextmanager
def progress_bar(out: Console, label: str, total: int) -> Iterator[ProgressBar]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=out, transient=True) as progress:
        yield ProgressBar(progress, progress.add_task(label, total=total))
