"""The result of a feedback import: one line per returned row, colour-coded, filterable.

Each row says what became of it — 已导入 / 无变化 / 冲突 / 已拒绝, with the reason — and files that
could not be imported at all get a line of their own (文件未导入). The list can be narrowed to one
outcome. Conflicts (a genuine report on a row whose locked cells were edited, or whose task changed
since the export) can be selected and accepted with 采用所选冲突: ``accept_handler`` applies them
as one undoable step and the lines turn to 已采用. The dialog is not modal: the clerk can look
at the plan while it is open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.feedback_check import APPLIED, CONFLICT, OUTCOME_LABELS, REJECTED, UNCHANGED, RowOutcome
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key
from desktop.store.feedback_store import FeedbackImport

FILE_FAILED = "file_failed"
ACCEPTED = "accepted"
LABELS: dict[str, str] = {**OUTCOME_LABELS, FILE_FAILED: "文件未导入", ACCEPTED: "已采用"}
COLOURS: dict[str, tuple[str, str]] = {  # background, text
    APPLIED: ("#E8F5E9", "#1B5E20"), ACCEPTED: ("#E8F5E9", "#1B5E20"), UNCHANGED: ("#F5F5F5", "#555555"),
    CONFLICT: ("#FFF3E0", "#E65100"), REJECTED: ("#FFEBEE", "#B71C1C"), FILE_FAILED: ("#FFEBEE", "#B71C1C"),
}
HEADERS = ("文件", "行", "单位", "序号", "具体要求", "结果", "说明")
FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("全部", ()), ("已导入", (APPLIED, ACCEPTED)), ("无变化", (UNCHANGED,)), ("冲突", (CONFLICT,)),
    ("已拒绝", (REJECTED, FILE_FAILED)),
)
AcceptHandler = Callable[[Sequence[RowOutcome]], bool]


def summary_text(result: FeedbackImport) -> str:
    """共 3 个文件，21 行：已导入 11 行，无变化 6 行，冲突 2 行，已拒绝 2 行。 (as the CLI says it)"""
    totals = result.counts()
    failed = len(result.failed)
    files = f"共 {len(result.files)} 个文件" + (f"（{failed} 个未能导入）" if failed else "")
    text = (f"{files}，{len(result.rows)} 行：已导入 {totals[APPLIED]} 行，无变化 {totals[UNCHANGED]} 行，"
            f"冲突 {totals[CONFLICT]} 行，已拒绝 {totals[REJECTED]} 行。")
    issues = sum(len(item.issues) for item in result.files)
    if issues:
        text += f"另有 {issues} 处填写内容无法识别，未导入（该行其余内容已导入，见“说明”）。"
    notes = [note for item in result.files for note in item.notes]
    return "\n".join([text, *notes])


class FeedbackResultDialog(QDialog):
    """Shows a :class:`FeedbackImport`; ``accept_handler(rows)`` applies chosen conflicts."""

    def __init__(self, result: FeedbackImport, accept_handler: AcceptHandler | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("反馈表导入结果")
        add_help_key(self, topics.TRACKING_IMPORT)  # F1: the guide's section on this
        self.result_ = result
        self._accept_handler = accept_handler
        self.lines: list[tuple[str, RowOutcome | None]] = []  # (outcome key, row) per table row
        self.summary = QLabel(summary_text(result), self)
        self.summary.setWordWrap(True)
        self.filter = QComboBox(self)
        self.filter.setAccessibleName("按结果筛选")
        for label, _keys in FILTERS:
            self.filter.addItem(label)
        self.filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.accept_button = QPushButton("采用所选冲突", self)
        self.accept_button.setToolTip("把所选“冲突”行报送的进展和状态记入（可撤销）")
        self.accept_button.setEnabled(False)
        self.accept_button.clicked.connect(self.accept_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("显示：", self))
        top.addWidget(self.filter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.accept_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._fill()
        self.table.setColumnWidth(4, 260)
        self.resize(1100, 560)

    # ----- content -----------------------------------------------------------------------------
    def _fill(self) -> None:
        for item in self.result_.files:
            if item.error:
                self._add_line(FILE_FAILED, None, (item.source, "—", item.unit, "", "", item.error))
            for row in item.rows:
                texts = (row.source, str(row.sheet_row), item.unit, row.seq, row.task, row.reason)
                self._add_line(row.outcome, row, texts)
        self.table.resizeRowsToContents()

    def _add_line(self, outcome: str, row: RowOutcome | None, texts: tuple[str, ...]) -> None:
        line = self.table.rowCount()
        self.table.insertRow(line)
        source, sheet_row, unit, seq, task, reason = texts
        for col, text in enumerate((source, sheet_row, unit, seq, task, "", reason)):
            self.table.setItem(line, col, QTableWidgetItem(text))
        self.lines.append((outcome, row))
        self._paint(line)

    def _paint(self, line: int) -> None:
        outcome = self.lines[line][0]
        background, foreground = COLOURS[outcome]
        for col in range(self.table.columnCount()):
            item = self.table.item(line, col)
            if item is None:  # never: _add_line gives every column an item
                continue
            item.setBackground(QBrush(QColor(background)))
            if col == 5:
                item.setText(LABELS[outcome])
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setForeground(QBrush(QColor(foreground)))

    def outcome_of(self, line: int) -> str:
        return self.lines[line][0]

    def visible_lines(self) -> list[int]:
        return [line for line in range(self.table.rowCount()) if not self.table.isRowHidden(line)]

    def apply_filter(self) -> None:
        keys = FILTERS[self.filter.currentIndex()][1]
        for line, (outcome, _row) in enumerate(self.lines):
            self.table.setRowHidden(line, bool(keys) and outcome not in keys)

    def select_outcome(self, outcome: str) -> None:
        """Select every visible line with this outcome (what a clerk does with Ctrl+click)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for line in self.visible_lines():
            if self.lines[line][0] == outcome:
                self.table.selectRow(line)
        self.table.setSelectionMode(mode)

    # ----- accepting conflicts -----------------------------------------------------------------
    def selected_conflicts(self) -> list[int]:
        lines = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [line for line in lines
                if self.lines[line][0] == CONFLICT and not self.table.isRowHidden(line)]

    def _selection_changed(self) -> None:
        self.accept_button.setEnabled(self._accept_handler is not None and bool(self.selected_conflicts()))

    def accept_selected(self) -> bool:
        lines = self.selected_conflicts()
        rows = [row for line in lines if (row := self.lines[line][1]) is not None and row.update is not None]
        if not rows or self._accept_handler is None or not self._accept_handler(rows):
            return False
        for line in lines:
            self.lines[line] = (ACCEPTED, self.lines[line][1])
            self._paint(line)
        self.apply_filter()
        self._selection_changed()
        return True
