"""Several tasks selected in the outline (Ctrl/Shift-click): dragging them with real drop events, the
keyboard's indent/outdent/move/delete, cut/copy/paste — each one undo step — while a single
selection behaves as before and the properties panel shows every selected task."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from desktop.core.model import Plan
from tests.gui.driving import drop_on, on_next_dialog

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def outline(plan: Plan) -> list:
    def node(task) -> tuple:
        return (task.text, [node(child) for child in task.children]) if task.children else task.text

    return [node(child) for child in plan.root.children]


START = [("一", ["a", "b", "c", "d"]), ("二", ["e"]), "三"]


def open_sample(window) -> tuple:
    """A plan 一 (a b c d), 二 (e), 三, shown with every row visible and the tree focused."""
    plan = Plan("多选测试")
    for top, children in (("一", "abcd"), ("二", "e"), ("三", "")):
        task = plan.make_task(top)
        plan.insert_subtree(plan.ROOT_ID, len(plan.root.children), task)
        for n, text in enumerate(children):
            plan.insert_subtree(task.id, n, plan.make_task(text))
    plan.take_journal()
    window.workbench.add_plan(plan)
    session = window.workbench.current
    window.tree.expandAll()
    window.tree.setFocus()
    assert outline(session.plan) == START
    return session, session.plan


def task(plan: Plan, text: str) -> int:
    return next(t.id for t in plan.tasks() if t.text == text)


def click(qtbot, window, plan: Plan, text: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    tree = window.tree
    rect = tree.visualRect(window.tree_model.index_of(task(plan, text)))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def selected(window, plan: Plan) -> list[str]:
    order = {t.id: n for n, t in enumerate(plan.tasks())}
    return [plan[i].text for i in sorted(window.tree.selected_task_ids(), key=order.__getitem__)]


def test_ctrl_and_shift_click_select_several_rows(qtbot, window) -> None:
    _session, plan = open_sample(window)
    click(qtbot, window, plan, "b")
    click(qtbot, window, plan, "d", CTRL)
    assert selected(window, plan) == ["b", "d"]
    assert window.tree.current_task_id() == task(plan, "d")
    # the properties panel edits both (issue 14), the table follows the current task
    assert window.properties.task_ids == [task(plan, "b"), task(plan, "d")]
    assert window.table.current_task_id() == task(plan, "d")
    click(qtbot, window, plan, "二", SHIFT)
    assert selected(window, plan) == ["b", "d", "二"]  # Shift extends from the anchor (d) to 二


def test_dragging_several_tasks_is_one_step_with_real_drop_events(qtbot, window) -> None:
    session, plan = open_sample(window)
    tree, model = window.tree, window.tree_model
    click(qtbot, window, plan, "d")
    click(qtbot, window, plan, "b", CTRL)  # selected out of order: they travel in outline order
    count = session.stack.count()
    mime = model.mimeData(tree.selectionModel().selectedIndexes())  # what the view's drag carries
    target = tree.visualRect(model.index_of(task(plan, "二"))).center()
    assert drop_on(tree.viewport(), target, mime)  # onto 二: its last children
    assert outline(plan) == [("一", ["a", "c"]), ("二", ["e", "b", "d"]), "三"]
    assert session.stack.count() == count + 1
    assert selected(window, plan) == ["b", "d"]  # still selected after the drop
    assert window.main_actions.undo.text() == "撤销 移动任务"

    # c and 三 dropped just above a (the upper edge of a's row)
    click(qtbot, window, plan, "c")
    click(qtbot, window, plan, "三", CTRL)
    mime = model.mimeData(tree.selectionModel().selectedIndexes())
    rect = tree.visualRect(model.index_of(task(plan, "a")))
    assert drop_on(tree.viewport(), QPoint(rect.center().x(), rect.top() + 1), mime)
    assert outline(plan) == [("一", ["c", "三", "a"]), ("二", ["e", "b", "d"])]
    assert session.stack.count() == count + 2

    window.main_actions.undo.trigger()
    window.main_actions.undo.trigger()
    assert outline(plan) == START
    assert window.workbench.workspace.load_plan(plan.id).to_dict(with_ids=True) == plan.to_dict(with_ids=True)
    window.main_actions.redo.trigger()
    assert outline(plan) == [("一", ["a", "c"]), ("二", ["e", "b", "d"]), "三"]
    assert window.tree_model.rowCount() == 3  # the tree model followed every step


def test_dragging_several_tasks_onto_another_plan_copies_them(qtbot, window) -> None:
    _session, plan = open_sample(window)
    other_id = window.workbench.duplicate_plan(plan.id)
    window.refresh_plan_list()
    click(qtbot, window, plan, "e")
    click(qtbot, window, plan, "a", CTRL)
    mime = window.tree_model.mimeData(window.tree.selectionModel().selectedIndexes())
    plans = window.plan_list.list
    item = next(plans.topLevelItem(i) for i in range(plans.topLevelItemCount())
                if plans.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == other_id)
    assert drop_on(plans.viewport(), plans.visualItemRect(item).center(), mime, Qt.DropAction.CopyAction)
    other = window.workbench.session_for(other_id).plan
    assert outline(other) == [*START, "a", "e"]  # appended in outline order, one step
    assert outline(plan) == START
    assert window.main_actions.undo.text() == "撤销 复制到其他计划"  # one step
    window.main_actions.undo.trigger()
    assert outline(other) == START


def test_keyboard_actions_on_several_tasks_are_one_step_each(qtbot, window) -> None:
    session, plan = open_sample(window)
    tree = window.tree
    click(qtbot, window, plan, "b")
    click(qtbot, window, plan, "c", SHIFT)
    count = session.stack.count()
    qtbot.keyClick(tree, Qt.Key.Key_Tab)
    assert outline(plan) == [("一", [("a", ["b", "c"]), "d"]), ("二", ["e"]), "三"]
    assert selected(window, plan) == ["b", "c"] and session.stack.count() == count + 1
    qtbot.keyClick(tree, Qt.Key.Key_Backtab, SHIFT)
    assert outline(plan) == START and session.stack.count() == count + 2
    qtbot.keyClick(tree, Qt.Key.Key_Down, CTRL)
    assert outline(plan) == [("一", ["a", "d", "b", "c"]), ("二", ["e"]), "三"]
    assert selected(window, plan) == ["b", "c"]
    qtbot.keyClick(tree, Qt.Key.Key_Up, CTRL)
    assert outline(plan) == START and session.stack.count() == count + 4

    # Delete: the selection has no sub-tasks, so no question; one step
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert outline(plan) == [("一", ["a", "d"]), ("二", ["e"]), "三"]
    assert window.tree.current_task_id() == task(plan, "d")  # the row after the deleted ones
    window.main_actions.undo.trigger()
    assert outline(plan) == START

    # a selection with sub-tasks asks first
    click(qtbot, window, plan, "二")
    click(qtbot, window, plan, "d", CTRL)
    asked: list[str] = []

    def confirm(box) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "确定").click()

    on_next_dialog(confirm)
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert asked and "2 项任务" in asked[0] and "1 项下级任务" in asked[0]
    assert outline(plan) == [("一", ["a", "b", "c"]), "三"]
    window.main_actions.undo.trigger()
    assert outline(plan) == START
    assert window.workbench.workspace.load_plan(plan.id).to_dict(with_ids=True) == plan.to_dict(with_ids=True)


def test_cut_copy_paste_several_tasks(qtbot, window) -> None:
    session, plan = open_sample(window)
    click(qtbot, window, plan, "c")
    click(qtbot, window, plan, "a", CTRL)
    window.commands.copy()
    assert QGuiApplication.clipboard().text().splitlines() == ["a", "c"]  # outline order, for other programs
    click(qtbot, window, plan, "e")
    count = session.stack.count()
    window.commands.paste()  # after e
    assert outline(plan) == [("一", ["a", "b", "c", "d"]), ("二", ["e", "a", "c"]), "三"]
    assert session.stack.count() == count + 1

    click(qtbot, window, plan, "b")
    click(qtbot, window, plan, "d", CTRL)
    window.commands.cut()
    assert outline(plan) == [("一", ["a", "c"]), ("二", ["e", "a", "c"]), "三"]
    assert window.main_actions.undo.text() == "撤销 剪切"
    click(qtbot, window, plan, "三")
    window.commands.paste()
    assert outline(plan) == [("一", ["a", "c"]), ("二", ["e", "a", "c"]), "三", "b", "d"]
    assert session.stack.count() == count + 3


def test_a_single_selection_keeps_the_keyboard_behaviour(qtbot, window) -> None:
    _session, plan = open_sample(window)
    tree = window.tree
    click(qtbot, window, plan, "c")
    qtbot.keyClick(tree, Qt.Key.Key_Up, CTRL)  # Ctrl+↑ moves the current task …
    assert outline(plan) == [("一", ["a", "c", "b", "d"]), ("二", ["e"]), "三"]
    assert selected(window, plan) == ["c"]  # … and it stays the one selected row (not toggled by Ctrl)
    qtbot.keyClick(tree, Qt.Key.Key_Tab)
    assert outline(plan) == [("一", [("a", ["c"]), "b", "d"]), ("二", ["e"]), "三"]
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # a plain arrow moves the selection
    assert selected(window, plan) == ["b"] and tree.current_task_id() == task(plan, "b")
    qtbot.keyClick(tree, Qt.Key.Key_Down, SHIFT)  # Shift+↓ extends it
    assert selected(window, plan) == ["b", "d"]
