"""What the menu and toolbar commands do: plans, import, export, print, dialogs, clipboard.

Each command is a small method on :class:`Commands`, which is given the parts it works on
explicitly (the workbench, the tree and its edit controller, the plan list, the settings, the
status bar); slow ones (import, export, print layout) run as background jobs kept in ``jobs``.
Errors from the core arrive as one plain sentence and are shown in a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QFileDialog, QMainWindow, QStatusBar

from desktop.core.model import PlanError
from desktop.core.multi_ops import make_paste_many
from desktop.core.operations import Batch, Operation
from desktop.core.suggestions import make_accept_suggestions, with_suggestions
from desktop.gui.common.dialogs import ask_text, ask_yes_no, show_error
from desktop.gui.common.export_notice import ExportNotice
from desktop.gui.common.workers import Job, JobList, start_job
from desktop.gui.outline import clipboard_ops
from desktop.gui.outline.edit_controller import EditController
from desktop.gui.outline.replace_dialog import ReplaceDialog
from desktop.gui.outline.tree_dnd import TaskPayload
from desktop.gui.outline.tree_panel import TreePanel
from desktop.gui.plans.import_dialog import IMPORT_FILTER, start_import
from desktop.gui.plans.plan_dialog import PlanDialog
from desktop.gui.plans.plan_list import PlanListPanel
from desktop.gui.printing.export_print import (
    choose_export,
    layout_work,
    make_printer,
    open_preview,
    paint_pages,
    start_export,
)
from desktop.gui.shell.workbench import Workbench
from desktop.gui.units.units_dialog import UnitsDialog

if TYPE_CHECKING:
    from desktop.gui.printing.print_layout import PrintLayout

T = TypeVar("T")


class Commands:
    """The menu commands over the parts they are given (``window`` parents the dialogs)."""

    def __init__(self, window: QMainWindow, bench: Workbench, *, editor: EditController,
                 tree_panel: TreePanel, plan_list: PlanListPanel, settings: QSettings, status: QStatusBar,
                 jobs: JobList, import_paths: Callable[[list[str]], object],
                 open_first_plan: Callable[[], object], export_notice: ExportNotice) -> None:
        self.window = window
        self.bench = bench
        self.editor = editor
        self.tree = editor.tree
        self.tree_panel = tree_panel
        self.plan_list = plan_list
        self.settings = settings
        self.status = status
        self.jobs = jobs  # running background jobs (kept alive until they finish)
        self._import_paths = import_paths  # feedback workbooks are told apart from annexes there
        self._open_first_plan = open_first_plan
        self.export_notice = export_notice  # where an export says where it went (never a modal box)

    def _guard(self, action: str, work: Callable[[], T]) -> T | None:
        try:
            return work()
        except PlanError as error:
            show_error(self.window, action, str(error))
            return None

    def _keep(self, job: Job) -> Job:
        return self.jobs.keep(job)

    # ----- plans -------------------------------------------------------------------------------
    def new_plan(self) -> None:
        title = ask_text(self.window, "新建计划", "计划标题：", "新建任务分解表")
        if title is None:
            return
        if self._guard("新建计划", lambda: self.bench.new_plan(title.strip())) is not None:
            self.window.activateWindow()
            self.tree.setFocus()
            self.tree.edit(self.tree.currentIndex())

    def _selected_plan(self) -> int | None:
        current = self.bench.current.plan_id if self.bench.current else None
        return self.plan_list.selected_id() or current

    def duplicate_plan(self) -> None:
        plan_id = self._selected_plan()
        if plan_id is not None:
            self._guard("复制计划", lambda: self.bench.duplicate_plan(plan_id))

    def rename_plan(self) -> None:
        plan_id = self._selected_plan()
        if plan_id is None:
            return
        session = self.bench.session_for(plan_id)
        title = ask_text(self.window, "重命名计划", "新的标题：", session.plan.title)
        if title is not None:
            self._guard("重命名计划", lambda: self.bench.rename_plan(plan_id, title))

    def delete_plan(self) -> None:
        plan_id = self._selected_plan()
        if plan_id is None:
            return
        title = next((s.title for s in self.bench.summaries() if s.id == plan_id), "")
        if ask_yes_no(self.window, "删除计划", f"把“{title}”移到回收站吗？\n\n可以用“撤销”（Ctrl+Z）复原，"
                      "也可以在“计划 → 回收站”中恢复。"):
            self._guard("删除计划", lambda: self.bench.delete_plan(plan_id))
            if self.bench.current is None:
                self._open_first_plan()

    def toggle_archive(self) -> None:
        plan_id = self._selected_plan()
        summary = next((s for s in self.bench.summaries() if s.id == plan_id), None)
        if summary is not None:
            self._guard("归档计划", lambda: self.bench.set_archived(summary.id, not summary.archived))

    def plan_properties(self) -> None:
        session = self.bench.current
        if session is None:
            return
        dialog = PlanDialog(session.plan, self.window)
        if dialog.exec() == PlanDialog.DialogCode.Accepted:
            ops = dialog.changes()
            if ops:
                self.editor.run(lambda: ops[0] if len(ops) == 1 else Batch(ops, label="修改计划信息"))

    def units_directory(self) -> None:
        UnitsDialog(self.bench, self.window).exec()

    def copy_tasks_to_plan(self, payload: TaskPayload, plan_id: int) -> None:
        """Tasks dragged from the tree onto a plan in the list: appended to that plan as one step."""
        session = self._guard("复制任务", lambda: self.bench.session_for(plan_id))
        if session is None:
            return
        plan = session.plan
        start = len(plan.root.children)
        ops: list[Operation] = list(make_paste_many(plan, payload.subtrees, plan.ROOT_ID, start))
        batch = Batch(ops, label="复制到其他计划")
        copied = self._guard("复制任务", lambda: session.do(batch)) if ops else None
        if copied is not None:  # the plan list follows: the workbench announces the structural edit
            self.status.showMessage(f"已把 {len(ops)} 项任务复制到“{plan.title}”。", 6000)

    # ----- clipboard and find ------------------------------------------------------------------
    def copy(self) -> None:
        clipboard_ops.copy_current(self.editor)

    def cut(self) -> None:
        clipboard_ops.cut_current(self.editor)

    def paste(self) -> None:
        names = self._guard("粘贴", lambda: self.bench.workspace.units().names()) or []
        clipboard_ops.paste(self.editor, list(names))

    def find(self) -> None:
        self.tree_panel.open_find()

    def accept_suggestions(self) -> None:
        """采用全部建议单位: every unit the importer found in the texts goes into 责任单位 (one step)."""
        session = self.bench.current
        if session is None:
            return
        plan = session.plan
        count = len(with_suggestions(plan))
        if not count:
            self.status.showMessage("这个计划没有从文字中找到的单位。", 6000)
            return
        if self.editor.run(lambda: make_accept_suggestions(plan)):
            self.status.showMessage(f"已把文中提到的单位加入 {count} 项任务的责任单位。", 8000)

    def find_replace(self) -> None:
        """查找替换 over the plan or the selected tasks (what the find bar holds is proposed)."""
        if self.bench.current is None:
            return
        bar = self.tree_panel.find_bar
        needle = bar.edit.text() if bar.isVisible() else ""
        ReplaceDialog(self.editor, self.tree.selected_task_ids, self.window, needle).exec()

    # ----- import, export, print ---------------------------------------------------------------
    def import_dialog(self) -> None:
        folder = str(self.settings.value("import_folder", ""))
        paths, _ = QFileDialog.getOpenFileNames(self.window, "导入", folder, IMPORT_FILTER)
        if paths:
            self.settings.setValue("import_folder", str(Path(paths[0]).parent))
            self._import_paths(paths)  # returned feedback workbooks are told apart first

    def import_files(self, paths: list[str]) -> None:
        for path in paths:
            self._keep(start_import(self.window, self.bench, self.status, Path(path), self.settings))

    def export(self) -> None:
        session = self.bench.current
        if session is None:
            return
        folder = str(self.settings.value("export_folder", ""))
        choice = choose_export(self.window, session.plan, folder)
        if choice is None:
            return
        self.settings.setValue("export_folder", str(choice.target.parent))
        self.export_to(choice.target, word_paginates=choice.word_paginates)

    def export_to(self, target: Path, word_paginates: bool = False) -> Job | None:
        """Export the shown plan to ``target`` (format from the extension) as a background job."""
        session = self.bench.current
        if session is None:
            return None
        job = self._keep(start_export(self.window, session.plan, target, word_paginates))
        job.done.connect(lambda warnings: self._exported(target, warnings))
        job.failed.connect(lambda text: show_error(self.window, "导出没有完成", text))
        return job

    def _exported(self, target: Path, warnings: list[str]) -> None:
        self.export_notice.show_file(target, warnings=warnings)

    def _with_layout(self, then: Callable[[PrintLayout], object]) -> None:
        session = self.bench.current
        if session is None:
            return
        job = self._keep(start_job(self.window, "正在排版…", layout_work(session.plan)))
        job.done.connect(then)
        job.failed.connect(lambda text: show_error(self.window, "排版没有完成", text))

    def print_preview(self) -> None:
        self._with_layout(lambda layout: open_preview(self.window, layout).exec())

    def print_now(self) -> None:
        def go(layout: PrintLayout) -> None:
            printer = make_printer(layout)
            dialog = QPrintDialog(printer, self.window)
            if dialog.exec() == QPrintDialog.DialogCode.Accepted:
                paint_pages(printer, layout)

        self._with_layout(go)
