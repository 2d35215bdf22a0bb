"""The command line: parse arguments, call the library, return an outcome for the output layer to print.

Each command returns an outcome (terminal/outcomes.py); the group hands it to `Output.emit`, which prints
it as JSON with --json or through its renderer, and exits with the status it names. The run's
`Environment` (streams, terminal flags, variables) is built once here and kept on the context's `State`.

Heavy modules (rich, ruamel.yaml, httpx) are imported inside the commands that need them, so that
`factcheck search --json` pays for little more than Python's start-up and the index lookup.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from factcheck import i18n
from factcheck.cli.language import (
    PAGES_LANGUAGE, chosen_language, did_you_mean, pages_in_chosen_language, speak, teach_click)
from factcheck.cli.params import VERDICT
from factcheck.errors import FactcheckError
from factcheck.i18n import _, translated
from factcheck.model import STATES
from factcheck.store.names import CLAIMS_DIR_ENV
from factcheck.terminal.environment import Environment
from factcheck.terminal.output import Output
from factcheck.terminal.status import ExitStatus

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# click words a few of its messages as commands are declared (click.Path's "directory"). Handed our lookup
# before any is, it never calls the standard library's, which reads the locale (importing `locale`) and
# searches the system's locale folders for a catalog at every call.
teach_click()


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


CLAIMS_DIR_HELP = ("The claims repository (default: nearest claims/ upwards, else the bundled claims). "
                   "Env: FACTCHECK_CLAIMS_DIR.")


CLAIMS_DIR_AFTER = "factcheck.claims_dir"  # ctx.meta key: --claims-dir after the command, for completion


def _claims_dir_after_command(ctx: click.Context, _param, value: str | None) -> None:
    if value is not None:
        ctx.meta[CLAIMS_DIR_AFTER] = value
        state = ctx.find_object(State)  # none while completing: no command runs then
        if state is not None:
            state.claims_dir = value


def complete_claim_id(ctx: click.Context, _param, incomplete: str) -> list:
    """Shell completion of a claim id: the ids of the repository the command line names, by prefix."""
    from click.shell_completion import CompletionItem

    from factcheck.search.index import cache_dir
    from factcheck.store.repo import Repo

    explicit = ctx.meta.get(CLAIMS_DIR_AFTER) or ctx.find_root().params.get("claims_dir")
    try:
        ids = known_ids(Repo.find(explicit, cache_dir(os.environ)), incomplete, build=False)
    except (FactcheckError, OSError):
        return []
    return [CompletionItem(i) for i in ids]


def known_ids(repo, prefix: str = "", build: bool = True) -> list[str]:
    """Every claim id the repository holds that begins with `prefix`, packed claims' included (the search index
    lists those), in order. `build` False: with no index yet, the claim files' ids alone, since a first build of
    a million claims takes minutes and a shell's Tab must not."""
    import sqlite3

    from factcheck.search.index import index_path, open_index

    ids = {i for i in repo.claim_ids() if i.startswith(prefix)}
    if build or index_path(repo.root, repo.cache_dir).exists():
        try:
            ids.update(open_index(repo).ids(prefix))
        except (FactcheckError, sqlite3.Error):  # the index is busy or unusable: the files still answer
            pass
    return sorted(ids)


class RepositoryCommand(click.Command):
    """A command that also takes --claims-dir after its name (`factcheck search 예타 --claims-dir D`), where
    people put it as often as before, and meaning the same."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.params.append(click.Option(
            ["--claims-dir"], type=click.Path(file_okay=False, path_type=str), expose_value=False,
            callback=_claims_dir_after_command, help=CLAIMS_DIR_HELP))


class SuggestingGroup(click.Group):
    """A group that answers a mistyped command with the commands it may have meant."""

    command_class = RepositoryCommand

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            import difflib

            close = difflib.get_close_matches(args[0], self.list_commands(ctx), n=3, cutoff=0.6) if args else []
            if close and getattr(exc, "possibilities", None) is None:  # click 8.2 and later suggest themselves
                exc.message = f"{exc.message} {did_you_mean(close)}"
            raise


# The module that adds each command. A command's module is imported when the command runs (or, for
# --help, suggestions and completion, all of them), so `factcheck search` loads no code of the others.
# tests/test_output_layer.py holds this table to what the modules register.
COMMAND_MODULES = {
    **dict.fromkeys(("search", "show", "report", "list", "stats", "index"), "claims"),
    **dict.fromkeys(("add", "verdict", "validate"), "editing"),
    **dict.fromkeys(("import", "export", "adopt"), "exchange"),
    "site": "site", "sources": "sources", "init": "init", "extract": "articles", "scan": "articles",
    **dict.fromkeys(("assign", "submit", "approve", "reject", "rationale", "queue", "log", "compare"), "desk"),
}


def load_commands(names=None) -> None:
    """Import the modules that add the commands `names` (all of them when None)."""
    import importlib

    for module in sorted({COMMAND_MODULES[n] for n in (COMMAND_MODULES if names is None else names)
                          if n in COMMAND_MODULES}):
        importlib.import_module(f"factcheck.cli.{module}")


class FactcheckGroup(SuggestingGroup):
    """The one error funnel (library errors become a one-line message and exit 2), and the one place
    a command's outcome is printed and turned into the exit status. The run's Environment is built here,
    before anything is parsed, so that the language it chooses is that of the help and of click's errors."""

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:
            # A test (or a program embedding the CLI) passes its own Environment as the context object.
            if not isinstance(extra.get("obj"), Environment):
                extra["obj"] = Environment()
            taking_values = {name for p in self.params if isinstance(p, click.Option) and not p.is_flag for name in p.opts}
            chosen = chosen_language(args, taking_values)
            environ = extra["obj"].environ
            speak(i18n.language_from(environ, chosen), self)
            ctx = super().make_context(info_name, args, parent, **extra)
            ctx.meta[PAGES_LANGUAGE] = chosen or environ.get(i18n.LANGUAGE_VARIABLE)
            return ctx
        return super().make_context(info_name, args, parent, **extra)

    def get_command(self, ctx, name):
        if name not in self.commands:
            load_commands([name])
        return super().get_command(ctx, name)

    def list_commands(self, ctx):
        load_commands()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):
        try:
            outcome = super().invoke(ctx)
            state = _tell_writes(ctx)  # first: a command's own summary stays its last line, where scripts read it
            if outcome is not None:
                ctx.exit(state.out.emit(outcome, state.json))
        except FactcheckError as exc:
            state = _tell_writes(ctx)
            raise UserError(_with_suggestions(exc, state)) from None
        except KeyboardInterrupt:  # click would say "Aborted!" and exit 1; a shell expects 130
            state = _tell_writes(ctx)
            click.echo("\n" + _("interrupted"), file=state.env.stderr if state else sys.stderr)
            ctx.exit(ExitStatus.INTERRUPTED)


def _with_suggestions(exc: FactcheckError, state: State | None) -> str:
    """The error's message; for an id the repository does not hold, with the ids that may have been meant."""
    from factcheck.errors import NotFound

    if not isinstance(exc, NotFound) or not exc.claim_id or state is None:
        return translated(exc)
    from factcheck.store.repo import similar_ids

    close = similar_ids(exc.claim_id, known_ids(state.repo))
    return f"{translated(exc)} {did_you_mean(close)}" if close else translated(exc)


def _tell_writes(ctx: click.Context) -> State | None:
    """Say what the command wrote, if it got as far as a repository; the run's State, if any."""
    state = ctx.find_object(State)
    if state is not None:
        state.tell_writes()
    return state


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

    def tell_writes(self) -> None:
        """Say which repository the command wrote to, once, if it wrote any claim file."""
        if self._repo is not None and self._repo.written:
            self.out.note(_("wrote {n} claim file(s) in the claims repository {root}").format(
                n=len(self._repo.written), root=self._repo.root))
            self._repo.written = []

    def index(self):
        """The refreshed search index, each file problem warned about on stderr."""
        from factcheck.search.index import open_index

        index = open_index(self.repo)
        for problem in index.problems:
            self.out.warn(problem)
        return index

    def claim(self, claim_id: str) -> dict:
        """The one claim asked for, read from its own file, each file problem warned about on stderr. A
        problem with a file named after `claim_id` is the error when no such claim could be read; when the
        claim was read, that file is a duplicate of it (under imported/, say) and only warned about."""
        from factcheck.errors import NotFound
        from factcheck.search.index import open_index

        index = open_index(self.repo)
        try:
            record = index.get(claim_id)
        except NotFound:
            record = None
        for problem in index.problems:
            if record is None and problem.path.stem == claim_id:
                raise UserError(translated(problem))
            self.out.warn(problem)
        return record if record is not None else index.get(claim_id)


pass_state = click.make_pass_decorator(State)


def _remember_json(ctx: click.Context, _param, value: bool) -> None:
    ctx.find_object(State).json = value


json_option = click.option(
    "--json", is_flag=True, expose_value=False, callback=_remember_json, help="Print JSON on stdout."
)
status_option = click.option(
    "--status", type=VERDICT, help="Only claims with this verdict (a code, or its Korean or English name)."
)
tag_option = click.option("--tag", help="Only claims with this tag.")
state_option = click.option(
    "--state", "state_", type=click.Choice(STATES), help="Only claims in this editorial state."
)
all_option = click.option(
    "all_", "--all", is_flag=True, help="Include claims that are not published (drafts, in review)."
)


def nothing_matched(state: State, everything: list[dict], status, tag, state_=None) -> str:
    """Why the filters of list, export or site leave nothing, in one line: an empty repository, a tag no claim
    has (and the tags like it), or filters that together leave nothing."""
    from factcheck.model import tag_matches
    from factcheck.store.listing import tags_like

    if not everything:
        return _("no claims in {path}").format(path=state.repo.root)
    if tag and not any(tag_matches(tag, r.get("tags")) for r in everything):
        return _("no claim has a tag like “{tag}”; tags like it: {tags}").format(
            tag=tag, tags=", ".join(tags_like(tag, everything)))
    filters = " ".join(f"--{name} {value}" for name, value in (("status", status), ("tag", tag), ("state", state_))
                       if value)
    return _("no claim matches {filters}").format(filters=filters)


def write_output(path: Path, text: str) -> None:
    """Write what a command would print to the file the user named with -o (atomically, replacing it)."""
    from factcheck.store.files import atomic_write

    atomic_write(path.resolve(), text.encode("utf-8"), overwrite=True)


@click.group(cls=FactcheckGroup, context_settings=CONTEXT)
@click.option(
    "--claims-dir",
    type=click.Path(file_okay=False, path_type=str),
    envvar=CLAIMS_DIR_ENV,
    help=CLAIMS_DIR_HELP,
)
@click.option(
    "--lang", type=click.Choice(i18n.LANGUAGES), expose_value=False,  # read before parsing: chosen_language
    help="The language to speak: ko or en (default: FACTCHECK_LANG, else the locale: LC_ALL, LC_MESSAGES, LANG).",
)
@click.version_option(package_name="factcheck", prog_name="factcheck")
@click.pass_context
def cli(ctx: click.Context, claims_dir: str | None):
    """factcheck: a civic fact-checker over a repository of YAML claims.

    \b
    Examples:
      factcheck search "예타 면제 언제"
      factcheck show gimje-physical-ai-yeta-exemption
      factcheck list --status mostly-false
      factcheck add --claim "…" --claimant "…" --status unverified
      factcheck validate

    Exit codes: 0 success, 1 no match (or a source problem), 2 usage or data error.
    """
    env = ctx.obj  # the Environment FactcheckGroup.make_context chose the language from
    ctx.obj = State(claims_dir, env)
    pages_in_chosen_language(ctx)
    wanted = env.get(i18n.LANGUAGE_VARIABLE)
    if wanted and i18n.parse_language(wanted) is None:
        ctx.obj.out.warn(_("{variable}={value}: factcheck speaks ko or en; the locale decides").format(
            variable=i18n.LANGUAGE_VARIABLE, value=wanted))


def main() -> None:
    try:
        cli.main(prog_name="factcheck")
    except KeyboardInterrupt:
        click.echo(_("interrupted"), err=True)
        sys.exit(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error worth a traceback
        sys.exit(ExitStatus.OK)
