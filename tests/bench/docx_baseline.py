"""The slow baseline for the .docx export benchmark: the same table through python-docx's cell API.

``table.cell(r, c)`` rebuilds the table's cell list on every call, so merging cell by cell is
quadratic in the number of rows (DESIGN.md §4); ``desktop.formats.docx.writer`` writes the
``w:tbl`` XML directly instead. ``tests/bench/bench_export.py`` times the two against each other.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from desktop.core.model import Plan
from desktop.core.textclean import clean_text
from desktop.layout.engine import build_grid
from desktop.layout.grid import GridCell
from desktop.layout.page import LANDSCAPE


def _fill(table, cells: list[GridCell], row_offset: int) -> None:
    for cell in cells:
        top = table.cell(row_offset + cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            top = top.merge(table.cell(row_offset + cell.last_row, cell.last_col))
        top.text = clean_text(cell.text)  # after merging: merge() concatenates paragraphs


def build_with_python_docx_api(plan: Plan, path: Path) -> None:
    """Write ``plan``'s annex table to ``path`` with ``table.cell(r, c).merge(...)`` (slow on purpose)."""
    grid = build_grid(plan)
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(LANDSCAPE.width), Mm(LANDSCAPE.height)
    section.left_margin, section.right_margin = Mm(LANDSCAPE.margin_left), Mm(LANDSCAPE.margin_right)
    section.top_margin, section.bottom_margin = Mm(LANDSCAPE.margin_top), Mm(LANDSCAPE.margin_bottom)
    document.add_paragraph(grid.attachment_label)
    document.add_paragraph(grid.title)
    table = document.add_table(rows=grid.header_rows + grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    _fill(table, grid.header, 0)
    _fill(table, grid.cells, grid.header_rows)
    document.save(str(path))
