"""Print set-up of the exported annex sheet: paper, margins, scaling, print titles, page numbers.

A4 in the style's orientation (landscape for the official annex), margins of GB/T 9704 from
``desktop.layout.page``, all columns fitted to one page wide, the header row(s) repeated on every
page and frozen on screen, and the page number "— 8 —" in 4号 半角宋体: centred, or odd pages at
the right and even pages at the left, one character in from the edge of the type area.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.style import TableStyle
from desktop.formats.xlsx.sheet import fit_to_page, footer
from desktop.layout.page import MM_PER_INCH, geometry
from desktop.layout.typography import PAGE_NUMBER_DASH, PAGE_NUMBER_FACE, PAGE_NUMBER_FONT_SIZE_PT

PAGE_NUMBER_TEXT = f"{PAGE_NUMBER_DASH} &P {PAGE_NUMBER_DASH}"  # "— 8 —"
_INDENT = "\u3000"  # one full-width space: "one character in"
_FOOTER_FONT = f"{PAGE_NUMBER_FACE.east_asian},Regular"


def _inches(mm: float) -> float:
    return round(mm / MM_PER_INCH, 4)


def apply_page_setup(ws: Worksheet, style: TableStyle, first_header_row: int, last_header_row: int) -> None:
    """Set paper, margins, scaling, print titles, frozen panes and footers on ``ws``."""
    page = geometry(style.orientation)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = page.orientation
    fit_to_page(ws)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True

    margins = ws.page_margins
    margins.top = _inches(page.margin_top)
    margins.bottom = _inches(page.margin_bottom)
    margins.left = _inches(page.margin_left)
    margins.right = _inches(page.margin_right)
    margins.header = _inches(page.header_distance)
    margins.footer = _inches(page.footer_distance)

    if last_header_row >= first_header_row:
        ws.print_title_rows = f"{first_header_row}:{last_header_row}"
    ws.freeze_panes = ws.cell(row=last_header_row + 1, column=1).coordinate
    _set_footers(ws, style.page_numbers)


def _set_footers(ws: Worksheet, placement: str) -> None:
    size = round(PAGE_NUMBER_FONT_SIZE_PT)
    if placement == "center":
        ws.HeaderFooter.differentOddEven = False
        part = footer(ws.oddFooter).center
        part.text, part.font, part.size = PAGE_NUMBER_TEXT, _FOOTER_FONT, size
        return
    ws.HeaderFooter.differentOddEven = True
    odd = footer(ws.oddFooter).right
    odd.text, odd.font, odd.size = PAGE_NUMBER_TEXT + _INDENT, _FOOTER_FONT, size
    even = footer(ws.evenFooter).left
    even.text, even.font, even.size = _INDENT + PAGE_NUMBER_TEXT, _FOOTER_FONT, size
