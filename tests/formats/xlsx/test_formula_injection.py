"""No user text becomes a formula: every .xlsx Fenjie writes, fed with "=HYPERLINK(…)" everywhere.

A plan title, task texts, unit names, deadlines and progress reports that start with "=", "+",
"-" or "@" are written into the plan export, the units' feedback workbooks (and their task lists),
and the progress report; every cell of every sheet must come back as text, and no worksheet part
may hold a ``<f>`` element. A scan of the source makes sure no new .xlsx writer escapes the walk.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl

from desktop.core.compare import compare_plans
from desktop.core.compare.accept import clone_plan
from desktop.core.model import Plan
from desktop.core.operations import SetText
from desktop.core.tracking import IN_PROGRESS, progress_entry
from desktop.formats.compare_table import export_comparison
from desktop.formats.exporters import export_plan
from desktop.formats.feedback.unit_share import export_unit_files
from desktop.formats.report.report import write_progress_report
from desktop.store.feedback_store import feedback_sheets
from desktop.store.tracking_store import load_assignments, save_assignments, sync_plan
from tests.support.workspaces import Workspace

REPO = Path(__file__).resolve().parents[3]
LINK_UNIT = '=HYPERLINK("http://evil.invalid","区财政局")'
TITLE = '=HYPERLINK("http://evil.invalid","2024年重点工作")'
# every module that builds or saves a workbook, and so must be walked below
COVERED_WRITERS = {
    "desktop/formats/xlsx/writer.py",
    "desktop/formats/feedback/workbook.py",
    "desktop/formats/report/xlsx_report.py",
    "desktop/formats/compare_table/xlsx_table.py",
}


def hostile_plan() -> Plan:
    plan = Plan(title=TITLE, attachment_label="=1+1")
    parent = plan.make_task("=SUM(1,2)", {"lead": "@SUM(A1)"})
    plan.insert_subtree(Plan.ROOT_ID, 0, parent)
    leaf = plan.make_task('+HYPERLINK("http://evil.invalid")', {"units": LINK_UNIT, "deadline": "=NOW()"})
    plan.insert_subtree(parent.id, 0, leaf)
    other = plan.make_task("-1+2", {"units": "区教育局", "deadline": "-2"})
    plan.insert_subtree(parent.id, 1, other)
    return plan


def formulas(path: Path) -> list[str]:
    """Every formula in the workbook at ``path``: cells openpyxl reads as formulas, and raw ``<f>``."""
    found: list[str] = []
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            found += [f"{sheet.title}!{c.coordinate}" for c in row if c.data_type == "f"]
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            sheet_part = name.startswith("xl/worksheets/") and name.endswith(".xml")
            if sheet_part and re.search(rb"<(\w+:)?f[ >]", package.read(name)):
                found.append(name)
    return found


def texts(path: Path) -> set[str]:
    book = openpyxl.load_workbook(path)
    cells = (c for sheet in book.worksheets for row in sheet.iter_rows() for c in row)
    return {str(c.value) for c in cells if c.value is not None}


def test_every_xlsx_writer_keeps_user_text_as_text(tmp_path: Path) -> None:
    plan = hostile_plan()
    with Workspace.open(tmp_path / "w.sqlite3", seed_sample=False) as ws:
        ws.add_plan(plan)
        sync_plan(ws.db, plan)
        items = load_assignments(ws.db, plan.id)
        entry = progress_entry(date(2024, 6, 1), '=HYPERLINK("http://evil.invalid","已完成")', LINK_UNIT)
        save_assignments(ws.db, plan.id, [replace(i, status=IN_PROGRESS, progress=(entry,)) for i in items])
        items = load_assignments(ws.db, plan.id)
        sheets = feedback_sheets(ws.db, plan)
    assert LINK_UNIT in {i.unit for i in items}

    written = [tmp_path / "plan.xlsx", tmp_path / "report.xlsx"]
    export_plan(plan, written[0])
    write_progress_report(plan, items, written[1], date(2025, 1, 10))
    (tmp_path / "units").mkdir()
    unit_files, _ = export_unit_files(plan, sheets, tmp_path / "units", ("xlsx",))
    assert len(unit_files) == 3  # "@SUM(A1)" (the lead), the link unit and 区教育局
    written += unit_files
    written.append(tmp_path / "revisions.xlsx")  # the 修改对照表 of the plan against a hostile edit
    edited = clone_plan(plan)
    SetText(plan.leaves()[0].id, "=cmd|' /C calc'!A0").apply(edited)
    export_comparison(compare_plans(plan, edited, old_label=TITLE, proposer=LINK_UNIT), written[-1])

    for path in written:
        assert formulas(path) == [], path.name
    assert TITLE in texts(written[0]) and "=NOW()" in texts(written[0])
    assert LINK_UNIT in texts(written[1])  # the 统计 sheet's unit column
    assert f"{TITLE}落实情况反馈表" in texts(unit_files[0])


def test_no_xlsx_writer_escapes_the_walk() -> None:
    makers = re.compile(r"\bWorkbook\(\)|build_workbook\(")
    writers = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "desktop").rglob("*.py")
        if makers.search(path.read_text(encoding="utf-8")) and "/gui/" not in path.as_posix()
    }
    assert writers == COVERED_WRITERS
