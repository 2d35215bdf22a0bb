"""The command line: a thin click layer that parses, calls the library and hands the outcome to the terminal.

`app` holds the group, the shared options and the error funnel; each other module adds one family of
commands to it, imported only when one of its commands runs (`app.COMMAND_MODULES`).
"""

from factcheck.cli.app import cli, main

__all__ = ["cli", "main"]
