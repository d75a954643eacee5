"""Helpers for the tracking GUI tests: a window with a fixed "today", the views' visible rows, the tables."""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtCore import QSettings

from desktop.gui.shell.main_window import MainWindow
from tests.support.workspaces import Workspace


def open_window(qtbot, workspace: Workspace, settings: QSettings, today: date) -> MainWindow:
    """The main window on ``workspace`` (the Laiwu sample) with ``today`` fixed, shown and active."""
    window = MainWindow(workspace, settings, today=lambda: today)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def visible_leaves(window: MainWindow) -> list[int]:
    """Leaves the tree shows (neither they nor an ancestor hidden), in plan order."""
    tree, model = window.tree, window.tree_model
    shown = []
    for leaf in model.plan.leaves():
        node, hidden = leaf, False
        while node.parent is not None:
            index = model.index_of(node.id)
            if tree.isRowHidden(index.row(), index.parent()):
                hidden = True
                break
            node = node.parent
        if not hidden:
            shown.append(leaf.id)
    return shown


def tracking_rows(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    """Every stored column of both tracking tables (updated_at and recorded_at included)."""
    return (conn.execute("SELECT * FROM assignments ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM progress_entries ORDER BY id").fetchall())


def wait_job(qtbot, job, timeout: int = 60000) -> object:
    """Wait for a background job to finish; returns its result (fails on an error)."""
    assert job is not None
    results: list[object] = []
    errors: list[str] = []
    job.done.connect(results.append)
    job.failed.connect(errors.append)
    qtbot.waitUntil(lambda: bool(results or errors), timeout=timeout)
    assert not errors, errors
    return results[0]
