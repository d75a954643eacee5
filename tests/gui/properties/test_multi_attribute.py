"""Attribute edits reach every selected task (issue 14, defect 3).

Select four categories in the tree, 责任单位 → 选择… → 确定: all four get the units in one undo
step; where the selected tasks differ the panel reads 多个值.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QToolButton

from desktop.core import operations as ops
from desktop.gui.properties.attribute_row import MIXED
from desktop.gui.units.unit_picker import UnitPickerDialog
from tests.gui.driving import on_next_dialog

CTRL = Qt.KeyboardModifier.ControlModifier


def click_task(qtbot, window, task_id: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = window.tree.visualRect(window.tree_model.index_of(task_id))
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def button(row, text: str) -> QToolButton:
    return next(b for b in row.findChildren(QToolButton) if b.text() == text)


def test_units_picked_for_four_selected_categories(qtbot, window) -> None:
    session = window.workbench.current
    plan = session.plan
    window.tree.collapseAll()
    tops = [t.id for t in plan.root.children[:4]]
    session.do(ops.SetAttr(tops[0], "units", "区财政局"))  # the four differ before the edit
    depth = session.stack.index()
    click_task(qtbot, window, tops[0])
    for task_id in tops[1:]:
        click_task(qtbot, window, task_id, CTRL)
    panel = window.properties
    assert panel.task_ids == tops
    assert panel.heading.text().startswith("已选 4 项")
    assert panel.rows["units"].placeholder() == MIXED
    assert panel.rows["units"].current_text() == ""

    def pick(dialog) -> None:
        assert isinstance(dialog, UnitPickerDialog)
        units = dialog.findChild(QListWidget)
        for n in range(units.count()):
            if units.item(n).text() == "区政府办公室":
                units.item(n).setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    seen = on_next_dialog(pick)
    qtbot.mouseClick(button(panel.rows["units"], "选择…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: seen == ["UnitPickerDialog"], timeout=5000)
    assert [plan[t].attrs.get("units") for t in tops] == ["区政府办公室"] * 4
    assert session.stack.index() == depth + 1  # one undo step
    assert panel.rows["units"].current_text() == "区政府办公室"
    assert panel.rows["units"].placeholder() == ""

    # a deadline typed in the panel goes to all four too
    deadline = panel.rows["deadline"]
    deadline.combo.setFocus()
    deadline.combo.lineEdit().setText("2026年6月30日前")
    qtbot.keyClick(deadline.combo.lineEdit(), Qt.Key.Key_Return)
    assert [plan[t].attrs.get("deadline") for t in tops] == ["2026年6月30日前"] * 4
    assert session.stack.index() == depth + 2

    session.stack.undo()
    session.stack.undo()
    assert plan[tops[0]].attrs.get("units") == "区财政局"
    assert all(plan[t].attrs.get("units") is None for t in tops[1:])
