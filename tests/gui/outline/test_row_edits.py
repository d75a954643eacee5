"""Merging rows, splitting a row, filling cells and the context menus, on the real window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMenu

from desktop.core import operations as ops
from desktop.gui.common.text_editor import CellTextEdit
from desktop.gui.outline.merge_dialog import MergeDialog
from tests.gui.driving import on_next_dialog
from tests.gui.outline.test_multi_select import CTRL, SHIFT, START, click, open_sample, outline, task

CTRL_SHIFT = CTRL | SHIFT


def test_merge_two_rows_with_the_keyboard_is_one_step(qtbot, window) -> None:
    session, plan = open_sample(window)
    click(qtbot, window, plan, "a")
    click(qtbot, window, plan, "b", CTRL)
    depth = session.stack.index()
    qtbot.keyClick(window.tree, Qt.Key.Key_M, CTRL_SHIFT)
    assert outline(plan) == [("一", ["a。b", "c", "d"]), ("二", ["e"]), "三"]
    assert session.stack.index() == depth + 1
    assert window.tree.current_task_id() == task(plan, "a。b")
    assert window.main_actions.undo.text() == "撤销 合并为一行"
    session.stack.undo()
    assert outline(plan) == START


def test_merge_asks_which_units_to_keep(qtbot, window) -> None:
    session, plan = open_sample(window)
    session.do(ops.SetAttr(task(plan, "a"), "units", "区财政局"))
    session.do(ops.SetAttr(task(plan, "c"), "units", "区审计局"))
    click(qtbot, window, plan, "a")
    click(qtbot, window, plan, "c", CTRL)

    def choose(dialog) -> None:
        assert isinstance(dialog, MergeDialog)
        box = dialog.findChild(QComboBox)
        box.setCurrentIndex(box.findText("区财政局、区审计局"))
        dialog.accept()

    seen = on_next_dialog(choose)
    window.main_actions.tree.merge.trigger()
    assert seen == ["MergeDialog"]
    merged = plan[task(plan, "a。c")]
    assert merged.attrs["units"] == "区财政局、区审计局"
    assert outline(plan)[0] == ("一", ["a。c", "b", "d"])

    seen = on_next_dialog(lambda dialog: dialog.reject())  # cancelling changes nothing
    click(qtbot, window, plan, "a。c")
    click(qtbot, window, plan, "二", CTRL)
    window.main_actions.tree.merge.trigger()
    assert seen == ["MergeDialog"]
    assert outline(plan)[0] == ("一", ["a。c", "b", "d"])


def test_split_into_sentences_and_at_the_cursor(qtbot, window) -> None:
    session, plan = open_sample(window)
    a = task(plan, "a")
    session.do(ops.SetText(a, "一是推进标准化。二是加强解读。"))
    window.tree.select_task(a)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_K, CTRL_SHIFT)
    assert outline(plan)[0] == ("一", ["一是推进标准化。", "二是加强解读。", "b", "c", "d"])

    # F2, cursor after 一是推进, Ctrl+Shift+Enter: the row splits there, the editor's text is used
    window.tree.select_task(a)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), CellTextEdit), timeout=3000)
    editor = QApplication.focusWidget()
    cursor = editor.textCursor()
    cursor.setPosition(4)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL_SHIFT)
    assert outline(plan)[0] == ("一", ["一是推进", "标准化。", "二是加强解读。", "b", "c", "d"])
    assert window.tree.current_task_id() == task(plan, "标准化。")
    session.stack.undo()
    session.stack.undo()
    assert outline(plan)[0] == ("一", ["一是推进标准化。二是加强解读。", "b", "c", "d"])


def _select_cells(table, cells) -> None:
    model = table.model()
    selection = QItemSelection()
    for cell in cells:
        index = model.index(cell.row, cell.col)
        selection.select(index, index)
    first = model.index(cells[0].row, cells[0].col)
    table.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_fill_down_deadlines_in_the_table(qtbot, window) -> None:
    session, plan = open_sample(window)
    session.do(ops.SetAttr(task(plan, "a"), "deadline", "2025年6月底前"))
    session.do(ops.SetAttr(task(plan, "c"), "deadline", "年底前"))
    grid = window.table.grid_model().grid
    rows = {t: grid.row_task_ids.index(task(plan, t)) for t in "abcd"}
    cells = sorted({grid.cell_at(rows[t], grid.n_cols - 1) for t in "abcd"}, key=lambda c: c.row)
    assert all(c.attr == "deadline" for c in cells)
    _select_cells(window.table, cells)
    window.table.setFocus()
    depth = session.stack.index()
    qtbot.keyClick(window.table, Qt.Key.Key_D, CTRL)
    assert [plan[task(plan, t)].effective("deadline") for t in "abcd"] == ["2025年6月底前"] * 4
    assert session.stack.index() == depth + 1
    session.stack.undo()
    assert plan[task(plan, "c")].effective("deadline") == "年底前"


def when_menu_opens(action: Callable[[QMenu], None]) -> list[list[str]]:
    """Run ``action`` on the next popup menu; returns its entries' texts once seen."""
    seen: list[list[str]] = []

    def poll() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu) and popup.isVisible():
            seen.append([a.text() for a in popup.actions() if not a.isSeparator()])
            action(popup)
            return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return seen


def test_context_menus_offer_the_commands_that_apply(qtbot, window) -> None:
    _session, plan = open_sample(window)
    tree = window.tree
    point = tree.visualRect(window.tree_model.index_of(task(plan, "b"))).center()
    seen = when_menu_opens(lambda menu: menu.close())
    tree.customContextMenuRequested.emit(point)
    assert seen and {"合并为一行", "按句拆分", "新建同级任务", "粘贴", "删除任务"} <= set(seen[0])
    assert tree.current_task_id() == task(plan, "b")  # the row clicked became current

    table = window.table
    seen = when_menu_opens(lambda menu: menu.close())
    table.customContextMenuRequested.emit(QPoint(20, 20))
    assert seen and {"向下填充", "应用到所选行", "合并为一行"} <= set(seen[0])


