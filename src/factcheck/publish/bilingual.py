"""The pages' two languages: the primary one, which `<html lang>` names and each label says first, and the
other, which follows it. Labels are written once, "한국어 · English"; a label shown in a page is each half in
a `<span lang>`, so a reader's browser, screen reader and search engine know which words are which.

The primary language is the one chosen for the run (`factcheck --lang en site …`, `chosen`), else the
page's own: a claim's language (an imported English review), else the publisher's (`language:` in
factcheck.yaml, Korean by default). It holds while a page is rendered:

    with page_language(settings.language):
        ...
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

SEPARATOR = " · "
LANGUAGES = ("ko", "en")  # the order the halves of a label are written in
DEFAULT = "ko"
_LEADING, _TRAILING = "← ", " →"  # arrows stay where they point, whichever half comes first

_chosen: ContextVar[str | None] = ContextVar("chosen_page_language", default=None)  # --lang's, for a run
_rendering: ContextVar[str | None] = ContextVar("page_language", default=None)  # the page being rendered


def primary() -> str:
    """The primary language of the page being rendered."""
    return _rendering.get() or DEFAULT


def label_language(code: str | None) -> str | None:
    """The page language a language code names (ko-KR -> ko), or None for one the labels are not in."""
    code = (code or "").lower()
    return next((lang for lang in LANGUAGES if code == lang or code.startswith(lang + "-")), None)


@contextmanager
def chosen(language: str | None) -> Iterator[None]:
    """While it lasts, every page is in `language` (the command line's --lang), or in its own (None)."""
    token = _chosen.set(label_language(language))
    try:
        yield
    finally:
        _chosen.reset(token)


@contextmanager
def page_language(own: str | None) -> Iterator[str]:
    """Render a page in the language chosen for the run, else in its `own` (the claim's, the publisher's),
    else in Korean."""
    token = _rendering.set(_chosen.get() or label_language(own) or DEFAULT)
    try:
        yield primary()
    finally:
        _rendering.reset(token)


def _halves(label: str) -> tuple[str, str, list[tuple[str, str]]]:
    """(leading arrow, trailing arrow, [(language, text)] in the primary language's order)."""
    lead = _LEADING if label.startswith(_LEADING) else ""
    trail = _TRAILING if label.endswith(_TRAILING) else ""
    body = label[len(lead):len(label) - len(trail)]
    parts = body.split(SEPARATOR, 1)
    if len(parts) != 2:
        return lead, trail, [("", body)]
    pairs = list(zip(LANGUAGES, parts))
    if primary() != LANGUAGES[0]:
        pairs.reverse()
    return lead, trail, pairs


def label_text(label: str) -> str:
    """A label as plain text, the primary language first: for attributes, titles and Markdown."""
    lead, trail, pairs = _halves(label)
    return lead + SEPARATOR.join(text for _lang, text in pairs) + trail


def label_html(label: str) -> str:
    """A label as HTML: each half in a span that names its language, the primary language first."""
    from html import escape

    lead, trail, pairs = _halves(label)
    spans = [f'<span lang="{lang}">{escape(text)}</span>' if lang else escape(text) for lang, text in pairs]
    return escape(lead) + SEPARATOR.join(spans) + escape(trail)


class Labels(dict):
    """A table of bilingual labels: `labels[key]` is the label as HTML, `labels.text(key)` as plain text,
    both in the page's order."""

    def __getitem__(self, key: str) -> str:
        return label_html(super().__getitem__(key))

    def get(self, key, default=None):
        return self[key] if key in self else default

    def text(self, key: str) -> str:
        return label_text(super().__getitem__(key))

    def written(self, key: str) -> str:
        """The label as written in the code (Korean first), whatever the page's language."""
        return super().__getitem__(key)
