"""`factcheck sources check` and `factcheck sources archive`."""

from __future__ import annotations

import sys

import click

from factcheck.cli.app import (
    EXIT_NO_MATCH,
    State,
    cli,
    json_option,
    pass_state,
    print_json,
    warn,
)

# --- sources: check cited pages, archive them (owned with sources.py, webtext.py) ------------ begin


SOURCE_STYLES = {
    "ok": "green",
    "quote-missing": "bold red",
    "changed": "yellow",
    "moved": "yellow",
    "dead": "bold red",
    "error": "magenta",
    "blocked": "bold red",
}


@cli.group(name="sources")
def sources_group():
    """Check that every source still says what its quote says, and keep archived copies.

    \b
    Examples:
      factcheck sources check
      factcheck sources check gimje-physical-ai-yeta-exemption --update
      factcheck sources check --json > checks.json
      factcheck sources archive --save
    """


def _claims_for(repo, claim_ids) -> list[dict]:
    """The named claims (a missing id is a user error), or every readable claim (others are warned about)."""
    if claim_ids:
        return [repo.load(claim_id) for claim_id in dict.fromkeys(claim_ids)]
    from factcheck.store.yaml import load_claim_file

    records = []
    for path in repo.claim_files():
        record, problems = load_claim_file(path)
        for problem in problems:
            warn(str(problem))
        if record is not None:
            records.append(record)
    return records


def _run_with_progress(work, total: int, label: str):
    """Call work(on_progress) with a rich progress bar on stderr when stderr is a terminal."""
    from factcheck.terminal import render

    console = render.console(stderr=True)
    if not console.is_terminal:
        return work(None)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        return work(lambda done, _total, _result: progress.update(task, completed=done))


@sources_group.command(name="check")
@click.argument("claim_ids", nargs=-1, metavar="[ID]...")
@click.option("--update", is_flag=True, help="Write checked, check_status, final_url and fingerprint into the claim files.")
@click.option("--allow-private", is_flag=True, help="Also fetch loopback and private-network addresses (for tests, intranets).")
# The library's DEFAULT_CONCURRENCY and DEFAULT_PER_HOST, written out so that importing the CLI
# does not import asyncio (a test keeps the two in step).
@click.option("--concurrency", default=32, show_default=True, type=click.IntRange(1, 256), help="Requests at once, in all.")
@click.option("--per-host", default=4, show_default=True, type=click.IntRange(1, 64), help="Requests at once to one host.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600), help="Seconds to connect, and to wait for each read.")
@click.option("--deadline", default=60.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds for one address in all, retries included, from its first request.")
@json_option
@pass_state
def sources_check(state: State, claim_ids, update, allow_private, concurrency, per_host, timeout, deadline, json_):
    """Fetch every source and check that its quote is still there.

    With no ID, checks every source in the repository. Each source is ok, quote-missing, changed
    (the page text differs from the last --update), moved (redirected somewhere new), dead (404/410),
    error (with the reason) or blocked (a private or non-http address). Exit 0 when all are ok,
    1 when any has a problem, 2 for a usage error.

    \b
    Examples:
      factcheck sources check
      factcheck sources check gimje-physical-ai-yeta-exemption gimje-national-budget-three-years-record
      factcheck sources check --update
      factcheck sources check --json --per-host 2
    """
    from factcheck.sources.check import apply_results, check_sources
    from factcheck.sources.results import targets_for

    records = _claims_for(state.repo, claim_ids)
    targets = [t for record in records for t in targets_for(record)]
    if not targets:
        click.echo("no sources to check", err=True)
        return
    results = _run_with_progress(
        lambda on_progress: check_sources(
            targets, allow_private=allow_private, concurrency=concurrency, per_host=per_host,
            timeout=timeout, deadline=deadline, on_progress=on_progress,
        ),
        len(targets),
        "checking sources",
    )
    updated = 0
    if update:
        by_claim: dict[str, list] = {}
        for result in results:
            by_claim.setdefault(result.claim_id, []).append(result)
        for claim_id, claim_results in by_claim.items():
            state.repo.update(claim_id, lambda doc, rs=claim_results: apply_results(doc, rs))
        updated = len(by_claim)
    if json_:
        print_json({"results": [result.as_json() for result in results]})
    else:
        _print_source_results(results)
    problems = sum(result.problem for result in results)
    summary = f"{len(results)} source(s) checked, {problems} with a problem"
    click.echo(summary + (f"; recorded in {updated} claim file(s)" if update else ""), err=True)
    if problems:
        sys.exit(EXIT_NO_MATCH)


def _print_source_results(results) -> None:
    """A table grouped by claim: claims with problems first, and within a claim its problems first."""
    from rich.table import Table
    from rich.text import Text

    from factcheck.terminal import render

    by_claim: dict[str, list] = {}
    for result in results:
        by_claim.setdefault(result.claim_id, []).append(result)
    clean_claim = {cid: not any(r.problem for r in rs) for cid, rs in by_claim.items()}
    table = Table(show_lines=False, expand=False)
    table.add_column("claim", overflow="fold", style="bold")
    table.add_column("#", justify="right")
    table.add_column("status", no_wrap=True)
    table.add_column("http", justify="right")
    table.add_column("quote", justify="right", no_wrap=True)
    table.add_column("address / reason", overflow="fold", ratio=1)
    for claim_id in sorted(by_claim, key=lambda cid: (clean_claim[cid], cid)):
        rows = sorted(by_claim[claim_id], key=lambda r: (not r.problem, r.index))
        for n, result in enumerate(rows):
            detail = Text()  # a plain base: only the addresses are blue
            detail.append_text(render.data(result.url, "blue"))
            if result.final_url and result.final_url != result.url:
                detail.append("\n→ ")
                detail.append_text(render.data(result.final_url, "blue"))
            if result.error:
                detail.append("\n")
                detail.append_text(render.data(result.error, single_line=True))
            elif result.status == "quote-missing" and result.closest:
                detail.append("\nclosest on the page: ", style="dim")
                detail.append_text(render.data(result.closest, "italic", single_line=True))
            score = "" if result.quote_score is None else f"{result.quote_score:g}"
            table.add_row(
                render.data(claim_id) if n == 0 else Text(""),
                Text(str(result.index + 1)),
                Text(result.status, style=SOURCE_STYLES.get(result.status, "")),
                Text("" if result.http_status is None else str(result.http_status)),
                Text(score),
                detail,
            )
        table.add_section()
    render.console().print(table)


@sources_group.command(name="archive")
@click.argument("claim_ids", nargs=-1, metavar="[ID]...")
@click.option("--save", is_flag=True, help="Ask Save Page Now to archive each page first (slow: one at a time).")
@json_option
@pass_state
def sources_archive(state: State, claim_ids, save, json_):
    """Record an Internet Archive copy (archive_url) for every source that has none.

    Asks the Wayback Machine's availability API for the closest snapshot; with --save, asks Save
    Page Now to make a fresh one first. The claim files keep their comments and key order.
    Exit 0 when every source got a copy, 1 when some have none. FACTCHECK_WAYBACK_URL and
    FACTCHECK_SAVE_URL point at other servers (for tests).

    \b
    Examples:
      factcheck sources archive
      factcheck sources archive gimje-physical-ai-yeta-exemption --save
    """
    from factcheck.sources.archive import (
        apply_archive,
        archive_sources,
        archive_targets,
    )

    records = _claims_for(state.repo, claim_ids)
    targets = [t for record in records for t in archive_targets(record)]
    if not targets:
        click.echo("every source already has an archive_url", err=True)
        if json_:
            print_json({"results": []})
        return
    results = _run_with_progress(
        lambda on_progress: archive_sources(targets, save=save, on_progress=on_progress),
        len(targets),
        "asking the Internet Archive",
    )
    by_claim: dict[str, list] = {}
    for result in results:
        if result.archive_url:
            by_claim.setdefault(result.claim_id, []).append(result)
    for claim_id, claim_results in by_claim.items():
        state.repo.update(claim_id, lambda doc, rs=claim_results: apply_archive(doc, rs))
    if json_:
        print_json({"results": [result.as_json() for result in results]})
    else:
        _print_archive_results(results)
    missing = sum(result.archive_url is None for result in results)
    click.echo(f"{len(results) - missing} archive copy(ies) recorded, {missing} source(s) without one", err=True)
    if missing:
        sys.exit(EXIT_NO_MATCH)


def _print_archive_results(results) -> None:
    from rich.text import Text

    from factcheck.terminal import render

    out = render.console()
    for result in sorted(results, key=lambda r: (r.archive_url is not None, r.claim_id, r.index)):
        line = render.data(f"{result.claim_id} #{result.index + 1} ", "bold")
        line.append_text(render.data(result.url, "blue"))
        if result.archive_url:
            line.append_text(Text(" → saved " if result.saved else " → ", style="green"))
            line.append_text(render.data(result.archive_url))
        else:
            line.append_text(Text(" no archive copy", style="red"))
            if result.error:
                line.append_text(render.data(f": {result.error}", single_line=True))
        out.print(line)


# --- sources ------------------------------------------------------------------------------------ end
