"""Painting a :class:`PrintLayout` page with QPainter: the same rules, lines and positions as the PDF.

Coordinates are the PDF's points (origin at the bottom left) converted to the device's pixels.
Text uses the very font files the PDF embeds (loaded into Qt once), without kerning or hinting,
at the same baselines, and is placed glyph by glyph at the PDF's own x positions (the reportlab
advances plus the justification spacing), never by Qt's own advances: at 72–600 dpi, or when Qt
falls back to another face, Qt's advances differ and a justified line would run past its cell. A
glyph Qt draws wider than the PDF's advance is narrowed to it. So the print preview, the printer
and the exported PDF agree line for line and every line stays inside its cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen

from desktop.formats.pdf.fonts import PdfFont
from desktop.formats.pdf.page import LABEL_LINE_PITCH_PT
from desktop.formats.pdf.table import PADDING_H_PT, PADDING_V_PT, RULE_WIDTH_PT
from desktop.formats.pdf.text import TextSetter
from desktop.gui.printing.print_layout import PrintLayout, ascent_ratio
from desktop.gui.table.cell_layout import BODY_FAMILIES
from desktop.layout.grid import GridCell
from desktop.layout.linebreak import Line
from desktop.layout.page import PAGE_NUMBER_INDENT_PT
from desktop.layout.typography import PAGE_NUMBER_DASH

_MAX_SPREAD_EM = 0.5
_families: dict[tuple[str, int], list[str]] = {}


def qt_families(font: PdfFont) -> list[str]:
    """Qt family names for a PDF font: its own file loaded into Qt, else CJK system faces."""
    if font.path is None:
        return list(BODY_FAMILIES)
    key = (str(font.path), font.index)
    if key not in _families:
        font_id = QFontDatabase.addApplicationFont(str(font.path))
        names = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        chosen = names[font.index] if font.index < len(names) else (names[0] if names else "")
        _families[key] = ([chosen] if chosen else []) + list(BODY_FAMILIES)
    return _families[key]


class PagePainter:
    """Paints pages of ``layout`` on a device whose logical resolution is ``dpi`` pixels per inch."""

    def __init__(self, layout: PrintLayout, dpi: float) -> None:
        self.layout = layout
        self.k = dpi / 72.0
        self._fonts: dict[tuple[str, float], QFont] = {}

    def _x(self, x: float) -> float:
        return x * self.k

    def _y(self, y: float) -> float:
        return (self.layout.frame.height - y) * self.k

    def _font(self, setter: TextSetter) -> QFont:
        key = (setter.font_name, setter.size)
        font = self._fonts.get(key)
        if font is None:
            font = QFont()
            font.setFamilies(qt_families(self.layout.font_of(setter)))
            font.setPointSizeF(setter.size)  # the device maps points to its own pixels (dpi / 72)
            font.setKerning(False)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self._fonts[key] = font
        return font

    def paint(self, painter: QPainter, index: int) -> None:
        layout = self.layout
        page = layout.pages[index]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        top = layout.table_top(index)
        if index == 0:
            self._title(painter)
        self._cells(painter, top, layout.header_heights, layout.header_cells, layout.table.header)
        header_height = sum(layout.header_heights)
        self._cells(painter, top - header_height, page.heights, page.cells, layout.table.body)
        self._page_number(painter, index + 1)
        painter.restore()

    def _cells(self, painter: QPainter, top: float, heights: Sequence[float],
               cells: Sequence[tuple[GridCell, Sequence[Any]]], setter: TextSetter) -> None:
        table = self.layout.table
        tops = [top]
        for height in heights:
            tops.append(tops[-1] - height)
        pen = QPen(QColor("#000000"))
        pen.setWidthF(RULE_WIDTH_PT * self.k)
        for cell, lines in cells:
            x = table.edges[cell.col]
            width = table.edges[cell.last_col + 1] - x
            cell_top, cell_bottom = tops[cell.row], tops[cell.last_row + 1]
            if lines:
                room = cell_top - cell_bottom - 2 * PADDING_V_PT
                offset = max(0.0, (room - setter.block_height(len(lines))) / 2)
                self._lines(painter, setter, lines, x + PADDING_H_PT, cell_top - PADDING_V_PT - offset,
                            width - 2 * PADDING_H_PT, table.align(cell))
            painter.setPen(pen)
            painter.setBrush(QColor(0, 0, 0, 0))
            height = (cell_top - cell_bottom) * self.k
            painter.drawRect(QRectF(self._x(x), self._y(cell_top), width * self.k, height))

    def _lines(self, painter: QPainter, setter: TextSetter, lines: Sequence[Line], x: float, top: float,
               width: float, align: str) -> None:
        """Draw lines glyph by glyph at the PDF's own positions (``TextSetter.draw``'s baselines,
        offsets and spacing). Each glyph starts where the PDF puts it, and one that the device's
        font draws wider than the PDF's advance (another face, hinting at a low resolution) is
        narrowed to that advance, so no line ever runs past its cell."""
        baseline = top - (setter.leading - setter.size) / 2 - ascent_ratio(setter.font_name) * setter.size
        painter.setPen(QColor("#000000"))
        font = self._font(setter)
        painter.setFont(font)
        metrics = QFontMetricsF(font, painter.device())
        for line in lines:
            if line.text:
                left, spacing = x, 0.0
                if align == "center":
                    left = x + (width - line.width) / 2
                elif align == "justify" and not line.last and len(line.text) > 1:
                    spacing = (width - line.width) / (len(line.text) - 1)
                    if spacing < 0 or spacing > _MAX_SPREAD_EM * setter.size:
                        spacing = 0.0
                self._glyphs(painter, metrics, setter, line.text, left, baseline, spacing)
            baseline -= setter.leading

    def _glyphs(self, painter: QPainter, metrics: QFontMetricsF, setter: TextSetter, text: str, left: float,
                baseline: float, spacing: float) -> None:
        y = self._y(baseline)
        for ch in text:
            advance = setter.measure(ch)
            if not ch.isspace():
                drawn = metrics.horizontalAdvance(ch)
                wanted = advance * self.k
                if drawn > wanted > 0:
                    painter.save()
                    painter.translate(self._x(left), y)
                    painter.scale(wanted / drawn, 1.0)
                    painter.drawText(QPointF(0.0, 0.0), ch)
                    painter.restore()
                else:
                    painter.drawText(QPointF(self._x(left), y), ch)
            left += advance + spacing

    def _title(self, painter: QPainter) -> None:
        title = self.layout.title
        frame = self.layout.frame
        if title.label:
            label_lines = title.label_setter.lines(title.label, frame.type_width)
            self._lines(painter, title.label_setter, label_lines, frame.left, frame.top, frame.type_width,
                        "left")
        self._lines(painter, title.title_setter, title.title_lines, frame.left,
                    frame.top - 2 * LABEL_LINE_PITCH_PT, frame.type_width, "center")

    def _page_number(self, painter: QPainter, number: int) -> None:
        frame = self.layout.frame
        setter = self.layout.number
        text = f"{PAGE_NUMBER_DASH} {number} {PAGE_NUMBER_DASH}"
        width = setter.measure(text)
        placement = self.layout.grid.style.page_numbers
        if placement == "center":
            x = frame.left + (frame.type_width - width) / 2
        elif number % 2:
            x = frame.right - PAGE_NUMBER_INDENT_PT - width
        else:
            x = frame.left + PAGE_NUMBER_INDENT_PT
        painter.setFont(self._font(setter))
        painter.setPen(QColor("#000000"))
        baseline = frame.footer + setter.descent_share * setter.size
        painter.drawText(QPointF(self._x(x), self._y(baseline)), text)
