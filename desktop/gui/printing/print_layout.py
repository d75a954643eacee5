"""The printed pages exactly as the PDF writer lays them out, ready to paint with QPainter.

Printing must show what the PDF shows, so the pages are not laid out again with Qt: this module
sets up the PDF writer's own pieces (``PageFrame``, ``TableFrame``, ``TitleBlock``, the reportlab
``TextSetter`` measuring with the same font files, and the ``Paginator``) the same way
``desktop.formats.pdf.writer`` does, and keeps the result: page plans, each page's cells with
their broken lines, header heights. ``print_painter`` then draws those lines at the same
positions. No Qt here; the lay-out can run on a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfmetrics

from desktop.formats.pdf.fonts import PdfFont, PdfFonts, load_fonts
from desktop.formats.pdf.page import PageFrame, TitleBlock
from desktop.formats.pdf.table import TableFrame
from desktop.formats.pdf.text import TextSetter
from desktop.formats.pdf.writer import CONTINUED_MARKER
from desktop.layout.grid import Grid, GridCell
from desktop.layout.paginate import PagePlan, Paginator
from desktop.layout.typography import LABEL_FONT_SIZE_PT, PAGE_NUMBER_FONT_SIZE_PT


def ascent_ratio(font_name: str) -> float:
    """The font's ascent as a share of its height, as ``pdf_text.TextSetter`` computes it."""
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    ascent, descent = getattr(face, "ascent", 880), getattr(face, "descent", -120)
    return ascent / (ascent - descent) if ascent > 0 > descent else 0.88


@dataclass
class PrintedPage:
    plan: PagePlan
    cells: Sequence[tuple[GridCell, Sequence[Any]]]  # cell fragments (rows from 0) and their lines


class PrintLayout:
    """All pages of one grid, in PDF points (origin bottom left), as ``write_pdf_grid`` draws them."""

    def __init__(self, grid: Grid, fonts: PdfFonts | None = None) -> None:
        self.grid = grid
        self.fonts = fonts or load_fonts()
        style = grid.style
        fonts = self.fonts
        self.frame = PageFrame.for_style(style)
        self.table = TableFrame(style, self.frame.left, self.frame.type_width,
                                TextSetter(fonts.body.name, style.body_font_size),
                                TextSetter(fonts.heading.name, style.header_font_size))
        self.title = TitleBlock(self.frame, grid.attachment_label, grid.title,
                                TextSetter(fonts.heading.name, LABEL_FONT_SIZE_PT),
                                TextSetter(fonts.title.name, style.title_font_size))
        self.number = TextSetter(fonts.number.name, PAGE_NUMBER_FONT_SIZE_PT)
        self.header_heights = self.table.header_heights(grid.header)
        header_height = sum(self.header_heights)
        paginator = Paginator(grid, self.table.body_lines, self.table.body_metrics, style.restate_continued,
                              CONTINUED_MARKER if style.continued_marker else "")
        plans = paginator.paginate(
            lambda index: self.frame.type_height - header_height - (self.title.height if index == 0 else 0.0))
        self.pages = [PrintedPage(p, paginator.page_cells(p)) for p in plans]
        header = self.table.header
        self.header_cells = [(c, header.lines(c.text, self.table.text_width(c))) for c in grid.header]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def table_top(self, index: int) -> float:
        return self.frame.top - (self.title.height if index == 0 else 0.0)

    def font_of(self, setter: TextSetter) -> PdfFont:
        for font in (self.fonts.body, self.fonts.heading, self.fonts.title, self.fonts.number):
            if font.name == setter.font_name:
                return font
        return self.fonts.body
