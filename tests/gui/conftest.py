"""Fixtures for the GUI tests: a fresh workspace file and isolated settings per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def workspace(open_workspace):
    """A workspace as the app makes it, starting with the sample plan (overrides tests/conftest.py's)."""
    return open_workspace()


@pytest.fixture
def window(qtbot, workspace, settings):
    from desktop.gui.shell.main_window import MainWindow

    win = MainWindow(workspace, settings)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


@pytest.fixture(autouse=True)
def _clear_clipboard_after_test(qapp):
    """Leave no mime data on the clipboard: the app does the same when it quits (see app.py)."""
    yield
    qapp.clipboard().clear()
