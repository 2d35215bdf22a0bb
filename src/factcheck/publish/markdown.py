"""A claim as a Markdown report."""

from __future__ import annotations

import re

from factcheck.i18n import _
from factcheck.model import VERDICT_BY_CODE, claimant_text
from factcheck.textclean import clean


# What can start Markdown anywhere in a line: escapes, code, emphasis, links and images, HTML and
# autolinks, entities, headings, tables and fences. Escaped wherever they are (CommonMark lets every
# ASCII punctuation be escaped). Punctuation common in prose (. , : ; ? - ( ) …) is left as written.
_ACTIVE = re.compile(r"([\\`*_{}\[\]<>#|!&~])")
# What is active only where a block can start, i.e. at the start of a line of the value (the first one
# follows `> ` or `- Tags: `): a list (- + 1. 1)), a setext heading (= -) or a rule (- - -).
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])(?=[ \t]|$)", re.M)
_INDENT = re.compile(r"^[ \t]+", re.M)


def _md(text: object) -> str:
    """Data as Markdown that shows it as written: no emphasis, link, HTML, entity, list, heading, rule
    or code can start (the characters that would start one are escaped), and indentation is written
    as entities (no code block)."""
    value = _ACTIVE.sub(r"\\\1", clean(text))
    value = _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", value)
    return _INDENT.sub(lambda m: m.group().replace(" ", "&#32;").replace("\t", "&#9;"), value)


def _md_url(url: object) -> str:
    """A link destination for `<…>`: a character that could end it or the line (`<`, `>`, a space, a
    control character) is percent-encoded, so a hostile URL stays one link and injects no HTML."""
    return re.sub(r'[\s<>"\\\x00-\x1f\x7f-\x9f]', lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")),
                  clean(url))


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
        lines.append("- " + _("Appeared in: {link}").format(link=f"[{_md(title)}](<{_md_url(appearance['url'])}>)"))
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
        lines.append(f"{i}. [{_md(title)}](<{_md_url(source.get('url'))}>) — {meta}")
        lines.append(f"   > {_md(source.get('quote'))}")
        if source.get("archive_url"):
            lines.append("   " + _("(archived: {url})").format(url=f"<{_md_url(source['archive_url'])}>"))
    lines += others_markdown(others, _md)
    history = record.get("history") or []
    if history:
        lines += ["", "## " + _("History"), ""]
        for entry in history:
            lines.append(f"- {_md(entry.get('date'))}: {_md(entry.get('status'))} — {_md(entry.get('note', ''))}")
    return "\n".join(lines).rstrip() + "\n"
