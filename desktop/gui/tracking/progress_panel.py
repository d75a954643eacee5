"""The 进展 panel: the selected requirement's units, their status, completion date and progress log.

The table lists the leaf's assignments (牵头单位 first) with their displayed status (逾期 derived
from the due day); below it the selected unit's status (a list), its completion date (only for
已完成) and its log, newest first, with 添加进展… for a new entry. Every change is one
transaction and one undo step (``TrackingState.apply``), so Ctrl+Z takes it back. Double-clicking
an entry opens its first attachment with the system's viewer. 历次报送… (a button, the units
table's context menu, a double-click on a unit) asks for the row's history across reporting rounds.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.deadlines import task_deadline
from desktop.core.feedback_check import Update
from desktop.core.tracking import (
    DISPLAY_LABELS,
    DONE,
    OVERDUE,
    ROLE_LABELS,
    STATUS_LABELS,
    STATUSES,
    Assignment,
    ProgressEntry,
    TrackingError,
    set_status,
)
from desktop.gui.tracking.progress_dialog import ProgressEntryDialog, pydate, qdate
from desktop.gui.tracking.tracking_state import TrackingState

NO_DATE = QDate(2000, 1, 1)
OVERDUE_BRUSH = QBrush(QColor("#C62828"))
DONE_BRUSH = QBrush(QColor("#2E7D32"))


def entry_text(entry: ProgressEntry) -> str:
    """One log entry as shown in the list: date · who · source, the text, the attachments."""
    head = entry.date.isoformat()
    if entry.reported_by:
        head += f" · {entry.reported_by}"
    head += f" · 导入自 {entry.source_file}" if entry.source == "imported" else " · 手工录入"
    lines = [head]
    if entry.text:
        lines.append(entry.text)
    if entry.attachments:
        lines.append("附件：" + "；".join(entry.attachments))
    return "\n".join(lines)


class ProgressPanel(QWidget):
    """Progress of the task shown (``show_task``); ``message`` reports refused edits,
    ``history_requested(task id)`` asks for the row's 「历次报送」."""

    message = Signal(str)
    history_requested = Signal(int)

    def __init__(self, tracking: TrackingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracking = tracking
        self.task_id = 0
        self.selected_id: int | None = None
        self._attachments: list[tuple[str, ...]] = []  # per log row, newest first
        self.heading = QLabel(self, wordWrap=True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.deadline = QLabel(self, wordWrap=True)
        self.units = QTableWidget(0, 4, self)
        self.units.setHorizontalHeaderLabels(["单位", "角色", "状态", "完成日期"])
        self.units.setAccessibleName("本项任务的单位")
        self.units.verticalHeader().hide()
        self.units.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.units.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units.setTabKeyNavigation(False)
        header = self.units.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.units.setMaximumHeight(self.fontMetrics().height() * 9)
        self.units.itemSelectionChanged.connect(self._unit_selected)
        self.units.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        history = QAction("历次报送…", self.units)
        history.triggered.connect(lambda _checked=False: self.request_history())
        self.units.addAction(history)
        self.units.itemDoubleClicked.connect(lambda _item: self.request_history())
        self.unit_title = QLabel(self)
        self.unit_title.setStyleSheet("font-weight: bold;")
        self.status = QComboBox(self)
        self.status.setAccessibleName("完成状态")
        for key in STATUSES:
            self.status.addItem(STATUS_LABELS[key], key)
        self.status.activated.connect(self._status_chosen)
        self.completed = QDateEdit(self)
        self.completed.setAccessibleName("完成日期")
        self.completed.setCalendarPopup(True)
        self.completed.setDisplayFormat("yyyy-MM-dd")
        self.completed.setMinimumDate(NO_DATE)
        self.completed.setSpecialValueText("未填写")
        self.completed.editingFinished.connect(self._date_edited)
        # a day picked in the calendar counts at once (typing counts when the box is left)
        self.completed.calendarWidget().clicked.connect(lambda _day: QTimer.singleShot(0, self._date_edited))
        self.overdue_note = QLabel(self)
        self.overdue_note.setStyleSheet("color: #C62828;")
        self.log = QListWidget(self)
        self.log.setAccessibleName("进展记录")
        self.log.setWordWrap(True)
        self.log.setAlternatingRowColors(True)
        self.log.itemDoubleClicked.connect(self._open_attachment)
        self.add_button = QPushButton("添加进展…", self)
        self.add_button.setToolTip("为所选单位添加一条进展记录（日期、内容、报送人、附件）")
        self.add_button.clicked.connect(self.add_progress)
        self.history_button = QPushButton("历次报送…", self)
        self.history_button.setToolTip("这项任务在历次报送轮次中各单位的报送情况、完成状态和进展（最新在前）")
        self.history_button.clicked.connect(self.request_history)
        self.empty = QLabel(self, wordWrap=True)
        self.empty.setStyleSheet("color: #666666;")
        form = QFormLayout()
        form.addRow("完成状态", self.status)
        form.addRow("完成日期", self.completed)
        form.addRow("", self.overdue_note)
        self.editor = QWidget(self)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.unit_title)
        editor_layout.addLayout(form)
        editor_layout.addWidget(QLabel("进展记录（最新在前）", self.editor))
        editor_layout.addWidget(self.log, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.history_button)
        editor_layout.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.deadline)
        layout.addWidget(self.empty)
        layout.addWidget(self.units)
        layout.addWidget(self.editor, 1)
        tracking.changed.connect(self.refresh)
        self.show_task(0)

    # ----- showing -----------------------------------------------------------------------------
    def show_task(self, task_id: int) -> None:
        if task_id != self.task_id:
            self.selected_id = None
        self.task_id = task_id
        self.refresh()

    def assignments(self) -> list[Assignment]:
        return self.tracking.for_task(self.task_id)

    def current(self) -> Assignment | None:
        return next((a for a in self.assignments() if a.id == self.selected_id), None)

    def refresh(self) -> None:
        session = self.tracking.session
        plan = session.plan if session is not None else None
        task = plan[self.task_id] if plan is not None and self.task_id in plan else None
        items = self.assignments() if task is not None and task.is_leaf else []
        self._show_heading(task)
        if task is None or not task.is_leaf:
            self.empty.setText("请在大纲或表格中选择一项具体要求。")
        elif not items:
            self.empty.setText("这项要求没有牵头单位或责任单位，无法记录进展；请先在“属性”中填写责任单位。")
        self.empty.setVisible(not items)
        self.units.setVisible(bool(items))
        self.editor.setVisible(bool(items))
        if not items:
            return
        if self.selected_id not in {a.id for a in items}:
            self.selected_id = items[0].id
        today = self.tracking.today()
        self.units.blockSignals(True)
        try:
            self.units.setRowCount(len(items))
            for row, item in enumerate(items):
                shown = item.display_status(today)
                cells = [item.unit, ROLE_LABELS[item.role], DISPLAY_LABELS[shown],
                         item.completed_on.isoformat() if item.completed_on else ""]
                for col, text in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    if col == 2 and shown in (OVERDUE, DONE):
                        cell.setForeground(OVERDUE_BRUSH if shown == OVERDUE else DONE_BRUSH)
                    self.units.setItem(row, col, cell)
                if item.id == self.selected_id:
                    self.units.selectRow(row)
        finally:
            self.units.blockSignals(False)
        self._show_assignment()

    def _show_heading(self, task: object) -> None:
        session = self.tracking.session
        if session is None or task is None:
            self.heading.setText("未选择任务")
            self.deadline.setText("")
            return
        plan = session.plan
        leaf = plan[self.task_id]
        text = " ".join(leaf.text.split())
        if leaf.is_leaf:
            seq = session.leaf_row(leaf.id)
            self.heading.setText(f"序号 {seq}：{text[:60]}{'…' if len(text) > 60 else ''}")
        else:
            self.heading.setText(f"{session.number_of(leaf.id)}{text[:60]}")
        written = " ".join(leaf.effective("deadline").split())
        deadline = task_deadline(plan.fields, leaf.effective("deadline"))
        if not leaf.is_leaf or not written:
            self.deadline.setText("")
        elif not deadline.understood:
            self.deadline.setStyleSheet("color: #C62828;")
            self.deadline.setText(f"⚠ 无法识别的完成时限“{written}”：不计算逾期，请核对。")
        else:
            self.deadline.setStyleSheet("color: #444444;")
            due = f"，到期日 {deadline.due.isoformat()}" if deadline.due else ""
            self.deadline.setText(f"完成时限：{written}（{deadline.label}{due}）")

    def _show_assignment(self) -> None:
        item = self.current()
        if item is None:
            return
        today = self.tracking.today()
        self.unit_title.setText(f"{item.unit}（{ROLE_LABELS[item.role]}）")
        self.status.setCurrentIndex(max(0, self.status.findData(item.status)))
        self.completed.blockSignals(True)
        self.completed.setMaximumDate(qdate(max(today, item.completed_on or today)))  # no future days
        self.completed.setDate(qdate(item.completed_on) if item.completed_on else NO_DATE)
        self.completed.blockSignals(False)
        self.completed.setEnabled(item.status == DONE)
        if item.is_overdue(today) and item.due is not None:
            self.overdue_note.setText(f"已逾期 {(today - item.due).days} 天（到期日 {item.due.isoformat()}）")
        else:
            self.overdue_note.setText("")
        self.overdue_note.setVisible(bool(self.overdue_note.text()))
        self.log.clear()
        self._attachments = []
        for entry in reversed(item.progress):
            entry_item = QListWidgetItem(entry_text(entry))
            if entry.attachments:
                entry_item.setToolTip("双击打开附件")
            self.log.addItem(entry_item)
            self._attachments.append(entry.attachments)

    def _unit_selected(self) -> None:
        rows = {index.row() for index in self.units.selectionModel().selectedRows()}
        items = self.assignments()
        if rows and min(rows) < len(items):
            self.selected_id = items[min(rows)].id
            self._show_assignment()

    # ----- editing -----------------------------------------------------------------------------
    def _apply(self, new: Assignment, entry: ProgressEntry | None, label: str) -> bool:
        if new.id is None:
            return False
        return self.tracking.apply([Update(new.id, new.status, new.completed_on, entry)], label)

    def set_status(self, status: str, completed_on: date | None = None) -> bool:
        """Give the selected unit a new status (已完成 with ``completed_on``, default today)."""
        item = self.current()
        if item is None:
            return False
        if status == DONE and completed_on is None and item.completed_on is None:
            chosen = self.completed.date()
            completed_on = pydate(chosen) if chosen != NO_DATE else self.tracking.today()
        try:
            new = set_status(item, status, completed_on)
        except TrackingError as error:
            self.message.emit(str(error))
            self._show_assignment()
            return False
        if (new.status, new.completed_on) == (item.status, item.completed_on):
            return False
        return self._apply(new, None, f"{item.unit}：{STATUS_LABELS[status]}")

    def _status_chosen(self, index: int) -> None:
        self.set_status(str(self.status.itemData(index)))

    def _date_edited(self) -> None:
        item = self.current()
        chosen = self.completed.date()
        if item is None or item.status != DONE or chosen == NO_DATE:
            return
        if item.completed_on != pydate(chosen):
            self.set_status(DONE, pydate(chosen))

    def add_progress(self) -> bool:
        """Ask for a new entry of the selected unit and add it (one undo step)."""
        item = self.current()
        if item is None:
            return False
        dialog = ProgressEntryDialog(item.unit, self.tracking.today(), self)
        if dialog.exec() != ProgressEntryDialog.DialogCode.Accepted or dialog.entry() is None:
            return False
        return self._apply(replace(item), dialog.entry(), f"添加进展：{item.unit}")

    def request_history(self) -> None:
        """历次报送…: the shown row's history (nothing without a row that has units)."""
        if self.task_id and self.assignments():
            self.history_requested.emit(self.task_id)

    def _open_attachment(self, entry_item: QListWidgetItem) -> None:
        row = self.log.row(entry_item)
        paths = self._attachments[row] if 0 <= row < len(self._attachments) else ()
        if paths:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths[0])))
