"""Painting and editing one cell of the annex table view, as it will print.

The delegate paints the lines the layout computed for the cell (the same breaking rules as the
PDF), centred vertically, aligned as the style's column says, justified lines spread to the full
width as Chinese text is justified. Editing opens a multi-line editor over the whole merged cell.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.gui.common.text_editor import CellTextEdit
from desktop.gui.table.cell_layout import TableLayout
from desktop.gui.table.table_model import anchored_cell
from desktop.layout.grid import GridCell

Index = QModelIndex | QPersistentModelIndex
SELECTED_FILL = QColor("#cfe3fa")
CURRENT_FILL = QColor("#b3d3f7")
RULE = QColor("#303030")
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN = {"center": Qt.AlignmentFlag.AlignHCenter, "left": Qt.AlignmentFlag.AlignLeft,
          "justify": Qt.AlignmentFlag.AlignLeft}


class CellDelegate(QStyledItemDelegate):
    """Paints grid cells with ``layout`` (replaced when the zoom or style changes)."""

    def __init__(self, layout: TableLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout = layout

    def _align(self, cell: GridCell) -> str:
        style = self.layout.style
        if cell.role == "requirement":
            return next(c.align for c in style.columns if c.kind == "requirement")
        return style.columns[cell.col].align

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        cell = anchored_cell(index)
        rect = option.rect
        state = option.state
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, CURRENT_FILL if state & QStyle.StateFlag.State_HasFocus else SELECTED_FILL)
        self._rule(painter, rect, index.column() == 0)
        if not isinstance(cell, GridCell) or not cell.text:
            return
        layout = self.layout
        lines = layout.body.lines(cell.text, layout.text_width(cell))
        leading = layout.body.leading
        width = rect.width() - 2 * layout.pad_h
        y = _text_top(rect, option.widget, leading * len(lines) + 2 * layout.pad_v) + layout.pad_v
        align = self._align(cell)
        painter.save()
        painter.setFont(layout.body.font)
        painter.setPen(option.palette.color(option.palette.ColorRole.Text))
        for line in lines:
            box = QRectF(rect.left() + layout.pad_h, y, width, leading)
            if align == "justify" and not line.last and len(line.text) > 1 and line.width < width:
                spread = (width - line.width) / (len(line.text) - 1)
                if spread <= layout.body.em / 2:
                    font = QFont(layout.body.font)
                    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spread)
                    painter.setFont(font)
                    painter.drawText(box, LEFT_MIDDLE, line.text)
                    painter.setFont(layout.body.font)
                    y += leading
                    continue
            painter.drawText(box, _ALIGN[align] | Qt.AlignmentFlag.AlignVCenter, line.text)
            y += leading
        painter.restore()

    @staticmethod
    def _rule(painter: QPainter, rect: QRect, first_column: bool) -> None:
        """The cell's right and bottom rules (and the left one in the first column), as printed."""
        painter.save()
        painter.setPen(QPen(RULE, 1))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if first_column:
            painter.drawLine(rect.topLeft(), rect.bottomLeft())
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = CellTextEdit(parent)
        editor.setFont(self.layout.body.font)
        editor.commit.connect(lambda: self._finish(editor))
        return editor

    def _finish(self, editor: CellTextEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, CellTextEdit):
            cell = anchored_cell(index)
            editor.set_text(cell.text if isinstance(cell, GridCell) else "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, CellTextEdit):
            model.setData(index, editor.text().strip())

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        rect = option.rect
        minimum = int(self.layout.body.leading * 3 + 2 * self.layout.pad_v)
        rect.setHeight(max(rect.height(), minimum))
        editor.setGeometry(rect)


def _text_top(rect: QRect, view: QWidget | None, block: float) -> float:
    """Where a cell's text block starts: centred in the cell, or, for a merged cell taller than
    the window, centred in its visible part (as the printout restates it on every page)."""
    area = QRect(rect)
    viewport = getattr(view, "viewport", None)
    if viewport is not None and rect.height() > block:
        area = rect.intersected(viewport().rect())
        if area.height() < block:  # keep the whole text inside the cell, next to the visible part
            top = max(rect.top(), min(area.top(), rect.bottom() - block))
            return float(top)
    return area.top() + (area.height() - block) / 2
