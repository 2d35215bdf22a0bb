"""The claims repository on disk: where it is, reading claim files safely, writing them atomically.

Bulk reads use ruamel.yaml's safe loader on its C parser (libyaml via ruamel.yaml.clib): it builds only
plain data, so a `!!python/...` tag is refused, never run. Edits use ruamel.yaml's round-trip mode, which
keeps a human-written file's comments and key order; it is ~20x slower, so it only ever touches the one
file being edited.
"""

from __future__ import annotations

import io
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from factcheck.errors import DataError, FactcheckError, NotFound
from factcheck.model import ID_RE, Problem, normalise, validate_claim

CLAIMS_DIR_ENV = "FACTCHECK_CLAIMS_DIR"
ALIASES_FILE = "aliases.yaml"
SETTINGS_FILE = "factcheck.yaml"
SCHEMA_FILE = "schema.json"
# Claims written by `factcheck import` live below this folder: imported/<publisher>/<0-f>/<id>.yaml.
IMPORTED_DIR = "imported"
IMPORTED_SHARDS = 16
NOT_CLAIMS = {ALIASES_FILE, SETTINGS_FILE}
ID_HELP = "ids are lowercase ASCII slugs: a-z, 0-9 and '-', 3 to 80 characters"


@dataclass(frozen=True)
class FileProblem:
    """A problem with one claim file, printed as `file:line: message`."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class FileError(DataError):
    """A DataError about one file that keeps its FileProblem, so callers need not parse the message."""

    def __init__(self, problem: FileProblem):
        super().__init__(str(problem))
        self.problem = problem


# --------------------------------------------------------------------------- YAML


class _Unusual(Exception):
    """A document outside the plain subset the fast builder handles: it is loaded the full way."""


def _safe_yaml():
    """A loader for claim files: ruamel.yaml's C parser with its safe constructor, YAML 1.2 rules.

    `YAML(typ="safe").load` builds a new loader class and a new resolver table for every document
    (a third of a load) and keeps a record of every document it ever read; a 100,000-file index
    build needs neither, so the loader class is put together once, as ruamel.yaml's own CSafeLoader is.

    A claim file is nearly always plain data: mappings, lists and scalars, with no tags, anchors or
    merge keys. Such a document is built straight from the parser's events, which halves a load
    (composing a node graph and walking it is the other half). Anything else, including every error
    that is not a syntax error, is handed to ruamel.yaml's own composer and constructor, so both ways
    give the same data and the same messages.
    """
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.resolver import VersionedResolver

    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # no ruamel.yaml.clib: the pure-Python loader, six times slower
        from ruamel.yaml import YAML

        return YAML(typ="safe", pure=True)
    from ruamel.yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )
    from ruamel.yaml.nodes import ScalarNode

    class Yaml12Resolver(VersionedResolver):
        processing_version = (1, 2)  # claim files are YAML 1.2: no need to look it up per scalar
        _rules = None

        @property
        def versioned_resolver(self):
            if Yaml12Resolver._rules is None:
                Yaml12Resolver._rules = VersionedResolver.versioned_resolver.fget(self)
            return Yaml12Resolver._rules

    class ClaimLoader(CParser, SafeConstructor, Yaml12Resolver):
        def __init__(self, text: str):
            CParser.__init__(self, text)
            self._parser = self._composer = self
            SafeConstructor.__init__(self, loader=self)
            Yaml12Resolver.__init__(self, loadumper=self)

        @classmethod
        def load(cls, text: str):
            loader = cls(text)
            try:
                return loader._build_plain()
            except _Unusual:
                pass
            finally:
                loader.dispose()
            loader = cls(text)
            try:
                return loader.get_single_data()
            finally:
                loader.dispose()

        def _plain_scalar(self, value: str):
            """A plain (unquoted) scalar, typed by the YAML 1.2 rules: 12 is an int, 2025-08-22 a date."""
            for tag, pattern in self.versioned_resolver.get(value[0] if value else "", ()):
                if pattern.match(value):
                    try:
                        return self.yaml_constructors[tag](self, ScalarNode(tag, value))
                    except Exception:  # let the full constructor raise it, with its mark
                        raise _Unusual from None
            return value

        def _build_plain(self):
            get = self.get_event
            get()  # the stream's start
            if type(get()) is not DocumentStartEvent:
                raise _Unusual  # an empty stream
            root = self._plain_node(get())
            if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
                raise _Unusual  # more than one document
            return root

        def _plain_node(self, event):
            if event.anchor is not None or event.tag is not None:
                raise _Unusual  # anchors, aliases and tags
            kind = type(event)
            if kind is ScalarEvent:
                return self._plain_scalar(event.value) if event.implicit[0] else event.value
            get = self.get_event
            if kind is SequenceStartEvent:
                items = []
                while type(event := get()) is not SequenceEndEvent:
                    items.append(self._plain_node(event))
                return items
            mapping = {}
            while type(event := get()) is not MappingEndEvent:
                key = self._plain_node(event)
                if type(key) in (dict, list) or key == "<<" or key in mapping:
                    raise _Unusual  # complex and merge keys, and the duplicate-key error
                mapping[key] = self._plain_node(get())
            return mapping

    return ClaimLoader


def _round_trip_yaml():
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096  # never fold a long Korean sentence over several lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


_SAFE = None


def safe_loader():
    global _SAFE
    if _SAFE is None:
        _SAFE = _safe_yaml()
    return _SAFE


def c_parser_in_use() -> bool:
    """True when the fast C parser backs safe loading (ruamel.yaml.clib is installed)."""
    return any(base.__name__ == "CParser" for base in getattr(safe_loader(), "__mro__", ()))


def _yaml_error_line(exc: Exception) -> tuple[int | None, str]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).strip().splitlines()[0]
    line = mark.line + 1 if mark is not None else None
    if "could not determine a constructor" in str(exc) or "python/" in str(problem):
        problem = "unsafe or unknown YAML tag refused: " + (problem or "")
    return line, " ".join(str(problem).split())


def parse_yaml(text: str, path: Path) -> Any:
    """Parse YAML text with the safe loader; a syntax error or unsafe tag becomes a DataError with its line."""
    try:
        return safe_loader().load(text)
    except Exception as exc:  # ruamel raises many classes; every one is a data problem here
        raise FileError(FileProblem(path, *_yaml_error_line(exc))) from None


def read_text(path: Path) -> str:
    try:
        with open(path, "rb") as handle:  # bytes, then decode: a third faster than text mode
            return handle.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileError(FileProblem(path, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})")) from None
    except OSError as exc:
        raise FileError(FileProblem(path, None, f"cannot read: {exc.strerror}")) from None


def problem_lines(text: str, problems: Iterable[Problem]) -> list[int | None]:
    """Line numbers for validation problems, found with the (slow) round-trip loader only when needed."""
    try:
        doc = _round_trip_yaml().load(text)
    except Exception:
        return [None for _ in problems]
    lines = []
    for problem in problems:
        node, line = doc, None
        for step in problem.path:
            try:
                lc = node.lc
                pos = lc.key(step) if isinstance(step, str) else lc.item(step)
                line = pos[0] + 1
                node = node[step]
            except Exception:
                break
        lines.append(line or 1)
    return lines


def load_claim_file(path: Path, text: str | None = None) -> tuple[dict | None, list[FileProblem]]:
    """Read one claim file: (normalised record or None, problems). Never raises for bad data."""
    try:
        if text is None:
            text = read_text(path)
        data = parse_yaml(text, path)
    except FileError as exc:
        return None, [exc.problem]
    record = normalise(data) if isinstance(data, dict) else data
    problems = validate_claim(record, expected_id=path.stem)
    if not problems:
        return record, []
    lines = problem_lines(text, problems)
    return None, [FileProblem(path, line, f"{p.where()}: {p.message}") for p, line in zip(problems, lines)]


def imported_folder(publisher: str, claim_id: str) -> str:
    """Where `factcheck import` stores a claim: imported/<publisher>/<h>/, h one hex digit from the id.

    A publisher's claims are spread over sixteen folders so that none grows huge: file browsers and
    GitHub's web view (which lists at most 1,000 entries) stay usable, and after one file changes a
    search lists a sixteenth of the publisher's claims again, not all of them.
    """
    shard = zlib.crc32(claim_id.encode("utf-8")) % IMPORTED_SHARDS
    return f"{IMPORTED_DIR}/{publisher}/{shard:x}"


# --------------------------------------------------------------------------- atomic writes


def atomic_write(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half of either.

    The bytes go to an adjacent temporary file that is fsync'ed, then renamed into place (pip's
    adjacent_tmp_file). With overwrite=False the final step is a hard link, which fails if `path`
    already exists, so a claim is never overwritten, even by a concurrent writer.
    """
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        publish(Path(tmp), path, overwrite=overwrite)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    fsync_dir(path.parent)


def publish(tmp: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise DataError(f"{path}: already exists; refusing to overwrite it") from None
    except OSError:  # a filesystem without hard links: check, then rename (a small race remains)
        if path.exists():
            raise DataError(f"{path}: already exists; refusing to overwrite it") from None
        os.replace(tmp, path)


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- the repository


def bundled_claims_dir() -> Path:
    """The seed claims shipped inside the package (or, in a source checkout, the repository's claims/)."""
    here = Path(__file__).resolve().parent
    installed = here / "claims"
    return installed if installed.is_dir() else here.parent.parent / "claims"


def find_claims_dir(explicit: str | os.PathLike | None = None, cwd: Path | None = None) -> Path:
    """--claims-dir, else $FACTCHECK_CLAIMS_DIR, else the nearest claims/ upwards, else the bundled claims."""
    chosen = explicit or os.environ.get(CLAIMS_DIR_ENV)
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_dir():
            raise FactcheckError(f"claims directory not found: {path}")
        return path.resolve()
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        candidate = folder / "claims"
        if candidate.is_dir():
            return candidate
    return bundled_claims_dir()


def check_id(claim_id: str) -> str:
    if not isinstance(claim_id, str) or not ID_RE.match(claim_id):
        raise FactcheckError(f"invalid claim id {claim_id!r}: {ID_HELP}")
    return claim_id


class Repo:
    """A claims directory: one YAML file per claim, `<id>.yaml`, anywhere below the root."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    @classmethod
    def find(cls, explicit: str | os.PathLike | None = None) -> "Repo":
        return cls(find_claims_dir(explicit))

    # -- reading

    def is_claim_file(self, path: Path) -> bool:
        rel = path.relative_to(self.root)
        if path.suffix != ".yaml" or any(part.startswith(".") for part in rel.parts):
            return False
        return not (len(rel.parts) == 1 and rel.name in NOT_CLAIMS)

    def claim_files(self) -> Iterator[Path]:
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = Path(folder, name)
                if self.is_claim_file(path):
                    yield path

    def inside(self, path: str | os.PathLike) -> Path:
        """Resolve a user-given path and refuse it unless it lies inside the claims directory."""
        resolved = Path(path).expanduser().resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise FactcheckError(f"{path}: outside the claims directory {self.root}")
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
        raise NotFound(f"no claim with id {claim_id!r} in {self.root}")

    def load(self, claim_id: str) -> dict:
        path = self.locate(claim_id)
        record, problems = load_claim_file(path)
        if problems:
            raise DataError(str(problems[0]))
        return record

    # -- writing

    def dump(self, record: dict, path: Path) -> bytes:
        """The YAML text of a new claim file, pointing editors at the schema for live checking."""
        schema = os.path.relpath(self.root / SCHEMA_FILE, path.parent)
        out = io.StringIO()
        out.write(f"# yaml-language-server: $schema={schema}\n")
        _round_trip_yaml().dump(record, out)
        return out.getvalue().encode("utf-8")

    def create(self, record: dict, folder: str | None = None) -> Path:
        """Validate and write a new claim; refuses (DataError) if the id is taken anywhere."""
        record = normalise(record)
        claim_id = check_id(record.get("id", ""))
        path = self.new_path(claim_id, folder)
        problems = validate_claim(record, expected_id=claim_id)
        if problems:
            raise DataError(f"{claim_id}: {problems[0].where()}: {problems[0].message}")
        try:
            existing = self.locate(claim_id)
        except NotFound:
            existing = None
        if existing is not None:
            raise DataError(f"claim {claim_id!r} already exists ({existing}); refusing to overwrite it")
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, self.dump(record, path), overwrite=False)
        return path

    def update(self, claim_id: str, change: Callable[[Any], None]) -> dict:
        """Apply `change` to the claim's round-trip document, validate, and replace the file atomically.

        The round-trip document keeps comments and key order, so only what `change` touches differs.
        """
        path = self.locate(claim_id)
        text = read_text(path)
        parse_yaml(text, path)  # the safe loader first: an unsafe tag is refused before anything else
        yaml = _round_trip_yaml()
        doc = yaml.load(text)
        change(doc)
        record = normalise(_plain(doc))
        problems = validate_claim(record, expected_id=claim_id)
        if problems:
            raise DataError(f"{claim_id}: {problems[0].where()}: {problems[0].message}")
        out = io.StringIO()
        yaml.dump(doc, out)
        atomic_write(path, out.getvalue().encode("utf-8"), overwrite=True)
        return record


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node
