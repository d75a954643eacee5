"""Importing an .xlsx annex: the first sheet holding a table, read from its merged ranges.

The package is checked by :mod:`desktop.formats.safe_zip` and every XML part pre-scanned for
DTDs and entities (:func:`desktop.formats.safe_xml.check_xml_bytes`) before openpyxl sees it.
A sheet becomes one :class:`RawTable`; title rows above the header (附件, the title) and header rows
repeated inside the sheet are dealt with by :mod:`desktop.formats.table_reader`.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from desktop.core.model import Plan
from desktop.core.textclean import clean_text
from desktop.formats.errors import FormatError
from desktop.formats.raw_table import MAX_COLS, MAX_ROWS, TOO_BIG_MESSAGE, GridBuilder, RawTable
from desktop.formats.safe_xml import check_xml_bytes
from desktop.formats.safe_zip import DAMAGED_MESSAGE, Package, open_package
from desktop.formats.table_header import find_header
from desktop.formats.table_reader import NO_TABLE_MESSAGE, plan_from_tables

_XML_SUFFIXES = (".xml", ".rels", ".vml")
DEFAULT_WIDTH = 8.43


def check_parts(package: Package) -> None:
    """Refuse a workbook without a workbook part, or with a DTD/entity in any XML part."""
    if not package.has("xl/workbook.xml"):
        if package.has("word/document.xml"):
            raise FormatError("这是 Word 文件，请按 .docx 文件导入。")
        raise FormatError("这不是 Excel 工作簿（.xlsx），无法导入。")
    for name in package.names():
        if name.lower().endswith(_XML_SUFFIXES):
            check_xml_bytes(package.read(name))


def _load(package: Package) -> Any:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return openpyxl.load_workbook(io.BytesIO(package.data), read_only=False, data_only=True,
                                          keep_links=False, keep_vba=False, rich_text=False)
        except FormatError:
            raise
        except Exception as error:  # openpyxl raises many kinds on damaged parts
            raise FormatError(DAMAGED_MESSAGE) from error


def column_pixels(width: float) -> float:
    """An Excel column width (characters of the default font) in pixels: 7 per digit plus 5 padding."""
    return width * 7.0 + 5.0


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and not (value.hour or value.minute or value.second):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    return clean_text(str(value).replace("_x000D_", "")).strip()


def sheet_table(sheet: Any) -> RawTable:
    """One worksheet as a grid of merged cells."""
    n_rows, n_cols = sheet.max_row or 0, sheet.max_column or 0
    if n_rows > MAX_ROWS or n_cols > MAX_COLS:
        raise FormatError(TOO_BIG_MESSAGE)
    values = [[cell_text(v) for v in row]
              for row in sheet.iter_rows(min_row=1, max_row=n_rows, max_col=n_cols, values_only=True)]
    while values and not any(values[-1]):
        values.pop()
    n_rows = len(values)
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        bottom, right = min(merged.max_row, n_rows) - 1, min(merged.max_col, n_cols) - 1
        if top >= n_rows or left >= n_cols or (bottom - top + 1) * (right - left + 1) > MAX_ROWS * 4:
            continue
        anchors[(top, left)] = (bottom - top + 1, right - left + 1)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    covered[(r, c)] = (top, left)
    builder = GridBuilder()
    for r, row in enumerate(values):
        builder.new_row()
        for c, text in enumerate(row):
            if (r, c) in covered or builder.next_free(c) != c:
                continue
            rowspan, colspan = anchors.get((r, c), (1, 1))
            builder.add(text, colspan=colspan, rowspan=rowspan, col=c)
    widths = []
    for c in range(n_cols):
        width = sheet.column_dimensions[get_column_letter(c + 1)].width
        widths.append(column_pixels(float(width) if width else DEFAULT_WIDTH))
    vertical_merges = any(rowspan > 1 for rowspan, _ in anchors.values())
    return builder.finish(widths=widths, merges_known=vertical_merges)


def read_xlsx(path: Path, title: str | None = None) -> Plan:
    """The plan in the first sheet of an .xlsx file that holds a table."""
    package = open_package(path)
    check_parts(package)
    workbook = _load(package)
    tables = [sheet_table(sheet) for sheet in workbook.worksheets]
    with_header = [t for t in tables if find_header(t).header_rows]
    last_error: FormatError | None = None
    for table in with_header + [t for t in tables if t not in with_header]:
        try:
            return plan_from_tables([table], title)
        except FormatError as error:
            last_error = error
    raise last_error or FormatError(NO_TABLE_MESSAGE)
