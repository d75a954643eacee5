"""The outline view of a plan: a QTreeView set up for keyboard editing and dragging subtrees.

The outliner keys themselves (Enter, Ctrl+Enter, Tab, Shift+Tab, Ctrl+↑/↓, Delete …) are QActions
added to this view with a widget shortcut context (see ``tree_actions``), so they act only while
the tree has the focus and never while a cell editor is open. F2 or simply typing starts editing.
Several tasks can be selected (Ctrl/Shift-click, Shift+↑/↓); the selection-aware actions work on
the top-most selected tasks (see ``multi_select``), everything else on the current task.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from desktop.gui.outline.tree_delegate import TaskDelegate
from desktop.gui.outline.tree_model import ROOT, PlanTreeModel


class PlanTreeView(QTreeView):
    """Tree of tasks; emits ``current_task_changed(task_id)`` (0 when nothing is current)."""

    current_task_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setAnimated(False)
        self.setIndentation(18)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        # Qt works out the drop position only with its indicator on; paintEvent adds a bold line
        # or frame at the level the row will take, and says it in words.
        self.setDropIndicatorShown(True)
        self._drop_hint: tuple[QAbstractItemView.DropIndicatorPosition, QModelIndex] | None = None
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAutoExpandDelay(600)
        self.setItemDelegate(TaskDelegate(self))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAccessibleName("任务大纲")

    def plan_model(self) -> PlanTreeModel:
        model = self.model()
        assert isinstance(model, PlanTreeModel)
        return model

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Show ``model`` (a :class:`PlanTreeModel`; ``plan_model`` checks it)."""
        super().setModel(model)
        if model is not None:
            self.selectionModel().currentChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_task_changed.emit(self.plan_model().task_id(current) if current.isValid() else ROOT)

    def current_task_id(self) -> int:
        index = self.currentIndex()
        return self.plan_model().task_id(index) if index.isValid() else ROOT

    def select_task(self, task_id: int) -> None:
        """Make the task current, the only one selected, and visible (its ancestors expanded)."""
        self.select_tasks([task_id])

    def select_tasks(self, task_ids: list[int]) -> None:
        """Select exactly these tasks (expanding their ancestors); the first one becomes current."""
        model = self.plan_model()
        indexes = [model.index_of(task_id) for task_id in task_ids]
        indexes = [index for index in indexes if index.isValid()]
        if not indexes:
            return
        for index in indexes:
            parent = index.parent()
            while parent.isValid():
                self.expand(parent)
                parent = parent.parent()
        flags = QItemSelectionModel.SelectionFlag
        rows = flags.ClearAndSelect | flags.Rows
        # An explicit command, never the view's own (which reads the keyboard: a Ctrl still held
        # after Ctrl+↑ would toggle the row instead of selecting it).
        self.selectionModel().setCurrentIndex(indexes[0], rows)
        if len(indexes) > 1:
            selection = QItemSelection()
            for index in indexes:
                selection.select(index, index)
            self.selectionModel().select(selection, rows)
        self.scrollTo(indexes[0])

    def selected_task_ids(self) -> list[int]:
        """The selected tasks (any order, descendants of selected tasks included); rows a filter
        hides are left out, so an action never reaches a task the clerk cannot see."""
        model = self.plan_model()
        return [model.task_id(index) for index in self.selectionModel().selectedRows()
                if not self.isRowHidden(index.row(), index.parent())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Tab would move the focus away; the indent/outdent actions take it as a shortcut instead.
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.ignore()
            return
        super().keyPressEvent(event)

    # ----- where a dragged row will land ---------------------------------------------------------
    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        index = self.indexAt(event.position().toPoint())
        self._drop_hint = (self.dropIndicatorPosition(), index) if event.isAccepted() else None
        self.viewport().update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        super().dragLeaveEvent(event)
        self._clear_drop_hint()

    def _clear_drop_hint(self) -> None:
        self._drop_hint = None
        self.viewport().update()

    def drop_hint_text(self) -> str:
        """Where the dragged rows would land now, in words ("" when not dragging over the tree)."""
        if self._drop_hint is None:
            return ""
        position, index = self._drop_hint
        Position = QAbstractItemView.DropIndicatorPosition
        if not index.isValid() or position == Position.OnViewport:
            return "放到大纲末尾（第 1 级）"
        name = _short(str(self.plan_model().plan[self.plan_model().task_id(index)].text) or "（空）")
        if position == Position.OnItem:
            return f"作为“{name}”的下级"
        return f"放在“{name}”{'之前' if position == Position.AboveItem else '之后'}（同级）"

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._drop_hint is None:
            return
        position, index = self._drop_hint
        Position = QAbstractItemView.DropIndicatorPosition
        painter = QPainter(self.viewport())
        colour = QColor("#1565C0")
        painter.setPen(QPen(colour, 2))
        rect = self.visualRect(index) if index.isValid() else QRect()
        if position == Position.OnItem and rect.isValid():
            painter.drawRoundedRect(rect.adjusted(1, 1, -2, -2), 3, 3)
            line_y, left = rect.bottom(), rect.left() + self.indentation()  # the child's level
        elif rect.isValid():
            line_y = rect.top() if position == Position.AboveItem else rect.bottom()
            left = rect.left()
        else:
            last = self.visualRect(self.model().index(self.model().rowCount() - 1, 0)) \
                if self.model().rowCount() else QRect()
            line_y, left = (last.bottom() if last.isValid() else 2), 0
        painter.setPen(QPen(colour, 3))
        painter.drawLine(left, line_y, self.viewport().width() - 4, line_y)
        painter.drawEllipse(left - 3, line_y - 3, 6, 6)
        text = self.drop_hint_text()
        metrics = painter.fontMetrics()
        tag = QRect(0, 0, metrics.horizontalAdvance(text) + 10, metrics.height() + 4)
        tag.moveTopRight(self.viewport().rect().topRight())
        tag.moveTop(min(max(line_y + 3, 0), self.viewport().height() - tag.height()))
        tag.moveRight(self.viewport().width() - 4)
        painter.fillRect(tag, colour)
        painter.setPen(QColor("white"))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()

    def dropEvent(self, event: QDropEvent) -> None:
        self._clear_drop_hint()
        super().dropEvent(event)
        if event.isAccepted():
            # The drop handler has already moved or copied the tasks as one undo step: tell the
            # source view not to remove anything itself.
            event.setDropAction(Qt.DropAction.CopyAction)


def _short(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
