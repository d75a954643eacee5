"""The 督办 dashboard: counts by status per unit and per category, the due lists, the completion chart.

The panel only shows an :class:`Overview` and reports what the clerk clicks: a unit or category
row (a click on a count column narrows to that status), a row of the overdue or due-soon list
(``task_requested``: the views show that list and go to the task), a bar of the chart, the
"new overdue" notice. The main window turns those into a :class:`RowFilter` on the tree and the
table; 清除筛选 (or Esc in the panel) lifts it. The "due soon" horizon is a spin box (days,
default 14). Keyboard: Tab moves between the tables, Enter on a row filters like a click. A due
list's context menu has 历次报送… for its row (``history_requested``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Plan
from desktop.core.tracking import DISPLAY_LABELS, DONE, OVERDUE
from desktop.core.tracking_overview import DEFAULT_HORIZON, Overview, RowFilter, filter_label
from desktop.core.tracking_rounds import NOT_SENT, PARTLY, SENT, UNIT_STATE_LABELS, UnitReturn
from desktop.gui.tracking.completion_chart import CompletionChart
from desktop.gui.tracking.dashboard_model import SORT_ROLE, STATUS_COLUMNS, DueListModel, TallyModel


def _date_text(overview: Overview) -> str:
    today = overview.today
    return f"截至 {today.year}年{today.month}月{today.day}日"


def _table(model: QSortFilterProxyModel | DueListModel, sortable: bool, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setSortingEnabled(sortable)
    view.setTabKeyNavigation(False)
    return view


class DashboardPanel(QWidget):
    """Shows an overview; emits ``filter_requested(RowFilter)``, ``task_requested(filter, task id)``,
    ``clear_requested()`` and ``horizon_changed(days)``."""

    filter_requested = Signal(object)
    task_requested = Signal(object, int)
    history_requested = Signal(int)  # a due list's row: 历次报送… of its task
    clear_requested = Signal()
    horizon_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview: Overview | None = None
        self._notice_filter: RowFilter | None = None
        self.date_label = QLabel(self)
        self.totals = QLabel(self)
        self.returns_label = QLabel(self)  # the round's 报送情况: 未报送 units named first
        self.returns_label.setWordWrap(True)
        self.returns_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel(self)
        self.notice.setStyleSheet("color: #C62828; font-weight: bold;")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.notice.linkActivated.connect(lambda _link: self._notice_clicked())
        self.notice.hide()
        self.horizon = QSpinBox(self, minimum=1, maximum=365, value=DEFAULT_HORIZON)
        self.horizon.setSuffix(" 天内")
        self.horizon.setAccessibleName("即将到期的天数")
        self.horizon.setToolTip("“即将到期”列表包括今天起多少天内到期的任务")
        self.horizon.valueChanged.connect(self.horizon_changed)
        self.filter_label = QLabel(self)
        self.filter_label.setStyleSheet("color: #1565C0;")
        self.clear_button = QPushButton("清除筛选", self)
        self.clear_button.setToolTip("显示全部任务（Esc）")
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear_requested)

        self.units_model = TallyModel("单位", "任务数")
        self.categories_model = TallyModel("一级类别", "任务数")
        self.units_proxy = self._proxy(self.units_model)
        self.categories_proxy = self._proxy(self.categories_model)
        self.units_view = _table(self.units_proxy, True, "各单位落实情况")
        self.categories_view = _table(self.categories_proxy, True, "各类别落实情况")
        self.overdue_model = DueListModel(overdue=True)
        self.soon_model = DueListModel(overdue=False)
        self.overdue_view = _table(self.overdue_model, False, "逾期任务")
        self.soon_view = _table(self.soon_model, False, "即将到期的任务")
        for view in (self.units_view, self.categories_view):
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            header.setSortIndicatorShown(True)
            metrics = view.fontMetrics()
            for col in range(1, view.model().columnCount()):
                label = str(view.model().headerData(col, Qt.Orientation.Horizontal))
                view.setColumnWidth(col, metrics.horizontalAdvance(label) + 20)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # plan order until a header is clicked
        for view in (self.overdue_view, self.soon_view):
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            header.setResizeContentsPrecision(0)  # widths from the rows on screen: a list may be long
        for view, model in ((self.overdue_view, self.overdue_model), (self.soon_view, self.soon_model)):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            history = QAction("历次报送…", view)
            history.setToolTip("这项任务在历次报送轮次中各单位的报送情况")
            history.triggered.connect(lambda _checked=False, v=view, m=model: self._history_of(v, m))
            view.addAction(history)
        self.units_view.clicked.connect(lambda index: self._tally_clicked("unit", index))
        self.units_view.activated.connect(lambda index: self._tally_clicked("unit", index))
        self.categories_view.clicked.connect(lambda index: self._tally_clicked("category", index))
        self.categories_view.activated.connect(lambda index: self._tally_clicked("category", index))
        self.overdue_view.clicked.connect(lambda index: self._due_clicked("overdue", index))
        self.overdue_view.activated.connect(lambda index: self._due_clicked("overdue", index))
        self.soon_view.clicked.connect(lambda index: self._due_clicked("due_soon", index))
        self.soon_view.activated.connect(lambda index: self._due_clicked("due_soon", index))

        self.counts_tabs = QTabWidget(self)
        self.counts_tabs.addTab(self.units_view, "按单位")
        self.counts_tabs.addTab(self.categories_view, "按类别")
        self.lists_tabs = QTabWidget(self)
        self.lists_tabs.addTab(self.overdue_view, "逾期")
        self.lists_tabs.addTab(self.soon_view, "即将到期")
        self.chart = CompletionChart(self)
        self.chart.unit_clicked.connect(self._chart_clicked)
        scroller = QScrollArea(self)
        scroller.setWidget(self.chart)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.StyledPanel)
        chart_box = QWidget(self)
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.setSpacing(2)
        chart_title = QLabel("各单位任务完成情况", chart_box)
        chart_title.setStyleSheet("font-weight: bold;")
        chart_layout.addWidget(chart_title)
        chart_layout.addWidget(scroller, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("dashboard_splitter")
        self.splitter.addWidget(self.counts_tabs)
        self.splitter.addWidget(self.lists_tabs)
        self.splitter.addWidget(chart_box)
        self.splitter.setStretchFactor(0, 6)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([600, 500, 400])
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.date_label)
        bar.addWidget(self.totals)
        bar.addWidget(self.notice)
        bar.addStretch(1)
        bar.addWidget(QLabel("即将到期：", self))
        bar.addWidget(self.horizon)
        bar.addSpacing(12)
        bar.addWidget(self.filter_label)
        bar.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.returns_label)
        layout.addWidget(self.splitter, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.clear_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _proxy(self, model: TallyModel) -> QSortFilterProxyModel:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        return proxy

    # ----- showing -----------------------------------------------------------------------------
    def show_overview(self, plan: Plan, overview: Overview,
                      leaf_row: Callable[[int], int] | None = None) -> None:
        """Show the counts and lists; ``leaf_row`` gives a requirement's 序号 (else the plan is walked)."""
        self.overview = overview
        self.units_model.set_tallies(overview.units)
        self.categories_model.set_tallies(overview.categories)
        self.overdue_model.set_items(plan, overview.overdue, leaf_row)
        self.soon_model.set_items(plan, overview.due_soon, leaf_row)
        self.chart.set_tallies(overview.units)
        self.date_label.setText(_date_text(overview))
        total = overview.total
        rate = f"（{total.rate_text}）" if total.total else ""
        self.totals.setText(f"· 共 {total.total} 项分工，{DISPLAY_LABELS[DONE]} {total.done}{rate}，"
                            f"逾期 {total.counts[OVERDUE]}")
        self.lists_tabs.setTabText(0, f"逾期（{len(overview.overdue)}）")
        self.lists_tabs.setTabText(1, f"{overview.horizon} 天内到期（{len(overview.due_soon)}）")

    def show_returns(self, round_name: str, states: Sequence[UnitReturn]) -> None:
        """The round's 报送情况: counts, and the 未报送 / 部分退回 units by name (in red / orange)."""
        if not round_name:
            self.returns_label.setText("尚未开始报送轮次：导出各单位反馈表时会开始第一轮。")
            return
        by_state: dict[str, list[str]] = {}
        for item in states:
            by_state.setdefault(item.state, []).append(item.unit)
        parts = [f"报送轮次“{html.escape(round_name)}”："]
        for state, colour in ((NOT_SENT, "#C62828"), (PARTLY, "#E65100"), (SENT, "#2E7D32")):
            names = by_state.get(state, [])
            text = f"{UNIT_STATE_LABELS[state]} {len(names)} 个"
            if names and state != SENT:
                text += "（" + "、".join(html.escape(name) for name in names) + "）"
            parts.append(f'<span style="color:{colour}">{text}</span>')
        self.returns_label.setText("　".join(parts))

    def show_filter(self, label: str) -> None:
        self.filter_label.setText(f"筛选：{label}" if label else "")
        self.clear_button.setEnabled(bool(label))

    def show_notice(self, text: str, row_filter: RowFilter | None = None) -> None:
        """The "new overdue since last time" notice; a link that filters to those rows."""
        self._notice_filter = row_filter
        self.notice.setText(f'<a href="#new" style="color:#C62828">{text}</a>' if text and row_filter
                            else text)
        self.notice.setVisible(bool(text))

    def unit_row(self, unit: str) -> int:
        """The row (in the view's sorted order) of a unit, -1 when it is not shown."""
        for row in range(self.units_proxy.rowCount()):
            index = self.units_proxy.index(row, 0)
            if self.units_model.tallies[self.units_proxy.mapToSource(index).row()].label == unit:
                return row
        return -1

    # ----- clicks ------------------------------------------------------------------------------
    def _tally_clicked(self, kind: str, index: QModelIndex) -> None:
        proxy = self.units_proxy if kind == "unit" else self.categories_proxy
        model = self.units_model if kind == "unit" else self.categories_model
        if not index.isValid():
            return
        tally = model.tallies[proxy.mapToSource(index).row()]
        status = STATUS_COLUMNS.get(index.column())
        self.filter_requested.emit(RowFilter(kind, tally.key if kind == "category" else tally.label, status,
                                             label=filter_label(kind, tally.label, status)))

    def _due_clicked(self, kind: str, index: QModelIndex) -> None:
        model = self.overdue_model if kind == "overdue" else self.soon_model
        if index.isValid() and 0 <= index.row() < len(model.items):
            row_filter = RowFilter(kind, label=filter_label(kind))
            self.task_requested.emit(row_filter, model.items[index.row()].task_id)

    def _history_of(self, view: QTableView, model: DueListModel) -> None:
        index = view.currentIndex()
        if index.isValid() and 0 <= index.row() < len(model.items):
            self.history_requested.emit(model.items[index.row()].task_id)

    def _chart_clicked(self, key: str) -> None:
        tally = next((t for t in self.units_model.tallies if t.key == key), None)
        if tally is not None:
            label = filter_label("unit", tally.label)
            self.filter_requested.emit(RowFilter("unit", tally.label, label=label))

    def _notice_clicked(self) -> None:
        if self._notice_filter is not None:
            self.filter_requested.emit(self._notice_filter)
