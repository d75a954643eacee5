"""The progress report as .xlsx: a first sheet 总体情况 (key figures, chart, ranking), then the table.

The first sheet — the one that opens — holds the heading, the overview (the round, 未报送 units,
totals, 逾期 by unit, 本期/上期), a native Excel stacked bar chart of the units' statuses drawn
from the ranking's cells (so the clerk can restyle it in Excel or WPS), and the ranking (one row
per unit and 合计). The second sheet, 落实情况明细, is the normal annex workbook's sheet of the
report grid (left out with ``summary_only``). Sheet names are short fixed words, never a title
cut at Excel's 31 characters. Cells holding 逾期 or 未报送 are bold and in their colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.text import RichText
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RichTextProperties
from openpyxl.drawing.xdr import XDRPositiveSize2D as PositiveSize2D
from openpyxl.styles import Alignment, Border, Color, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.progress_summary import REPORT_STATUSES, UnitTally
from desktop.core.tracking import DISPLAY_LABELS
from desktop.formats.atomic import write_atomically
from desktop.formats.report.chart import STATUS_COLOURS, ChartPlan, plan_chart
from desktop.formats.report.emphasis import flag_colour
from desktop.formats.report.report import ProgressReport
from desktop.formats.xlsx.cells import put_text, set_value
from desktop.formats.xlsx.page import apply_page_setup
from desktop.formats.xlsx.sheet import top_left
from desktop.formats.xlsx.sizing import excel_width
from desktop.formats.xlsx.writer import build_workbook
from desktop.layout.chart_scale import nice_step
from desktop.layout.grid import Grid
from desktop.layout.page import geometry, mm_to_pt
from desktop.layout.text_measure import text_width_em
from desktop.layout.typography import BODY_FACE, HEADER_FACE, LABEL_FACE, LABEL_FONT_SIZE_PT

SUMMARY_SHEET = "总体情况"
DETAIL_SHEET = "落实情况明细"
HEADING_ROW = 1
FIRST_ROW = 3
HEADING_PT = 30.0
GAP_PT = 8.0
OVERVIEW_LINE_PT = 14.0  # a 10.5 pt line of the overview, as Excel and LibreOffice set it
TITLE_ROW_PT = 20.0  # the chart's title, a cell over the charts
SPACER_PT = 15.0  # the rows under the charts
SLACK_PT = 4.0
PANEL_GAP_PT = 8.0
NATIVE_AXIS_PT = 30.0  # a native chart's value axis and margins
LABEL_SHARE = 0.3  # of a panel's width, what a renderer gives the units' names before wrapping them
NATIVE_FRAME_SAVED_PT = 28.0  # the drawn chart's title and legend rows, less the native plot's margins
CM_PT = 72 / 2.54
EMU_PT = 12700
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
    points = _column_points(report.summary)
    for col, width_pt in enumerate(points):
        ws.column_dimensions[get_column_letter(col + 1)].width = excel_width(width_pt)
    width = report.summary.n_cols
    ws.merge_cells(start_row=HEADING_ROW, start_column=1, end_row=HEADING_ROW, end_column=width)
    heading = put_text(ws, HEADING_ROW, 1, report.overview_heading or report.heading)
    heading.font = Font(name=LABEL_FACE.east_asian, size=LABEL_FONT_SIZE_PT)
    heading.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[HEADING_ROW].height = HEADING_PT
    ws.row_dimensions[HEADING_ROW + 1].height = GAP_PT
    row, used = FIRST_ROW, HEADING_PT + GAP_PT
    if report.overview is not None:
        row, height = _overview(ws, report.overview, row, points)
        used += height
    page = geometry(report.summary.style.orientation)
    room = mm_to_pt(page.type_height) - used - SLACK_PT
    rows = int((room - 2 * TITLE_ROW_PT) // SPACER_PT)
    chart_pt = rows * SPACER_PT - 4
    # the native charts carry no title or legend (cells above them do): their own frame is smaller
    plan = plan_chart(report.tallies, sum(points), chart_pt + NATIVE_FRAME_SAVED_PT, report.chart_title)
    ranking_heading = row
    if plan is not None:  # the chart fills the rest of page 1; the ranking starts on page 2
        title = put_text(ws, row, 1, plan.title)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        title.font = Font(name=HEADER_FACE.east_asian, size=11, bold=True)
        title.alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[row].height = TITLE_ROW_PT
        _legend(ws, row + 1, width)
        for spacer in range(row + 2, row + 2 + rows):
            ws.row_dimensions[spacer].height = SPACER_PT
        ranking_heading = row + 2 + rows
        ws.row_breaks.append(Break(id=ranking_heading - 1))
    ranking_first = ranking_heading + 1
    _grid(ws, report.summary, ranking_first, report.heading, ranking_heading)
    if plan is not None:
        _charts(ws, report, plan, points, ranking_first, row + 2, chart_pt)
    apply_page_setup(ws, report.summary.style, ranking_first, ranking_first - 1)  # no repeated rows
    ws.freeze_panes = None
    write_atomically(Path(target), lambda tmp: workbook.save(tmp))


def _column_points(grid: Grid) -> list[float]:
    """The summary sheet's column widths in points, filling the type area: it prints at 100 %, so
    the first page's rows and charts are sized in the points they print at."""
    weights = [_WIDTHS.get(col, 9.0) for col in range(grid.n_cols)]
    total = mm_to_pt(geometry(grid.style.orientation).type_width)
    return [weight * total / sum(weights) for weight in weights]


def _legend(ws: Worksheet, row: int, width: int) -> None:
    """The charts' one legend, as a cell: a coloured ■ before each status (the panels have none)."""
    parts: list[str | TextBlock] = []
    for key in REPORT_STATUSES:
        parts.append(TextBlock(InlineFont(color=Color(STATUS_COLOURS[key].lstrip("#")), sz=11), "■"))
        parts.append(TextBlock(InlineFont(sz=9), f" {DISPLAY_LABELS[key]}　"))
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    cell = ws.cell(row=row, column=1)
    cell.value = CellRichText(*parts)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[row].height = TITLE_ROW_PT


def _font(base: Font, text: str) -> Font:
    colour = flag_colour(text)
    if colour is None:
        return base
    return Font(name=base.name, size=base.size, bold=True, color=colour.lstrip("#"))


def _overview(ws: Worksheet, grid: Grid, first: int, points: list[float]) -> tuple[int, float]:
    """The key figures: label in column A:B, the text merged over the rest; returns the next row and
    the height the rows take."""
    label_font = Font(name=HEADER_FACE.east_asian, size=grid.style.body_font_size)
    body_font = Font(name=BODY_FACE.east_asian, size=grid.style.body_font_size)
    rows: dict[int, dict[int, str]] = {}
    total = 0.0
    for cell in grid.cells:
        rows.setdefault(cell.row, {})[cell.col] = cell.text
    for index in range(grid.n_rows):
        row = first + index
        label, text = rows.get(index, {}).get(0, ""), rows.get(index, {}).get(1, "")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=len(points))
        left = put_text(ws, row, 1, label)
        left.font, left.border = _font(label_font, label), _BORDER
        left.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        right = put_text(ws, row, 3, text)
        right.font, right.border = _font(body_font, label + text), _BORDER
        right.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        line_em = (sum(points[2:]) - 8) / grid.style.body_font_size - 1
        height = OVERVIEW_LINE_PT * max(1, -(-text_width_em(text) // line_em)) + 4
        ws.row_dimensions[row].height = height
        total += height
    return first + grid.n_rows, total


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


def _charts(ws: Worksheet, report: ProgressReport, plan: ChartPlan, points: list[float], header_row: int,
            anchor: int, height_pt: float) -> None:
    """One native stacked bar chart per panel of ``plan``, side by side from row ``anchor``, each drawn
    from the ranking's rows of its units (contiguous: the ranking is sorted by 完成率), on one scale."""
    first = header_row + report.summary.header_rows
    order = {id(tally): index for index, tally in enumerate(report.tallies)}
    top = max((tally.total for tally in plan.tallies), default=1)
    panels = plan.panels
    panel_pt = (sum(points) - PANEL_GAP_PT * (len(panels) - 1)) / len(panels)
    for index, tallies in enumerate(panels):
        rows = [first + order[id(tally)] for tally in tallies]
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.gapWidth = 50
        data = Reference(ws, min_col=FIRST_STATUS_COL, max_col=FIRST_STATUS_COL + len(REPORT_STATUSES) - 1,
                         min_row=min(rows), max_row=max(rows))
        chart.add_data(data, titles_from_data=False)
        # a name per bar: LibreOffice leaves out every other name when they are taller than the pitch
        font = min(plan.font_pt, (height_pt - NATIVE_AXIS_PT) / max(len(tallies), 1) * 0.62)
        names = _short_names(ws, report, tallies, rows, int(panel_pt * LABEL_SHARE / font))
        chart.set_categories(Reference(ws, min_col=names, min_row=min(rows), max_row=max(rows)))
        chart.visible_cells_only = False  # the short names' column is hidden
        for offset, (series, key) in enumerate(zip(chart.series, REPORT_STATUSES, strict=True)):
            name = f"'{SUMMARY_SHEET}'!${get_column_letter(FIRST_STATUS_COL + offset)}${header_row}"
            series.tx = SeriesLabel(strRef=StrRef(name))
            series.graphicalProperties.solidFill = STATUS_COLOURS[key].lstrip("#")
            series.graphicalProperties.line.solidFill = STATUS_COLOURS[key].lstrip("#")
        # the first unit of the panel at the top, as on the other formats' chart
        chart.x_axis.scaling.orientation = "maxMin" if rows[0] <= rows[-1] else "minMax"
        chart.x_axis.tickLblSkip = 1  # every unit's name, not every other one
        chart.y_axis.crosses = "max"  # the value axis below the bars, also with the units reversed
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.y_axis.majorGridlines = None
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = float(top)
        chart.y_axis.majorUnit = float(nice_step(top))
        chart.x_axis.txPr = _axis_text(font)
        chart.y_axis.txPr = _axis_text(font)
        chart.legend = None  # one legend for all panels, in the row above them
        chart.width = panel_pt / CM_PT  # type: ignore[assignment]  # the stubs say int; cm are fractional
        chart.height = height_pt / CM_PT
        chart.anchor = _anchor(points, index * (panel_pt + PANEL_GAP_PT), anchor,  # type: ignore[assignment]
                               panel_pt, height_pt)  # openpyxl writes an anchor object (stubs: str only)
        ws.add_chart(chart)


def _short_names(ws: Worksheet, report: ProgressReport, tallies: Sequence[UnitTally], rows: list[int],
                 limit: int) -> int:
    """The column the panel's unit names come from: the ranking's 单位 when every name fits one line
    of the panel's axis, else a hidden column of the names cut to ``limit`` characters ("区第2人力资源…")
    — a name the renderer wraps takes two rows, and it then leaves every other unit's name out."""
    if all(len(tally.unit) <= limit for tally in tallies):
        return 2
    column = report.summary.n_cols + 2
    ws.column_dimensions[get_column_letter(column)].hidden = True
    for tally, row in zip(tallies, rows, strict=True):
        text = tally.unit if len(tally.unit) <= limit else tally.unit[:max(1, limit - 1)] + "…"
        put_text(ws, row, column, text)
    return column


def _axis_text(size: float) -> RichText:
    """Axis labels in ``size`` points on one line each (a wrapped name takes two rows' room, and the
    renderer then leaves every other unit's name out)."""
    font = CharacterProperties(sz=round(size * 100))
    return RichText(bodyPr=RichTextProperties(wrap="none"),
                    p=[Paragraph(pPr=ParagraphProperties(defRPr=font), endParaRPr=font)])


def _anchor(points: list[float], x_pt: float, row: int, width_pt: float, height_pt: float) -> OneCellAnchor:
    """A chart's place: ``x_pt`` from the sheet's left edge, at the top of ``row``."""
    col = 0
    while col < len(points) - 1 and x_pt >= points[col]:
        x_pt -= points[col]
        col += 1
    marker = AnchorMarker(col=col, colOff=round(x_pt * EMU_PT), row=row - 1, rowOff=0)
    size = PositiveSize2D(round(width_pt * EMU_PT), round(height_pt * EMU_PT))
    return OneCellAnchor(_from=marker, ext=size)
