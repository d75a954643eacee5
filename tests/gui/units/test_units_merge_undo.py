"""Merging two units in the units dialog is one undo step: undo gives back the directory, every plan
and the table on screen; redo merges again."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.core.operations import SetAttr
from desktop.gui.units.units_dialog import UnitsDialog
from desktop.store.rows import read_plan
from tests.gui.driving import on_next_dialog

KEEP, DROP = "区政府办公室", "区大数据服务中心"


def stored(workspace, plan_id: int):
    """The plan as stored (read apart from the workspace's record of the open plans)."""
    return read_plan(workspace.db, plan_id)


def units_rows(workspace) -> list[tuple]:
    return workspace.db.conn.execute("SELECT * FROM units ORDER BY id").fetchall()


def cell_texts(window) -> list[str]:
    return [cell.text for cell in window.table_model.grid.cells]


def test_merge_in_the_units_dialog_is_undone_and_redone(qtbot, window) -> None:
    bench, workspace = window.workbench, window.workbench.workspace
    for name in (KEEP, DROP):
        if workspace.units().find(name) is None:
            workspace.add_unit(name)
    session = bench.current
    plan = session.plan
    leaf = plan.leaves()[0]
    session.do(SetAttr(leaf.id, "units", f"{DROP}、区发展改革局"))
    copy_id = bench.duplicate_plan(plan.id)  # a plan that is not open mentions it too
    window.open_plan(plan.id)
    before_units = units_rows(workspace)
    before_plan = plan.to_dict(with_ids=True)
    before_copy = stored(workspace, copy_id).to_dict(with_ids=True)
    before_cells = cell_texts(window)
    assert f"{DROP}、区发展改革局" in before_cells

    dialog = UnitsDialog(bench, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(dialog.names().index(DROP))
    questions: list[str] = []

    def choose_keep(box) -> None:
        assert isinstance(box, QInputDialog)
        box.setTextValue(KEEP)
        box.accept()

        def confirm(question) -> None:
            assert isinstance(question, QMessageBox)
            questions.append(question.text())
            next(b for b in question.buttons() if b.text() == "确定").click()

        on_next_dialog(confirm)

    seen = on_next_dialog(choose_keep)
    dialog.merge()  # 合并到… through the real dialogs
    assert seen == ["QInputDialog"] and questions and "撤销" in questions[0]
    assert DROP not in dialog.names()
    assert leaf.attrs["units"] == f"{KEEP}、区发展改革局"
    after_cells = cell_texts(window)  # the table followed
    assert f"{DROP}、区发展改革局" not in after_cells and f"{KEEP}、区发展改革局" in after_cells
    copy_units = [t.attrs.get("units", "") for t in stored(workspace, copy_id).tasks()]
    assert f"{KEEP}、区发展改革局" in copy_units and f"{DROP}、区发展改革局" not in copy_units
    merged_units = units_rows(workspace)

    # the dialog's own 撤销 button (the window's actions cannot be reached while it is modal)
    assert dialog.undo_button.isEnabled()
    assert dialog.undo_button.text() == f"撤销 将单位“{DROP}”合并到“{KEEP}”"
    dialog.undo_button.click()
    assert units_rows(workspace) == before_units
    assert plan.to_dict(with_ids=True) == before_plan
    assert stored(workspace, plan.id).to_dict(with_ids=True) == before_plan
    assert stored(workspace, copy_id).to_dict(with_ids=True) == before_copy
    assert cell_texts(window) == before_cells
    assert DROP in dialog.names()  # the dialog was refreshed

    dialog.redo_button.click()
    assert units_rows(workspace) == merged_units
    assert leaf.attrs["units"] == f"{KEEP}、区发展改革局"
    assert DROP not in dialog.names()

    # the same step through the window's 撤销 (Ctrl+Z) once the dialog is closed
    dialog.accept()
    window.main_actions.undo.trigger()
    assert units_rows(workspace) == before_units and plan.to_dict(with_ids=True) == before_plan
    window.main_actions.redo.trigger()
    assert units_rows(workspace) == merged_units
