"""The progress report as .docx: the annex table with progress columns, then the summary and the chart.

The document is the normal annex (:func:`desktop.formats.docx.writer.build_document` of the report
grid). After the table come, from a new page: the heading (黑体 16 pt, centred), the summary grid
as a second raw ``w:tbl`` (header row repeated) and the completion chart as pictures drawn by
:func:`desktop.formats.report.chart.chart_png` in the embedded CJK font, as wide as the type area.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from lxml import etree

from desktop.formats.atomic import write_atomically
from desktop.formats.docx.ooxml import add_text, child, paragraph_template, run_properties, w
from desktop.formats.docx.page import empty_paragraph
from desktop.formats.docx.table_xml import build_table
from desktop.formats.docx.writer import build_document
from desktop.formats.pdf.fonts import load_fonts
from desktop.formats.report.chart import chart_pages, chart_png
from desktop.formats.report.report import ProgressReport
from desktop.layout.page import geometry, mm_to_pt, mm_to_twips
from desktop.layout.typography import LABEL_FACE, LABEL_FONT_SIZE_PT

HEADING_AFTER_TWIPS = 200
NO_FONT_WARNING = "本机找不到可嵌入的中文 TrueType 字体，Word 汇总表中没有插入完成情况图（统计表完整）。"


def write_report_docx(report: ProgressReport, target: Path) -> list[str]:
    """Write the report as .docx at ``target``; returns warnings for the user."""
    document = build_document(report.grid)
    page = geometry(report.summary.style.orientation)
    body = document.element.body
    section = body.find(w("sectPr"))
    body.remove(section)
    rpr = run_properties(LABEL_FACE, LABEL_FONT_SIZE_PT)
    template = paragraph_template("center", rpr, after_twips=HEADING_AFTER_TWIPS)
    child(template, "pPr").insert(0, etree.Element(w("pageBreakBefore")))  # first, as the schema orders
    add_text(body, template, rpr, report.heading)
    body.append(build_table(report.summary, mm_to_twips(page.type_width), mm_to_pt(page.type_height)))
    body.append(empty_paragraph())
    body.append(section)
    warnings: list[str] = []
    font = load_fonts().body
    charts = chart_pages(report.tallies, mm_to_pt(page.type_width), mm_to_pt(page.type_height) - 20,
                         report.chart_title)
    if charts and font.path is None:
        warnings.append(NO_FONT_WARNING)
    elif charts and font.path is not None:
        for chart in charts:
            png = chart_png(chart, font.path, font.index)
            document.add_picture(io.BytesIO(png), width=Mm(page.type_width))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    write_atomically(Path(target), lambda tmp: document.save(str(tmp)))
    return warnings
