"""The progress report as .xlsx: a first sheet 总体情况 (key figures, chart, ranking), then the table.

The first sheet — the one that opens — holds the heading, the overview (the round, 未报送 units,
totals, 逾期 by unit, 本期/上期), a native Excel stacked bar chart of the units' statuses drawn
from the ranking's cells (so the clerk can restyle it in Excel or WPS), and the ranking (one row
per unit and 合计). The second sheet, 落实情况明细, is the normal annex workbook's sheet of the
report grid (left out with ``summary_only``). Sheet names are short fixed words, never a title
cut at Excel's 31 characters. Cells holding 逾期 or 未报送 are bold and in their colour.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.progress_summary import REPORT_STATUSES
from desktop.formats.atomic import write_atomically
from desktop.formats.report.chart import STATUS_COLOURS
from desktop.formats.report.emphasis import flag_colour
from desktop.formats.report.report import ProgressReport
from desktop.formats.xlsx.cells import put_text, set_value
from desktop.formats.xlsx.page import apply_page_setup
from desktop.formats.xlsx.sheet import top_left
from desktop.formats.xlsx.writer import build_workbook
from desktop.layout.grid import Grid
from desktop.layout.typography import BODY_FACE, HEADER_FACE, LABEL_FACE, LABEL_FONT_SIZE_PT

SUMMARY_SHEET = "总体情况"
DETAIL_SHEET = "落实情况明细"
HEADING_ROW = 1
FIRST_ROW = 3
ROW_CM = 0.71  # a 20 pt row
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = {0: 6.0, 1: 24.0, 2: 10.0}  # 名次, 单位, 报送情况; the others are 9 wide
FIRST_STATUS_COL = 5  # 1-based: 名次, 单位, 报送情况, 任务数, then the statuses


def write_report_xlsx(report: ProgressReport, target: Path) -> None:
    """Write the report as .xlsx at ``target`` (atomically)."""
    workbook = build_workbook(report.grid)
    detail = workbook.worksheets[0]
    detail.title = DETAIL_SHEET
    ws = workbook.create_sheet(SUMMARY_SHEET, 0)
    workbook.active = 0
    detail.sheet_view.tabSelected = False
    if report.summary_only:
        workbook.remove(detail)
    for col in range(report.summary.n_cols):
        ws.column_dimensions[get_column_letter(col + 1)].width = _WIDTHS.get(col, 9.0)
    width = report.summary.n_cols
    ws.merge_cells(start_row=HEADING_ROW, start_column=1, end_row=HEADING_ROW, end_column=width)
    heading = put_text(ws, HEADING_ROW, 1, report.overview_heading or report.heading)
    heading.font = Font(name=LABEL_FACE.east_asian, size=LABEL_FONT_SIZE_PT)
    heading.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[HEADING_ROW].height = 30
    row = FIRST_ROW
    if report.overview is not None:
        row = _overview(ws, report.overview, row, report.summary.n_cols) + 1
    ranking_heading = row + _chart_rows(report)
    ranking_first = ranking_heading + 1
    _grid(ws, report.summary, ranking_first, report.heading, ranking_heading)
    _chart(ws, report, ranking_first, row)
    apply_page_setup(ws, report.summary.style, ranking_first, ranking_first - 1)  # no repeated rows
    ws.freeze_panes = None
    write_atomically(Path(target), lambda tmp: workbook.save(tmp))


def _font(base: Font, text: str) -> Font:
    colour = flag_colour(text)
    if colour is None:
        return base
    return Font(name=base.name, size=base.size, bold=True, color=colour.lstrip("#"))


def _overview(ws: Worksheet, grid: Grid, first: int, width: int) -> int:
    """The key figures: label in column A:B, the text merged over the rest; returns the next row."""
    label_font = Font(name=HEADER_FACE.east_asian, size=grid.style.body_font_size)
    body_font = Font(name=BODY_FACE.east_asian, size=grid.style.body_font_size)
    rows: dict[int, dict[int, str]] = {}
    for cell in grid.cells:
        rows.setdefault(cell.row, {})[cell.col] = cell.text
    for index in range(grid.n_rows):
        row = first + index
        label, text = rows.get(index, {}).get(0, ""), rows.get(index, {}).get(1, "")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=width)
        left = put_text(ws, row, 1, label)
        left.font, left.border = _font(label_font, label), _BORDER
        left.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        right = put_text(ws, row, 3, text)
        right.font, right.border = _font(body_font, label + text), _BORDER
        right.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        ws.row_dimensions[row].height = 20 * max(1, -(-len(text) // 70))
    return first + grid.n_rows


def _grid(ws: Worksheet, grid: Grid, header_row: int, heading: str, heading_row: int) -> None:
    ws.merge_cells(start_row=heading_row, start_column=1, end_row=heading_row, end_column=grid.n_cols)
    title = put_text(ws, heading_row, 1, heading)
    title.font = Font(name=HEADER_FACE.east_asian, size=LABEL_FONT_SIZE_PT - 2)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[heading_row].height = 26
    header_font = Font(name=HEADER_FACE.east_asian, size=grid.style.header_font_size)
    body_font = Font(name=BODY_FACE.east_asian, size=grid.style.body_font_size)
    for cell in grid.header:
        target = put_text(ws, header_row + cell.row, cell.col + 1, cell.text)
        target.font, target.border = header_font, _BORDER
        target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in grid.cells:
        value: str | int = cell.text
        if cell.role == "attribute" and cell.text.isdigit():
            value = int(cell.text)
        target = top_left(ws, header_row + grid.header_rows + cell.row, cell.col + 1)
        set_value(target, value)
        target.font, target.border = _font(body_font, cell.text), _BORDER
        horizontal = "left" if cell.role == "requirement" else "center"
        target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    for row in range(header_row, header_row + grid.header_rows + grid.n_rows):
        ws.row_dimensions[row].height = 20


def _chart_height(units: int) -> float:
    return max(8.0, 0.62 * units + 3.5)


def _chart_rows(report: ProgressReport) -> int:
    return int(_chart_height(len(report.tallies)) / ROW_CM) + 2 if report.tallies else 0


def _chart(ws: Worksheet, report: ProgressReport, header_row: int, anchor: int) -> None:
    units = len(report.tallies)
    if not units:
        return
    grid = report.summary
    first, last = header_row + grid.header_rows, header_row + grid.header_rows + units - 1
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 60
    chart.title = report.chart_title
    data = Reference(ws, min_col=FIRST_STATUS_COL, max_col=FIRST_STATUS_COL + len(REPORT_STATUSES) - 1,
                     min_row=header_row, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=last))
    for series, key in zip(chart.series, REPORT_STATUSES, strict=True):
        series.graphicalProperties.solidFill = STATUS_COLOURS[key].lstrip("#")
        series.graphicalProperties.line.solidFill = STATUS_COLOURS[key].lstrip("#")
    chart.x_axis.scaling.orientation = "maxMin"  # the first unit at the top, as in the table
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.legend.position = "t"
    chart.width = 24  # cm
    chart.height = _chart_height(units)
    ws.add_chart(chart, f"A{anchor}")
