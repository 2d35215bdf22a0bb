"""What the desk adds to a claim's page and report: the correction notice at the top, a banner on a claim that
is not published, and other outlets' verdicts on the same claim, credited to them.
"""

from __future__ import annotations

from factcheck.model import STATE_LABELS, VERDICT_BY_CODE, state_of
from factcheck.publish.bilingual import Labels, label_text
from factcheck.publish.html import _time, badge, escaped, link
from factcheck.store.desk import previous_verdict
from factcheck.textclean import clean

DESK_LABELS = Labels({
    "correction": "정정 · Correction",
    "previous_verdict": "이전 판정 · Previous verdict",
    "changed": "바뀐 것 · Changed",
    "other_fact_checks": "다른 팩트체크 · Other fact-checks",
    "their_rating": "원래 판정 · Their rating",
    "not_published": "게시되지 않음 · Not published",
})
CHANGED_LABELS = {"status": "판정 · verdict", "rationale": "근거 · rationale", "sources": "출처 · sources"}


def _newest_first(record: dict) -> list[dict]:
    return sorted(record.get("corrections") or [], key=lambda c: str(c.get("date") or ""), reverse=True)


def changed_words(correction: dict) -> str:
    return ", ".join(label_text(CHANGED_LABELS.get(c, c)) for c in correction.get("changed") or [])


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


def others_section(others: list | None) -> str:
    """Imported reviews of the same claim: publisher, their verdict and label, date and a link."""
    if not others:
        return ""
    items = []
    for other in others:
        bits = [f"<b>{escaped(other.publisher)}</b>" if other.publisher else "", badge(other.status, small=True)]
        if other.own_words:
            bits.append(f"{DESK_LABELS['their_rating']}: “{escaped(other.own_words)}”")
        if other.date:
            bits.append(_time(other.date))
        title = link(other.url, other.claim) if other.url else escaped(other.claim)
        items.append(f'<li>{" · ".join(b for b in bits if b)}<br>{title}</li>')
    return (f'<section id="other-fact-checks"><h2>{DESK_LABELS["other_fact_checks"]}</h2>'
            f'<ul class="others">{"".join(items)}</ul></section>')


# --------------------------------------------------------------------------- Markdown


def correction_markdown(record: dict, md) -> list[str]:
    """The correction notice as Markdown lines (`md` escapes text); none when there is no correction."""
    lines = []
    for c in _newest_first(record):
        previous = VERDICT_BY_CODE.get(previous_verdict(c) or "")
        was = f" ({DESK_LABELS.text('previous_verdict')}: {previous.ko} · {previous.en})" if previous else ""
        lines.append(f"> **{DESK_LABELS.text('correction')}** {md(c.get('date'))}: {md(c.get('note'))}{was}")
    return lines + [""] if lines else []


def others_markdown(others: list | None, md) -> list[str]:
    if not others:
        return []
    lines = ["", f"## {DESK_LABELS.text('other_fact_checks')}", ""]
    for other in others:
        v = VERDICT_BY_CODE[other.status]
        label = f" (“{md(other.own_words)}”)" if other.own_words else ""
        where = f" <{clean(other.url)}>" if other.url else ""
        lines.append(f"- {md(other.publisher)}: {v.ko} · {v.en}{label}, {md(other.date)} — {md(other.claim)}{where}")
    return lines
