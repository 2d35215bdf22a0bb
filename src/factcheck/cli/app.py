"""The command line: parse arguments, call the library, hand the results to rendering.

Heavy modules (rich, ruamel.yaml, httpx) are imported inside the commands that need them, so that
`factcheck search --json` pays for little more than Python's start-up and the index lookup.
"""

from __future__ import annotations

import sys

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
            from factcheck.store.repo import Repo

            self._repo = Repo.find(self.claims_dir)
        return self._repo


pass_state = click.make_pass_decorator(State)

json_option = click.option("json_", "--json", is_flag=True, help="Print JSON on stdout.")
status_option = click.option(
    "--status", type=click.Choice(STATUS_CODES), help="Only claims with this verdict."
)
tag_option = click.option("--tag", help="Only claims with this tag.")


def print_json(data) -> None:
    from factcheck.textclean import json_text

    click.echo(json_text(data))


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


def main() -> None:
    try:
        cli.main(prog_name="factcheck")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error worth a traceback
        sys.exit(0)
