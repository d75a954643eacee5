"""The PDF writer (print path) of the official annex: renders the layout grid with reportlab.

The clerk prints from here, never through LibreOffice (DESIGN.md §4). The pages are the shared page
plan (``desktop.layout.page_plan``, set in the PDF's fonts by ``desktop.formats.pdf.layout``), the
same pages the .docx and .xlsx get: the header row repeats on every page, a merged category or
attribute cell continuing onto a new page is restated at its top, a row taller than a page is
split across pages. Fonts: the official faces when installed, else an embedded CJK substitute,
else reportlab's built-in STSong-Light with a warning (``desktop.formats.pdf.fonts``). The file is
written atomically: a failure leaves any existing file untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from desktop.core.model import Plan
from desktop.core.style import TableStyle
from desktop.formats.atomic import write_atomically
from desktop.formats.pdf.fonts import PdfFonts, load_fonts
from desktop.formats.pdf.layout import AnnexLayout
from desktop.formats.pdf.page import draw_page_number
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid
from desktop.layout.page_plan import CONTINUED_MARKER

__all__ = ["CONTINUED_MARKER", "ExtraPages", "write_pdf", "write_pdf_grid"]
# Draws further pages after the table's (a report's summary): gets the canvas, the fonts and the
# number of pages already drawn, and ends each page it draws with ``canvas.showPage()``.
ExtraPages = Callable[[Canvas, PdfFonts, int], None]


def write_pdf(plan: Plan, target: Path, style: TableStyle | None = None) -> list[str]:
    """Write ``plan``'s annex as a PDF; returns warnings for the user (e.g. a substituted font)."""
    return write_pdf_grid(build_grid(plan, style), target)


def write_pdf_grid(grid: Grid, target: Path, *, fonts: PdfFonts | None = None,
                   extra_pages: ExtraPages | None = None) -> list[str]:
    """Write ``grid`` as a PDF annex at ``target``; returns warnings for the user."""
    fonts = fonts or load_fonts()
    write_atomically(Path(target), lambda tmp: _render(grid, tmp, fonts, extra_pages))
    return list(fonts.warnings)


def _render(grid: Grid, path: Path, fonts: PdfFonts, extra_pages: ExtraPages | None = None) -> None:
    style = grid.style
    layout = AnnexLayout(grid, fonts)
    frame, table = layout.frame, layout.table
    canvas = Canvas(str(path), pagesize=(frame.width, frame.height), pageCompression=1,
                    initialFontName=fonts.body.name,  # type: ignore[arg-type]  # stubs say float; it is a name
                    initialFontSize=style.body_font_size)
    canvas.setTitle(grid.title)
    canvas.setSubject(grid.attachment_label or "附件")
    canvas.setCreator("Fenjie")
    header_height = sum(layout.header_heights)
    for index, page in enumerate(layout.pages):
        top = layout.table_top(index)
        if index == 0:
            layout.title.draw(canvas)
        table.draw_cells(canvas, top, layout.header_heights, layout.header_cells, table.header)
        table.draw_cells(canvas, top - header_height, page.heights, page.cells, table.body)
        draw_page_number(canvas, frame, layout.number, index + 1, style.page_numbers)
        canvas.showPage()
    if extra_pages is not None:
        extra_pages(canvas, fonts, len(layout.pages))
    canvas.save()
