"""Claims as CSV for data work, with a fixed column order (publish/formats.py has every export format).

All output is UTF-8 without a BOM. CSV columns come in the fixed order of CSV_COLUMNS, whatever a claim
holds, so that scripts and spreadsheets can rely on them; lists are joined with newlines inside one cell.
Excel guesses a legacy code page for a double-clicked BOM-free CSV, so open it through
Data > From Text/CSV and choose "65001: Unicode (UTF-8)".
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from factcheck.model import text_of, verdict

CSV_COLUMNS: tuple[str, ...] = (
    "id", "status", "verdict_ko", "verdict_en", "claim", "claim_en",
    "claimant", "claimant_role", "claimant_type", "claim_date",
    "appearance_publisher", "appearance_title", "appearance_url", "appearance_date",
    "tags", "entities", "rationale_ko", "rationale_en", "reviewed",
    "source_count", "source_urls", "source_publishers",
    "origin_format", "origin_url", "origin_publisher", "origin_rating", "origin_language", "origin_imported",
)
# A cell starting with one of these is a formula to a spreadsheet: imported third-party text could run
# one (CSV injection), so such cells get a leading apostrophe, which spreadsheets show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # as OWASP lists them


def _rationale(record: dict, lang: str) -> str:
    rationale = record.get("rationale")
    if isinstance(rationale, str):  # a plain string has no language; it goes in the Korean column
        return rationale if lang == "ko" else ""
    return text_of(rationale, lang)


def csv_row(record: dict) -> dict[str, Any]:
    """One claim as a flat row keyed by CSV_COLUMNS."""
    v = verdict(record["status"])
    claimant = record.get("claimant") or {}
    appearance = record.get("appearance") or {}
    origin = record.get("origin") or {}
    sources = record.get("sources") or []
    row = {
        "id": record["id"],
        "status": v.code,
        "verdict_ko": v.ko,
        "verdict_en": v.en,
        "claim": record.get("claim", ""),
        "claim_en": record.get("claim_en", ""),
        "claimant": claimant.get("name", ""),
        "claimant_role": claimant.get("role", ""),
        "claimant_type": claimant.get("type", ""),
        "claim_date": record.get("claim_date", ""),
        "appearance_publisher": appearance.get("publisher", ""),
        "appearance_title": appearance.get("title", ""),
        "appearance_url": appearance.get("url", ""),
        "appearance_date": appearance.get("date", ""),
        "tags": "\n".join(record.get("tags") or []),
        "entities": "\n".join(record.get("entities") or []),
        "rationale_ko": _rationale(record, "ko"),
        "rationale_en": _rationale(record, "en"),
        "reviewed": record.get("reviewed", ""),
        "source_count": len(sources),
        "source_urls": "\n".join(s.get("url", "") for s in sources),
        "source_publishers": "\n".join(s.get("publisher", "") for s in sources),
    }
    for key in ("format", "url", "publisher", "rating", "language", "imported"):
        row[f"origin_{key}"] = origin.get(key, "")
    return row


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(records: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writeheader()
    for record in records:
        writer.writerow({k: _cell(v) for k, v in csv_row(record).items()})
    return out.getvalue()

