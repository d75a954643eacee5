"""Page geometry of the printed annex (GB/T 9704-2012), shared by the .docx, .xlsx and PDF writers.

GB/T 9704 gives the portrait A4 page: 210 × 297 mm, type area (版心) 156 × 225 mm, top margin
37 mm, binding-side (订口) margin 28 mm; the bottom and outer margins follow (35 mm and 26 mm).
A wide annex table is set landscape (横排): the sheet is turned a quarter turn so that the table's
head lies at the binding edge; the type area keeps its size, turned (225 × 156 mm), and each
portrait margin moves with the edge it belongs to:

    landscape top    = portrait binding side  (28 mm)
    landscape bottom = portrait outer side    (26 mm)
    landscape left   = portrait bottom        (35 mm)
    landscape right  = portrait top           (37 mm)

See docs/layout.md, "Page and margins (.docx/.xlsx/PDF)". All lengths are millimetres unless the
name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """One page set-up: paper size, margins and where the footer (page number) sits, in mm."""

    orientation: Literal["landscape", "portrait"]
    width: float
    height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    header_distance: float  # page edge to the header's top
    footer_distance: float  # page edge to the footer's (page number's) bottom

    @property
    def type_width(self) -> float:
        """Width of the type area (版心): the table's full width."""
        return self.width - self.margin_left - self.margin_right

    @property
    def type_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom


# GB/T 9704: the page number's dashes (一字线) sit 7 mm below the type area. The page number is one
# 14 pt line whose box is one em (exact line height in .docx); a CJK face centres its em dash in
# the em box, so the dash is half an em (2.47 mm) above the bottom of that line, and the footer
# distance (page edge to the bottom of the page-number line) is bottom margin - 7 mm - half an em.
PAGE_NUMBER_GAP_MM = 7.0
PAGE_NUMBER_LINE_MM = 14.0 / 72.0 * 25.4  # 4号 (14 pt)
PAGE_NUMBER_INDENT_PT = 14.0  # "one character" (4号, 14 pt) in from the outer edge of the type area


def page_number_footer_distance(margin_bottom: float) -> float:
    """Footer distance (mm) that puts the page number's dashes 7 mm below the type area."""
    return round(margin_bottom - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_LINE_MM / 2, 2)


PORTRAIT = PageGeometry("portrait", 210.0, 297.0, 37.0, 35.0, 28.0, 26.0,
                        header_distance=15.0, footer_distance=page_number_footer_distance(35.0))
LANDSCAPE = PageGeometry("landscape", 297.0, 210.0, 28.0, 26.0, 35.0, 37.0,
                         header_distance=12.0, footer_distance=page_number_footer_distance(26.0))

# Flat constants for the annex page (landscape) ...
PAGE_WIDTH_MM = LANDSCAPE.width
PAGE_HEIGHT_MM = LANDSCAPE.height
MARGIN_TOP_MM = LANDSCAPE.margin_top
MARGIN_BOTTOM_MM = LANDSCAPE.margin_bottom
MARGIN_LEFT_MM = LANDSCAPE.margin_left
MARGIN_RIGHT_MM = LANDSCAPE.margin_right
HEADER_DISTANCE_MM = LANDSCAPE.header_distance
FOOTER_DISTANCE_MM = LANDSCAPE.footer_distance
TYPE_AREA_WIDTH_MM = LANDSCAPE.type_width  # 225
TYPE_AREA_HEIGHT_MM = LANDSCAPE.type_height  # 156

# ... and for a portrait page.
PORTRAIT_PAGE_WIDTH_MM = PORTRAIT.width
PORTRAIT_PAGE_HEIGHT_MM = PORTRAIT.height
PORTRAIT_MARGIN_TOP_MM = PORTRAIT.margin_top
PORTRAIT_MARGIN_BOTTOM_MM = PORTRAIT.margin_bottom
PORTRAIT_MARGIN_LEFT_MM = PORTRAIT.margin_left
PORTRAIT_MARGIN_RIGHT_MM = PORTRAIT.margin_right
PORTRAIT_HEADER_DISTANCE_MM = PORTRAIT.header_distance
PORTRAIT_FOOTER_DISTANCE_MM = PORTRAIT.footer_distance
PORTRAIT_TYPE_AREA_WIDTH_MM = PORTRAIT.type_width  # 156
PORTRAIT_TYPE_AREA_HEIGHT_MM = PORTRAIT.type_height  # 225


def geometry(orientation: str) -> PageGeometry:
    """The page set-up for a style's orientation ("landscape" or "portrait")."""
    return PORTRAIT if orientation == "portrait" else LANDSCAPE


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_INCH * PT_PER_INCH


def mm_to_twips(mm: float) -> int:
    """Millimetres to twentieths of a point (the unit of .docx page and table measures)."""
    return round(mm_to_pt(mm) * 20)


def pt_to_mm(pt: float) -> float:
    return pt / PT_PER_INCH * MM_PER_INCH
