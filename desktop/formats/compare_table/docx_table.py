"""The 修改对照表 as a Word document: A4 landscape, title, subtitle, a four-column table.

Deleted words are struck through and added words underlined (both survive black-and-white
printing), and whole added or removed rows say 新增 / 删除 in words. The header row repeats on
every page. Written atomically.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from desktop.core.compare.result import Comparison
from desktop.core.textclean import clean_text
from desktop.formats.atomic import write_atomically
from desktop.formats.compare_table.rows import HEADERS, Run, revision_rows, table_subtitle, table_title
from desktop.layout.typography import BODY_FACE, HEADER_FACE, TITLE_FACE

WIDTHS_MM = (14.0, 101.0, 101.0, 51.0)  # 267 mm: the landscape type area (297 − 2 × 15)
BODY_PT = 12.0


def _font(run: DocxRun, face: str, size: float) -> None:
    run.font.size = Pt(size)
    run.font.name = face
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), face)


def _write_runs(paragraph: Paragraph, runs: list[Run], face: str, size: float) -> None:
    for text, mark in runs:
        pieces = clean_text(text).split("\n")
        for index, piece in enumerate(pieces):
            if index:
                paragraph.add_run().add_break()
            if not piece:
                continue
            run = paragraph.add_run(piece)
            _font(run, face, size)
            if mark == "deleted":
                run.font.strike = True
            elif mark == "inserted":
                run.font.underline = True
                run.font.bold = True


def _cell(cell: _Cell, runs: list[Run], align: WD_ALIGN_PARAGRAPH, face: str = BODY_FACE.east_asian,
          size: float = BODY_PT) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _write_runs(paragraph, runs, face, size)


def _repeat_header(row: docx.table._Row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)  # type: ignore[arg-type]  # python-docx types trPr children as CT_TrPr


def write_revision_docx(comparison: Comparison, target: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _write_runs(title, [(table_title(comparison), "")], TITLE_FACE.east_asian, 20)
    subtitle = document.add_paragraph()
    _write_runs(subtitle, [(table_subtitle(comparison), "")], BODY_FACE.east_asian, 11)
    rows = revision_rows(comparison)
    table = document.add_table(rows=1 + len(rows), cols=len(HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_MM, strict=True):
        column.width = Mm(width)  # the grid LibreOffice and WPS lay out by
        for cell in column.cells:
            cell.width = Mm(width)
    for cell, label in zip(table.rows[0].cells, HEADERS, strict=True):
        _cell(cell, [(label, "")], WD_ALIGN_PARAGRAPH.CENTER, HEADER_FACE.east_asian)
        for run in cell.paragraphs[0].runs:
            run.font.bold = True
    _repeat_header(table.rows[0])
    for row, data in zip(table.rows[1:], rows, strict=True):
        cells = row.cells
        _cell(cells[0], [(str(data.number), "")], WD_ALIGN_PARAGRAPH.CENTER)
        _cell(cells[1], data.old, WD_ALIGN_PARAGRAPH.LEFT)
        _cell(cells[2], data.new, WD_ALIGN_PARAGRAPH.LEFT)
        _cell(cells[3], [(data.note, "")], WD_ALIGN_PARAGRAPH.LEFT)
    if not rows:
        document.add_paragraph("两个版本内容相同，没有修改。")
    write_atomically(target, lambda tmp: document.save(str(tmp)))
