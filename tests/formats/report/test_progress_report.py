"""The progress report (落实情况汇总表) as real .docx, .xlsx and .pdf files, and rendered by LibreOffice."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from lxml import etree

from desktop.core.tracking import DONE, IN_PROGRESS, ONGOING, progress_entry
from desktop.formats.errors import FormatError
from desktop.formats.report.report import build_report, write_progress_report
from desktop.formats.report.xlsx_report import DETAIL_SHEET, SUMMARY_SHEET
from desktop.store.tracking_store import load_assignments, save_assignments, sync_plan
from desktop.store.workspace import Workspace
from tests.support.docx_grid import W, read_table
from tests.support.pdf_inspect import raw_text
from tests.support.render import pdf_text, pdf_to_pngs, soffice_to_pdf

TODAY = date(2025, 1, 10)
HEADING = "各单位落实情况排名（截至2025年1月10日）"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture
def tracked(laiwu_plan, tmp_path: Path):
    """The Laiwu plan in a workspace with a few reports: done, in progress, ongoing; the rest overdue."""
    laiwu_plan.fields["year"] = 2024
    with Workspace.open(tmp_path / "w.sqlite3", seed_sample=False) as ws:
        ws.add_plan(laiwu_plan)
        sync_plan(ws.db, laiwu_plan)
        items = load_assignments(ws.db, laiwu_plan.id)
        changed = []
        for n, item in enumerate(items):
            if n % 3 == 0:
                entry = progress_entry(date(2024, 6, 28), f"第{n}项已按要求完成。", item.unit, "imported")
                changed.append(replace(item, status=DONE, completed_on=date(2024, 6, 28), progress=(entry,)))
            elif n % 3 == 1:
                entry = progress_entry(date(2024, 12, 20), f"第{n}项正在推进。", item.unit)
                changed.append(replace(item, status=IN_PROGRESS, progress=(entry,)))
            elif n % 7 == 2:
                changed.append(replace(item, status=ONGOING))
        save_assignments(ws.db, laiwu_plan.id, changed)
        return laiwu_plan, load_assignments(ws.db, laiwu_plan.id, include_inactive=False)


def test_the_report_grids(tracked) -> None:
    plan, items = tracked
    report = build_report(plan, items, TODAY)
    assert [c.text for c in report.grid.header][-2:] == ["进展情况", "完成状态"]
    assert report.grid.n_rows == 59 and report.grid.title.endswith("落实情况汇总表\n（截至2025年1月10日）")
    first = {c.attr: c.text for c in report.grid.cells if c.row == 0 and c.role == "attribute"}
    assert first["progress"] == ("各街道（镇）：第0项已按要求完成。（2024年6月28日）\n"
                                 "区政府各部门单位：第1项正在推进。（2024年12月20日）")
    assert first["status"] == "各街道（镇）：已完成\n区政府各部门单位：逾期"
    summary = report.summary
    assert [c.text for c in summary.header] == ["名次", "单位", "报送情况", "任务数", "已完成", "持续推进",
                                                "推进中", "未开始", "逾期", "未报送", "完成率"]
    assert summary.n_rows == 20
    total = [c.text for c in summary.cells if c.row == 19]
    assert total[1:5] == ["合计", "", "123", "41"] and sum(int(t) for t in total[4:10]) == 123
    assert total[-1] == f"{41 / 123 * 100:.1f}%" == "33.3%"  # one decimal
    rates = [t.rate for t in report.tallies]
    assert rates == sorted(rates, reverse=True)  # the ranking: highest 完成率 first
    assert report.heading == HEADING
    assert len(report.tallies) == 19
    overview = {c.text for c in report.overview.cells if c.col == 0}
    assert {"任务分工", "完成情况", "【逾期】"} <= overview


def test_docx_starts_with_the_first_page_then_ranking_then_table(tracked, tmp_path: Path) -> None:
    plan, items = tracked
    target = tmp_path / "report.docx"
    assert write_progress_report(plan, items, target, TODAY) == []
    document = docx.Document(str(target))
    assert len(document.tables) == 3  # overview, ranking, detail
    assert document.paragraphs[0].text.startswith(plan.title) and "总体情况" in document.paragraphs[0].text
    ranking = read_table(document.tables[1]._tbl)
    assert ranking.header_rows == 1 and ranking.body_rows == 20
    assert [c.text for c in ranking.body if c.col == 1][-1] == "合计"
    heading = next(p for p in document.paragraphs if p.text == HEADING)
    assert heading._p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert len(document.inline_shapes) >= 1
    body = list(document.element.body)
    picture = next(i for i, element in enumerate(body) if element.find(f".//{W}drawing") is not None)
    assert picture < body.index(document.tables[1]._tbl)  # the chart is on the first page, before the ranking
    flagged = [r for r in document.element.body.iter(f"{W}r")
               if "逾期" in "".join(t.text or "" for t in r.iter(f"{W}t"))]
    assert flagged and all(r.find(f"{W}rPr/{W}color").get(f"{W}val") == "C62828" for r in flagged)
    with zipfile.ZipFile(target) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert images and archive.read(images[0]).startswith(b"\x89PNG")
    only = tmp_path / "summary.docx"
    write_progress_report(plan, items, only, TODAY, summary_only=True)
    assert len(docx.Document(str(only)).tables) == 2


def test_xlsx_opens_on_the_summary_sheet_with_a_native_chart(tracked, tmp_path: Path) -> None:
    plan, items = tracked
    target = tmp_path / "report.xlsx"
    write_progress_report(plan, items, target, TODAY, all_entries=True)
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == [SUMMARY_SHEET, DETAIL_SHEET] and workbook.active.title == SUMMARY_SHEET
    ws = workbook[SUMMARY_SHEET]
    assert ws["A1"].value.endswith("总体情况（截至2025年1月10日）")
    labels = [ws.cell(row=r, column=1).value for r in range(3, 12)]
    assert "【逾期】" in labels
    overdue_row = 3 + labels.index("【逾期】")
    assert ws.cell(row=overdue_row, column=3).font.color.rgb.endswith("C62828")
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "名次")
    names = [ws.cell(row=header, column=c).value for c in (1, 2, 3, 4)]
    assert names == ["名次", "单位", "报送情况", "任务数"]
    assert ws.cell(row=header + 20, column=2).value == "合计"
    assert ws.cell(row=header + 20, column=4).value == 123
    with zipfile.ZipFile(target) as archive:
        chart = etree.fromstring(archive.read("xl/charts/chart1.xml"))
    assert chart.find(f".//{C}barDir").get("val") == "bar"
    assert chart.find(f".//{C}grouping").get("val") == "stacked"
    refs = [f.text for f in chart.iter(f"{C}f")]
    assert f"'总体情况'!$B${header + 1}:$B${header + 19}" in refs and len(chart.findall(f".//{C}ser")) == 6


def test_pdf_starts_with_the_first_page_then_ranking_then_table(tracked, tmp_path: Path) -> None:
    plan, items = tracked
    target = tmp_path / "report.pdf"
    write_progress_report(plan, items, target, TODAY)
    text = raw_text(target)
    pages = text.split("\f")
    assert "总体情况" in pages[0] and "各单位任务完成情况" in pages[0] and "【逾期】" in pages[0]
    assert text.index("总体情况") < text.index(HEADING) < text.index("落实情况汇总表")
    assert "区行政审批服务局" in text and "合计" in text and "逾期" in text
    assert "— 1 —" in pages[0]
    only = tmp_path / "summary.pdf"
    write_progress_report(plan, items, only, TODAY, summary_only=True)
    assert "落实情况汇总表" not in raw_text(only).replace("落实情况汇总表（", "")


def test_unsupported_suffix(tracked, tmp_path: Path) -> None:
    plan, items = tracked
    with pytest.raises(FormatError, match=r"不支持把汇总表导出为“\.txt”"):
        write_progress_report(plan, items, tmp_path / "r.txt", TODAY)


@pytest.mark.libreoffice
def test_the_docx_report_renders_in_libreoffice(tracked, tmp_path: Path) -> None:
    plan, items = tracked
    target = tmp_path / "report.docx"
    write_progress_report(plan, items, target, TODAY)
    pdf = soffice_to_pdf(target, tmp_path / "lo")
    text = pdf_text(pdf).replace(" ", "")
    assert "落实情况汇总表" in text and "进展情况" in text and "完成状态" in text
    assert HEADING in text and "合计" in text
    pngs = pdf_to_pngs(pdf, tmp_path / "png" / "page", first=1, last=1)
    assert len(pngs) == 1 and pngs[0].stat().st_size > 10_000
