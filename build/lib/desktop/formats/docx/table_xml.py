"""The annex table as a raw ``w:tbl`` element, built straight from a layout :class:`Grid`.

Fixed layout over the type-area width (``tblLayout fixed``, one ``gridCol`` per style column),
horizontal spans as ``w:gridSpan``, vertical merges as ``w:vMerge`` restart/continue, header rows
repeated on every page (``w:tblHeader``) and rows kept whole on a page (``w:cantSplit``) unless a
row is estimated taller than a page. Building the XML directly takes a fraction of a second for
thousands of rows, where python-docx's cell API is quadratic (DESIGN.md §4).
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from desktop.core.style import TableStyle
from desktop.formats.docx.ooxml import Element, add_text, paragraph_template, run_properties, sub, w
from desktop.layout.grid import Grid, GridCell
from desktop.layout.text_measure import estimate_row_heights
from desktop.layout.typography import BODY_FACE, HEADER_FACE

BORDER_EIGHTHS = 4  # single 0.5 pt lines
CELL_MARGIN_H_TWIPS = 85  # 1.5 mm left and right inside each cell
CELL_MARGIN_V_TWIPS = 45  # about 0.8 mm above and below


def column_widths(style: TableStyle, total_twips: int) -> list[int]:
    """Each column's share of ``total_twips`` by its relative width; the widths add up exactly."""
    weights = [c.width for c in style.columns]
    scale = total_twips / sum(weights)
    widths: list[int] = []
    running = 0.0
    for weight in weights:
        edge = round(running + weight * scale)
        widths.append(edge - round(running))
        running += weight * scale
    widths[-1] += total_twips - sum(widths)
    return widths


def _owner_table(cells: Sequence[GridCell], n_rows: int, n_cols: int) -> list[list[int]]:
    owner = [[-1] * n_cols for _ in range(n_rows)]
    for index, cell in enumerate(cells):
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                owner[r][c] = index
    return owner


class _CellWriter:
    """Appends ``w:tc`` elements; keeps one paragraph template per (face, alignment)."""

    def __init__(self, style: TableStyle, widths: list[int]) -> None:
        self.style = style
        self.widths = widths
        self.header_rpr = run_properties(HEADER_FACE, style.header_font_size)
        self.body_rpr = run_properties(BODY_FACE, style.body_font_size)
        self.req_align = next(c.align for c in style.columns if c.kind == "requirement")
        self._templates: dict[tuple[bool, str], Element] = {}

    def template(self, header: bool, align: str) -> Element:
        key = (header, align)
        if key not in self._templates:
            self._templates[key] = paragraph_template(align, self.header_rpr if header else self.body_rpr)
        return self._templates[key]

    def align_of(self, cell: GridCell) -> str:
        if cell.role == "header":
            return "center"
        if cell.role == "requirement":
            return self.req_align
        return self.style.columns[cell.col].align

    def add(self, tr: Element, cell: GridCell | None, col: int, colspan: int, merge: str | None) -> None:
        tc = etree.SubElement(tr, w("tc"))
        tcpr = sub(tc, "tcPr")
        sub(tcpr, "tcW", w=sum(self.widths[col:col + colspan]), type="dxa")
        if colspan > 1:
            sub(tcpr, "gridSpan", val=colspan)
        if merge == "restart":
            sub(tcpr, "vMerge", val="restart")
        elif merge == "continue":
            sub(tcpr, "vMerge")
        sub(tcpr, "vAlign", val="center")
        header = cell is not None and cell.role == "header"
        align = self.align_of(cell) if cell is not None else "center"
        template = self.template(header, align)
        text = cell.text if cell is not None and merge != "continue" else ""
        add_text(tc, template, self.header_rpr if header else self.body_rpr, text)


def _add_rows(tbl: Element, writer: _CellWriter, cells: Sequence[GridCell], owner: list[list[int]],
              n_cols: int, row_flags: Sequence[tuple[bool, bool]]) -> None:
    """One ``w:tr`` per row; ``row_flags`` gives (tblHeader, cantSplit) for each row."""
    for r, (is_header, cant_split) in enumerate(row_flags):
        tr = etree.SubElement(tbl, w("tr"))
        if is_header or cant_split:
            trpr = sub(tr, "trPr")
            if cant_split:
                sub(trpr, "cantSplit")
            if is_header:
                sub(trpr, "tblHeader")
        row_owner = owner[r]
        c = 0
        while c < n_cols:
            index = row_owner[c]
            if index < 0:  # a hole in the grid: an empty cell keeps the table rectangular
                writer.add(tr, None, c, 1, None)
                c += 1
                continue
            cell = cells[index]
            span = cell.last_col - c + 1
            merge = None if cell.rowspan == 1 else ("restart" if cell.row == r else "continue")
            writer.add(tr, cell, c, span, merge)
            c += span


def _table_properties(tbl: Element, total_twips: int, widths: list[int]) -> None:
    tblpr = sub(tbl, "tblPr")
    sub(tblpr, "tblW", w=total_twips, type="dxa")
    sub(tblpr, "jc", val="center")
    borders = sub(tblpr, "tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, edge, val="single", sz=BORDER_EIGHTHS, space=0, color="000000")
    sub(tblpr, "tblLayout", type="fixed")
    margins = sub(tblpr, "tblCellMar")
    sub(margins, "top", w=CELL_MARGIN_V_TWIPS, type="dxa")
    sub(margins, "left", w=CELL_MARGIN_H_TWIPS, type="dxa")
    sub(margins, "bottom", w=CELL_MARGIN_V_TWIPS, type="dxa")
    sub(margins, "right", w=CELL_MARGIN_H_TWIPS, type="dxa")
    sub(tblpr, "tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0,
        noHBand=1, noVBand=1)
    grid = sub(tbl, "tblGrid")
    for width in widths:
        sub(grid, "gridCol", w=width)


def build_table(grid: Grid, total_twips: int, page_height_pt: float) -> Element:
    """The ``w:tbl`` for ``grid``, ``total_twips`` wide; ``page_height_pt`` is the type-area height."""
    style = grid.style
    widths = column_widths(style, total_twips)
    widths_pt = [width / 20 for width in widths]
    padding_h = 2 * CELL_MARGIN_H_TWIPS / 20
    padding_v = 2 * CELL_MARGIN_V_TWIPS / 20
    header_heights = estimate_row_heights(grid.header, grid.header_rows, widths_pt,
                                          style.header_font_size, padding_h, padding_v)
    body_heights = estimate_row_heights(grid.cells, grid.n_rows, widths_pt, style.body_font_size,
                                        padding_h, padding_v)
    room = page_height_pt - sum(header_heights)

    tbl = etree.Element(w("tbl"))
    _table_properties(tbl, total_twips, widths)
    writer = _CellWriter(style, widths)
    n_cols = grid.n_cols
    header_owner = _owner_table(grid.header, grid.header_rows, n_cols)
    _add_rows(tbl, writer, grid.header, header_owner, n_cols, [(True, True)] * grid.header_rows)
    _add_rows(tbl, writer, grid.cells, grid.owner_table(), n_cols,
              [(False, height <= room) for height in body_heights])
    return tbl
