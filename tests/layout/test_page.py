"""Page geometry: the GB/T 9704 type area, portrait and turned landscape."""

from __future__ import annotations

from desktop.layout import page


def test_portrait_is_gbt9704():
    p = page.PORTRAIT
    assert (p.width, p.height) == (210, 297)
    assert (p.type_width, p.type_height) == (156, 225)
    assert (p.margin_top, p.margin_left) == (37, 28)
    assert (p.margin_bottom, p.margin_right) == (35, 26)


def test_landscape_turns_the_type_area_and_keeps_each_margin_on_its_edge():
    land, port = page.LANDSCAPE, page.PORTRAIT
    assert (land.width, land.height) == (297, 210)
    assert (land.type_width, land.type_height) == (port.type_height, port.type_width) == (225, 156)
    assert land.margin_top == port.margin_left  # binding side
    assert land.margin_bottom == port.margin_right
    assert land.margin_left == port.margin_bottom
    assert land.margin_right == port.margin_top
    assert page.TYPE_AREA_WIDTH_MM == 225 and page.PORTRAIT_TYPE_AREA_WIDTH_MM == 156
    assert page.geometry("portrait") is port and page.geometry("landscape") is land


def test_footer_sits_below_the_type_area():
    for p in (page.PORTRAIT, page.LANDSCAPE):
        assert p.footer_distance < p.margin_bottom - page.PAGE_NUMBER_GAP_MM
        assert p.header_distance < p.margin_top


def test_units():
    assert page.mm_to_twips(297) == 16838  # Word's A4 height
    assert page.mm_to_twips(210) == 11906
    assert round(page.mm_to_pt(25.4), 6) == 72
    assert round(page.pt_to_mm(72), 6) == 25.4
