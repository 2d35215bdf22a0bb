"""Search is a one-way pipeline: each stage imports only the stages before it, in the order search/__init__ declares."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import factcheck.search
from factcheck.search import STAGES

SEARCH = Path(factcheck.search.__file__).parent
FRONT_DOOR = "the package front door"  # search/__init__: above every stage, never imported by one


def stage_of(path: Path) -> str:
    return path.relative_to(SEARCH).parts[0].removesuffix(".py")


def stage_modules() -> list[Path]:
    return [p for p in sorted(SEARCH.rglob("*.py")) if p != SEARCH / "__init__.py"]


def imported_stages(path: Path) -> list[tuple[int, str]]:
    """The stage of every `factcheck.search` module a file imports, at any depth, with its line."""
    package = "factcheck." + ".".join(path.relative_to(SEARCH.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            modules = [f"{base}.{alias.name}" for alias in node.names] if base == "factcheck.search" else [base]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[:2] == ["factcheck", "search"]:
                found.append((node.lineno, parts[2] if len(parts) > 2 and parts[2] in STAGES else FRONT_DOOR))
    return found


def test_every_search_module_belongs_to_a_declared_stage():
    assert {stage_of(p) for p in stage_modules()} == set(STAGES)


def test_each_stage_imports_only_itself_and_the_stages_before_it():
    order = {stage: i for i, stage in enumerate(STAGES)}
    backward = []
    for path in stage_modules():
        own = stage_of(path)
        for line, other in imported_stages(path):
            if other == FRONT_DOOR or order[other] > order[own]:
                backward.append(f"{path.relative_to(SEARCH)}:{line}: {own} imports {other}")
    assert backward == []


def test_the_package_docstring_lists_the_stages_in_their_order():
    listed = re.findall(r"^    (\w+)/?  ", factcheck.search.__doc__, re.MULTILINE)
    assert tuple(listed) == STAGES


def test_importing_the_search_package_loads_no_stage_and_nothing_heavy():
    probe = "import sys, factcheck.search; print(sorted(m for m in sys.modules if m.startswith(('factcheck.search.', 'sqlite3', 'rapidfuzz'))))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_the_package_exports_the_search_and_the_index():
    from factcheck.search import SearchOutcome, SearchResult, open_index, search_claims
    from factcheck.search.index import open_index as index_open_index
    from factcheck.search.ranking import SearchOutcome as Outcome, SearchResult as Result, search_claims as search

    assert (search_claims, SearchResult, SearchOutcome, open_index) == (search, Result, Outcome, index_open_index)
