"""The recycle bin (计划 → 回收站…): deleted plans, with 恢复 and 彻底删除.

Deleting a plan only moves it here. 恢复 takes it back into the plan list and shows it (an undo
step of the plan list, like the deletion itself). 彻底删除 asks first and says plainly that it
cannot be undone: the plan, its tasks and its 督办 records are removed from the workspace file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import PlanError
from desktop.gui.common.dialogs import show_error
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key

if TYPE_CHECKING:
    from desktop.gui.shell.workbench import Workbench

COLUMNS = ("标题", "年度", "行数", "删除时间")
EMPTY = "回收站是空的。"
HINT = "删除的计划保存在回收站中，可以恢复。“彻底删除”会把计划连同督办记录永久删除，不能撤销。"


def purge_question(title: str) -> str:
    return (f"彻底删除“{title}”？\n\n计划的全部任务和督办记录都将从工作区中永久删除。"
            "此操作不能撤销，也不能再从回收站恢复。")


def confirm_purge(parent: QWidget | None, title: str) -> bool:
    """The question before purging: a warning whose default answer is 取消."""
    box = QMessageBox(QMessageBox.Icon.Warning, "彻底删除", purge_question(title), parent=parent)
    purge = box.addButton("彻底删除", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is purge


class RecycleBinDialog(QDialog):
    def __init__(self, bench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bench = bench
        self.setWindowTitle("回收站")
        add_help_key(self, topics.EDIT_UNDO)  # F1: the guide's section on this
        self.hint = QLabel(HINT, self)
        self.hint.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setColumnCount(len(COLUMNS))
        self.list.setHeaderLabels(list(COLUMNS))
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName("回收站中的计划")
        self.empty = QLabel(EMPTY, self)
        self.restore_button = QPushButton("恢复", self)
        self.purge_button = QPushButton("彻底删除…", self)
        close = QPushButton("关闭", self)
        self.restore_button.clicked.connect(self.restore)
        self.purge_button.clicked.connect(self.purge)
        close.clicked.connect(self.accept)
        self.list.itemActivated.connect(lambda _item, _col: self.restore())
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        bench.plans_changed.connect(self.reload)
        self.resize(640, 400)
        self.reload()

    def reload(self) -> None:
        selected = self.selected_id()
        self.list.clear()
        for summary in self.bench.deleted_plans():
            deleted = summary.deleted_at.astimezone().strftime("%Y-%m-%d %H:%M") if summary.deleted_at else ""
            item = QTreeWidgetItem([summary.title, str(summary.year or ""), str(summary.leaf_count), deleted])
            item.setData(0, Qt.ItemDataRole.UserRole, summary.id)
            item.setToolTip(0, summary.title)
            for col in (1, 2):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
            self.list.addTopLevelItem(item)
            if summary.id == selected or self.list.currentItem() is None:
                self.list.setCurrentItem(item)
        self.list.resizeColumnToContents(0)
        self.empty.setVisible(self.list.topLevelItemCount() == 0)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected_id() is not None
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def _selected_title(self) -> str:
        item = self.list.currentItem()
        return "" if item is None else item.text(0)

    def restore(self) -> bool:
        """Put the chosen plan back in the list and show it (undoable)."""
        plan_id = self.selected_id()
        if plan_id is None:
            return False
        try:
            self.bench.restore_plan(plan_id)
        except PlanError as error:
            show_error(self, "恢复计划", str(error))
            return False
        return True

    def purge(self) -> bool:
        """Delete the chosen plan for good, after a question that says it cannot be undone."""
        plan_id = self.selected_id()
        if plan_id is None or not confirm_purge(self, self._selected_title()):
            return False
        try:
            self.bench.purge_plan(plan_id)
        except PlanError as error:
            show_error(self, "彻底删除", str(error))
            return False
        return True


def open_recycle_bin(bench: Workbench, parent: QWidget | None = None) -> None:
    dialog = RecycleBinDialog(bench, parent)
    dialog.exec()
    dialog.deleteLater()
