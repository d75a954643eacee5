"""Find and filter, the properties panel, the clipboard, and the table's own cell editing."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from desktop.core import operations as ops
from desktop.gui.outline import clipboard_ops
from desktop.gui.outline.tree_filter import matching_ids, with_ancestors


def visible_task_ids(window) -> set[int]:
    model, tree = window.tree_model, window.tree
    shown = set()
    for task in model.plan.tasks():
        index = model.index_of(task.id)
        if not tree.isRowHidden(index.row(), index.parent()):
            shown.add(task.id)
    return shown


def test_filter_by_unit_keeps_ancestors(qtbot, window) -> None:
    plan = window.workbench.current.plan
    window.commands.find()
    bar = window.tree_panel.find_bar
    assert bar.isVisible()
    bar.field.setCurrentIndex(bar.field.findData("units"))
    bar.filter.setChecked(True)
    bar.edit.setText("区财政局")
    qtbot.waitUntil(lambda: bool(window.tree_panel._matches), timeout=2000)
    matches = matching_ids(plan, "区财政局", "units")
    assert matches and all("区财政局" in plan[m].effective("units") for m in matches)
    shown = visible_task_ids(window)
    assert set(matches) <= shown
    for task_id in shown:  # every shown row is a match or an ancestor of one
        assert task_id in with_ancestors(plan, matches)
    assert len(shown) < sum(1 for _ in plan.tasks())
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert window.tree.current_task_id() in matches
    qtbot.keyClick(bar, Qt.Key.Key_Escape)
    assert len(visible_task_ids(window)) == sum(1 for _ in plan.tasks())


def test_find_by_deadline_and_text(qtbot, window) -> None:
    plan = window.workbench.current.plan
    assert matching_ids(plan, "12月底前", "deadline")
    assert matching_ids(plan, "依申请", "text")
    assert not matching_ids(plan, "依申请", "deadline")
    assert matching_ids(plan, "  区 财政局 ", "all") == matching_ids(plan, "区财政局", "all")


def test_properties_show_where_values_come_from(qtbot, window) -> None:
    plan = window.workbench.current.plan
    leaf = next(t for t in plan.leaves() if t.source_of("deadline") is not t)
    window.tree.select_task(leaf.id)
    rows = window.properties.rows
    assert rows["deadline"].current_text() == leaf.effective("deadline")
    assert rows["deadline"].source.text().startswith("继承自")
    rows["deadline"].set_text("长期坚持")
    assert leaf.attrs["deadline"] == "长期坚持"
    assert rows["deadline"].source.text() == "本项设置"
    rows["deadline"].cleared.emit()
    assert "deadline" not in leaf.attrs
    rows["units"].box.setFocus()
    rows["units"].box.setPlainText("区政府办公室、区财政局")
    qtbot.keyClick(rows["units"].box, Qt.Key.Key_Return)
    assert leaf.attrs["units"] == "区政府办公室、区财政局"
    window.properties.text.setPlainText("属性面板里改的内容")
    window.properties._commit_text()
    assert leaf.text == "属性面板里改的内容"
    assert window.table_model.grid.cells[window.table_model.grid.cells.index(
        next(c for c in window.table_model.grid.cells if c.task_id == leaf.id and c.role == "requirement"))
    ].text == "属性面板里改的内容"


def test_multi_row_edit_is_one_undo_step(qtbot, window) -> None:
    session = window.workbench.current
    plan = session.plan
    leaves = plan.leaves()[:3]
    window.properties.show_tasks(session, [t.id for t in leaves])
    assert window.properties.heading.text().startswith("已选 3 项")
    before = session.stack.count()
    window.properties._set_attr("note", "三行一起改")
    assert session.stack.count() == before + 1
    assert all(t.effective("note") == "三行一起改" for t in leaves)
    session.stack.undo()
    assert all(t.effective("note") == "" for t in leaves)


def test_table_cell_edits_go_through_operations(qtbot, window) -> None:
    session = window.workbench.current
    plan = session.plan
    grid = window.table_model.grid
    model = window.table.model()
    category = next(c for c in grid.cells if c.role == "category" and c.level == 1)
    edited = category.text.replace("信息公开", "政务公开")
    assert model.setData(model.index(category.row, category.col), edited)
    assert plan[category.task_id].text.endswith("政务公开")
    assert not plan[category.task_id].text.startswith("一、")  # the number is not stored
    units = next(c for c in window.table_model.grid.cells if c.role == "attribute" and c.attr == "units")
    assert model.setData(model.index(units.row, units.col), "区财政局")
    rows = window.table_model.grid.row_task_ids[units.row:units.row + units.rowspan]
    assert all(plan[r].effective("units") == "区财政局" for r in rows)
    session.stack.undo()
    session.stack.undo()
    assert plan[category.task_id].text.endswith("信息公开")


def test_copy_paste_subtree_within_and_between_plans(qtbot, window) -> None:
    bench = window.workbench
    plan = bench.current.plan
    category = plan.root.children[1]
    size = sum(1 for _ in category.walk())
    window.tree.select_task(category.id)
    window.commands.copy()
    assert "（" in QGuiApplication.clipboard().text() or "二、" in QGuiApplication.clipboard().text()
    window.commands.paste()
    assert plan.root.children[2].text == category.text
    assert sum(1 for _ in plan.root.children[2].walk()) == size
    other = bench.new_plan("粘贴目标")
    window.tree.select_task(bench.current.plan.root.children[0].id)
    window.commands.paste()
    assert len(bench.current.plan.root.children) == 1  # the new plan's blank row gave way
    pasted = bench.current.plan.root.children[0]
    assert pasted.text == category.text
    # effective values travel with the copy
    deadlines = [t.effective("deadline") for t in category.leaves()]
    assert [t.effective("deadline") for t in pasted.leaves()] == deadlines
    assert bench.current.plan_id == other


def test_cut_is_one_undoable_step(qtbot, window) -> None:
    session = window.workbench.current
    plan = session.plan
    first = plan.root.children[0]
    window.tree.select_task(first.id)
    window.commands.cut()
    assert first.id not in plan
    session.stack.undo()
    assert plan.root.children[0].id == first.id


def test_paste_a_table_from_word(qtbot, window) -> None:
    plan = window.workbench.current.plan
    html = ("<table><tr><td>工作任务</td><td>具体要求</td><td>责任单位</td></tr>"
            "<tr><td rowspan='2'>一、新增类别</td><td>粘贴的要求一</td><td>区财政局</td></tr>"
            "<tr><td>粘贴的要求二</td><td>区教育和体育局</td></tr></table>")
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText("工作任务\t具体要求\t责任单位")
    QGuiApplication.clipboard().setMimeData(mime)
    window.tree.select_task(plan.root.children[-1].id)
    count = window.workbench.current.stack.count()
    assert clipboard_ops.paste(window.editor)
    assert window.workbench.current.stack.count() == count + 1
    added = plan.root.children[-1]
    assert added.text == "新增类别"
    assert [t.text for t in added.children] == ["粘贴的要求一", "粘贴的要求二"]
    assert added.children[1].effective("units") == "区教育和体育局"


def test_delete_asks_before_removing_a_subtree(qtbot, window) -> None:
    plan = window.workbench.current.plan
    answers = []
    window.editor.confirm = lambda title, text: answers.append(text) or False
    category = plan.root.children[0]
    window.tree.select_task(category.id)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert answers and category.id in plan
    window.editor.confirm = lambda title, text: True
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert category.id not in plan
    leaf = plan.leaves()[0]
    window.editor.confirm = lambda title, text: answers.append("again") or False
    window.tree.select_task(leaf.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)  # a single requirement goes without a question
    assert leaf.id not in plan and answers[-1] != "again"
    _ = ops
