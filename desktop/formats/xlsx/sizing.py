"""Column widths of the exported annex sheet, and the line count the feedback workbook sizes rows with.

Column widths are the style's relative widths scaled to the type area's width (GB/T 9704, from
``desktop.layout.page``), in Excel's width unit: characters of the workbook's default font, which
the annex writer makes 宋体 11. Printing at 100 % then fills the type area, and "fit to one page
wide" has nothing left to shrink. Row heights of the annex come from the shared page plan
(``desktop.layout.page_plan``). ``line_count`` breaks text as Chinese text is set
(:mod:`desktop.layout.linebreak`) with font-free widths: a CJK character is one em, a Latin letter
or digit 0.62 em, not half an em, because a machine without 仿宋_GB2312 draws digits in a wider
fallback face (DejaVu Sans: 0.64 em). Excel caps a row at 409 pt.
"""

from __future__ import annotations

from desktop.layout.grid import Grid
from desktop.layout.linebreak import break_lines
from desktop.layout.page import geometry, mm_to_pt
from desktop.layout.text_measure import LINE_HEIGHT_FACTOR

CELL_PADDING_H_PT = 8.0  # left + right inner margins of a cell, and a little to spare
CELL_PADDING_V_PT = 6.0  # top + bottom
MAX_ROW_HEIGHT_PT = 409.0  # Excel's limit
NARROW_EM = 0.62  # width of a Latin letter or digit, allowing for wide fallback faces
# Excel column widths are in characters of the workbook's default font plus 5 px of padding, at
# 96 px per inch. The writer makes that font 宋体 11, whose digits Excel measures 8 px wide (its
# standard column width is 8.38 characters, 72 px); a fallback face with wider digits only makes
# the sheet wider, and "fit to one page wide" then prints it a little smaller, never cut.
_DIGIT_PX = 8.0
_PADDING_PX = 5.0
_PX_PER_PT = 96.0 / 72.0


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


def column_widths(grid: Grid) -> list[float]:
    """Each column's width in Excel's unit."""
    return [excel_width(points) for points in column_points(grid)]


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
