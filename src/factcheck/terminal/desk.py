"""The desk in the terminal: state badges, correction notices, other fact-checks, the queue, a claim's story,
and where other outlets disagree. Data always goes through `render.data`, so it shows as the text it is.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.i18n import _
from factcheck.model import STATE_LABELS, VERDICT_BY_CODE, state_of
from factcheck.store.desk import previous_verdict
from factcheck.terminal.render import badge, data

STATE_STYLE = {"draft": "bold white on magenta", "review": "bold black on cyan", "published": "bold"}


def state_badge(record: dict) -> Text | None:
    """A badge for a claim that is not published; None for a published one (the usual case says nothing)."""
    state = state_of(record)
    if state == "published":
        return None
    ko, en = STATE_LABELS[state]
    return Text(f" {ko} · {en} ", style=STATE_STYLE[state])


def print_desk_header(out: Console, record: dict) -> None:
    """What a reader of `show` must see first: the claim's state when unpublished, and its corrections."""
    mark = state_badge(record)
    if mark is not None:
        line = mark + Text(" " + _("not published"))
        for label, key in ((_("assignee"), "assignee"), (_("checked by"), "checked_by")):
            if record.get(key):
                line += Text(f" · {label} ") + data(record[key], "cyan", single_line=True)
        out.print(line)
    corrections = sorted(record.get("corrections") or [], key=lambda c: str(c.get("date")), reverse=True)
    for c in corrections:
        line = Text(" 정정 · Correction ", style="bold black on yellow") + Text(" ") + data(c.get("date"))
        line += Text(" ") + data(c.get("note"))
        previous = VERDICT_BY_CODE.get(previous_verdict(c) or "")
        if previous:
            was_before, was_after = _("(was {verdict})").split("{verdict}")  # the verdict is a badge between
            line += Text(" " + was_before) + badge(previous.code) + Text(was_after)
        out.print(line)


def _other_review(other, lead: str, with_claim: bool) -> list[Text]:
    """One other outlet's review: who, their verdict (and their own words for it), when, how similar, where."""
    line = Text(lead) + data(other.publisher or "?", "bold", single_line=True) + Text(" ") + badge(other.status)
    if other.own_words:
        line += Text(" “") + data(other.own_words, single_line=True) + Text("”")
    if other.date:
        line += Text(" · ") + data(other.date)
    lines = [line + Text(" · " + _("{n}% similar").format(n=other.similarity), style="dim")]
    if with_claim:
        lines.append(Text("    ") + data(other.claim, single_line=True))
    if other.url:
        lines.append(Text("    ") + data(other.url, "blue underline"))
    return lines


def print_others(out: Console, others: list) -> None:
    """Other outlets' reviews of the same claim, after the claim's own panel."""
    if not others:
        return
    out.print(Text("다른 팩트체크 · Other fact-checks", style="bold underline"))
    for other in others:
        for line in _other_review(other, "  ", with_claim=True):
            out.print(line)


def print_queue(out: Console, items: list) -> None:
    """One row per claim; the claim's own cell also holds its id and what it lacks, so the Korean text
    gets the width it needs and wraps only between words."""
    table = Table(expand=False)
    table.add_column(_("state"), no_wrap=True)
    table.add_column(_("age"), justify="right", no_wrap=True)
    table.add_column(_("assignee"), overflow="fold")
    # fold, not rich's default ellipsis: at an exact fit, ellipsis crops a Korean word for its trailing space
    table.add_column(_("claim · id · missing"), ratio=3, overflow="fold")
    for item in items:
        cell = data(item.claim, single_line=True) + Text("\n") + data(item.id, "dim")
        if item.missing:
            cell += Text("  " + _("missing: "), style="dim") + data(", ".join(item.missing), "yellow")
        table.add_row(
            state_badge({"state": item.state}),
            "?" if item.age_days is None else _("{n}d").format(n=item.age_days),
            data(item.assignee or "—", single_line=True),
            cell,
        )
    out.print(table)
    out.print(Text(_("{n} claim(s) in the queue, oldest first").format(n=len(items))))


def print_story(out: Console, events: list) -> None:
    table = Table(show_header=False, box=None, pad_edge=False)
    for column in ("date", "what", "who", "detail"):
        table.add_column(column, overflow="fold", no_wrap=column == "date")
    for event in events:
        if event.kind == "commit":
            what = Text(_("commit {commit}").format(commit=event.commit[:8]), style="yellow")
            detail = data(event.note, single_line=True)
            if event.changed:
                detail += Text("\n" + _("changed: "), style="dim") + data(", ".join(event.changed), "dim")
        else:
            what = badge(event.status) if event.status in VERDICT_BY_CODE else Text("")
            if event.state:
                what += Text(" ") + Text(STATE_LABELS[event.state][1], style=STATE_STYLE[event.state])
            detail = data(event.note, single_line=True)
            if not event.committed:
                detail += Text("  " + _("(not committed yet)"), style="dim")
        when = event.when[:16].replace("T", " ") if event.when else event.date
        table.add_row(data(when), what, data(event.by or "—", "cyan", single_line=True), detail)
    out.print(table)


def print_comparisons(out: Console, comparisons: list) -> None:
    for comparison in comparisons:
        record = comparison.record
        head = badge(record["status"]) + Text(" ") + data(record.get("claim"), "bold", single_line=True)
        mark = state_badge(record)
        if mark is not None:
            head += Text(" ") + mark
        out.print(head)
        out.print(Text("  ") + data(record["id"], "dim"))
        for other in comparison.others:
            for line in _other_review(other, "  ≠ ", with_claim=False):
                out.print(line)
        out.print()
    out.print(Text(_("{n} claim(s) where another fact-checker's verdict differs").format(n=len(comparisons))))


def print_claim_with_desk(out: Console, shown) -> None:
    """`show`: the desk's header (state, corrections), the claim's panel, then other outlets' reviews."""
    from factcheck.terminal.render import print_claim

    print_desk_header(out, shown.record)
    print_claim(out, shown.record)
    print_others(out, shown.others)
