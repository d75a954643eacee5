"""Plan list commands, switching plans (undo history kept), window state, background jobs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.core import operations as ops
from desktop.gui.common.workers import CancelToken, start_job
from desktop.gui.printing.export_print import export_work
from desktop.gui.shell.main_window import MainWindow
from tests.gui.driving import on_next_dialog


def test_new_duplicate_rename_archive_delete(qtbot, window) -> None:
    bench = window.workbench
    sample_id = bench.current.plan_id
    copy_id = bench.duplicate_plan(sample_id)
    titles = {s.id: s.title for s in bench.summaries()}
    assert titles[copy_id].endswith("（副本）")
    assert window.plan_list.list.topLevelItemCount() == 2

    window.open_plan(copy_id)
    window.plan_list.show_plans(bench.summaries(), copy_id)

    def rename(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("改名后的计划")
        dialog.accept()

    on_next_dialog(rename)
    window.commands.rename_plan()
    assert {s.id: s.title for s in bench.summaries()}[copy_id] == "改名后的计划"
    window.main_actions.undo.trigger()  # renaming is an undo step of that plan
    assert {s.id: s.title for s in bench.summaries()}[copy_id].endswith("（副本）")

    window.commands.toggle_archive()
    assert next(s for s in bench.summaries() if s.id == copy_id).archived
    assert window.plan_list.list.topLevelItemCount() == 1  # archived plans are hidden
    window.plan_list.show_archived.setChecked(True)
    assert window.plan_list.list.topLevelItemCount() == 2

    def confirm(dialog) -> None:
        assert isinstance(dialog, QMessageBox)
        dialog.buttons()[0].click()

    seen = on_next_dialog(confirm)
    window.commands.delete_plan()
    assert seen == ["QMessageBox"]
    assert [s.id for s in bench.summaries()] == [sample_id]
    assert bench.current.plan_id == sample_id  # the list's first plan is shown again


def test_ctrl_z_undoes_the_last_thing_done_wherever_and_goes_there(qtbot, window) -> None:
    """One undo stack: after switching plans, Ctrl+Z undoes the last thing done (wherever it was
    done) and brings the view to where it happened; the history survives switching plans."""
    bench = window.workbench
    first = bench.current
    leaf = first.plan.leaves()[0]
    first.do(ops.SetText(leaf.id, "在第一个计划中修改"))
    other_id = bench.new_plan("另一个计划")
    assert bench.current.plan_id == other_id
    other = bench.current
    other.do(ops.SetText(other.plan.leaves()[0].id, "新计划的第一行"))
    window.open_plan(first.plan_id)
    undo = window.main_actions.undo
    assert undo.text() == "撤销 修改内容"  # the edit in the other plan, the last thing done
    undo.trigger()
    assert bench.current is other  # the view went where it happened
    assert other.plan.leaves()[0].text == ""
    assert undo.text() == "撤销 新建计划“另一个计划”"
    undo.trigger()
    assert other_id not in [s.id for s in bench.summaries()]
    assert bench.current is first  # the plan shown when the new one was made
    undo.trigger()
    assert first.plan[leaf.id].text != "在第一个计划中修改"
    assert bench.workspace.load_plan(first.plan_id)[leaf.id].text == first.plan[leaf.id].text
    assert window.tree.current_task_id() == leaf.id


def test_window_state_is_remembered(qtbot, workspace, settings) -> None:
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    window.resize(700, 520)
    window.table.set_zoom(1.25)
    window.properties_dock.hide()
    window.close()
    again = MainWindow(workspace, settings)
    qtbot.addWidget(again)
    again.show()
    assert again.size().height() == 520
    assert abs(again.table.zoom - 1.25) < 1e-6 and not again.table.fit_width
    assert not again.properties_dock.isVisible()
    assert again.workbench.current.plan_id == window.workbench.current.plan_id


def test_export_job_writes_only_when_not_cancelled(qtbot, laiwu_plan, tmp_path: Path) -> None:
    target = tmp_path / "annex.xlsx"
    job = start_job(None, "导出", export_work(laiwu_plan, target))
    with qtbot.waitSignal(job.done, timeout=20000):
        pass
    assert target.stat().st_size > 1000

    cancelled = tmp_path / "cancelled.docx"
    token = CancelToken()
    token.cancel()
    work = export_work(laiwu_plan, cancelled)
    try:
        work(token)
    except Exception as error:
        assert type(error).__name__ == "Cancelled"
    assert not cancelled.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["annex.xlsx"]


def test_failed_job_reports_the_plain_sentence(qtbot, laiwu_plan, tmp_path: Path) -> None:
    job = start_job(None, "导出", export_work(laiwu_plan, tmp_path / "no-such-folder" / "x.docx"))
    with qtbot.waitSignal(job.failed, timeout=20000) as blocker:
        pass
    assert "不存在" in blocker.args[0] or "无法" in blocker.args[0]


def test_cancel_button_discards_the_result(qtbot) -> None:
    import threading

    release = threading.Event()

    def slow(token: CancelToken) -> str:
        release.wait(5)
        token.check()
        return "done"

    job = start_job(None, "慢", slow)
    qtbot.waitUntil(lambda: job.progress is not None and job.progress.isVisible(),
                    timeout=3000)  # shown after 200 ms
    from PySide6.QtWidgets import QPushButton

    assert job.progress is not None
    job.progress.findChild(QPushButton).click()  # 取消
    release.set()
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        pass


def test_plan_list_follows_row_counts_without_reading_the_workspace(qtbot, window) -> None:
    """Adding, deleting, indenting and undoing rows update the plan's line in the list with the
    row count the workspace reports (the list is not read again: plans_changed stays quiet)."""
    bench = window.workbench
    session = bench.current
    refreshed: list[bool] = []
    bench.plans_changed.connect(lambda: refreshed.append(True))

    def shown_count() -> str:
        listed = window.plan_list.list
        items = [listed.topLevelItem(r) for r in range(listed.topLevelItemCount())]
        return next(i.text(2) for i in items if i.data(0, Qt.ItemDataRole.UserRole) == session.plan_id)

    def stored_count() -> str:
        return str(next(s.leaf_count for s in bench.summaries() if s.id == session.plan_id))

    leaf = session.plan.leaves()[3]
    edits = [ops.make_add_sibling(session.plan, leaf.id, "新的一行"), ops.make_delete(session.plan, leaf.id)]
    for op in edits:
        session.do(op)
        assert shown_count() == stored_count() == str(session.leaf_count())  # (a filtered table's count)
    category = session.plan.root.children[0].children[0]
    session.do(ops.make_delete(session.plan, category.id))
    assert shown_count() == stored_count()
    while session.stack.canUndo():
        session.stack.undo()
        assert shown_count() == stored_count()
    assert not refreshed
