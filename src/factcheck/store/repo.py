"""The claims repository: finding it, listing its claim files, reading and editing one claim."""

from __future__ import annotations

import io
import os
import zlib
from pathlib import Path
from typing import Any, Callable, Iterator

from factcheck.errors import DataError, FactcheckError, NotFound
from factcheck.model import ID_RE, normalise, validate_claim
from factcheck.store.files import atomic_write, edit_lock
from factcheck.store.yaml_style import new_claim_document
from factcheck.store.names import (
    ADOPTED_DIR,
    ID_HELP,
    IMPORTED_DIR,
    IMPORTED_SHARDS,
    NOT_CLAIMS,
    SCHEMA_FILE,
)
from factcheck.store.yaml import (
    _round_trip_yaml,
    load_claim_file,
    parse_yaml,
    read_text,
)


def imported_folder(publisher: str, claim_id: str) -> str:
    """Where `factcheck import` stores a claim: imported/<publisher>/<h>/, h one hex digit from the id.

    A publisher's claims are spread over sixteen folders so that none grows huge: file browsers and
    GitHub's web view (which lists at most 1,000 entries) stay usable, and after one file changes a
    search lists a sixteenth of the publisher's claims again, not all of them.
    """
    shard = zlib.crc32(claim_id.encode("utf-8")) % IMPORTED_SHARDS
    return f"{IMPORTED_DIR}/{publisher}/{shard:x}"


# --------------------------------------------------------------------------- the repository


def installed_claims_dir() -> Path:
    """The seed claims inside the installed package."""
    return Path(__file__).resolve().parent.parent / "claims"


def bundled_claims_dir() -> Path:
    """The seed claims shipped inside the package (or, in a source checkout, the repository's claims/)."""
    installed = installed_claims_dir()
    return installed if installed.is_dir() else installed.parent.parent.parent / "claims"


def repository_claims(path: Path) -> Path:
    """The claims folder `path` names: itself, or, given a repository's root (a claims/ folder inside and
    no schema of its own), that claims/ folder, so that its settings are not read as claims."""
    inner = path / "claims"
    if inner.is_dir() and not (path / SCHEMA_FILE).is_file():
        return inner
    return path


def find_claims_dir(explicit: str | os.PathLike | None = None, cwd: Path | None = None) -> Path:
    """`explicit` (--claims-dir or $FACTCHECK_CLAIMS_DIR, which the CLI reads; a repository's root stands
    for its claims/), else the nearest claims/ upwards, else the bundled claims."""
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_dir():
            raise FactcheckError("claims directory not found: {path}", path=path)
        return repository_claims(path.resolve())
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        candidate = folder / "claims"
        if candidate.is_dir():
            return candidate
    return bundled_claims_dir()


class ReadOnlyClaims(FactcheckError):
    """A write into the claims bundled with factcheck: they are for reading, and lost on the next install."""

    def __init__(self, root: Path):
        super().__init__(
            "{root} holds the claims bundled with factcheck, for reading only; start a claims repository of "
            "your own with `factcheck init DIR` and run this in DIR (or name it with --claims-dir DIR)", root=root)


def check_id(claim_id: str) -> str:
    if not isinstance(claim_id, str) or not ID_RE.match(claim_id):
        raise FactcheckError("invalid claim id {claim_id!r}: {id_help}", claim_id=claim_id, id_help=ID_HELP)
    return claim_id


def similar_ids(wanted: str, ids: list[str], limit: int = 3) -> list[str]:
    """The ids someone typing `wanted` may have meant: those that hold it or all of its words
    (`gimje-budget`: gimje-national-budget-…), shortest first, then those closest in spelling."""
    from rapidfuzz import fuzz, process

    words = set(wanted.split("-")) - {""}
    holding = sorted((i for i in ids if wanted in i or words <= set(i.split("-"))),
                     key=lambda i: (not i.startswith(wanted), len(i), i))
    close = [i for i, _score, _n in process.extract(wanted, ids, scorer=fuzz.WRatio, limit=limit, score_cutoff=75)]
    return list(dict.fromkeys(holding + close))[:limit]


class Repo:
    """A claims directory: one YAML file per claim, `<id>.yaml`, anywhere below the root."""

    def __init__(self, root: Path, cache_dir: Path | None = None, read_only: bool = False):
        self.root = Path(root).resolve()
        self.cache_dir = cache_dir  # where its search index lives; None: the default (search.index.cache_dir)
        self.read_only = read_only  # the bundled claims: searched as a fallback, never written
        self.written: list[Path] = []  # the claim files this Repo has written, for "wrote to …" lines

    @classmethod
    def find(cls, explicit: str | os.PathLike | None = None, cache_dir: Path | None = None,
             cwd: Path | None = None) -> "Repo":
        """The repository `explicit` names, else the one found from `cwd`. The claims inside the installed
        package, and a source checkout's claims reached only as the fallback, are read-only."""
        root = find_claims_dir(explicit, cwd)
        fallback = not explicit and root == bundled_claims_dir()
        return cls(root, cache_dir, read_only=fallback or root == installed_claims_dir())

    def writable(self) -> "Repo":
        """This repository, if it may be written to; else ReadOnlyClaims, before anything is asked or written."""
        if self.read_only:
            raise ReadOnlyClaims(self.root)
        return self

    # -- reading

    def is_claim_file(self, path: Path) -> bool:
        rel = path.relative_to(self.root)
        if path.suffix != ".yaml" or any(part.startswith(".") for part in rel.parts):
            return False
        return not (len(rel.parts) == 1 and rel.name in NOT_CLAIMS)

    def claim_files(self) -> Iterator[Path]:
        """Every claim file, and every link to a folder (never followed: reading it reports it)."""
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in dirs:
                if os.path.islink(os.path.join(folder, name)):
                    yield Path(folder, name)
            for name in sorted(files):
                path = Path(folder, name)
                if self.is_claim_file(path):
                    yield path

    def claim_ids(self) -> list[str]:
        """The ids of the claim files, as their names say (a file is named after its claim's id). Packed claims'
        ids are the search index's to list (`Index.ids`): reading them here would inflate every pack."""
        return [path.stem for path in self.claim_files() if path.suffix == ".yaml"]

    def pack_files(self) -> Iterator[Path]:
        """Every pack of imported claims (imported/<publisher>/<NNNN>.jsonl.gz), in folder and number order."""
        from factcheck.store.packs import pack_paths

        imported = self.root / IMPORTED_DIR
        if imported.is_dir() and not imported.is_symlink():
            for folder, dirs, _files in os.walk(imported):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from pack_paths(Path(folder))

    def inside(self, path: str | os.PathLike) -> Path:
        """Resolve a user-given path and refuse it unless it lies inside the claims directory."""
        resolved = Path(path).expanduser().resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise FactcheckError("{path}: outside the claims directory {root}", path=path, root=self.root)
        return resolved

    def new_path(self, claim_id: str, folder: str | None = None) -> Path:
        check_id(claim_id)
        base = self.root
        if folder:
            base = self.inside(self.root / folder)
        return base / f"{claim_id}.yaml"

    def locate(self, claim_id: str) -> Path:
        """The file that holds claim `claim_id`, at the top level or in a sub-folder such as imported/."""
        check_id(claim_id)
        top = self.root / f"{claim_id}.yaml"
        if top.is_file():
            return top
        for folder, dirs, _files in os.walk(self.root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            candidate = Path(folder, f"{claim_id}.yaml")
            if candidate.is_file():
                return candidate
        raise NotFound("no claim with id {claim_id!r} in {root}", claim_id=claim_id, root=self.root)

    def reread(self, path: Path, claim_id: str, line: int | None = None) -> dict:
        """The claim `claim_id` read again from `path` (at `line` of a pack), where an index last saw it: a
        folder below imported/ is trusted by its mtime, so an in-place edit there escapes a refresh."""
        if line is not None:
            from factcheck.store.packs import load_pack_line

            record = load_pack_line(path, line)
        else:
            record, problems = load_claim_file(path)
            if problems:
                raise DataError(problems[0])
        if record.get("id") != claim_id:
            raise NotFound("no claim with id {claim_id!r} in {root}", claim_id=claim_id, root=self.root)
        return record

    def load(self, claim_id: str) -> dict:
        path = self.locate(claim_id)
        record, problems = load_claim_file(path)
        if problems:
            raise DataError(problems[0])
        return record

    # -- writing

    def dump(self, record: dict, path: Path) -> bytes:
        """The YAML text of a new claim file, pointing editors at the schema for live checking."""
        schema = os.path.relpath(self.root / SCHEMA_FILE, path.parent)
        out = io.StringIO()
        out.write(f"# yaml-language-server: $schema={schema}\n")
        _round_trip_yaml().dump(quote_line_breaks(new_claim_document(record)), out)
        return out.getvalue().encode("utf-8")

    def new_claim_lock(self):
        """Held across `add`'s near-duplicate check and its write, so that eight identical claims
        added at once are checked one after another (all eight were written once)."""
        return edit_lock(self.writable().root)

    def create(self, record: dict, folder: str | None = None) -> Path:
        """Validate and write a new claim; refuses (DataError) if the id is taken anywhere."""
        self.writable()
        record = normalise(record)
        claim_id = check_id(record.get("id", ""))
        path = self.new_path(claim_id, folder)
        problems = validate_claim(record, expected_id=claim_id)
        if problems:
            raise DataError(
                "{claim_id}: {where}: {message}",
                claim_id=claim_id, where=problems[0].where(), message=problems[0].message)
        try:
            existing = self.locate(claim_id)
        except NotFound:
            existing = None
        if existing is not None:
            raise DataError(
                "claim {claim_id!r} already exists ({existing}); refusing to overwrite it",
                claim_id=claim_id, existing=existing)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, self.dump(record, path), overwrite=False)
        self.written.append(path)
        return path

    def adopt(self, pack: Path, line: int, claim_id: str) -> Path:
        """Promote the claim at `line` of `pack` into a claim file of its own, imported/<publisher>/adopted/<id>.yaml:
        the file then wins over the line, so it can be edited like any claim (and is still credited to its
        publisher). Refuses (DataError) if that file exists."""
        from factcheck.store.files import make_folder
        from factcheck.store.packs import load_pack_line
        from factcheck.store.yaml import claim_yaml

        record = load_pack_line(pack, line)
        if record.get("id") != claim_id:
            raise NotFound("no claim with id {claim_id!r} at {pack}:{line}", claim_id=claim_id, pack=pack, line=line)
        publisher = self.inside(pack).parent.name
        path = self.new_path(claim_id, f"{IMPORTED_DIR}/{publisher}/{ADOPTED_DIR}")
        make_folder(self.root, path.parent)
        schema = os.path.relpath(self.root / SCHEMA_FILE, path.parent)
        atomic_write(path, claim_yaml(record, schema).encode("utf-8"), overwrite=False)
        return path

    def update(self, claim_id: str, change: Callable[[Any], None]) -> dict:
        """Apply `change` to the claim's round-trip document, validate, and replace the file atomically.

        The round-trip document keeps comments and key order, so only what `change` touches differs.
        """
        self.writable()
        path = self.locate(claim_id)
        # One edit of a file at a time: eight concurrent verdicts once kept one note of eight.
        with edit_lock(path):
            text = read_text(path)
            parse_yaml(text, path)  # the safe loader first: an unsafe tag is refused before anything else
            yaml = _round_trip_yaml()
            doc = yaml.load(text)
            change(doc)
            record = normalise(_plain(doc))
            problems = validate_claim(record, expected_id=claim_id)
            if problems:
                raise DataError(
                    "{claim_id}: {where}: {message}",
                    claim_id=claim_id, where=problems[0].where(), message=problems[0].message)
            out = io.StringIO()
            yaml.dump(quote_line_breaks(doc), out)
            atomic_write(path, out.getvalue().encode("utf-8"), overwrite=True)
        self.written.append(path)
        return record


# ruamel.yaml writes NEL (U+0085) raw, and its reader takes it for a line break (a space, once folded):
# such strings are written double-quoted, where it is escaped as \N.
_READ_AS_BREAK = ("\x85",)


def quote_line_breaks(node: Any) -> Any:
    """`node` with every string holding a character the reader would change made double-quoted, in place."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return node
    for key, value in list(items):
        if isinstance(value, str) and any(ch in value for ch in _READ_AS_BREAK):
            node[key] = DoubleQuotedScalarString(value)
        else:
            quote_line_breaks(value)
    return node


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node
