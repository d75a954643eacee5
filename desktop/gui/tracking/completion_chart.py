"""The dashboard's completion chart: one stacked bar per unit, painted with QPainter.

The same picture as the progress report's chart (``desktop.formats.report.chart``: same status
order and colours, bars on one scale, done/total and rate after each bar), drawn with Qt's font
metrics so it needs no chart library and never loads reportlab. The widget is as tall as its units
need (it sits in a scroll area); hovering a bar shows its counts, clicking it emits
``unit_clicked(key)`` like a click on the unit's row.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.core.progress_summary import REPORT_STATUSES
from desktop.core.tracking import DISPLAY_LABELS
from desktop.core.tracking_overview import Tally
from desktop.layout.chart_scale import nice_step
from desktop.layout.status_colours import DARK_TEXT, STATUS_COLOURS

GRID_COLOUR = QColor("#D0D0D0")
MARGIN = 8


class CompletionChart(QWidget):
    """Stacked bars of :class:`Tally` rows; ``unit_clicked(key)`` when a bar is clicked."""

    unit_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tallies: list[Tally] = []
        self.setMouseTracking(True)
        self.setAccessibleName("各单位任务完成情况图")
        self.setBackgroundRole(self.backgroundRole().Base)
        self.setAutoFillBackground(True)

    # ----- geometry ----------------------------------------------------------------------------
    @property
    def row_height(self) -> int:
        return self.fontMetrics().height() + 8

    @property
    def legend_height(self) -> int:
        return self.fontMetrics().height() + 12

    def set_tallies(self, tallies: list[Tally]) -> None:
        self.tallies = list(tallies)
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        rows = max(len(self.tallies), 1)
        axis = self.fontMetrics().height()
        return QSize(360, self.legend_height + rows * self.row_height + axis + 2 * MARGIN)

    def _columns(self) -> tuple[float, float, float]:
        """(left of the bars, right of the longest bar, units per count)."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(t.label) for t in self.tallies), default=0)
        left = MARGIN + min(widest + 8, self.width() * 0.3)
        value_room = metrics.horizontalAdvance("000/000（100%）") + 8
        right = max(left + 40, self.width() - MARGIN - value_room)
        top = max((t.total for t in self.tallies), default=1) or 1
        return left, right, (right - left) / top

    def bar_rect(self, row: int) -> QRectF:
        """Where the bar of ``row`` is painted (its whole length)."""
        left, _right, scale = self._columns()
        y = MARGIN + self.legend_height + row * self.row_height
        bar = self.row_height - 8
        return QRectF(left, y + (self.row_height - bar) / 2, self.tallies[row].total * scale, bar)

    def row_at(self, point: QPoint) -> int:
        first = MARGIN + self.legend_height
        if point.y() < first:
            return -1
        row = (point.y() - first) // self.row_height
        return row if 0 <= row < len(self.tallies) else -1

    # ----- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            self._paint_legend(painter)
            if not self.tallies:
                painter.setPen(QColor("#777777"))
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "没有任务分工")
                return
            self._paint_bars(painter)
        finally:
            painter.end()

    def _paint_legend(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        box = metrics.height() - 6
        widths = [box + 4 + metrics.horizontalAdvance(DISPLAY_LABELS[key]) + 14 for key in REPORT_STATUSES]
        x = max(MARGIN, (self.width() - sum(widths)) / 2)
        y = MARGIN + (self.legend_height - box) / 2
        for key, width in zip(REPORT_STATUSES, widths, strict=True):
            painter.fillRect(QRectF(x, y, box, box), QColor(STATUS_COLOURS[key]))
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x + box + 4, MARGIN, width, self.legend_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, DISPLAY_LABELS[key])
            x += width

    def _paint_bars(self, painter: QPainter) -> None:
        metrics = QFontMetrics(self.font())
        left, right, scale = self._columns()
        first = MARGIN + self.legend_height
        bottom = first + len(self.tallies) * self.row_height
        top = max(t.total for t in self.tallies)
        step = nice_step(top)
        painter.setPen(QPen(GRID_COLOUR, 1))
        for tick in range(0, top + 1, step):
            x = left + tick * scale
            painter.drawLine(round(x), first, round(x), bottom)
        text_colour = self.palette().text().color()
        for tick in range(0, top + 1, step):
            x = left + tick * scale
            painter.setPen(text_colour)
            painter.drawText(QRectF(x - 20, bottom, 40, metrics.height() + 2), Qt.AlignmentFlag.AlignCenter,
                             str(tick))
        for row, tally in enumerate(self.tallies):
            y = first + row * self.row_height
            label = metrics.elidedText(tally.label, Qt.TextElideMode.ElideRight, round(left - MARGIN - 6))
            painter.setPen(text_colour)
            painter.drawText(QRectF(MARGIN, y, left - MARGIN - 6, self.row_height),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            bar = self.bar_rect(row)
            x = bar.left()
            for key in REPORT_STATUSES:
                count = tally.counts.get(key, 0)
                if not count:
                    continue
                piece = QRectF(x, bar.top(), count * scale, bar.height())
                painter.fillRect(piece, QColor(STATUS_COLOURS[key]))
                if piece.width() >= metrics.horizontalAdvance(str(count)) + 4:
                    painter.setPen(QColor("#000000" if key in DARK_TEXT else "#FFFFFF"))
                    painter.drawText(piece, Qt.AlignmentFlag.AlignCenter, str(count))
                x += piece.width()
            painter.setPen(text_colour)
            value = f"{tally.done}/{tally.total}（{tally.rate_text}）"
            painter.drawText(QRectF(x + 4, y, right + 200 - x, self.row_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, value)
        painter.setPen(QPen(text_colour, 1))
        painter.drawLine(round(left), first, round(left), bottom)

    # ----- mouse -------------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().toPoint())
        if row < 0:
            QToolTip.hideText()
            self.setCursor(Qt.CursorShape.ArrowCursor)
            return
        tally = self.tallies[row]
        parts = "，".join(f"{DISPLAY_LABELS[key]} {tally.counts[key]}"
                         for key in REPORT_STATUSES if tally.counts[key])
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"{tally.label}：共 {tally.total} 项（{parts}）\n单击只显示该单位的任务", self)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and row >= 0:
            self.unit_clicked.emit(self.tallies[row].key)
