"""Column widths and row heights of the .xlsx sheet, computed from the grid."""

from __future__ import annotations

import pytest

from desktop.core.style import PRESETS
from desktop.formats.xlsx.sizing import (
    CELL_PADDING_H_PT,
    CELL_PADDING_V_PT,
    MAX_ROW_HEIGHT_PT,
    NARROW_EM,
    column_points,
    excel_width,
    fit_rows,
    line_count,
    line_height,
    sheet_sizes,
    width_em,
)
from desktop.layout.engine import build_grid
from desktop.layout.grid import GridCell
from desktop.layout.page import LANDSCAPE, PORTRAIT, mm_to_pt


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


def test_fit_rows_grows_only_what_a_merged_cell_lacks():
    widths = [60.0, 200.0]  # 8 and 32 half-em units of 12 pt text: 4 and 16 characters a line
    line = line_height(12.0)
    pad = CELL_PADDING_V_PT
    tall = GridCell(0, 1, 1, 1, "政" * 30, "requirement")  # 2 lines
    short = GridCell(1, 1, 1, 1, "短", "requirement")  # 1 line
    merged = GridCell(0, 0, 2, 1, "政务公开" * 4, "category")  # 4 lines over both rows
    heights = fit_rows([merged, tall, short], 2, widths, 12.0)
    lacking = (4 * line + pad) - (2 * line + pad) - (line + pad)
    assert heights == pytest.approx([2 * line + pad + lacking / 2, line + pad + lacking / 2], abs=0.01)

    small_merged = GridCell(0, 0, 2, 1, "政务", "category")  # fits: nothing grows
    heights = fit_rows([small_merged, tall, short], 2, widths, 12.0)
    assert heights == pytest.approx([2 * line + pad, line + pad], abs=0.01)


def test_row_height_is_capped_at_excels_limit():
    heights = fit_rows([GridCell(0, 0, 1, 1, "政" * 5000, "requirement")], 1, [100.0], 12.0)
    assert heights == [MAX_ROW_HEIGHT_PT]


def test_a_row_never_outgrows_the_page(laiwu_plan):
    grid = build_grid(laiwu_plan)
    first = grid.cells_starting_in(0, 0)
    requirement = next(c for c in first if c.role == "requirement")
    grid.cells[grid.cells.index(requirement)] = GridCell(0, requirement.col, 1, requirement.colspan,
                                                         "政务公开" * 400, "requirement")
    sizes = sheet_sizes(grid)
    page = mm_to_pt(LANDSCAPE.type_height)  # 442 pt: more than Excel's 409 pt limit
    assert sizes.body_heights[0] == pytest.approx(min(MAX_ROW_HEIGHT_PT, page - sum(sizes.header_heights)),
                                                  abs=5)
    assert sizes.body_heights[0] + sum(sizes.header_heights) < page
    portrait = build_grid(laiwu_plan, PRESETS["laiwu2024"].with_options(orientation="portrait"))
    portrait.cells[:] = grid.cells
    assert max(sheet_sizes(portrait).body_heights) <= MAX_ROW_HEIGHT_PT


def test_sheet_sizes_of_a_sample(taian_plan):
    grid = build_grid(taian_plan)
    sizes = sheet_sizes(grid)
    assert len(sizes.column_widths) == grid.n_cols
    assert len(sizes.body_heights) == grid.n_rows
    assert len(sizes.header_heights) == grid.header_rows
    assert sizes.title_height > sizes.label_height > 0
    assert min(sizes.body_heights) >= line_height(grid.style.body_font_size)
