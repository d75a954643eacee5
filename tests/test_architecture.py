"""Architecture rules: only desktop.gui may import Qt; no layer imports one above it; every module says
what it is for.

The layers, bottom to top: core < store < layout < formats < gui < cli. ``cli`` is the program's
entry point (``fenjie`` with no command starts the window, the only place it imports ``gui``).
``desktop.version`` and ``desktop.resources`` (paths of bundled files) may be imported from any
layer; ``desktop.crashlog`` sits between formats and gui (it uses the store's paths; the window
and the command line install it).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LAYERS = ("core", "store", "layout", "formats", "gui", "cli")
RANKS: dict[str, float] = {name: float(rank) for rank, name in enumerate(LAYERS)}
SHARED = {"desktop", "desktop.version", "desktop.resources"}  # below every layer
TOP_LEVEL = {"desktop.crashlog": 3.5, "desktop.cli": RANKS["cli"], "desktop.cli_tracking": RANKS["cli"],
             "desktop.cli_versions": RANKS["cli"],
             "desktop.__main__": RANKS["cli"]}
QT_FREE = ("desktop.core", "desktop.store", "desktop.layout", "desktop.formats", "desktop.cli")

PROBE = """
import importlib, pkgutil, sys
import desktop
names = []
for package in {packages!r}:
    module = importlib.import_module(package)
    names.append(package)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), package + "."):
        importlib.import_module(info.name)
        names.append(info.name)
leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(len(names), leaked)
sys.exit(1 if leaked else 0)
"""


def test_core_store_layout_formats_do_not_import_qt() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE.format(packages=QT_FREE)], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    count = int(result.stdout.split()[0])
    assert count >= 10, f"only {count} modules were imported: the probe did not walk the packages"


def test_no_module_outside_gui_mentions_pyside6_imports() -> None:
    offenders = []
    for path in (REPO / "desktop").rglob("*.py"):
        if "gui" in path.relative_to(REPO / "desktop").parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in names):
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_every_module_has_a_docstring() -> None:
    missing = []
    for path in (REPO / "desktop").rglob("*.py"):
        if path.name == "__init__.py" and not path.read_text(encoding="utf-8").strip():
            continue
        if ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None:
            missing.append(str(path.relative_to(REPO)))
    assert missing == []


def _rank(module: str, package: str) -> float | None:
    """The layer rank of ``module`` (a dotted name under ``package``); None: importable from anywhere."""
    name = "desktop" + module[len(package):]
    if name in SHARED:
        return None
    if name in TOP_LEVEL:
        return TOP_LEVEL[name]
    parts = name.split(".")
    if len(parts) > 1 and parts[1] in RANKS:
        return RANKS[parts[1]]
    raise AssertionError(f"{name} belongs to no layer: add it to LAYERS, SHARED or TOP_LEVEL")


def _imported(tree: ast.AST, module: str, is_package: bool) -> list[str]:
    """Every module ``module`` imports (relative imports resolved), at the top or inside functions."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append(target)
            found.extend(f"{target}.{alias.name}" for alias in node.names)  # from pkg import module
    return found


def upward_imports(root: Path, package: str = "desktop") -> list[str]:
    """``importer -> imported`` for each import of a higher layer in the package tree at ``root``."""
    offenders = []
    known = {".".join(p.relative_to(root.parent).with_suffix("").parts) for p in root.rglob("*.py")}
    known |= {name.removesuffix(".__init__") for name in known}
    for path in sorted(root.rglob("*.py")):
        module = ".".join(path.relative_to(root.parent).with_suffix("").parts).removesuffix(".__init__")
        here = _rank(module, package)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target in _imported(tree, module, path.name == "__init__.py"):
            if target not in known:  # outside the package, or a name imported from a module
                continue
            there = _rank(target, package)
            if here is not None and there is not None and there > here:
                offenders.append(f"{module} -> {target}")
    return sorted(set(offenders))


def test_no_layer_imports_one_above_it() -> None:
    assert upward_imports(REPO / "desktop") == []


def test_the_checker_catches_a_deliberate_upward_import(tmp_path: Path) -> None:
    """The rule bites: a copy of the tree with one bad import (core reaching into gui) fails."""
    tree = tmp_path / "desktop"
    for layer in ("core", "store", "gui", "gui/shell"):
        (tree / layer).mkdir(parents=True)
        (tree / layer / "__init__.py").write_text('"""A package."""\n', encoding="utf-8")
    (tree / "__init__.py").write_text('"""Root."""\n', encoding="utf-8")
    (tree / "store" / "rows.py").write_text("from desktop.core import model\n", encoding="utf-8")
    (tree / "core" / "model.py").write_text('"""Fine."""\n', encoding="utf-8")
    (tree / "gui" / "shell" / "window.py").write_text("from desktop.store import rows\n", encoding="utf-8")
    assert upward_imports(tree) == []  # downward imports only: clean
    (tree / "core" / "model.py").write_text(
        "def late() -> None:\n    from ..gui.shell import window\n", encoding="utf-8")
    (tree / "store" / "rows.py").write_text("import desktop.gui.shell.window\n", encoding="utf-8")
    offenders = upward_imports(tree)
    assert {line.split(" -> ")[0] for line in offenders} == {"desktop.core.model", "desktop.store.rows"}
    assert all(line.split(" -> ")[1].startswith("desktop.gui.shell") for line in offenders)
