"""ARCHITECTURE.md and the code agree: every package it names exists, and no module imports a layer above its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "factcheck"
ENTRY_POINTS = {"__init__", "__main__"}  # the library API and `python -m factcheck` sit above every layer
MAX_LINES = 600
MAX_TOP_LEVEL_MODULES = 8


def documented_layers() -> list[list[str]]:
    """The layer list of ARCHITECTURE.md, top first: one list of package names per line."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("<!-- layers: top first -->", 1)[1].strip().split("\n\n", 1)[0]
    return [re.findall(r"`(\w+)`", line.split(":", 1)[0]) for line in block.splitlines()]


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every `factcheck.…` module a file imports, at any depth, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "factcheck":
                found += [(node.lineno, f"factcheck.{alias.name}") for alias in node.names]
            elif node.module.startswith("factcheck."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("factcheck.")]
    return found


def top_name(module: str) -> str:
    return module.split(".")[1]


def test_every_package_the_architecture_names_exists():
    for layer in documented_layers():
        for name in layer:
            assert (PACKAGE / name / "__init__.py").is_file() or (PACKAGE / f"{name}.py").is_file(), name


def test_every_module_path_the_architecture_names_exists():
    """`search/text/`, `publish/formats.FORMATS`, `cli/claims.py`: each is a package, module or name in one."""
    import importlib

    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    packages = {name for layer in documented_layers() for name in layer}
    named = [m.split()[0] for m in re.findall(r"`([^`]+)`", text) if m.split()[0].split("/")[0] in packages and "/" in m]
    assert len(named) > 10
    for reference in named:
        if "<" in reference:  # a placeholder such as cli/<family>.py
            continue
        path, _, attribute = reference.rstrip("/").removesuffix(".py").partition(".")
        target = PACKAGE / path
        assert target.is_dir() or target.with_suffix(".py").is_file(), reference
        if attribute:
            module = importlib.import_module("factcheck." + path.replace("/", "."))
            assert hasattr(module, attribute.split(".")[0]), reference


def test_every_package_and_top_level_module_is_in_a_layer():
    named = {name for layer in documented_layers() for name in layer}
    present = {p.stem for p in PACKAGE.glob("*.py")} | {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert present - ENTRY_POINTS == named


def test_no_module_imports_a_layer_above_its_own_or_a_sibling():
    layers = documented_layers()
    rank = {name: len(layers) - i for i, layer in enumerate(layers) for name in layer}
    upward = []
    for path in PACKAGE.rglob("*.py"):
        own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if own in ENTRY_POINTS:
            continue
        for line, module in imported_modules(path):
            other = top_name(module)
            if other != own and rank[other] >= rank[own]:
                upward.append(f"{path.relative_to(ROOT)}:{line}: {own} imports {module}")
    assert upward == []


def test_the_library_never_imports_click_or_rich():
    interface = {"cli", "terminal"}
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] in interface:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in {"click", "rich"}]
    assert offenders == []


def test_no_module_is_longer_than_600_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_at_most_eight_modules_sit_at_the_top_of_the_package():
    assert len(list(PACKAGE.glob("*.py"))) <= MAX_TOP_LEVEL_MODULES
