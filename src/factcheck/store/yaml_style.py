"""Claim YAML written the way people write it, so that a diff shows what changed and nothing else.

The shipped claim files write dates bare (`reviewed: 2026-11-24`), tags and entities on one line, and
each history entry on one line. ruamel.yaml, left alone, quotes a date held as text
(`reviewed: '2026-12-01'`) and writes every new list and mapping in block style, so an edit mixed
styles and a new claim looked unlike the rest. Here a value is given the form it will be written in:
a full date becomes a date object (YAML writes it bare, the loader reads it back as the same text); a
new entry of a list takes the style of the entry before it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

ONE_LINE_LISTS = ("tags", "entities")  # as the shipped files write them
ONE_LINE_ENTRIES = ("history",)


def bare_date(value: Any, like: Any = None) -> Any:
    """`value` (an ISO date string) as a date, which YAML writes unquoted; text stays text when it is no
    full date, or when `like`, the value it replaces, was written as quoted text."""
    if not isinstance(value, str) or isinstance(like, str):
        return value
    try:
        return _dt.date.fromisoformat(value) if len(value) == 10 else value
    except ValueError:
        return value


def _bare_dates(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _bare_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_bare_dates(item) for item in value]
    return bare_date(value)


def _one_line(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = CommentedMap(value) if isinstance(value, dict) else CommentedSeq(value)
    node.fa.set_flow_style()
    return node


def new_claim_document(record: dict) -> Any:
    """A new claim as the round-trip dumper should write it: in the shipped files' style."""
    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap(_bare_dates(record))
    for key in ONE_LINE_LISTS:
        if isinstance(doc.get(key), list) and doc[key]:
            doc[key] = _one_line(doc[key])
    for key in ONE_LINE_ENTRIES:
        if isinstance(doc.get(key), list):
            doc[key] = [_one_line(entry) if isinstance(entry, dict) else entry for entry in doc[key]]
    return doc


def append_like(sequence: list, entry: dict, *, one_line: bool = False) -> None:
    """Append `entry` to a round-trip list in the style of its last entry (one line or block; dates bare
    or quoted as that entry's were); `one_line` says how to write the first entry of an empty list."""
    from ruamel.yaml.comments import CommentedMap

    last = sequence[-1] if len(sequence) else None
    flow = one_line if last is None else hasattr(last, "fa") and bool(last.fa.flow_style())
    before = last if isinstance(last, dict) else {}
    entry = {key: bare_date(value, before.get(key)) for key, value in entry.items()}
    sequence.append(_one_line(entry) if flow else CommentedMap(entry))
