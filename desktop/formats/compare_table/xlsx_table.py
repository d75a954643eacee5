"""The 修改对照表 as an .xlsx workbook: title, subtitle, the four columns; every cell a string."""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.compare.result import Comparison
from desktop.formats.atomic import write_atomically
from desktop.formats.compare_table.rows import (
    HEADERS,
    RevisionRow,
    revision_rows,
    table_subtitle,
    table_title,
)
from desktop.formats.xlsx.cells import put_text
from desktop.formats.xlsx.sheet import fit_to_page
from desktop.layout.typography import BODY_FACE, HEADER_FACE, TITLE_FACE

WIDTHS = {"A": 6.0, "B": 48.0, "C": 48.0, "D": 26.0}
LINE_HEIGHT_PT = 15.0
HEADER_ROW = 3
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide (CJK counts double)."""
    room = max(1.0, width - 1.5)
    total = 0
    for line in text.split("\n"):
        size = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        total += max(1, math.ceil(size / room))
    return total


def build_revision_sheet(ws: Worksheet, comparison: Comparison) -> None:
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    ws.merge_cells("A1:D1")
    title = put_text(ws, 1, 1, table_title(comparison))
    title.font = Font(name=TITLE_FACE.east_asian, size=18)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 36
    ws.merge_cells("A2:D2")
    put_text(ws, 2, 1, table_subtitle(comparison)).alignment = Alignment(horizontal="left")
    header_font = Font(name=HEADER_FACE.east_asian, size=12, bold=True)
    for col, label in enumerate(HEADERS, start=1):
        cell = put_text(ws, HEADER_ROW, col, label)
        cell.font, cell.border = header_font, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
    body_font = Font(name=BODY_FACE.east_asian, size=11)
    rows = revision_rows(comparison)
    for offset, row in enumerate(rows, start=1):
        values = (str(row.number), RevisionRow.plain(row.old), RevisionRow.plain(row.new), row.note)
        lines = max(_lines(value, width) for value, width in zip(values, WIDTHS.values(), strict=True))
        ws.row_dimensions[HEADER_ROW + offset].height = lines * LINE_HEIGHT_PT + 4
        for col, value in enumerate(values, start=1):
            cell = put_text(ws, HEADER_ROW + offset, col, value)
            cell.font, cell.border = body_font, _BORDER
            cell.alignment = Alignment(horizontal="center" if col == 1 else "left", vertical="center",
                                       wrap_text=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    fit_to_page(ws)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"


def write_revision_xlsx(comparison: Comparison, target: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "修改对照表"
    build_revision_sheet(ws, comparison)
    write_atomically(target, lambda tmp: workbook.save(tmp))
