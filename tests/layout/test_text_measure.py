"""Rough text measuring: widths in ems, wrapped lines and row heights."""

from __future__ import annotations

from desktop.layout.grid import GridCell
from desktop.layout.text_measure import estimate_lines, estimate_row_heights, text_width_em


def test_cjk_is_one_em_and_ascii_half():
    assert text_width_em("政务公开") == 4
    assert text_width_em("2024") == 2
    assert text_width_em("2024年12月底前") == 7
    assert text_width_em("") == 0


def test_lines_wrap_by_width_and_paragraph():
    assert estimate_lines("政务公开", 48, 12) == 1
    assert estimate_lines("政务公开政", 48, 12) == 2
    assert estimate_lines("甲\n乙", 48, 12) == 2
    assert estimate_lines("", 48, 12) == 1
    assert estimate_lines("很长" * 50, 1, 12) == 100  # narrower than a character: one per line


def test_row_heights_take_the_tallest_cell_and_merged_overflow():
    cells = [
        GridCell(0, 0, 1, 1, "甲" * 8, "requirement"),  # 2 lines of 4 characters
        GridCell(0, 1, 1, 1, "乙", "attribute"),
        GridCell(1, 0, 1, 1, "丙", "requirement"),
        GridCell(1, 1, 1, 1, "", "attribute"),
        GridCell(2, 0, 1, 1, "丁", "requirement"),
        GridCell(1, 1, 2, 1, "戊" * 24, "attribute"),  # 6 lines over rows 1-2 (1 line each)
    ]
    heights = estimate_row_heights(cells[:5] + cells[5:], 3, [48.0, 48.0], 12.0, 0.0, 2.0,
                                   line_height_pt=15.0)
    assert heights[0] == 2 * 15 + 2
    assert heights[1] == 15 + 2
    assert heights[2] == 6 * 15 + 2 - (15 + 2)  # the merged cell's overflow goes to its last row
