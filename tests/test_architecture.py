"""Architecture rules: only desktop.gui may import Qt; every module says what it is for."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
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
