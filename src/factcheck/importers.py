"""`factcheck import`: read other tools' fact-checks and store them as claims, fast and without duplicates.

Readers turn a file into a list of items, each `(position, record)` or `(position, reason)`:
- ClaimReview JSON-LD: one object, a list, an `@graph`, or JSON Lines;
- a saved Google Fact Check Tools `claims:search` response, bare or wrapped as `{fetched_at, count, claims}`;
- a CSV or TSV spreadsheet with a header row and a `--map field=column,...` mapping.

`import_records` writes the valid new ones under `claims/imported/<publisher>/<0-f>/<id>.yaml`. It reads the
repository once to learn what is already there, never merges: an item that repeats a stored claim (same
review URL with the same claim, or the same claim text once normalised) is reported as a duplicate of that
claim's id. Files are written by a fast YAML emitter and made durable by one `os.sync()` per batch instead of
one fsync per file; each file still appears atomically, by a hard link from a complete temporary file.

Why the review page's title is the quote of the review's source: a source's quote must be words found at its
URL. Aggregators give a review's title and its rating label; the title is the page's headline (cut at the
aggregator's ellipsis, if any), while a one-word label such as "False" proves nothing when checked. When a
review has no usable title (a spreadsheet row, or a title holding HTML), the claim text is quoted, since a
fact-check page states the claim it checks.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from factcheck.claimreview import (
    InvalidItem,
    claim_key,
    claimreview_fields,
    clean_text,
    is_claimreview,
    parse_date,
    review_record,
    url_host,
)
from factcheck.errors import DataError, FactcheckError
from factcheck.model import validate_claim
from factcheck.store import imported_folder

FORMATS = ("auto", "claimreview", "google", "csv", "tsv")
BATCH_SIZE = 500  # files written between two os.sync() calls
SAME_REVIEW_SIMILARITY = 80  # percent: one review URL with claims this alike is one claim (else a multi-claim review)

Item = tuple[str, Any]  # (position, record dict) or (position, reason str)

# --map fields for spreadsheets, with what they mean; aliases map to a field.
MAP_FIELDS: dict[str, str] = {
    "claim": "the claim text (required)",
    "rating": "the textual rating, e.g. 대체로 사실 or Mostly False (required)",
    "url": "the review's URL, or a template such as https://example.org/facts?id={id}",
    "publisher": "who published the review (or --publisher)",
    "title": "the review's title",
    "reviewed": "the review's date",
    "claim_en": "an English translation of the claim",
    "claimant": "who made the claim",
    "claimant_role": "the claimant's role",
    "claimant_type": "Person or Organization",
    "claim_date": "when the claim was made",
    "appearance": "where the claim appeared (title or description)",
    "appearance_url": "the URL where the claim appeared",
    "tags": "tags separated by , ; or |",
    "rationale": "why the verdict",
    "language": "the review's language code (or --language)",
    "id": "a claim id to keep, when valid",
}
MAP_ALIASES = {"status": "rating", "judge": "rating", "verdict": "rating", "date": "claim_date",
               "review_url": "url", "text": "claim", "source": "appearance"}


# --------------------------------------------------------------------------- reading files


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
        raise FactcheckError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise FactcheckError(f"{name}: is a directory; give a file") from None
    except OSError as exc:
        raise FactcheckError(f"{name}: cannot read: {exc.strerror}") from None
    if isinstance(raw, str):
        return name, raw.removeprefix("\ufeff")
    try:
        return name, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{name}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8 "
            "(in Excel: File > Save As > CSV UTF-8)"
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
        raise FactcheckError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    name, text = read_source(source, stdin)
    kind = detect_format(name, text) if fmt == "auto" else fmt
    if kind in ("csv", "tsv"):
        return kind, read_table(text, delimiter="," if kind == "csv" else "\t", mapping=mapping,
                                publisher=publisher, language=language, fmt=kind, name=name)
    if mapping:
        raise FactcheckError("--map is for CSV and TSV files only")
    kind, items = read_json_text(text, name)
    if fmt in ("google", "claimreview") and kind != fmt:
        raise DataError(f"{name}: this looks like a {kind} file, not {fmt}; try --format auto")
    return kind, items


def json_kind(value: Any) -> str:
    """"google" for a Fact Check Tools response or its claims, else "claimreview"."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict)), None)
    if isinstance(value, dict) and not is_claimreview(value):
        if isinstance(value.get("claims"), list) or "claimReview" in value:
            return "google"
    return "claimreview"


def read_json_text(text: str, name: str = "<input>") -> tuple[str, list[Item]]:
    """(kind, items) from JSON text: ClaimReview (object, list, @graph), a Google response, or JSON Lines."""
    if not text.strip():
        return "claimreview", []
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise DataError(f"{name}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    else:
        return json_kind(value), list(json_items(value))
    first_line = next(line for line in text.splitlines() if line.strip())
    try:
        kind = json_kind(json.loads(first_line))
    except json.JSONDecodeError:
        kind = "claimreview"
    return kind, list(json_lines_items(text))


def json_lines_items(text: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {number}", f"not valid JSON: {exc.msg} at column {exc.colno}"
            continue
        for position, item in json_items(value, f"line {number}"):
            yield position, item


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
        return str(exc)


def graph_items(nodes: list, where: str = "") -> Iterator[Item]:
    """The ClaimReview nodes of an @graph (other nodes, such as WebPage, are skipped), @id references resolved."""
    by_id = {node["@id"]: node for node in nodes if isinstance(node, dict) and isinstance(node.get("@id"), str)}

    def resolve(value: Any, depth: int = 0) -> Any:
        if depth > 8:
            return value
        if isinstance(value, dict):
            if set(value) == {"@id"} and value["@id"] in by_id:
                return resolve(by_id[value["@id"]], depth + 1)
            return {k: resolve(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v, depth + 1) for v in value]
        return value

    for number, node in enumerate(nodes, 1):
        if is_claimreview(node):
            label = f"@graph item {number}"
            yield (f"{where}, {label}" if where else label), _claimreview_item(resolve(node))


# --------------------------------------------------------------------------- Google Fact Check Tools responses


def google_items(response: dict, where: str = "") -> Iterator[Item]:
    """Items from a `claims:search` response (or our saved `{fetched_at, count, claims}` form)."""
    for number, claim in enumerate(response.get("claims") or [], 1):
        label = f"claim {number}"
        yield from google_claim_items(claim, f"{where}, {label}" if where else label)


def google_claim_items(claim: Any, where: str) -> Iterator[Item]:
    """One API claim gives one item per review of it."""
    if not isinstance(claim, dict):
        yield where, f"not a JSON object but {type(claim).__name__}"
        return
    reviews = claim.get("claimReview")
    if not isinstance(reviews, list) or not reviews:
        yield where, "no claimReview"
        return
    for number, review in enumerate(reviews, 1):
        position = where if len(reviews) == 1 else f"{where}, review {number}"
        try:
            yield position, google_record(claim, review)
        except InvalidItem as exc:
            yield position, str(exc)


def google_record(claim: dict, review: Any) -> dict:
    if not isinstance(review, dict):
        raise InvalidItem(f"claimReview is not a JSON object but {type(review).__name__}")
    publisher = review.get("publisher") if isinstance(review.get("publisher"), dict) else {}
    fields = {
        "claim": claim.get("text"),
        "claimant": {"name": claim.get("claimant")} if isinstance(claim.get("claimant"), str) else {},
        "claim_date": _field_date(claim.get("claimDate"), "claimDate"),
        "rating": review.get("textualRating"),
        "review_url": review.get("url"),
        "publisher": clean_text(publisher.get("name")) or clean_text(publisher.get("site")),
        "review_title": review.get("title"),
        "review_date": _field_date(review.get("reviewDate"), "reviewDate"),
        "language": review.get("languageCode"),
    }
    return review_record(fields, fmt="google")


def _field_date(value: Any, what: str) -> str | None:
    try:
        return parse_date(value)
    except InvalidItem as exc:
        raise InvalidItem(f"{what}: {exc}") from None


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
                raise FactcheckError(f"--map: {piece.strip()!r} is not field=column")
    mapping = {}
    for key, value in pairs:
        key = key.strip().lower()
        key = MAP_ALIASES.get(key, key)
        if key not in MAP_FIELDS:
            raise FactcheckError(f"--map: unknown field {key!r}; fields: {', '.join(MAP_FIELDS)}")
        if not value.strip():
            raise FactcheckError(f"--map: no column given for {key!r}")
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
        raise DataError(f"{name}: cannot read the header row: {exc}") from None
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
                raise FactcheckError(f"--map {key}={value}: no column {ref!r} in {name} (columns: {listed})")
    for key in ("claim", "rating"):
        if key not in chosen:
            raise FactcheckError(f"{name}: which column holds the {key}? use --map {key}=COLUMN (columns: {listed})")

    items: list[Item] = []
    line = 2  # the physical line where the next row starts
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            items.append((f"line {line}", f"cannot read the row: {exc}"))
            line = rows.line_num + 1
            continue
        position, line = f"line {line}", rows.line_num + 1
        if not any(cell.strip() for cell in row):
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
            items.append((position, str(exc)))
    return items


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
    if fields["appearance"]["url"] and not re.match(r"^https?://\S+$", fields["appearance"]["url"]):
        raise InvalidItem(f"appearance_url {fields['appearance']['url']!r} is not an http(s) address")
    return review_record(fields, fmt=fmt)


# --------------------------------------------------------------------------- what the repository holds


def url_key(url: str) -> str:
    """A review URL for comparison: scheme and host lowercased, no fragment, no trailing slash."""
    match = re.match(r"^(https?)://([^/?#]+)([^#]*)", url.strip(), re.I)
    if not match:
        return url.strip()
    _scheme, host, rest = match.groups()
    return f"https://{host.lower().removeprefix('www.')}{rest.rstrip('/')}"


@dataclass
class Known:
    """The ids, review URLs and claim texts already stored, to tell new items from duplicates."""

    ids: set = field(default_factory=set)
    by_text: dict = field(default_factory=dict)  # claim_key -> id
    by_url: dict = field(default_factory=dict)  # url_key -> [(id, claim_key)]

    def add(self, claim_id: str, record: dict) -> None:
        self.ids.add(claim_id)
        key = claim_key(record.get("claim") or "")
        if key:
            self.by_text.setdefault(key, claim_id)
        origin = record.get("origin") if isinstance(record.get("origin"), dict) else {}
        if isinstance(origin.get("url"), str):
            self.by_url.setdefault(url_key(origin["url"]), []).append((claim_id, key))

    def duplicate_of(self, record: dict) -> tuple[str, str] | None:
        """(existing id, why) when `record` repeats a known claim; None when it is new."""
        key = claim_key(record["claim"])
        url = (record.get("origin") or {}).get("url")
        if url:
            same_review = self.by_url.get(url_key(url), [])
            for claim_id, other in same_review:
                if other == key or _similar(key, other):
                    return claim_id, "same review URL"
        if key in self.by_text:
            return self.by_text[key], "same claim text"
        return None


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= SAME_REVIEW_SIMILARITY


def known_claims(repo) -> Known:
    """What the repository holds, from the search index (refreshed first, so it is current).

    Reading through the index means the files are parsed once for both jobs: a search right after an
    import finds the old claims already indexed. A file with problems still holds its id.
    """
    from factcheck.index import open_index

    index = open_index(repo)
    known = Known()
    for record in index.records():
        known.add(record["id"], record)
    known.ids.update(problem.path.stem for problem in index.problems)
    return known


def refresh_index(repo) -> None:
    """Index the files just written, so that the next search does not have to."""
    from factcheck.index import open_index

    open_index(repo)


# --------------------------------------------------------------------------- ids and folders


def ascii_slug(text: str, limit: int = 30) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:limit].strip("-")


def publisher_slug(record: dict) -> str:
    """The folder for a publisher's claims: its name in ASCII, else its web host, else 'unknown-publisher'."""
    origin = record.get("origin") or {}
    slug = ascii_slug(origin.get("publisher") or "")
    if len(slug) < 3 and origin.get("url"):
        slug = ascii_slug(url_host(origin["url"]))
    return slug if len(slug) >= 3 else "unknown-publisher"


def new_id(record: dict, known: Known) -> str:
    """The record's own id when it has a free one, else publisher slug + a stable hash of review URL and claim."""
    own = record.get("id")
    if own and own not in known.ids:
        return own
    origin = record.get("origin") or {}
    basis = url_key(origin.get("url") or "") + "\n" + claim_key(record["claim"])
    digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()
    slug = publisher_slug(record)
    for length in (10, 16, 40):
        candidate = f"{slug}-{digest[:length]}"
        if candidate not in known.ids:
            return candidate
    raise DataError(f"no free id for {slug}-{digest}")  # needs a SHA-1 collision


# --------------------------------------------------------------------------- writing


_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
# Characters YAML allows unescaped; also excluded: NEL and the Unicode line/paragraph separators, which
# a YAML 1.1 parser (libyaml) reads as line breaks, and a BOM.
_NOT_PLAIN_SAFE = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
_ESCAPE_IN_QUOTES = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    plain = (
        text[:1].isalpha()
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.casefold() not in _YAML_WORDS
        and not _NOT_PLAIN_SAFE.search(text)
    )
    if plain:
        return text
    # A JSON string is a YAML double-quoted scalar; escape what YAML may not hold raw.
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE_IN_QUOTES.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _yaml_lines(mapping: dict, indent: int) -> Iterator[str]:
    pad = " " * indent
    for key, value in mapping.items():
        if value is None:
            continue
        key = _yaml_scalar(key)
        if isinstance(value, dict):
            if value:
                yield f"{pad}{key}:"
                yield from _yaml_lines(value, indent + 2)
            else:
                yield f"{pad}{key}: {{}}"
        elif isinstance(value, list):
            if not value:
                yield f"{pad}{key}: []"
                continue
            yield f"{pad}{key}:"
            for element in value:
                if isinstance(element, dict) and element:
                    lines = list(_yaml_lines(element, indent + 4))
                    lines[0] = f"{pad}  - {lines[0][indent + 4:]}"
                    yield from lines
                elif isinstance(element, (dict, list)):
                    raise TypeError("nested lists and empty mappings in lists are not claim fields")
                else:
                    yield f"{pad}  - {_yaml_scalar(element)}"
        else:
            yield f"{pad}{key}: {_yaml_scalar(value)}"


def claim_yaml(record: dict, schema_ref: str = "schema.json") -> str:
    """A claim file's text: the schema header line, then block YAML in the record's key order.

    About 30x faster than ruamel's round-trip dumper, which matters at 10,000 files; the output is plain
    block YAML that the safe loader reads back to the same record (tests check awkward strings).
    """
    lines = [f"# yaml-language-server: $schema={schema_ref}"]
    lines.extend(_yaml_lines(record, 0))
    return "\n".join(lines) + "\n"


def write_claim_files(repo, entries: list[tuple[dict, Path]]) -> list[tuple[dict, Path, str | None]]:
    """Write new claim files atomically, durable with one os.sync() for the whole batch.

    Each file is written complete to a temporary name beside its target, then (after the sync) hard-linked
    into place, which fails instead of overwriting if the name was taken meanwhile. Returns
    (record, path, error or None) for each entry.
    """
    from factcheck.store import SCHEMA_FILE, fsync_dir, publish

    temps: list[tuple[dict, Path, Path]] = []
    schema_refs: dict[Path, str] = {}
    results: list[tuple[dict, Path, str | None]] = []
    try:
        for record, path in entries:
            folder = path.parent
            if folder not in schema_refs:
                folder.mkdir(parents=True, exist_ok=True)
                schema_refs[folder] = os.path.relpath(repo.root / SCHEMA_FILE, folder)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(claim_yaml(record, schema_refs[folder]).encode("utf-8"))
            temps.append((record, Path(tmp), path))
        if temps:
            os.sync()  # one flush for the batch instead of an fsync per file
        for record, tmp, path in temps:
            try:
                publish(tmp, path, overwrite=False)
                results.append((record, path, None))
            except FactcheckError as exc:
                results.append((record, path, str(exc)))
        for folder in schema_refs:
            fsync_dir(folder)
    finally:
        for _record, tmp, _path in temps:
            if tmp.exists():
                tmp.unlink()
    return results


# --------------------------------------------------------------------------- importing


@dataclass(frozen=True)
class Added:
    position: str
    id: str
    path: Path


@dataclass(frozen=True)
class Duplicate:
    position: str
    of: str  # the id of the claim it repeats
    reason: str  # "same review URL" or "same claim text"
    in_this_import: bool = False


@dataclass(frozen=True)
class Invalid:
    position: str
    reason: str


@dataclass
class ImportReport:
    added: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    invalid: list = field(default_factory=list)

    def counts(self) -> dict:
        return {"added": len(self.added), "duplicates": len(self.duplicates), "invalid": len(self.invalid)}

    def as_json(self, root: Path | None = None) -> dict:
        def rel(path: Path) -> str:
            try:
                return str(path.relative_to(root)) if root else str(path)
            except ValueError:
                return str(path)

        return {
            **self.counts(),
            "added_claims": [{"position": a.position, "id": a.id, "path": rel(a.path)} for a in self.added],
            "duplicate_items": [
                {"position": d.position, "duplicate_of": d.of, "reason": d.reason, "in_this_import": d.in_this_import}
                for d in self.duplicates
            ],
            "invalid_items": [{"position": i.position, "reason": i.reason} for i in self.invalid],
        }


def import_records(
    repo,
    records: Iterable[Item],
    on_progress: Callable[[int, int], None] | None = None,
    *,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Store every new, valid item under claims/imported/<publisher>/<0-f>/; report duplicates and invalid items."""
    items = list(records)
    known = known_claims(repo)
    report = ImportReport()
    added_here: set[str] = set()
    for start in range(0, len(items), batch_size):
        pending: list[tuple[dict, Path]] = []
        positions: list[str] = []
        for position, item in items[start:start + batch_size]:
            if not isinstance(item, dict):
                report.invalid.append(Invalid(position, str(item)))
                continue
            duplicate = known.duplicate_of(item)
            if duplicate:
                report.duplicates.append(Duplicate(position, *duplicate, in_this_import=duplicate[0] in added_here))
                continue
            record = {"id": new_id(item, known), **{k: v for k, v in item.items() if k != "id"}}
            problems = validate_claim(record, expected_id=record["id"])
            if problems:
                report.invalid.append(Invalid(position, f"{problems[0].where()}: {problems[0].message}"))
                continue
            known.add(record["id"], record)
            added_here.add(record["id"])
            folder = repo.root / imported_folder(publisher_slug(record), record["id"])
            positions.append(position)
            pending.append((record, folder / f"{record['id']}.yaml"))
        for position, (record, path, error) in zip(positions, write_claim_files(repo, pending)):
            if error:
                report.invalid.append(Invalid(position, error))
            else:
                report.added.append(Added(position, record["id"], path))
        done = min(start + batch_size, len(items))
        if on_progress:
            on_progress(done, len(items))
    return report
