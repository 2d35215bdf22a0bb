"""The names a claims repository uses on disk, and the problem record for one file."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from factcheck.errors import DataError
from factcheck.i18n import Message, translated

CLAIMS_DIR_ENV = "FACTCHECK_CLAIMS_DIR"
ALIASES_FILE = "aliases.yaml"
SETTINGS_FILE = "factcheck.yaml"
SCHEMA_FILE = "schema.json"
# Claims written by `factcheck import` live below this folder: imported/<publisher>/<0-f>/<id>.yaml.
IMPORTED_DIR = "imported"
IMPORTED_SHARDS = 16
# A packed claim promoted to a file of its own (`factcheck adopt`): imported/<publisher>/adopted/<id>.yaml. People
# edit these, so unlike the rest of imported/ this folder is checked file by file at every search.
ADOPTED_DIR = "adopted"
NOT_CLAIMS = {ALIASES_FILE, SETTINGS_FILE}
ID_HELP = Message("ids are lowercase ASCII slugs: a-z, 0-9 and '-', 3 to 80 characters")


# A named tuple, not a frozen dataclass: every command defines it (see ARCHITECTURE.md on start-up).
class _FileProblemFields(NamedTuple):
    path: Path
    line: int | None
    message: Message


class FileProblem(_FileProblemFields):
    """A problem with one claim file, printed as `file:line: message`."""

    __slots__ = ()

    def __new__(cls, path: Path, line: int | None, message: str):
        # A plain text is made a Message: its own template.
        return super().__new__(cls, path, line, message if isinstance(message, Message) else Message(message))

    def __str__(self) -> str:
        return f"{self._where()}: {self.message}"

    def translated(self) -> str:
        """`file:line: message`, the message in the active language (`str()` is English)."""
        return f"{self._where()}: {translated(self.message)}"

    def _where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else f"{self.path}"


class FileError(DataError):
    """A DataError about one file that keeps its FileProblem, so callers need not parse the message."""

    def __init__(self, problem: FileProblem):
        super().__init__(problem)
        self.problem = problem
