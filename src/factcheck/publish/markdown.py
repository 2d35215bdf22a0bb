"""A claim as a Markdown report."""

from __future__ import annotations

from factcheck.i18n import _
from factcheck.model import VERDICT_BY_CODE, claimant_text
from factcheck.textclean import clean


def _md(text: object) -> str:
    """Escape Markdown's active characters so that data shows as written."""
    value = clean(text)
    for char in "\\`*_{}[]<>#|!":
        value = value.replace(char, "\\" + char)
    return value


def claim_markdown(record: dict, others=None) -> str:
    """The report; `others`: other outlets' reviews of the same claim, listed after the sources."""
    from factcheck.publish.notices import correction_markdown, others_markdown

    verdict = VERDICT_BY_CODE.get(record.get("status", ""))
    label = f"{verdict.ko} ({verdict.en})" if verdict else _md(record.get("status"))
    lines = [f"# {_md(record.get('claim'))}", "", *correction_markdown(record, _md)]
    if record.get("claim_en"):
        lines += [f"*{_md(record['claim_en'])}*", ""]
    lines += ["**" + _("Verdict: {label}").format(label=label) + "**", ""]
    who = claimant_text(record)
    if who:
        lines.append("- " + _("Claimant: {name}").format(name=_md(who)))
    if record.get("claim_date"):
        lines.append("- " + _("Date: {date}").format(date=_md(record["claim_date"])))
    appearance = record.get("appearance") or {}
    if appearance.get("url"):
        title = appearance.get("title") or appearance.get("publisher") or appearance["url"]
        lines.append("- " + _("Appeared in: {link}").format(link=f"[{_md(title)}](<{clean(appearance['url'])}>)"))
    if record.get("tags"):
        lines.append("- " + _("Tags: {tags}").format(tags=_md(", ".join(record["tags"]))))
    lines.append("- " + _("Id: {id}").format(id=f"`{clean(record.get('id'))}`"))
    rationale = record.get("rationale")
    if rationale:
        lines += ["", "## " + _("Rationale"), ""]
        if isinstance(rationale, dict):
            for lang in ("ko", "en"):
                if rationale.get(lang):
                    lines += [_md(rationale[lang]), ""]
        else:
            lines += [_md(rationale), ""]
    lines += ["## " + _("Sources"), ""]
    for i, source in enumerate(record.get("sources") or [], 1):
        title = source.get("title") or source.get("url")
        meta = ", ".join(_md(source[k]) for k in ("publisher", "published", "kind") if source.get(k))
        lines.append(f"{i}. [{_md(title)}](<{clean(source.get('url'))}>) — {meta}")
        lines.append(f"   > {_md(source.get('quote'))}")
        if source.get("archive_url"):
            lines.append("   " + _("(archived: {url})").format(url=f"<{clean(source['archive_url'])}>"))
    lines += others_markdown(others, _md)
    history = record.get("history") or []
    if history:
        lines += ["", "## " + _("History"), ""]
        for entry in history:
            lines.append(f"- {_md(entry.get('date'))}: {_md(entry.get('status'))} — {_md(entry.get('note', ''))}")
    return "\n".join(lines).rstrip() + "\n"
