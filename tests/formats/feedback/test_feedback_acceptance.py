"""Acceptance scenario (issue 13): 40 units return their workbooks, cleanly or the way real units do.

A 59-row plan with 40 units, each unit's workbook exported by Fenjie and filled as the unit would:
26 cleanly, the others with dates typed "2026.11.30" and "11月底", status "完成" and "80%", 已完成
without a date, progress typed in the status column, another unit's row copied in, the same file
returned twice (the older one given last), a renamed file, an .xls and an .ods saved by
LibreOffice, a formula without a cached value, an unreadable date; one unit sends nothing. All are
imported in one go, and the report's figures must equal an independent tally of what the units
meant — except the truly unreadable fields, each of which must be listed with its reason.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest

from desktop.cli_tracking import report_figures, round_facts
from desktop.core.model import Plan
from desktop.formats.feedback.reader import read_feedback_workbook
from desktop.formats.feedback.workbook import COLUMN_INDEX, SHEET_TITLE, write_feedback_workbook
from desktop.formats.report.report import write_progress_report
from desktop.store.feedback_store import feedback_sheets, import_feedback
from desktop.store.tracking_store import load_assignments
from tests.support.feedback_fill import fill, row_values, rows_by_task, set_saved_time
from tests.support.first_page import check_first_page
from tests.support.render import pdf_text, pdf_to_pngs, soffice_convert, soffice_to_pdf
from tests.support.workspaces import Workspace

UNITS = [f"区测试单位{n:02d}" for n in range(40)]
TODAY = date(2026, 12, 5)
DUE_EARLY, DUE_LATE = "2026年11月30日前", "2026年12月31日前"
CLEAN = range(26)
SILENT = 39  # sends nothing


def scenario_plan() -> Plan:
    """59 rows under 6 categories; row i is assigned to units 3i, 3i+1, 3i+2 (mod 40)."""
    plan = Plan("2026年测试区重点工作任务分工", year=2026)
    category = None
    for i in range(59):
        if i % 10 == 0:
            category = plan.make_task(f"第{i // 10 + 1}方面重点任务")
            plan.insert_subtree(plan.ROOT_ID, len(plan.root.children), category)
        units = "、".join(UNITS[(3 * i + k) % 40] for k in range(3))
        leaf = plan.make_task(f"第{i + 1}项具体要求：做好政策解读和回应关切工作。",
                              {"units": units, "deadline": DUE_EARLY if i % 2 == 0 else DUE_LATE})
        assert category is not None
        plan.insert_subtree(category.id, len(category.children), leaf)
    plan.take_journal()
    return plan


def meant(unit: int, k: int) -> tuple[str, date | None]:
    """What unit ``unit`` means for its k-th row: (status key, completion date)."""
    if unit == SILENT:
        return "not_started", None
    pick = (unit + k) % 4
    if pick == 0:
        return "done", date(2026, 11, 20 + k % 8)
    if pick == 1:
        return "in_progress", None
    if pick == 2:
        return "ongoing", None
    return "not_started", None


LABELS = {"done": "已完成", "in_progress": "推进中", "ongoing": "持续推进", "not_started": "未开始"}


@pytest.mark.libreoffice
def test_forty_units_report_what_they_meant(tmp_path: Path) -> None:
    plan = scenario_plan()
    ws = Workspace.open(tmp_path / "ws.sqlite3", seed_sample=False, seed_units=False)
    ws.add_plan(plan)
    sheets = {sheet.unit: sheet for sheet in feedback_sheets(ws.db, plan)}
    assert len(sheets) == 40
    sent = tmp_path / "sent"
    sent.mkdir()
    back = tmp_path / "back"
    back.mkdir()
    truth: dict[tuple[str, int], tuple[str, date | None]] = {}
    unreadable: dict[tuple[str, int], str] = {}  # (unit, task) → the field that cannot be read
    files: list[Path] = []
    for n, unit in enumerate(UNITS):
        path = sent / f"{unit}-反馈表.xlsx"
        write_feedback_workbook(sheets[unit], path)
        tasks = [row.task_id for row in sheets[unit].rows]
        reports = {}
        for k, task in enumerate(tasks):
            status, day = meant(n, k)
            truth[(unit, task)] = (status, day)
            reports[task] = (f"{unit}第{k}项进展。" if status != "not_started" else "", LABELS[status], day)
        if n == SILENT:
            continue
        target = back / path.name
        shutil.copy(path, target)
        if n in CLEAN:
            fill(target, reports)
        else:
            _messy(n, target, tasks, reports, truth, unreadable, sent)
        files.append(target)
    # the same unit twice: an older return (推进中 everywhere) given after the newer one
    twice = UNITS[33]
    older = back / "旧版-反馈表.xlsx"
    shutil.copy(sent / f"{twice}-反馈表.xlsx", older)
    fill(older, {task: ("早先的进展。", "推进中", None) for task in (r.task_id for r in sheets[twice].rows)
                 if truth[(twice, task)][0] != "not_started"})
    set_saved_time(older, datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    set_saved_time(back / f"{twice}-反馈表.xlsx", datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    files.append(older)
    # a renamed file, an .xls and an .ods saved by LibreOffice
    renamed = back / "扫描件最终版(2).xlsx"
    (back / f"{UNITS[34]}-反馈表.xlsx").rename(renamed)
    files[files.index(back / f"{UNITS[34]}-反馈表.xlsx")] = renamed
    for n, kind in ((35, "xls"), (36, "ods")):
        original = back / f"{UNITS[n]}-反馈表.xlsx"
        converted = soffice_convert(original, back / kind, kind)
        files[files.index(original)] = converted
        original.unlink()
    random.Random(13).shuffle(files)

    workbooks, failed = [], []
    for path in files:
        try:
            workbooks.append(read_feedback_workbook(path))
        except Exception as error:
            failed.append((path.name, str(error)))
    assert failed == []
    result = import_feedback(ws.db, workbooks, TODAY)
    assert not result.failed

    # every truly unreadable field is listed with its unit, field and reason
    issues = {(item.unit, row.task_id): issue for item in result.files for row, issue in item.issues}
    assert {key: issue.field for key, issue in issues.items()} == unreadable
    assert all(issue.reason for issue in issues.values())
    # the row copied in from another unit is rejected with its reason
    copied = [row for item in result.files if item.unit == UNITS[32] for row in item.rows
              if row.outcome == "rejected"]
    assert len(copied) == 1 and "不是本单位" in copied[0].reason
    # the older duplicate was superseded and said so
    notes = [note for item in result.files for note in item.notes]
    assert any(f"较新的“{twice}-反馈表.xlsx”为准" in note for note in notes)

    # the independent tally of what the units meant
    items = load_assignments(ws.db, plan.id, include_inactive=False)
    due = {a.task_id: a.due for a in items}
    expected: dict[str, Counter[str]] = {unit: Counter() for unit in UNITS}
    for (unit, task), (status, _) in truth.items():
        if unreadable.get((unit, task)) == "完成状态":
            status = "not_started"  # the unreadable status was not taken
        overdue = status != "done" and due[task] is not None and due[task] < TODAY
        if overdue:
            expected[unit]["overdue"] += 1
        elif unit == UNITS[SILENT] and status == "not_started":
            expected[unit]["not_reported"] += 1
        else:
            expected[unit][status] += 1
    facts = round_facts(ws, plan.id, items, TODAY)
    figures = report_figures(plan, items, TODAY, facts)
    keys = ("done", "ongoing", "in_progress", "not_started", "overdue", "not_reported")
    shown = {u["unit"]: Counter({k: u[k] for k in keys if u[k]}) for u in figures["units"]}
    assert shown == {unit: +counts for unit, counts in expected.items()}
    assert figures["units_not_reported"] == [UNITS[SILENT]] and figures["units"][0]["unit"] == UNITS[SILENT]
    done = sum(c["done"] for c in expected.values())
    total = sum(sum(c.values()) for c in expected.values())
    assert figures["total"]["done"] == done and figures["total"]["rate"] == round(100 * done / total, 1)
    dates = {(a.unit, a.task_id): a.completed_on for a in items if a.status == "done"}
    for key, (status, day) in truth.items():
        if status == "done" and key not in unreadable and day is not None:
            assert dates[key] == day, key

    # the reports: page 1 is the summary with the chart, in every format
    out = tmp_path / "reports"
    out.mkdir()
    for suffix in (".pdf", ".docx", ".xlsx"):
        target = out / f"report{suffix}"
        write_progress_report(plan, items, target, TODAY, facts=facts)
        pdf = target if suffix == ".pdf" else soffice_to_pdf(target, out / suffix.strip("."))
        first = pdf_text(pdf).split("\f")[0].replace(" ", "")
        assert "总体情况" in first and "未报送" in first and "逾期" in first, suffix
        # page 1: the summary and the chart of all 40 units; page 2 starts with the ranking
        check_first_page(pdf, units=40, all_units_charted=None if suffix == ".docx" else True)
        assert UNITS[SILENT] in first, suffix  # the unit that sent nothing is named on page 1
        png = pdf_to_pngs(pdf, out / f"page{suffix}", first=1, last=1)[0]
        assert _has_chart_colours(png), suffix  # the chart's 已完成 and 推进中 bars, as printed
    ws.close()


def _has_chart_colours(png: Path) -> bool:
    from PIL import Image

    image = Image.open(png).convert("RGB")
    colours = {colour for _count, colour in image.getcolors(maxcolors=1 << 24) or ()}
    return all(any(sum(abs(a - b) for a, b in zip(c, wanted, strict=True)) < 30 for c in colours)
               for wanted in ((0x2E, 0x7D, 0x32), (0xF9, 0xA8, 0x25)))  # 已完成 and 推进中 bars


def _messy(n: int, target: Path, tasks: list[int], reports: dict, truth: dict, unreadable: dict,
           sent: Path) -> None:
    """Fill the way unit ``n`` does (see the module doc)."""
    unit = UNITS[n]
    first = tasks[0]
    if n == 26:  # dates typed 2026.11.30; one row left blank
        reports = {t: (p, s, f"{d.year}.{d.month}.{d.day}" if d else None)
                   for t, (p, s, d) in reports.items()}
        status, _ = truth[(unit, tasks[-1])]
        if status == "not_started":
            reports.pop(tasks[-1])
    elif n == 27:  # 11月底 with the plan's year
        reports = {t: (p, s, "11月底" if d else None) for t, (p, s, d) in reports.items()}
        for t, (status, _) in list(truth.items()):
            if t[0] == unit and status == "done":
                truth[t] = (status, date(2026, 11, 30))
    elif n == 28:  # 完成 instead of 已完成, 进行中 instead of 推进中
        synonyms = {"已完成": "完成", "推进中": "进行中"}
        reports = {t: (p, synonyms.get(s, s), d) for t, (p, s, d) in reports.items()}
    elif n == 29:  # percentages
        percents = {"已完成": "100%", "推进中": "80%"}
        reports = {t: (p, percents.get(s, s), d) for t, (p, s, d) in reports.items()}
    elif n == 30:  # 已完成 without a date: the workbook's saved date is used
        reports = {t: (p, s, None) for t, (p, s, d) in reports.items()}
        for t, (status, _) in list(truth.items()):
            if t[0] == unit and status == "done":
                truth[t] = (status, None)
    elif n == 31:  # progress typed in the status column on a 未开始 row
        for t in tasks:
            if truth[(unit, t)][0] == "not_started":
                reports[t] = ("", "已召开专题会议研究部署相关工作", None)
    elif n == 37:  # a formula without a cached value in 完成状态: truly unreadable
        fill(target, reports)
        workbook = openpyxl.load_workbook(target)
        sheet = workbook[SHEET_TITLE]
        sheet.cell(row=rows_by_task(sheet)[first], column=COLUMN_INDEX["status"]).value = '=IF(1,"已完成","")'
        workbook.save(target)
        unreadable[(unit, first)] = "完成状态"
        return
    elif n == 38:  # an unreadable date with 已完成: the status is kept, the date falls back
        for t in tasks:
            p, s, d = reports[t]
            if d is not None:
                reports[t] = (p, s, "某日")
                truth[(unit, t)] = ("done", None)
                unreadable[(unit, t)] = "完成时间"
    fill(target, reports)
    if n == 32:  # another unit's row copied in below its own
        other = UNITS[0]
        values = row_values(sent / f"{other}-反馈表.xlsx", sheets_first_task(sent / f"{other}-反馈表.xlsx"))
        workbook = openpyxl.load_workbook(target)
        sheet = workbook[SHEET_TITLE]
        sheet.protection.sheet = False
        row = sheet.max_row + 1
        for col, value in enumerate(values, start=1):
            sheet.cell(row=row, column=col).value = value
        workbook.save(target)


def sheets_first_task(path: Path) -> int:
    return next(iter(rows_by_task(openpyxl.load_workbook(path)[SHEET_TITLE])))
