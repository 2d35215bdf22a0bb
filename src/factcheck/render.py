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

from factcheck.model import STATUS_CODES, VERDICT_BY_CODE, VERDICTS, text_of
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


def claimant_text(record: dict) -> str:
    claimant = record.get("claimant") or {}
    name, role = claimant.get("name", ""), claimant.get("role", "")
    return f"{name} ({role})" if name and role else name or role


def best_source(record: dict) -> dict | None:
    sources = record.get("sources") or []
    primary = [s for s in sources if s.get("kind") == "primary"]
    return (primary or sources or [None])[0]


# --------------------------------------------------------------------------- search


def print_search_results(query: str, results: list, explain: bool = False) -> None:
    out = console()
    for rank, result in enumerate(results, 1):
        record = result.record
        head = Text(f"{rank}. ", style="bold")
        head.append_text(badge(record.get("status", "")))
        head.append(" ")
        head.append_text(data(record.get("claim"), "bold", single_line=True))
        out.print(head)
        meta = Text("   ")
        meta.append_text(data(claimant_text(record), "cyan", single_line=True))
        if record.get("claim_date"):
            meta.append(" · ")
            meta.append_text(data(record["claim_date"]))
        meta.append(f" · score {result.score}", style="dim")
        meta.append(" · ")
        meta.append_text(data(record.get("id"), "dim"))
        out.print(meta)
        if record.get("claim_en"):
            out.print(Text("   ") + data(record["claim_en"], "italic", single_line=True))
        source = best_source(record)
        if source:
            line = Text("   source: ", style="dim")
            line.append_text(data(source.get("publisher"), single_line=True))
            line.append(" — “")
            line.append_text(data(source.get("quote"), single_line=True))
            line.append("” ")
            line.append_text(data(source.get("url"), "blue underline"))
            out.print(line)
        if explain:
            for reason in result.explain:
                out.print(Text("   why: ", style="dim") + data(reason, "dim"))
        out.print()


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
    for lang in ("ko", "en"):
        rationale = text_of(record.get("rationale"), lang) if isinstance(record.get("rationale"), dict) else ""
        if rationale:
            parts += [Text(), Text(f"Rationale ({lang})", style="bold underline"), data(rationale)]
    if isinstance(record.get("rationale"), str):
        parts += [Text(), Text("Rationale", style="bold underline"), data(record["rationale"])]
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


def _md(text: object) -> str:
    """Escape Markdown's active characters so that data shows as written."""
    value = clean(text)
    for char in "\\`*_{}[]<>#|!":
        value = value.replace(char, "\\" + char)
    return value


def claim_markdown(record: dict) -> str:
    verdict = VERDICT_BY_CODE.get(record.get("status", ""))
    label = f"{verdict.ko} ({verdict.en})" if verdict else _md(record.get("status"))
    lines = [f"# {_md(record.get('claim'))}", ""]
    if record.get("claim_en"):
        lines += [f"*{_md(record['claim_en'])}*", ""]
    lines += [f"**Verdict: {label}**", ""]
    who = claimant_text(record)
    if who:
        lines.append(f"- Claimant: {_md(who)}")
    if record.get("claim_date"):
        lines.append(f"- Date: {_md(record['claim_date'])}")
    appearance = record.get("appearance") or {}
    if appearance.get("url"):
        title = appearance.get("title") or appearance.get("publisher") or appearance["url"]
        lines.append(f"- Appeared in: [{_md(title)}](<{clean(appearance['url'])}>)")
    if record.get("tags"):
        lines.append(f"- Tags: {_md(', '.join(record['tags']))}")
    lines.append(f"- Id: `{clean(record.get('id'))}`")
    rationale = record.get("rationale")
    if rationale:
        lines += ["", "## Rationale", ""]
        if isinstance(rationale, dict):
            for lang in ("ko", "en"):
                if rationale.get(lang):
                    lines += [_md(rationale[lang]), ""]
        else:
            lines += [_md(rationale), ""]
    lines += ["## Sources", ""]
    for i, source in enumerate(record.get("sources") or [], 1):
        title = source.get("title") or source.get("url")
        meta = ", ".join(_md(source[k]) for k in ("publisher", "published", "kind") if source.get(k))
        lines.append(f"{i}. [{_md(title)}](<{clean(source.get('url'))}>) — {meta}")
        lines.append(f"   > {_md(source.get('quote'))}")
        if source.get("archive_url"):
            lines.append(f"   (archived: <{clean(source['archive_url'])}>)")
    history = record.get("history") or []
    if history:
        lines += ["", "## History", ""]
        for entry in history:
            lines.append(f"- {_md(entry.get('date'))}: {_md(entry.get('status'))} — {_md(entry.get('note', ''))}")
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- tables


def print_claim_table(records: list[dict]) -> None:
    out = console()
    table = Table(show_lines=False, expand=False)
    table.add_column("verdict", no_wrap=True)
    table.add_column("claim", ratio=3)
    table.add_column("claimant", ratio=1)
    table.add_column("date", no_wrap=True)
    table.add_column("id", style="dim", overflow="fold")
    for record in records:
        table.add_row(
            badge(record.get("status", "")),
            data(record.get("claim"), single_line=True),
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
