"""Importing a legacy Excel 97-2003 workbook (.xls, BIFF8) with xlrd.

Before xlrd builds a sheet, :func:`check_sheet_records` walks the sheet's BIFF records and
refuses a sheet whose cells reach beyond the table limits or that holds an absurd number of
records, so a small hostile file cannot make xlrd build millions of cells. Values, merged ranges
and column widths then become the same :class:`RawTable` an .xlsx sheet gives.
"""

from __future__ import annotations

import struct
from typing import Any

import xlrd

from desktop.formats.errors import FormatError
from desktop.formats.tables.header import find_header
from desktop.formats.tables.raw_table import MAX_COLS, MAX_ROWS, TOO_BIG_MESSAGE, RawTable
from desktop.formats.xlsx.parts import SheetLayout
from desktop.formats.xlsx.reader import cell_text, sheet_table

NOT_XLS_MESSAGE = "这不是 Excel 97-2003 工作簿（.xls），或文件已损坏，无法导入。"
MAX_SHEETS = 64
MAX_RECORDS = 2_000_000
_BOF, _EOF = 0x0809, 0x000A
_BLANKS = {0x0201, 0x00BE}  # BLANK, MULBLANK: formatting only
_CELLS = {0x0006, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, 0x00BD, 0x0208} | _BLANKS
_MULTI = {0x00BD, 0x00BE}  # MULRK, MULBLANK: first column at 2, last column in the last two bytes
MAX_BLANK_COL = 256


def check_sheet_records(mem: bytes, start: int) -> None:
    """Refuse a sheet (its BIFF substream from ``start``) that is too large to read safely."""
    pos = start
    depth = 0
    records = 0
    end = len(mem)
    while pos + 4 <= end:
        kind, length = struct.unpack_from("<HH", mem, pos)
        body = pos + 4
        pos = body + length
        records += 1
        if records > MAX_RECORDS:
            raise FormatError(TOO_BIG_MESSAGE)
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                return
        elif kind in _CELLS and length >= 4 and pos <= end:
            row, col = struct.unpack_from("<HH", mem, body)
            last = struct.unpack_from("<H", mem, pos - 2)[0] if kind in _MULTI and length >= 6 else col
            if row >= MAX_ROWS + 100 or last >= MAX_BLANK_COL:
                raise FormatError(TOO_BIG_MESSAGE)
            if kind not in _BLANKS and kind != 0x0208 and last >= MAX_COLS + 16:
                raise FormatError(TOO_BIG_MESSAGE)


def _open(data: bytes) -> Any:
    try:
        return xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  ragged_rows=True, logfile=_Discard())
    except FormatError:
        raise
    except Exception as error:  # xlrd raises XLRDError, CompDocError, struct.error, IndexError …
        raise FormatError(NOT_XLS_MESSAGE) from error


class _Discard:
    """A log file for xlrd that drops its warnings."""

    def write(self, _text: str) -> int:
        return 0


def _value(book: Any, cell: Any) -> str:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell_text(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    return cell_text(cell.value)


def _sheet(book: Any, index: int) -> RawTable:
    positions = getattr(book, "_sh_abs_posn", None)
    mem = getattr(book, "mem", None)
    if isinstance(positions, list) and isinstance(mem, (bytes, bytearray)) and index < len(positions):
        check_sheet_records(bytes(mem), positions[index])
    sheet = book.sheet_by_index(index)
    values: list[list[str]] = []
    for r in range(sheet.nrows):
        row = [_value(book, cell) for cell in sheet.row(r)[:MAX_COLS + 16]]
        while row and not row[-1]:
            row.pop()
        if len(row) > MAX_COLS:
            raise FormatError(TOO_BIG_MESSAGE)
        values.append(row)
    while values and not any(values[-1]):
        values.pop()
    merges = [(clo + 1, rlo + 1, chi, rhi) for rlo, rhi, clo, chi in sheet.merged_cells]
    widths = {c + 1: info.width / 256 for c, info in sheet.colinfo_map.items() if c < MAX_COLS}
    book.unload_sheet(index)
    return sheet_table(values, SheetLayout(merges, widths))


def xls_tables(data: bytes) -> list[RawTable]:
    """One table per sheet of an .xls workbook, sheets with a recognisable header first."""
    book = _open(data)
    try:
        if book.nsheets > MAX_SHEETS:
            raise FormatError(TOO_BIG_MESSAGE)
        tables = [_sheet(book, index) for index in range(book.nsheets)]
    finally:
        book.release_resources()
    with_header = [t for t in tables if find_header(t).header_rows]
    return with_header + [t for t in tables if t not in with_header]
