"""Commands that read claims: search, show, list, stats and index."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from factcheck.cli.app import (
    State,
    UserError,
    all_option,
    cli,
    complete_claim_id,
    json_option,
    nothing_matched,
    pass_state,
    state_option,
    status_option,
    tag_option,
    write_output,
)
from factcheck.i18n import _
from factcheck.model import select_records, state_of
from factcheck.publish.formats import CLAIM_FORMATS
from factcheck.terminal import outcomes

# --------------------------------------------------------------------------- search

MAX_QUERY_CHARS = 20_000  # an article's worth; the rest of a longer paste is not read


def query_text(state: State, words: tuple[str, ...]) -> str:
    """The query: the words given, or with `-` alone, what stdin holds (a pasted post or article)."""
    if words == ("-",):
        stdin = state.env.stdin
        data = getattr(stdin, "buffer", None)
        if data is None:
            return stdin.read(MAX_QUERY_CHARS)
        return data.read(4 * MAX_QUERY_CHARS).decode("utf-8", errors="replace")[:MAX_QUERY_CHARS]
    return " ".join(words)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 1000))
@status_option
@tag_option
@state_option
@click.option("--explain", is_flag=True, help="Show why each result matched, soft matches by meaning included.")
@click.option("--meaning/--no-meaning", default=None,
              help="Match by meaning too (default: for a sentence or post whose words match nothing).")
@json_option
@pass_state
def search(state: State, query, limit, status, tag, state_, explain, meaning):
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

    text = query_text(state, query)
    if not text.strip():
        raise UserError(_("empty query: type what you are looking for, e.g. factcheck search 예타 면제"))
    depth = SEARCH_DEPTH if state_ else limit  # the state is not in the index: filter a deeper list
    found = search_claims(state.repo, text, limit=depth, status=status, tag=tag, explain=explain, meaning=meaning)
    results = [r for r in found.results if not state_ or state_of(r.record) == state_][:limit]
    related = [r for r in found.related if not state_ or state_of(r.record) == state_]
    return outcomes.Searched(text, results, explain, related=related, problems=found.problems,
                             without_meaning="meaning" in found.skipped)


# --------------------------------------------------------------------------- show / report

REPORT_FORMATS = ("text", *CLAIM_FORMATS)  # text: the terminal view, or Markdown into a file
# What a file written with -o holds, said when it is written: `show -o x` writes Markdown, not the terminal view.
FORMAT_NAMES = {"md": "Markdown", "json": "JSON", "html": "HTML", "claimreview": "ClaimReview JSON-LD"}
SEARCH_DEPTH = 1000


@cli.command()
@click.argument("claim_id", shell_complete=complete_claim_id)
@click.option(
    "--format", "-f", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@click.option("--site", help="Base URL where reports are published (for html and claimreview).")
@all_option
@pass_state
def show(state: State, claim_id, fmt, output, site, all_):
    """Print one claim's full report: verdict, rationale, sources with quotes, history.

    Corrections come first; other outlets' reviews of the same claim (imported) come after the
    sources. A claim that is not published gets no ClaimReview unless --all.

    \b
    Examples:
      factcheck show gimje-physical-ai-yeta-exemption
      factcheck report gimje-physical-ai-yeta-exemption --format md
      factcheck report gimje-physical-ai-yeta-exemption --format html -o report.html
      factcheck report gimje-physical-ai-yeta-exemption --format claimreview
    """
    from factcheck.exchange.compare import other_reviews
    from factcheck.publish.formats import claim_text, settings_for
    from factcheck.terminal.desk_outcomes import ClaimWithDesk

    record = state.claim(claim_id)
    if fmt == "claimreview" and state_of(record) != "published" and not all_:
        raise UserError(_("{id} is not published ({state}): add --all to make its ClaimReview anyway").format(
            id=claim_id, state=state_of(record)))
    others = other_reviews(state.repo, record) if fmt in ("text", "md", "html") else None
    if fmt == "text" and output is None:
        return ClaimWithDesk(record, others)
    fmt = "md" if fmt == "text" else fmt
    settings = settings_for(fmt, state.repo.root, site)
    gaps = []
    if fmt == "claimreview":
        from factcheck.exchange.claimreview import missing_fields

        gaps = missing_fields([record], settings)
    text = claim_text(record, fmt, settings, others) + "\n"
    if output is None:
        return outcomes.Document(text, problems=gaps)
    write_output(output, text)
    return outcomes.Notice(_("wrote {path} ({format})").format(path=output, format=FORMAT_NAMES[fmt]), problems=gaps)


cli.add_command(show, name="report")


# --------------------------------------------------------------------------- list / stats


LIST_SORTS = ("id", "date", "verdict", "claimant")  # store.listing.SORTS, named here: --help loads no store code


@cli.command(name="list")
@status_option
@tag_option
@state_option
@click.option("--sort", type=click.Choice(LIST_SORTS), default="id", show_default=True,
              help="Order: id (A to Z), date (newest first, undated last), verdict (true first, in the scale's "
              "order) or claimant (by name).")
@click.option("--limit", "-n", type=click.IntRange(1), help="Show the first N claims only.")
@click.option("--pager/--no-pager", default=True, show_default=True,
              help="On a terminal, show a long list through $PAGER (else less).")
@json_option
@pass_state
def list_claims(state: State, status, tag, state_, sort, limit, pager):
    """List claims: on a terminal a table, with a count per verdict; into a pipe one claim per line.

    Claims are shown whole: the table wraps them, and an id is never broken. Into a pipe or a
    file it prints tab-separated columns under a header (id, verdict, state, date, claimant,
    claim), for cut, sort or a spreadsheet. A tag filter takes a part of a tag, spaces and case
    aside (--tag 예타 finds 예타 면제). No claim to list says so on stderr (exit 1).

    \b
    Examples:
      factcheck list
      factcheck list --status half-true --tag 예타
      factcheck list --sort date --limit 5
      factcheck list --state draft
      factcheck list | cut -f1,2
      factcheck list --json
    """
    from factcheck.store.listing import sorted_records

    everything = state.index().records()
    chosen = [{**r, "state": state_of(r)} for r in select_records(everything, status, tag)
              if not state_ or state_of(r) == state_]
    chosen = sorted_records(chosen, sort)
    counts = Counter(r.get("status") for r in chosen)
    none_found = "" if chosen else nothing_matched(state, everything, status, tag, state_)
    return outcomes.ClaimList(chosen[:limit], matched=len(chosen), counts=counts, none_found=none_found, page=pager)


@cli.command()
@json_option
@pass_state
def stats(state: State):
    """Counts by verdict, by claimant and by tag, as bar charts.

    \b
    Examples:
      factcheck stats
      factcheck stats --json
    """
    from factcheck.store.stats import claim_stats

    return outcomes.Stats(claim_stats(state.index().records()))


# --------------------------------------------------------------------------- index


@cli.command()
@click.option("--rebuild", is_flag=True, help="Throw the index away and build it again.")
@click.option("--embed", is_flag=True,
              help="Embed every claim for search by meaning (needs the `meaning` extra; minutes per thousand claims).")
@json_option
@pass_state
def index(state: State, rebuild, embed):
    """Refresh the search index (a cache of claims/, kept out of git) and show its state.

    Searches refresh it on their own; this is for a first build of a large repository, to
    check every file after bulk edits, or to see where it lives. With the `meaning` extra
    installed, --embed compares every claim by meaning with what is searched, not only the
    claims its words find (a search embeds those itself).

    \b
    Examples:
      factcheck index
      factcheck index --rebuild --json
    """
    from factcheck.search.index import open_index

    opened = open_index(state.repo, rebuild=rebuild, full=True)
    info = opened.info()
    if embed:
        from factcheck.search import embedding

        if embedding.model() is None:
            raise UserError(_("--embed needs the meaning extra: pip install 'factcheck[meaning]'"))
        vectors = embedding.Vectors(opened)
        todo = embedding.pending(opened, vectors, opened.ids())
        with state.out.progress(_("embedding claims"), len(todo)) as bar:
            info["embedded"] = embedding.embed(vectors, todo, on_progress=(lambda done, _n: bar.update(done))
                                               if bar else None)
        info["vectors"] = str(vectors.path)
    return outcomes.IndexState(info)
