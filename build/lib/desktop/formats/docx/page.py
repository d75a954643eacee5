"""Page set-up of the .docx annex: paper, margins, document defaults and the page-number footers.

Page numbers are "— N —" in 宋体 14 pt, one character in from the type area's outer edge: odd
pages at the right and even pages at the left (``w:evenAndOddHeaders`` in settings.xml, two
footers), or one centred footer when the style asks for ``page_numbers == "center"``.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Twips
from lxml import etree

from desktop.core.style import TableStyle
from desktop.formats.docx.ooxml import Element, add_field, add_run, paragraph_template, run_properties, sub, w
from desktop.layout.page import PAGE_NUMBER_INDENT_PT, PageGeometry, mm_to_twips
from desktop.layout.typography import (
    BODY_FACE,
    PAGE_NUMBER_DASH,
    PAGE_NUMBER_FACE,
    PAGE_NUMBER_FONT_SIZE_PT,
)


def set_page(document: Document, page: PageGeometry) -> None:
    """Paper size, orientation and margins of the document's only section."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if page.orientation == "landscape" else WD_ORIENT.PORTRAIT
    section.page_width = Twips(mm_to_twips(page.width))
    section.page_height = Twips(mm_to_twips(page.height))
    section.top_margin = Twips(mm_to_twips(page.margin_top))
    section.bottom_margin = Twips(mm_to_twips(page.margin_bottom))
    section.left_margin = Twips(mm_to_twips(page.margin_left))
    section.right_margin = Twips(mm_to_twips(page.margin_right))
    section.header_distance = Twips(mm_to_twips(page.header_distance))
    section.footer_distance = Twips(mm_to_twips(page.footer_distance))
    section.gutter = Twips(0)


def set_defaults(document: Document, body_size_pt: float) -> None:
    """Document-wide defaults: the body face instead of the template's theme fonts, no spacing."""
    defaults = document.styles.element.find(w("docDefaults"))
    rpr_default = defaults.find(w("rPrDefault"))
    rpr_default.clear()
    rpr_default.append(run_properties(BODY_FACE, body_size_pt))
    ppr_default = defaults.find(w("pPrDefault"))
    ppr_default.clear()
    sub(sub(ppr_default, "pPr"), "spacing", before=0, after=0, line=240, lineRule="auto")
    lang = document.settings.element.find(w("themeFontLang"))
    if lang is not None:
        lang.set(w("eastAsia"), "zh-CN")


def _page_number_paragraph(align: str) -> Element:
    rpr = run_properties(PAGE_NUMBER_FACE, PAGE_NUMBER_FONT_SIZE_PT)
    indent = round(PAGE_NUMBER_INDENT_PT * 20)
    indents = {"center": {"left": 0, "right": 0},
               "right": {"left": 0, "right": indent},
               "left": {"left": indent, "right": 0}}[align]
    p = paragraph_template(align, rpr, indent=indents)
    add_run(p, rpr, PAGE_NUMBER_DASH + " ")
    add_field(p, rpr, "PAGE", "1")
    add_run(p, rpr, " " + PAGE_NUMBER_DASH)
    return p


def _fill_footer(footer_element: Element, align: str) -> None:
    for child in list(footer_element):
        footer_element.remove(child)
    footer_element.append(_page_number_paragraph(align))


def set_page_numbers(document: Document, style: TableStyle) -> None:
    """Footers with "— N —": outside (odd right, even left) or centred on every page."""
    section = document.sections[0]
    if style.page_numbers == "center":
        document.settings.odd_and_even_pages_header_footer = False
        _fill_footer(section.footer._element, "center")
        return
    document.settings.odd_and_even_pages_header_footer = True
    _fill_footer(section.footer._element, "right")
    _fill_footer(section.even_page_footer._element, "left")


def empty_paragraph() -> Element:
    """A 1 pt paragraph: Word needs one after a table, and it must not push a blank page."""
    p = etree.Element(w("p"))
    ppr = sub(p, "pPr")
    sub(ppr, "spacing", before=0, after=0, line=20, lineRule="exact")
    rpr = sub(ppr, "rPr")
    sub(rpr, "sz", val=2)
    sub(rpr, "szCs", val=2)
    return p
