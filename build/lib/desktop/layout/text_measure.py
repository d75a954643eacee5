"""Rough text measuring without fonts: how many lines a cell's text wraps to, how tall a row is.

Writers that cannot ask a renderer (the .docx writer deciding which rows may not split across a
page, the .xlsx writer setting row heights) estimate: a CJK character or full-width punctuation is
one em wide, an ASCII character half an em; each paragraph (``\\n``) starts a new line. The
estimate errs on the tall side, which is the safe side for both uses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from desktop.layout.grid import GridCell

LINE_HEIGHT_FACTOR = 1.3  # single line spacing of CJK faces is about 1.3 em


def text_width_em(text: str) -> float:
    """Width of one line of ``text`` in ems (counted in C: UTF-8 length tells wide from narrow)."""
    n = len(text)
    wide = (len(text.encode("utf-8")) - n) / 2  # ASCII takes 1 byte, CJK 3: each wide char adds 2
    return wide + (n - wide) * 0.5


def estimate_lines(text: str, width_pt: float, font_size_pt: float) -> int:
    """Lines ``text`` wraps to in a column ``width_pt`` wide (inner width, padding removed)."""
    per_line = max(width_pt / font_size_pt, 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(1, math.ceil(text_width_em(paragraph) / per_line - 1e-9))
    return lines


def estimate_row_heights(cells: Iterable[GridCell], n_rows: int, col_widths_pt: Sequence[float],
                         font_size_pt: float, padding_h_pt: float, padding_v_pt: float,
                         line_height_pt: float | None = None) -> list[float]:
    """Estimated height of each body row in points.

    A cell spanning one row sets that row's height; a merged cell taller than the rows it spans
    adds the difference to its last row (which is what Word and LibreOffice do).
    """
    line_height = line_height_pt or font_size_pt * LINE_HEIGHT_FACTOR
    empty = line_height + padding_v_pt
    heights = [empty] * n_rows
    merged: list[tuple[GridCell, float]] = []
    for cell in cells:
        width = sum(col_widths_pt[cell.col:cell.col + cell.colspan]) - padding_h_pt
        needed = estimate_lines(cell.text, width, font_size_pt) * line_height + padding_v_pt
        if cell.rowspan == 1:
            if needed > heights[cell.row]:
                heights[cell.row] = needed
        else:
            merged.append((cell, needed))
    for cell, needed in merged:
        have = sum(heights[cell.row:cell.row + cell.rowspan])
        if needed > have:
            heights[cell.last_row] += needed - have
    return heights
