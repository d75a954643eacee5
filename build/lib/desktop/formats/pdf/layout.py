"""The annex pages as the PDF writer and the print path draw them: the page plan set in real fonts.

The page plan (:func:`desktop.layout.page_plan.plan_table`) decides which rows stand on which page
and how tall every row is, for every output alike. Here each planned cell's text is broken into
lines with the PDF's own font (``TextSetter``); those lines never need more room than the plan
measured, so they fit the planned rows. ``desktop.formats.pdf.writer`` draws these pages with
reportlab and ``desktop.gui.printing`` paints the very same lines with QPainter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.formats.pdf.fonts import PdfFonts
from desktop.formats.pdf.page import PageFrame, TitleBlock
from desktop.formats.pdf.table import TableFrame
from desktop.formats.pdf.text import TextSetter
from desktop.layout.grid import Grid, GridCell
from desktop.layout.linebreak import Line
from desktop.layout.page_plan import PlannedPage, TablePlan, plan_table, title_pitch
from desktop.layout.typography import LABEL_FONT_SIZE_PT, PAGE_NUMBER_FONT_SIZE_PT


@dataclass(frozen=True)
class LaidOutPage:
    """One page: the plan's rows and heights, and each cell with the lines it prints."""

    plan: PlannedPage
    cells: Sequence[tuple[GridCell, Sequence[Line]]]

    @property
    def heights(self) -> tuple[float, ...]:
        return self.plan.heights


class AnnexLayout:
    """Every page of one grid in PDF points (origin bottom left), from the shared page plan."""

    def __init__(self, grid: Grid, fonts: PdfFonts, plan: TablePlan | None = None) -> None:
        style = grid.style
        self.grid = grid
        self.fonts = fonts
        self.plan = plan or plan_table(grid)
        self.frame = PageFrame.for_style(style)
        self.table = TableFrame(style, self.frame.left, self.frame.type_width,
                                TextSetter(fonts.body.name, style.body_font_size),
                                TextSetter(fonts.heading.name, style.header_font_size))
        self.title = TitleBlock(self.frame, grid.attachment_label, grid.title,
                                TextSetter(fonts.heading.name, LABEL_FONT_SIZE_PT),
                                TextSetter(fonts.title.name, style.title_font_size,
                                           title_pitch(style.title_font_size)))
        self.number = TextSetter(fonts.number.name, PAGE_NUMBER_FONT_SIZE_PT)
        self.header_heights = list(self.plan.header_heights)
        header = self.table.header
        self.header_cells = [(c, header.lines(c.text, self.table.text_width(c))) for c in grid.header]
        self.pages = [LaidOutPage(page, [(cell, self.table.body_lines(cell)) for cell in page.cells])
                      for page in self.plan.pages]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def table_top(self, index: int) -> float:
        """Where the header row's top is on page ``index``."""
        return self.frame.top - (self.plan.title_height if index == 0 else 0.0)
