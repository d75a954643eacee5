"""「历次报送」 in the window: a row's returns in two reporting rounds, newest first, from every door.

The real window on a real workspace: the unit's workbook is exported through the 督办 command (the
first round opens), filled and imported through the GUI; the next round is opened, the unit's new
workbook exported, filled (the row now 已完成) and imported — the next round started from the
导出各单位反馈表 dialog's 开始新的报送轮次. Then the row's history is opened from
the 进展 panel's button, from a double-click on the unit there, from 督办 → 历次报送… (Ctrl+Shift+H)
and from the overdue list's context menu, and the dialog's table is read cell by cell.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from desktop.core import operations as ops
from desktop.formats.feedback.workbook import SHEET_TITLE
from desktop.gui.tracking.history_dialog import HEADERS
from desktop.gui.tracking.unit_export_dialog import UnitExportDialog
from desktop.store.rounds import current_round
from tests.gui.driving import on_next_dialog
from tests.gui.tracking_support import open_window, wait_job
from tests.support.feedback_fill import fill, rows_by_task

TODAY = date(2024, 12, 20)
DATA = "区大数据服务中心"


def _return(qtbot, window, folder: Path, report: tuple) -> int:
    """Export the unit's workbook through the window, fill its first row, import it; the row's id."""
    ui = window.tracking_ui
    written, _ = wait_job(qtbot, ui.feedback.export_units_to(folder, [DATA], ("xlsx",)))
    (path,) = written
    task = next(iter(rows_by_task(openpyxl.load_workbook(path)[SHEET_TITLE])))
    fill(path, {task: report})
    wait_job(qtbot, ui.feedback.import_files([path]))
    ui.feedback.result_dialog.close()
    return task


def _new_round(qtbot, window, folder: Path, current: str) -> Path:
    """导出各单位反馈表… with 开始新的报送轮次 “第二轮” ticked, for the one unit; its workbook."""
    def choose(dialog) -> None:
        assert isinstance(dialog, UnitExportDialog)
        assert dialog.round_label.text() == f"当前报送轮次：{current}"
        assert not dialog.round_name.isEnabled() and dialog.next_round() is None
        dialog.check_all(False)
        for row in range(dialog.list.count()):
            if dialog.list.item(row).text() == DATA:
                dialog.list.item(row).setCheckState(Qt.CheckState.Checked)
        for key in ("docx", "pdf"):
            dialog.format_boxes[key].setChecked(False)
        dialog.folder_edit.setText(str(folder))
        dialog.new_round.setChecked(True)
        assert dialog.round_name.isEnabled() and dialog.round_name.text()  # this month, by default
        dialog.round_name.clear()
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # a name is needed
        dialog.round_name.insert("第二轮")  # as typed (an input method commits the text at once)
        assert dialog.next_round() == "第二轮"
        dialog.accept()

    seen = on_next_dialog(choose)
    written, _ = wait_job(qtbot, window.tracking_ui.feedback.export_units_dialog())
    assert seen == ["UnitExportDialog"]
    (path,) = written
    assert "（报送轮次：第二轮）" in window.tracking_ui.feedback.export_notice.label.text()
    return path


def _is_open(workspace, round_) -> bool:
    """Whether ``round_`` is still open (opening the next one closes it)."""
    return workspace.db.conn.execute("SELECT closed_at IS NULL FROM report_rounds WHERE id = ?",
                                     (round_.id,)).fetchone()[0] == 1


def test_the_history_dialog_lists_both_rounds_newest_first(qtbot, workspace, settings,
                                                           tmp_path: Path) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    ui = window.tracking_ui
    plan_id = window.session.plan_id
    leaves = window.session.plan.leaves()  # a row overdue and one due soon, for the dashboard's lists
    window.session.do(ops.SetAttr(leaves[1].id, "deadline", "2024年6月底前"))
    window.session.do(ops.SetAttr(leaves[2].id, "deadline", "2024年12月25日前"))
    task = _return(qtbot, window, tmp_path / "first", ("开始建设。", "推进中", None))
    first = current_round(workspace.db, plan_id)
    assert first is not None
    # the next round, started from the 导出各单位反馈表 dialog as the clerk does
    second = _new_round(qtbot, window, tmp_path / "second", first.name)
    assert current_round(workspace.db, plan_id).name == "第二轮" and not _is_open(workspace, first)
    fill(second, {task: ("平台已上线。", "已完成", date(2024, 7, 20))})
    wait_job(qtbot, ui.feedback.import_files([second]))
    ui.feedback.result_dialog.close()

    window.activateWindow()
    window.tree.select_task(task)
    ui.progress_dock.show()
    ui.progress_dock.raise_()
    qtbot.waitUntil(ui.progress.history_button.isVisible)
    qtbot.mouseClick(ui.progress.history_button, Qt.MouseButton.LeftButton)
    dialog = ui.history_dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "历次报送"
    seq = window.session.leaf_row(task)
    assert dialog.heading.text().startswith(f"序号 {seq}：")
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(len(HEADERS))] == list(HEADERS)
    rows = dialog.rows()
    mine = [row for row in rows if row[1] == DATA]
    assert [row[0] for row in mine] == ["第二轮（进行中）", f"{first.name}（截至 {mine[1][0][-11:-1]}）"]
    assert mine[0][2:5] == ["已报送", "已完成（2024-07-20）", "平台已上线。"]
    assert mine[1][2] == "已报送" and mine[1][3].startswith("推进中") and mine[1][4] == "开始建设。"
    assert rows.index(mine[0]) < rows.index(mine[1])  # newest round first
    others = [row for row in rows if row[1] != DATA]
    assert others and {row[2] for row in others} == {"未报送"}  # the row's other units sent nothing
    dialog.close()

    # a double-click on the unit in the 进展 panel, and 督办 → 历次报送… (Ctrl+Shift+H)
    units = ui.progress.units
    cell = units.visualItemRect(units.item(0, 0)).center()
    qtbot.mouseClick(units.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a real double-click's press
    qtbot.mouseDClick(units.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: ui.history_dialog is not None and ui.history_dialog.isVisible())
    assert ui.history_dialog.rows() == rows
    ui.history_dialog.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tree.setFocus()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.tree, Qt.Key.Key_H, keys)
    qtbot.waitUntil(lambda: ui.history_dialog is not None and ui.history_dialog.isVisible())
    assert ui.history_dialog.rows() == rows
    ui.history_dialog.close()

    # the dashboard's due lists: 历次报送… on a row's context menu
    window.tracking_actions.dashboard.trigger()
    qtbot.waitUntil(ui.dashboard_dock.isVisible)
    for view, model in ((ui.dashboard.overdue_view, ui.dashboard.overdue_model),
                        (ui.dashboard.soon_view, ui.dashboard.soon_model)):
        assert any(item.task_id != task for item in model.items)
        line = next(n for n, item in enumerate(model.items) if item.task_id != task)
        _history_from_list(qtbot, window, view, model, line)


def _history_from_list(qtbot, window, view, model, line: int) -> None:
    ui = window.tracking_ui
    ui.dashboard.lists_tabs.setCurrentWidget(view)
    view.setCurrentIndex(model.index(line, 1))
    (action,) = [a for a in view.actions() if a.text() == "历次报送…"]
    action.trigger()
    qtbot.waitUntil(lambda: ui.history_dialog is not None and ui.history_dialog.isVisible())
    other = model.items[line].task_id
    assert ui.history_dialog.heading.text().startswith(f"序号 {window.session.leaf_row(other)}：")
    assert len({row[0] for row in ui.history_dialog.rows()}) == 2  # this round and the first
