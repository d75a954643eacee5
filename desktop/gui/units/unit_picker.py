"""Picking the units of a cell (牵头/责任/配合单位): multi-select with search, in directory order.

The left list is the units directory, filtered as you type; ticking a unit adds it to the chosen
list on the right. Phrases that are not units (按职责分工分别牵头落实 …) can be added as free text.
The result is joined with 、 in directory order, free text last, unless "按选择顺序" is ticked, then
in the order of the chosen list, which ↑/↓ rearrange. Leaving the choice unchanged gives back the
cell's text exactly as it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from desktop.core.unit_text import split_units
from desktop.core.units import UnitDirectory, join_units
from desktop.gui.common.dialogs import ok_cancel
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key


class UnitPickerDialog(QDialog):
    """``result_text()`` after ``exec()``; ``chosen()`` lists the names in their current order."""

    def __init__(self, directory: UnitDirectory, text: str, title: str = "选择单位",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        add_help_key(self, topics.UNITS)  # F1: the guide's section on this
        self.directory = directory
        self._original = text
        self._original_names = split_units(text)
        self.search = QLineEdit(placeholderText="搜索单位（名称、简称或别名）")
        self.search.setClearButtonEnabled(True)
        self.units = QListWidget()
        self.selected = QListWidget()
        self.free = QLineEdit(placeholderText="其他文字，如“按职责分工分别牵头落实”")
        add_free = QPushButton("添加文字")
        up, down, remove = QPushButton("上移"), QPushButton("下移"), QPushButton("移除")
        self.by_hand = QCheckBox("按选择顺序排列（否则按名录顺序）")
        self.preview = QLabel(wordWrap=True)
        buttons = ok_cancel(self)
        grid = QGridLayout(self)
        grid.addWidget(self.search, 0, 0)
        grid.addWidget(QLabel("已选（可拖动或用按钮调整顺序）"), 0, 1, 1, 3)
        grid.addWidget(self.units, 1, 0, 4, 1)
        grid.addWidget(self.selected, 1, 1, 1, 3)
        grid.addWidget(up, 2, 1)
        grid.addWidget(down, 2, 2)
        grid.addWidget(remove, 2, 3)
        grid.addWidget(self.free, 3, 1, 1, 2)
        grid.addWidget(add_free, 3, 3)
        grid.addWidget(self.by_hand, 4, 1, 1, 3)
        grid.addWidget(self.preview, 5, 0, 1, 4)
        grid.addWidget(buttons, 6, 0, 1, 4)
        self.resize(760, 480)
        self._fill(text)
        self.search.textChanged.connect(self._filter)
        self.units.itemChanged.connect(self._ticked)
        add_free.clicked.connect(self._add_free)
        self.free.returnPressed.connect(self._add_free)
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        remove.clicked.connect(self._remove)
        self.by_hand.toggled.connect(lambda _b: self._update_preview())
        self.search.setFocus()

    # ----- state -------------------------------------------------------------------------------
    def _fill(self, text: str) -> None:
        names = split_units(text)
        chosen_units = {u.name for n in names if (u := self.directory.find(n)) is not None}
        self.units.blockSignals(True)
        for unit in self.directory:
            item = QListWidgetItem(unit.name + ("（群体）" if unit.kind == "group" else ""))
            item.setData(Qt.ItemDataRole.UserRole, unit.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = unit.name in chosen_units
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            tip = "、".join(unit.names()[1:])
            item.setToolTip(f"简称/别名：{tip}" if tip else unit.name)
            self.units.addItem(item)
        self.units.blockSignals(False)
        for name in names:
            self._append_chosen(name)
        in_directory_order = join_units(names, self.directory) == "、".join(names)
        self.by_hand.setChecked(bool(names) and not in_directory_order)
        self._update_preview()

    def _append_chosen(self, name: str) -> None:
        item = QListWidgetItem(name)
        if self.directory.find(name) is None:
            item.setToolTip("不是名录中的单位，按原文保留")
            item.setForeground(Qt.GlobalColor.darkMagenta)
        self.selected.addItem(item)

    def chosen(self) -> list[str]:
        return [self.selected.item(i).text() for i in range(self.selected.count())]

    def result_text(self) -> str:
        names = self.chosen()
        if names == self._original_names:
            return self._original
        return join_units(names, self.directory, by_hand=self.by_hand.isChecked())

    # ----- reactions ---------------------------------------------------------------------------
    def _filter(self, query: str) -> None:
        needle = query.strip()
        for i in range(self.units.count()):
            item = self.units.item(i)
            unit = self.directory.find(str(item.data(Qt.ItemDataRole.UserRole)))
            names = unit.names() if unit is not None else (item.text(),)
            item.setHidden(bool(needle) and not any(needle in n for n in names))

    def _ticked(self, item: QListWidgetItem) -> None:
        name = str(item.data(Qt.ItemDataRole.UserRole))
        unit = self.directory.find(name)
        present = [i for i in range(self.selected.count())
                   if self.directory.find(self.selected.item(i).text()) is unit]
        if item.checkState() == Qt.CheckState.Checked and not present:
            self._append_chosen(name)
        elif item.checkState() == Qt.CheckState.Unchecked:
            for row in reversed(present):
                self.selected.takeItem(row)
        self._update_preview()

    def _add_free(self) -> None:
        text = self.free.text().strip()
        if text and text not in self.chosen():
            self._append_chosen(text)
            self.free.clear()
            self._update_preview()

    def _move(self, delta: int) -> None:
        row = self.selected.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.selected.count():
            return
        item = self.selected.takeItem(row)
        self.selected.insertItem(target, item)
        self.selected.setCurrentRow(target)
        self.by_hand.setChecked(True)
        self._update_preview()

    def _remove(self) -> None:
        row = self.selected.currentRow()
        if row < 0:
            return
        name = self.selected.takeItem(row).text()
        unit = self.directory.find(name)
        for i in range(self.units.count()):
            item = self.units.item(i)
            if unit is not None and item.data(Qt.ItemDataRole.UserRole) == unit.name:
                item.setCheckState(Qt.CheckState.Unchecked)
        self._update_preview()

    def _update_preview(self) -> None:
        self.preview.setText(f"结果：{self.result_text() or '（空）'}")
