"""`factcheck sources check` and `factcheck sources archive`."""

from __future__ import annotations

import click

from factcheck.cli.app import State, SuggestingGroup, UserError, cli, complete_claim_id, json_option, pass_state
from factcheck.i18n import _
from factcheck.sources.defaults import DEFAULT_CONCURRENCY, DEFAULT_DEADLINE, DEFAULT_PER_HOST, DEFAULT_TIMEOUT
from factcheck.terminal.outcomes import Notice, SourcesArchived, SourcesChecked, packed_not_checked_note


@cli.group(name="sources", cls=SuggestingGroup)
def sources_group():
    """Check that every source still says what its quote says, and keep archived copies.

    \b
    Examples:
      factcheck sources check
      factcheck sources check gimje-physical-ai-yeta-exemption --update
      factcheck sources check --json > checks.json
      factcheck sources archive --save
    """


def _claims_for(state: State, claim_ids, update: bool = False) -> tuple[list[dict], int]:
    """The named claims, packed ones included (a missing id is a user error), or every readable claim file's
    (others are warned about); with how many packed claims that leaves out. A million packed claims' sources are a
    crawl of other publishers' pages, not a check, so only those named are fetched; their lines cannot take
    --update's results (adopt them first), which is said before anything is fetched."""
    from factcheck.search.index import open_index

    repo = state.repo
    if claim_ids:
        records = [state.claim(claim_id) for claim_id in dict.fromkeys(claim_ids)]
        if update:
            index = open_index(repo)
            for record in records:
                path, line = index.where(record["id"])
                if line:
                    raise UserError(_("{id} is a packed claim (line {line} of {pack}): --update cannot write into a "
                                      "pack; `factcheck adopt {id}` makes it a claim file first").format(
                                          id=record["id"], line=line, pack=path))
        return records, 0
    from factcheck.store.yaml import load_claim_file

    records = []
    for path in repo.claim_files():
        record, problems = load_claim_file(path)
        for problem in problems:
            state.out.warn(problem)
        if record is not None:
            records.append(record)
    return records, open_index(repo).packed_count() if any(repo.pack_files()) else 0


def _run_with_progress(state: State, work, total: int, label: str):
    """Call work(on_progress), with a progress bar on stderr when it is a terminal."""
    with state.out.progress(label, total) as bar:
        return work(None if bar is None else lambda done, _total, _result: bar.update(done))


def _record(state: State, results: list, apply) -> int:
    """Write results back into their claim files with `apply(doc, results)`; the number of files written."""
    from factcheck.sources.results import group_by_claim

    by_claim = group_by_claim(results)
    for claim_id, claim_results in by_claim.items():
        state.repo.update(claim_id, lambda doc, rs=claim_results: apply(doc, rs))
    return len(by_claim)


@sources_group.command(name="check")
@click.argument("claim_ids", nargs=-1, metavar="[ID]...", shell_complete=complete_claim_id)
@click.option("--update", is_flag=True, help="Write checked, check_status, final_url and fingerprint into the claim files.")
@click.option("--allow-private", is_flag=True, help="Also fetch loopback and private-network addresses (for tests, intranets).")
@click.option("--concurrency", default=DEFAULT_CONCURRENCY, show_default=True, type=click.IntRange(1, 256), help="Requests at once, in all.")
@click.option("--per-host", default=DEFAULT_PER_HOST, show_default=True, type=click.IntRange(1, 64), help="Requests at once to one host.")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(0.1, 600), help="Seconds to connect, and to wait for each read.")
@click.option("--deadline", default=DEFAULT_DEADLINE, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds for one address in all, retries included, from its first request.")
@json_option
@pass_state
def sources_check(state: State, claim_ids, update, allow_private, concurrency, per_host, timeout, deadline):
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

    if update:
        state.repo.writable()  # before fetching anything that could not be written back
    records, packed_not_checked = _claims_for(state, claim_ids, update)
    targets = [t for record in records for t in targets_for(record)]
    if not targets:
        return Notice("\n".join([_("no sources to check"), *packed_not_checked_note(packed_not_checked)]),
                      data={"results": [], "packed_claims_not_checked": packed_not_checked})
    results = _run_with_progress(
        state,
        lambda on_progress: check_sources(
            targets, allow_private=allow_private, concurrency=concurrency, per_host=per_host,
            timeout=timeout, deadline=deadline, on_progress=on_progress,
        ),
        len(targets),
        _("checking sources"),
    )
    recorded_in = _record(state, results, apply_results) if update else None
    return SourcesChecked(results, recorded_in, packed_not_checked)



@sources_group.command(name="archive")
@click.argument("claim_ids", nargs=-1, metavar="[ID]...", shell_complete=complete_claim_id)
@click.option("--save", is_flag=True, help="Ask Save Page Now to archive each page first (slow: one at a time).")
@json_option
@pass_state
def sources_archive(state: State, claim_ids, save):
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
    from factcheck.sources.archive import apply_archive, archive_sources, archive_targets
    from factcheck.sources.defaults import SAVE_URL_ENV, WAYBACK_URL_ENV

    state.repo.writable()  # what the archive answers is written into the claim files
    records, _packed = _claims_for(state, claim_ids, update=True)  # what the archive answers is written back
    targets = [t for record in records for t in archive_targets(record)]
    if not targets:
        return Notice(_("every source already has an archive_url"), data={"results": []})
    env = state.env
    results = _run_with_progress(
        state,
        lambda on_progress: archive_sources(targets, save=save, on_progress=on_progress,
                                            wayback=env.get(WAYBACK_URL_ENV), save_to=env.get(SAVE_URL_ENV)),
        len(targets),
        _("asking the Internet Archive"),
    )
    _record(state, [result for result in results if result.archive_url], apply_archive)
    return SourcesArchived(results)

