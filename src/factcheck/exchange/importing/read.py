"""Reading an import file: detect its format and turn it into items, `(position, record)` or `(position, reason)`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Iterator

from factcheck.errors import DataError, FactcheckError, os_reason
from factcheck.exchange.claimreview import InvalidItem
from factcheck.exchange.importing.google import google_claim_items, google_items
from factcheck.exchange.importing.items import FORMATS, UNREADABLE, Item
from factcheck.exchange.importing.table import read_table
from factcheck.exchange.reviews import claimreview_fields, is_claimreview, review_record
from factcheck.i18n import Message


def read_source(source: str | os.PathLike, stdin: Any = None) -> tuple[str, str]:
    """(name, text) of a file, or of standard input for "-": UTF-8, with or without a BOM."""
    name = str(source)
    try:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin
            raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
            name = "<stdin>"
        else:
            raw = Path(source).read_bytes()
    except FileNotFoundError:
        raise FactcheckError("{name}: no such file", name=name) from None
    except IsADirectoryError:
        raise FactcheckError("{name}: is a directory; give a file", name=name) from None
    except OSError as exc:
        raise FactcheckError("{name}: cannot read: {strerror}", name=name, strerror=os_reason(exc)) from None
    if isinstance(raw, str):
        return name, raw.removeprefix("\ufeff")
    try:
        return name, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            "{name}: not UTF-8 (byte 0x{raw:02x} at offset {start}); save it as UTF-8 "
            "(in Excel: File > Save As > CSV UTF-8)", name=name, raw=raw[exc.start], start=exc.start
        ) from None


def detect_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".csv",):
        return "csv"
    if suffix in (".tsv", ".tab"):
        return "tsv"
    start = text.lstrip()[:1]
    if start in ("{", "[", "") or suffix in (".json", ".jsonl", ".jsonld", ".ndjson"):
        return "json"  # ClaimReview or a Google response: told apart by their shape
    first_line = text.split("\n", 1)[0]
    return "tsv" if "\t" in first_line else "csv"


def read_items(
    source: str | os.PathLike,
    fmt: str = "auto",
    *,
    mapping: str | dict | None = None,
    publisher: str | None = None,
    language: str | None = None,
    stdin: Any = None,
) -> tuple[str, list[Item]]:
    """(format read, items) from a file or "-"; raises FactcheckError when the file cannot be read at all."""
    if fmt not in FORMATS:
        raise FactcheckError("unknown format {fmt!r}; use one of: {formats}", fmt=fmt, formats=', '.join(FORMATS))
    name, text = read_source(source, stdin)
    kind = detect_format(name, text) if fmt == "auto" else fmt
    if kind in ("csv", "tsv"):
        return kind, read_table(text, delimiter="," if kind == "csv" else "\t", mapping=mapping,
                                publisher=publisher, language=language, fmt=kind, name=name)
    if mapping:
        raise FactcheckError("--map is for CSV and TSV files only")
    kind, items = read_json_text(text, name)
    if fmt in ("google", "claimreview") and kind != fmt:
        raise DataError(
            "{name}: this looks like a {kind} file, not {fmt}; try --format auto", name=name, kind=kind, fmt=fmt)
    return kind, items


def json_kind(value: Any) -> str:
    """"google" for a Fact Check Tools response or its claims, else "claimreview"."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict)), None)
    if isinstance(value, dict) and not is_claimreview(value):
        if isinstance(value.get("claims"), list) or "claimReview" in value:
            return "google"
    return "claimreview"


# A JSON integer longer than this is no rating, date or count: it is read as a float (an infinity),
# which every reader treats as not-a-number, instead of failing the whole file (Python refuses to
# convert integers of over 4,300 digits).
_LONGEST_INTEGER = 300


def _integer(digits: str) -> int | float:
    return int(digits) if len(digits) <= _LONGEST_INTEGER else float(digits)


def _loads(text: str) -> Any:
    return json.loads(text, parse_int=_integer)


def _unreadable(exc: BaseException) -> Message:
    if isinstance(exc, RecursionError):
        return Message("nested too deeply to read")
    return Message("cannot be read: {reason}", reason=" ".join(str(exc).split())[:200] or type(exc).__name__)


def read_json_text(text: str, name: str = "<input>") -> tuple[str, list[Item]]:
    """(kind, items) from JSON text: ClaimReview (object, list, @graph), a Google response, or JSON Lines."""
    if not text.strip():
        return "claimreview", []
    try:
        value = _loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise DataError(
                "{name}: not valid JSON: {msg} at line {lineno} column {colno}",
                name=name, msg=exc.msg, lineno=exc.lineno, colno=exc.colno) from None
    except RecursionError:
        if text.lstrip().startswith("["):  # a list: each element is read on its own, the deep one fails alone
            items = list(_list_items(text))
            return json_kind(next((v for _p, v in items if isinstance(v, dict)), None)), items
        raise DataError(
            "{name}: nested too deeply to read (over {levels} levels)",
            name=name, levels=sys.getrecursionlimit()) from None
    else:
        try:
            return json_kind(value), list(json_items(value))
        except UNREADABLE as exc:
            raise DataError("{name}: {unreadable}", name=name, unreadable=_unreadable(exc)) from None
    first_line = next(line for line in text.splitlines() if line.strip())
    try:
        kind = json_kind(_loads(first_line))
    except (json.JSONDecodeError, RecursionError):
        kind = "claimreview"
    return kind, list(json_lines_items(text))


def _list_items(text: str) -> Iterator[Item]:
    """The elements of a top-level JSON list, each parsed on its own (spans found without recursion)."""
    for number, (start, end) in enumerate(_element_spans(text), 1):
        position = f"item {number}"
        try:
            element = _loads(text[start:end])
        except (json.JSONDecodeError, *UNREADABLE) as exc:
            yield position, _unreadable(exc)
            continue
        yield from _bounded(json_items([element]), position)


def _element_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each element of the list `text` holds, by counting brackets outside strings."""
    depth, start, in_string, escaped = 0, None, False, False
    for at, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth == 1:
                start = at + 1
                continue
        elif char in "]}":
            depth -= 1
        if depth == 1 and char == "," or depth == 0 and char == "]":
            if start is not None and text[start:at].strip():
                yield start, at
            start = at + 1
            if depth == 0:
                return


def _bounded(items: Iterator[Item], position: str) -> Iterator[Item]:
    """Items, with whatever makes reading them fail reported as this position's reason."""
    try:
        for where, item in items:
            yield (position + where[len("item 1"):] if where.startswith("item 1") else where), item
    except UNREADABLE as exc:
        yield position, _unreadable(exc)


def json_lines_items(text: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = _loads(line)
        except (json.JSONDecodeError, *UNREADABLE) as exc:
            reason = Message("not valid JSON: {reason} at column {column}", reason=exc.msg, column=exc.colno) \
                if isinstance(exc, json.JSONDecodeError) else _unreadable(exc)
            yield f"line {number}", reason
            continue
        yield from _bounded(json_items(value, f"line {number}"), f"line {number}")


def json_items(value: Any, where: str = "") -> Iterator[Item]:
    """Items from one parsed JSON value, whatever accepted shape it has."""
    def at(label: str) -> str:
        return f"{where}, {label}" if where else label

    if isinstance(value, list):
        for number, element in enumerate(value, 1):
            if isinstance(element, dict) and "claimReview" in element and not is_claimreview(element):
                yield from google_claim_items(element, at(f"item {number}"))
            else:
                yield at(f"item {number}"), _claimreview_item(element)
        return
    if isinstance(value, dict) and isinstance(value.get("@graph"), list):
        yield from graph_items(value["@graph"], where)
        return
    if isinstance(value, dict) and isinstance(value.get("claims"), list):
        yield from google_items(value, where)
        return
    if isinstance(value, dict) and "claimReview" in value and not is_claimreview(value):
        yield from google_claim_items(value, where or "item 1")
        return
    yield where or "item 1", _claimreview_item(value)


def _claimreview_item(value: Any) -> Any:
    try:
        return review_record(claimreview_fields(value), fmt="claimreview")
    except InvalidItem as exc:
        return exc.message
    except UNREADABLE as exc:
        return _unreadable(exc)


def graph_items(nodes: list, where: str = "") -> Iterator[Item]:
    """The ClaimReview nodes of an @graph (other nodes, such as WebPage, are skipped), @id references resolved."""
    by_id = {node["@id"]: node for node in nodes if isinstance(node, dict) and isinstance(node.get("@id"), str)}

    def resolve(value: Any, depth: int = 0) -> Any:
        if depth > 8:
            return value
        if isinstance(value, dict):
            if set(value) == {"@id"} and isinstance(value["@id"], str) and value["@id"] in by_id:
                return resolve(by_id[value["@id"]], depth + 1)
            return {k: resolve(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v, depth + 1) for v in value]
        return value

    for number, node in enumerate(nodes, 1):
        if is_claimreview(node):
            label = f"@graph item {number}"
            yield (f"{where}, {label}" if where else label), _claimreview_item(resolve(node))
