"""Ctrl+Z after 导入反馈 takes the unit's return back: the dashboard says 未报送 again; redo says 已报送.

The real window on a real workspace: the unit's workbook is exported through the 督办 command
(which opens the reporting round), filled with openpyxl as the unit would, imported through the
GUI command (a background read, then one step on the window's one undo stack), and the keys are
pressed on the window. The 督办 panel's 报送情况 line and its per-unit 未报送 count must follow.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from desktop.core.tracking import NOT_REPORTED
from desktop.core.tracking_rounds import NOT_SENT, SENT
from desktop.formats.feedback.workbook import SHEET_TITLE
from desktop.gui.tracking.dashboard_model import STATUS_COLUMNS
from tests.gui.tracking_support import open_window, wait_job
from tests.support.feedback_fill import fill, rows_by_task

TODAY = date(2024, 7, 1)
DATA = "区大数据服务中心"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _returned(window) -> tuple[str, int]:
    """The dashboard's word for the unit (已报送 / 未报送) and its 未报送 count in the units table."""
    dashboard = window.tracking_ui.dashboard
    text = re.sub(r"<[^>]+>", "", dashboard.returns_label.text())
    parts = {part[:3]: part for part in text.split("\u3000")}  # 未报送 N 个（names）　部分退回 …　已报送 N 个
    assert "未报送" in parts and "已报送" in parts, text
    word = "未报送" if DATA in parts["未报送"] else "已报送"
    if word == "已报送":
        assert re.search(r"已报送 [1-9]\d* 个", text), text
    column = next(col for col, status in STATUS_COLUMNS.items() if status == NOT_REPORTED)
    model = dashboard.units_model
    row = next(n for n, tally in enumerate(model.tallies) if tally.label == DATA)
    return word, int(model.value(row, column))


def test_ctrl_z_after_an_import_makes_the_unit_not_reported_again(qtbot, workspace, settings,
                                                                  tmp_path: Path) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    ui = window.tracking_ui
    written, warnings = wait_job(qtbot, ui.feedback.export_units_to(tmp_path / "发出", [DATA], ("xlsx",)))
    assert warnings == []
    (path,) = written
    tasks = list(rows_by_task(openpyxl.load_workbook(path)[SHEET_TITLE]))
    fill(path, {tasks[0]: ("平台已上线。", "已完成", date(2024, 6, 28)),
                tasks[1]: ("已起草方案。", "推进中", None)})
    window.tracking_actions.dashboard.trigger()  # 督办面板
    qtbot.waitUntil(ui.dashboard_dock.isVisible)
    assert _returned(window) == ("未报送", len(tasks))

    wait_job(qtbot, ui.feedback.import_files([path]))
    states = {item.unit: item.state for item in ui.state.unit_returns}
    assert states[DATA] == SENT
    assert _returned(window) == ("已报送", 0)
    assert window.main_actions.undo.text() == "撤销 导入反馈表（1 个文件）"
    dialog = ui.feedback.result_dialog
    assert dialog is not None
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _returned(window)[0] == "未报送")
    assert {item.unit: item.state for item in ui.state.unit_returns}[DATA] == NOT_SENT
    assert _returned(window) == ("未报送", len(tasks))
    assert workspace.db.conn.execute("SELECT COUNT(*) FROM round_returns").fetchone()[0] == 0

    qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL | SHIFT)  # the platform's redo
    qtbot.waitUntil(lambda: _returned(window)[0] == "已报送")
    assert _returned(window) == ("已报送", 0)

    qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _returned(window)[0] == "未报送")
    qtbot.keyClick(window.tree, Qt.Key.Key_Y, CTRL)  # what Word and WPS users press
    qtbot.waitUntil(lambda: _returned(window)[0] == "已报送")
    assert {item.unit: item.state for item in ui.state.unit_returns}[DATA] == SENT
    assert workspace.db.conn.execute("SELECT COUNT(*) FROM round_returns").fetchone()[0] == 1
