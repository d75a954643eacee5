"""The progress report as .docx: the leader's first page, the ranking, then the detail table.

The document starts with the overview (heading 黑体 16 pt, a two-column table of key figures) and
the completion chart as a picture drawn by :func:`desktop.formats.report.chart.chart_png` in the
embedded CJK font (the first part sized to what the first page has left, the rest after it); then,
from a new page, the ranking heading and table; then, from a new page, the normal annex
(:func:`desktop.formats.docx.writer.build_document` of the report grid) unless ``summary_only``.
Every run holding 逾期 or 未报送 is bold and in its colour.
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
from desktop.formats.report.emphasis import flag_colour
from desktop.formats.report.report import ProgressReport
from desktop.layout.page import geometry, mm_to_pt, mm_to_twips
from desktop.layout.typography import LABEL_FACE, LABEL_FONT_SIZE_PT

HEADING_AFTER_TWIPS = 200
NO_FONT_WARNING = "本机找不到可嵌入的中文 TrueType 字体，Word 汇总表中没有插入完成情况图（统计表完整）。"
OVERVIEW_ROW_PT = 12.0  # a row's padding and rules; its lines are counted, to size the first chart


def _heading(body: etree._Element, text: str, page_break: bool) -> None:
    rpr = run_properties(LABEL_FACE, LABEL_FONT_SIZE_PT)
    template = paragraph_template("center", rpr, after_twips=HEADING_AFTER_TWIPS)
    if page_break:
        child(template, "pPr").insert(0, etree.Element(w("pageBreakBefore")))  # first, as the schema orders
    add_text(body, template, rpr, text)


def _emphasise(body: etree._Element) -> None:
    """Bold and colour every run holding 逾期 or 未报送 (w:b after w:rFonts, w:color before w:sz)."""
    for run in body.iter(w("r")):
        text = "".join(node.text or "" for node in run.iter(w("t")))
        colour = flag_colour(text)
        if colour is None:
            continue
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            run.insert(0, rpr)
        fonts = rpr.find(w("rFonts"))
        bold = etree.Element(w("b"))
        rpr.insert(0 if fonts is None else list(rpr).index(fonts) + 1, bold)
        colour_element = etree.Element(w("color"))
        colour_element.set(w("val"), colour.lstrip("#"))
        size = rpr.find(w("sz"))
        if size is not None:
            size.addprevious(colour_element)
        else:
            rpr.append(colour_element)


def write_report_docx(report: ProgressReport, target: Path) -> list[str]:
    """Write the report as .docx at ``target``; returns warnings for the user."""
    document = build_document(report.grid)
    page = geometry(report.summary.style.orientation)
    body = document.element.body
    section = body.find(w("sectPr"))
    detail = [element for element in body if element is not section]
    for element in (*detail, section):
        body.remove(element)
    width, height = mm_to_twips(page.type_width), mm_to_pt(page.type_height)
    used = 0.0
    if report.overview is not None:
        _heading(body, report.overview_heading, page_break=False)
        body.append(build_table(report.overview, width, height))
        per_line = max(1, int(mm_to_pt(page.type_width) * 0.8 // report.overview.style.body_font_size))
        lines = sum(-(-len(cell.text) // per_line) or 1 for cell in report.overview.cells if cell.col == 1)
        used = LABEL_FONT_SIZE_PT * 3 + OVERVIEW_ROW_PT * (report.overview.n_rows + 1) + 16 * lines
    warnings: list[str] = []
    font = load_fonts().body
    charts = chart_pages(report.tallies, mm_to_pt(page.type_width), height - 20, report.chart_title,
                         first_height=height - used - 30)
    if charts and font.path is None:
        warnings.append(NO_FONT_WARNING)
    elif charts and font.path is not None:
        for chart in charts:
            png = chart_png(chart, font.path, font.index)
            document.add_picture(io.BytesIO(png), width=Mm(page.type_width * chart.width
                                                           / mm_to_pt(page.type_width)))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _heading(body, report.heading, page_break=True)
    body.append(build_table(report.summary, width, height))
    body.append(empty_paragraph())
    if not report.summary_only:
        breaker = etree.SubElement(body, w("p"))
        run = etree.SubElement(breaker, w("r"))
        etree.SubElement(run, w("br")).set(w("type"), "page")
        for element in detail:
            body.append(element)
    _emphasise(body)
    body.append(section)
    write_atomically(Path(target), lambda tmp: document.save(str(tmp)))
    return warnings
