"""The 「历次报送」 dialog: one row's history across reporting rounds, newest round first.

Opened from the 进展 panel (its 历次报送… button, the units table's context menu or a double-click
on a unit), from the dashboard's overdue and due-soon lists (context menu) and from 督办 → 历次报送…
for the current row. A table lists, per round and unit: 报送轮次 (进行中 / 截至 the day it closed),
单位, 报送情况 (已报送 / 部分退回 / 未报送), 完成状态 (with its date; 逾期 and 未报送 in colour),
进展情况 (the latest report then) and 进展日期. The rows of one round share a shade so rounds read
apart. It only reads the workspace (``desktop.store.row_history``); nothing here changes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.tracking import NOT_REPORTED, OVERDUE
from desktop.core.tracking_history import RoundHistory, history_rows
from desktop.core.tracking_rounds import NOT_SENT, PARTLY

HEADERS = ("报送轮次", "单位", "报送情况", "完成状态", "进展情况", "进展日期")
STATUS_COLUMN, RETURNED_COLUMN, PROGRESS_COLUMN = 3, 2, 4
FLAG_COLOURS = {OVERDUE: "#C62828", NOT_REPORTED: "#6A1B9A", NOT_SENT: "#C62828", PARTLY: "#E65100"}
ROUND_SHADE = QBrush(QColor("#F3F6FA"))


class RoundHistoryDialog(QDialog):
    """The history of row ``seq`` (its text ``title``), newest round first; ``rows()`` gives its cells."""

    def __init__(self, seq: int, title: str, history: Sequence[RoundHistory],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("历次报送")
        self.history = list(history)
        text = " ".join(title.split())
        self.heading = QLabel(f"序号 {seq}：{text}", self, wordWrap=True)
        self.heading.setStyleSheet("font-weight: bold;")
        rounds = [item for item in self.history if not item.current or item.units]
        summary = f"共 {len(rounds)} 个报送轮次（最新在前）" if rounds else "这项任务还没有单位。"
        self.summary = QLabel(summary, self)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setAccessibleName("历次报送")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROGRESS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._fill()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def _fill(self) -> None:
        lines = history_rows(self.history)
        units = [(index, unit) for index, item in enumerate(self.history) for unit in item.units]
        self.table.setRowCount(len(lines))
        for row, (cells, (round_index, unit)) in enumerate(zip(lines, units, strict=True)):
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == PROGRESS_COLUMN:
                    cell.setToolTip(text)
                colour = (FLAG_COLOURS.get(unit.shown) if col == STATUS_COLUMN
                          else FLAG_COLOURS.get(unit.returned) if col == RETURNED_COLUMN else None)
                if colour is not None:
                    cell.setForeground(QBrush(QColor(colour)))
                if round_index % 2:
                    cell.setBackground(ROUND_SHADE)
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()

    def rows(self) -> list[list[str]]:
        """The table's cells as shown, row by row."""
        out = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, col) for col in range(self.table.columnCount())]
            out.append([cell.text() if cell is not None else "" for cell in cells])
        return out
