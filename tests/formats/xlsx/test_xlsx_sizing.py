"""Column widths of the .xlsx sheet and the line count of its cells; rows that could outgrow a page."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.core.style import PRESETS
from desktop.formats.xlsx.sizing import (
    CELL_PADDING_H_PT,
    MAX_ROW_HEIGHT_PT,
    NARROW_EM,
    column_points,
    column_widths,
    excel_width,
    line_count,
    line_height,
    width_em,
)
from desktop.formats.xlsx.writer import body_row, write_xlsx_grid
from desktop.layout.engine import build_grid
from desktop.layout.grid import GridCell
from desktop.layout.page import LANDSCAPE, PORTRAIT, mm_to_pt
from desktop.layout.page_plan import plan_table


def test_width_em():
    assert width_em("政务公开") == 4
    assert width_em("“（，。") == 4
    assert width_em("2024") == pytest.approx(4 * NARROW_EM)


def test_excel_width_of_points():
    assert excel_width(72.0) == pytest.approx((96 - 5) / 8, abs=0.01)  # one inch = 96 px, 宋体 11 digits 8 px
    assert excel_width(0.0) == 0.0


@pytest.mark.parametrize(("text", "chars_per_line", "lines"), [
    ("", 4, 1),
    ("政务公开", 4, 1),
    ("政务公开", 3, 2),
    ("政务\n公开", 4, 2),
    ("政务\n\n公开", 4, 3),
    ("一二，三四，", 2, 4),  # "，" never starts a line: it takes the character before it along
    ("一2024年", 2.5, 3),  # digits stay together: 一 | 2024 | 年 (not 一20 | 24年)
    ("2017年底前", 5, 2),  # Latin digits count 0.62 em: 2.48 + 3 > 5
])
def test_line_count(text, chars_per_line, lines):
    width = chars_per_line * 12.0 + CELL_PADDING_H_PT
    assert line_count(text, width, 12.0) == lines


def test_columns_fill_the_type_area(laiwu_plan):
    grid = build_grid(laiwu_plan)
    points = column_points(grid)
    assert sum(points) == pytest.approx(mm_to_pt(LANDSCAPE.type_width))
    weights = [c.width for c in grid.style.columns]
    ratios = [p / w for p, w in zip(points, weights, strict=True)]
    assert ratios == pytest.approx([ratios[0]] * len(ratios))
    portrait = build_grid(laiwu_plan, PRESETS["laiwu2024"].with_options(orientation="portrait"))
    assert sum(column_points(portrait)) == pytest.approx(mm_to_pt(PORTRAIT.type_width))


def test_a_row_never_outgrows_the_page(laiwu_plan, tmp_path):
    """A requirement taller than a page is cut into planned pieces, each within the page and 409 pt."""
    grid = build_grid(laiwu_plan)
    first = grid.cells_starting_in(0, 0)
    requirement = next(c for c in first if c.role == "requirement")
    grid.cells[grid.cells.index(requirement)] = GridCell(0, requirement.col, 1, requirement.colspan,
                                                         "政务公开" * 400, "requirement")
    write_xlsx_grid(grid, tmp_path / "tall.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "tall.xlsx").active
    table = plan_table(grid)
    page = mm_to_pt(LANDSCAPE.type_height)  # 442 pt: more than Excel's 409 pt limit
    rows = sum(p.row_count for p in table.pages)
    heights = [ws.row_dimensions[body_row(grid, r)].height for r in range(rows)]
    assert table.pages[0].row_count == 1 and len(table.pages) > grid.n_rows // 5
    assert max(heights) <= MAX_ROW_HEIGHT_PT
    assert max(heights) + table.header_height < page


def test_column_widths_of_a_sample(taian_plan):
    grid = build_grid(taian_plan)
    widths = column_widths(grid)
    assert len(widths) == grid.n_cols
    assert sum(w * 8 + 5 for w in widths) / 96 * 72 == pytest.approx(mm_to_pt(LANDSCAPE.type_width), rel=0.01)
    assert line_height(grid.style.body_font_size) == pytest.approx(15.6)
