"""Writer of the official annex (任务分解表) as an Excel workbook (.xlsx), rendered from the grid.

One sheet named after the plan: the "附件" label (黑体 16 pt) at the top left, the title merged
across the table (方正小标宋简体, centred), the header row(s) (黑体) and the body, page by page
as the shared page plan (``desktop.layout.page_plan``) has it: row heights are the plan's, a
manual row break (``rowBreaks``) ends every page where the PDF's page ends, and a merged cell that
continues onto the next page is split there with its text restated, so no page shows a blank
category and no text is sliced at a page edge. Every cell of every merged range has thin borders; text
wraps and is centred vertically; requirement cells follow their column's alignment, all other
cells are centred. Column widths come from :mod:`desktop.formats.xlsx.sizing`; the default font
is 宋体 11, not Calibri, so the print scale does not depend on a font a Chinese Windows machine
may lack; print set-up is in :mod:`desktop.formats.xlsx.page`. The file is written atomically.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.model import Plan
from desktop.core.style import TableStyle
from desktop.core.textclean import clean_text
from desktop.formats.atomic import write_atomically
from desktop.formats.xlsx.cells import set_text
from desktop.formats.xlsx.page import apply_page_setup
from desktop.formats.xlsx.sheet import active_sheet, top_left
from desktop.formats.xlsx.sizing import MAX_ROW_HEIGHT_PT, column_widths
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid, GridCell
from desktop.layout.page_plan import LINE_PITCH_PT, TITLE_GAP_PT, plan_table
from desktop.layout.typography import BODY_FACE, HEADER_FACE, LABEL_FACE, LABEL_FONT_SIZE_PT, TITLE_FACE

# openpyxl's Font has no east-Asian face of its own: the Chinese face is the font's name.
LABEL_FONT = LABEL_FACE.east_asian
TITLE_FONT = TITLE_FACE.east_asian
HEADER_FONT = HEADER_FACE.east_asian
BODY_FONT = BODY_FACE.east_asian

DEFAULT_FONT = "宋体"
MIN_ROW_PT = 1.0
LABEL_ROW = 1
TITLE_ROW = 2
FIRST_HEADER_ROW = 3

_SHEET_NAME_CHARS = str.maketrans({"[": "［", "]": "］", ":": "：", "*": "＊", "?": "？", "/": "／",
                                   "\\": "＼", "\n": " ", "\t": " "})
_ALIGN = {"center": "center", "justify": "justify", "left": "left"}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_xlsx(plan: Plan, target: Path, style: TableStyle | None = None) -> None:
    """Export ``plan``'s annex table to ``target`` (.xlsx) in ``style`` (default: the plan's own)."""
    write_xlsx_grid(build_grid(plan, style), target)


def write_xlsx_grid(grid: Grid, target: Path) -> None:
    """Render ``grid`` as a one-sheet workbook at ``target``; raises FormatError if it can't be written."""
    workbook = build_workbook(grid)
    write_atomically(Path(target), lambda tmp: workbook.save(tmp))


def body_row(grid: Grid, row: int) -> int:
    """The sheet row (1-based) of the grid's body row ``row`` (0-based)."""
    return FIRST_HEADER_ROW + grid.header_rows + row


def sheet_title(text: str) -> str:
    """A legal sheet name: at most 31 characters, none of []:*?/\\, not quoted, not empty."""
    name = clean_text(text).translate(_SHEET_NAME_CHARS).strip().strip("'").strip()
    name = name[:31].rstrip().rstrip("'")
    if not name or name.lower() == "history":
        return "任务分解表"
    return name


def build_workbook(grid: Grid) -> Workbook:
    """The annex workbook: the page plan's pages, one after another, with a row break after each."""
    workbook = Workbook()
    set_default_font(workbook)
    ws = active_sheet(workbook)
    ws.title = sheet_title(grid.title)
    plan = plan_table(grid)
    for index, width in enumerate(column_widths(grid), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    _write_preamble(ws, grid, plan.title_height)
    styles = _Styles(workbook, grid.style)
    for cell in grid.header:
        _write_cell(ws, cell, FIRST_HEADER_ROW + cell.row, styles.header)
    for index, height in enumerate(plan.header_heights):
        ws.row_dimensions[FIRST_HEADER_ROW + index].height = round(height, 2)
    top = body_row(grid, 0)
    breaks = []
    for page in plan.pages:
        for cell in page.cells:
            _write_cell(ws, cell, top + cell.row, styles.for_cell(cell))
        for index, height in enumerate(page.heights):
            ws.row_dimensions[top + index].height = round(min(height, MAX_ROW_HEIGHT_PT), 2)
        top += page.row_count
        breaks.append(top - 1)
    for row in breaks[:-1]:
        ws.row_breaks.append(Break(id=row))
    apply_page_setup(ws, grid.style, FIRST_HEADER_ROW, body_row(grid, 0) - 1)
    return workbook


def set_default_font(workbook: Workbook) -> None:
    """宋体 11 as the workbook's default font instead of Calibri.

    Excel measures column widths in the default font's digit width: 宋体 is on every Chinese
    Windows, Calibri may be missing (then the sheet prints at another scale, DESIGN.md §5).
    """
    font = Font(name=DEFAULT_FONT, size=11)
    # The workbook's private font table and named styles (the stubs omit them).
    workbook._fonts = IndexedList([font])  # type: ignore[attr-defined]  # the first is the Normal style's
    workbook._named_styles["Normal"].font = font  # type: ignore[attr-defined]


def _write_preamble(ws: Worksheet, grid: Grid, height: float) -> None:
    """Label and title rows, together as tall as the page plan's title block."""
    style = grid.style
    label = top_left(ws, LABEL_ROW, 1)
    set_text(label, grid.attachment_label)
    label.font = Font(name=LABEL_FONT, size=LABEL_FONT_SIZE_PT)
    label.alignment = Alignment(horizontal="left", vertical="top")
    label_height = min(2 * LINE_PITCH_PT, height) if grid.title.strip() else height - TITLE_GAP_PT
    label_height = max(label_height, MIN_ROW_PT)
    ws.row_dimensions[LABEL_ROW].height = round(label_height, 2)

    title = top_left(ws, TITLE_ROW, 1)
    if grid.n_cols > 1:
        _merge(ws, TITLE_ROW, 1, TITLE_ROW, grid.n_cols)
    set_text(title, grid.title)
    title.font = Font(name=TITLE_FONT, size=style.title_font_size)
    title.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
    ws.row_dimensions[TITLE_ROW].height = round(max(height - label_height, MIN_ROW_PT), 2)


def _merge(ws: Worksheet, top: int, left: int, bottom: int, right: int) -> None:
    """Merge a range known not to overlap any other (the grid's cells never do).

    ``Worksheet.merge_cells`` compares each new range with every earlier one and re-applies
    borders, which is quadratic (1 s for 2,000 rows); this does the same bookkeeping directly.
    """
    coord = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
    ws.merged_cells.ranges.add(MergedCellRange(ws, coord))
    cells = ws._cells
    for r in range(top, bottom + 1):
        for c in range(left, right + 1):
            if r != top or c != left:
                cells[r, c] = MergedCell(ws, row=r, column=c)


def _write_cell(ws: Worksheet, cell: GridCell, top: int, style: StyleArray) -> None:
    left = cell.col + 1
    if cell.rowspan > 1 or cell.colspan > 1:
        _merge(ws, top, left, top + cell.rowspan - 1, left + cell.colspan - 1)
    first = top_left(ws, top, left)
    if cell.role == "seq" and cell.text.isdigit():
        first.value = int(cell.text)
    else:
        set_text(first, cell.text)
    cells = ws._cells  # the cells (and merged cells) just made
    for r in range(top, top + cell.rowspan):
        for c in range(left, left + cell.colspan):
            cells[r, c]._style = copy(style)  # type: ignore[union-attr]  # a slot of every cell; stubs omit it


class _Styles:
    """The style arrays of the sheet's cell kinds, registered once in the workbook, copied to each cell."""

    def __init__(self, workbook: Workbook, style: TableStyle) -> None:
        self._wb = workbook
        self.header = self._make(HEADER_FONT, style.header_font_size, "center")
        self.center = self._make(BODY_FONT, style.body_font_size, "center")
        req = next(c for c in style.columns if c.kind == "requirement")
        self.requirement = self._make(BODY_FONT, style.body_font_size, _ALIGN.get(req.align, "justify"))

    def _make(self, font: str, size: float, horizontal: str) -> StyleArray:
        array = StyleArray()
        # The workbook's private style tables (the stubs omit them); see the class docstring.
        array.fontId = self._wb._fonts.add(Font(name=font, size=size))  # type: ignore[attr-defined]
        array.alignmentId = self._wb._alignments.add(  # type: ignore[attr-defined]
            Alignment(horizontal=horizontal, vertical="center", wrap_text=True))
        array.borderId = self._wb._borders.add(_BORDER)  # type: ignore[attr-defined]
        return array

    def for_cell(self, cell: GridCell) -> StyleArray:
        return self.requirement if cell.role == "requirement" else self.center
