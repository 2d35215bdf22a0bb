"""The environment a command runs in: its streams, whether each is a terminal, and its variables.

The CLI builds one `Environment` per run and every part of the output layer reads from it, so the library
never looks at `os.environ` or `sys.stdout` itself (the pattern of httpie's `Environment`). A test builds one
with `io.StringIO` streams and the terminal flags it wants, which runs prompts and the terminal views
in-process.
"""

from __future__ import annotations

import os
import sys
from functools import cached_property
from typing import Mapping, TextIO

DEFAULT_WIDTH = 80  # columns, when neither COLUMNS nor a terminal says


def stream_isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Environment:
    """Streams, their terminal flags and the environment variables; each defaults to this process's own."""

    def __init__(
        self,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        *,
        stdin_isatty: bool | None = None,
        stdout_isatty: bool | None = None,
        stderr_isatty: bool | None = None,
        environ: Mapping[str, str] | None = None,
    ):
        self.stdin = sys.stdin if stdin is None else stdin
        self.stdout = sys.stdout if stdout is None else stdout
        self.stderr = sys.stderr if stderr is None else stderr
        self.stdin_isatty = stream_isatty(self.stdin) if stdin_isatty is None else stdin_isatty
        self.stdout_isatty = stream_isatty(self.stdout) if stdout_isatty is None else stdout_isatty
        self.stderr_isatty = stream_isatty(self.stderr) if stderr_isatty is None else stderr_isatty
        self.environ = os.environ if environ is None else environ

    @property
    def no_color(self) -> bool:
        """NO_COLOR is set (to anything but the empty string): https://no-color.org."""
        return self.environ.get("NO_COLOR", "") != ""

    @cached_property
    def width(self) -> int:
        """The width to lay text out in: COLUMNS, else the terminal's, else 80 (as rich works it out)."""
        columns = self.environ.get("COLUMNS", "")
        if columns.isdigit():
            return int(columns)
        for stream in (self.stdin, self.stdout, self.stderr):
            try:
                return os.get_terminal_size(stream.fileno()).columns or DEFAULT_WIDTH
            except (AttributeError, ValueError, OSError):  # not a terminal, or not a file at all
                continue
        return DEFAULT_WIDTH

    def get(self, name: str) -> str | None:
        """An environment variable, or None when it is unset or empty."""
        return self.environ.get(name) or None
