"""The smaller defects of issue 14 (item 6), each on the real window.

Pasting into a new plan replaces its blank starter row; a new plan gets its year; the window title
says the plan once; at 1366×768 and below the tree keeps its width and the find box is usable; the
plan list shows whole titles; a drag shows where the row will land; presets read differently and
switching to one that leaves values unprinted asks first.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.gui.shell.main_window import TREE_MIN_WIDTH
from tests.gui.driving import drop_on, on_next_dialog


def test_paste_into_a_new_plan_drops_the_blank_starter_row(qtbot, window) -> None:
    bench = window.workbench
    bench.new_plan("2025年某区重点工作任务分解")
    session = bench.current
    plan = session.plan
    assert len(plan.root.children) == 1 and plan.root.children[0].text == ""
    window.tree.setFocus()
    QGuiApplication.clipboard().setText("一、优化营商环境\n1. 推进政务服务标准化。\n2. 推行一网通办。")
    depth = session.stack.index()
    window.main_actions.paste.trigger()
    assert [t.text for t in plan.root.children] == ["优化营商环境"]
    assert len(plan.root.children[0].children) == 2
    assert session.stack.index() == depth + 1
    session.stack.undo()
    assert [t.text for t in plan.root.children] == [""]


def test_new_plan_gets_its_year(window) -> None:
    bench = window.workbench
    bench.new_plan("2025年某区重点工作任务分解")
    assert bench.current.plan.fields["year"] == 2025
    bench.new_plan("新建任务分解表")
    assert bench.current.plan.fields["year"] == date.today().year


def test_window_title_names_the_plan_once(window) -> None:
    title = window.windowTitle()
    assert title == window.workbench.current.plan.title
    assert "Fenjie" not in title  # Qt adds the application's name itself
    assert QApplication.applicationDisplayName() not in title


def test_small_screens_keep_the_tree_and_the_find_box(qtbot, window) -> None:
    window.commands.find()
    for width, height in ((1366, 768), (1280, 720), (1024, 700)):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w, timeout=3000)
        QApplication.processEvents()
        assert window.tree_panel.width() >= TREE_MIN_WIDTH, (width, window.tree_panel.width())
        edit = window.tree_panel.find_bar.edit
        assert edit.width() >= 150, (width, edit.width())


def test_plan_titles_wrap_instead_of_being_cut(qtbot, window) -> None:
    window.resize(1366, 768)
    window.resizeDocks([window.plan_dock], [190], Qt.Orientation.Horizontal)
    plans = window.plan_list.list
    item = plans.topLevelItem(0)
    title = item.text(0)
    assert len(title) > 15
    qtbot.waitUntil(lambda: plans.visualItemRect(item).height() > plans.fontMetrics().height() * 1.5,
                    timeout=3000)
    rect = plans.visualItemRect(item)
    width = plans.columnWidth(0) - 8
    lines = rect.height() // plans.fontMetrics().lineSpacing()
    assert lines * width >= plans.fontMetrics().horizontalAdvance(title)


def _drag_over(widget, point: QPoint, mime: QMimeData) -> None:
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(widget, QDragEnterEvent(point, actions, mime, buttons, mods))
    QApplication.sendEvent(widget, QDragMoveEvent(point, actions, mime, buttons, mods))


def _has_colour(image, colour: QColor) -> bool:
    target = colour.rgb() & 0xFFFFFF
    return any(image.pixel(x, y) & 0xFFFFFF == target
               for y in range(0, image.height(), 1) for x in range(0, image.width(), 4))


def test_a_drag_shows_where_the_row_will_land(qtbot, window) -> None:
    plan = window.workbench.current.plan
    tree, model = window.tree, window.tree_model
    first, second = plan.root.children[0], plan.root.children[1]
    tree.collapseAll()
    mime = model.mimeData([model.index_of(second.id)])
    rect = tree.visualRect(model.index_of(first.id))
    _drag_over(tree.viewport(), rect.center(), mime)
    assert tree.drop_hint_text().startswith("作为“") and tree.drop_hint_text().endswith("的下级")
    assert _has_colour(tree.viewport().grab().toImage(), QColor("#1565C0"))
    _drag_over(tree.viewport(), QPoint(rect.center().x(), rect.top() + 1), mime)
    assert tree.drop_hint_text().endswith("之前（同级）")
    assert drop_on(tree.viewport(), QPoint(rect.center().x(), rect.top() + 1), mime)
    assert tree.drop_hint_text() == ""
    assert plan.root.children[0].id == second.id  # landed where the hint said


def test_presets_read_differently_and_a_lossy_switch_asks(qtbot, window) -> None:
    combo = window.table_panel.preset
    texts = [combo.itemText(n) for n in range(combo.count())]
    assert len(set(texts)) == len(texts)
    session = window.workbench.current
    plan = session.plan
    assert any(t.attrs.get("deadline") for t in plan.tasks())
    shizhong = combo.findData("shizhong2020")

    def decline(dialog) -> None:
        assert isinstance(dialog, QMessageBox)
        assert "完成时限" in dialog.text() and "不打印" in dialog.text()
        next(b for b in dialog.buttons() if b.text() == "取消").click()

    seen = on_next_dialog(decline)
    combo.activated.emit(shizhong)
    assert seen == ["QMessageBox"]
    assert plan.fields["style"]["name"] == "laiwu2024"
    assert combo.currentData() == "laiwu2024"

    seen = on_next_dialog(lambda d: next(b for b in d.buttons() if b.text() == "确定").click())
    combo.activated.emit(shizhong)
    assert seen == ["QMessageBox"]
    assert plan.fields["style"]["name"] == "shizhong2020"

