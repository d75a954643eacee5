"""The comparison window: two versions side by side, the counts, a filter, notes, export, and —
when the new version is a unit's copy of the open plan — taking changes over as one undo step.

Rows: 类别 · 原稿 (deleted words struck through) · 修改稿 (added words underlined) · 修改说明
(the clerk's note, editable; the description until one is typed) · 采纳 (a check box per change).
"全选本类" ticks every change the filter shows (all additions, all moves …); "采纳勾选的修改"
applies the ticked ones as one step on the plan's undo stack, named after the unit that proposed
them, then compares again so only what was not taken over is left.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.compare import Comparison, accept_batch, compare_plans
from desktop.core.model import Plan, PlanError
from desktop.gui.common.dialogs import show_error
from desktop.gui.common.export_notice import ExportNotice
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key
from desktop.gui.versions.comparison_model import (
    ACCEPT_COL,
    FILTERS,
    KIND_COL,
    NEW_COL,
    NOTE_COL,
    OLD_COL,
    ComparisonModel,
)
from desktop.gui.versions.html_delegate import HtmlDelegate

if TYPE_CHECKING:
    from desktop.gui.plans.plan_session import PlanSession

EXPORT_FILTER = "Word 文档 (*.docx);;Excel 工作簿 (*.xlsx);;JSON (*.json)"


class ComparisonWindow(QDialog):
    """Compare ``old`` with ``new``; with ``session`` (whose plan is ``old``) changes can be taken over."""

    def __init__(self, old: Plan, new: Plan, *, old_label: str, new_label: str,
                 session: PlanSession | None = None, proposer: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"比较：{old_label} ↔ {new_label}")
        add_help_key(self, topics.VERSIONS_COMPARE)  # F1: the guide's section on this
        self.old, self.new, self.session = old, new, session
        self.labels = (old_label, new_label)
        comparison = compare_plans(old, new, old_label=old_label, new_label=new_label, proposer=proposer)
        self.model = ComparisonModel(comparison, can_accept=session is not None)
        self._version = session.version if session is not None else 0
        self.counts = QLabel()
        self.counts.setObjectName("comparison_counts")
        self.filter = QComboBox()
        for label, key in FILTERS:
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(HtmlDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.sectionResized.connect(lambda *_a: self.view.resizeRowsToContents())
        self.export_button = QPushButton("导出修改对照表…")
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(QLabel("显示："))
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.proposer = QLineEdit(proposer)
        self.proposer.setPlaceholderText("提出修改的单位")
        self.proposer.textChanged.connect(self._proposer_changed)
        buttons.addWidget(QLabel("提出单位："))
        buttons.addWidget(self.proposer)
        if session is not None:
            self.tick_all = QPushButton("全选本类")
            self.tick_all.clicked.connect(lambda: self.model.set_accepted(self.model.entries, True))
            self.tick_none = QPushButton("全不选")
            self.tick_none.clicked.connect(lambda: self.model.set_accepted(self.model.comparison.changes(),
                                                                           False))
            self.accept_button = QPushButton("采纳勾选的修改")
            self.accept_button.setDefault(True)
            self.accept_button.clicked.connect(self.accept_chosen)
            buttons.addWidget(self.tick_all)
            buttons.addWidget(self.tick_none)
            buttons.addStretch(1)
            buttons.addWidget(self.accept_button)
        else:
            buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.notice = ExportNotice(self)  # after 导出修改对照表: 打开所在文件夹 · 打开文件
        layout.addWidget(self.notice)
        self.resize(1280, 760)
        self._refresh()

    @property
    def comparison(self) -> Comparison:
        return self.model.comparison

    def _proposer_changed(self, text: str) -> None:
        self.comparison.proposer = text.strip()

    def _filter_changed(self) -> None:
        self.model.set_filter(self.filter.currentData())
        self._layout_rows()

    def _refresh(self) -> None:
        comparison = self.comparison
        self.counts.setText(f"{comparison.old_label} → {comparison.new_label}：{comparison.summary()}")
        self._layout_rows()

    def _layout_rows(self) -> None:
        width = max(900, self.view.viewport().width())
        self.view.setColumnWidth(KIND_COL, 90)
        self.view.setColumnWidth(NOTE_COL, 220)
        if self.model.can_accept:
            self.view.setColumnWidth(ACCEPT_COL, 48)
        rest = width - 90 - 220 - (48 if self.model.can_accept else 0) - 4
        self.view.setColumnWidth(OLD_COL, rest // 2)
        self.view.setColumnWidth(NEW_COL, rest - rest // 2)
        self.view.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._layout_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_rows()

    def export(self, target: Path | None = None) -> Path | None:
        """Write the 修改对照表 (.docx/.xlsx) or the comparison (.json); asks for the file if not given."""
        if target is None:
            suggested = f"{self.comparison.new_label}修改对照表.docx"
            name, _ = QFileDialog.getSaveFileName(self, "导出修改对照表", suggested,
                                                  EXPORT_FILTER)
            if not name:
                return None
            target = Path(name)
        from desktop.formats.compare_table import export_comparison

        try:
            export_comparison(self.comparison, target)
        except (PlanError, OSError) as error:
            show_error(self, "导出修改对照表", str(error))
            return None
        self.notice.show_file(target, f"已导出修改对照表“{target.name}”")
        return target

    def accept_chosen(self) -> int:
        """Take the ticked changes over as one undo step; returns how many were taken over."""
        if self.session is None:
            return 0
        if self.session.version != self._version:
            self._recompare()
            show_error(self, "采纳修改", "计划在比较之后又修改过，比较结果已经更新，请重新勾选要采纳的修改。")
            return 0
        chosen = self.model.chosen()
        if not chosen:
            show_error(self, "采纳修改", "请先勾选要采纳的修改。")
            return 0
        proposer = self.comparison.proposer
        label = f"采纳{proposer or self.labels[1]}的修改（{len(chosen)} 处）"
        try:
            batch = accept_batch(self.session.plan, self.new, self.comparison, chosen, label=label)
            self.session.do(batch, label)
        except PlanError as error:
            show_error(self, "采纳修改", str(error))
            return 0
        self._recompare()
        return len(chosen)

    def _recompare(self) -> None:
        """Compare the plan with the new version again, keeping the clerk's notes."""
        assert self.session is not None
        notes = {(tuple(e.old_ids), tuple(e.new_ids)): e.note for e in self.comparison.entries if e.note}
        fresh = compare_plans(self.session.plan, self.new, old_label=self.labels[0], new_label=self.labels[1],
                              proposer=self.comparison.proposer)
        for entry in fresh.entries:
            entry.note = notes.get((tuple(entry.old_ids), tuple(entry.new_ids)), "")
        self._version = self.session.version
        self.model.set_comparison(fresh)
        self._refresh()
