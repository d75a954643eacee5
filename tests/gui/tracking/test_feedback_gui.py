"""Feedback through the window: units' files out, returned workbooks in, one undo step, the report.

Real files throughout: the 导出各单位反馈表 dialog writes the units' workbooks and task lists, the
workbooks are filled with openpyxl as the units would (one honest, one with an edited locked cell
and an invalid status), imported through the GUI command (a background read, then one step on the
plan's QUndoStack) and the per-row result dialog is checked; undo and redo through the window's
actions restore both tracking tables; a conflict is accepted as a step of its own. Dropped files
are told apart: a feedback workbook goes to tracking, the annex to the import preview.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.tracking import DONE, IN_PROGRESS, NOT_STARTED
from desktop.formats.feedback.workbook import COLUMN_INDEX, SHEET_TITLE
from desktop.gui.plans.import_dialog import ImportDialog
from desktop.gui.tracking.feedback_result import ACCEPTED, COLOURS
from desktop.gui.tracking.unit_export_dialog import UnitExportDialog
from tests.gui.driving import drop_on, on_next_dialog
from tests.gui.tracking_support import open_window, tracking_rows, wait_job
from tests.support.feedback_fill import fill, rows_by_task, set_report
from tests.support.pdf_inspect import raw_text

TODAY = date(2024, 7, 1)
OFFICE, DATA = "区政府办公室", "区大数据服务中心"


class DialogWatch:
    """Acts on the next modal dialog of ``kind`` (polling, so nested event loops are no problem)."""

    def __init__(self, kind: type, action: Callable[[QWidget], None], timeout_ms: int = 20000) -> None:
        self.kind, self.action, self.left = kind, action, timeout_ms
        self.seen: list[str] = []
        QTimer.singleShot(20, self._poll)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, self.kind) and dialog.isVisible():
            self.seen.append(type(dialog).__name__)
            self.action(dialog)
            return
        self.left -= 20
        if self.left > 0:
            QTimer.singleShot(20, self._poll)

    def stop(self) -> None:
        self.left = 0


def _task_ids(path: Path) -> list[int]:
    workbook = openpyxl.load_workbook(path)
    return list(rows_by_task(workbook[SHEET_TITLE]))


def _export(qtbot, window, folder: Path, units: tuple[str, ...]) -> list[Path]:
    def choose(dialog) -> None:
        assert isinstance(dialog, UnitExportDialog)
        assert dialog.list.count() >= 15  # every unit of the plan is offered, all ticked
        assert dialog.units() is None
        dialog.check_all(False)
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        for row in range(dialog.list.count()):
            if dialog.list.item(row).text() in units:
                dialog.list.item(row).setCheckState(Qt.CheckState.Checked)
        dialog.format_boxes["pdf"].setChecked(False)
        dialog.folder_edit.setText(str(folder))
        assert dialog.units() == list(units)
        dialog.accept()

    seen = on_next_dialog(choose)
    job = window.tracking_ui.feedback.export_units_dialog()
    assert seen == ["UnitExportDialog"]
    written, warnings = wait_job(qtbot, job)
    assert warnings == []
    return written


def test_export_fill_import_undo_redo(qtbot, workspace, settings, tmp_path: Path) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    ui = window.tracking_ui
    out = tmp_path / "发出"
    written = _export(qtbot, window, out, (OFFICE, DATA))
    assert sorted(p.name for p in written) == sorted(p.name for p in out.iterdir()) == sorted([
        f"{OFFICE}-反馈表.xlsx", f"{OFFICE}-任务清单.docx", f"{DATA}-反馈表.xlsx", f"{DATA}-任务清单.docx"])
    office_xlsx, data_xlsx = out / f"{OFFICE}-反馈表.xlsx", out / f"{DATA}-反馈表.xlsx"
    office_tasks = _task_ids(office_xlsx)
    data_tasks = _task_ids(data_xlsx)
    mine = {a.task_id for a in ui.state.assignments if a.active and a.unit == OFFICE}
    assert set(office_tasks) == mine
    tables = docx.Document(str(out / f"{OFFICE}-任务清单.docx")).tables  # one table per printed page
    assert sum(len(table.rows) - 1 for table in tables) >= len(office_tasks)  # the office's rows

    # the office reports honestly; the data centre edits a locked cell and writes a bad status
    fill(office_xlsx, {office_tasks[0]: ("已完成网站栏目调整。", "已完成", date(2024, 6, 20)),
                       office_tasks[1]: ("已起草工作方案。", "推进中", None)})
    workbook = openpyxl.load_workbook(data_xlsx)
    ws = workbook[SHEET_TITLE]
    rows = rows_by_task(ws)
    ws.cell(row=rows[data_tasks[0]], column=COLUMN_INDEX["deadline"]).value = "2025年底前"
    set_report(ws, rows[data_tasks[0]], ("平台已上线试运行。", "推进中", None))
    set_report(ws, rows[data_tasks[1]], ("", "基本完成", None))  # only an unreadable value
    set_report(ws, rows[data_tasks[2]], ("数据已归集。", "已完成", date(2024, 6, 28)))
    workbook.save(data_xlsx)

    before = tracking_rows(workspace.db.conn)
    job = ui.feedback.import_files([office_xlsx, data_xlsx])
    wait_job(qtbot, job)
    result = ui.feedback.last_import
    assert result is not None and [f.error for f in result.files] == ["", ""]
    assert result.counts() == {"applied": 3, "unchanged": len(office_tasks) - 2 + len(data_tasks) - 3,
                               "conflict": 1, "rejected": 1}
    dialog = ui.feedback.result_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert "已导入 3 行" in dialog.summary.text() and "冲突 1 行" in dialog.summary.text()
    assert dialog.table.rowCount() == len(result.rows)
    for line in range(dialog.table.rowCount()):
        outcome = dialog.outcome_of(line)
        cell = dialog.table.item(line, 5)
        assert cell.background().color().name() == COLOURS[outcome][0].lower()
        assert cell.foreground().color().name() == COLOURS[outcome][1].lower()
    rejected = next(line for line in range(dialog.table.rowCount()) if dialog.outcome_of(line) == "rejected")
    assert dialog.table.item(rejected, 6).text()  # the reason is spelled out
    dialog.filter.setCurrentIndex(3)  # 冲突
    assert [dialog.outcome_of(line) for line in dialog.visible_lines()] == ["conflict"]
    dialog.filter.setCurrentIndex(0)
    assert len(dialog.visible_lines()) == dialog.table.rowCount()

    def status(task_id: int, unit: str) -> tuple:
        return workspace.db.conn.execute(
            "SELECT status, completed_on FROM assignments WHERE task_id = ? AND unit = ?",
            (task_id, unit)).fetchone()

    assert status(office_tasks[0], OFFICE) == (DONE, "2024-06-20")
    assert status(office_tasks[1], OFFICE) == (IN_PROGRESS, None)
    assert status(data_tasks[2], DATA) == (DONE, "2024-06-28")
    assert status(data_tasks[0], DATA) == (NOT_STARTED, None)  # the conflict is not applied
    imported = tracking_rows(workspace.db.conn)
    assert len(imported[1]) == len(before[1]) + 3

    # the whole import is one step of the plan's undo stack
    assert window.main_actions.undo.text() == "撤销 导入反馈表（2 个文件）"
    window.main_actions.undo.trigger()
    assert tracking_rows(workspace.db.conn) == before
    window.main_actions.redo.trigger()
    redone = tracking_rows(workspace.db.conn)
    assert redone[0] == imported[0]  # the assignments exactly as imported
    strip = [lambda rows: [row[1:-1] for row in rows]][0]  # entries get new ids and recorded_at
    assert strip(redone[1]) == strip(imported[1])

    # accepting the conflict is one more step
    dialog.select_outcome("conflict")
    assert dialog.accept_button.isEnabled()
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert status(data_tasks[0], DATA) == (IN_PROGRESS, None)
    assert ACCEPTED in [dialog.outcome_of(line) for line in range(dialog.table.rowCount())]
    assert not dialog.accept_button.isEnabled()
    window.main_actions.undo.trigger()
    assert status(data_tasks[0], DATA) == (NOT_STARTED, None)
    assert tracking_rows(workspace.db.conn)[0] == redone[0]

    # the progress report shows what was imported
    report = tmp_path / "汇总.docx"
    wait_job(qtbot, ui.feedback.export_report_to(report))
    texts = [cell.text for table in docx.Document(str(report)).tables
             for row in table.rows for cell in row.cells]
    assert any("已完成网站栏目调整。" in text for text in texts)
    assert any(text == "区政府办公室" for text in texts)  # the summary table by unit
    pdf = tmp_path / "汇总.pdf"
    fonts = DialogWatch(QMessageBox, lambda box: box.accept())  # without the official fonts: a notice
    wait_job(qtbot, ui.feedback.export_report_to(pdf))
    fonts.stop()
    assert "落实情况汇总表" in raw_text(pdf) and "已完成网站栏目调整" in raw_text(pdf)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no staging left


def test_dropped_files_are_told_apart(qtbot, workspace, settings, tmp_path: Path, samples_dir: Path) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    feedback = window.tracking_ui.feedback
    written, _ = wait_job(qtbot, feedback.export_units_to(tmp_path, [DATA], ("xlsx",)))
    returned = written[0]
    task = _task_ids(returned)[0]
    fill(returned, {task: ("平台已上线试运行。", "推进中", None)})

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(returned))])
    assert drop_on(window, QPoint(600, 400), mime)
    qtbot.waitUntil(lambda: feedback.result_dialog is not None, timeout=20000)
    assert feedback.last_import is not None and feedback.last_import.counts()["applied"] == 1
    assert window.tracking_ui.state.assignment(
        feedback.last_import.rows[0].update.assignment_id).status == IN_PROGRESS

    plans_before = len(window.workbench.summaries())
    watch = DialogWatch(ImportDialog, lambda dialog: dialog.reject())
    annex = QMimeData()
    annex.setUrls([QUrl.fromLocalFile(str(samples_dir / "laiwu-2024.xlsx"))])
    assert drop_on(window, QPoint(600, 400), annex)
    qtbot.waitUntil(lambda: watch.seen == ["ImportDialog"], timeout=20000)
    assert len(window.workbench.summaries()) == plans_before  # the preview was cancelled
    assert feedback.last_import.counts()["applied"] == 1  # the annex did not go to tracking


def test_unreadable_files_are_listed(qtbot, workspace, settings, tmp_path: Path, samples_dir: Path) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    feedback = window.tracking_ui.feedback
    before = tracking_rows(workspace.db.conn)
    stack_size = window.session.stack.count()
    wait_job(qtbot, feedback.import_files([samples_dir / "laiwu-2024.xlsx"]))
    result = feedback.last_import
    assert [f.source for f in result.failed] == ["laiwu-2024.xlsx"]
    assert "没有 Fenjie 反馈表的标识信息" in result.failed[0].error
    dialog = feedback.result_dialog
    assert dialog.outcome_of(0) == "file_failed" and dialog.table.item(0, 5).text() == "文件未导入"
    assert tracking_rows(workspace.db.conn) == before
    assert window.session.stack.count() == stack_size  # nothing changed: no undo step


def test_cancelled_unit_export_stops_between_units(qtbot, workspace, settings, tmp_path: Path) -> None:
    from desktop.gui.common.workers import Cancelled, CancelToken
    from desktop.gui.tracking.tracking_jobs import units_work
    from desktop.store.feedback_store import feedback_sheets

    window = open_window(qtbot, workspace, settings, TODAY)
    sheets = feedback_sheets(workspace.db, window.session.plan, [OFFICE, DATA])
    token = CancelToken()
    calls: list[int] = []
    work = units_work(window.session.plan, sheets, tmp_path, ("xlsx",))
    original = token.check

    def check() -> None:  # cancel once the first unit is written
        calls.append(1)
        if len(calls) == 2:
            token.cancel()
        original()

    token.check = check  # type: ignore[method-assign]
    with pytest.raises(Cancelled):
        work(token)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx"] == [f"{OFFICE}-反馈表.xlsx"]
