"""The newsroom's own words for its site: methodology and corrections policy (Markdown files the repository
keeps) and its organisation, funding and contact (from factcheck.yaml).

The IFCN Code of Principles asks a fact-checker to publish all of these. Until a newsroom writes its own,
the site uses the starter texts that `factcheck init` writes (store/starter/), which say on their face that they are
placeholders, and `site` warns about each one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError
from factcheck.store.init import TEXT_FILES, starter_text
from factcheck.store.names import SETTINGS_FILE

PLACEHOLDER_MARK = "factcheck:placeholder"
CONTACT_FIELDS = ("email", "url", "phone", "address")


@dataclass(frozen=True)
class PageText:
    name: str
    markdown: str
    placeholder: bool  # still the starter text (or one marked as such)
    path: Path | None  # the repository's file; None when it has none and the starter stands in


@dataclass(frozen=True)
class Organisation:
    about: str = ""
    owner: str = ""
    funding: list[dict] = field(default_factory=list)  # [{name, url?, note?}]
    team: list[dict] = field(default_factory=list)  # [{name, role?}]
    contact: dict = field(default_factory=dict)  # CONTACT_FIELDS


@dataclass(frozen=True)
class SiteTexts:
    methodology: PageText
    corrections_policy: PageText
    organisation: Organisation

    def warnings(self) -> list[str]:
        out = []
        for text in (self.methodology, self.corrections_policy):
            where = TEXT_FILES[text.name]
            if text.path is None:
                out.append(f"no {text.name} text ({where} in the claims directory): the site shows the "
                           f"placeholder, marked as such")
            elif text.placeholder:
                out.append(f"{text.path} is still the placeholder: replace it with the newsroom's own {text.name}")
        org = self.organisation
        for what, present in (("funding", org.funding), ("contact", org.contact)):
            if not present:
                out.append(f"{SETTINGS_FILE} names no organisation {what} (organisation: {what}: …): "
                           "the about page says it is not stated")
        return out


def starter_texts() -> SiteTexts:
    """The texts a repository without its own gets: every one a placeholder."""
    return SiteTexts(*(PageText(n, starter_text(n), True, None) for n in TEXT_FILES), Organisation())


def load_site_texts(root: Path) -> SiteTexts:
    """The repository's texts, with the starter standing in for any it lacks."""
    from factcheck.store.settings import settings_data
    from factcheck.store.yaml import read_text

    pages = []
    for name, rel in TEXT_FILES.items():
        path = Path(root) / rel
        if path.is_file():
            text = read_text(path)
            pages.append(PageText(name, text, PLACEHOLDER_MARK in text, path))
        else:
            pages.append(PageText(name, starter_text(name), True, None))
    return SiteTexts(*pages, organisation_from(settings_data(root).get("organisation"),
                                               where=str(Path(root) / SETTINGS_FILE)))


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise FactcheckError("{where} must be text; got {kind}", where=where, kind=type(value).__name__)
    return str(value).strip()


def _entries(value: Any, where: str, keys: tuple[str, ...]) -> list[dict]:
    """A list of names, each a string or a mapping with `keys` (the first one required)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise FactcheckError("{where} must be a list", where=where)
    out = []
    for i, item in enumerate(value):
        entry = {keys[0]: item} if isinstance(item, str) else item
        if not isinstance(entry, dict) or not _text(entry.get(keys[0]), f"{where}[{i}].{keys[0]}"):
            raise FactcheckError("{where}[{i}] needs a {key}", where=where, i=i, key=keys[0])
        unknown = set(entry) - set(keys)
        if unknown:
            raise FactcheckError(
                "{where}[{i}]: unknown field {unknown!r} (use {keys})",
                where=where, i=i, unknown=sorted(unknown)[0], keys=', '.join(keys))
        out.append({k: _text(entry.get(k), f"{where}[{i}].{k}") for k in keys if entry.get(k) is not None})
    return out


def organisation_from(data: Any, where: str = SETTINGS_FILE) -> Organisation:
    """`organisation:` of factcheck.yaml: about, owner, funding, team and contact, checked field by field."""
    if data is None:
        return Organisation()
    if not isinstance(data, dict):
        raise FactcheckError(
            "{where}: organisation must be a mapping (about, owner, funding, team, contact)", where=where)
    known = {"about", "owner", "funding", "team", "contact"}
    unknown = set(data) - known
    if unknown:
        raise FactcheckError(
            "{where}: organisation: unknown field {field!r}", where=where, field=sorted(map(str, unknown))[0])
    contact = data.get("contact") or {}
    if isinstance(contact, str):
        contact = {"email": contact} if "@" in contact else {"url": contact}
    if not isinstance(contact, dict) or set(contact) - set(CONTACT_FIELDS):
        raise FactcheckError(
            "{where}: organisation.contact holds {contact_fields}",
            where=where, contact_fields=', '.join(CONTACT_FIELDS))
    return Organisation(
        about=_text(data.get("about"), f"{where}: organisation.about"),
        owner=_text(data.get("owner"), f"{where}: organisation.owner"),
        funding=_entries(data.get("funding"), f"{where}: organisation.funding", ("name", "url", "note")),
        team=_entries(data.get("team"), f"{where}: organisation.team", ("name", "role")),
        contact={k: _text(contact[k], f"{where}: organisation.contact.{k}") for k in CONTACT_FIELDS if contact.get(k)},
    )


def markdown_html(text: str, *, heading_shift: int = 1) -> str:
    """Markdown as HTML, raw HTML in it escaped (it is shown, never run) and headings moved down a level,
    so that the page's own title stays its one <h1>. The placeholder mark line is left out: the page shows
    a banner instead.
    """
    from markdown_it import MarkdownIt

    lines = [line for line in text.splitlines() if PLACEHOLDER_MARK not in line]
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False})
    tokens = md.parse("\n".join(lines))
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + heading_shift)}"
    return md.renderer.render(tokens, md.options, {})
