"""The three undo defects of issue 10, each driven through the window as the clerk would.

Each failed before the one undo path (the directory's "rename back", the plan list's "show the
first plan", the per-plan stacks) and passes with it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from desktop.core import operations as ops
from desktop.core.model import Plan
from desktop.core.unit_text import split_units
from desktop.gui.units.units_dialog import UnitsDialog
from tests.gui.driving import on_next_dialog

OLD, NEW = "区大数据服务中心", "区大数据局"


def type_text(text: str):
    def act(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(text)
        dialog.accept()

    return act


def units_dialog(qtbot, window) -> UnitsDialog:
    dialog = UnitsDialog(window.workbench, window)
    qtbot.addWidget(dialog)
    return dialog


def test_undoing_a_unit_rename_leaves_a_cell_that_already_held_the_new_name(qtbot, window) -> None:
    """Defect (a): a cell holding the new name as free text before the rename kept it after undo."""
    session = window.workbench.current
    plan = session.plan
    named = [leaf for leaf in plan.leaves() if OLD in split_units(leaf.attrs.get("units", ""))]
    free = next(leaf for leaf in plan.leaves() if leaf not in named)
    assert named and window.workbench.workspace.units().find(NEW) is None
    session.do(ops.SetAttr(free.id, "units", NEW))  # typed by hand: not (yet) a directory unit
    before = {leaf.id: leaf.attrs.get("units") for leaf in plan.leaves()}

    dialog = units_dialog(qtbot, window)
    dialog.table.selectRow(dialog.names().index(OLD))
    on_next_dialog(type_text(NEW))
    dialog.rename()
    assert all(NEW in leaf.attrs["units"] for leaf in named)

    window.main_actions.undo.trigger()
    assert {leaf.id: leaf.attrs.get("units") for leaf in plan.leaves()} == before
    assert plan[free.id].attrs["units"] == NEW  # it was the new name before the rename: it stays
    stored = window.workbench.workspace.load_plan(plan.id)
    assert {leaf.id: leaf.attrs.get("units") for leaf in stored.leaves()} == before
    assert window.workbench.workspace.units().find(OLD).name == OLD


def test_undoing_an_import_goes_back_to_the_plan_shown_before(qtbot, window) -> None:
    """Defect (b): undoing an import showed the bundled sample (the list's first plan)."""
    bench = window.workbench
    sample_id = bench.current.plan_id
    copy_id = bench.duplicate_plan(sample_id)
    window.open_plan(copy_id)
    imported = Plan("导入的计划")
    imported.insert_subtree(imported.ROOT_ID, 0, imported.make_task("第一项"))
    imported.take_journal()
    new_id = bench.add_plan(imported)  # what 导入 does once the preview is accepted
    assert bench.current.plan_id == new_id

    window.main_actions.undo.trigger()
    assert new_id not in [s.id for s in bench.summaries()]
    assert bench.current.plan_id == copy_id != sample_id  # where the clerk was, not the sample
    window.main_actions.redo.trigger()
    assert bench.current.plan_id == new_id


def test_undoing_a_plans_history_keeps_units_used_meanwhile(qtbot, window) -> None:
    """Defect (c): a unit added while plan A was shown and then used in plan B was removed by the
    next Ctrl+Z in A (directory steps sat on A's own stack)."""
    bench = window.workbench
    first = bench.current
    dialog = units_dialog(qtbot, window)
    on_next_dialog(type_text("区新设单位"))
    dialog.add()
    assert bench.workspace.units().find("区新设单位") is not None
    dialog.close()

    other_id = bench.duplicate_plan(first.plan_id)
    window.open_plan(other_id)
    other = bench.current
    leaf = other.plan.leaves()[0]
    other.do(ops.SetAttr(leaf.id, "units", "区新设单位"))
    window.open_plan(first.plan_id)

    window.main_actions.undo.trigger()  # the last thing done: the edit in the other plan
    assert bench.workspace.units().find("区新设单位") is not None
    assert bench.current is other and other.plan[leaf.id].attrs.get("units") != "区新设单位"
