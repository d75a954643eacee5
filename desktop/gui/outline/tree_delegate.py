"""How a task looks and is edited in the tree: its computed number before its text, a multi-line editor.

The number (一、 （一） 1. …) comes from the model's ``NUMBER_ROLE`` and is shown before the text
but never edited. Leaves (requirements) show their first line only, elided, so the outline stays
compact; the full text is in the tooltip, the table and the properties panel.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.gui.common.text_editor import CellTextEdit
from desktop.gui.outline.tree_model import PlanTreeModel

Index = QModelIndex | QPersistentModelIndex
EDITOR_LINES = 4


class TaskDelegate(QStyledItemDelegate):
    """Paints "number text" (categories in bold) and edits the text in a :class:`CellTextEdit`;
    Ctrl+Shift+Enter in the editor closes it unsaved and emits ``split_requested``."""

    split_requested = Signal(int, int, str)  # task id, cursor position, the editor's text

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        model = index.model()
        if not isinstance(model, PlanTreeModel) or model.task_id(index) not in model.plan:
            return
        task_id = model.task_id(index)
        text = model.plan[task_id].text
        first_line, _, rest = text.partition("\n")
        number = model.number(task_id)
        option.text = number + first_line + (" …" if rest else "")
        if index.model().hasChildren(index):
            font = QFont(option.font)
            font.setBold(True)
            option.font = font
        elif not text:
            option.text = "（空白任务，按 F2 输入内容）"
            option.palette.setColor(option.palette.ColorRole.Text, QColor("#888888"))

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = CellTextEdit(parent)
        editor.commit.connect(lambda: self._finish(editor))
        model = index.model()
        task_id = model.task_id(index) if isinstance(model, PlanTreeModel) else 0
        editor.split_requested.connect(lambda position, text: self._split(editor, task_id, position, text))
        return editor

    def _split(self, editor: CellTextEdit, task_id: int, position: int, text: str) -> None:
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        self.split_requested.emit(task_id, position, text)

    def _finish(self, editor: CellTextEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, CellTextEdit):
            model = index.model()
            if isinstance(model, PlanTreeModel) and model.task_id(index) in model.plan:
                editor.set_text(model.plan[model.task_id(index)].text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, CellTextEdit):
            model.setData(index, editor.text().strip())

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        rect = QRect(option.rect)
        viewport = editor.parentWidget()
        if viewport is not None:
            rect.setRight(viewport.width() - 2)
        line = option.fontMetrics.lineSpacing()
        rect.setHeight(max(rect.height(), line * EDITOR_LINES + 10))
        editor.setGeometry(rect)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() + 8))
