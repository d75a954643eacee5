"""Drawing the annex table on PDF pages: the header row(s) and one page's body cells.

Cells are drawn directly on the canvas (ruled boxes plus lines of text), which is exact and much
faster than one reportlab ``Table`` per page. Text is centred vertically in its cell and aligned
horizontally as the style's column says; a requirement spanning level columns takes the alignment
of the requirement column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from desktop.core.style import TableStyle
from desktop.formats.pdf.text import TextSetter
from desktop.layout.grid import GridCell
from desktop.layout.linebreak import Line
from desktop.layout.paginate import RowMetrics, row_heights

PADDING_H_PT = 4.25  # 1.5 mm left and right inside a cell, as in the .docx annex
PADDING_V_PT = 3.0  # above and below
RULE_WIDTH_PT = 0.5


@dataclass
class TableFrame:
    """Column positions of the table and the settings used to draw its cells."""

    style: TableStyle
    left: float
    width: float
    body: TextSetter
    header: TextSetter

    def __post_init__(self) -> None:
        total = sum(c.width for c in self.style.columns)
        self.edges = [self.left]
        for column in self.style.columns:
            self.edges.append(self.edges[-1] + self.width * column.width / total)
        requirement = next(c for c in self.style.columns if c.kind == "requirement")
        self.requirement_align = requirement.align
        self.body_metrics = RowMetrics(self.body.leading, 2 * PADDING_V_PT)
        self.header_metrics = RowMetrics(self.header.leading, 2 * PADDING_V_PT)

    def text_width(self, cell: GridCell) -> float:
        return self.edges[cell.last_col + 1] - self.edges[cell.col] - 2 * PADDING_H_PT

    def body_lines(self, cell: GridCell) -> tuple[Line, ...]:
        return self.body.lines(cell.text, self.text_width(cell))

    def align(self, cell: GridCell) -> str:
        if cell.role == "requirement":
            return self.requirement_align
        if cell.role == "header":
            return "center"
        return self.style.columns[cell.col].align

    def header_heights(self, header: Sequence[GridCell]) -> list[float]:
        n_rows = max((c.last_row + 1 for c in header), default=0)
        counts = [(c, len(self.header.lines(c.text, self.text_width(c)))) for c in header]
        return row_heights(counts, n_rows, self.header_metrics)

    def draw_cells(self, canvas: Canvas, top: float, heights: Sequence[float],
                   cells: Sequence[tuple[GridCell, Sequence[Line]]], setter: TextSetter) -> None:
        """Rule and fill the cells of rows whose heights are given, the first row's top at ``top``."""
        tops = [top]
        for height in heights:
            tops.append(tops[-1] - height)
        path = canvas.beginPath()
        text = canvas.beginText()
        for cell, lines in cells:
            x = self.edges[cell.col]
            width = self.edges[cell.last_col + 1] - x
            cell_top, cell_bottom = tops[cell.row], tops[cell.last_row + 1]
            path.rect(x, cell_bottom, width, cell_top - cell_bottom)
            if lines:
                room = cell_top - cell_bottom - 2 * PADDING_V_PT
                offset = max(0.0, (room - setter.block_height(len(lines))) / 2)
                setter.draw(text, lines, x + PADDING_H_PT, cell_top - PADDING_V_PT - offset,
                            width - 2 * PADDING_H_PT, self.align(cell))
        canvas.drawText(text)
        canvas.setLineWidth(RULE_WIDTH_PT)
        canvas.drawPath(path, stroke=1, fill=0)

    def draw_header(self, canvas: Canvas, top: float, header: Sequence[GridCell],
                    heights: Sequence[float]) -> None:
        cells = [(c, self.header.lines(c.text, self.text_width(c))) for c in header]
        self.draw_cells(canvas, top, heights, cells, self.header)
