"""Another program holds the workspace's write lock while the clerk types (issue 11 #7, issue 10 #3).

The window's connection gives up on the lock quickly; the typed text is kept pending, the status
bar says it is waiting, nothing is lost and no error dialog or crash dialog opens; once the lock is
released the edit is stored and becomes an ordinary undo step. Tracking changes (a typed progress
report) are kept and retried the same way, and the debounced assignment sync does not crash.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.feedback_check import Update
from desktop.core.tracking import IN_PROGRESS, progress_entry
from desktop.gui.shell.app import GUI_BUSY_TIMEOUT_MS
from desktop.store.tracking_store import load_assignments
from desktop.store.workspace import Workspace
from tests.gui.driving import on_next_dialog


@pytest.fixture
def gui_window(qtbot, tmp_path: Path, settings):
    from desktop.gui.shell.main_window import MainWindow

    workspace = Workspace.open(tmp_path / "ws.sqlite3", busy_timeout_ms=GUI_BUSY_TIMEOUT_MS)
    win = MainWindow(workspace, settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    workspace.close()


@pytest.fixture
def holder(gui_window) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(str(gui_window.workbench.workspace.path), isolation_level=None)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def stored_text(path: Path, plan_id: int, task_id: int) -> str:
    with sqlite3.connect(str(path)) as conn:
        return str(conn.execute("SELECT text FROM tasks WHERE plan_id = ? AND id = ?",
                                (plan_id, task_id)).fetchone()[0])


def test_typed_text_waits_for_the_lock_and_is_stored_after(qtbot, gui_window, holder) -> None:
    window = gui_window
    session = window.session
    path = window.workbench.workspace.path
    leaf = session.plan.leaves()[0]
    errors: list[str] = []  # what would open the error dialog (an exception would fail the test)
    window.workbench.failed.connect(errors.append)
    holder.execute("BEGIN IMMEDIATE")

    index = window.tree_model.index_of(leaf.id)
    window.tree_model.setData(index, "锁住时输入的第一段", Qt.ItemDataRole.EditRole)
    window.tree_model.setData(index, "锁住时输入的第二段", Qt.ItemDataRole.EditRole)
    assert [label for _op, label in session.pending] == ["修改内容", "修改内容"]
    assert "等待保存" in window.statusBar().currentMessage()
    assert stored_text(path, session.plan_id, leaf.id) != "锁住时输入的第二段"

    holder.execute("ROLLBACK")
    qtbot.waitUntil(lambda: not session.pending, timeout=10000)
    assert stored_text(path, session.plan_id, leaf.id) == "锁住时输入的第二段"
    assert session.plan[leaf.id].text == "锁住时输入的第二段"
    assert window.tree_model.data(index).endswith("锁住时输入的第二段")
    assert "已全部保存" in window.statusBar().currentMessage()
    assert errors == []

    session.stack.undo()
    assert stored_text(path, session.plan_id, leaf.id) == "锁住时输入的第一段"


def test_a_progress_report_waits_for_the_lock(qtbot, gui_window, holder) -> None:
    window = gui_window
    tracking = window.tracking_ui.state
    tracking.flush()
    qtbot.waitUntil(lambda: bool(tracking.assignments), timeout=10000)
    item = tracking.assignments[0]
    errors: list[str] = []
    window.workbench.failed.connect(errors.append)
    holder.execute("BEGIN IMMEDIATE")

    entry = progress_entry(date(2024, 6, 1), "锁住时填写的进展。", item.unit)
    assert tracking.apply([Update(int(item.id or 0), IN_PROGRESS, None, entry)], "添加进展")
    tracking.schedule_sync()  # the debounced sync meets the lock too
    qtbot.waitUntil(lambda: "等待保存" in window.statusBar().currentMessage(), timeout=5000)

    holder.execute("ROLLBACK")
    workspace = window.workbench.workspace
    session = window.session

    def stored() -> bool:
        rows = load_assignments(workspace.db, int(session.plan_id or 0))
        return any(e.text == "锁住时填写的进展。" for row in rows for e in row.progress)

    qtbot.waitUntil(stored, timeout=10000)
    assert errors == []


def test_closing_with_edits_waiting_asks_and_keeps_them(qtbot, gui_window, holder) -> None:
    window = gui_window
    session = window.session
    leaf = session.plan.leaves()[0]
    holder.execute("BEGIN IMMEDIATE")
    window.tree_model.setData(window.tree_model.index_of(leaf.id), "关窗前输入的", Qt.ItemDataRole.EditRole)
    assert "1 处修改等待保存" in window.counts.text()

    asked = on_next_dialog(lambda dialog: dialog.reject())  # 取消: keep waiting
    window.close()
    assert asked == ["QMessageBox"] and window.isVisible() and session.pending

    holder.execute("ROLLBACK")
    qtbot.waitUntil(lambda: not session.pending, timeout=10000)
    window.close()
    assert not window.isVisible()
    assert stored_text(window.workbench.workspace.path, session.plan_id, leaf.id) == "关窗前输入的"
