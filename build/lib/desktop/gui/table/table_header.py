"""A horizontal header that draws the annex's header labels, merged across columns like the print.

QHeaderView has no spans, so each section paints the whole group it belongs to (工作任务 over the
level 1 and level 2 columns), clipped to its own rectangle: the label comes out centred over the
group however the columns are scrolled or resized. Labels wrap, in the header font (黑体).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

from desktop.gui.table.cell_layout import TableLayout

HEADER_FILL = QColor("#f2f2ee")
RULE = QColor("#000000")


class GroupedHeaderView(QHeaderView):
    """Draws ``groups`` [(label, first column, span)] with the layout's header font."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.groups: list[tuple[str, int, int]] = []
        self.layout_info: TableLayout | None = None
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHighlightSections(False)
        self.setSectionsClickable(False)

    def set_groups(self, groups: list[tuple[str, int, int]], layout: TableLayout, height: int) -> None:
        self.groups = groups
        self.layout_info = layout
        self.setFixedHeight(height)
        self.viewport().update()

    def _group_of(self, section: int) -> tuple[str, int, int]:
        for label, first, span in self.groups:
            if first <= section < first + span:
                return label, first, span
        return "", section, 1

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        if self.layout_info is None:
            super().paintSection(painter, rect, section)
            return
        label, first, span = self._group_of(section)
        left = self.sectionViewportPosition(first)
        width = sum(self.sectionSize(i) for i in range(first, first + span))
        group = QRect(left, rect.top(), width, rect.height())
        painter.save()
        painter.setClipRect(rect)
        painter.fillRect(group, HEADER_FILL)
        painter.setPen(QPen(RULE, 1))
        painter.drawRect(group.adjusted(0, 0, -1, -1))
        setter = self.layout_info.header
        painter.setFont(setter.font)
        pad = self.layout_info.pad_h
        lines = setter.lines(label, group.width() - 2 * pad)
        block = setter.leading * len(lines)
        y = group.top() + (group.height() - block) / 2
        for line in lines:
            painter.drawText(QRectF(group.left() + pad, y, group.width() - 2 * pad, setter.leading),
                             Qt.AlignmentFlag.AlignCenter, line.text)
            y += setter.leading
        painter.restore()
