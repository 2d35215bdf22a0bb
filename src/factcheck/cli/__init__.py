"""The command line: a thin click layer that parses, calls the library and hands the outcome to the terminal.

`app` holds the group, the shared options and the error funnel; each other module adds one family of
commands to it when imported.
"""

from factcheck.cli import claims, editing, exchange, site, sources  # noqa: F401  (each registers its commands)
from factcheck.cli import desk, init  # noqa: F401
from factcheck.cli.app import cli, main

__all__ = ["cli", "main"]
