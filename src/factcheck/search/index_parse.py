"""Parsing for the index: a claim file or a pack read, validated and analysed into what the index stores.

On a large build this runs in worker processes, fed a few files at a time so that memory stays bounded.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from factcheck.search import analysis
from factcheck.store.packs import PACK_SUFFIX

to_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False) builds one per call


def packed_json(value) -> bytes:
    """JSON, deflated: a claim's record and analysed fields are two thirds of the index, and Korean JSON
    shrinks to a third (1M claims: 4.1 GB of index before). Reading one back (index_cache.unpacked_json)
    costs microseconds."""
    return deflated(to_json(value).encode("utf-8"))


def deflated(json_bytes: bytes) -> bytes:
    """JSON text as packed_json stores it: raw deflate, which index_cache.unpacked_json inflates with zlib."""
    # ISA-L's fastest level deflates a 1 KB record in 5 µs; zlib took 40 µs at any level (a tenth of what
    # a worker spends on a packed claim), for a record a quarter smaller (823 bytes against 585).
    if _isal_compress is not None:
        return _isal_compress(json_bytes, 0, -15)
    # Raw deflate with a 4 KB window: a record is a few KB, and zlib's default 32 KB window and memory take
    # 90 µs a call to set up, against 13 µs here.
    deflate = zlib.compressobj(6, zlib.DEFLATED, -12, 5)
    return deflate.compress(json_bytes) + deflate.flush()


try:  # a dependency wherever it has a wheel (see pyproject.toml); elsewhere zlib writes the same format
    from isal.isal_zlib import compress as _isal_compress
except ImportError:
    _isal_compress = None


def line_digest(line: bytes) -> int:
    """A pack line's fingerprint: a pack that changes is read again, but only its new lines are analysed."""
    return zlib.crc32(line) | len(line) << 32


class IndexEntry(NamedTuple):
    """One claim as the index stores it, in JSON and token text: all that inserting it needs.

    Made in worker processes on a large build, so the main process never parses the record again.
    """

    claim_id: str
    line: int | None = None  # its line in a pack
    digest: int | None = None  # line_digest of that line
    status: str | None = None
    tags_json: str = "[]"
    claim_length: int = 0
    record_blob: bytes = b""  # the record as JSON, compressed (see packed_json)
    analysed_fields_json: str = "[]"  # the analysed fields as JSON text (see _entry)
    tokens: str = ""  # exact and typo tokens, space-separated


@dataclass
class ParsedFile:
    """What one claim file or pack holds: its claims, its problems ([line, message]) and, for a pack, every
    line as (number, digest), the ones not analysed again included."""

    entries: list
    problems: list
    lines: list | None = None

    def __reduce__(self):
        # From a worker process as plain tuples: a named tuple pickles through a Python call each way, a
        # few microseconds a claim of a million-claim build.
        return _parsed_file, (list(map(tuple, self.entries)), self.problems, self.lines)


def _parsed_file(entries: list, problems: list, lines: list | None) -> ParsedFile:
    return ParsedFile(list(map(IndexEntry._make, entries)), problems, lines)


def _entry(record: dict, line: int | None = None, digest: int | None = None, as_written: bytes | None = None) -> IndexEntry:
    """`as_written`: the record's JSON text as read, when it is the record exactly (a pack's line): stored
    as it is, not encoded again (a build's time per packed claim: 13 of 450 µs)."""
    fields, tokens = analysis.analyse(record)
    return IndexEntry(
        record["id"],
        line,
        digest,
        status=record.get("status"),
        tags_json=to_json(record.get("tags") or []),
        claim_length=len(record.get("claim") or ""),
        record_blob=packed_json(record) if as_written is None else deflated(as_written),
        # Not compressed: deflating them was a tenth of a worker's instructions; the index at a million
        # claims grew from 1.40 to 1.93 GB (claims and index together 2.06 GB, under the 3 GB target).
        analysed_fields_json=to_json(fields),
        tokens=_joined(tokens),
    )


def token_text(fields: list) -> str:
    """A claim's index tokens as the full-text table takes them. Exact tokens (syllable pairs, words, numbers)
    and typo tokens (jamo) never look alike, so one column without positions or columns (detail=none) holds
    both: half the index to build."""
    return _joined(analysis.index_tokens(fields))


def _joined(tokens: dict) -> str:
    return " ".join(tokens[_EXACT]) + " " + " ".join(tokens[_TYPO])


_EXACT, _TYPO = analysis.TokenKind.EXACT, analysis.TokenKind.TYPO


def parse_file(task: tuple[str, frozenset]) -> ParsedFile:
    """Parse and analyse one claim file, or the lines of a pack whose digests are not in `known` (those the
    index holds already)."""
    path, known = task
    if path.endswith(PACK_SUFFIX):
        from factcheck.store.names import FileError
        from factcheck.store.packs import pack_lines, parse_line, read_as_is, read_pack_bytes

        try:
            text = read_pack_bytes(Path(path))
        except FileError as exc:
            return ParsedFile([], [[exc.problem.line, exc.problem.message]], [])
        parsed = ParsedFile([], [], [])
        pack = Path(path)
        for number, line in pack_lines(text):
            digest = line_digest(line)
            parsed.lines.append((number, digest))
            if digest in known:
                continue
            record, problems = parse_line(pack, number, line)
            if record is None:
                parsed.problems += [[p.line, p.message] for p in problems]
            else:
                parsed.entries.append(_entry(record, number, digest, line if read_as_is(line) else None))
        return parsed
    from factcheck.store.yaml import load_claim_file

    record, problems = load_claim_file(Path(path))
    if record is None:
        return ParsedFile([], [[p.line, p.message] for p in problems])
    return ParsedFile([_entry(record)], [])


def parsed_files(tasks: list[tuple[str, frozenset]], parallel_at: int):
    """Parsed files, in order, as they come: parsing overlaps inserting. At most a few parsed files wait to be
    inserted at any time (a pack holds thousands of claims), so memory stays bounded however many there are."""
    claims = sum(1 if not path.endswith(PACK_SUFFIX) else 1000 for path, _known in tasks)
    if claims < parallel_at or (os.cpu_count() or 1) < 2:
        yield from map(parse_file, tasks)
        return
    import multiprocessing
    import threading

    workers = os.cpu_count() or 2
    packs = any(path.endswith(PACK_SUFFIX) for path, _known in tasks)
    chunk = 1 if packs else 64
    window = threading.BoundedSemaphore(workers * chunk * 3)
    stopped = threading.Event()

    def fed():
        for task in tasks:
            # Taken back as each result is consumed below. Never blocks for good: when the consumer stops
            # early, the pool's exit joins the thread that runs this.
            while not window.acquire(timeout=0.05):
                if stopped.is_set():
                    return
            yield task

    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    with context.Pool(workers, initializer=_worker_started) as pool:
        try:
            for parsed in pool.imap(parse_file, fed(), chunksize=chunk):
                window.release()
                yield parsed
        finally:
            stopped.set()


def _worker_started() -> None:
    """A worker makes millions of short-lived objects and keeps few: at the collector's default thresholds it
    ran some 15 times a pack, a twentieth of the worker's time, walking the analysis caches each time."""
    import gc

    gc.freeze()  # what the worker inherited is never garbage (and its pages stay shared with the parent)
    gc.set_threshold(50_000, 20, 100)
