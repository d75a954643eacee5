"""The 督办 menu's file work: units' feedback files out, returned workbooks in, the progress report.

Everything touching the workspace runs on the UI thread (the SQLite connection belongs to it):
preparing the units' sheets, importing the returned rows, loading the assignments for the
report. Reading and writing files runs as background jobs with progress and 取消 (``start_job``):
writing the units' files (cancelled between units), reading returned workbooks (untrusted files,
read safely by ``feedback_reader``), writing the report (to a hidden file renamed at the end).

An import is one step on the app's undo stack (its :class:`OpChanges` record, reverted by the
workbench like any other change); its per-row result opens in :class:`FeedbackResultDialog`, where
accepted conflicts are one more undoable step. Files dropped on the window or chosen with 文件 → 导入 are
routed here first: a .xlsx that ``read_feedback_workbook`` recognises is a returned workbook,
anything else goes on to the annex importer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QStatusBar, QWidget

from desktop.core.feedback_check import RowOutcome
from desktop.core.model import PlanError
from desktop.core.reminders import Reminder, reminders
from desktop.core.tracking import Assignment
from desktop.core.tracking_overview import active_of, unit_counts
from desktop.formats.feedback.messages import NOT_FEEDBACK_REASONS
from desktop.gui.common.dialogs import show_error
from desktop.gui.common.export_notice import ExportNotice
from desktop.gui.common.workers import CancelToken, Job, JobList, start_job
from desktop.gui.tracking.feedback_result import FeedbackResultDialog, summary_text
from desktop.gui.tracking.reminder_dialog import ReminderDialog
from desktop.gui.tracking.tracking_jobs import Read, read_work, report_work, units_work
from desktop.gui.tracking.tracking_state import TrackingState
from desktop.gui.tracking.unit_export_dialog import UnitExportDialog
from desktop.store.feedback_store import FeedbackImport, import_feedback
from desktop.store.tracking_store import load_assignments

if TYPE_CHECKING:
    from desktop.formats.report.report import RoundFacts
    from desktop.gui.plans.plan_session import PlanSession
    from desktop.gui.shell.workbench import Workbench
    from desktop.store.workspace import Workspace

FEEDBACK_FILTER = "反馈表 (*.xlsx *.xls *.et *.ods);;所有文件 (*)"
REPORT_FILTERS = ("Word 文档 (*.docx)", "Excel 工作簿 (*.xlsx)", "PDF 文件 (*.pdf)")
FEEDBACK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods")


class FeedbackCommands:
    """The 督办 menu commands over ``tracking`` and the shown plan of ``bench``.

    ``window`` parents the dialogs; ``import_annexes`` takes the files that are not returned
    workbooks on to the annex importer.
    """

    def __init__(self, window: QWidget, bench: Workbench, tracking: TrackingState, *, settings: QSettings,
                 status: QStatusBar, jobs: JobList, import_annexes: Callable[[list[str]], object],
                 export_notice: ExportNotice) -> None:
        self.window = window
        self.bench = bench
        self.tracking = tracking
        self.settings = settings
        self.status = status
        self.jobs = jobs
        self._import_annexes = import_annexes
        self.export_notice = export_notice  # 打开所在文件夹 after the units' files and the report
        self.result_dialog: FeedbackResultDialog | None = None
        self.reminder_dialog: ReminderDialog | None = None
        self.last_import: FeedbackImport | None = None

    @property
    def workspace(self) -> Workspace:
        return self.bench.workspace

    @property
    def session(self) -> PlanSession | None:
        return self.bench.current

    def _keep(self, job: Job) -> Job:
        return self.jobs.keep(job)

    def _folder(self, key: str) -> str:
        return str(self.settings.value(key, ""))

    # ----- sending units their files -----------------------------------------------------------
    def export_units_dialog(self) -> Job | None:
        session = self.session
        if session is None:
            return None
        self.tracking.flush()
        active = active_of(session.plan, self.tracking.assignments)
        units = [tally.label for tally in unit_counts(session.plan, active, self.tracking.today())]
        if not units:
            show_error(self.window, "导出各单位反馈表", "这个计划还没有填写牵头单位或责任单位，无法分发。")
            return None
        current = self.tracking.round
        dialog = UnitExportDialog(units, self._folder("feedback_export_folder"), self.window,
                                  current_round=current.name if current is not None and current.open else "",
                                  next_round=self._next_round_name())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.settings.setValue("feedback_export_folder", str(dialog.folder()))
        return self.export_units_to(dialog.folder(), dialog.units(), dialog.formats(),
                                    new_round=dialog.next_round())

    def _next_round_name(self) -> str:
        """This month's name (2026年12月), made unique among the plan's rounds (（第2轮）)."""
        from desktop.core.tracking_rounds import default_round_name
        from desktop.store.rounds import plan_rounds

        session = self.session
        base = default_round_name(self.tracking.today())
        if session is None or session.plan_id is None:
            return base
        taken = {item.name for item in plan_rounds(self.workspace.db, session.plan_id)}
        name, number = base, 2
        while name in taken:
            name, number = f"{base}（第{number}轮）", number + 1
        return name

    def export_units_to(self, folder: Path, units: list[str] | None,
                        formats: Sequence[str] = ("xlsx", "docx", "pdf"), *,
                        new_round: str | None = None) -> Job | None:
        """Write the units' files into ``folder`` (every unit when ``units`` is None); with
        ``new_round`` a new reporting round of that name is started first (closing the current one)."""
        from desktop.store.feedback_store import feedback_sheets
        from desktop.store.rounds import open_round

        session = self.session
        if session is None or session.plan_id is None:
            return None
        in_line = self.tracking.in_line()  # then making the sheets syncs nothing
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            round_ = open_round(self.workspace.db, session.plan_id, new_round) if new_round else None
            sheets = feedback_sheets(self.workspace.db, session.plan, units, directory=self.workspace.units(),
                                     round_=round_)
        except OSError as error:
            reason = error.strerror or error
            show_error(self.window, "导出各单位反馈表", f"无法创建文件夹“{folder}”：{reason}。")
            return None
        except PlanError as error:
            show_error(self.window, "导出各单位反馈表", str(error))
            return None
        if in_line:
            self.tracking.reload_round()  # the sheets opened a reporting round if none was open
        else:
            self.tracking.reload()
        job = self._keep(start_job(self.window, f"正在为 {len(sheets)} 个单位导出文件…",
                                   units_work(session.plan, sheets, Path(folder), formats)))
        round_name = sheets[0].round_name if sheets else ""
        job.done.connect(lambda result: self._units_exported(folder, len(sheets), result, round_name))
        job.failed.connect(lambda text: show_error(self.window, "导出没有完成", text))
        return job

    def _units_exported(self, folder: Path, count: int, result: tuple[list[Path], list[str]],
                        round_name: str = "") -> None:
        written, warnings = result
        text = f"已为 {count} 个单位导出 {len(written)} 个文件"
        if round_name:
            text += f"（报送轮次：{round_name}）"
        self.export_notice.show_folder(folder, text, warnings)

    # ----- returned workbooks ------------------------------------------------------------------
    def import_dialog(self) -> Job | None:
        folder = self._folder("feedback_import_folder")
        paths, _ = QFileDialog.getOpenFileNames(self.window, "导入反馈表", folder, FEEDBACK_FILTER)
        if not paths:
            return None
        self.settings.setValue("feedback_import_folder", str(Path(paths[0]).parent))
        return self.import_files([Path(p) for p in paths])

    def import_files(self, paths: Sequence[Path]) -> Job:
        """Read the files on a worker, then import them all as one step and show the result."""
        job = self._keep(start_job(self.window, f"正在读取 {len(paths)} 个反馈表…", read_work(paths)))
        job.done.connect(self._import_read)
        job.failed.connect(lambda text: show_error(self.window, "导入反馈表没有完成", text))
        return job

    def route_imports(self, paths: Sequence[str]) -> Job | None:
        """Files dropped or chosen for import: returned workbooks here, the rest to the annex importer."""
        candidates = [Path(p) for p in paths if Path(p).suffix.lower() in FEEDBACK_SUFFIXES]
        others = [p for p in paths if Path(p).suffix.lower() not in FEEDBACK_SUFFIXES]
        if others:
            self._import_annexes(list(others))
        if not candidates:
            return None
        job = self._keep(start_job(self.window, "正在读取…", read_work(candidates)))
        job.done.connect(self._route_read)
        job.failed.connect(lambda text: show_error(self.window, "导入没有完成", text))
        return job

    def _route_read(self, reads: list[Read]) -> None:
        annexes = [str(path) for path, workbook, reason in reads
                   if workbook is None and reason in NOT_FEEDBACK_REASONS]
        feedback = [item for item in reads if not (item[1] is None and item[2] in NOT_FEEDBACK_REASONS)]
        if annexes:
            self._import_annexes(annexes)
        if feedback:
            self._import_read(feedback)

    def _import_read(self, reads: list[Read]) -> FeedbackImport | None:
        workbooks = [workbook for _path, workbook, _reason in reads if workbook is not None]
        unreadable = [(path.name, reason) for path, workbook, reason in reads if workbook is None]
        self.tracking.flush()
        in_line = self.tracking.in_line()
        try:
            shown = {session.plan_id: session.plan for session in self.bench.sessions.values()
                     if session.plan_id is not None}  # not read again while current
            result = import_feedback(self.workspace.db, workbooks, self.tracking.today(),
                                     directory=self.workspace.units(), unreadable=unreadable,
                                     shown_plans=shown)
        except PlanError as error:
            show_error(self.window, "导入反馈表没有完成", str(error))
            return None
        plan_ids = [item.plan_id for item in result.files if item.plan_id is not None]
        self.bench.do(lambda: result.changes)  # the shown plan reads the assignments it wrote again
        if in_line:
            self.tracking.reload_round()  # the units' returns were recorded even when no row applied
        else:
            self.tracking.reload()  # the import synced the plan's assignments even when no row applied
        self.last_import = result
        self.status.showMessage(summary_text(result), 15000)
        self._show_result(result, plan_ids)
        return result

    def _show_result(self, result: FeedbackImport, plan_ids: Sequence[int]) -> None:
        if self.result_dialog is not None:
            self.result_dialog.close()
            self.result_dialog.deleteLater()
        dialog = FeedbackResultDialog(result, lambda rows: self.accept_conflicts(rows, plan_ids), self.window)
        self.result_dialog = dialog
        dialog.show()

    def accept_conflicts(self, rows: Sequence[RowOutcome], plan_ids: Sequence[int] = ()) -> bool:
        """Apply the reports of conflicting rows the clerk accepts, as one undoable step."""
        from desktop.store.feedback_undo import apply_updates

        updates = [row.update for row in rows if row.update is not None]
        if not updates:
            return False
        label = f"采用反馈表中的 {len(updates)} 行冲突"
        plan_id = plan_ids[0] if plan_ids else self.bench.current_id
        try:
            self.bench.do(lambda: apply_updates(self.workspace.db, updates, label, plan_id))
        except PlanError as error:
            show_error(self.window, "采用反馈没有完成", str(error))
            return False
        return True

    # ----- the progress report -----------------------------------------------------------------
    def export_report_dialog(self) -> Job | None:
        session = self.session
        if session is None:
            return None
        name = f"{session.plan.title or '任务分解表'}落实情况汇总表".replace("/", "-")
        start = str(Path(self._folder("report_folder")) / f"{name}.docx")
        path, chosen = QFileDialog.getSaveFileName(self.window, "导出落实情况汇总表", start,
                                                   ";;".join(REPORT_FILTERS))
        if not path:
            return None
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(chosen[chosen.rfind("*") + 1:-1] if "*" in chosen else ".docx")
        self.settings.setValue("report_folder", str(target.parent))
        return self.export_report_to(target)

    def export_report_to(self, target: Path) -> Job | None:
        session = self.session
        if session is None or session.plan_id is None:
            return None
        self.tracking.flush()
        assignments = load_assignments(self.workspace.db, session.plan_id, include_inactive=False)
        work = report_work(session.plan, assignments, Path(target), self.tracking.today(),
                           self._round_facts(session.plan_id, assignments))
        job = self._keep(start_job(self.window, f"正在导出“{target.name}”…", work))
        job.done.connect(lambda warnings: self._report_exported(target, warnings))
        job.failed.connect(lambda text: show_error(self.window, "导出没有完成", text))
        return job

    def _round_facts(self, plan_id: int, assignments: list[Assignment]) -> RoundFacts:
        """The current round's name, the units' states and 本期/上期, for the report."""
        from desktop.formats.report.report import RoundFacts
        from desktop.store.rounds import period_change, reporting_state

        found, states = reporting_state(self.workspace.db, plan_id)
        if found is None:
            return RoundFacts()
        change = period_change(self.workspace.db, plan_id, assignments, self.tracking.today())
        return RoundFacts(found.name, tuple(states), change)

    # ----- 催办 ---------------------------------------------------------------------------------
    def remind_dialog(self) -> ReminderDialog | None:
        """督办 → 催办…: the units to remind, the list to copy, the notices to write."""
        session = self.session
        if session is None or session.plan_id is None:
            return None
        self.tracking.flush()
        self.tracking.reload()
        today = self.tracking.today()
        active = active_of(session.plan, self.tracking.assignments)
        items = reminders(session.plan, active, self.tracking.unit_returns, today)
        title = session.plan.title
        office = str(session.plan.fields.get("issuing_office") or "")
        round_name = self.tracking.round.name if self.tracking.round is not None else ""

        def write(chosen: list[Reminder], folder: Path,
                  reply_by: date) -> Callable[[CancelToken], list[Path]]:
            def work(token: CancelToken) -> list[Path]:
                from desktop.formats.report.reminder_docx import write_notices

                folder.mkdir(parents=True, exist_ok=True)
                return write_notices(chosen, folder, title, office, today, reply_by, round_name)

            return work

        def start(work: Callable[[CancelToken], list[Path]], folder: Path) -> Job:
            self.settings.setValue("remind_folder", str(folder))
            job = self._keep(start_job(self.window, "正在生成催办通知…", work))
            job.done.connect(lambda written: self.status.showMessage(  # the dialog shows 打开文件夹
                f"已生成 {len(written)} 份催办通知到 {folder}", 10000))
            job.failed.connect(lambda text: show_error(self.window, "催办通知没有生成", text))
            return job

        dialog = ReminderDialog(items, today, self._folder("remind_folder"), start, write, self.window)
        self.reminder_dialog = dialog
        dialog.show()
        return dialog

    def _report_exported(self, target: Path, warnings: list[str]) -> None:
        self.export_notice.show_file(target, f"已导出落实情况汇总表“{target.name}”", warnings)
