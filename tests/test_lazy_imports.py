"""Starting Fenjie does not load the exporters' heavy libraries (issue 7: start-up ≤ 1.5 s).

reportlab, python-docx, openpyxl, lxml and Pillow are imported only when a file is exported or
a .docx/.xlsx is imported. Each probe runs in a fresh interpreter.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("reportlab", "docx", "openpyxl", "lxml", "PIL")

PROBE = """
import sys
import {module}
print(sorted({{name.split(".")[0] for name in sys.modules}} & set({heavy!r})))
"""


@pytest.mark.parametrize("module", ["desktop.cli", "desktop.store.workspace", "desktop.formats.importers",
                                    "desktop.formats.exporters", "desktop.crashlog", "desktop.version",
                                    "desktop.gui.shell.main_window", "desktop.gui.shell.launch"])
def test_importing_does_not_load_heavy_libraries(module: str) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE.format(module=module, heavy=HEAVY)], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_version_and_plain_commands_stay_light() -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "desktop", "--version"], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert imported & set(HEAVY) == set()
    assert "PySide6" not in imported
