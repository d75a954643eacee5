"""The main window: plan list, task tree and official table side by side, properties, menus.

The window only assembles widgets and keeps them in step; the work is done elsewhere: the
workbench (plans and sessions), the edit controller (tree gestures), the commands (menu actions),
the tracking UI (督办 dashboard, 进展 panel, feedback files). After every operation the tree model
follows the journal, the grid is rebuilt and handed to the table view (which updates only the rows
that changed), and the properties panel and status bar are refreshed. A dashboard filter
(``set_row_scope``) narrows the tree (rows hidden) and the table (the annex grid cut down to the
rows, with the annex's own numbers). Window geometry, docks, the splitter and the zoom are
remembered in QSettings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.change_set import ChangeSet
from desktop.core.limits import MAX_TASKS
from desktop.core.model import Plan, PlanError
from desktop.core.operations import SetField
from desktop.core.style import PRESETS
from desktop.core.style_summary import unprinted_values
from desktop.gui.common.dialogs import ask_yes_no, show_error
from desktop.gui.common.export_notice import ExportNotice
from desktop.gui.common.workers import JobList
from desktop.gui.outline.edit_controller import EditController
from desktop.gui.outline.tree_actions import TreeActions
from desktop.gui.outline.tree_model import PlanTreeModel
from desktop.gui.outline.tree_panel import TreePanel
from desktop.gui.plans.plan_list import PlanListPanel
from desktop.gui.plans.plan_session import PlanSession
from desktop.gui.plans.recycle_bin_dialog import open_recycle_bin
from desktop.gui.properties.properties_panel import PropertiesPanel
from desktop.gui.shell import memory
from desktop.gui.shell.commands import Commands
from desktop.gui.shell.leftovers import clean_export_leftovers
from desktop.gui.shell.menus import Panes, build_menus
from desktop.gui.shell.scope_bar import ScopeBar
from desktop.gui.shell.selection_sync import SelectionSync
from desktop.gui.shell.store_watch import StoreWatch
from desktop.gui.shell.workbench import Workbench
from desktop.gui.table.table_model import GridTableModel
from desktop.gui.table.table_panel import TablePanel
from desktop.gui.table.table_view import PlanTableView
from desktop.gui.tracking.tracking_ui import TrackingUI
from desktop.gui.versions.version_actions import add_version_actions
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid
from desktop.layout.grid_patch import TaskCells, cells_by_task, patch_texts
from desktop.layout.grid_subset import subset_rows
from desktop.layout.incremental import update_grid
from desktop.store.workspace import Workspace

# Qt adds the application's display name ("Fenjie 分解") to every window title itself.
APP_TITLE = "任务分解表"
TREE_MIN_WIDTH = 240
OPENING_KEY = "opening_plan"  # set while the last plan is opened at start; left behind if that dies


class MainWindow(QMainWindow):
    tree_actions: TreeActions  # the outline's actions, made with the menus (build_menus)

    def __init__(self, workspace: Workspace, settings: QSettings | None = None,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.row_scope: set[int] | None = None  # the dashboard's filter: leaf ids shown, None: all
        self._scope_judged: set[int] = set()  # the leaves that existed when the filter was computed
        self._unfiltered: tuple[object, object, int, Grid] | None = None  # see _full_grid
        self.workbench = Workbench(workspace, self)
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.tree_model = PlanTreeModel()
        self.tree_panel = TreePanel(self.tree_model, self)
        self.tree = self.tree_panel.tree
        self.table_model = GridTableModel(build_grid(Plan()))
        self.table = PlanTableView(self.table_model, self)
        self.table_panel = TablePanel(self.table, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree_panel)
        self.splitter.addWidget(self.table_panel)
        self.splitter.setStretchFactor(1, 3)
        self.tree_panel.setMinimumWidth(TREE_MIN_WIDTH)  # never squeezed to a sliver on small screens
        self.splitter.setChildrenCollapsible(True)
        self.splitter.setSizes([300, 760])
        self.scope_bar = ScopeBar(self)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.scope_bar)
        central_layout.addWidget(self.splitter, 1)
        self.export_notice = ExportNotice(central)  # after an export: 打开所在文件夹 · 打开文件
        central_layout.addWidget(self.export_notice)
        self.setCentralWidget(central)
        self.plan_list = PlanListPanel(self)
        self.properties = PropertiesPanel(workspace.units, self)
        self.plan_dock = self._dock("计划", "plans", self.plan_list, Qt.DockWidgetArea.LeftDockWidgetArea)
        scroller = QScrollArea(self)
        scroller.setWidget(self.properties)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.properties_dock = self._dock("属性", "properties", scroller,
                                          Qt.DockWidgetArea.RightDockWidgetArea)
        self.editor = EditController(self.tree, lambda title, text: ask_yes_no(self, title, text), self)
        self.tree_model.edit_handler = self.editor.edit_text
        self.tree_model.drop_handler = self.editor.drop
        self.table_model.edit_handler = lambda cell, text: self.editor.edit_cell(
            cell, text, self.table_model.grid.row_task_ids)
        self.counts = QLabel(self)
        status = self.statusBar()
        status.addPermanentWidget(self.counts)
        self.read_only_note = QLabel(self)
        self.read_only_note.setStyleSheet("color:#C62828")
        self.read_only_note.setText("只读" if workspace.read_only else "")
        self.read_only_note.setToolTip(workspace.read_only or "")
        self.read_only_note.setVisible(bool(workspace.read_only))
        status.addPermanentWidget(self.read_only_note)
        self.jobs = JobList()
        self.commands = Commands(self, self.workbench, editor=self.editor, tree_panel=self.tree_panel,
                                 plan_list=self.plan_list, settings=self.settings, status=status,
                                 jobs=self.jobs, import_paths=self.import_paths,
                                 open_first_plan=self.open_first_plan, export_notice=self.export_notice)
        panes = Panes(self.plan_dock, self.properties_dock, self.tree_panel, self.table_panel)
        self.main_actions = build_menus(
            self, self.commands, undo_stack=self.workbench.stack,
            tree=self.tree, editor=self.editor, table=self.table, panes=panes, plan_list=self.plan_list.list,
            open_recycle_bin=lambda: open_recycle_bin(self.workbench, self))
        self._cell_index: tuple[object, dict[int, list[tuple[int, int]]]] = (None, {})
        self._connect()
        self.tracking_ui = TrackingUI(self, self.workbench, today or date.today, settings=self.settings,
                                      tree=self.tree, status=status, scope_bar=self.scope_bar,
                                      properties_dock=self.properties_dock, set_row_scope=self.set_row_scope,
                                      jobs=self.jobs, import_annexes=self.commands.import_files,
                                      export_notice=self.export_notice)
        actions = self.main_actions
        self.tracking_actions = self.tracking_ui.build_menu(actions.menus, actions.toolbar)
        self.version_actions = add_version_actions(actions.menus.plan, self, self.workbench)
        self._initial_size()
        self._restore_state()
        self.refresh_plan_list()
        self.open_first_plan()
        self.store_watch = StoreWatch(self.workbench, parent=self)
        QTimer.singleShot(0, self, lambda: clean_export_leftovers(self.settings))
        if workspace.read_only:
            self.statusBar().showMessage(workspace.read_only)

    def _initial_size(self) -> None:
        """1500×900 where it fits; on a laptop (1366×768 and below) the window fills the screen and
        the side panels give up width first, so the tree and the table keep room to work."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 1500, 900
        if screen is not None and screen.width() >= 1024:  # smaller screens: the WM fits the window
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)
        narrow = width < 1440
        self.resizeDocks([self.plan_dock, self.properties_dock], [190, 250] if narrow else [250, 275],
                         Qt.Orientation.Horizontal)
        self.splitter.setSizes([300, max(width - 740, 400)])

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        bench = self.workbench
        bench.plan_opened.connect(self._plan_opened)
        bench.plan_changed.connect(self._plan_changed)
        bench.plans_changed.connect(self.refresh_plan_list)
        bench.plan_rows_changed.connect(self._plan_rows_changed)
        bench.units_changed.connect(self.properties.refresh)
        bench.failed.connect(lambda text: show_error(self, "操作没有完成", text))
        bench.reveal_tasks.connect(self._reveal)
        bench.notice.connect(self._show_notice)
        bench.external_change.connect(lambda: self.tracking_ui.state.reload())
        self.plan_list.plan_activated.connect(self.open_plan)
        self.plan_list.show_archived.toggled.connect(lambda _b: self.refresh_plan_list())
        self.plan_list.list.tasks_dropped.connect(self.commands.copy_tasks_to_plan)
        self.selection = SelectionSync(self.tree, self.table, self.properties, lambda: self.session, self)
        self.table_panel.preset_chosen.connect(self._preset_chosen)
        for source in (self.editor.message, self.properties.message):
            source.connect(lambda text: self.statusBar().showMessage(text, 6000))

    def _saved_state(self) -> str:
        """What the status bar says about saving: auto-saved, waiting for the workspace, or read-only."""
        if self.workbench.workspace.read_only:
            return "只读，不能修改"
        waiting = sum(len(session.pending) for session in self.workbench.sessions.values())
        return f"{waiting} 处修改等待保存" if waiting else "已自动保存"

    def _show_notice(self, text: str) -> None:
        """A waiting edit stays announced until it is stored; the all-clear fades after a while."""
        waiting = any(session.pending for session in self.workbench.sessions.values())
        self.statusBar().showMessage(text, 0 if waiting else 8000)
        self._update_status()

    # ----- plans -------------------------------------------------------------------------------
    @property
    def session(self) -> PlanSession | None:
        return self.workbench.current

    def open_plan(self, plan_id: int | None) -> None:
        """Show the plan; one that cannot be read (damaged in the file) is explained, not a crash."""
        try:
            self.workbench.open_plan(plan_id)
        except PlanError as error:
            show_error(self, "无法打开计划", str(error))

    def refresh_plan_list(self) -> None:
        current = self.session.plan_id if self.session else None
        self.plan_list.show_plans(self.workbench.summaries(), current)

    def _plan_rows_changed(self, plan_id: int) -> None:
        """An edit changed a plan's row count: its line in the plan list says the new count (the
        table's rows for the plan shown whole, else the session's kept leaf counts)."""
        session = self.workbench.sessions.get(plan_id)
        if session is None:
            return
        shown_whole = session is self.session and self.row_scope is None
        count = self.table_model.grid.n_rows if shown_whole else session.leaf_count()
        self.plan_list.show_leaf_count(plan_id, count)

    def open_first_plan(self) -> None:
        """Show the plan shown last time, unless that start never finished or the plan is too big.

        The plan being opened is noted in the settings (and flushed) before it is read; a start
        that dies or is killed while opening it leaves the note, and the next start shows the plan
        list instead of trying again. A plan above the row limit is not opened by itself either.
        """
        summaries = {s.id: s for s in self.workbench.summaries() if not s.archived}
        last = self.settings.value("last_plan")
        wanted = int(last) if last is not None and str(last).isdigit() and int(last) in summaries else None
        if wanted is None and summaries:
            wanted = next(iter(summaries))
        failed = self.settings.value(OPENING_KEY)
        self.settings.remove(OPENING_KEY)
        if wanted is None:
            return
        title = summaries[wanted].title
        if failed is not None and str(failed) == str(wanted):
            self.statusBar().showMessage(f"上次启动时没能打开计划“{title}”，这次先显示计划列表；"
                                         "可以在左侧列表中再打开它。")
            return
        if summaries[wanted].leaf_count > MAX_TASKS:
            self.statusBar().showMessage(f"计划“{title}”有 {summaries[wanted].leaf_count:,} 行，超过上限，"
                                         "没有自动打开；可以在左侧列表中打开它。")
            return
        self.settings.setValue(OPENING_KEY, wanted)
        self.settings.sync()
        try:
            self.workbench.open_plan(wanted)
        except PlanError as error:
            self.statusBar().showMessage(f"无法打开上次的计划“{title}”：{error}")
        finally:
            self.settings.remove(OPENING_KEY)
            self.settings.sync()

    def _plan_opened(self, session: PlanSession | None) -> None:
        self.editor.session = session
        plan = session.plan if session is not None else Plan()
        self.tree_model.set_plan(plan)
        if len(plan.leaves()) <= 400:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(1)
        self.table.show_grid(build_grid(plan))
        self.properties.show_tasks(session, [])
        self._show_heading()
        self.refresh_plan_list()
        QTimer.singleShot(0, self, self._settle_memory)  # after the views have painted
        if session is not None:
            self.settings.setValue("last_plan", session.plan_id)
            first = plan.root.children[0].id if plan.root.children else 0
            if first:
                self.tree.select_task(first)
        self._update_status()

    def _reveal(self, task_ids: list[int]) -> None:
        """After an undo or redo: select the first row it changed, unless one of them is current.

        Under a dashboard filter the selection stays (the current row would be kept in the filter).
        """
        if self.row_scope is not None:
            return
        shown = self.tree_panel.shown_ids()  # the find bar may hide rows
        visible = [task_id for task_id in task_ids if shown is None or task_id in shown]
        if visible and self.tree.current_task_id() not in visible:
            self.tree.select_task(visible[0])

    def _plan_changed(self, session: PlanSession, change_set: ChangeSet) -> None:
        if session is not self.session:
            return
        self.tree_model.apply_changes(change_set)
        self.tree.viewport().update()  # numbers shown before the texts may have changed
        self._show_plan_grid(session.plan, change_set)
        if self.row_scope is not None:
            self.tree_panel.set_scope(self._shown_leaves())
        elif self.tree_panel.find_bar.isVisible():
            self.tree_panel.refresh_search()
        self.properties.refresh()
        if change_set.fields & {"title", "attachment_label", "style"}:
            self._show_heading()
        self._update_status()
        self.selection.table_to(self.tree.current_task_id())

    def _show_plan_grid(self, plan: Plan, change_set: ChangeSet | None = None) -> None:
        """The table after an edit: text-only edits patch the grid, anything else rebuilds it."""
        grid = self.table_model.grid
        if change_set is not None and change_set.text_only:
            if self.row_scope is None:  # cells found by their rows: no scan of the grid
                patch = patch_texts(grid, plan, change_set, TaskCells(grid, plan))
            else:
                if self._cell_index[0] is not grid:
                    self._cell_index = (grid, cells_by_task(grid))
                patch = patch_texts(grid, plan, change_set, self._cell_index[1])
            if patch is not None:
                self.table.show_patch(*patch)
                self._cell_index = (patch[0], self._cell_index[1])
                return
        if change_set is not None and self.row_scope is None:
            update = update_grid(grid, plan, change_set.changes)
            if update is not None:  # only the rows of the touched top-level categories are rebuilt
                self.table.show_region(update)
                return
        self.table.show_grid(self._scoped(build_grid(plan)))

    def _shown_leaves(self) -> set[int] | None:
        """The filter's rows plus rows made since it was computed (a new row stays in sight)."""
        if self.row_scope is None or self.session is None:
            return None
        return self.row_scope | {leaf.id for leaf in self.session.plan.leaves()
                                 if leaf.id not in self._scope_judged}

    def _scoped(self, grid: Grid) -> Grid:
        """The grid cut down to the dashboard filter's rows (the annex's own numbers kept)."""
        shown = self._shown_leaves()
        return grid if shown is None else subset_rows(grid, shown)

    def _full_grid(self) -> Grid | None:
        """The whole plan's grid: the table's own while unfiltered, kept for the plan's version, so
        switching or clearing a dashboard filter does not lay out the whole plan again."""
        session = self.session
        if session is None:
            return None
        key = (session, session.plan, session.version)
        cached = self._unfiltered
        if self.row_scope is None:
            cached = (*key, self.table_model.grid)
        elif cached is None or cached[:3] != key:
            cached = (*key, build_grid(session.plan))
        self._unfiltered = cached
        return cached[3]

    def set_row_scope(self, task_ids: set[int] | None) -> None:
        """Show only these leaves (and their categories) in the tree and the table; None shows all."""
        full = self._full_grid()
        self.row_scope = None if task_ids is None else set(task_ids)
        plan = self.session.plan if self.session is not None else None
        self._scope_judged = {leaf.id for leaf in plan.leaves()} if plan is not None else set()
        shown = self.row_scope  # every leaf was just judged: no new ones to add
        self.tree_panel.set_scope(shown)
        if full is not None:
            self.table.show_grid(full if shown is None else subset_rows(full, shown))
            self.selection.table_to(self.tree.current_task_id())
        self._update_status()

    def _show_heading(self) -> None:
        grid = self.table_model.grid
        self.table_panel.show_heading(grid.attachment_label, grid.title, grid.style)
        title = self.session.plan.title if self.session else ""
        self.setWindowTitle(title or APP_TITLE)

    def _update_status(self) -> None:
        if self.session is None:
            self.counts.setText("没有打开的计划")
            return
        plan = self.session.plan
        total = plan.task_count()
        rows = self.table_model.grid.n_rows
        if self.row_scope is not None:
            leaves = len(plan.leaves())
            self.counts.setText(f"筛选后 {rows}/{leaves} 行要求 · {total - leaves} 项类别 · "
                                f"{self._saved_state()}")
            return
        self.counts.setText(f"{rows} 行要求 · {total - rows} 项类别 · {self._saved_state()}")

    def _preset_chosen(self, name: str) -> None:
        """Switch the table style; first warn when the plan has values the preset does not print."""
        if self.session is None:
            return
        style = PRESETS[name]
        lost = unprinted_values(self.session.plan, style)
        if lost and not ask_yes_no(self, "切换表格样式", lost.sentence(style)
                                   + "\n\n这些内容仍然保存在计划中，只是不会打印和导出。仍然切换吗？"):
            self._show_heading()  # the chooser shows the style in use again
            return
        self.editor.run(lambda: SetField("style", style.to_dict(), label="切换表格样式"))

    # ----- files dropped on the window ---------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        """Import files: returned feedback workbooks into tracking, anything else as a new plan."""
        self.tracking_ui.feedback.route_imports(paths)

    # ----- window state ------------------------------------------------------------------------
    def _restore_state(self) -> None:
        for key, restore in (("geometry", self.restoreGeometry), ("window_state", self.restoreState),
                             ("splitter", self.splitter.restoreState)):
            value = self.settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        zoom = self.settings.value("zoom")
        if zoom is not None and str(zoom) != "fit":
            self.table.set_zoom(float(zoom))

    def save_state(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("zoom", "fit" if self.table.fit_width else self.table.zoom)
        self.settings.sync()

    def _settle_memory(self) -> None:
        if self.isVisible():  # not once the window has closed (release() gave the objects back)
            memory.settle_after_open()

    def closeEvent(self, event: QCloseEvent) -> None:
        focus = self.focusWidget()
        if focus is not None:
            focus.clearFocus()  # commits an open editor or properties field before closing
        if not self._pending_stored():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
        if event.isAccepted():
            memory.release()

    def _pending_stored(self) -> bool:
        """Before closing: store the edits still waiting for the workspace, or let the clerk keep waiting.

        Returns False when the clerk chose to keep the window open (the edits keep being retried).
        """
        sessions = list(self.workbench.sessions.values())
        for session in sessions:
            if session.pending:
                session.retry_pending()
        waiting = sum(len(session.pending) for session in sessions)
        if not waiting:
            return True
        return ask_yes_no(self, "还有修改没有保存",
                          f"工作区正被另一个程序占用，还有 {waiting} 处修改在等待保存。\n"
                          "点“取消”继续等待并自动重试；点“确定”关闭窗口并放弃这些修改。")
