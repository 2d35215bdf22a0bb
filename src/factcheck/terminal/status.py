"""Exit statuses, named (as httpie's `ExitStatus`): what a command's outcome tells the shell."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    NO_MATCH = 1  # a search or a query found nothing
    PROBLEMS_FOUND = 1  # a source check or archive run found sources with a problem
    USER_ERROR = 2  # a usage mistake or bad data, told in one line
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it
