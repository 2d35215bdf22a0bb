"""`factcheck site`: the static HTML site."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli.app import State, cli, pass_state, status_option, tag_option
from factcheck.model import select_records
from factcheck.terminal.outcomes import Notice


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
@click.option(
    "--include-imported", is_flag=True,
    help="Also publish fact-checks imported from others, credited to their publisher and original URL.",
)
@pass_state
def site_command(state: State, out_dir, site_url, status, tag, include_imported):
    """Build a static website: a searchable index.html and claims/<id>.html for each claim.

    Plain files with relative links: upload the folder to any static host, or open index.html
    from disk. Also writes claimreview.json with every claim's ClaimReview. Rebuilding writes only
    the files that change, removes pages of claims that are gone and leaves any other file alone.

    \b
    Examples:
      factcheck site -o public
      factcheck site -o public --site https://factcheck.example.kr
      factcheck site -o public --status false --tag 예타
    """
    from factcheck.exchange.claimreview import published_records
    from factcheck.publish.site import build_site
    from factcheck.store.settings import load_settings

    index = state.index()
    settings = load_settings(state.repo.root, site=site_url)
    records, left_out = published_records(select_records(index.records(), status, tag), settings, include_imported)
    built = build_site(records, out_dir, settings, index.aliases())
    return Notice(f"site of {len(records)} claim page(s): {len(built.written)} file(s) written, "
                  f"{len(built.unchanged)} unchanged, {len(built.removed)} removed: open {out_dir / 'index.html'}",
                  problems=[left_out] if left_out else [])
