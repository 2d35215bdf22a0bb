"""Commands that read claims: search, show, list, stats and index."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from factcheck.cli.app import (
    EXIT_NO_MATCH,
    State,
    UserError,
    cli,
    json_option,
    pass_state,
    print_json,
    status_option,
    tag_option,
    warn,
)

# --------------------------------------------------------------------------- search


MAX_QUERY_CHARS = 20_000  # an article's worth; the rest of a longer paste is not read


def query_text(words: tuple[str, ...]) -> str:
    """The query: the words given, or with `-` alone, what stdin holds (a pasted post or article)."""
    if words == ("-",):
        data = sys.stdin.buffer.read(4 * MAX_QUERY_CHARS)
        return data.decode("utf-8", errors="replace")[:MAX_QUERY_CHARS]
    return " ".join(words)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 1000))
@status_option
@tag_option
@click.option("--explain", is_flag=True, help="Show why each result matched, soft matches by meaning included.")
@click.option("--meaning/--no-meaning", default=None,
              help="Also match by meaning even when words match (default: only when they match nothing).")
@json_option
@pass_state
def search(state: State, query, limit, status, tag, explain, meaning, json_):
    """Search claims in the words you would type, or with a sentence, a post or an article.

    Korean with typos, no spaces, particles, 초성, abbreviations, numbers and dates written any
    way, or English. A pasted sentence or post (links, @handles, #hashtags and emoji are taken
    apart) finds the claim it repeats. Prints ranked matches, then claims that may be the same
    claim said otherwise ("관련 있을 수 있는 주장 · Possibly related", with their similarity);
    with no match it says "no matching claim" (exit 1), related claims still shown.

    \b
    Examples:
      factcheck search 예타 면제 언제
      factcheck search "ㅇㅌ ㅁㅈ"
      factcheck search 8/22 국무회의 --explain
      factcheck search "national budget three years" --json
      pbpaste | factcheck search -
    """
    from factcheck.search.ranking import search_claims

    text = query_text(query)
    if not text.strip():
        raise UserError("empty query: type what you are looking for, e.g. factcheck search 예타 면제")
    outcome = search_claims(state.repo, text, limit=limit, status=status, tag=tag, explain=explain,
                            meaning=meaning)
    for problem in outcome.problems:
        warn(str(problem))
    if json_:
        print_json(
            {
                "query": text,
                "results": [result.as_json(explain=explain) for result in outcome.results],
                "related": [result.as_json(explain=explain) for result in outcome.related],
            }
        )
    else:
        from factcheck.terminal.layout import plain_text, search_lines

        if not outcome.results:  # said first: what follows, if anything, is only related
            sys.stdout.flush()
            click.echo("no matching claim", err=True)
        lines = search_lines(outcome.results, explain=explain, related=outcome.related)
        if sys.stdout.isatty():
            from factcheck.terminal import render

            render.print_lines(lines)
        else:  # a pipe or file: plain lines, no terminal library to load
            click.echo(plain_text(lines), nl=False)
    if not outcome.results:
        if json_:
            click.echo("no matching claim", err=True)
        sys.exit(EXIT_NO_MATCH)


# --------------------------------------------------------------------------- show / report

REPORT_FORMATS = ("text", "md", "json", "html", "claimreview")


def render_report(repo, record: dict, fmt: str, site: str | None = None) -> str:
    """The claim as text in one of REPORT_FORMATS (except the rich terminal view)."""
    if fmt == "md":
        from factcheck.publish.markdown import claim_markdown

        return claim_markdown(record)
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2)
    from factcheck.exchange.claimreview import to_claimreview
    from factcheck.store.settings import load_settings

    settings = load_settings(repo.root, site=site)
    if fmt == "claimreview":
        return json.dumps(to_claimreview(record, settings), ensure_ascii=False, indent=2)
    from factcheck.publish.html import render_claim_page

    return render_claim_page(record, settings)


@cli.command()
@click.argument("claim_id")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@click.option("--site", help="Base URL where reports are published (for html and claimreview).")
@pass_state
def show(state: State, claim_id, fmt, output, site):
    """Print one claim's full report: verdict, rationale, sources with quotes, history.

    \b
    Examples:
      factcheck show gimje-physical-ai-yeta-exemption
      factcheck report gimje-physical-ai-yeta-exemption --format md
      factcheck report gimje-physical-ai-yeta-exemption --format html -o report.html
      factcheck report gimje-physical-ai-yeta-exemption --format claimreview
    """
    from factcheck.search.index import open_index

    index = open_index(state.repo)
    for problem in index.problems:
        if problem.path.stem == claim_id:
            raise UserError(str(problem))
        warn(str(problem))
    record = index.get(claim_id)
    if fmt == "text" and output is None:
        from factcheck.terminal import render

        render.print_claim(record)
        return
    text = render_report(state.repo, record, "md" if fmt == "text" else fmt, site)
    if output is None:
        click.echo(text)
    else:
        from factcheck.store.files import atomic_write

        atomic_write(output.resolve(), text.encode("utf-8") + b"\n", overwrite=True)
        click.echo(f"wrote {output}", err=True)


cli.add_command(show, name="report")


# --------------------------------------------------------------------------- list / stats


@cli.command(name="list")
@status_option
@tag_option
@json_option
@pass_state
def list_claims(state: State, status, tag, json_):
    """List all claims in a table, with a count per verdict.

    \b
    Examples:
      factcheck list
      factcheck list --status half-true --tag 예타
      factcheck list --json
    """
    from factcheck.search.index import open_index

    index = open_index(state.repo)
    for problem in index.problems:
        warn(str(problem))
    records = [r for r in index.records() if _wanted(r, status, tag)]
    if json_:
        print_json({"claims": records})
        return
    from factcheck.terminal import render

    render.print_claim_table(records)


def _wanted(record: dict, status: str | None, tag: str | None) -> bool:
    if status and record.get("status") != status:
        return False
    return not tag or tag in (record.get("tags") or [])


@cli.command()
@json_option
@pass_state
def stats(state: State, json_):
    """Counts by verdict, by claimant and by tag, as bar charts.

    \b
    Examples:
      factcheck stats
      factcheck stats --json
    """
    from factcheck.search.index import open_index
    from factcheck.store.stats import claim_stats

    index = open_index(state.repo)
    for problem in index.problems:
        warn(str(problem))
    counts = claim_stats(index.records())
    if json_:
        print_json(counts)
        return
    from factcheck.terminal import render

    render.print_stats(counts)


# --------------------------------------------------------------------------- index


@cli.command()
@click.option("--rebuild", is_flag=True, help="Throw the index away and build it again.")
@json_option
@pass_state
def index(state: State, rebuild, json_):
    """Refresh the search index (a cache of claims/, kept out of git) and show its state.

    Searches refresh it on their own; this is for a first build of a large repository, to
    check every file after bulk edits, or to see where it lives.

    \b
    Examples:
      factcheck index
      factcheck index --rebuild --json
    """
    from factcheck.search.index import open_index

    idx = open_index(state.repo, rebuild=rebuild, full=True)
    info = idx.info()
    if json_:
        print_json(info)
    else:
        for key, value in info.items():
            click.echo(f"{key}: {value}")
