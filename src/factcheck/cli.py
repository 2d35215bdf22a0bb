"""The command line: parse arguments, call the library, hand the results to rendering.

Heavy modules (rich, ruamel.yaml, httpx) are imported inside the commands that need them, so that
`factcheck search --json` pays for little more than Python's start-up and the index lookup.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from factcheck.errors import FactcheckError
from factcheck.model import STATUS_CODES

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_NO_MATCH = 1
EXIT_USER_ERROR = 2


class UserError(click.ClickException):
    """A user's mistake or bad data: one line on stderr, exit 2, no traceback."""

    exit_code = EXIT_USER_ERROR

    def __init__(self, message: str):
        from factcheck.textclean import clean

        super().__init__(clean(message))


class FactcheckGroup(click.Group):
    """The one error funnel: library errors become a one-line message and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            raise UserError(str(exc)) from None


class State:
    def __init__(self, claims_dir: str | None):
        self.claims_dir = claims_dir
        self._repo = None

    @property
    def repo(self):
        if self._repo is None:
            from factcheck.store import Repo

            self._repo = Repo.find(self.claims_dir)
        return self._repo


pass_state = click.make_pass_decorator(State)

json_option = click.option("json_", "--json", is_flag=True, help="Print JSON on stdout.")
status_option = click.option(
    "--status", type=click.Choice(STATUS_CODES), help="Only claims with this verdict."
)
tag_option = click.option("--tag", help="Only claims with this tag.")


def print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def warn(message: str) -> None:
    from factcheck.textclean import clean

    click.echo(f"warning: {clean(message)}", err=True)


@click.group(cls=FactcheckGroup, context_settings=CONTEXT)
@click.option(
    "--claims-dir",
    type=click.Path(file_okay=False, path_type=str),
    envvar="FACTCHECK_CLAIMS_DIR",
    help="The claims repository (default: nearest claims/ upwards, else the bundled claims). "
    "Env: FACTCHECK_CLAIMS_DIR.",
)
@click.version_option(package_name="factcheck", prog_name="factcheck")
@click.pass_context
def cli(ctx: click.Context, claims_dir: str | None):
    """factcheck: a civic fact-checker over a repository of YAML claims.

    \b
    Examples:
      factcheck search "예타 면제 언제"
      factcheck show gimje-physical-ai-yeta-exemption
      factcheck list --status false
      factcheck add --claim "…" --claimant "…" --status unverified
      factcheck validate

    Exit codes: 0 success, 1 no match (or a source problem), 2 usage or data error.
    """
    ctx.obj = State(claims_dir)


# --------------------------------------------------------------------------- search


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 1000))
@status_option
@tag_option
@click.option("--explain", is_flag=True, help="Show why each result matched.")
@json_option
@pass_state
def search(state: State, query, limit, status, tag, explain, json_):
    """Search claims in the words you would type.

    Korean with typos, no spaces, particles, 초성, abbreviations, numbers and dates written any
    way, or English. Prints ranked matches, or "no matching claim" (exit 1).

    \b
    Examples:
      factcheck search 예타 면제 언제
      factcheck search "ㅇㅌ ㅁㅈ"
      factcheck search 8/22 국무회의 --explain
      factcheck search "national budget three years" --json
    """
    from factcheck.search import search_claims

    text = " ".join(query)
    if not text.strip():
        raise UserError("empty query: type what you are looking for, e.g. factcheck search 예타 면제")
    outcome = search_claims(state.repo, text, limit=limit, status=status, tag=tag, explain=explain)
    for problem in outcome.problems:
        warn(str(problem))
    if json_:
        print_json(
            {
                "query": text,
                "results": [result.as_json(explain=explain) for result in outcome.results],
            }
        )
    else:
        from factcheck.layout import plain_text, search_lines

        lines = search_lines(outcome.results, explain=explain)
        if sys.stdout.isatty():
            from factcheck import render

            render.print_lines(lines)
        else:  # a pipe or file: plain lines, no terminal library to load
            click.echo(plain_text(lines), nl=False)
    if not outcome.results:
        click.echo("no matching claim", err=True)
        sys.exit(EXIT_NO_MATCH)


# --------------------------------------------------------------------------- show / report

REPORT_FORMATS = ("text", "md", "json", "html", "claimreview")


def render_report(repo, record: dict, fmt: str, site: str | None = None) -> str:
    """The claim as text in one of REPORT_FORMATS (except the rich terminal view)."""
    if fmt == "md":
        from factcheck.layout import claim_markdown

        return claim_markdown(record)
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2)
    from factcheck.claimreview import load_settings, to_claimreview

    settings = load_settings(repo.root, site=site)
    if fmt == "claimreview":
        return json.dumps(to_claimreview(record, settings), ensure_ascii=False, indent=2)
    from factcheck.html_report import render_claim_page

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
    from factcheck.index import open_index

    index = open_index(state.repo)
    for problem in index.problems:
        if problem.path.stem == claim_id:
            raise UserError(str(problem))
        warn(str(problem))
    record = index.get(claim_id)
    if fmt == "text" and output is None:
        from factcheck import render

        render.print_claim(record)
        return
    text = render_report(state.repo, record, "md" if fmt == "text" else fmt, site)
    if output is None:
        click.echo(text)
    else:
        from factcheck.store import atomic_write

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
    from factcheck.index import open_index

    index = open_index(state.repo)
    for problem in index.problems:
        warn(str(problem))
    records = [r for r in index.records() if _wanted(r, status, tag)]
    if json_:
        print_json({"claims": records})
        return
    from factcheck import render

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
    from factcheck.index import open_index
    from factcheck.stats import claim_stats

    index = open_index(state.repo)
    for problem in index.problems:
        warn(str(problem))
    counts = claim_stats(index.records())
    if json_:
        print_json(counts)
        return
    from factcheck import render

    render.print_stats(counts)


# --------------------------------------------------------------------------- add / verdict


@cli.command()
@click.option("--claim", "claim_text", help="The claim as it was said (usually Korean).")
@click.option("--claim-en", help="English translation.")
@click.option("--claimant", help="Who made the claim.")
@click.option("--claimant-role", help="The claimant's role, e.g. 김제시장.")
@click.option("--date", "claim_date", help="When it was said: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--status", type=click.Choice(STATUS_CODES), help="The verdict.")
@click.option("--rationale", help="Why that verdict.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--entity", "entities", multiple=True, help="A person, place or organisation (repeatable).")
@click.option("--source", "source_urls", multiple=True, help="A source URL (repeatable, paired in order).")
@click.option("--quote", "quotes", multiple=True, help="The exact quote at the paired --source.")
@click.option("--publisher", "publishers", multiple=True, help="The publisher of the paired --source.")
@click.option("--id", "claim_id", help="The claim id (default: generated from the claim).")
@click.option("--yes", "-y", is_flag=True, help="Write even when near-duplicates exist (still warns).")
@json_option
@pass_state
def add(state: State, json_, yes, **fields):
    """Add a claim, by flags or interactively (prompts for what is missing on a TTY).

    Warns about near-duplicate claims already stored, validates, and writes atomically.
    An existing id is never overwritten.

    \b
    Examples:
      factcheck add --claim "김제시는 3년 연속 국가예산 1조 원을 확보했다" \\
        --claimant 김제시 --date 2025-01 --status mostly-true \\
        --rationale "…" --source https://example.org/a --publisher 쿠키뉴스 --quote "…"
      factcheck add            # interactive
    """
    from factcheck import editing

    interactive = sys.stdin.isatty() and not yes
    if interactive:
        from factcheck import render

        fields = render.prompt_missing_fields(fields)
    record = editing.new_claim(**fields)
    duplicates = editing.near_duplicates(state.repo, record)
    if duplicates:
        from factcheck import render

        render.print_duplicates(duplicates)
        if interactive and not click.confirm("Add it anyway?", default=False, err=True):
            raise UserError("not added")
        if not interactive and not yes:
            raise UserError("near-duplicate claims exist (listed above); add --yes to write anyway")
    path = state.repo.create(record)
    if json_:
        print_json({"id": record["id"], "path": str(path)})
    click.echo(f"added {record['id']} ({path})", err=True)


@cli.command()
@click.argument("claim_id")
@click.argument("status", type=click.Choice(STATUS_CODES))
@click.option("--note", required=True, help="Why the verdict changed (kept in history).")
@click.option("--source", "source_url", help="A new source URL supporting the verdict.")
@click.option("--quote", help="The exact quote at --source.")
@click.option("--publisher", help="The publisher of --source.")
@json_option
@pass_state
def verdict(state: State, claim_id, status, note, source_url, quote, publisher, json_):
    """Change a claim's verdict and record it in its history.

    The file keeps its comments and key order.

    \b
    Examples:
      factcheck verdict gimje-budget-three-years mostly-true --note "4년 연속으로 갱신"
      factcheck verdict ID false --note "…" --source https://… --publisher 뉴스1 --quote "…"
    """
    from factcheck import editing

    record = state.repo.update(
        claim_id, editing.verdict_change(status, note, source_url, quote, publisher)
    )
    if json_:
        print_json(record)
    click.echo(f"{claim_id}: verdict is now {status}", err=True)


# --------------------------------------------------------------------------- validate


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@json_option
@pass_state
def validate(state: State, paths, json_):
    """Check claim files against the claim model.

    Prints `file:line: message` for each problem and exits 2 if there is any. With no PATH,
    checks every claim file in the repository. Works as a pre-commit hook.

    \b
    Examples:
      factcheck validate
      factcheck validate claims/gimje-budget-three-years.yaml
    """
    from factcheck.editing import validate_files

    repo = state.repo
    files = [repo.inside(p) for p in paths] if paths else list(repo.claim_files())
    problems, checked = validate_files(repo, files)
    if json_:
        print_json({"checked": checked, "problems": [str(p) for p in problems]})
    else:
        from factcheck.textclean import clean

        for problem in problems:
            click.echo(clean(str(problem)))
    if problems:
        click.echo(f"{len(problems)} problem(s) in {checked} file(s)", err=True)
        sys.exit(EXIT_USER_ERROR)
    click.echo(f"{checked} claim file(s) valid", err=True)


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
    from factcheck.index import open_index

    idx = open_index(state.repo, rebuild=rebuild, full=True)
    info = idx.info()
    if json_:
        print_json(info)
    else:
        for key, value in info.items():
            click.echo(f"{key}: {value}")


# === commands added by other modules go below ===

# --- site: static HTML (owned with src/factcheck/html_report.py) ------------------------- begin


@cli.command(name="site")
@click.option(
    "-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the site into (created if missing).",
)
@click.option(
    "--site", "site_url", help="Base URL where the site is published (ClaimReview url, canonical links)."
)
@status_option
@tag_option
@pass_state
def site_command(state: State, out_dir, site_url, status, tag):
    """Build a static website: a searchable index.html and claims/<id>.html for each claim.

    Plain files with relative links: upload the folder to any static host, or open index.html
    from disk. Also writes claimreview.json with every claim's ClaimReview. Rebuilding removes
    pages of claims that are gone and leaves any other file in the folder alone.

    \b
    Examples:
      factcheck site -o public
      factcheck site -o public --site https://factcheck.example.kr
      factcheck site -o public --status false --tag 예타
    """
    from factcheck.claimreview import load_settings
    from factcheck.html_report import build_site
    from factcheck.index import open_index

    index = open_index(state.repo)
    for problem in index.problems:
        warn(str(problem))
    records = [r for r in index.records() if _wanted(r, status, tag)]
    written = build_site(records, out_dir, load_settings(state.repo.root, site=site_url))
    index_html = out_dir / "index.html"
    click.echo(f"wrote {len(records)} claim page(s), {len(written)} file(s): open {index_html}", err=True)


# --- site ------------------------------------------------------------------------------------- end


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
    from factcheck.importers import read_items

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
    from factcheck.google_api import search_claims
    from factcheck.importers import json_items

    response = search_claims(query, language=language, max_age_days=max_age_days, limit=limit)
    if save is not None:
        from factcheck.store import atomic_write

        text = json.dumps(response, ensure_ascii=False, indent=2) + "\n"
        atomic_write(save.resolve(), text.encode("utf-8"), overwrite=True)
        click.echo(f"saved the response to {save}", err=True)
    if not response["claims"]:
        click.echo(f"no fact-checks found for {query!r}", err=True)
        sys.exit(EXIT_NO_MATCH)
    _import_items(state.repo, list(json_items(response)), f"the Fact Check Tools API (query {query!r})", json_)


def _import_items(repo, items: list, label: str, json_: bool) -> None:
    from factcheck import render
    from factcheck.importers import import_records, refresh_index
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
    from factcheck.exporters import export_text, select_records
    from factcheck.index import open_index

    index = open_index(state.repo)
    for problem in index.problems:
        warn(str(problem))
    records = select_records(index.records(), status=status, tag=tag)
    settings = None
    if fmt == "claimreview":
        from factcheck.claimreview import load_settings

        settings = load_settings(state.repo.root, site=site)
        if not settings.site:
            warn("no site (--site URL or `site:` in claims/factcheck.yaml): the ClaimReview objects have no url")
        if not settings.publisher:
            warn("no publisher (`publisher: {name, url}` in claims/factcheck.yaml): the ClaimReview objects have no author")
    text = export_text(records, fmt, settings)
    if output is None:
        click.echo(text, nl=False)
        return
    from factcheck.store import atomic_write

    atomic_write(output.resolve(), text.encode("utf-8"), overwrite=True)
    click.echo(f"wrote {len(records)} claim(s) to {output}", err=True)


# --- import / export --------------------------------------------------------------------------- end


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
    from factcheck.store import load_claim_file

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
    from factcheck import render

    console = render.console(stderr=True)
    if not console.is_terminal:
        return work(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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
@json_option
@pass_state
def sources_check(state: State, claim_ids, update, allow_private, concurrency, per_host, timeout, json_):
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
    from factcheck.sources import apply_results, check_sources, targets_for

    records = _claims_for(state.repo, claim_ids)
    targets = [t for record in records for t in targets_for(record)]
    if not targets:
        click.echo("no sources to check", err=True)
        return
    results = _run_with_progress(
        lambda on_progress: check_sources(
            targets, allow_private=allow_private, concurrency=concurrency, per_host=per_host,
            timeout=timeout, on_progress=on_progress,
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

    from factcheck import render

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
    from factcheck.sources import apply_archive, archive_sources, archive_targets

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

    from factcheck import render

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


def main() -> None:
    try:
        cli.main(prog_name="factcheck")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error worth a traceback
        sys.exit(0)
