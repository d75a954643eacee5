"""The workspace's plan list: title, year, rows and last change, with the plan-level commands.

Clicking a plan (or moving to it with the arrow keys) opens it. New, duplicate, rename, delete
(after a question) and archive are in the 计划 menu and in the list's context menu. Archived plans
are listed only when "显示已归档" is ticked. Dropping tasks dragged from the tree on a plan copies
them into that plan.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.outline.tree_dnd import TaskPayload
from desktop.store.workspace import PlanSummary

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("标题", "年度", "行数", "修改")


def short_time(moment: datetime, now: datetime | None = None) -> str:
    """The last change, short enough to leave the title its room: 14:05 today, 12-01 earlier this
    year, 2025-12-01 before that."""
    now = now or datetime.now(moment.tzinfo)
    if moment.date() == now.date():
        return moment.strftime("%H:%M")
    return moment.strftime("%m-%d" if moment.year == now.year else "%Y-%m-%d")


class _TitleDelegate(QStyledItemDelegate):
    """Titles wrap onto more lines at the column's width (the view itself measures one line)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        width = self._view.columnWidth(0) - 8
        text = str(index.data() or "")
        if width <= 20 or not text:
            return hint
        flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
        box = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000), int(flags), text)
        return QSize(hint.width(), max(hint.height(), box.height() + 6))

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText


class PlanTree(QTreeWidget):
    """The list itself; emits ``tasks_dropped(payload, plan_id)`` for tasks dropped on a plan."""

    tasks_dropped = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setRootIsDecorated(False)
        # Long titles wrap onto a second line instead of always ending in "…".
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setItemDelegateForColumn(0, _TitleDelegate(self))
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAccessibleName("计划列表")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes what is left
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(24)
        # Wrapped rows are measured at the title column's width: measure again when it changes.
        header.sectionResized.connect(self._section_resized)

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 0:
            self.scheduleDelayedItemsLayout()

    def _payload_target(self, event: QDropEvent | QDragMoveEvent) -> tuple[TaskPayload, int] | None:
        payload = TaskPayload.from_mime(event.mimeData())
        item = self.itemAt(event.position().toPoint())
        if payload is None or item is None:
            return None
        return payload, int(item.data(0, Qt.ItemDataRole.UserRole))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if TaskPayload.from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._payload_target(event) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        found = self._payload_target(event)
        if found is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.tasks_dropped.emit(*found)


class PlanListPanel(QWidget):
    """Emits ``plan_activated(plan_id)``; the owner connects the plan commands."""

    plan_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = PlanTree(self)
        self.show_archived = QCheckBox("显示已归档", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        bottom = QHBoxLayout()
        bottom.addWidget(self.show_archived)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.list.currentItemChanged.connect(lambda item, _previous: self._activated(item))
        self.list.itemActivated.connect(lambda item, _col: self._activated(item))

    def _activated(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.plan_activated.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def show_plans(self, summaries: list[PlanSummary], current_id: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for summary in summaries:
            if summary.archived and not self.show_archived.isChecked():
                continue
            title = summary.title + ("（已归档）" if summary.archived else "")
            changed = short_time(summary.updated_at.astimezone())
            item = QTreeWidgetItem([title, str(summary.year or ""), str(summary.leaf_count), changed])
            item.setData(0, Qt.ItemDataRole.UserRole, summary.id)
            item.setToolTip(0, summary.title)
            item.setToolTip(3, summary.updated_at.astimezone().strftime("%Y-%m-%d %H:%M"))
            for col in (1, 2):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
            self.list.addTopLevelItem(item)
            if summary.id == current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def show_leaf_count(self, plan_id: int, leaf_count: int) -> None:
        """One plan's rows changed (an edit): its count and its time of change, nothing else read."""
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item is not None and int(item.data(0, Qt.ItemDataRole.UserRole)) == plan_id:
                item.setText(2, str(leaf_count))
                now = datetime.now().astimezone()
                item.setText(3, short_time(now))
                item.setToolTip(3, now.strftime("%Y-%m-%d %H:%M"))
                return

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))
