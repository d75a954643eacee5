"""The progress report as .xlsx: the annex sheet with progress columns, and a 统计 sheet with a chart.

The first sheet is the normal annex workbook (:func:`desktop.formats.xlsx.writer.build_workbook`
of the report grid). The second, 统计, holds the heading, the summary grid (one row per unit and
合计) and a native Excel stacked bar chart of the units' statuses drawn from those cells, so the
clerk can restyle it in Excel or WPS.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.progress_summary import REPORT_STATUSES
from desktop.formats.atomic import write_atomically
from desktop.formats.report.chart import STATUS_COLOURS
from desktop.formats.report.report import ProgressReport
from desktop.formats.xlsx.cells import put_text, set_value
from desktop.formats.xlsx.page import apply_page_setup
from desktop.formats.xlsx.sheet import top_left
from desktop.formats.xlsx.writer import build_workbook
from desktop.layout.grid import Grid
from desktop.layout.typography import BODY_FACE, HEADER_FACE, LABEL_FACE, LABEL_FONT_SIZE_PT

SUMMARY_SHEET = "统计"
HEADING_ROW = 1
HEADER_ROW = 3
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = {0: 24.0}  # the unit column; the others are 10 wide
FIRST_STATUS_COL = 3  # 1-based: 单位, 任务数, then the statuses


def write_report_xlsx(report: ProgressReport, target: Path) -> None:
    """Write the report as .xlsx at ``target`` (atomically)."""
    workbook = build_workbook(report.grid)
    ws = workbook.create_sheet(SUMMARY_SHEET)
    _summary(ws, report)
    _chart(ws, report)
    apply_page_setup(ws, report.summary.style, HEADER_ROW, HEADER_ROW - 1)  # no repeated header rows
    write_atomically(Path(target), lambda tmp: workbook.save(tmp))


def _cell_row(grid: Grid, row: int) -> int:
    return HEADER_ROW + grid.header_rows + row


def _summary(ws: Worksheet, report: ProgressReport) -> None:
    grid = report.summary
    for col in range(grid.n_cols):
        ws.column_dimensions[get_column_letter(col + 1)].width = _WIDTHS.get(col, 10.0)
    ws.merge_cells(start_row=HEADING_ROW, start_column=1, end_row=HEADING_ROW, end_column=grid.n_cols)
    heading = put_text(ws, HEADING_ROW, 1, report.heading)
    heading.font = Font(name=LABEL_FACE.east_asian, size=LABEL_FONT_SIZE_PT)
    heading.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[HEADING_ROW].height = 28
    header_font = Font(name=HEADER_FACE.east_asian, size=grid.style.header_font_size)
    body_font = Font(name=BODY_FACE.east_asian, size=grid.style.body_font_size)
    for cell in grid.header:
        target = put_text(ws, HEADER_ROW + cell.row, cell.col + 1, cell.text)
        target.font, target.border = header_font, _BORDER
        target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in grid.cells:
        value: str | int = cell.text
        if cell.role == "attribute" and cell.text.isdigit():
            value = int(cell.text)
        target = top_left(ws, _cell_row(grid, cell.row), cell.col + 1)
        set_value(target, value)
        target.font, target.border = body_font, _BORDER
        horizontal = "left" if cell.role == "requirement" else "center"
        target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    for row in range(HEADER_ROW, _cell_row(grid, grid.n_rows)):
        ws.row_dimensions[row].height = 20


def _chart(ws: Worksheet, report: ProgressReport) -> None:
    units = len(report.tallies)
    if not units:
        return
    grid = report.summary
    first, last = _cell_row(grid, 0), _cell_row(grid, units - 1)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 60
    chart.title = report.chart_title
    data = Reference(ws, min_col=FIRST_STATUS_COL, max_col=FIRST_STATUS_COL + len(REPORT_STATUSES) - 1,
                     min_row=HEADER_ROW, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    for series, key in zip(chart.series, REPORT_STATUSES, strict=True):
        series.graphicalProperties.solidFill = STATUS_COLOURS[key].lstrip("#")
        series.graphicalProperties.line.solidFill = STATUS_COLOURS[key].lstrip("#")
    chart.x_axis.scaling.orientation = "maxMin"  # the first unit at the top, as in the table
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.legend.position = "t"
    chart.width = 24  # cm
    chart.height = max(8.0, 0.62 * units + 3.5)
    anchor = _cell_row(grid, grid.n_rows) + 1
    ws.row_breaks.append(Break(id=anchor - 1))  # the chart starts a printed page of its own
    ws.add_chart(chart, f"A{anchor}")
