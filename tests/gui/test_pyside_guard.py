"""Long sessions survive PySide6 6.12's lost references to None/True (see desktop/gui/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHURN = """
import sys
import desktop.gui  # the guard
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget, timer = QWidget(), QTimer()
timer.timeout.connect(lambda: None)
for _ in range(300_000):
    widget.update()          # returns None
    timer.timeout.emit()     # returns True
print("survived", sys.getrefcount(None) > 0)
"""


def test_many_void_calls_and_emits_do_not_abort_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", CHURN], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived True" in result.stdout
