"""Package exports that load on first use (PEP 562).

Every command pays Python's start-up, so `import factcheck.sources` must not import asyncio and httpx
just because the package names `check_sources`: a package lists its public names in a table, and
each is imported from its module the first time it is asked for.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` serving `exports` (public name -> submodule of `package`)."""

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{exports[name]}"), name)

    return __getattr__
