"""The printed pages exactly as the PDF writer lays them out, ready to paint with QPainter.

Printing must show what the PDF shows, so the pages are not laid out again with Qt: the PDF's own
:class:`desktop.formats.pdf.layout.AnnexLayout` (the shared page plan, each cell's lines broken
with the PDF's font files) is kept as it is, and ``print_painter`` draws those lines at the same
positions, glyph by glyph. No Qt here; the lay-out can run on a worker thread.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from desktop.formats.pdf.fonts import PdfFont, PdfFonts, load_fonts
from desktop.formats.pdf.layout import AnnexLayout
from desktop.formats.pdf.text import TextSetter
from desktop.layout.grid import Grid


def ascent_ratio(font_name: str) -> float:
    """The font's ascent as a share of its height, as ``pdf_text.TextSetter`` computes it."""
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    ascent, descent = getattr(face, "ascent", 880), getattr(face, "descent", -120)
    return ascent / (ascent - descent) if ascent > 0 > descent else 0.88


class PrintLayout(AnnexLayout):
    """All pages of one grid, in PDF points (origin bottom left), as ``write_pdf_grid`` draws them."""

    def __init__(self, grid: Grid, fonts: PdfFonts | None = None) -> None:
        super().__init__(grid, fonts or load_fonts())

    def font_of(self, setter: TextSetter) -> PdfFont:
        for font in (self.fonts.body, self.fonts.heading, self.fonts.title, self.fonts.number):
            if font.name == setter.font_name:
                return font
        return self.fonts.body
