"""The formats claims are written in: one table for a claim (`show --format`) and for many (`export --format`).

A format can write one claim, many claims, or both. Only ClaimReview and HTML need the publishing settings
(factcheck.yaml and --site), so a broken settings file never stands in the way of a Markdown report or a CSV.
The writers import what they use when they run: a Markdown report need not load the HTML page builder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from factcheck.errors import FactcheckError
from factcheck.textclean import json_text


class Format:
    """How a format writes one claim (`one`: a report without a final newline, given the record, the settings and
    other outlets' reviews beside it) and many (`many`: text ending with a newline); either may be None. A plain
    class: the CLI imports this table for its --format choices."""

    __slots__ = ("one", "many", "needs_settings")

    def __init__(self, one: Callable[[dict, Any, list | None], str] | None = None,
                 many: Callable[[list[dict], Any], str] | None = None, needs_settings: bool = False):
        self.one, self.many, self.needs_settings = one, many, needs_settings


def _json(data: Any) -> str:
    return json_text(data)


def _markdown(record: dict, _settings: Any, others: list | None = None) -> str:
    from factcheck.publish.markdown import claim_markdown

    return claim_markdown(record, others)


def _html(record: dict, settings: Any, others: list | None = None) -> str:
    from factcheck.publish.html import render_claim_page

    return render_claim_page(record, settings, others=others)


def _claimreview(record: dict, settings: Any) -> dict:
    from factcheck.exchange.claimreview import to_claimreview

    return to_claimreview(record, settings)


def _csv(records: list[dict], _settings: Any) -> str:
    from factcheck.exchange.exporters import to_csv

    return to_csv(records)


FORMATS: dict[str, Format] = {
    "md": Format(one=_markdown),
    "json": Format(one=lambda record, _s, _others=None: _json(record), many=lambda records, _s: _json(records) + "\n"),
    "jsonl": Format(many=lambda records, _s: "".join(json_text(r, indent=None) + "\n" for r in records)),
    "csv": Format(many=_csv),
    "html": Format(one=_html, needs_settings=True),
    "claimreview": Format(
        one=lambda record, s, _others=None: _json(_claimreview(record, s)),
        many=lambda records, s: _json([_claimreview(r, s) for r in records]) + "\n",
        needs_settings=True,
    ),
}
# The names in the order --help lists them (tests/test_formats.py keeps them in step with FORMATS).
CLAIM_FORMATS = ("md", "json", "html", "claimreview")
EXPORT_FORMATS = ("claimreview", "json", "jsonl", "csv")


def settings_for(fmt: str, repo_root: str | Path, site: str | None = None) -> Any:
    """The PublishSettings `fmt` needs (factcheck.yaml, `site` first), or None when it needs none."""
    from factcheck.store.settings import load_settings

    return load_settings(repo_root, site=site) if FORMATS[fmt].needs_settings else None


def _settings(chosen: Format, settings: Any) -> Any:
    from factcheck.store.settings import settings_from

    return settings_from(settings) if chosen.needs_settings else settings


def claim_text(record: dict, fmt: str, settings: Any = None, others: list | None = None) -> str:
    """One claim in `fmt` (one of CLAIM_FORMATS), without a final newline; the Markdown and HTML reports
    list `others`, other outlets' reviews of the same claim (exchange.compare.OtherReview)."""
    chosen = FORMATS.get(fmt)
    if chosen is None or chosen.one is None:
        raise FactcheckError(
            "unknown report format {fmt!r}; use one of: {claim_formats}",
            fmt=fmt, claim_formats=', '.join(CLAIM_FORMATS))
    return chosen.one(record, _settings(chosen, settings), others)


def export_text(records: Iterable[dict], fmt: str, settings: Any = None) -> str:
    """The export of `records` in `fmt` (one of EXPORT_FORMATS), as text ending with a newline."""
    chosen = FORMATS.get(fmt)
    if chosen is None or chosen.many is None:
        raise FactcheckError(
            "unknown export format {fmt!r}; use one of: {export_formats}",
            fmt=fmt, export_formats=', '.join(EXPORT_FORMATS))
    return chosen.many(list(records), _settings(chosen, settings))
