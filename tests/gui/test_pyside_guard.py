"""The None/True guard of desktop/gui/__init__.py: on for PySide6 6.12.0 on CPython < 3.12 only, and
long sessions survive on the PySide6 actually installed (with the guard off where it is not needed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import PySide6

from desktop.gui import SINGLETON_GUARD, needs_singleton_guard

REPO = Path(__file__).resolve().parents[2]

CHURN = """
import sys
import desktop.gui  # the guard, where it is needed
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget, timer = QWidget(), QTimer()
timer.timeout.connect(lambda: None)
for _ in range(300_000):
    widget.update()          # returns None
    timer.timeout.emit()     # returns True
print("survived", sys.getrefcount(None) > 0, desktop.gui.SINGLETON_GUARD)
"""


def test_the_guard_is_for_pyside_6_12_0_on_cpython_before_3_12_only() -> None:
    assert needs_singleton_guard((3, 11), "cpython", (6, 12, 0, "", ""))
    assert not needs_singleton_guard((3, 11), "cpython", (6, 11, 3, "", ""))
    assert not needs_singleton_guard((3, 11), "cpython", (6, 12, 1, "", ""))
    assert not needs_singleton_guard((3, 12), "cpython", (6, 12, 0, "", ""))
    assert not needs_singleton_guard((3, 11), "pypy", (6, 12, 0, "", ""))


def test_the_guard_matches_this_interpreter() -> None:
    expected = needs_singleton_guard(sys.version_info[:2], sys.implementation.name, PySide6.__version_info__)
    assert expected == SINGLETON_GUARD
    if not SINGLETON_GUARD:  # untouched: no reference count raised out of reach
        assert sys.getrefcount(None) < 1 << 40 and sys.getrefcount(True) < 1 << 40


def test_many_void_calls_and_emits_do_not_abort_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", CHURN], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"survived True {SINGLETON_GUARD}" in result.stdout
