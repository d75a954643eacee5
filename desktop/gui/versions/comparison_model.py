"""The table model of the comparison window: one row per entry, with a 采纳 check box when
the changes can be taken over, and the clerk's 修改说明 editable in place."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.compare.result import Comparison, Entry
from desktop.gui.versions.diff_html import kind_text, new_html, old_html

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("类别", "原稿", "修改稿", "修改说明", "采纳")
KIND_COL, OLD_COL, NEW_COL, NOTE_COL, ACCEPT_COL = range(5)
Index = QModelIndex | QPersistentModelIndex

# What the filter offers: its label and the count key an entry must have (None: every change).
FILTERS: tuple[tuple[str, str | None], ...] = (
    ("全部修改", None), ("新增", "added"), ("删除", "removed"), ("修改", "changed"), ("移动", "moved"),
    ("属性变化", "attrs"), ("合并", "merged"), ("拆分", "split"), ("含未变的行", "same"))
_KIND_COLOURS = {"added": "#d9f2df", "removed": "#fbdede", "merged": "#fff1d6", "split": "#fff1d6"}


class ComparisonModel(QAbstractTableModel):
    def __init__(self, comparison: Comparison, can_accept: bool) -> None:
        super().__init__()
        self.comparison = comparison
        self.can_accept = can_accept
        self.accepted: set[int] = set()  # id() of the entries ticked for taking over
        self.filter: str | None = None
        self.entries: list[Entry] = []
        self._refilter()

    def set_comparison(self, comparison: Comparison) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.accepted.clear()
        self._refilter()
        self.endResetModel()

    def set_filter(self, key: str | None) -> None:
        self.beginResetModel()
        self.filter = key
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        if self.filter == "same":
            self.entries = list(self.comparison.entries)
        elif self.filter is None:
            self.entries = self.comparison.changes()
        else:
            self.entries = [e for e in self.comparison.changes() if self.filter in e.categories]

    def chosen(self) -> list[Entry]:
        return [e for e in self.comparison.changes() if id(e) in self.accepted]

    def set_accepted(self, entries: list[Entry], accepted: bool) -> None:
        for entry in entries:
            if not entry.is_change:
                continue
            if accepted:
                self.accepted.add(id(entry))
            else:
                self.accepted.discard(id(entry))
        if self.entries:
            self.dataChanged.emit(self.index(0, ACCEPT_COL), self.index(len(self.entries) - 1, ACCEPT_COL))

    # ----- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (5 if self.can_accept else 4)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == OLD_COL:
                return f"原稿：{self.comparison.old_label}"
            if section == NEW_COL:
                return f"修改稿：{self.comparison.new_label}"
            return COLUMNS[section]
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        entry = self.entries[index.row()]
        if index.column() == NOTE_COL and entry.is_change:
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == ACCEPT_COL and entry.is_change:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _KIND_COLOURS.get(entry.kind)
            from PySide6.QtGui import QColor

            return QColor(colour) if colour else None
        if column == OLD_COL:
            if role == HTML_ROLE:
                return old_html(entry)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return entry.old_text
        elif column == NEW_COL:
            if role == HTML_ROLE:
                return new_html(entry)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return entry.new_text
        elif column == KIND_COL and role == Qt.ItemDataRole.DisplayRole:
            return kind_text(entry)
        elif column == NOTE_COL and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if not entry.is_change:
                return ""
            return entry.note if role == Qt.ItemDataRole.EditRole else (entry.note or entry.describe())
        elif column == ACCEPT_COL and role == Qt.ItemDataRole.CheckStateRole and entry.is_change:
            return Qt.CheckState.Checked if id(entry) in self.accepted else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entry = self.entries[index.row()]
        if index.column() == NOTE_COL and role == Qt.ItemDataRole.EditRole:
            entry.note = str(value or "").strip()
        elif index.column() == ACCEPT_COL and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.set_accepted([entry], checked)
        else:
            return False
        self.dataChanged.emit(index, index)
        return True
