"""`factcheck import` and `factcheck export`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from factcheck.cli.app import (
    EXIT_NO_MATCH,
    EXIT_USER_ERROR,
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

# --- import / export (owned with claimreview.py, importers.py, exporters.py, google_api.py) ---- begin


class DefaultSubcommandGroup(click.Group):
    """A group whose first argument is a subcommand only when it names one; otherwise `default` runs.

    So `factcheck import FILE` reads a file and `factcheck import google --query …` asks the API.
    (A file literally named `google` can be imported as `./google`.)
    """

    default = "file"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default, *args]
        return super().parse_args(ctx, args)


IMPORT_SHOWN = 20  # duplicates and invalid items listed on stderr; --json lists them all


@cli.group(name="import", cls=DefaultSubcommandGroup, subcommand_metavar="PATH|- [OPTIONS] | google --query Q [OPTIONS]")
def import_group():
    """Import fact-checks: ClaimReview JSON-LD, a Google Fact Check Tools response, CSV/TSV, or the live API.

    New claims go to claims/imported/<publisher>/. Importing is idempotent: an item that repeats a
    stored claim (same review URL, or the same claim text) is reported as a duplicate of that claim's
    id, never merged. Unreadable items are listed with their position and reason and skipped.
    Exit 0 when the file was read (even if everything was a duplicate), 2 when nothing could be read.

    \b
    Examples:
      factcheck import reviews.json
      factcheck import google-response.json --json
      cat reviews.jsonl | factcheck import -
      factcheck import snu.csv --publisher SNU팩트체크 --language ko \\
        --map "claim=title,claim_date=date,rating=judge,appearance=source,url=https://factcheck.snu.ac.kr/facts/show?id={id}"
      factcheck import google --query "기후 변화" --language ko --max-age-days 30
    """


@import_group.command(name="file")
@click.argument("source", metavar="PATH|-")
@click.option(
    "--format", "fmt", type=click.Choice(("auto", "claimreview", "google", "csv", "tsv")), default="auto",
    show_default=True, help="What the file holds; auto looks at its name and content.",
)
@click.option(
    "--map", "mapping", metavar="FIELD=COLUMN,…",
    help="CSV/TSV columns for claim fields: claim, rating, url (a column or a template like "
    "https://x/?id={id}), publisher, title, reviewed, claim_en, claimant, claimant_role, claimant_type, "
    "claim_date, appearance, appearance_url, tags, rationale, language.",
)
@click.option("--publisher", help="CSV/TSV: who published the reviews, when no column says.")
@click.option("--language", help="CSV/TSV: the reviews' language code, e.g. ko.")
@json_option
@pass_state
def import_file(state: State, source, fmt, mapping, publisher, language, json_):
    """Import fact-checks from a file, or from standard input with -.

    \b
    Examples:
      factcheck import reviews.json
      cat reviews.jsonl | factcheck import -
      factcheck import claims.csv --publisher 팩트체크센터 --map "claim=title,rating=judge"
    """
    from factcheck.exchange.importing.read import read_items

    kind, items = read_items(source, fmt, mapping=mapping, publisher=publisher, language=language)
    _import_items(state.repo, items, f"{'standard input' if source == '-' else source} ({kind})", json_)


@import_group.command(name="google")
@click.option("--query", "-q", required=True, help="What to search for.")
@click.option("--language", help="Only reviews in this language (BCP-47 code, e.g. ko or en).")
@click.option("--max-age-days", type=click.IntRange(min=1), help="Only reviews at most this many days old.")
@click.option("--limit", default=500, show_default=True, type=click.IntRange(1, 10000), help="Claims to fetch at most.")
@click.option(
    "--save", type=click.Path(dir_okay=False, path_type=Path),
    help="Also save the API response as JSON (import it again later with `factcheck import FILE`).",
)
@json_option
@pass_state
def import_google(state: State, query, language, max_age_days, limit, save, json_):
    """Search the Google Fact Check Tools API and import what it finds.

    Needs an API key in FACTCHECK_GOOGLE_API_KEY. Pages are followed until --limit.
    FACTCHECK_GOOGLE_API_URL points at another server (for tests).

    \b
    Examples:
      FACTCHECK_GOOGLE_API_KEY=… factcheck import google --query "기후 변화" --language ko
      factcheck import google -q "minimum wage" --max-age-days 30 --save response.json
    """
    from factcheck.exchange.google_api import fetch_google_claims
    from factcheck.exchange.importing.read import json_items

    response = fetch_google_claims(query, language=language, max_age_days=max_age_days, limit=limit)
    if save is not None:
        from factcheck.store.files import atomic_write

        text = json.dumps(response, ensure_ascii=False, indent=2) + "\n"
        atomic_write(save.resolve(), text.encode("utf-8"), overwrite=True)
        click.echo(f"saved the response to {save}", err=True)
    if not response["claims"]:
        click.echo(f"no fact-checks found for {query!r}", err=True)
        sys.exit(EXIT_NO_MATCH)
    _import_items(state.repo, list(json_items(response)), f"the Fact Check Tools API (query {query!r})", json_)


def _import_items(repo, items: list, label: str, json_: bool) -> None:
    from factcheck.exchange.importing.dedupe import refresh_index
    from factcheck.exchange.importing.run import import_records
    from factcheck.terminal import render
    from factcheck.textclean import clean

    if not items:
        raise UserError(f"nothing to import: no items in {label}")
    console = render.console(stderr=True)
    if console.is_terminal:
        from rich.progress import Progress

        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("importing", total=len(items))
            report = import_records(repo, items, lambda done, total: progress.update(task, completed=done))
            progress.add_task("indexing for search", total=None)
            refresh_index(repo)
    else:
        report = import_records(repo, items)
        refresh_index(repo)
    if json_:
        print_json(report.as_json(repo.root))
    for kind, entries in (("duplicate", report.duplicates), ("invalid", report.invalid)):
        for entry in entries[:IMPORT_SHOWN]:
            if kind == "duplicate":
                again = ", earlier in this import" if entry.in_this_import else ""
                line = f"{entry.position}: duplicate of {entry.of} ({entry.reason}{again})"
            else:
                line = f"{entry.position}: invalid: {entry.reason}"
            click.echo(clean(line, single_line=True), err=True)
        if len(entries) > IMPORT_SHOWN:
            click.echo(f"… and {len(entries) - IMPORT_SHOWN} more {kind} item(s) (--json lists all)", err=True)
    for entry in report.similar[:IMPORT_SHOWN]:
        line = (f"{entry.position}: added as {entry.id}, possibly the same claim as {entry.like} "
                f"(similarity {entry.similarity:.2f}; not merged)")
        click.echo(clean(line, single_line=True), err=True)
    if len(report.similar) > IMPORT_SHOWN:
        click.echo(f"… and {len(report.similar) - IMPORT_SHOWN} more possible duplicate(s) (--json lists all)", err=True)
    if not report.similar_checked:
        click.echo("(too many claims to compare for possible duplicates: not checked)", err=True)
    counts = report.counts()
    click.echo(
        clean(f"imported from {label}: {counts['added']} added, {counts['duplicates']} duplicate(s), "
              f"{counts['invalid']} invalid", single_line=True),
        err=True,
    )
    if counts["invalid"] == len(items):
        sys.exit(EXIT_USER_ERROR)  # nothing could be read


@cli.command(name="export")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(("claimreview", "json", "jsonl", "csv")), default="json",
    show_default=True, help="claimreview: a list of ClaimReview JSON-LD objects; json/jsonl/csv: the claims as data.",
)
@status_option
@tag_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (default: stdout).")
@click.option("--site", help="Base URL where reports are published (the ClaimReview url).")
@pass_state
def export_command(state: State, fmt, status, tag, output, site):
    """Export claims as ClaimReview JSON-LD, JSON, JSON Lines or CSV (UTF-8, no BOM).

    CSV columns are always the same, in the same order. To open the CSV in Excel with Korean
    intact: Data > From Text/CSV, File Origin "65001: Unicode (UTF-8)".

    \b
    Examples:
      factcheck export --format claimreview --site https://factcheck.example.kr -o claimreview.json
      factcheck export --format csv --status false -o false-claims.csv
      factcheck export --format jsonl --tag 예타
    """
    from factcheck.exchange.exporters import export_text, select_records
    from factcheck.search.index import open_index

    index = open_index(state.repo)
    for problem in index.problems:
        warn(str(problem))
    records = select_records(index.records(), status=status, tag=tag)
    settings = None
    if fmt == "claimreview":
        from factcheck.store.settings import load_settings

        settings = load_settings(state.repo.root, site=site)
        if not settings.site:
            warn("no site (--site URL or `site:` in claims/factcheck.yaml): the ClaimReview objects have no url")
        if not settings.publisher:
            warn("no publisher (`publisher: {name, url}` in claims/factcheck.yaml): the ClaimReview objects have no author")
    text = export_text(records, fmt, settings)
    if output is None:
        click.echo(text, nl=False)
        return
    from factcheck.store.files import atomic_write

    atomic_write(output.resolve(), text.encode("utf-8"), overwrite=True)
    click.echo(f"wrote {len(records)} claim(s) to {output}", err=True)


# --- import / export --------------------------------------------------------------------------- end
