"""The .docx writer of the official annex: renders a layout :class:`Grid` as a Word document.

The page is A4 (landscape unless the style says portrait) with the GB/T 9704 type area
(``desktop.layout.page``); "附件" in 黑体 16 pt at the top left on line 1, the title centred in
方正小标宋简体 on line 3, then the table, and "— N —" page numbers in the footers.

By default the pages are Fenjie's page plan (``desktop.layout.page_plan``, the PDF's pages): one
table per page, each with its header row, a continued merged cell restated at the top of the next
page, and the next table starting on a new page (a 1 pt paragraph with ``w:pageBreakBefore``
between tables; docs/layout.md says why Word, WPS and LibreOffice all honour this). With
``word_paginates`` the annex is one table that Word breaks itself (for clerks who will edit it
heavily): the header row repeats but a category crossing a page is not restated.

:func:`write_docx_grid` streams a minimal package (``docx.package``, ``docx.styles_xml``,
``docx.table_text``) straight into the zip file, row by row, so memory does not grow with the
plan. :func:`build_document` (python-docx, the progress report's base) builds the flowing table in
memory. Files are written atomically: on failure an existing file is left untouched.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document

from desktop.core.model import Plan
from desktop.core.style import TableStyle
from desktop.core.textclean import clean_text
from desktop.formats.atomic import write_atomically
from desktop.formats.docx.ooxml import Element, add_text, child, paragraph_template, run_properties, w
from desktop.formats.docx.page import empty_paragraph, set_defaults, set_page, set_page_numbers
from desktop.formats.docx.stream import stream_docx
from desktop.formats.docx.table_xml import build_table
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid
from desktop.layout.page import geometry, mm_to_pt, mm_to_twips
from desktop.layout.typography import LABEL_FACE, LABEL_FONT_SIZE_PT, TITLE_FACE

LINE_TWIPS = 580  # one GB/T 9704 line: 22 lines in the 225 mm type area, about 29 pt
TITLE_AFTER_TWIPS = 280  # half a line between the title and the table


def _add_heading(body: Element, grid: Grid) -> None:
    """The "附件" label on line 1, line 2 left blank, the title centred from line 3."""
    label_rpr = run_properties(LABEL_FACE, LABEL_FONT_SIZE_PT)
    label = paragraph_template("left", label_rpr, line_twips=LINE_TWIPS)
    if grid.attachment_label.strip():
        add_text(body, label, label_rpr, grid.attachment_label)
        add_text(body, label, label_rpr, "")
    if grid.title.strip():
        title_rpr = run_properties(TITLE_FACE, grid.style.title_font_size)
        title = paragraph_template("center", title_rpr, line_twips=LINE_TWIPS)
        lines = add_text(body, title, title_rpr, grid.title.strip())
        child(child(lines[-1], "pPr"), "spacing").set(w("after"), str(TITLE_AFTER_TWIPS))


def build_document(grid: Grid) -> Document:
    """The annex as an in-memory python-docx document (not yet saved)."""
    style = grid.style
    page = geometry(style.orientation)
    document = docx.Document()
    set_page(document, page)
    set_defaults(document, style.body_font_size)
    set_page_numbers(document, style)
    document.core_properties.title = clean_text(grid.title).replace("\n", " ")
    document.core_properties.author = "Fenjie"
    document.core_properties.comments = ""

    body = document.element.body
    section = body.find(w("sectPr"))
    for element in list(body):
        body.remove(element)
    _add_heading(body, grid)
    body.append(build_table(grid, mm_to_twips(page.type_width), mm_to_pt(page.type_height)))
    body.append(empty_paragraph())
    body.append(section)
    return document


def write_docx_grid(grid: Grid, target: Path, *, word_paginates: bool = False, author: str = "") -> None:
    """Write ``grid`` as the annex .docx at ``target``; raises FormatError if it cannot be written."""
    write_atomically(Path(target), lambda tmp: stream_docx(grid, tmp, word_paginates, author))


def write_docx(plan: Plan, target: Path, style: TableStyle | None = None, *,
               word_paginates: bool = False) -> None:
    """Lay out ``plan`` (in its own style unless ``style`` is given) and write it as .docx."""
    author = str(plan.fields.get("issuing_office") or "")
    write_docx_grid(build_grid(plan, style), target, word_paginates=word_paginates, author=author)
