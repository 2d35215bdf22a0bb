"""`factcheck site`: the static HTML site."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli.app import (
    State,
    UserError,
    all_option,
    cli,
    nothing_matched,
    pass_state,
    status_option,
    tag_option,
)
from factcheck.errors import os_reason
from factcheck.i18n import _, translated
from factcheck.model import select_records
from factcheck.terminal.outcomes import Notice
from factcheck.terminal.status import ExitStatus


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
@all_option
@pass_state
def site_command(state: State, out_dir, site_url, status, tag, include_imported, all_):
    """Build a static website: a searchable index.html and claims/<id>.html for each published claim.

    Also the pages the IFCN Code of Principles asks for: methodology and corrections policy (from
    pages/*.md in the claims directory), the corrections log, organisation, funding and contact
    (`organisation:` in factcheck.yaml) and an archive by month. Drafts and claims in review are
    left out unless --all (a preview for the desk, marked as such).

    Plain files with relative links: upload the folder to any static host, or open index.html
    from disk. Also writes claimreview.json with every claim's ClaimReview. Rebuilding writes only
    the files that change, removes pages of claims that are gone and leaves any other file alone.

    \b
    Examples:
      factcheck site -o public
      factcheck site -o public --site https://factcheck.example.kr
      factcheck site -o public --status half-true --tag 예타
      factcheck site -o preview --all
    """
    from factcheck.exchange.claimreview import published_records
    from factcheck.exchange.compare import is_imported, reviews_beside
    from factcheck.publish.site import build_site
    from factcheck.publish.texts import load_site_texts
    from factcheck.store.desk import publishable
    from factcheck.store.settings import load_settings

    settings = load_settings(state.repo.root, site=site_url)
    texts = load_site_texts(state.repo.root)
    index = state.index()
    everything = index.records()
    selected = select_records(everything, status, tag)
    if (status or tag) and not selected:  # a site of no claim is no answer to a filter: say why, build nothing
        return Notice(nothing_matched(state, everything, status, tag), status=ExitStatus.NO_MATCH)
    chosen, left_out = published_records(selected, settings, include_imported)
    warnings = [left_out] if left_out else []
    records = publishable(chosen, all_)
    unpublished = len(chosen) - len(publishable(chosen))
    if unpublished and all_:
        warnings.append(_("including {n} unpublished claim(s): a preview for the desk, not for publishing").format(
            n=unpublished))
    elif unpublished:
        warnings.append(_("left out {n} claim(s) not yet published (drafts, in review); --all includes them").format(
            n=unpublished))
    others = reviews_beside(state.repo, records) if any(map(is_imported, everything)) else {}
    try:  # last, once all else is known good: a folder that cannot be made is a one-line mistake
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("cannot write {path}: {reason}").format(path=out_dir, reason=translated(os_reason(exc)))) from None
    built = build_site(records, out_dir, settings, index.aliases(), texts, others)
    summary = _("site of {pages} claim page(s): {written} file(s) written, {unchanged} unchanged, {removed} removed: "
                "open {index}")
    return Notice(summary.format(pages=len(records), written=len(built.written), unchanged=len(built.unchanged),
                                 removed=len(built.removed), index=out_dir / "index.html"),
                  problems=warnings + texts.warnings())
