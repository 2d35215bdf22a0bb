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
    from factcheck.publish.site import build_site
    from factcheck.store.settings import load_settings

    records = select_records(state.index().records(), status, tag)
    written = build_site(records, out_dir, load_settings(state.repo.root, site=site_url))
    return Notice(f"wrote {len(records)} claim page(s), {len(written)} file(s): open {out_dir / 'index.html'}")
