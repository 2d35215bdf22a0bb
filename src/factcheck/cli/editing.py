"""Commands that write claims: add, verdict, and validate."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli.app import State, UserError, cli, complete_claim_id, json_option, known_ids, pass_state
from factcheck.cli.params import DATE, VERDICT
from factcheck.i18n import _
from factcheck.terminal.layout import verdict_name
from factcheck.terminal.outcomes import Notice, Validated

# --------------------------------------------------------------------------- add / verdict


@cli.command()
@click.option("--claim", "claim_text", help="The claim as it was said (usually Korean).")
@click.option("--claim-en", help="English translation.")
@click.option("--claimant", help="Who made the claim.")
@click.option("--claimant-role", help="The claimant's role, e.g. 김제시장.")
@click.option(
    "--date", "claim_date", type=DATE,
    help="When it was said: 2025-09-01, 2025년 9월 1일, 2025. 9. 1. or 2025/9/1, or a month or a year (2025-09, 2025).",
)
@click.option("--appearance", "appearance_url", help="Where it was said: the address of the article, post or video.")
@click.option("--appearance-publisher", help="Who published it there.")
@click.option("--status", type=VERDICT, help="The verdict: a code, or its Korean or English name.")
@click.option("--rationale", help="Why that verdict.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--entity", "entities", multiple=True, help="A person, place or organisation (repeatable).")
@click.option("--source", "source_urls", multiple=True, help="A source URL (repeatable, paired in order).")
@click.option("--quote", "quotes", multiple=True, help="The exact quote at the paired --source.")
@click.option("--publisher", "publishers", multiple=True, help="The publisher of the paired --source.")
@click.option("--id", "claim_id", help="The claim id (default: made from the claimant, the claim's words and the date).")
@click.option("--yes", "-y", is_flag=True, help="Write even when near-duplicates exist (still warns).")
@json_option
@pass_state
def add(state: State, yes, **fields):
    """Add a claim as a draft, by flags or interactively (prompts for what is missing on a TTY).

    On a terminal each answer is checked as it is typed, the rationale can be written in $EDITOR,
    and the claim is shown before it is written. Warns about near-duplicate claims already stored,
    validates, and writes atomically. An existing id is never overwritten. A draft is published
    only after review: `factcheck submit ID`, then `factcheck approve ID --by NAME`.

    \b
    Examples:
      factcheck add --claim "김제시는 3년 연속 국가예산 1조 원을 확보했다" \\
        --claimant 김제시 --date 2025-01 --status mostly-true \\
        --rationale "…" --source https://example.org/a --publisher 쿠키뉴스 --quote "…"
      factcheck add            # interactive
    """
    from factcheck.search.similar import near_duplicates
    from factcheck.store import editing
    from factcheck.store.desk import draft

    out = state.out
    repo = state.repo.writable()  # before any question: answers typed for the bundled claims would be lost
    interactive = state.env.stdin_isatty and not yes
    taken = set(known_ids(repo))  # a packed claim's id too: a new claim of that id would hide it
    if interactive:
        fields = out.ask_missing_fields(fields, lambda given: suggested_id(given, taken), taken.__contains__)
    fields["claim_id"] = fields.get("claim_id") or suggested_id(fields, taken)
    appearance = {"url": fields.pop("appearance_url", None), "publisher": fields.pop("appearance_publisher", None)}
    record = draft(editing.new_claim(**fields, appearance=appearance))
    if interactive:
        path = repo.new_path(record["id"])
        out.preview(repo.dump(record, path).decode("utf-8"))
        if not out.confirm(_("Write it to {path}?").format(path=path), default=True):
            raise UserError(_("not added"))
    with repo.new_claim_lock():  # the check and the write together, one add at a time
        duplicates = near_duplicates(repo, record)
        if duplicates:
            out.duplicates(duplicates)
            if interactive and not out.confirm(_("Add it anyway?")):
                raise UserError(_("not added"))
            if not interactive and not yes:
                raise UserError(_("near-duplicate claims exist (listed above); add --yes to write anyway"))
        path = repo.create(record)
    return Notice(_("added {id} as a draft ({path})").format(id=record["id"], path=path),
                  data={"id": record["id"], "path": str(path)})


def suggested_id(fields: dict, taken: set[str]) -> str | None:
    """A readable id for the claim `fields` describe, none of `taken`; None when its text has no letters."""
    from factcheck.store.ids import suggest_id

    if not fields.get("claim_text"):
        return None
    return suggest_id(fields["claim_text"], fields.get("claim_en"), fields.get("claimant"),
                      fields.get("claim_date"), taken)


@cli.command()
@click.argument("claim_id", shell_complete=complete_claim_id)
@click.argument("status", type=VERDICT)
@click.option("--note", help="Why the verdict changed (kept in history; default: the --correction).")
@click.option("--rationale", help="The new rationale, arguing for the new verdict.")
@click.option("--edit", is_flag=True, help="Edit the rationale in $EDITOR (on a terminal: asked when the verdict changes).")
@click.option("--source", "source_url", help="A new source URL supporting the verdict.")
@click.option("--quote", help="The exact quote at --source.")
@click.option("--publisher", help="The publisher of --source.")
@click.option("--correction", help="On a published claim: the correction readers are shown (required there).")
@json_option
@pass_state
def verdict(state: State, claim_id, status, note, rationale, edit, source_url, quote, publisher, correction):
    """Change a claim's verdict and record it in its history.

    The file keeps its comments and key order. On a published claim a new verdict or source is
    a correction: --correction says what was wrong, and readers see it at the top of the page.
    A new verdict warns when its rationale stays the old one; the same verdict again, with no new
    note, source or rationale, changes nothing.

    \b
    Examples:
      factcheck verdict gimje-national-budget-three-years-record mostly-true --note "4년 연속으로 갱신"
      factcheck verdict ID false --note "…" --source https://… --publisher 뉴스1 --quote "…"
      factcheck verdict ID false --correction "국무회의는 8월 18일이었다"
      factcheck verdict ID mostly-false --correction "…" --rationale "…"
      factcheck verdict ID mostly-false --correction "…" --edit
    """
    from factcheck.store import desk, editing

    state.repo.writable()  # before the editor is offered: what is typed there would be lost
    current = state.claim(claim_id)
    new_verdict = current.get("status") != status
    if rationale is None and (edit or (new_verdict and state.env.stdin_isatty and current.get("rationale")
                                       and state.out.confirm(_("The rationale argues for the old verdict: edit it?"),
                                                             default=True))):
        rationale = state.out.edit(editing.rationale_text(current))
    if editing.verdict_unchanged(current, status, note or correction, source_url, rationale):
        return Notice(_("{id}: verdict unchanged ({status}); nothing written").format(
            id=claim_id, status=verdict_name(status)), data=current)
    change = editing.verdict_change(status, note or correction, source_url, quote, publisher, rationale=rationale)
    by = desk.current_user(state.repo.root, state.env.environ)
    record = state.repo.update(claim_id, desk.corrected(change, correction, by))
    problems = []
    if new_verdict and rationale is None and current.get("rationale"):
        problems.append(_("{id}: the rationale was written for {old}; check that it argues for {new} "
                          "(--rationale TEXT, or --edit)").format(
            id=claim_id, old=verdict_name(current["status"]), new=verdict_name(status)))
    elif isinstance(record.get("rationale"), dict) and rationale is not None:
        problems.append(_("{id}: only the {language} rationale changed; check that the {other} one still says the same")
                        .format(id=claim_id, language="ko", other="en"))
    return Notice(_("{id}: verdict is now {status}").format(id=claim_id, status=verdict_name(status)), data=record,
                  problems=problems)


# --------------------------------------------------------------------------- validate


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@json_option
@pass_state
def validate(state: State, paths):
    """Check claim files against the claim model.

    Prints `file:line: message` for each problem and exits 2 if there is any. With no PATH,
    checks every claim file and pack of imported claims in the repository. Works as a pre-commit hook.

    \b
    Examples:
      factcheck validate
      factcheck validate claims/gimje-national-budget-three-years-record.yaml
    """
    from factcheck.store.editing import validate_files

    repo = state.repo
    files = [repo.inside(p) for p in paths] if paths else [*repo.claim_files(), *repo.pack_files()]
    return Validated(*validate_files(repo, files))
