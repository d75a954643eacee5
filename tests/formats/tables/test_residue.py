"""Residue of earlier conversions: bookmark markers, page numbers, line breaks inside a sentence."""

from __future__ import annotations

from pathlib import Path

from desktop.formats.import_report import ImportReport
from desktop.formats.importers import import_source
from desktop.formats.tables.residue import BOOKMARK_NOTE, JOIN_NOTE, PAGE_NOTE, clean_text_residue
from tests.support.ooxml_build import cell, para, row, table, write_docx

PROSE = "加强政务公开平台建设，完善政府网站集约化管理机制，推进政务新媒体"


def test_certain_residue_is_cleaned_and_recorded() -> None:
    report = ImportReport()
    text = f"{PROSE}\n规范发展[bookmark: _GoBack]。\n—8—\n落实到位。"
    assert clean_text_residue(text, report) == f"{PROSE}规范发展。\n落实到位。"
    assert report.cleanings == {BOOKMARK_NOTE: 1, PAGE_NOTE: 1, JOIN_NOTE: 1}
    assert report.cleaning_lines() == [BOOKMARK_NOTE, PAGE_NOTE, JOIN_NOTE]


def test_lists_of_units_and_dates_keep_their_line_breaks() -> None:
    report = ImportReport()
    units = "区政府办公室、区发展改革局、区教育和体育局、区科技局\n区民政局"
    dates = "2024年6月底前\n2024年12月底前"
    numbered = f"{PROSE}\n（二）加强培训"
    for text in (units, dates, numbered):
        assert clean_text_residue(text, report) == text
    assert report.cleanings == {}


def test_a_table_and_a_text_are_cleaned_on_import(tmp_path: Path) -> None:
    header = row(cell("工作任务"), cell("具体要求"), cell("责任单位"), cell("完成时限"), header=True)
    body = table([1500, 4000, 1500, 1500], header,
                 row(cell("一、平台建设"), cell(f"{PROSE}[bookmark: _GoBack]"), cell("区政府办公室"),
                     cell("2024年底前")),
                 row(cell("二、队伍建设"), cell("加强培训。"), cell("区委编办"), cell("—12— —13—")))
    imported = import_source(write_docx(tmp_path / "residue.docx", para("附件") + body))
    assert imported.plan.leaves()[0].text == PROSE
    assert imported.report.cleaning_lines() == [BOOKMARK_NOTE]
    assert imported.report.flags == ["第 2 行的“完成时限”只写着“—12— —13—”，像是旧文件留下的页码"]
    text = tmp_path / "plan.txt"
    text.write_text(f"一、总体要求\n{PROSE}\n规范发展。\n- 3 -\n二、工作任务\n落实。\n", encoding="utf-8")
    imported = import_source(text)
    assert [t.text for t in imported.plan.tasks()] == ["总体要求", f"{PROSE}规范发展。", "工作任务", "落实。"]
    assert imported.report.cleaning_lines() == [JOIN_NOTE, PAGE_NOTE]
