"""`list` on a terminal: a table where there is room, cards where there is not, drawn a page at a time.

A claim is never cut: its cell wraps at spaces, and a word wider than the cell folds (all of its characters
kept, none replaced by an ellipsis, which claims use themselves). An id never breaks: the table is used only
when the longest id fits its column whole, and a card gives the id a line of its own. Every column has a fixed
width, worked out before the first row, so that the rows can be drawn CHUNK at a time and still line up:
the first screen of a long list shows at once, and a pager gets it as it is drawn.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from contextlib import contextmanager
from typing import Iterator, TextIO

from rich.cells import cell_len
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from factcheck.i18n import _
from factcheck.model import STATUS_CODES, claimant_text
from factcheck.terminal.desk import state_badge
from factcheck.terminal.environment import Environment, stream_isatty
from factcheck.terminal.render import badge, console, data

FIRST_CHUNK, CHUNK = 10, 40  # rows drawn at a time: a few first, for the first screen
NARROW = 100  # columns below which each claim is a card, not a table row
MIN_TEXT = 48  # columns the claim and the claimant need between them in a table row
PADDING = 2  # a cell's padding, left and right
CARD_INDENT = 2


def print_claim_list(env: Environment, outcome) -> None:
    """The claims of a `ClaimList` outcome and the count per verdict, through a pager when it asks for one."""
    with pager(env, outcome.page) as stream:
        out = console(env, file=stream)
        for view in list_views(outcome.records, out.width):
            out.print(view)
        out.print(summary(outcome, out.width))


def list_views(records: list[dict], width: int) -> Iterator:
    """What to print, CHUNK claims at a time: tables of fixed columns, or cards."""
    verdict_width = max(cell_len(badge(r.get("status", "")).plain) for r in records)
    in_table = (max(verdict_width, cell_len(_("verdict"))),
                max(cell_len(data(r.get("claim_date"), single_line=True).plain) for r in [*records, {"claim_date": _("date")}]),
                max(cell_len(data(r.get("id")).plain) for r in [*records, {"id": _("id")}]))
    text_width = width - sum(in_table) - 5 * PADDING - 4  # five columns, four rules between them
    as_cards = width < NARROW or text_width < MIN_TEXT
    start = 0
    while start < len(records):
        chunk = records[start : start + (FIRST_CHUNK if start == 0 else CHUNK)]
        if as_cards:
            yield from (_card(record, verdict_width, width) for record in chunk)
        else:
            yield _table(chunk, start == 0, text_width, *in_table)
        start += len(chunk)


def _claim_text(record: dict) -> Text:
    claim, mark = data(record.get("claim"), single_line=True), state_badge(record)
    return claim if mark is None else mark + Text(" ") + claim


def _table(records: list[dict], header: bool, text_width: int, verdict_width: int, date_width: int,
           id_width: int) -> Table:
    claim_width = text_width * 3 // 4
    table = Table(show_header=header, show_edge=False, expand=False)
    table.add_column(_("verdict"), width=verdict_width, no_wrap=True)
    # fold: a word longer than its cell keeps every character (rich's default ellipsis drops the rest)
    table.add_column(_("claim"), width=claim_width, overflow="fold")
    table.add_column(_("claimant"), width=text_width - claim_width, overflow="fold")
    table.add_column(_("date"), width=date_width, no_wrap=True)
    table.add_column(_("id"), width=id_width, no_wrap=True, style="dim")
    for record in records:
        table.add_row(badge(record.get("status", "")), _claim_text(record),
                      data(claimant_text(record), single_line=True), data(record.get("claim_date", ""), single_line=True),
                      data(record.get("id")))
    return table


def _card(record: dict, verdict_width: int, width: int) -> Table:
    """A claim in a narrow terminal: its id alone on the first line (whole, for copying), then the verdict
    beside the claim and its claimant, wrapped under one another."""
    head = data(record.get("id"), "bold")
    date = data(record.get("claim_date"), "dim", single_line=True)
    body = _claim_text(record)
    if date.plain and cell_len(head.plain) + 3 + cell_len(date.plain) <= width:
        head.append(" · ", style="dim")
        head.append_text(date)
    elif date.plain:
        body.append("\n")
        body.append_text(date)
    who = claimant_text(record)
    if who:
        body.append("\n— ", style="dim")
        body.append_text(data(who, "cyan", single_line=True))
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=verdict_width, no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(badge(record.get("status", "")), body)
    card = Table.grid()
    card.add_column(overflow="fold")
    card.add_row(head)
    card.add_row(Padding(grid, (0, 0, 0, CARD_INDENT)))
    return card


def summary(outcome, width: int) -> Text:
    """`10 claim(s): 사실 5 · 대체로 사실 2 …`, wrapped only between verdicts, each line but the last ending in ·."""
    if len(outcome.records) < outcome.matched:
        line = Text(_("{shown} of {n} claim(s): ").format(shown=len(outcome.records), n=outcome.matched))
    else:
        line = Text(_("{n} claim(s): ").format(n=outcome.matched))
    used = cell_len(line.plain)
    for i, code in enumerate(c for c in STATUS_CODES if outcome.counts.get(c)):
        item = Text()  # not badge + text: that would carry the badge's style over the count
        item.append_text(badge(code))
        item.append(f" {outcome.counts[code]}")
        if i and used + 3 + cell_len(item.plain) + 2 > width:  # room for " · " and a closing " ·"
            line.append(" ·\n")
            used = 0
        elif i:
            line.append(" · ")
            used += 3
        line.append_text(item)
        used += cell_len(item.plain)
    return line


# --------------------------------------------------------------------------- paging


def pager_command(env: Environment) -> str | None:
    """The pager to show a long list through: $PAGER (empty or `cat`: none), else less if installed."""
    wanted = env.environ.get("PAGER")
    if wanted is not None:
        return None if wanted.strip() in ("", "cat") else wanted
    return "less" if shutil.which("less") else None


@contextmanager
def pager(env: Environment, wanted: bool) -> Iterator[TextIO]:
    """A stream for the list: a pager's input when stdout and stdin are a real terminal and a pager is to be
    had, else stdout itself. Quitting the pager early ends the list without a word."""
    command = pager_command(env) if wanted and env.stdin_isatty and stream_isatty(env.stdout) else None
    if command is None:
        yield env.stdout
        return
    # As git does: less quits at once when the list fits on one screen, keeps colours, and leaves the
    # screen as it is after it quits; a LESS of the user's own is left alone.
    pager_env = {**env.environ, "LESS": env.environ.get("LESS", "FRX"), "LV": env.environ.get("LV", "-c")}
    env.stdout.flush()
    process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=pager_env)
    stream = io.TextIOWrapper(process.stdin, encoding="utf-8", errors="replace", write_through=True)
    try:
        yield stream
        stream.close()
    except BrokenPipeError:
        _discard(stream)
    finally:
        process.wait()


def _discard(stream: io.TextIOWrapper) -> None:
    """The pager has gone: close its input without flushing into the broken pipe."""
    try:
        os.close(stream.fileno())
    except OSError:
        pass
    try:
        stream.close()
    except (BrokenPipeError, OSError, ValueError):
        pass
