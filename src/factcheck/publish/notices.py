"""What the desk adds to a claim's page and report: the correction notice at the top, and a banner on a claim
that is not published.
"""

from __future__ import annotations

from factcheck.model import STATE_LABELS, VERDICT_BY_CODE, state_of
from factcheck.publish.html import _time, badge, escaped
from factcheck.store.desk import previous_verdict

DESK_LABELS = {
    "correction": "정정 · Correction",
    "previous_verdict": "이전 판정 · Previous verdict",
    "changed": "바뀐 것 · Changed",
    "not_published": "게시되지 않음 · Not published",
}
CHANGED_LABELS = {"status": "판정 · verdict", "rationale": "근거 · rationale", "sources": "출처 · sources"}


def _newest_first(record: dict) -> list[dict]:
    return sorted(record.get("corrections") or [], key=lambda c: str(c.get("date") or ""), reverse=True)


def changed_words(correction: dict) -> str:
    return ", ".join(CHANGED_LABELS.get(c, c) for c in correction.get("changed") or [])


def correction_notice(record: dict) -> str:
    """The corrections of a claim, newest first, for the top of its page; empty when it has none."""
    corrections = _newest_first(record)
    if not corrections:
        return ""
    items = []
    for c in corrections:
        bits = [f"{_time(c.get('date'))} {escaped(c.get('note'))}"]
        if previous_verdict(c) in VERDICT_BY_CODE:
            bits.append(f'{DESK_LABELS["previous_verdict"]}: {badge(previous_verdict(c), small=True)}')
        if c.get("changed"):
            bits.append(f'{DESK_LABELS["changed"]}: {escaped(changed_words(c))}')
        items.append("<li>" + " · ".join(bits) + "</li>")
    return (f'<section id="correction" class="correction" role="note"><h2>{DESK_LABELS["correction"]}</h2>'
            f'<ul>{"".join(items)}</ul></section>')


def state_banner(record: dict) -> str:
    """A banner on a claim that is not published (a desk preview built with --all); empty otherwise."""
    state = state_of(record)
    if state == "published":
        return ""
    ko, en = STATE_LABELS[state]
    return (f'<p class="state-banner" data-state="{escaped(state)}"><span lang="ko">{escaped(ko)}</span> · '
            f'<span lang="en">{escaped(en)}</span> — {DESK_LABELS["not_published"]}</p>')


# --------------------------------------------------------------------------- Markdown


def correction_markdown(record: dict, md) -> list[str]:
    """The correction notice as Markdown lines (`md` escapes text); none when there is no correction."""
    lines = []
    for c in _newest_first(record):
        previous = VERDICT_BY_CODE.get(previous_verdict(c) or "")
        was = f" ({DESK_LABELS['previous_verdict']}: {previous.ko} · {previous.en})" if previous else ""
        lines.append(f"> **{DESK_LABELS['correction']}** {md(c.get('date'))}: {md(c.get('note'))}{was}")
    return lines + [""] if lines else []
