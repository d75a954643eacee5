"""Importing an .xlsx annex: the first sheet holding a table, read from its merged ranges.

The package is checked by :mod:`desktop.formats.safety.safe_zip` and every XML part pre-scanned for
DTDs and entities (:func:`desktop.formats.safety.safe_xml.check_xml_bytes`) before openpyxl sees it.
openpyxl (read-only mode) gives the cell values; :mod:`desktop.formats.xlsx.parts` the merged
ranges and column widths. A sheet becomes one :class:`RawTable`; title rows above the header
(附件, the title) and header rows repeated inside the sheet are dealt with by
:mod:`desktop.formats.tables.reader`.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path
from typing import Any

import openpyxl

from desktop.core.model import Plan
from desktop.core.textclean import clean_text
from desktop.formats.errors import FormatError
from desktop.formats.safety.safe_xml import check_xml_bytes
from desktop.formats.safety.safe_zip import DAMAGED_MESSAGE, Package, open_package
from desktop.formats.tables.header import find_header
from desktop.formats.tables.raw_table import MAX_COLS, MAX_ROWS, TOO_BIG_MESSAGE, GridBuilder, RawTable
from desktop.formats.tables.reader import NO_TABLE_MESSAGE, plan_from_tables
from desktop.formats.xlsx.parts import WORKBOOK, SheetLayout, sheet_layout, sheet_parts

_XML_SUFFIXES = (".xml", ".rels", ".vml")
DEFAULT_WIDTH = 8.43


def check_parts(package: Package) -> None:
    """Refuse a workbook without a workbook part, or with a DTD/entity in any XML part."""
    if not package.has(WORKBOOK):
        if package.has("word/document.xml"):
            raise FormatError("这是 Word 文件，请按 .docx 文件导入。")
        raise FormatError("这不是 Excel 工作簿（.xlsx），无法导入。")
    for name in package.names():
        if name.lower().endswith(_XML_SUFFIXES):
            check_xml_bytes(package.read(name))


def load_workbook(package: Package, data_only: bool = True) -> Any:
    """The workbook in read-only mode without links, macros or rich text; one sentence if damaged."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return openpyxl.load_workbook(io.BytesIO(package.data), read_only=True, data_only=data_only,
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


def _values(sheet: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    # Read at most one column past the limit: a sheet declaring A1:XFD1048576 would otherwise be
    # padded to 16,384 columns on every row and take many seconds to refuse.
    for raw in sheet.iter_rows(max_col=MAX_COLS + 1, values_only=True):
        if len(rows) >= MAX_ROWS:
            raise FormatError(TOO_BIG_MESSAGE)
        row = [cell_text(v) for v in raw]
        while row and not row[-1]:
            row.pop()
        if len(row) > MAX_COLS:
            raise FormatError(TOO_BIG_MESSAGE)
        rows.append(row)
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def sheet_table(values: list[list[str]], layout: SheetLayout) -> RawTable:
    """One worksheet (its values and merged ranges) as a grid of merged cells."""
    n_rows = len(values)
    n_cols = max((len(r) for r in values), default=0)
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for min_col, min_row, max_col, max_row in layout.merges:
        top, left = min_row - 1, min_col - 1
        bottom, right = min(max_row, n_rows) - 1, min(max_col, n_cols) - 1
        if top >= n_rows or left >= n_cols or bottom < top or right < left:
            continue
        if (bottom - top + 1) * (right - left + 1) > MAX_ROWS * 4:
            raise FormatError(TOO_BIG_MESSAGE)
        anchors[(top, left)] = (bottom - top + 1, right - left + 1)
        covered.update((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1))
    builder = GridBuilder()
    for r in range(n_rows):
        builder.new_row()
        row = values[r]
        for c in range(n_cols):
            span = anchors.get((r, c))
            if span is None and ((r, c) in covered or builder.next_free(c) != c):
                continue
            rowspan, colspan = span or (1, 1)
            builder.add(row[c] if c < len(row) else "", colspan=colspan, rowspan=rowspan, col=c)
    widths = [column_pixels(layout.widths.get(c + 1, DEFAULT_WIDTH)) for c in range(n_cols)]
    vertical_merges = any(rowspan > 1 for rowspan, _ in anchors.values())
    return builder.finish(widths=widths, merges_known=vertical_merges)


def xlsx_tables(path: Path) -> list[RawTable]:
    """One table per sheet, sheets with a recognisable header first (the order they are tried in)."""
    return xlsx_package_tables(open_package(path))


def xlsx_package_tables(package: Package) -> list[RawTable]:
    """:func:`xlsx_tables` for a workbook already in memory (e.g. converted from .et)."""
    check_parts(package)
    parts = sheet_parts(package)
    workbook = load_workbook(package)
    tables = []
    for sheet in workbook.worksheets:
        part = parts.get(sheet.title)
        layout = sheet_layout(package, part) if part else SheetLayout()
        table = sheet_table(_values(sheet), layout)
        if layout.formulas_without_values:
            count = layout.formulas_without_values
            table.notes.append(f"工作表“{sheet.title}”中有 {count} 个公式单元格没有保存计算结果，"
                               "读出来是空的；请在 Excel 或 WPS 中打开这个文件、保存一次后再导入，"
                               "或逐一核对这些单元格。")
        tables.append(table)
    workbook.close()
    with_header = [t for t in tables if find_header(t).header_rows]
    return with_header + [t for t in tables if t not in with_header]


def read_xlsx(path: Path, title: str | None = None) -> Plan:
    """The plan in the first sheet of an .xlsx file that holds a table."""
    last_error: FormatError | None = None
    for table in xlsx_tables(path):
        try:
            return plan_from_tables([table], title)
        except FormatError as error:
            last_error = error
    raise last_error or FormatError(NO_TABLE_MESSAGE)
