"""Geometry of the on-screen annex table: fonts, column widths, cell lines and row heights.

The table view is drawn to the proportions of the printed page: at 100 % zoom the table is as wide
as the type area (225 mm landscape, 156 mm portrait) at the screen's logical resolution, text is
the style's point size, lines are 1.3 em apart and cells have the PDF's padding. Cell text is broken
into lines by the same Chinese line breaker the PDF uses (``desktop.layout.linebreak``) with Qt's
font metrics, and the delegate paints exactly those lines, so a row is always tall enough.

Breaking is cached per (text, width). Row heights come from line counts per cell: measured ones
where the cell has been broken (visible or edited rows), else an estimate from the text's width in
ems, which is exact for plain CJK text; ``desktop.layout.paginate.row_heights`` turns counts into
heights the same way the PDF does (merged cells grow their last row).
"""

from __future__ import annotations

import itertools
import math

from PySide6.QtGui import QFont, QFontMetricsF

from desktop.core.style import TableStyle
from desktop.layout.grid import Grid, GridCell
from desktop.layout.linebreak import Line, break_lines
from desktop.layout.page import geometry
from desktop.layout.paginate import RowMetrics, row_heights
from desktop.layout.text_measure import text_width_em

BODY_FAMILIES = ["FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "SimSun", "宋体",
                 "AR PL UMing CN", "WenQuanYi Zen Hei", "Noto Serif CJK SC", "Noto Sans CJK SC"]
HEADER_FAMILIES = ["SimHei", "黑体", "Microsoft YaHei", "WenQuanYi Zen Hei", "Noto Sans CJK SC"]
LINE_FACTOR = 1.3
PADDING_H_PT = 4.25
PADDING_V_PT = 3.0
MM_PER_INCH = 25.4
ESTIMATE_FILL = 0.96  # lines rarely end flush: punctuation rules push a character on (errs tall)


def make_font(families: list[str], point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


class TextSetter:
    """Breaks text into lines with one Qt font, caching character widths and results."""

    def __init__(self, font: QFont, px_per_pt: float, size_pt: float) -> None:
        self.font = font
        self.metrics = QFontMetricsF(font)
        self.leading = size_pt * LINE_FACTOR * px_per_pt
        self.em = self.metrics.horizontalAdvance("中")
        self._widths: dict[str, float] = {}
        self._lines: dict[tuple[str, float], tuple[Line, ...]] = {}

    def measure(self, text: str) -> float:
        widths = self._widths
        total = 0.0
        for ch in text:
            width = widths.get(ch)
            if width is None:
                width = widths[ch] = self.metrics.horizontalAdvance(ch)
            total += width
        return total

    def lines(self, text: str, width: float) -> tuple[Line, ...]:
        key = (text, width)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = tuple(break_lines(text, width, self.measure))
        return found

    def known(self, text: str, width: float) -> bool:
        return (text, width) in self._lines

    def estimate(self, text: str, width: float) -> int:
        per_line = max(width / self.em * ESTIMATE_FILL, 1.0)
        return sum(max(1, math.ceil(text_width_em(p) / per_line - 1e-9)) for p in text.split("\n"))


class TableLayout:
    """Column edges, fonts and row heights of one grid at one zoom factor."""

    def __init__(self, style: TableStyle, zoom: float = 1.0, logical_dpi: float = 96.0) -> None:
        self.style = style
        self.zoom = zoom
        self.px_per_pt = logical_dpi / 72.0 * zoom
        page = geometry(style.orientation)
        total_px = page.type_width / MM_PER_INCH * logical_dpi * zoom
        weights = [c.width for c in style.columns]
        self.widths = [total_px * w / sum(weights) for w in weights]
        self.edges = [0.0]
        for width in self.widths:
            self.edges.append(self.edges[-1] + width)
        rounded = [round(edge) for edge in self.edges]
        self._int_widths = [b - a for a, b in itertools.pairwise(rounded)]
        self.pad_h = PADDING_H_PT * self.px_per_pt
        self.pad_v = PADDING_V_PT * self.px_per_pt
        self.body = TextSetter(make_font(BODY_FAMILIES, style.body_font_size * zoom),
                               self.px_per_pt, style.body_font_size)
        self.header = TextSetter(make_font(HEADER_FAMILIES, style.header_font_size * zoom, bold=True),
                                 self.px_per_pt, style.header_font_size)
        self.body_metrics = RowMetrics(self.body.leading, 2 * self.pad_v)
        self._counts: dict[tuple[str, float], int] = {}
        self.header_metrics = RowMetrics(self.header.leading, 2 * self.pad_v)

    def column_widths(self) -> list[int]:
        """Integer pixel widths whose running sums follow the exact edges (no drift)."""
        return list(self._int_widths)

    def text_width(self, cell: GridCell) -> float:
        return sum(self._int_widths[cell.col:cell.last_col + 1]) - 2 * self.pad_h

    def cell_lines(self, cell: GridCell, setter: TextSetter | None = None) -> tuple[Line, ...]:
        return (setter or self.body).lines(cell.text, self.text_width(cell))

    def line_count(self, cell: GridCell, precise: bool) -> int:
        """Lines of a body cell: measured when asked (or already known), else estimated."""
        width = self.text_width(cell)
        key = (cell.text, width)
        count = self._counts.get(key)
        if count is not None and (count > 0 or not precise):
            return abs(count)
        if precise:
            count = max(1, len(self.body.lines(cell.text, width)))
            self._counts[key] = count
            return count
        count = self.body.estimate(cell.text, width)
        self._counts[key] = -count  # negative: an estimate, to be measured when seen
        return count

    def row_heights(self, grid: Grid, first: int, last: int, precise: bool) -> list[float]:
        """Heights of rows first..last, a range no merged cell crosses (see ``closed_range``)."""
        fragments = []
        whole = first == 0 and last == grid.n_rows - 1
        for cell in grid.cells if whole else grid.cells_starting_in(first, last):
            fragments.append((_shift(cell, first), self.line_count(cell, precise)))
        return row_heights(fragments, last - first + 1, self.body_metrics)

    def header_height(self, grid: Grid) -> float:
        counts = [(c, len(self.header.lines(c.text, self.text_width(c)))) for c in grid.header]
        return sum(row_heights(counts, grid.header_rows, self.header_metrics))


def closed_range(grid: Grid, first: int, last: int) -> tuple[int, int]:
    """The smallest row range containing first..last that no merged cell crosses."""
    first, last = max(0, first), min(grid.n_rows - 1, last)
    while True:
        top = min(c.row for c in grid.row_cells(first))
        bottom = max(c.last_row for c in grid.row_cells(last))
        if top == first and bottom == last:
            return first, last
        first, last = min(first, top), max(last, bottom)


def _shift(cell: GridCell, rows: int) -> GridCell:
    if not rows:
        return cell
    return GridCell(cell.row - rows, cell.col, cell.rowspan, cell.colspan, cell.text, cell.role)
