"""Typed access to the parts of an openpyxl sheet that openpyxl always makes but types as optional.

A new ``Workbook`` has an active worksheet, a sheet's properties have page set-up properties and its
footers have their left, centre and right parts; openpyxl's type stubs leave each of them optional
(they may be missing in a file read from disk). These helpers give the writers the non-optional
types, and fail loudly if openpyxl ever stops making them.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet


def active_sheet(workbook: Workbook) -> Worksheet:
    """The worksheet a new workbook starts with."""
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("the workbook has no active worksheet")
    return sheet


def top_left(ws: Worksheet, row: int, column: int) -> Cell:
    """The cell at (row, column), which is not covered by a merge (a merge's first cell is not)."""
    cell = ws.cell(row=row, column=column)
    if not isinstance(cell, Cell):
        raise TypeError(f"cell ({row}, {column}) is covered by a merged range")
    return cell


def fit_to_page(ws: Worksheet) -> None:
    """Let the printer scale the sheet (``fitToWidth``/``fitToHeight`` then apply)."""
    properties = ws.sheet_properties.pageSetUpPr
    if properties is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        properties.fitToPage = True


def footer(item: HeaderFooterItem | None) -> HeaderFooterItem:
    """A sheet's odd or even footer (a worksheet always has both)."""
    if item is None:
        raise TypeError("the worksheet has no footer")
    return item
