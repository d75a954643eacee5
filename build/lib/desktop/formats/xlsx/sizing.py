"""Column widths and row heights of the exported annex sheet, estimated from the grid's text.

Column widths are the style's relative widths scaled to the type area's width (GB/T 9704, from
``desktop.layout.page``), so printing at 100 % fills the type area and "fit to one page wide" has
nothing left to shrink. Row heights come from the number of lines each cell needs, broken as
Chinese text is set (:mod:`desktop.layout.linebreak`) with font-free widths: a CJK character is
one em, a Latin letter or digit is counted as 0.62 em, not half an em, because a machine without
仿宋_GB2312 draws digits in a wider fallback face (DejaVu Sans: 0.64 em) and a row one line short
cuts text off. A merged cell's need is spread evenly over the rows it spans, and those rows grow
only when their sum is not enough (so no single row balloons). Excel caps a row at 409 pt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.layout.grid import Grid, GridCell
from desktop.layout.linebreak import break_lines
from desktop.layout.page import geometry, mm_to_pt
from desktop.layout.text_measure import LINE_HEIGHT_FACTOR
from desktop.layout.typography import LABEL_FONT_SIZE_PT

CELL_PADDING_H_PT = 8.0  # left + right inner margins of a cell, and a little to spare
CELL_PADDING_V_PT = 6.0  # top + bottom
MAX_ROW_HEIGHT_PT = 409.0  # Excel's limit
PAGE_SPARE_PT = 4.0  # a body row is at most a page high, less the header rows and this
NARROW_EM = 0.62  # width of a Latin letter or digit, allowing for wide fallback faces
TITLE_SPACE_PT = 26.0  # space around the title (GB/T 9704 puts it on the third line)
# Excel column widths are in characters of the workbook's default font plus 5 px of padding, at
# 96 px per inch. The writer makes that font 宋体 11, whose digits Excel measures 8 px wide (its
# standard column width is 8.38 characters, 72 px); a fallback face with wider digits only makes
# the sheet wider, and "fit to one page wide" then prints it a little smaller, never cut.
_DIGIT_PX = 8.0
_PADDING_PX = 5.0
_PX_PER_PT = 96.0 / 72.0


@dataclass(frozen=True, slots=True)
class SheetSizes:
    column_widths: list[float]  # Excel width units, one per grid column
    column_points: list[float]  # the same widths in points
    header_heights: list[float]  # points, one per header row
    body_heights: list[float]  # points, one per body row
    title_height: float
    label_height: float


def excel_width(points: float) -> float:
    """Excel column width (characters of the default font) that shows ``points`` wide."""
    return round(max(points * _PX_PER_PT - _PADDING_PX, 0.0) / _DIGIT_PX, 2)


def column_points(grid: Grid) -> list[float]:
    """Each column's width in points: relative widths scaled to the type area's width."""
    page = geometry(grid.style.orientation)
    total = mm_to_pt(page.type_width)
    weights = [c.width for c in grid.style.columns]
    scale = total / sum(weights)
    return [w * scale for w in weights]


def line_height(font_size: float) -> float:
    return font_size * LINE_HEIGHT_FACTOR


def width_em(text: str) -> float:
    """Width of one line of text in ems: CJK 1, Latin ``NARROW_EM`` (UTF-8 length tells them apart)."""
    n = len(text)
    wide = (len(text.encode("utf-8")) - n) / 2  # ASCII takes 1 byte, CJK 3: each wide char adds 2
    return wide + (n - wide) * NARROW_EM


def line_count(text: str, width_pt: float, font_size: float) -> int:
    """Lines ``text`` wraps to in a cell ``width_pt`` wide (cell padding included in the width)."""
    inner = max(width_pt - CELL_PADDING_H_PT, font_size)
    if "\n" not in text and width_em(text) * font_size <= inner:
        return 1
    return max(1, len(break_lines(text, inner, lambda piece: width_em(piece) * font_size)))


def cell_height(cell: GridCell, widths: Sequence[float], font_size: float) -> float:
    """Points ``cell`` needs to show all its text, wrapped in its (possibly merged) width."""
    width = sum(widths[cell.col:cell.col + cell.colspan])
    return line_count(cell.text, width, font_size) * line_height(font_size) + CELL_PADDING_V_PT


def fit_rows(cells: Iterable[GridCell], n_rows: int, widths: Sequence[float],
             font_size: float, cap: float = MAX_ROW_HEIGHT_PT) -> list[float]:
    """Row heights (points) so that every cell's text fits; merged needs spread over their rows.

    No row is taller than ``cap``: a row never splits across printed pages, so one taller than
    the page (less the repeated header) would be cut off at the bottom of the page.
    """
    minimum = line_height(font_size) + CELL_PADDING_V_PT
    heights = [minimum] * n_rows
    merged: list[tuple[int, GridCell, float]] = []
    for cell in cells:
        need = cell_height(cell, widths, font_size)
        if cell.rowspan == 1:
            if need > heights[cell.row]:
                heights[cell.row] = need
        elif need > minimum * cell.rowspan:
            merged.append((cell.rowspan, cell, need))
    merged.sort(key=lambda item: item[0])
    for _, cell, need in merged:
        rows = range(cell.row, cell.row + cell.rowspan)
        have = sum(heights[r] for r in rows)
        if need > have:
            extra = (need - have) / cell.rowspan
            for r in rows:
                heights[r] += extra
    cap = min(cap, MAX_ROW_HEIGHT_PT)
    return [round(min(h, cap), 2) for h in heights]


def sheet_sizes(grid: Grid) -> SheetSizes:
    style = grid.style
    points = column_points(grid)
    total = sum(points)
    title_lines = line_count(grid.title, total, style.title_font_size)
    header_heights = fit_rows(grid.header, grid.header_rows, points, style.header_font_size)
    page_height = mm_to_pt(geometry(style.orientation).type_height)
    body_cap = page_height - sum(header_heights) - PAGE_SPARE_PT
    return SheetSizes(
        column_widths=[excel_width(p) for p in points],
        column_points=points,
        header_heights=header_heights,
        body_heights=fit_rows(grid.cells, grid.n_rows, points, style.body_font_size, body_cap),
        title_height=round(min(title_lines * line_height(style.title_font_size) + TITLE_SPACE_PT,
                               MAX_ROW_HEIGHT_PT), 2),
        label_height=round(line_height(LABEL_FONT_SIZE_PT) + CELL_PADDING_V_PT, 2),
    )
