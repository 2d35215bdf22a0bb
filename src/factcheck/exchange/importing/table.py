"""Items from a CSV or TSV spreadsheet with a header row and a `--map field=column,...` mapping."""

from __future__ import annotations

import csv
import io
import re
from typing import Callable

from factcheck.errors import DataError, FactcheckError
from factcheck.exchange.claimreview import InvalidItem
from factcheck.exchange.importing.google import _field_date
from factcheck.exchange.importing.items import MAP_ALIASES, MAP_FIELDS, Item
from factcheck.exchange.reviews import clean_text, review_record
from factcheck.i18n import Message
from factcheck.model import HTTP_URL_RE

# --------------------------------------------------------------------------- spreadsheets


def parse_mapping(text: str | dict | None) -> dict[str, str]:
    """`claim=title,claimant=source,url=https://x/?id={id}` as {field: column or template}."""
    if isinstance(text, dict):
        pairs = list(text.items())
    else:
        pairs = []
        for piece in (text or "").split(","):
            if "=" in piece and re.match(r"^\s*[A-Za-z_]+\s*=", piece):
                key, _, value = piece.partition("=")
                pairs.append((key, value))
            elif pairs and piece:  # a comma inside a template or a column name
                pairs[-1] = (pairs[-1][0], pairs[-1][1] + "," + piece)
            elif piece.strip():
                raise FactcheckError("--map: {piece!r} is not field=column", piece=piece.strip())
    mapping = {}
    for key, value in pairs:
        key = key.strip().lower()
        key = MAP_ALIASES.get(key, key)
        if key not in MAP_FIELDS:
            raise FactcheckError(
                "--map: unknown field {key!r}; fields: {map_fields}", key=key, map_fields=', '.join(MAP_FIELDS))
        if not value.strip():
            raise FactcheckError("--map: no column given for {key!r}", key=key)
        mapping[key] = value.strip()
    return mapping


_TEMPLATE_REF = re.compile(r"\{([^{}]+)\}")


def read_table(
    text: str,
    *,
    delimiter: str = ",",
    mapping: str | dict | None = None,
    publisher: str | None = None,
    language: str | None = None,
    fmt: str = "csv",
    name: str = "<input>",
) -> list[Item]:
    """Items from CSV/TSV text with a header row. Quoted cells may hold newlines; spaces around cells go."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    try:
        header = [cell.strip() for cell in next(rows)]
    except StopIteration:
        return []
    except csv.Error as exc:
        raise DataError("{name}: cannot read the header row: {exc}", name=name, exc=exc) from None
    columns = {col: i for i, col in reversed(list(enumerate(header))) if col}
    if mapping:
        chosen = parse_mapping(mapping)
    else:  # without --map, columns named like a field (or an alias) map themselves; never an id column
        chosen = {}
        for column in columns:
            key = MAP_ALIASES.get(column.lower(), column.lower())
            if key in MAP_FIELDS and key != "id":
                chosen.setdefault(key, column)
    listed = ", ".join(header)
    for key, value in chosen.items():
        refs = _TEMPLATE_REF.findall(value) if "{" in value else [value]
        for ref in refs:
            if ref not in columns:
                raise FactcheckError(
                    "--map {key}={value}: no column {ref!r} in {name} (columns: {listed})",
                    key=key, value=value, ref=ref, name=name, listed=listed)
    for key in ("claim", "rating"):
        if key not in chosen:
            raise FactcheckError(
                "{name}: which column holds the {key}? use --map {key}=COLUMN (columns: {listed})",
                name=name, key=key, listed=listed)

    items: list[Item] = []
    line = 2  # the physical line where the next row starts
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            items.append((f"line {line}", Message("cannot read the row: {exc}", exc=exc)))
            line = rows.line_num + 1
            continue
        position, line = f"line {line}", rows.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        swallowed = _swallowed_rows(row, len(header), delimiter)
        if swallowed:
            items.append((position, Message("a quote is not closed: the row runs on to line {last}, taking in "
                                            "{swallowed} more row(s); close the quote and import again",
                                            last=line - 1, swallowed=swallowed)))
            continue

        def cell(key: str) -> str:
            value = chosen.get(key)
            if value is None:
                return ""
            if "{" in value:
                return _TEMPLATE_REF.sub(lambda m: _cell(row, columns[m.group(1)]).strip(), value)
            return _cell(row, columns[value])

        try:
            items.append((position, table_record(cell, publisher, language, fmt)))
        except InvalidItem as exc:
            items.append((position, exc.message))
    return items


def _swallowed_rows(row: list[str], columns: int, delimiter: str) -> int:
    """How many whole rows a quoted cell took in: lines inside one cell that hold a row's worth of
    delimiters. A multi-line cell is fine; one that swallows rows is an unclosed quote (the rows it
    took were once lost without a word: "9 added, 0 invalid" for 10 rows)."""
    if columns < 2:
        return 0
    return sum(
        line.count(delimiter) >= columns - 1
        for cell in row if "\n" in cell
        for line in cell.split("\n")[1:]
    )


def _cell(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _joined_sources(text: str) -> str:
    """SNU-style cells join several sources with '출처:' (source:); keep them all, separated by '; '."""
    parts = [clean_text(p) for p in re.split(r"\s*출처\s*:\s*", text)]
    return "; ".join(p for p in parts if p)


def table_record(cell: Callable[[str], str], publisher: str | None, language: str | None, fmt: str) -> dict:
    claimant_type = clean_text(cell("claimant_type")).capitalize()
    if claimant_type == "Organisation":
        claimant_type = "Organization"
    url = clean_text(cell("url"))
    fields = {
        "id": clean_text(cell("id")),
        "claim": cell("claim"),
        "claim_en": cell("claim_en"),
        "claimant": {"name": _joined_sources(cell("claimant")), "role": cell("claimant_role"), "type": claimant_type},
        "claim_date": _field_date(cell("claim_date"), "claim_date"),
        "appearance": {
            "title": _joined_sources(cell("appearance")),
            "url": clean_text(cell("appearance_url")),
        },
        "tags": re.split(r"\s*[,;|]\s*", cell("tags")),
        "rating": cell("rating"),
        "rationale": cell("rationale"),
        "review_url": url,
        "publisher": clean_text(cell("publisher")) or clean_text(publisher),
        "review_title": cell("title"),
        "review_date": _field_date(cell("reviewed"), "reviewed"),
        "language": clean_text(cell("language")) or clean_text(language),
    }
    if fields["appearance"]["url"] and not HTTP_URL_RE.match(fields["appearance"]["url"]):
        raise InvalidItem("appearance_url {url!r} is not an http(s) address", url=fields['appearance']['url'])
    return review_record(fields, fmt=fmt)
