"""`extract` and `scan` in the output layer: their layout as lines of styled spans, and the step through
candidates on a terminal (their outcomes are in article_outcomes.py, which every command loads).

On a TTY the lines go through render.print_lines for colour and badges; into a pipe they are plain text
(no terminal library loaded). Every piece of article text passes through `clean()` here: a web page's
control characters are shown as escapes, never sent raw to the terminal.
"""

from __future__ import annotations

from typing import Callable

from factcheck.i18n import N_, _, translated
from factcheck.model import VERDICT_BY_CODE, claimant_text
from factcheck.terminal.environment import Environment
from factcheck.terminal.layout import Span, plain_text
from factcheck.textclean import clean, columns

# --------------------------------------------------------------------------- layout


def show_lines(out, lines: list[list[Span]]) -> None:
    """Lines on stdout: through rich on a terminal, as plain text into a pipe (rich never loaded)."""
    if out.env.stdout_isatty:
        from factcheck.terminal import render

        render.print_lines(render.console(out.env), lines)
    else:
        out.echo(plain_text(lines), nl=False)


def _one(value: object) -> str:
    return clean("" if value is None else value, single_line=True)


def _verdict(code: str | None) -> str:
    verdict = VERDICT_BY_CODE.get(code or "")
    return verdict.ko if verdict else _one(code)


def source_lines(source: dict) -> list[list[Span]]:
    head: list[Span] = [(_one(source.get("title")) or _("(no headline)"), "bold")]
    meta = [_one(v) for v in (source.get("publisher"), source.get("byline"), source.get("date")) if v]
    lines = [head]
    if meta:
        lines.append([(" · ".join(meta), "cyan")])
    if source.get("url"):
        lines.append([(_one(source["url"]), "blue underline")])
    return lines + [[]]


# A match's tier (a JSON code) as the line says it, and as its score's label.
TIER_LINES = {"match": N_("already checked"), "related": N_("related")}
TIER_NAMES = {"match": N_("match"), "related": N_("related")}


def tier_name(tier: str) -> str:
    return _(TIER_NAMES[tier]) if tier in TIER_NAMES else _one(tier)


def match_lines(candidate, indent: str = "   ") -> list[list[Span]]:
    lines = []
    for match in candidate.matches:
        label, tier = _(TIER_LINES[match.tier]), tier_name(match.tier)
        lines.append([(f"{indent}{label}: ", "bold" if match.tier == "match" else "dim"),
                      (f"[{_verdict(match.status)}]", f"badge:{match.status}"),
                      (f" · {_one(match.id)}", ""), (f" ({tier} {match.score})", "dim")])
    return lines


def candidate_lines(candidate, rank: int) -> list[list[Span]]:
    lines: list[list[Span]] = [[(f"{rank}. ", "bold"), (f"[{candidate.score:>3}] ", "bold magenta"),
                                (_one(candidate.text), "bold")]]
    who = claimant_text({"claimant": candidate.claimant.as_json()}) if candidate.claimant else _("(claimant unknown)")
    meta: list[Span] = [("   ", ""), (_one(who), "cyan")]
    if candidate.claim_date:
        meta.append((f" · {_one(candidate.claim_date)}", ""))
    if candidate.entities:
        meta.append((" · " + ", ".join(_one(e) for e in candidate.entities), "dim"))
    lines.append(meta)
    if candidate.signals:
        shown = " · ".join(
            f"{s.name} {s.weight:+d}" + (f" ({_one(s.match)})" if s.match else "") for s in candidate.signals
        )
        lines.append([("   " + _("signals") + ": ", "dim"), (shown, "dim")])
    return lines + match_lines(candidate)


def extraction_lines(extraction, limit: int, min_score: int = 0) -> list[list[Span]]:
    lines = source_lines(extraction.article.source())
    shown = [c for c in extraction.candidates if c.score >= min_score][:limit]
    for rank, candidate in enumerate(shown, 1):
        lines += candidate_lines(candidate, rank) + [[]]
    return lines  # none shown: the outcome's note says so on stderr


def added_lines(results) -> list[list[Span]]:
    lines = []
    for result in results:
        if result.id:
            lines.append([(_("added") + " ", "green"), (_one(result.id), "bold"), (f"  {_one(result.text)}", "")])
        else:
            lines.append([(_("skipped") + " ", "yellow"), (f"({_one(translated(result.reason))}) ", "dim"), (_one(result.text), "")])
    return lines


# How `scan` marks an article: one that repeats a claim rated false to half-true alarms.
SCAN_MARKS = {"alarm": (N_("REPEAT"), "bold red"), "repeat": (N_("repeat"), "yellow"), "new": (N_("new"), "dim")}


def scan_lines(report) -> list[list[Span]]:
    marks = {kind: (_(label), style) for kind, (label, style) in SCAN_MARKS.items()}
    width = max(columns(label) for label, _style in marks.values()) + 1  # the titles start in one column
    indent = " " * width
    repeats, candidate_label = _("repeats"), _("candidate")
    lines: list[list[Span]] = []
    for article in report.articles:
        label, style = marks["alarm" if article.alarming else "repeat" if article.repeats else "new"]
        lines.append([(label + " " * (width - columns(label)), style), (_one(article.title or article.url), "bold")])
        lines.append([(indent, ""), (_one(article.url), "blue underline")]
                     + ([(f" · {_one(article.date)}", "")] if article.date else []))
        for candidate in article.repeats:
            match = candidate.stored
            lines.append([(f"{indent}{repeats} ", "bold"), (f"[{_verdict(match.status)}]", f"badge:{match.status}"),
                          (f" · {_one(match.id)} ({tier_name(match.tier)} {match.score})", "dim")])
            lines.append([(f"{indent}  “", ""), (_one(candidate.text), ""), ("”", "")])
        for candidate in article.candidates:
            lines.append([(f"{indent}{candidate_label} ", "dim"), (f"[{candidate.score:>3}] ", "magenta"),
                          (_one(candidate.text), "")])
            lines += match_lines(candidate, indent=indent + "  ")
        lines.append([])
    flagged = sum(1 for a in report.articles if a.repeats)
    summary = _("{articles} new article(s), {flagged} repeating a checked claim").format(
        articles=len(report.articles), flagged=flagged)
    if report.skipped:
        summary += _(", {skipped} seen before").format(skipped=report.skipped)
    lines.append([(summary, "bold")])
    return lines


# --------------------------------------------------------------------------- one candidate at a time

CHOICES = {"a": "accept", "e": "edit", "s": "skip", "q": "quit"}


def prompt_hint(candidate) -> str:
    stored = candidate.stored
    if stored is not None:
        return _("already stored as {id}: [s]kip, [q]uit").format(id=stored.id)
    return _("[a]ccept, [e]dit, [s]kip, [q]uit")


def step_through(env: Environment, extraction, limit: int, min_score: int, add: Callable) -> list:
    """Show each candidate and ask what to do: accept (add it), edit (then add), skip or quit. Questions go
    to stderr and answers come from the Environment's stdin. `add(candidate, text)` stores one and returns
    its `Added`; the list of them is returned."""
    from factcheck.terminal import render
    from factcheck.terminal.prompts import Answers

    shown, asked = render.console(env), render.console(env, stderr=True)
    answers = Answers(env.stdin)
    render.print_lines(shown, source_lines(extraction.article.source()))
    results = []
    for rank, candidate in enumerate([c for c in extraction.candidates if c.score >= min_score][:limit], 1):
        render.print_lines(shown, candidate_lines(candidate, rank))
        allowed = "sq" if candidate.stored is not None else "aesq"
        answer = _choice(env, answers, prompt_hint(candidate), allowed)
        if answer == "q":
            break
        if answer in ("a", "e"):
            text = _edited(env, answers, candidate.text) if answer == "e" else None
            result = add(candidate, text)
            results.append(result)
            asked.print(_("added {id} ({path})").format(id=result.id, path=result.path) if result.id
                        else _("not added: {reason}").format(reason=translated(result.reason)),
                        markup=False, highlight=False)
        env.stderr.write("\n")
    return results


def _choice(env: Environment, answers, hint: str, allowed: str) -> str:
    while True:
        env.stderr.write(f"{hint} [s]: ")
        env.stderr.flush()
        try:
            value = answers.readline().strip().lower()[:1] or "s"
        except EOFError:  # the input ended: as good as quit
            return "q"
        if value in allowed:
            return value
        env.stderr.write(_("Error: answer one of {letters}").format(letters=", ".join(allowed)) + "\n")


def _edited(env: Environment, answers, text: str) -> str:
    env.stderr.write(f"claim [{clean(text, single_line=True)}]: ")
    env.stderr.flush()
    try:
        return answers.readline().strip() or text
    except EOFError:
        return text
