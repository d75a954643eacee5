"""Progress entry in the 进展 panel: status, completion date and log entries, each one undo step.

Every change is checked in the workspace file (both tracking tables, every column) and undone
and redone through the window's 撤销/重做 actions, which drive the plan's QUndoStack.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox

from desktop.core import operations as ops
from desktop.core.tracking import DONE, IN_PROGRESS, NOT_STARTED
from tests.gui.driving import on_next_dialog
from tests.gui.tracking_support import open_window, tracking_rows

TODAY = date(2024, 7, 1)


def _leaf_with_units(window, at_least: int):
    state = window.tracking_ui.state
    return next(leaf for leaf in window.session.plan.leaves() if len(state.for_task(leaf.id)) >= at_least)


def _stored(workspace, assignment_id: int) -> tuple:
    return workspace.db.conn.execute("SELECT status, completed_on FROM assignments WHERE id = ?",
                                     (assignment_id,)).fetchone()


def test_status_and_completion_date_are_undoable(qtbot, workspace, settings) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    ui = window.tracking_ui
    panel = ui.progress
    leaf = _leaf_with_units(window, 3)
    window.tree.select_task(leaf.id)
    ui.progress_dock.raise_()
    qtbot.waitExposed(panel)
    items = ui.state.for_task(leaf.id)
    assert panel.units.rowCount() == len(items)
    assert [panel.units.item(row, 0).text() for row in range(len(items))] == [a.unit for a in items]
    start = tracking_rows(workspace.db.conn)

    # choose the second unit, then 推进中 with the keyboard in the status list
    panel.units.selectRow(1)
    second = items[1]
    assert panel.current().id == second.id
    assert panel.unit_title.text().startswith(second.unit)
    panel.status.setFocus()
    qtbot.keyClick(panel.status, Qt.Key.Key_Down)
    assert _stored(workspace, second.id) == (IN_PROGRESS, None)
    assert panel.units.item(1, 2).text() == "推进中"
    assert not panel.completed.isEnabled()

    # 已完成: today's date by default, then the clerk corrects the date
    assert panel.set_status(DONE)
    assert _stored(workspace, second.id) == (DONE, TODAY.isoformat())
    assert panel.completed.isEnabled()
    panel.completed.setDate(QDate(2024, 6, 18))
    panel.completed.editingFinished.emit()
    assert _stored(workspace, second.id) == (DONE, "2024-06-18")
    assert panel.units.item(1, 3).text() == "2024-06-18"
    assert window.main_actions.undo.text().startswith("撤销")

    for expected in ((DONE, TODAY.isoformat()), (IN_PROGRESS, None), (NOT_STARTED, None)):
        window.main_actions.undo.trigger()
        assert _stored(workspace, second.id) == expected
    assert tracking_rows(workspace.db.conn) == start  # every column as before, updated_at included
    assert panel.status.currentText() == "未开始"
    window.main_actions.redo.trigger()
    window.main_actions.redo.trigger()
    assert _stored(workspace, second.id) == (DONE, TODAY.isoformat())
    assert panel.units.item(1, 2).text() == "已完成"


def test_add_progress_with_attachments_and_undo(qtbot, workspace, settings, tmp_path: Path) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    ui = window.tracking_ui
    panel = ui.progress
    leaf = _leaf_with_units(window, 1)
    window.tree.select_task(leaf.id)
    ui.progress_dock.raise_()
    item = panel.current()
    assert item is not None
    report = tmp_path / "会议纪要.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    start = tracking_rows(workspace.db.conn)

    def refuse_empty(dialog) -> None:  # nothing written: the dialog says why and stays open
        dialog.accept()
        assert dialog.isVisible() and "不能为空" in dialog.error.text()
        dialog.reject()

    seen = on_next_dialog(refuse_empty)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert seen == ["ProgressEntryDialog"]
    assert tracking_rows(workspace.db.conn) == start

    def fill(dialog) -> None:
        dialog.day.setDate(QDate(2024, 6, 28))
        dialog.text.setPlainText("已召开专题会议，制定工作方案。")
        dialog.reported_by.setText("张三")
        dialog.add_attachments([str(report), str(report)])  # chosen twice: kept once
        dialog.accept()

    seen = on_next_dialog(fill)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert seen == ["ProgressEntryDialog"]
    rows = workspace.db.conn.execute(
        "SELECT assignment_id, entry_date, text, reported_by, source, attachments "
        "FROM progress_entries").fetchall()
    assert rows == [(item.id, "2024-06-28", "已召开专题会议，制定工作方案。", "张三", "typed",
                     json.dumps([str(report)], ensure_ascii=False))]
    assert panel.log.count() == 1
    assert "已召开专题会议" in panel.log.item(0).text() and "会议纪要.pdf" in panel.log.item(0).text()
    assert _stored(workspace, item.id) == (NOT_STARTED, None)  # the status is not touched

    window.main_actions.undo.trigger()
    assert tracking_rows(workspace.db.conn) == start
    assert panel.log.count() == 0
    window.main_actions.redo.trigger()
    again = workspace.db.conn.execute("SELECT text, attachments FROM progress_entries").fetchall()
    assert again == [("已召开专题会议，制定工作方案。", json.dumps([str(report)], ensure_ascii=False))]
    assert panel.log.count() == 1


def test_panel_explains_rows_it_cannot_track(qtbot, workspace, settings) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    panel = window.tracking_ui.progress
    category = window.session.plan.root.children[0]
    window.tree.select_task(category.id)
    assert not panel.units.isVisibleTo(panel) and "选择一项具体要求" in panel.empty.text()
    leaf = window.session.plan.leaves()[0]
    window.session.do(ops.SetAttr(leaf.id, "units", ""))
    window.tracking_ui.state.flush()
    window.tree.select_task(leaf.id)
    assert not panel.editor.isVisibleTo(panel) and "没有牵头单位或责任单位" in panel.empty.text()
    assert isinstance(panel.status, QComboBox)
