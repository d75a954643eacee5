"""The progress report as .docx: the leader's first page, the ranking, then the detail table.

The document starts with the overview (heading 黑体 16 pt, a two-column table of key figures) and
the completion chart as a picture drawn by :func:`desktop.formats.report.chart.chart_png` in the
embedded CJK font, sized to what the first page has left (the table's height estimated as Word
sets it, with slack; :func:`plan_chart` picks the panels or the units with the lowest 完成率); then,
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
from desktop.formats.docx.table_xml import (
    CELL_MARGIN_H_TWIPS,
    CELL_MARGIN_V_TWIPS,
    build_table,
    column_widths,
)
from desktop.formats.docx.writer import build_document
from desktop.formats.pdf.fonts import load_fonts
from desktop.formats.report.chart import chart_png, draw_plan, plan_chart
from desktop.formats.report.emphasis import flag_colour
from desktop.formats.report.report import ProgressReport
from desktop.layout.grid import Grid
from desktop.layout.page import geometry, mm_to_pt, mm_to_twips
from desktop.layout.text_measure import estimate_lines, estimate_row_heights
from desktop.layout.typography import LABEL_FACE, LABEL_FONT_SIZE_PT

HEADING_AFTER_TWIPS = 200
NO_FONT_WARNING = "本机找不到可嵌入的中文 TrueType 字体，Word 汇总表中没有插入完成情况图（统计表完整）。"
SLACK = 1.08  # Word and LibreOffice set CJK lines a little taller than the estimate
PICTURE_PT = 14.0  # the picture's paragraph around the chart


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


def _overview_height(grid: Grid, heading: str, width_twips: int, width_pt: float) -> float:
    """The first page's heading and key-figures table, in points, as Word lays them out (estimated)."""
    widths = [twips / 20 for twips in column_widths(grid.style, width_twips)]
    rows = estimate_row_heights(grid.cells, grid.n_rows, widths, grid.style.body_font_size,
                                2 * CELL_MARGIN_H_TWIPS / 20, 2 * CELL_MARGIN_V_TWIPS / 20)
    title = estimate_lines(heading, width_pt, LABEL_FONT_SIZE_PT) * LABEL_FONT_SIZE_PT * 1.3
    return title + HEADING_AFTER_TWIPS / 20 + sum(rows) + grid.n_rows * 1.0  # rules


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
        used = _overview_height(report.overview, report.overview_heading, width, mm_to_pt(page.type_width))
    warnings: list[str] = []
    font = load_fonts().body
    plan = plan_chart(report.tallies, mm_to_pt(page.type_width), (height - used) / SLACK - PICTURE_PT,
                      report.chart_title)
    if plan is not None and font.path is None:
        warnings.append(NO_FONT_WARNING)
    elif plan is not None and font.path is not None:
        chart = draw_plan(plan, mm_to_pt(page.type_width))
        png = chart_png(chart, font.path, font.index)
        document.add_picture(io.BytesIO(png), width=Mm(page.type_width))
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
