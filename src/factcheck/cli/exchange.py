"""`factcheck import` and `factcheck export`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from factcheck.cli.app import (
    RepositoryCommand,
    State,
    UserError,
    all_option,
    cli,
    json_option,
    nothing_matched,
    pass_state,
    status_option,
    tag_option,
    write_output,
)
from factcheck.cli.language import formatted_help
from factcheck.exchange.importing.items import FORMATS, MAP_FIELDS
from factcheck.exchange.importing.run import LAYOUTS, PACKS_AT
from factcheck.i18n import _
from factcheck.model import select_records
from factcheck.publish.formats import EXPORT_FORMATS
from factcheck.terminal.outcomes import Document, Imported, Notice
from factcheck.terminal.status import ExitStatus


class DefaultSubcommandGroup(click.Group):
    """A group whose first argument is a subcommand only when it names one; otherwise `default` runs.

    So `factcheck import FILE` reads a file and `factcheck import google --query …` asks the API.
    (A file literally named `google` can be imported as `./google`.)
    """

    default = "file"
    command_class = RepositoryCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default, *args]
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The group's options and commands, then those of the default command: `import --help` is where
        people look for the options of `import FILE`."""
        super().format_options(ctx, formatter)
        default = self.commands[self.default]
        sub = click.Context(default, info_name=self.default, parent=ctx)
        rows = [row for param in default.get_params(sub) if isinstance(param, click.Option)
                and "--help" not in param.opts for row in [param.get_help_record(sub)] if row]
        with formatter.section(_("Options of {command} PATH|-").format(command=ctx.command_path)):
            formatter.write_dl(rows)


@cli.group(name="import", cls=DefaultSubcommandGroup, subcommand_metavar="PATH|- [OPTIONS] | google --query Q [OPTIONS]")
def import_group():
    """Import fact-checks: ClaimReview JSON-LD, a Google Fact Check Tools response, CSV/TSV, or the live API.

    New claims go to claims/imported/<publisher>/: one YAML file each, or, for an import of 1,000
    items or more, compressed packs of many (--layout chooses; --repack packs the files already there).
    Importing is idempotent: an item that repeats a
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


def layout_option(command):
    return click.option(
        "--layout", type=click.Choice(LAYOUTS),
        help=formatted_help("files: one YAML file per claim; packs: claims/imported/<publisher>/<NNNN>.jsonl.gz. "
                            "Default: packs for {n:,} items or more, or where the publisher has packs.", n=PACKS_AT),
    )(command)


@import_group.command(name="file")
@click.argument("source", metavar="PATH|-", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="auto",
    show_default=True, help="What the file holds; auto looks at its name and content.",
)
@click.option(
    "--map", "mapping", metavar="FIELD=COLUMN,…",
    help=formatted_help(
        "CSV/TSV columns for claim fields: {fields}; url may also be a template like https://x/?id={{id}}.",
        fields=", ".join(MAP_FIELDS),
    ),
)
@click.option("--publisher", help="CSV/TSV: who published the reviews, when no column says.")
@click.option("--language", help="CSV/TSV: the reviews' language code, e.g. ko.")
@layout_option
@click.option("--repack", is_flag=True, help="Move the imported claim files already stored into packs (no PATH).")
@json_option
@pass_state
def import_file(state: State, source, fmt, mapping, publisher, language, layout, repack):
    """Import fact-checks from a file, or from standard input with -.

    \b
    Examples:
      factcheck import reviews.json
      cat reviews.jsonl | factcheck import -
      factcheck import claims.csv --publisher 팩트체크센터 --map "claim=title,rating=judge"
      factcheck import --repack
    """
    if repack:
        if source is not None:
            raise UserError(_("--repack takes no PATH: it packs the imported claim files already stored"))
        from factcheck.exchange.importing.repack import repack as repack_files

        report = repack_files(state.repo)
        return Notice(_("{n} imported claim(s) moved into packs ({publishers} publisher(s)); {left} file(s) left "
                        "as they are").format(n=report.packed, publishers=len(report.publishers),
                                              left=len({p.path for p in report.left})),
                      report.as_json(), problems=[str(p) for p in report.left])
    if source is None:
        raise UserError(_("import needs a PATH (or - for standard input), or --repack"))
    from factcheck.exchange.importing.read import read_items

    kind, items = read_items(source, fmt, mapping=mapping, publisher=publisher, language=language)
    where = _("standard input") if source == "-" else source
    return _import_items(state, items, _("{source} ({kind})").format(source=where, kind=kind), layout)


@import_group.command(name="google")
@click.option("--query", "-q", required=True, help="What to search for.")
@click.option("--language", help="Only reviews in this language (BCP-47 code, e.g. ko or en).")
@click.option("--max-age-days", type=click.IntRange(min=1), help="Only reviews at most this many days old.")
@click.option("--limit", default=500, show_default=True, type=click.IntRange(1, 10000), help="Claims to fetch at most.")
@click.option(
    "--save", type=click.Path(dir_okay=False, path_type=Path),
    help="Also save the API response as JSON (import it again later with `factcheck import FILE`).",
)
@layout_option
@json_option
@pass_state
def import_google(state: State, query, language, max_age_days, limit, save, layout):
    """Search the Google Fact Check Tools API and import what it finds.

    Needs an API key in FACTCHECK_GOOGLE_API_KEY. Pages are followed until --limit.
    FACTCHECK_GOOGLE_API_URL points at another server (for tests).

    \b
    Examples:
      FACTCHECK_GOOGLE_API_KEY=… factcheck import google --query "기후 변화" --language ko
      factcheck import google -q "minimum wage" --max-age-days 30 --save response.json
    """
    from factcheck.exchange.google_api import KEY_ENV, URL_ENV, fetch_google_claims
    from factcheck.exchange.importing.read import json_items

    env = state.env
    response = fetch_google_claims(query, key=env.get(KEY_ENV), url=env.get(URL_ENV), language=language,
                                   max_age_days=max_age_days, limit=limit)
    if save is not None:
        write_output(save, json.dumps(response, ensure_ascii=False, indent=2) + "\n")
        state.out.note(_("saved the response to {path}").format(path=save))
    if not response["claims"]:
        return Notice(_("no fact-checks found for {query!r}").format(query=query), status=ExitStatus.NO_MATCH)
    label = _("the Fact Check Tools API (query {query!r})").format(query=query)
    return _import_items(state, list(json_items(response)), label, layout)


def _import_items(state: State, items: list, label: str, layout: str | None = None) -> Imported:
    from factcheck.exchange.importing.run import import_records

    if not items:
        raise UserError(_("nothing to import: no items in {source}").format(source=label))
    with state.out.progress(_("importing"), len(items)) as bar:

        def on_progress(done: int, total: int) -> None:
            bar.update(done)
            if done == total:  # what is left is the index refresh
                bar.then(_("indexing for search"))

        report = import_records(state.repo.writable(), items, on_progress if bar else None, layout=layout)
    return Imported(report, label, state.repo.root, len(items))


@cli.command(name="export")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default="json",
    show_default=True, help="claimreview: a list of ClaimReview JSON-LD objects; json/jsonl/csv: the claims as data.",
)
@status_option
@tag_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (default: stdout).")
@click.option("--site", help="Base URL where reports are published (the ClaimReview url).")
@click.option(
    "--include-imported", is_flag=True,
    help="claimreview: also fact-checks imported from others, credited to their publisher and original URL "
    "(json, jsonl and csv always hold them).",
)
@all_option
@pass_state
def export_command(state: State, fmt, status, tag, output, site, include_imported, all_):
    """Export published claims as ClaimReview JSON-LD, JSON, JSON Lines or CSV (UTF-8, no BOM).

    Drafts and claims in review are left out unless --all.

    CSV columns are always the same, in the same order. To open the CSV in Excel with Korean
    intact: Data > From Text/CSV, File Origin "65001: Unicode (UTF-8)".

    \b
    Examples:
      factcheck export --format claimreview --site https://factcheck.example.kr -o claimreview.json
      factcheck export --format csv --status mostly-false -o mostly-false-claims.csv
      factcheck export --format jsonl --tag 예타
    """
    from factcheck.publish.formats import export_text, settings_for

    from factcheck.store.desk import publishable

    everything = state.index().records()
    records = publishable(select_records(everything, status=status, tag=tag), all_)
    if (status or tag) and not records:  # an empty file is no answer to a filter: say why, write nothing
        return Notice(nothing_matched(state, everything, status, tag), status=ExitStatus.NO_MATCH)
    settings = settings_for(fmt, state.repo.root, site)
    gaps = []
    if fmt == "claimreview":
        from factcheck.exchange.claimreview import missing_fields, published_records

        records, left_out = published_records(records, settings, include_imported)
        gaps = ([left_out] if left_out else []) + missing_fields(records, settings)
    text = export_text(records, fmt, settings)
    if output is None:
        return Document(text, problems=gaps)
    write_output(output, text)
    return Notice(_("wrote {n} claim(s) to {path}").format(n=len(records), path=output), problems=gaps)


@cli.command()
@click.argument("claim_id", metavar="ID")
@json_option
@pass_state
def adopt(state: State, claim_id):
    """Promote a packed imported claim into a YAML file of its own, to edit it.

    The file (claims/imported/<publisher>/adopted/ID.yaml) then wins over the pack's line, so `verdict`
    and an editor change it like any claim; what others reviewed stays credited to them.

    \b
    Examples:
      factcheck adopt snu-factcheck-1a2b3c4d5e
    """
    from factcheck.store.repo import check_id

    check_id(claim_id)
    index = state.index()
    found = index.where(claim_id)
    if found is None:
        raise UserError(_("no claim with id {id!r}").format(id=claim_id))
    path, line = found
    if line is None:
        raise UserError(_("{id} is already a claim file of its own: {path}").format(id=claim_id, path=path))
    adopted = state.repo.adopt(Path(path), line, claim_id)
    state.index()  # the next command finds the file, not the line
    rel = str(adopted.relative_to(state.repo.root))
    return Notice(_("{id} is now {path}: edit it there").format(id=claim_id, path=rel),
                  {"id": claim_id, "path": rel, "was": f"{Path(path).relative_to(state.repo.root)}:{line}"})
