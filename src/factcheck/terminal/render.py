"""Terminal and Markdown rendering of claims.

Every piece of data goes into a `rich.text.Text` after `clean()`, so `[bold]` in a claim prints as
those characters and an escape sequence is shown, never obeyed. Colour follows rich's own rules:
off for NO_COLOR, TERM=dumb and non-TTY output.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.model import (
    STATUS_CODES,
    VERDICT_BY_CODE,
    VERDICTS,
    claimant_text,
    text_of,
)
from factcheck.textclean import clean


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False)


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


def print_lines(lines: list[list[tuple[str, str]]]) -> None:
    """Print layout lines (lists of (text, style) spans) with colour, wrapping and badges."""
    out = console()
    for spans in lines:
        line = Text()
        for text, style in spans:
            if style.startswith("badge:"):
                line.append_text(badge(style[6:]))
            else:
                line.append(text, style=style)
        out.print(line)


# --------------------------------------------------------------------------- one claim


def print_claim(record: dict) -> None:
    out = console()
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
        line = Text("appeared in: ", style="dim")
        line.append_text(data(" · ".join(str(appearance[k]) for k in ("publisher", "title", "date") if appearance.get(k))))
        if appearance.get("url"):
            line.append(" ")
            line.append_text(data(appearance["url"], "blue underline"))
        parts.append(line)
    rationale = record.get("rationale")
    for lang in ("ko", "en") if isinstance(rationale, dict) else (None,):
        text = text_of(rationale, lang)
        if text:
            title = f"Rationale ({lang})" if lang else "Rationale"
            parts += [Text(), Text(title, style="bold underline"), data(text)]
    sources = record.get("sources") or []
    parts += [Text(), Text(f"Sources ({len(sources)})", style="bold underline")]
    for i, source in enumerate(sources, 1):
        head = Text(f"{i}. ")
        head.append_text(data(source.get("publisher"), "bold"))
        for key in ("title", "published", "kind"):
            if source.get(key):
                head.append(" · ")
                head.append_text(data(source[key]))
        if source.get("check_status"):
            head.append(f" · checked {clean(source.get('checked', ''))}: {clean(source['check_status'])}", style="dim")
        parts += [head, Text("   “") + data(source.get("quote"), "green") + Text("”"),
                  Text("   ") + data(source.get("url"), "blue underline")]
        if source.get("archive_url"):
            parts.append(Text("   archive: ", style="dim") + data(source["archive_url"], "blue"))
    history = record.get("history") or []
    if history:
        parts += [Text(), Text("History", style="bold underline")]
        for entry in history:
            line = data(entry.get("date")) + Text(" ") + badge(entry.get("status", ""))
            if entry.get("note"):
                line += Text(" ") + data(entry["note"])
            parts.append(line)
    if record.get("tags"):
        parts += [Text(), Text("tags: ", style="dim") + data(", ".join(record["tags"]))]
    return Group(*parts)


# --------------------------------------------------------------------------- tables


def print_claim_table(records: list[dict]) -> None:
    from factcheck.terminal.desk import state_badge

    out = console()
    table = Table(show_lines=False, expand=False)
    table.add_column("verdict", no_wrap=True)
    table.add_column("claim", ratio=3)
    table.add_column("claimant", ratio=1)
    table.add_column("date", no_wrap=True)
    table.add_column("id", style="dim", overflow="fold")
    for record in records:
        claim, mark = data(record.get("claim"), single_line=True), state_badge(record)
        table.add_row(
            badge(record.get("status", "")),
            claim if mark is None else mark + Text(" ") + claim,
            data(claimant_text(record), single_line=True),
            data(record.get("claim_date", "")),
            data(record.get("id")),
        )
    out.print(table)
    counts = Counter(r.get("status") for r in records)
    summary = Text(f"{len(records)} claim(s): ")
    for i, code in enumerate(c for c in STATUS_CODES if counts.get(c)):
        if i:
            summary.append(" · ")
        summary.append_text(badge(code))
        summary.append(f" {counts[code]}")
    out.print(summary)


def print_stats(counts: dict) -> None:
    out = console()
    for title, key in (("By verdict", "by_status"), ("By claimant", "by_claimant"), ("By tag", "by_tag")):
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
    out.print(Text(f"{counts.get('total', 0)} claim(s)"))


# --------------------------------------------------------------------------- add


def print_duplicates(duplicates: list) -> None:
    out = console(stderr=True)
    out.print(Text("warning: near-duplicate claims already stored:", style="yellow"))
    for similarity, record in duplicates:
        line = Text(f"  {similarity:>3}% ")
        line.append_text(badge(record.get("status", "")))
        line.append(" ")
        line.append_text(data(record.get("claim"), single_line=True))
        line.append("  ")
        line.append_text(data(record.get("id"), "dim"))
        out.print(line)


PROMPTS = (
    ("claim_text", "Claim (as said)", True),
    ("claim_en", "English translation", False),
    ("claimant", "Claimant", True),
    ("claimant_role", "Claimant's role", False),
    ("claim_date", "Date said (YYYY-MM-DD, YYYY-MM or YYYY)", False),
    ("rationale", "Rationale", False),
)


def prompt_missing_fields(fields: dict) -> dict:
    """Ask on stderr for what the flags did not give."""
    from rich.prompt import Prompt

    ask = console(stderr=True)
    fields = dict(fields)
    for key, label, required in PROMPTS:
        while not fields.get(key):
            value = Prompt.ask(label, console=ask, default="" if not required else None)
            fields[key] = (value or "").strip() or None
            if not required:
                break
    if not fields.get("status"):
        choices = [v.code for v in VERDICTS]
        fields["status"] = Prompt.ask("Verdict", console=ask, choices=choices, default="unverified")
    if not fields.get("source_urls") and fields["status"] != "unverified":
        url = Prompt.ask("Source URL", console=ask)
        publisher = Prompt.ask("Source publisher", console=ask)
        quote = Prompt.ask("Exact quote at that source", console=ask)
        fields.update(source_urls=(url,), publishers=(publisher,), quotes=(quote,))
    return fields
