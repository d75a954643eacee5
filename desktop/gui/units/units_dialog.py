"""The units directory dialog: add, rename everywhere, merge duplicates, reorder, delete, paste a list.

Each unit shows its kind and how many cells of all plans name it. Renaming and merging rewrite
every plan of the workspace in one transaction (the open plans too, in memory), then the views are
refreshed. Every edit is one undo step; the dialog has its own 撤销/重做 buttons (Ctrl+Z/Ctrl+Y).
"收集" adds every name the plans use that the directory does not know yet, which is how a new
workspace gets its first directory from the bundled sample.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import PlanError
from desktop.core.unit_text import split_units
from desktop.core.units import unit_usage, unmatched_names
from desktop.gui.common.dialogs import ask_text, ask_yes_no, ok_cancel, show_error
from desktop.gui.common.keys import redo_keys, undo_keys
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key
from desktop.store.changes import OpChanges

if TYPE_CHECKING:
    from desktop.gui.shell.workbench import Workbench

KIND_LABELS = {"organisation": "单位", "group": "群体"}
PHRASE_MARKS = ("等有关", "等相关", "职责", "落实", "负责", "分别", "配合")
MAX_UNIT_CHARS = 20


def looks_like_unit(name: str) -> bool:
    """False for phrases such as 区财政局等有关部门单位 or 按职责分工分别落实, which stay free text."""
    return len(name) <= MAX_UNIT_CHARS and not any(mark in name for mark in PHRASE_MARKS)


def workspace_usage(bench: Workbench) -> tuple[Counter[str], Counter[str]]:
    """Across all plans: cells naming each directory unit, and names the directory lacks."""
    directory = bench.workspace.units()
    used: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    for summary in bench.summaries():
        session = bench.sessions.get(summary.id)
        plan = session.plan if session is not None else bench.workspace.load_plan(summary.id)
        used.update(unit_usage(plan, directory))
        unknown.update(unmatched_names(plan, directory))
    return used, unknown


class UnitsDialog(QDialog):
    def __init__(self, bench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bench = bench
        self.setWindowTitle("单位名录")
        add_help_key(self, topics.UNITS_DIRECTORY)  # F1: the guide's section on this
        self.search = QLineEdit(placeholderText="搜索单位")
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["名称", "简称/别名", "类别", "使用次数"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        buttons = QGridLayout()
        commands = (("添加…", self.add), ("重命名…", self.rename), ("合并到…", self.merge),
                    ("上移", lambda: self.move_selected(-1)), ("下移", lambda: self.move_selected(1)),
                    ("删除", self.delete),
                    ("粘贴列表…", self.paste_list), ("从计划中收集", self.collect))
        for n, (text, slot) in enumerate(commands):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button, n // 4, n % 4)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        self.undo_button, self.redo_button = self._history_buttons()
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(bottom)
        self.search.textChanged.connect(self._filter)
        bench.units_changed.connect(self._refresh)  # also after Ctrl+Z of a directory edit
        self.resize(720, 560)
        self.reload()

    def _history_buttons(self) -> tuple[QToolButton, QToolButton]:
        """撤销/重做 inside the dialog (Ctrl+Z / Ctrl+Y too): the window's own actions cannot be
        reached while this modal dialog is open. They follow the same undo stack as the window's."""
        group = self.bench.stack
        found: list[QToolButton] = []
        for action, keys in ((group.createUndoAction(self, "撤销"), undo_keys()),
                             (group.createRedoAction(self, "重做"), redo_keys())):
            action.setShortcuts(keys)
            self.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            found.append(button)
        return found[0], found[1]

    def _refresh(self) -> None:
        self.reload(self.selected())

    # ----- showing -----------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        directory = self.bench.workspace.units()
        used, _ = workspace_usage(self.bench)
        self.table.setRowCount(0)
        for unit in directory:
            row = self.table.rowCount()
            self.table.insertRow(row)
            values = (unit.name, "、".join(unit.names()[1:]), KIND_LABELS.get(unit.kind, unit.kind),
                      str(used.get(unit.name, 0)))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
            if unit.name == select:
                self.table.selectRow(row)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        for row in range(self.table.rowCount()):
            names = self._text(row, 0) + self._text(row, 1)
            self.table.setRowHidden(row, bool(text.strip()) and text.strip() not in names)

    def selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def names(self) -> list[str]:
        return [self._text(r, 0) for r in range(self.table.rowCount())]

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    # ----- editing (through the workbench's undoable directory edits) ------------------------
    def _try(self, action: str, work: Callable[[], object], select: str | None = None) -> bool:
        """Run a directory edit (the workbench refreshes the views); show a refusal as a dialog."""
        try:
            work()
        except PlanError as error:
            show_error(self, action, str(error))
            return False
        self.reload(select)
        return True

    def _edit(self, action: str, change: Callable[[], OpChanges], select: str | None = None) -> bool:
        """Make a directory change as one step on the app's undo stack (see ``_try``)."""
        return self._try(action, lambda: self.bench.do(change), select)

    def add(self) -> None:
        name = ask_text(self, "添加单位", "单位名称：")
        if name and name.strip():
            self._edit("添加单位", lambda: self.bench.workspace.add_unit(name.strip()), name.strip())

    def rename(self) -> None:
        old = self.selected()
        if old is None:
            return
        new = ask_text(self, "重命名单位", f"“{old}”的新名称（所有计划中一并修改）：", old)
        if new and new.strip() and new.strip() != old:
            self._edit("重命名单位", lambda: self.bench.workspace.rename_unit(old, new.strip()), new.strip())

    def merge(self) -> None:
        drop = self.selected()
        if drop is None:
            return
        others = [n for n in self.names() if n != drop]
        keep, ok = QInputDialog.getItem(self, "合并单位", f"把“{drop}”合并到：", others, 0, False)
        if ok and keep and ask_yes_no(self, "合并单位", f"所有计划中的“{drop}”都将改为“{keep}”，"
                                      f"“{drop}”作为“{keep}”的别名保留。可以用“撤销”（Ctrl+Z）复原，继续吗？"):
            self.merge_into(keep, drop)

    def merge_into(self, keep: str, drop: str) -> bool:
        """Merge through the workbench's undoable directory edits (one step: undo restores everything)."""
        return self._edit("合并单位", lambda: self.bench.workspace.merge_units(keep, drop), keep)

    def move_selected(self, delta: int) -> None:
        name = self.selected()
        names = self.names()
        if name is None:
            return
        row = names.index(name)
        target = row + delta
        if 0 <= target < len(names):
            names.insert(target, names.pop(row))
            self._edit("调整顺序", lambda: self.bench.workspace.reorder_units(names), name)

    def delete(self) -> None:
        name = self.selected()
        if name is not None and ask_yes_no(self, "删除单位", f"从名录中删除“{name}”？计划中的文字保持不变。"):
            self._edit("删除单位", lambda: self.bench.workspace.delete_unit(name))

    def paste_list(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("粘贴单位列表")
        edit = QPlainTextEdit(dialog)
        edit.setPlaceholderText("每行一个单位（可直接粘贴 Excel 或 Word 中的一列）")
        layout = QVBoxLayout(dialog)
        layout.addWidget(edit)
        layout.addWidget(ok_cancel(dialog))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_names([n for line in edit.toPlainText().splitlines() for n in split_units(line)])

    def collect(self) -> None:
        _, unknown = workspace_usage(self.bench)
        self.add_names([name for name, _ in unknown.most_common() if looks_like_unit(name)])

    def add_names(self, names: list[str]) -> int:
        """Add the names the directory lacks, in order; returns how many were added."""
        directory = self.bench.workspace.units()
        wanted = dict.fromkeys(n.strip() for n in names if n.strip())
        missing = [name for name in wanted if directory.find(name) is None]
        added = 0
        if not missing:  # no empty step on the undo stack
            self.reload()
            return added
        stack = self.bench.stack  # the app's one undo stack: one step for the whole list
        stack.beginMacro("添加单位")
        try:
            for name in missing:
                if directory.find(name) is None:
                    try:
                        self.bench.do(functools.partial(self.bench.workspace.add_unit, name))
                        added += 1
                    except PlanError:
                        continue
                    directory = self.bench.workspace.units()
        finally:
            stack.endMacro()
        self.reload()
        return added
