"""Qt table models of the 督办 dashboard: counts per unit or category, and the due lists.

:class:`TallyModel` has one row per unit (or level-1 category) — 单位 · 任务数 · 已完成 · 持续推进 ·
推进中 · 未开始 · 逾期 · 完成率 — and :class:`DueListModel` one row per assignment on the overdue or
due-soon list. Both are replaced as a whole when the data is reloaded (a model reset is cheaper
than diffing); a due list's texts are made only for the rows shown, so a list of thousands of
overdue assignments costs what is on screen. ``SORT_ROLE`` gives numbers for sorting (完成率 as a
fraction); ``STATUS_COLUMNS`` says which displayed status a count column stands for, so a click on a count
can filter to that status.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.model import Plan
from desktop.core.tracking import (
    DISPLAY_LABELS,
    DONE,
    IN_PROGRESS,
    NOT_REPORTED,
    NOT_STARTED,
    ONGOING,
    OVERDUE,
)
from desktop.core.tracking_overview import DueItem, Tally

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 20
KEY_ROLE = Qt.ItemDataRole.UserRole + 21
COUNT_STATUSES: tuple[str, ...] = (DONE, ONGOING, IN_PROGRESS, NOT_STARTED, OVERDUE, NOT_REPORTED)
STATUS_COLUMNS: dict[int, str] = {2 + n: status for n, status in enumerate(COUNT_STATUSES)}
OVERDUE_COLOUR = QColor("#C62828")
NOT_REPORTED_COLOUR = QColor("#6A1B9A")
DONE_COLOUR = QColor("#2E7D32")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def rate_text(tally: Tally) -> str:
    return tally.rate_text


class TallyModel(QAbstractTableModel):
    """Counts by displayed status, one row per unit or category."""

    def __init__(self, first_header: str = "单位", total_header: str = "任务数") -> None:
        super().__init__()
        self.headers = [first_header, total_header, *(DISPLAY_LABELS[s] for s in COUNT_STATUSES), "完成率"]
        self.tallies: list[Tally] = []

    def set_tallies(self, tallies: list[Tally]) -> None:
        self.beginResetModel()
        try:
            self.tallies = list(tallies)
        finally:
            self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tallies)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def value(self, row: int, col: int) -> object:
        """The number (or name) in a cell, as sorted."""
        tally = self.tallies[row]
        if col == 0:
            return tally.label
        if col == 1:
            return tally.total
        if col in STATUS_COLUMNS:
            return tally.counts[STATUS_COLUMNS[col]]
        return tally.rate

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.tallies):
            return None
        row, col = index.row(), index.column()
        tally = self.tallies[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return rate_text(tally) if col == len(self.headers) - 1 else self.value(row, col)
        if role == SORT_ROLE:
            return self.value(row, col)
        if role == KEY_ROLE:
            return tally.key
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(LEFT if col == 0 else RIGHT)
        if role == Qt.ItemDataRole.ForegroundRole:
            if STATUS_COLUMNS.get(col) == OVERDUE and tally.counts[OVERDUE]:
                return QBrush(OVERDUE_COLOUR)
            if STATUS_COLUMNS.get(col) == NOT_REPORTED and tally.counts[NOT_REPORTED]:
                return QBrush(NOT_REPORTED_COLOUR)
            if col == len(self.headers) - 1 and tally.total and tally.done == tally.total:
                return QBrush(DONE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in STATUS_COLUMNS:
                return f"只显示“{tally.label}”中{DISPLAY_LABELS[STATUS_COLUMNS[col]]}的任务"
            return f"只显示“{tally.label}”的任务"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(LEFT if section == 0 else RIGHT)
        return None


DUE_HEADERS = ("序号", "具体要求", "单位", "完成时限", "")
DAYS_COLUMN = 4


class DueListModel(QAbstractTableModel):
    """Assignments on a due list: 序号 · 具体要求 · 单位 · 完成时限 · days overdue or left (tip: due day)."""

    def __init__(self, overdue: bool) -> None:
        super().__init__()
        self.overdue = overdue
        self.items: Sequence[DueItem] = []
        self._plan: Plan | None = None
        self._leaf_row: Callable[[int], int] = lambda _task_id: 0
        self._rows: dict[int, tuple[str, str, str, str, str]] = {}  # made when a row is first shown

    def set_items(self, plan: Plan, items: Sequence[DueItem],
                  leaf_row: Callable[[int], int] | None = None) -> None:
        """Show ``items``; a row's texts are made when it is shown (a long list costs its visible rows).

        ``leaf_row`` gives a requirement's 序号; without it the plan's leaves are counted once.
        """
        if leaf_row is None:
            seqs = {leaf.id: n for n, leaf in enumerate(plan.leaves(), start=1)}
            leaf_row = lambda task_id: seqs.get(task_id, 0)  # noqa: E731
        self.beginResetModel()
        try:
            self.items, self._plan, self._leaf_row, self._rows = items, plan, leaf_row, {}
        finally:
            self.endResetModel()

    def _row(self, row: int) -> tuple[str, str, str, str, str]:
        found = self._rows.get(row)
        if found is None:
            item = self.items[row]
            plan = self._plan
            text = deadline = seq = ""
            if plan is not None and item.task_id in plan:
                task = plan[item.task_id]
                text, deadline = " ".join(task.text.split()), " ".join(task.effective("deadline").split())
                seq = str(self._leaf_row(item.task_id) or "")
            found = self._rows[row] = (seq, text, item.unit, deadline, self._days(item))
        return found

    def _days(self, item: DueItem) -> str:
        if self.overdue:
            return f"逾期 {item.days} 天"
        return "今天到期" if item.days == 0 else f"还有 {item.days} 天"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DUE_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row(row)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return self._row(row)[1]
        if role == Qt.ItemDataRole.ToolTipRole and col in (3, DAYS_COLUMN):
            return f"到期日：{_day(self.items[row].due)}"
        if role == KEY_ROLE:
            return self.items[row].task_id
        if role == Qt.ItemDataRole.ForegroundRole and col == DAYS_COLUMN and self.overdue:
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if col in (0, DAYS_COLUMN) else LEFT)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(DUE_HEADERS):
            return DUE_HEADERS[section] or ("逾期" if self.overdue else "剩余")
        return None


def _day(on: date) -> str:
    return f"{on.year}-{on.month:02d}-{on.day:02d}"
