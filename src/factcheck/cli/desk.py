"""The desk's commands: assign, submit, approve, reject, rationale, queue, log and compare."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli.app import State, UserError, cli, complete_claim_id, json_option, pass_state
from factcheck.i18n import _
from factcheck.terminal.outcomes import Notice

by_option = click.option("--by", help="Who does it (default: $FACTCHECK_USER, else git's user.name).")


def _who(state: State, by: str | None, needed_for: str | None = None) -> str | None:
    """--by, else the person at the keyboard. A move that `needed_for` names is refused when nobody can be
    named for it; otherwise the record simply says no name."""
    from factcheck.store.desk import current_user, person

    if by is not None:
        return person(by)
    name = current_user(state.repo.root, state.env.environ)
    if name is None and needed_for:
        raise UserError(_("{command} needs --by NAME (or set FACTCHECK_USER, or git config user.name)").format(
            command=needed_for))
    return name


def _desk_json(record: dict) -> dict:
    from factcheck.model import state_of

    history = record.get("history") or []
    return {
        "id": record["id"], "state": state_of(record), "status": record["status"],
        "assignee": record.get("assignee"), "checked_by": record.get("checked_by"),
        "approved_by": record.get("approved_by"), "history_entry": history[-1] if history else None,
    }


def _moved(record: dict, message: str, problems: list | None = None) -> Notice:
    return Notice(message, data=_desk_json(record), problems=problems)


# --------------------------------------------------------------------------- moves


@cli.command()
@click.argument("claim_id", shell_complete=complete_claim_id)
@click.argument("name")
@by_option
@json_option
@pass_state
def assign(state: State, claim_id, name, by):
    """Make NAME the person who checks the claim (any state; kept in history).

    \b
    Examples:
      factcheck assign gimje-national-budget-three-years-record 김기자
      factcheck assign gimje-national-budget-three-years-record "Kim Ji-su" --by 박편집
    """
    from factcheck.store import desk

    who = _who(state, by)
    record = state.repo.update(claim_id, desk.assign(name, who))
    return _moved(record, _("{id}: assigned to {name}").format(id=claim_id, name=record["assignee"]))


@cli.command()
@click.argument("claim_id", shell_complete=complete_claim_id)
@by_option
@click.option("--note", help="A note for the reviewer (kept in history).")
@json_option
@pass_state
def submit(state: State, claim_id, by, note):
    """Move a draft to review; whoever submits it is recorded as checked_by.

    \b
    Examples:
      factcheck submit gimje-national-budget-three-years-record
      factcheck submit gimje-national-budget-three-years-record --by 김기자 --note "출처 2건 확인"
    """
    from factcheck.store import desk

    who = _who(state, by, needed_for="submit")
    record = state.repo.update(claim_id, desk.move("submit", who, note=note))
    return _moved(record, _("{id}: in review (checked by {name})").format(id=claim_id, name=who))


def _review(state: State, name: str, claim_id: str, by: str, note: str | None) -> dict:
    from factcheck.store import desk

    rules = desk.load_rules(state.repo.root)
    return state.repo.update(claim_id, desk.move(name, by, rules, note))


@cli.command()
@click.argument("claim_id", shell_complete=complete_claim_id)
@click.option("--by", required=True, help="Who approves it (a reviewer; not the checker under require_review).")
@click.option("--note", help="Why (kept in history).")
@json_option
@pass_state
def approve(state: State, claim_id, by, note):
    """Publish a claim in review: `site` and ClaimReview export include it from now on.

    With `require_review: true` in factcheck.yaml the approver must be someone other than
    checked_by; with `reviewers: [...]`, one of them.

    \b
    Examples:
      factcheck approve gimje-national-budget-three-years-record --by 박편집
    """
    from factcheck.store.desk import missing

    record = _review(state, "approve", claim_id, by, note)
    lacking = [m for m in missing(record) if m != "verdict"]
    problems = [_("{id} was published without: {missing}").format(id=claim_id, missing=", ".join(lacking))] if lacking else []
    published = _("{id}: published (approved by {name})").format(id=claim_id, name=record["approved_by"]["name"])
    return _moved(record, published, problems)


@cli.command()
@click.argument("claim_id", shell_complete=complete_claim_id)
@click.option("--by", required=True, help="Who sends it back (a reviewer).")
@click.option("--note", required=True, help="What must change before it can be published (kept in history).")
@json_option
@pass_state
def reject(state: State, claim_id, by, note):
    """Send a claim in review back to draft, with a note saying what must change.

    \b
    Examples:
      factcheck reject gimje-national-budget-three-years-record --by 박편집 --note "1조 원 기준을 근거에 밝힐 것"
    """
    record = _review(state, "reject", claim_id, by, note)
    return _moved(record, _("{id}: back to draft ({note})").format(id=claim_id, note=note))


@cli.command()
@click.argument("claim_id", shell_complete=complete_claim_id)
@click.argument("text")
@click.option("--lang", type=click.Choice(("ko", "en")), help="Set only this language of the rationale.")
@click.option("--correction", help="On a published claim: the correction readers are shown (required there).")
@json_option
@pass_state
def rationale(state: State, claim_id, text, lang, correction):
    """Set a claim's rationale, or one language of it.

    On a published claim this is a correction: --correction says what was wrong, and readers
    see it at the top of the claim's page.

    \b
    Examples:
      factcheck rationale gimje-national-budget-three-years-record "…" --lang ko
      factcheck rationale gimje-national-budget-three-years-record "…" --lang en --correction "2026년 예산 반영"
    """
    from factcheck.store import desk

    record = state.repo.update(
        claim_id, desk.corrected(desk.rationale_change(text, lang), correction, _who(state, None))
    )
    problems = []
    if lang and isinstance(record.get("rationale"), dict) and len(record["rationale"]) > 1:
        other = "en" if lang == "ko" else "ko"
        problems.append(_("{id}: only the {language} rationale changed; check that the {other} one still says the same")
                        .format(id=claim_id, language=lang, other=other))
    done = _("{id}: rationale set (corrected)") if correction else _("{id}: rationale set")
    return Notice(done.format(id=claim_id), data=record, problems=problems)


# --------------------------------------------------------------------------- the desk's views


@cli.command()
@click.option("--mine", is_flag=True, help="Only claims assigned to me ($FACTCHECK_USER, else git's user.name).")
@json_option
@pass_state
def queue(state: State, mine):
    """Drafts and claims in review, oldest first: assignee, age and what is still missing.

    \b
    Examples:
      factcheck queue
      factcheck queue --mine
      FACTCHECK_USER=김기자 factcheck queue --mine --json
    """
    from factcheck.store.desk import current_user, queue as work_queue
    from factcheck.terminal.desk_outcomes import Queued

    user = None
    if mine:
        user = current_user(state.repo.root, state.env.environ)
        if user is None:
            raise UserError(_("--mine needs to know who you are: set FACTCHECK_USER, or git config user.name"))
    return Queued(work_queue(state.index().records(), mine=user), user)


@cli.command(name="log")
@click.argument("claim_id", shell_complete=complete_claim_id)
@json_option
@pass_state
def log_command(state: State, claim_id):
    """A claim's whole story: its history interleaved with the git log of its file.

    Each commit shows its author, subject and the fields it changed (renames followed).
    Outside a git repository only the history is shown.

    \b
    Examples:
      factcheck log gimje-physical-ai-yeta-exemption
      factcheck log gimje-physical-ai-yeta-exemption --json
    """
    from factcheck.search.index import open_index
    from factcheck.store.desk import story
    from factcheck.store.gitlog import file_log
    from factcheck.terminal.desk_outcomes import Story

    record = state.claim(claim_id)
    path, line = open_index(state.repo).where(claim_id)
    git = file_log(Path(path), packed_id=claim_id if line else None)
    notes = [_("a packed claim: line {line} of {pack}; its git history is the commits of that pack that added or "
               "changed it").format(line=line, pack=path)] if line else []
    if git.skipped:
        notes.append(_("git history skipped ({reason}): showing the claim's own history only").format(reason=git.skipped))
    events = story(record, None if git.skipped else git.commits)
    return Story(claim_id, path, not git.skipped, events, line=line, problems=notes)


@cli.command()
@click.option("--gap", default=1, show_default=True, type=click.IntRange(1, 4),
              help="How many levels apart on the five-level scale the verdicts must be.")
@json_option
@pass_state
def compare(state: State, gap):
    """Our claims that other fact-checkers (imported reviews) rated differently.

    An imported review matches one of our claims when it says the same thing; 판단 유보 on
    either side is no disagreement.

    \b
    Examples:
      factcheck compare
      factcheck compare --gap 2 --json
    """
    from factcheck.exchange.compare import disagreements
    from factcheck.terminal.desk_outcomes import Compared

    return Compared(gap, disagreements(state.repo, state.index().records(), min_gap=gap))
