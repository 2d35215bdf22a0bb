"""YAML in and out: a fast safe loader for claim files, the round-trip editor, and a fast emitter for new files."""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import stat
from pathlib import Path
from typing import Any, Iterable, Iterator

from factcheck.errors import os_reason
from factcheck.i18n import N_, Message
from factcheck.model import MAX_FILE_BYTES, Problem, normalise, validate_claim
from factcheck.store.names import FileError, FileProblem

# Anchors and aliases may appear in a hand-written file, but the document they expand to is bounded: a
# "billion laughs" file of a few lines once hung every command, `validate` included.
MAX_EXPANDED_NODES = 50_000

# --------------------------------------------------------------------------- YAML


class _Unusual(Exception):
    """A document outside the plain subset the fast builder handles: it is loaded the full way."""


class AliasBomb(Exception):
    """Aliases that expand the document beyond MAX_EXPANDED_NODES; carries the mark of the first alias."""

    def __init__(self, mark):
        super().__init__()
        self.problem_mark = mark
        self.problem = Message("aliases expand this document beyond {limit:,} values; refused",
                               limit=MAX_EXPANDED_NODES)


def _expanded_size(root) -> int:
    """How many nodes the document has once every alias is expanded, counted without expanding
    (each shared node once, iteratively); stops counting past the budget. Raises AliasBomb."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    sizes: dict[int, int] = {}
    stack = [(root, False)]
    first_shared = None
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes and not children_done:
            first_shared = first_shared or node
            continue
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            children = []
        if not children_done:
            sizes[key] = -1  # in progress: a node that holds itself never finishes
            stack.append((node, True))
            stack.extend((child, False) for child in children)
            continue
        if any(sizes.get(id(child), -1) < 0 for child in children):
            raise AliasBomb(node.start_mark)  # recursive
        sizes[key] = 1 + sum(sizes[id(child)] for child in children)
        if sizes[key] > MAX_EXPANDED_NODES:
            raise AliasBomb((first_shared or node).start_mark)
    return sizes[id(root)]


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

    DatesAsWritten = _dates_as_written(SafeConstructor)
    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # no ruamel.yaml.clib: the pure-Python loader, six times slower
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=True)
        yaml.Constructor = DatesAsWritten
        return yaml
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

    class ClaimLoader(CParser, DatesAsWritten, Yaml12Resolver):
        def __init__(self, text: str):
            CParser.__init__(self, text)
            self._parser = self._composer = self
            DatesAsWritten.__init__(self, loader=self)
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
                node = loader.get_single_node()
                if node is None:
                    return None
                _expanded_size(node)
                return loader.construct_document(node)
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


@functools.cache
def _dates_as_written(constructor: type) -> type:
    """`constructor`, except that an unquoted 2025-02-30 stays the text it is: validation then names the
    field and its line, with the file's other problems, where a failed load would have hidden them all."""

    class DatesAsWritten(constructor):
        def construct_yaml_timestamp(self, node, values=None):
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return node.value

    DatesAsWritten.add_constructor("tag:yaml.org,2002:timestamp", DatesAsWritten.construct_yaml_timestamp)
    return DatesAsWritten


def _round_trip_yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    yaml = YAML()
    yaml.Constructor = _dates_as_written(RoundTripConstructor)
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


def _yaml_error_line(exc: Exception) -> tuple[int | None, Message]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).strip().splitlines()[0]
    line = mark.line + 1 if mark is not None else None
    if isinstance(problem, Message):  # our own refusal (an alias bomb), already said in full
        return line, problem
    problem = " ".join(str(problem or "").split())
    if "could not determine a constructor" in str(exc) or "python/" in problem:
        return line, Message("unsafe or unknown YAML tag refused: {problem}", problem=problem)
    return line, Message("not valid YAML: {problem}", problem=problem)


def parse_yaml(text: str, path: Path) -> Any:
    """Parse YAML text with the safe loader; a syntax error or unsafe tag becomes a DataError with its line."""
    try:
        return safe_loader().load(text)
    except Exception as exc:  # ruamel raises many classes; every one is a data problem here
        raise FileError(FileProblem(path, *_yaml_error_line(exc))) from None


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
NOT_A_LINK = Message("a symbolic link: factcheck reads only regular files and folders inside the repository, "
                     "never a link")


# What a file of each kind may hold, and how its limits are said (a claim file is read whole into memory;
# a pack is decompressed after, with its own bound on the text).
_TOO_LARGE = {
    "claim file": N_("{size:,} bytes; a claim file may hold at most {limit:,}"),
    "pack": N_("{size:,} bytes; a pack may hold at most {limit:,}"),
}
_GREW = {
    "claim file": N_("over {limit:,} bytes; a claim file may hold at most that"),
    "pack": N_("over {limit:,} bytes; a pack may hold at most that"),
}


def read_bounded(path: Path, limit: int, kind: str = "claim file") -> bytes:
    """A repository file's bytes: a regular file (never a link, a device or a FIFO) of at most `limit` bytes.

    A link `x.yaml -> /dev/zero` once grew memory by 450 MB/s and a FIFO hung every command; a link
    to a file outside the repository served that file. O_NOFOLLOW refuses the link itself, and
    O_NONBLOCK keeps a FIFO from blocking the open.
    """
    def refused(message: Message) -> FileError:
        return FileError(FileProblem(path, None, message))

    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno in (errno.EMLINK, errno.ENOTDIR) and os.path.islink(path)):
            raise refused(NOT_A_LINK) from None
        raise refused(Message("cannot read: {reason}", reason=os_reason(exc))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise refused(Message("a folder; refused") if stat.S_ISDIR(info.st_mode)
                          else Message("not a regular file (a device, FIFO or socket); refused"))
        if info.st_size > limit:
            raise refused(Message(_TOO_LARGE[kind], size=info.st_size, limit=limit))
        with os.fdopen(fd, "rb", closefd=False) as handle:  # bytes, then decode: a third faster than text mode
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise refused(Message("cannot read: {reason}", reason=os_reason(exc))) from None
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew while we read
        raise refused(Message(_GREW[kind], limit=limit))
    return raw


def read_text(path: Path) -> str:
    """A claim file's (or another repository text's) UTF-8 text, read as `read_bounded` reads."""
    raw = read_bounded(path, MAX_FILE_BYTES)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileError(FileProblem(path, None, Message("not UTF-8 text ({reason} at byte {at})", reason=exc.reason,
                                                        at=exc.start))) from None


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
    return None, [FileProblem(path, line, Message(
        "{where}: {message}", where=p.where(), message=p.message)) for p, line in zip(problems, lines)]


# --------------------------------------------------------------------------- writing


_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
# Characters YAML allows unescaped; also excluded: NEL and the Unicode line/paragraph separators, which
# a YAML 1.1 parser (libyaml) reads as line breaks, and a BOM.


@functools.cache
def _unsafe_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(not plain-safe, escaped in quotes), compiled on first use: these wide classes take ~14 ms to
    compile, and every search imports this module."""
    return (re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]"),
            re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]"))


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
        and not _unsafe_patterns()[0].search(text)
    )
    if plain:
        return text
    # A JSON string is a YAML double-quoted scalar; escape what YAML may not hold raw.
    quoted = json.dumps(text, ensure_ascii=False)
    return _unsafe_patterns()[1].sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


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
