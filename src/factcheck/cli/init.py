"""`factcheck init`: start a claims repository."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli.app import cli, json_option
from factcheck.i18n import _
from factcheck.terminal.outcomes import Notice


@cli.command(cls=click.Command)  # it makes a repository: there is none to name with --claims-dir
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--publisher", default="우리 팩트체크", show_default=True, help="The newsroom's name, for factcheck.yaml.")
@json_option
def init(directory: Path, publisher: str):
    """Start a claims repository in DIRECTORY (default: here): claims/ with the claim schema,
    factcheck.yaml, starter texts for the site's methodology and corrections policy (marked as
    placeholders until you rewrite them), and a pre-commit config that validates every claim.

    Files that already exist are left as they are. Then: `git init`, and `factcheck add`.

    \b
    Examples:
      factcheck init my-factchecks
      factcheck init . --publisher "김제 시정 팩트체크"
    """
    from factcheck.store.init import init_repository

    written, kept = init_repository(directory, publisher)
    root = directory.expanduser().resolve()
    note = _("claims repository in {path}: {written} file(s) written, {kept} already there").format(
        path=root / "claims", written=len(written), kept=len(kept))
    data = {"root": str(root), "written": [str(p.relative_to(root)) for p in written],
            "kept": [str(p.relative_to(root)) for p in kept]}
    return Notice(note, data)
