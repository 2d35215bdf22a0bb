"""The command line: parse arguments, call the library, return an outcome for the output layer to print.

Each command returns an outcome (terminal/outcomes.py); the group hands it to `Output.emit`, which prints
it as JSON with --json or through its renderer, and exits with the status it names. The run's
`Environment` (streams, terminal flags, variables) is built once here and kept on the context's `State`.

Heavy modules (rich, ruamel.yaml, httpx) are imported inside the commands that need them, so that
`factcheck search --json` pays for little more than Python's start-up and the index lookup.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.errors import FactcheckError
from factcheck.model import STATUS_CODES
from factcheck.store.names import CLAIMS_DIR_ENV
from factcheck.terminal.environment import Environment
from factcheck.terminal.output import Output
from factcheck.terminal.status import ExitStatus

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UserError(click.ClickException):
    """A user's mistake or bad data: one line on stderr, exit 2, no traceback."""

    exit_code = ExitStatus.USER_ERROR

    def __init__(self, message: str):
        from factcheck.textclean import clean

        super().__init__(clean(message))
        ctx = click.get_current_context(silent=True)
        state = ctx.find_object(State) if ctx else None
        self._stderr = state.env.stderr if state else None

    def show(self, file=None) -> None:
        super().show(file if file is not None else self._stderr)


class FactcheckGroup(click.Group):
    """The one error funnel (library errors become a one-line message and exit 2), and the one place
    a command's outcome is printed and turned into the exit status."""

    def invoke(self, ctx: click.Context):
        try:
            outcome = super().invoke(ctx)
            if outcome is not None:
                state = ctx.find_object(State)
                ctx.exit(state.out.emit(outcome, state.json))
        except FactcheckError as exc:
            raise UserError(str(exc)) from None


class State:
    """What the commands share: the Environment, its output layer, the repository and the --json flag."""

    def __init__(self, claims_dir: str | None, env: Environment):
        self.claims_dir = claims_dir
        self.env = env
        self.out = Output(env)
        self.json = False
        self._repo = None

    @property
    def repo(self):
        if self._repo is None:
            from factcheck.search.index import cache_dir
            from factcheck.store.repo import Repo

            self._repo = Repo.find(self.claims_dir, cache_dir=cache_dir(self.env.environ))
        return self._repo

    def index(self, claim_id: str | None = None):
        """The refreshed search index, each file problem warned about on stderr; a problem with the file of
        `claim_id`, the one claim asked for, is an error instead."""
        from factcheck.search.index import open_index

        index = open_index(self.repo)
        for problem in index.problems:
            if claim_id is not None and problem.path.stem == claim_id:
                raise UserError(str(problem))
            self.out.warn(str(problem))
        return index


pass_state = click.make_pass_decorator(State)


def _remember_json(ctx: click.Context, _param, value: bool) -> None:
    ctx.find_object(State).json = value


json_option = click.option(
    "--json", is_flag=True, expose_value=False, callback=_remember_json, help="Print JSON on stdout."
)
status_option = click.option(
    "--status", type=click.Choice(STATUS_CODES), help="Only claims with this verdict."
)
tag_option = click.option("--tag", help="Only claims with this tag.")


def write_output(path: Path, text: str) -> None:
    """Write what a command would print to the file the user named with -o (atomically, replacing it)."""
    from factcheck.store.files import atomic_write

    atomic_write(path.resolve(), text.encode("utf-8"), overwrite=True)


@click.group(cls=FactcheckGroup, context_settings=CONTEXT)
@click.option(
    "--claims-dir",
    type=click.Path(file_okay=False, path_type=str),
    envvar=CLAIMS_DIR_ENV,
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
    # A test (or a program embedding the CLI) passes its own Environment as the context object.
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    ctx.obj = State(claims_dir, env)


def main() -> None:
    try:
        cli.main(prog_name="factcheck")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error worth a traceback
        sys.exit(ExitStatus.OK)
