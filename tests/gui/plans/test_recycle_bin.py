"""Deleting a plan is an undo step (to the recycle bin); the 回收站 dialog restores or purges; plan-list
actions (new, duplicate, archive) are steps of the app's one undo stack like any edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core import operations as ops
from desktop.gui.plans.recycle_bin_dialog import RecycleBinDialog
from tests.gui.driving import on_next_dialog

USER = Qt.ItemDataRole.UserRole


def listed(window) -> list[int]:
    items = [window.plan_list.list.topLevelItem(i) for i in range(window.plan_list.list.topLevelItemCount())]
    return [int(item.data(0, USER)) for item in items]


def answer(button_text: str, texts: list[str]):
    def act(dialog) -> None:
        assert isinstance(dialog, QMessageBox)
        texts.append(dialog.text())
        next(b for b in dialog.buttons() if b.text() == button_text).click()

    return act


def test_deleting_a_plan_is_undone_with_its_own_history(qtbot, window) -> None:
    bench, workspace = window.workbench, window.workbench.workspace
    sample = bench.current
    leaf = sample.plan.leaves()[0]
    sample.do(ops.SetText(leaf.id, "删除前的修改"))
    other = bench.duplicate_plan(sample.plan_id)
    window.open_plan(sample.plan_id)

    texts: list[str] = []
    seen = on_next_dialog(answer("确定", texts))
    window.commands.delete_plan()
    assert seen == ["QMessageBox"] and "回收站" in texts[0] and "撤销" in texts[0]
    assert [s.id for s in workspace.list_plans()] == [other]
    assert [s.id for s in workspace.deleted_plans()] == [sample.plan_id]
    assert listed(window) == [other] and bench.current.plan_id == other  # the list's first plan is shown
    assert window.main_actions.undo.text() == f"撤销 删除计划“{sample.plan.title}”"

    window.main_actions.undo.trigger()
    assert [s.id for s in workspace.list_plans()] == [sample.plan_id, other]
    assert workspace.deleted_plans() == []
    assert bench.current is sample and listed(window) == [sample.plan_id, other]  # shown again
    assert window.tree_model.plan is sample.plan
    assert window.main_actions.redo.text() == f"重做 删除计划“{sample.plan.title}”"

    window.main_actions.redo.trigger()
    assert [s.id for s in workspace.list_plans()] == [other] and bench.current.plan_id == other
    window.main_actions.undo.trigger()
    # the plan came back with its history: the edit made before deleting can be undone, in turn
    sample.do(ops.SetText(leaf.id, "恢复后的修改"))
    assert window.main_actions.undo.text() == "撤销 修改内容"
    window.main_actions.undo.trigger()
    assert window.main_actions.undo.text() == "撤销 复制计划"  # the last thing done before it
    window.main_actions.undo.trigger()
    assert [s.id for s in workspace.list_plans()] == [sample.plan_id] and bench.current is sample
    window.main_actions.undo.trigger()
    assert sample.plan[leaf.id].text != "删除前的修改"
    assert workspace.load_plan(sample.plan_id)[leaf.id].text == sample.plan[leaf.id].text
    assert window.tree.current_task_id() == leaf.id  # the view went to the row it happened in


def test_the_recycle_bin_restores_and_purges(qtbot, window) -> None:
    bench, workspace = window.workbench, window.workbench.workspace
    sample_id = bench.current.plan_id
    copy_id = bench.duplicate_plan(sample_id)
    bench.delete_plan(copy_id)
    bench.delete_plan(sample_id)
    assert bench.current is None and listed(window) == []
    assert window.counts.text() == "没有打开的计划"

    seen = on_next_dialog(lambda dialog: dialog.reject())
    window.main_actions.recycle_bin.trigger()  # 计划 → 回收站…
    assert seen == ["RecycleBinDialog"]

    dialog = RecycleBinDialog(bench, window)
    qtbot.addWidget(dialog)
    dialog.show()
    items = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    assert {item.text(0) for item in items} == {s.title for s in workspace.deleted_plans()}
    assert all(item.text(2) == "59" and item.text(3) for item in items)
    assert not dialog.empty.isVisible()

    # 恢复: back in the list and shown, as an undo step
    dialog.list.setCurrentItem(next(item for item in items if int(item.data(0, USER)) == sample_id))
    assert dialog.restore()
    assert listed(window) == [sample_id] and bench.current.plan_id == sample_id
    assert dialog.list.topLevelItemCount() == 1  # the dialog follows
    assert window.main_actions.undo.text().startswith("撤销 恢复计划")
    window.main_actions.undo.trigger()
    assert listed(window) == [] and dialog.list.topLevelItemCount() == 2
    window.main_actions.redo.trigger()
    assert listed(window) == [sample_id]

    # 彻底删除: asks, says it cannot be undone, and really deletes
    dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
    assert dialog.selected_id() == copy_id
    texts: list[str] = []
    on_next_dialog(answer("取消", texts))
    assert not dialog.purge()
    assert "不能撤销" in texts[0] and [s.id for s in workspace.deleted_plans()] == [copy_id]
    on_next_dialog(answer("彻底删除", texts))
    assert dialog.purge()
    assert workspace.deleted_plans() == [] and dialog.list.topLevelItemCount() == 0
    assert dialog.empty.isVisible() and not dialog.purge_button.isEnabled()
    tasks = workspace.db.conn.execute("SELECT count(*) FROM tasks WHERE plan_id = ?", (copy_id,)).fetchone()
    assert tasks == (0,)

    # steps that refer to the purged plan fail plainly and drop out of the undo stack
    stack = bench.stack
    failures: list[str] = []
    bench.failed.connect(failures.append)
    stack.undo()  # the restore of the sample: binned again
    stack.undo()  # its deletion: restored
    shown: list[str] = []
    for _ in range(2):  # the copy's deletion and creation: both fail, each with an error dialog
        on_next_dialog(answer("知道了", shown))
        stack.undo()
    assert not stack.canUndo()
    assert len([text for text in failures if "彻底删除" in text]) == 2  # restoring and binning the copy
    assert len(shown) == 2 and all("彻底删除" in text for text in shown)
    assert listed(window) == [sample_id] and stack.count() == 2
    assert copy_id not in [s.id for s in workspace.list_plans() + workspace.deleted_plans()]


def test_new_duplicate_and_archive_are_plan_list_undo_steps(qtbot, window) -> None:
    bench, workspace = window.workbench, window.workbench.workspace
    sample_id = bench.current.plan_id
    new_id = bench.new_plan("新的计划")
    assert window.main_actions.undo.text() == "撤销 新建计划“新的计划”"
    window.main_actions.undo.trigger()  # undoing "new" moves the plan to the bin: nothing is destroyed
    assert [s.id for s in workspace.list_plans()] == [sample_id]
    assert [s.id for s in workspace.deleted_plans()] == [new_id]
    assert bench.current.plan_id == sample_id
    window.main_actions.redo.trigger()
    assert bench.current.plan_id == new_id and workspace.deleted_plans() == []

    copy_id = bench.duplicate_plan(sample_id)
    assert window.main_actions.undo.text() == "撤销 复制计划"
    window.main_actions.undo.trigger()
    assert copy_id not in [s.id for s in workspace.list_plans()]

    bench.set_archived(sample_id, True)
    assert next(s for s in workspace.list_plans() if s.id == sample_id).archived
    assert window.main_actions.undo.text().startswith("撤销 归档")
    window.main_actions.undo.trigger()
    assert not next(s for s in workspace.list_plans() if s.id == sample_id).archived

    # an edit of the shown plan is the next step of the same stack
    session = bench.current
    session.do(ops.SetField("title", "改过的标题"))
    assert window.main_actions.undo.text() == "撤销 修改计划信息"
    assert not window.main_actions.redo.isEnabled()  # a new step ends the redo history
    # the plan list's context menu reaches the same undo and redo
    assert {window.main_actions.undo, window.main_actions.redo} <= set(window.plan_list.list.actions())
    window.main_actions.undo.trigger()
    assert session.plan.title != "改过的标题"
