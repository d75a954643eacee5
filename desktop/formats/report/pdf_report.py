"""The progress report as PDF: the leader's first page, the ranking, then the detail table.

Page 1 is the overview (the round, 未报送 units, totals, 逾期 by unit, 本期/上期) and below it the
completion chart sized to the room left (:func:`plan_chart`: every unit in up to three panels, else
the units with the lowest 完成率); then, from page 2, the per-unit ranking,
paginated with its header repeated; then the annex table with progress columns, drawn by the normal
PDF writer (:func:`write_pdf_grid`) whose ``lead_pages`` hook draws the pages before it. Page
numbers run on. 逾期 and 未报送 are drawn in their colours (:mod:`desktop.formats.report.emphasis`).
With ``summary_only`` the table is left out.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from desktop.formats.atomic import write_atomically
from desktop.formats.pdf.fonts import PdfFonts, load_fonts
from desktop.formats.pdf.page import PageFrame, draw_page_number
from desktop.formats.pdf.table import TableFrame
from desktop.formats.pdf.text import TextSetter
from desktop.formats.pdf.writer import write_pdf_grid
from desktop.formats.report.chart import draw_chart, draw_plan, plan_chart
from desktop.formats.report.emphasis import FlagSetter
from desktop.formats.report.report import ProgressReport
from desktop.layout.grid import Grid
from desktop.layout.paginate import Paginator
from desktop.layout.typography import LABEL_FONT_SIZE_PT, PAGE_NUMBER_FONT_SIZE_PT

HEADING_GAP_PT = 6.0
CHART_GAP_PT = 14.0


def write_report_pdf(report: ProgressReport, target: Path) -> list[str]:
    """Write the report as a PDF at ``target``; returns warnings for the user (a substituted font)."""
    fonts = load_fonts()
    if report.summary_only:
        frame = PageFrame.for_style(report.summary.style)

        def render(path: Path) -> None:
            canvas = Canvas(str(path), pagesize=(frame.width, frame.height), pageCompression=1)
            canvas.setTitle(report.overview_heading)
            canvas.setCreator("Fenjie")
            _lead_pages(report, canvas, fonts)
            canvas.save()

        write_atomically(Path(target), render)
        return list(fonts.warnings)
    return write_pdf_grid(report.grid, target, fonts=fonts, body_setter=FlagSetter,
                          lead_pages=lambda canvas, used: _lead_pages(report, canvas, used))


class _Pages:
    """Page bookkeeping for the pages drawn before the table."""

    def __init__(self, canvas: Canvas, frame: PageFrame, fonts: PdfFonts, numbers: str) -> None:
        self.canvas, self.frame, self.numbers = canvas, frame, numbers
        self.number_setter = TextSetter(fonts.number.name, PAGE_NUMBER_FONT_SIZE_PT)
        self.count = 0

    def finish(self) -> None:
        self.count += 1
        draw_page_number(self.canvas, self.frame, self.number_setter, self.count, self.numbers)
        self.canvas.showPage()


def _table(canvas: Canvas, fonts: PdfFonts, frame: PageFrame, grid: Grid, heading: str, top: float,
           pages: _Pages) -> float:
    """Draw ``heading`` and ``grid`` from ``top`` (new pages as needed); returns the y below it."""
    style = grid.style
    title = TextSetter(fonts.heading.name, LABEL_FONT_SIZE_PT)
    table = TableFrame(style, frame.left, frame.type_width, FlagSetter(fonts.body.name, style.body_font_size),
                       TextSetter(fonts.heading.name, style.header_font_size))
    heading_lines = title.lines(heading, frame.type_width)
    heading_height = title.block_height(len(heading_lines)) + HEADING_GAP_PT
    header_heights = table.header_heights(grid.header)
    header_height = sum(header_heights) if grid.header else 0.0
    paginator = Paginator(grid, table.body_lines, table.body_metrics, restate=False)
    first_room = top - frame.bottom
    parts = paginator.paginate(lambda index: (first_room if index == 0 else frame.type_height)
                               - header_height - (heading_height if index == 0 else 0.0))
    y = top
    for index, part in enumerate(parts):
        if index == 0:
            text = canvas.beginText()
            title.draw(text, heading_lines, frame.left, y, frame.type_width, "center")
            canvas.drawText(text)
            y -= heading_height
        if grid.header:
            table.draw_header(canvas, y, grid.header, header_heights)
        table.draw_cells(canvas, y - header_height, part.heights, paginator.page_cells(part), table.body)
        y -= header_height + sum(part.heights)
        if index < len(parts) - 1:
            pages.finish()
            y = frame.top
    return y


def _lead_pages(report: ProgressReport, canvas: Canvas, fonts: PdfFonts) -> int:
    """The first page (overview and chart) and the ranking; returns the number of pages drawn."""
    style = report.summary.style
    frame = PageFrame.for_style(style)
    pages = _Pages(canvas, frame, fonts, style.page_numbers)
    top = frame.top
    if report.overview is not None:
        top = _table(canvas, fonts, frame, report.overview, report.overview_heading, top, pages)
        top -= CHART_GAP_PT
    plan = plan_chart(report.tallies, frame.type_width, top - frame.bottom, report.chart_title)
    if plan is not None:  # sized to what the first page has left: the ranking starts on page 2
        draw_chart(canvas, draw_plan(plan, frame.type_width), frame.left, top, fonts.body.name)
    pages.finish()
    _table(canvas, fonts, frame, report.summary, report.heading, frame.top, pages)
    pages.finish()
    return pages.count
