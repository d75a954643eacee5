"""Tracking in the main window: the 督办 and 进展 docks, the 督办 menu, and how they follow the plan.

:class:`TrackingUI` builds the pieces and wires them to the window:

- opening a plan syncs its assignments and reports, in the dashboard and the status bar, what
  became overdue since the plan was last opened (a link that filters to those rows);
- plan edits that can change them (rows, units, deadlines, the plan's year) re-sync the assignments
  (debounced); every reload refreshes the dashboard (while it is shown), the progress panel and the
  active filter;
- dashboard clicks become a :class:`RowFilter` on the tree and the table (``set_row_scope``);
- the 督办 menu: the docks, 添加进展, 清除筛选, 历次报送 (also from the 进展 panel and the due
  lists: :meth:`TrackingUI.show_history`), and the file commands of :class:`FeedbackCommands`,
  returned by :meth:`TrackingUI.build_menu` as one :class:`TrackingActions`.

It is given the parts of the window it works with explicitly (see the constructor).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QStatusBar, QToolBar, QWidget

from desktop.core.change_set import ChangeSet
from desktop.core.model import PlanError
from desktop.core.sync_scope import sync_scope
from desktop.core.tracking import Assignment
from desktop.core.tracking_overview import RowFilter, build_overview, filter_label
from desktop.gui.common.export_notice import ExportNotice
from desktop.gui.common.workers import JobList
from desktop.gui.outline.tree_view import PlanTreeView
from desktop.gui.plans.plan_session import PlanSession
from desktop.gui.shell.main_actions import MainMenus
from desktop.gui.shell.scope_bar import ScopeBar
from desktop.gui.shell.workbench import Workbench
from desktop.gui.tracking.dashboard import DashboardPanel
from desktop.gui.tracking.feedback_commands import FeedbackCommands
from desktop.gui.tracking.history_dialog import RoundHistoryDialog
from desktop.gui.tracking.progress_panel import ProgressPanel
from desktop.gui.tracking.row_scope import RowScope
from desktop.gui.tracking.tracking_state import TrackingState
from desktop.store.row_history import round_history

NEW_OVERDUE = "自上次打开以来新增逾期 {count} 项"


def needs_sync(change_set: ChangeSet) -> bool:
    """Whether an edit can change the assignments: rows, units, deadlines, the plan's year.

    Text edits (the most frequent) cannot, and skip the re-sync. An empty change set is what a
    directory-wide unit rename announces: it may change units (see ``core.sync_scope``).
    """
    return not sync_scope(change_set).empty


LAZY_TRACKING_TASKS = 3000  # above this, a plan's assignments are synced and read after its first paint,
# in slices between frames (TrackingState.open(background=True))

@dataclass(frozen=True)
class TrackingActions:
    """The 督办 menu and its actions."""

    menu: QMenu
    dashboard: QAction  # shows/hides the 督办 dock (Ctrl+Shift+D)
    progress: QAction  # shows/hides the 进展 dock (Ctrl+Shift+G)
    add_progress: QAction
    clear_filter: QAction
    export_units: QAction
    import_feedback: QAction
    export_report: QAction
    remind: QAction  # 催办…
    history: QAction  # 历次报送… of the current row (Ctrl+Shift+H)


class TrackingUI(QObject):
    """The tracking docks and commands in ``window``, following ``bench``'s shown plan.

    ``tree`` is the task tree (its current task drives the 进展 panel), ``properties_dock`` the dock
    the 进展 dock is tabbed with, ``set_row_scope`` narrows the tree and the table to a filter's rows
    and ``scope_bar`` shows the filter; ``jobs`` keeps the background jobs and ``import_annexes``
    takes dropped files that are not returned workbooks on to the annex importer.
    """

    def __init__(self, window: QMainWindow, bench: Workbench, today: Callable[[], date], *,
                 settings: QSettings, tree: PlanTreeView, status: QStatusBar, scope_bar: ScopeBar,
                 properties_dock: QDockWidget, set_row_scope: Callable[[set[int] | None], object],
                 jobs: JobList, import_annexes: Callable[[list[str]], object],
                 export_notice: ExportNotice) -> None:
        super().__init__(window)
        self.window = window
        self.bench = bench
        self.tree = tree
        self._deferred: PlanSession | None = None  # a large plan whose tracking opens after a paint
        tree.viewport().installEventFilter(self)
        self.status = status
        self.scope_bar = scope_bar
        self._set_row_scope = set_row_scope
        self.state = TrackingState(bench.workspace, settings, bench.do, today, self)
        self.scope = RowScope(self.state, tree.current_task_id, self)
        self.dashboard = DashboardPanel(window)
        self.progress = ProgressPanel(self.state, window)
        self.feedback = FeedbackCommands(window, bench, self.state, settings=settings, status=status,
                                         jobs=jobs, import_annexes=import_annexes,
                                         export_notice=export_notice)
        self.dashboard_dock = self._dock("督办", "dashboard", self.dashboard,
                                         Qt.DockWidgetArea.BottomDockWidgetArea)
        self.dashboard_dock.hide()
        self.progress_dock = self._dock("进展", "progress", self.progress,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        window.tabifyDockWidget(properties_dock, self.progress_dock)
        properties_dock.raise_()
        self.notice = QLabel(window)
        self.notice.setStyleSheet("color: #C62828;")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.notice.linkActivated.connect(lambda _link: self._notice_clicked())
        self.notice.hide()
        status.addPermanentWidget(self.notice)
        self._new_overdue: RowFilter | None = None
        self.history_dialog: RoundHistoryDialog | None = None
        self._dashboard_stale = True
        self._connect()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        bench = self.bench
        bench.plan_opened.connect(self._plan_opened)
        bench.plan_changed.connect(self._plan_changed)
        bench.tracking_record.connect(self.state.after_change)  # reads what the change wrote
        self.state.changed.connect(self._data_changed)
        self.state.opened.connect(self._opened)
        self.state.failed.connect(lambda text: self.status.showMessage(text, 10000))
        self.dashboard.filter_requested.connect(self.set_filter)
        self.dashboard.task_requested.connect(self.go_to_task)
        self.dashboard.clear_requested.connect(self.scope.clear)
        self.dashboard.horizon_changed.connect(self._horizon_changed)
        self.dashboard_dock.visibilityChanged.connect(
            lambda shown: self._refresh_dashboard() if shown else None)
        self.scope.scope_changed.connect(self._set_row_scope)
        self.scope.label_changed.connect(self.dashboard.show_filter)
        self.scope.label_changed.connect(self.scope_bar.show_label)
        self.scope_bar.cleared.connect(self.scope.clear)
        self.tree.current_task_changed.connect(self.progress.show_task)
        self.progress.message.connect(lambda text: self.status.showMessage(text, 6000))
        self.progress.history_requested.connect(self.show_history)
        self.dashboard.history_requested.connect(self.show_history)

    # ----- following the plan ------------------------------------------------------------------
    def _plan_opened(self, session: PlanSession | None) -> None:
        self.scope.clear()
        self._deferred = None
        if session is not None and session.plan.task_count() > LAZY_TRACKING_TASKS:
            # a large plan shows its first screen before its assignments are synced and read
            self.state.open(None)
            self._deferred = session
            self.tree.viewport().update()
            return
        self._open_tracking(session)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._deferred is not None:
            QTimer.singleShot(0, self._open_deferred)
        return False

    def _open_deferred(self) -> None:
        session, self._deferred = self._deferred, None
        if session is not None and session is self.bench.current:
            self._open_tracking(session, background=True)

    def _open_tracking(self, session: PlanSession | None, background: bool = False) -> None:
        self._show_newly([])
        self.state.open(session, background)

    def _opened(self, newly: list[Assignment]) -> None:
        self.progress.show_task(self.tree.current_task_id())
        self._show_newly(newly)

    def _show_newly(self, newly: list[Assignment]) -> None:
        self._new_overdue = None
        text = ""
        if newly:
            text = NEW_OVERDUE.format(count=len(newly))
            ids = frozenset(item.task_id for item in newly)
            label = filter_label("tasks", "新增逾期的任务")
            self._new_overdue = RowFilter("tasks", task_ids=ids, label=label)
        self.dashboard.show_notice(text, self._new_overdue)
        self.notice.setText(f'<a href="#new" style="color:#C62828">{text}</a>' if text else "")
        self.notice.setToolTip("单击只显示这些任务" if text else "")
        self.notice.setVisible(bool(text))

    def _plan_changed(self, session: PlanSession, change_set: ChangeSet) -> None:
        if session is self.state.session:
            self.state.schedule_sync(change_set)

    def _data_changed(self) -> None:
        self._dashboard_stale = True
        if self.dashboard_dock.isVisible():
            self._refresh_dashboard()

    def _refresh_dashboard(self) -> None:
        session = self.state.session
        if session is None or not self._dashboard_stale:
            return
        state = self.state
        index = state.dashboard_index()
        if index is None:
            overview = build_overview(session.plan, [], state.today(), self.scope.horizon)
        else:  # counts kept up to date by each change: the cost of the units and lists shown
            overview = index.overview(self.scope.horizon, state.not_sent)
        self.dashboard.show_overview(session.plan, overview, session.leaf_row)
        self.dashboard.show_returns(state.round.name if state.round is not None else "", state.unit_returns)
        self._dashboard_stale = False

    def _horizon_changed(self, days: int) -> None:
        self.scope.set_horizon(days)
        self._dashboard_stale = True
        self._refresh_dashboard()

    # ----- filtering ---------------------------------------------------------------------------
    def set_filter(self, row_filter: RowFilter) -> set[int]:
        """Filter the tree and the table to ``row_filter``'s rows and go to the first of them."""
        ids = self.scope.set_filter(row_filter)
        plan = self.state.session.plan if self.state.session else None
        if plan is not None:
            first = next((leaf.id for leaf in plan.root.leaves() if leaf.id in ids), 0)  # stops there
            if first:
                self.tree.select_task(first)
        return ids

    def go_to_task(self, row_filter: RowFilter, task_id: int) -> None:
        """A due-list row: show that list's rows and make the task current (its progress shown)."""
        self.scope.set_filter(row_filter)
        self.tree.select_task(task_id)
        self.progress_dock.raise_()

    def _notice_clicked(self) -> None:
        if self._new_overdue is not None:
            self.show_dashboard()
            self.set_filter(self._new_overdue)

    def show_dashboard(self) -> None:
        self.dashboard_dock.show()
        self.dashboard_dock.raise_()
        self._refresh_dashboard()

    def show_history(self, task_id: int | None = None) -> RoundHistoryDialog | None:
        """「历次报送」 of row ``task_id`` (default: the current row): every round, newest first."""
        session = self.state.session
        task_id = task_id if task_id is not None else self.tree.current_task_id()
        if session is None or session.plan_id is None or not task_id or task_id not in session.plan:
            self.status.showMessage("请先在大纲或表格中选择一项具体要求。", 6000)
            return None
        task = session.plan[task_id]
        if not task.is_leaf:
            self.status.showMessage("历次报送按具体要求记录，请选择一项具体要求。", 6000)
            return None
        self.state.flush()
        try:
            history = round_history(self.bench.workspace.db, session.plan_id, task_id, self.state.today())
        except PlanError as error:
            self.status.showMessage(str(error), 10000)
            return None
        if self.history_dialog is not None:
            self.history_dialog.close()
            self.history_dialog.deleteLater()
        dialog = RoundHistoryDialog(session.leaf_row(task_id), task.text, history, self.window)
        self.history_dialog = dialog
        dialog.show()
        return dialog

    def add_progress(self) -> None:
        self.progress_dock.show()
        self.progress_dock.raise_()
        self.progress.add_progress()

    # ----- menu ---------------------------------------------------------------------------------
    def build_menu(self, menus: MainMenus, toolbar: QToolBar) -> TrackingActions:
        """The 督办 menu, put before 帮助; the dock toggles also go in 视图 and on the toolbar."""
        menu = QMenu("督办(&T)", self.window)
        self.window.menuBar().insertMenu(menus.help.menuAction(), menu)
        dashboard = self.dashboard_dock.toggleViewAction()
        dashboard.setText("督办面板")
        dashboard.setShortcut(QKeySequence("Ctrl+Shift+D"))
        progress = self.progress_dock.toggleViewAction()
        progress.setText("进展面板")
        progress.setShortcut(QKeySequence("Ctrl+Shift+G"))
        menu.addActions([dashboard, progress])
        add_progress = self._add(menu, "添加进展…", self.add_progress, "Ctrl+Shift+E",
                                 "为所选任务的所选单位添加一条进展记录")
        clear_filter = self._add(menu, "清除筛选", self.scope.clear, "Ctrl+Shift+L", "显示全部任务")
        menu.addSeparator()
        export_units = self._add(menu, "导出各单位反馈表…", self.feedback.export_units_dialog, None,
                                 "为每个单位导出反馈表（.xlsx）和任务清单（.docx/.pdf），文件名为单位名称")
        import_feedback = self._add(menu, "导入反馈表…", self.feedback.import_dialog, None,
                                    "导入单位交回的反馈表（可多选；也可以把文件拖到窗口上）")
        menu.addSeparator()
        export_report = self._add(menu, "导出落实情况汇总表…", self.feedback.export_report_dialog, None,
                                  "导出带进展情况、完成状态、统计表和完成情况图的汇总表（.docx/.xlsx/.pdf）")
        remind = self._add(menu, "催办…", self.feedback.remind_dialog, None,
                           "列出逾期或未报送的单位，复制催办名单，为每个单位生成催办通知（.docx）")
        history = self._add(menu, "历次报送…", self.show_history, "Ctrl+Shift+H",
                            "所选任务在历次报送轮次中各单位的报送情况、完成状态和进展（最新在前）")
        menus.view.addSeparator()
        menus.view.addActions([dashboard, progress])
        toolbar.addSeparator()
        toolbar.addAction(dashboard)
        return TrackingActions(menu, dashboard, progress, add_progress, clear_filter, export_units,
                               import_feedback, export_report, remind, history)

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object], key: str | None, tip: str) -> QAction:
        action = QAction(text, self.window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action
