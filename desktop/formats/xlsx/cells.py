"""Writing user text into spreadsheet cells: always as text, never as a formula.

openpyxl turns any string starting with "=" into a formula, so a plan title such as
``=HYPERLINK("http://…","区财政局")`` would become a live link in every workbook Fenjie sends out.
Every .xlsx writer puts text through :func:`set_text` (or :func:`put_text`), which cleans it for
XML, cuts it to Excel's limit and marks the cell as a string whatever its first character.
"""

from __future__ import annotations

from datetime import date

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.textclean import clean_text
from desktop.formats.xlsx.sheet import top_left

CellValue = str | int | float | date | None  # what Fenjie's writers put into cells

MAX_CELL_CHARS = 32767  # Excel's limit on the text of one cell


def cell_text(text: str) -> str:
    """``text`` as it may stand in one cell: XML-safe and at most Excel's limit."""
    return clean_text(text)[:MAX_CELL_CHARS]


def set_text(target: Cell, text: str) -> None:
    """Put ``text`` into ``target`` as a string (never a formula); empty text leaves it empty."""
    value = cell_text(text)
    if not value:
        target.value = None
        return
    target.value = value
    target.data_type = "s"  # "=…" stays text


def set_value(target: Cell, value: CellValue) -> None:
    """Put a number, a date or text into ``target``; text goes through :func:`set_text`."""
    if isinstance(value, str):
        set_text(target, value)
    else:
        target.value = value


def put_text(ws: Worksheet, row: int, column: int, text: str) -> Cell:
    """The cell at ``row``, ``column`` of ``ws`` holding ``text`` as a string."""
    target = top_left(ws, row, column)
    set_text(target, text)
    return target
