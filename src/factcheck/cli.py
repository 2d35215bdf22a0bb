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
        from factcheck import render

        render.print_search_results(text, outcome.results, explain=explain)
    if not outcome.results:
        click.echo("no matching claim", err=True)
        sys.exit(EXIT_NO_MATCH)


# --------------------------------------------------------------------------- show / report

REPORT_FORMATS = ("text", "md", "json", "html", "claimreview")


def render_report(repo, record: dict, fmt: str, site: str | None = None) -> str:
    """The claim as text in one of REPORT_FORMATS (except the rich terminal view)."""
    from factcheck import render

    if fmt == "md":
        return render.claim_markdown(record)
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
        for problem in problems:
            from factcheck.textclean import clean

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


def main() -> None:
    try:
        cli.main(prog_name="factcheck")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error worth a traceback
        sys.exit(0)
