"""Packs: imported claims stored many to a file, `imported/<publisher>/<NNNN>.jsonl.gz`.

A pack is gzip-compressed UTF-8 text, one claim per line as a JSON object (the same fields and rules as a
claim file, `claims/schema.json`), lines separated by "\\n" only. A publisher's packs are numbered from
0000 and filled in order, at most PACK_CLAIMS lines each, so a pack stays a few MB and a re-import that
adds claims rewrites only the last pack and writes new ones; every pack it does not touch keeps its bytes
(git sees no change). The gzip header carries no time or name, so the same claims give the same bytes.

A reference corpus of a million claims is 500 packs instead of a million files: what git, file browsers
and the disk's allocation unit need. The repository's own claims stay one YAML file each (people review
and diff those), and a packed claim that someone edits is first promoted to a YAML file (`adopt`), which
then wins over its line.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from pathlib import Path
from typing import Iterable

from factcheck.errors import DataError
from factcheck.i18n import Message
from factcheck.model import normalise, validate_claim
from factcheck.store.files import atomic_write, edit_lock, make_folder
from factcheck.store.names import IMPORTED_DIR, FileError, FileProblem
from factcheck.store.yaml import read_bounded

PACK_SUFFIX = ".jsonl.gz"
PACK_CLAIMS = 2000  # lines per pack: ≈ 0.7 MB compressed, 3 MB of JSON, for the benchmark's claims
MAX_PACK_BYTES = 64_000_000  # compressed, as stored
MAX_PACK_TEXT = 256_000_000  # decompressed: a gzip bomb stops here
_PACK_NAME = re.compile(r"(\d{4,})\.jsonl\.gz")


def is_pack_name(name: str) -> bool:
    return _PACK_NAME.fullmatch(name) is not None


def pack_name(number: int) -> str:
    return f"{number:04d}{PACK_SUFFIX}"


def publisher_folder(publisher: str) -> str:
    return f"{IMPORTED_DIR}/{publisher}"


def _refused(path: Path, message: str) -> FileError:
    return FileError(FileProblem(path, None, message))


def read_pack_bytes(path: Path) -> bytes:
    """A pack's decompressed bytes: a regular file (never a link), of bounded size before and after."""
    return inflated(read_bounded(path, MAX_PACK_BYTES, "pack"), path)


def inflated(raw: bytes, path: Path) -> bytes:
    """A pack's stored bytes decompressed, of bounded size."""
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)  # gzip framing
    try:
        text = inflate.decompress(raw, MAX_PACK_TEXT)
    except zlib.error as exc:
        raise _refused(path, f"not a gzip file ({exc})") from None
    if inflate.unconsumed_tail:
        raise _refused(path, f"holds over {MAX_PACK_TEXT:,} bytes of text; refused")
    if not inflate.eof:
        raise _refused(path, "the gzip stream ends early (a truncated pack)")
    return text


def _no_constants(name: str):
    raise ValueError(f"{name} is not a JSON value")


_decode = json.JSONDecoder(parse_constant=_no_constants).decode
_BARE_BOOLEAN = re.compile(rb":\s*(?:true|false)\b")


def read_as_is(line: bytes) -> bool:
    """True when a line's claim is its JSON exactly as written: normalising changes nothing in it."""
    return _BARE_BOOLEAN.search(line) is None


def parse_line(path: Path, number: int, line: bytes) -> tuple[dict | None, list[FileProblem]]:
    """One line of a pack: (the normalised claim, []) or (None, its problems at that line)."""
    try:
        data = _decode(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [FileProblem(path, number, Message("not UTF-8 text ({reason} at byte {start})", reason=exc.reason, start=exc.start))]
    except ValueError as exc:
        return None, [FileProblem(path, number, Message("not a JSON object: {exc}", exc=str(exc)))]
    # JSON has no dates, so the one thing normalise changes is a bare true/false verdict: a walk of the
    # whole record only when the line holds one (a tenth of a build's time otherwise).
    record = normalise(data) if isinstance(data, dict) and not read_as_is(line) else data
    problems = validate_claim(record)
    if problems:
        return None, [FileProblem(path, number, Message("{where}: {message}", where=p.where(), message=p.message)) for p in problems]
    return record, []


def pack_lines(text: bytes) -> Iterable[tuple[int, bytes]]:
    """(line number, line) for every line that is not empty."""
    for number, line in enumerate(text.split(b"\n"), 1):
        if line.strip():
            yield number, line


def load_pack(path: Path) -> tuple[list[tuple[int, dict]], list[FileProblem]]:
    """Every claim of a pack with its line number, and the problems of the lines that hold none: a broken
    line is reported with its number and every other line still counts. Never raises for bad data."""
    try:
        text = read_pack_bytes(path)
    except FileError as exc:
        return [], [exc.problem]
    claims, problems = [], []
    for number, line in pack_lines(text):
        record, found = parse_line(path, number, line)
        if record is None:
            problems += found
        else:
            claims.append((number, record))
    return claims, problems


def load_pack_line(path: Path, number: int) -> dict:
    """The claim at line `number` of a pack, read again (never a stale copy). Raises FileError."""
    lines = read_pack_bytes(path).split(b"\n")
    if not 1 <= number <= len(lines) or not lines[number - 1].strip():
        raise _refused(path, f"has no claim at line {number}")
    record, problems = parse_line(path, number, lines[number - 1])
    if record is None:
        raise FileError(problems[0])
    return record


def claim_line(record: dict) -> bytes:
    """A claim as one pack line: compact JSON, id first; "\\n" inside strings is escaped by JSON itself."""
    ordered = {"id": record["id"], **record}
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def pack_bytes(lines: list[bytes]) -> bytes:
    """The stored form of these lines: gzip with no time or file name in its header, so equal lines give equal
    bytes."""
    deflate = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return deflate.compress(b"\n".join(lines) + b"\n") + deflate.flush()


def pack_paths(folder: Path) -> list[Path]:
    """A publisher folder's packs, in number order."""
    try:
        names = [entry.name for entry in os.scandir(folder) if is_pack_name(entry.name)]
    except OSError:
        return []
    return [folder / name for name in sorted(names, key=lambda n: int(n.split(".", 1)[0]))]


def line_id(line: bytes) -> str | None:
    """The id of a pack line, read without parsing the whole line (claim_line writes it first)."""
    match = re.match(rb'\{"id":"([a-z0-9-]+)"', line)
    if match:
        return match.group(1).decode("ascii")
    try:
        data = json.loads(line)
    except ValueError:
        return None
    return data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None


def claim_in(text: bytes, claim_id: str) -> dict | None:
    """The claim `claim_id` among a pack's decompressed lines (an older version of a pack, say), or None."""
    for number, line in pack_lines(text):
        if line_id(line) == claim_id:
            record, _problems = parse_line(Path("(pack)"), number, line)
            return record
    return None


# --------------------------------------------------------------------------- writing


def _stored_lines(path: Path) -> list[bytes]:
    lines = read_pack_bytes(path).split(b"\n")
    return lines[:-1] if lines and not lines[-1] else lines


def write_packed(root: Path, publisher: str, records: list[dict], *, replace: bool = False) -> list[Path]:
    """Store `records` in the publisher's packs; returns the pack each one went to, in order.

    New claims fill the last pack up to PACK_CLAIMS lines, then go to new packs. With `replace`, a claim
    whose id a pack already holds replaces that line where it is (repacking an adopted claim). Each pack
    that changes is written whole and atomically, keeping its mode; one import at a time per publisher.
    """
    folder = root / publisher_folder(publisher)
    make_folder(root, folder)
    with edit_lock(folder):
        paths = pack_paths(folder)
        contents: dict[Path, list[bytes]] = {}
        at: dict[str, tuple[Path, int]] = {}
        try:
            for path in paths if replace else paths[-1:]:
                contents[path] = _stored_lines(path)
                if replace:
                    at.update((line_id(line), (path, n)) for n, line in enumerate(contents[path]))
        except FileError as exc:
            raise DataError("{exc}: fix or move that pack, then import again", exc=exc) from None
        changed: set[Path] = set()
        where: list[Path] = []
        target = paths[-1] if paths else None
        number = int(target.name.split(".", 1)[0]) if target else -1
        for record in records:
            line = claim_line(record)
            if record["id"] in at:
                path, n = at[record["id"]]
                contents[path][n] = line
            else:
                if target is None or len(contents[target]) >= PACK_CLAIMS:
                    number += 1
                    target = folder / pack_name(number)
                    contents[target] = []
                contents[target].append(line)
                path = target
            changed.add(path)
            where.append(path)
        existing = set(paths)
        for path in sorted(changed):
            atomic_write(path, pack_bytes(contents[path]), overwrite=path in existing)
    return where
