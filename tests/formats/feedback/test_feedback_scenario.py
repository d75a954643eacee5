"""Acceptance scenario (issue 6): three units of the Laiwu sample return their feedback workbooks.

Real files throughout: the workbooks are exported by Fenjie, filled with openpyxl as a unit would
(one complete, one partial, one tampered: changed task text, a row of another unit, a forged id,
a locked column edited), read back and imported in one step into a real workspace file; then the
import is undone.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.core.tracking import DONE, IN_PROGRESS, NOT_STARTED, ONGOING
from desktop.formats.feedback.reader import read_feedback_workbook
from desktop.formats.feedback.unit_share import export_unit_files
from desktop.formats.feedback.workbook import COLUMN_INDEX, SHEET_TITLE
from desktop.store.feedback_store import feedback_sheets, import_feedback
from desktop.store.tracking_store import load_assignments
from desktop.store.workspace import Workspace
from tests.support.feedback_fill import fill, row_values, rows_by_task, set_report

TODAY = date(2024, 7, 1)
OFFICE, DATA, REFORM = "区政府办公室", "区大数据服务中心", "区发展改革局"


def _db_rows(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    """Every stored column of both tracking tables, updated_at and recorded_at included."""
    return (conn.execute("SELECT * FROM assignments ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM progress_entries ORDER BY id").fetchall())


@pytest.fixture
def workspace(tmp_path: Path):
    ws = Workspace.open(tmp_path / "workspace.sqlite3", seed_sample=False)
    yield ws
    ws.close()


def test_three_units_return_their_workbooks(workspace, laiwu_plan, tmp_path: Path) -> None:
    workspace.add_plan(laiwu_plan)
    sheets = feedback_sheets(workspace.db, laiwu_plan, [OFFICE, DATA, REFORM])
    assert [s.unit for s in sheets] == [OFFICE, DATA, REFORM]
    out = tmp_path / "sent"
    out.mkdir()
    written, _ = export_unit_files(laiwu_plan, sheets, out, ("xlsx",))
    office, data, reform = written
    assert office.name == "区政府办公室-反馈表.xlsx"

    # The office completes every row.
    office_tasks = [row.task_id for row in sheets[0].rows]
    assert office_tasks == [31, 36, 39, 43, 51, 73, 79]
    fill(office, {task_id: (f"已完成第{n}项工作，相关信息已公开。", "已完成", date(2024, 6, 20 + n % 5))
                  for n, task_id in enumerate(office_tasks)})
    # The big-data centre reports on half of its rows (36, 39, 43 are shared with the office).
    fill(data, {36: ("平台已上线试运行。", "推进中", None), 42: ("", "持续推进", None),
                59: ("已完成数据归集。", "已完成", date(2024, 6, 28))})
    # The reform bureau tampers.
    workbook = openpyxl.load_workbook(reform)
    ws = workbook[SHEET_TITLE]
    rows = rows_by_task(ws)
    ws.cell(row=rows[4], column=COLUMN_INDEX["text"]).value = "改写后的任务内容"  # changed task text
    set_report(ws, rows[4], ("已经完成。", "已完成", date(2024, 6, 1)))
    ws.cell(row=rows[5], column=COLUMN_INDEX["deadline"]).value = "2025年底前"  # a locked column edited
    set_report(ws, rows[5], ("正在推进。", "推进中", None))
    ws.cell(row=rows[6], column=COLUMN_INDEX["task_id"]).value = "99999"  # a forged id
    set_report(ws, rows[6], ("伪造的进展。", "已完成", date(2024, 6, 2)))
    set_report(ws, rows[15], ("按计划推进。", "推进中", None))  # one honest row
    foreign = row_values(office, 31)  # a row of another unit, copied over
    foreign[COLUMN_INDEX["progress"] - 1] = "冒名填写。"
    ws.append(foreign)
    workbook.save(reform)

    before_assignments = load_assignments(workspace.db, laiwu_plan.id)
    before_rows = _db_rows(workspace.db.conn)
    returned = [read_feedback_workbook(path) for path in (office, data, reform)]
    result = import_feedback(workspace.db, returned, TODAY)

    assert [f.error for f in result.files] == ["", "", ""]
    assert [f.unit for f in result.files] == [OFFICE, DATA, REFORM]
    outcomes = {(row.source, row.task_id): row for row in result.rows}
    assert all(outcomes[(office.name, t)].outcome == "applied" for t in office_tasks)
    assert {t: outcomes[(data.name, t)].outcome for t in (36, 39, 42, 43, 59, 63)} == {
        36: "applied", 39: "unchanged", 42: "applied", 43: "unchanged", 59: "applied", 63: "unchanged"}
    bad = {row.task_id: row for row in result.files[2].rows}
    assert bad[4].outcome == "conflict" and "“具体要求”列被改动" in bad[4].reason
    assert bad[5].outcome == "conflict" and "“完成时限”列被改动" in bad[5].reason
    assert bad[99999].outcome == "rejected" and "计划中没有这项任务" in bad[99999].reason
    assert bad[31].outcome == "rejected" and "不是本单位（区发展改革局）的任务" in bad[31].reason
    assert bad[15].outcome == "applied"
    assert bad[24].outcome == "unchanged"
    assert result.counts() == {"applied": 11, "unchanged": 4, "conflict": 2, "rejected": 2}

    # Exactly the expected assignments changed, and only in the expected way.
    after = {(a.task_id, a.unit): a for a in load_assignments(workspace.db, laiwu_plan.id)}
    before = {(a.task_id, a.unit): a for a in before_assignments}
    changed = {key for key in after if after[key] != before[key]}
    expected = {(t, OFFICE) for t in office_tasks} | {(36, DATA), (42, DATA), (59, DATA), (15, REFORM)}
    assert changed == expected
    assert after[(31, OFFICE)].status == DONE and after[(31, OFFICE)].completed_on == date(2024, 6, 20)
    assert [e.text for e in after[(31, OFFICE)].progress] == ["已完成第0项工作，相关信息已公开。"]
    assert after[(31, OFFICE)].progress[0].source == "imported"
    assert after[(31, OFFICE)].progress[0].source_file == office.name
    assert after[(36, DATA)].status == IN_PROGRESS and after[(36, OFFICE)].status == DONE
    assert after[(42, DATA)].status == ONGOING and after[(42, DATA)].progress == ()
    assert after[(59, DATA)].completed_on == date(2024, 6, 28)
    assert after[(4, REFORM)] == before[(4, REFORM)] and after[(4, REFORM)].status == NOT_STARTED
    assert (31, REFORM) not in after  # the bureau has no such row: nothing was made for it

    # Undo restores everything, to the last stored column.
    workspace.revert(result.changes)
    assert load_assignments(workspace.db, laiwu_plan.id) == before_assignments
    assert _db_rows(workspace.db.conn) == before_rows


def test_importing_the_same_workbooks_again_changes_nothing(workspace, laiwu_plan, tmp_path: Path) -> None:
    workspace.add_plan(laiwu_plan)
    sheets = feedback_sheets(workspace.db, laiwu_plan, [DATA])
    written, _ = export_unit_files(laiwu_plan, sheets, tmp_path, ("xlsx",))
    fill(written[0], {36: ("平台已上线试运行。", "推进中", None)})
    first = import_feedback(workspace.db, [read_feedback_workbook(written[0])], TODAY)
    assert first.counts()["applied"] == 1
    stored = _db_rows(workspace.db.conn)
    twice = [read_feedback_workbook(written[0]), read_feedback_workbook(written[0])]
    again = import_feedback(workspace.db, twice, TODAY)
    assert again.counts() == {"applied": 0, "unchanged": 12, "conflict": 0, "rejected": 0}
    assert again.changes.empty
    assert _db_rows(workspace.db.conn) == stored
