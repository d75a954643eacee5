"""The issue's acceptance flow on the real main window.

Create a plan, add and indent tasks by keyboard, drag a subtree, pick units, undo and redo
everything back to the start, export .docx and read it again; the table's spans equal the grid.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QListWidget

from desktop.formats.importers import import_file
from desktop.gui.common.text_editor import CellTextEdit
from desktop.gui.units.unit_picker import UnitPickerDialog
from desktop.layout.engine import build_grid
from tests.gui.driving import drop_on, on_next_dialog
from tests.gui.table.test_table_view import view_spans


def type_into_editor(qtbot, text: str) -> None:
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), CellTextEdit), timeout=3000)
    editor = QApplication.focusWidget()
    assert isinstance(editor, CellTextEdit), f"no cell editor open, focus is on {editor!r}"
    editor.setPlainText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def tree_texts(task) -> list:
    return [(t.text, tree_texts(t)) for t in task.children]


def test_create_edit_drag_pick_undo_redo_export(qtbot, window, tmp_path: Path) -> None:
    workspace = window.workbench.workspace
    for name in ("区政府办公室", "区财政局", "区发展改革局", "各街道（镇）"):
        if workspace.units().find(name) is None:
            workspace.add_unit(name)
    order = workspace.units().names()
    expected_units = "、".join(sorted(("区财政局", "区政府办公室"), key=order.index))

    # ----- create a plan through the real dialog
    def name_it(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("2025年测试任务分解表")
        dialog.accept()

    seen = on_next_dialog(name_it)
    window.commands.new_plan()
    assert seen == ["QInputDialog"]
    session = window.workbench.current
    plan = session.plan
    assert plan.title == "2025年测试任务分解表"
    start = plan.to_dict()
    tree = window.tree

    # ----- type tasks with the keyboard: the new plan's first task is being edited
    type_into_editor(qtbot, "一级任务甲")
    qtbot.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # child
    type_into_editor(qtbot, "要求一")
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # sibling
    type_into_editor(qtbot, "要求二")
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    type_into_editor(qtbot, "一级任务乙")
    qtbot.keyClick(tree, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # outdent to level 1
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    type_into_editor(qtbot, "要求三")
    qtbot.keyClick(tree, Qt.Key.Key_Tab)  # indent under 乙
    assert tree_texts(plan.root) == [("一级任务甲", [("要求一", []), ("要求二", [])]),
                                     ("一级任务乙", [("要求三", [])])]
    assert window.table.model().rowCount() == 3

    # ----- drag 要求二 onto 一级任务乙 (becomes its last child), through real drop events
    model = window.tree_model
    second = plan.root.children[0].children[1]
    mime = model.mimeData([model.index_of(second.id)])
    target = window.tree.visualRect(model.index_of(plan.root.children[1].id)).center()
    assert drop_on(window.tree.viewport(), target, mime)
    assert tree_texts(plan.root) == [("一级任务甲", [("要求一", [])]),
                                     ("一级任务乙", [("要求三", []), ("要求二", [])])]

    # ----- pick units for 一级任务乙 in the unit picker (opened from the properties panel)
    window.tree.select_task(plan.root.children[1].id)

    def pick(dialog) -> None:
        assert isinstance(dialog, UnitPickerDialog)
        units = dialog.findChild(QListWidget)
        for row in range(units.count()):
            item = units.item(row)
            if item.text() in ("区财政局", "区政府办公室"):
                item.setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    seen = on_next_dialog(pick)
    window.properties.rows["units"]._pick()
    assert seen == ["UnitPickerDialog"]
    assert plan.root.children[1].attrs["units"] == expected_units  # in directory order
    assert plan.root.children[1].children[1].effective("units") == expected_units
    assert view_spans(window.table) == build_grid(plan).spans()

    # ----- undo everything back to the start, then redo everything
    final = plan.to_dict()
    undo, redo = window.main_actions.undo, window.main_actions.redo
    steps = 0
    while not undo.text().startswith("撤销 新建计划"):  # one undo stack: the plan's creation is next
        undo.trigger()
        steps += 1
    assert plan.to_dict() == start
    assert steps >= 9
    assert window.tree_model.rowCount() == 1
    while redo.isEnabled():
        redo.trigger()
    assert window.workbench.current is session
    assert plan.to_dict() == final
    assert view_spans(window.table) == build_grid(plan).spans()

    # ----- the store has every step
    stored = window.workbench.workspace.load_plan(plan.id)
    assert stored.to_dict() == final

    # ----- export .docx off the UI thread and read it again
    target = tmp_path / "导出.docx"
    job = window.commands.export_to(target)
    with qtbot.waitSignal(job.done, timeout=20000):
        pass
    document = Document(str(target))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"要求一", "要求二", "要求三", expected_units} <= cells
    again = import_file(target)
    assert [leaf.text for leaf in again.leaves()] == ["要求一", "要求三", "要求二"]
    assert again.leaves()[2].effective("units") == expected_units
