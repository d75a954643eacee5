"""The progress report as PDF: the annex table with progress columns, then the summary and the chart.

The table pages are the normal PDF writer's (:func:`write_pdf_grid`); this module draws the pages
after them through its ``extra_pages`` hook: on a new page, the heading (黑体 16 pt), the summary
grid paginated like any table (header repeated), then the completion chart — below the summary
when it fits, else on the next page(s). Page numbers run on.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from desktop.formats.pdf.fonts import PdfFonts, load_fonts
from desktop.formats.pdf.page import PageFrame, draw_page_number
from desktop.formats.pdf.table import TableFrame
from desktop.formats.pdf.text import TextSetter
from desktop.formats.pdf.writer import write_pdf_grid
from desktop.formats.report.chart import chart_pages, draw_chart
from desktop.formats.report.report import ProgressReport
from desktop.layout.paginate import Paginator
from desktop.layout.typography import LABEL_FONT_SIZE_PT, PAGE_NUMBER_FONT_SIZE_PT

HEADING_GAP_PT = 6.0
CHART_GAP_PT = 18.0


def write_report_pdf(report: ProgressReport, target: Path) -> list[str]:
    """Write the report as a PDF at ``target``; returns warnings for the user (a substituted font)."""
    fonts = load_fonts()
    return write_pdf_grid(report.grid, target, fonts=fonts,
                          extra_pages=lambda canvas, used, count: _summary_pages(report, canvas, used, count))


def _summary_pages(report: ProgressReport, canvas: Canvas, fonts: PdfFonts, drawn: int) -> None:
    style = report.summary.style
    frame = PageFrame.for_style(style)
    heading = TextSetter(fonts.heading.name, LABEL_FONT_SIZE_PT)
    number = TextSetter(fonts.number.name, PAGE_NUMBER_FONT_SIZE_PT)
    table = TableFrame(style, frame.left, frame.type_width, TextSetter(fonts.body.name, style.body_font_size),
                       TextSetter(fonts.heading.name, style.header_font_size))
    heading_height = heading.leading + HEADING_GAP_PT
    header_heights = table.header_heights(report.summary.header)
    header_height = sum(header_heights)
    paginator = Paginator(report.summary, table.body_lines, table.body_metrics, restate=False)
    pages = paginator.paginate(
        lambda index: frame.type_height - header_height - (heading_height if index == 0 else 0.0))
    page_number = drawn
    used = 0.0
    for index, page in enumerate(pages):
        top = frame.top
        if index == 0:
            text = canvas.beginText()
            heading.draw(text, heading.lines(report.heading, frame.type_width), frame.left, top,
                         frame.type_width, "center")
            canvas.drawText(text)
            top -= heading_height
        table.draw_header(canvas, top, report.summary.header, header_heights)
        table.draw_cells(canvas, top - header_height, page.heights, paginator.page_cells(page), table.body)
        used = frame.top - top + header_height + sum(page.heights)
        if index < len(pages) - 1:
            page_number += 1
            draw_page_number(canvas, frame, number, page_number, style.page_numbers)
            canvas.showPage()
    charts = chart_pages(report.tallies, frame.type_width, frame.type_height, report.chart_title)
    top = frame.top - used - CHART_GAP_PT
    for chart in charts:
        if chart.height > top - frame.bottom:
            page_number += 1
            draw_page_number(canvas, frame, number, page_number, style.page_numbers)
            canvas.showPage()
            top = frame.top
        draw_chart(canvas, chart, frame.left, top, fonts.body.name)
        top -= chart.height + CHART_GAP_PT
    page_number += 1
    draw_page_number(canvas, frame, number, page_number, style.page_numbers)
    canvas.showPage()
