"""Undoing a feedback import also undoes the units' returns it recorded in the reporting round.

Real workspace files, real returned workbooks (written by the exporter, filled with openpyxl): after
an import a unit is 已报送 (or 部分退回); ``Workspace.revert`` of the import's record must put the
round back exactly as it was — the unit 未报送 again, or its earlier return with its time, file and
rejected rows — and the revert of that (the redo) must bring the return back. ``feedback undo``
(the command line's remembered record) goes the same way. A return whose workbook names no round
opens one; undoing the import takes that round away again.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.core.feedback import build_sheet
from desktop.core.tracking_rounds import NOT_SENT, PARTLY, SENT
from desktop.formats.feedback.reader import read_feedback_workbook
from desktop.formats.feedback.workbook import write_feedback_workbook
from desktop.store.feedback_last import LAST_KEY, undo_last
from desktop.store.feedback_store import feedback_secret, feedback_sheets, import_feedback, plan_key
from desktop.store.rounds import current_round, open_round, reporting_state, round_returns
from desktop.store.tracking_store import sync_plan
from tests.support.feedback_fill import fill

DATA, OFFICE = "区大数据服务中心", "区政府办公室"
TASK = 36  # a row of 区大数据服务中心 in the Laiwu sample



def _return(ws, plan, tmp_path: Path, reports: dict, name: str) -> Path:
    sheet = feedback_sheets(ws.db, plan, [DATA])[0]
    path = tmp_path / name
    write_feedback_workbook(sheet, path)
    fill(path, reports)
    return path


def _state(ws, plan_id: int, unit: str = DATA) -> tuple:
    _, states = reporting_state(ws.db, plan_id)
    found = next(item for item in states if item.unit == unit)
    return found.state, found.time, found.source, found.rejected


def _tables(ws) -> tuple[list[tuple], list[tuple], list[tuple]]:
    conn = ws.db.conn
    return (conn.execute("SELECT id, status, completed_on, updated_at FROM assignments "
                         "ORDER BY id").fetchall(),
            conn.execute("SELECT assignment_id, entry_date, text FROM progress_entries "
                         "ORDER BY id").fetchall(),
            conn.execute("SELECT round_id, unit, source, saved_at, imported_at, rows, rejected "
                         "FROM round_returns ORDER BY id").fetchall())


def test_undo_takes_the_return_back_and_redo_puts_it_again(laiwu_2024, tmp_path: Path) -> None:
    ws, plan = laiwu_2024
    round_ = open_round(ws.db, plan.id, "2024年6月")
    path = _return(ws, plan, tmp_path, {TASK: ("平台已上线。", "已完成", date(2024, 6, 20))}, "data.xlsx")
    before = _tables(ws)
    assert _state(ws, plan.id)[0] == NOT_SENT
    result = import_feedback(ws.db, [read_feedback_workbook(path)], date(2024, 6, 30))
    sent = _state(ws, plan.id)
    assert sent[0] == SENT and sent[2] == "data.xlsx"
    imported = _tables(ws)

    redo = ws.revert(result.changes)
    assert _state(ws, plan.id)[0] == NOT_SENT
    assert _tables(ws) == before
    assert round_returns(ws.db, round_.id) == []
    assert redo.tracking and not redo.empty

    ws.revert(redo)
    assert _state(ws, plan.id) == sent  # the same time and file: the return exactly as imported
    again = _tables(ws)
    assert again[0] == imported[0] and again[1] == imported[1] and again[2] == imported[2]


def test_undo_goes_back_to_the_earlier_partly_returned_state(laiwu_2024, tmp_path: Path) -> None:
    ws, plan = laiwu_2024
    open_round(ws.db, plan.id, "2024年6月")
    bad = _return(ws, plan, tmp_path, {TASK: ("开始建设。", "差不多", None)}, "first.xlsx")
    import_feedback(ws.db, [read_feedback_workbook(bad)], date(2024, 6, 28))
    partly = _state(ws, plan.id)
    assert partly[0] == PARTLY and partly[3] and "差不多" in partly[3][0].reason
    before = _tables(ws)

    good = _return(ws, plan, tmp_path, {TASK: ("平台已上线。", "已完成", date(2024, 6, 20))}, "second.xlsx")
    result = import_feedback(ws.db, [read_feedback_workbook(good)], date(2024, 6, 30))
    assert _state(ws, plan.id)[0] == SENT
    ws.revert(result.changes)
    assert _state(ws, plan.id) == partly  # 部分退回, with its time, file and the rejected field
    assert _tables(ws) == before


def test_a_return_that_changes_no_row_is_still_an_undoable_step(laiwu_2024, tmp_path: Path) -> None:
    """A unit that sends its workbook back unchanged has reported: 已报送, and undo makes it 未报送."""
    ws, plan = laiwu_2024
    open_round(ws.db, plan.id, "2024年6月")
    path = _return(ws, plan, tmp_path, {}, "blank.xlsx")
    result = import_feedback(ws.db, [read_feedback_workbook(path)], date(2024, 6, 30))
    assert result.counts()["applied"] == 0
    assert _state(ws, plan.id)[0] == SENT
    assert not result.changes.empty and result.changes.tracking
    redo = ws.revert(result.changes)
    assert _state(ws, plan.id)[0] == NOT_SENT
    ws.revert(redo)
    assert _state(ws, plan.id)[0] == SENT


def test_a_round_the_import_opened_goes_with_its_undo(laiwu_2024, tmp_path: Path) -> None:
    """A workbook from before rounds names none: the import opens one; undo removes it, redo restores it."""
    ws, plan = laiwu_2024
    items = [a for a in sync_plan(ws.db, plan, ws.units()).assignments if a.active and a.unit == DATA]
    secret = feedback_secret(ws.db, create=True)
    assert secret is not None
    sheet = build_sheet(plan, plan_key(ws.db, plan.id), secret, DATA, items, "2024-06-01T08:00:00+00:00")
    assert sheet.round_id is None  # as written before reporting rounds
    path = tmp_path / "old.xlsx"
    write_feedback_workbook(sheet, path)
    fill(path, {TASK: ("开始建设。", "推进中", None)})
    assert reporting_state(ws.db, plan.id) == (None, [])
    result = import_feedback(ws.db, [read_feedback_workbook(path)], date(2024, 6, 30))
    assert result.files[0].error == ""
    made = current_round(ws.db, plan.id)
    assert made is not None and _state(ws, plan.id)[0] == SENT
    redo = ws.revert(result.changes)
    assert reporting_state(ws.db, plan.id) == (None, [])  # no round, as before the import
    ws.revert(redo)
    assert current_round(ws.db, plan.id) == made and _state(ws, plan.id)[0] == SENT


def test_feedback_undo_of_the_remembered_import_takes_the_return_back(laiwu_2024, tmp_path: Path) -> None:
    ws, plan = laiwu_2024
    open_round(ws.db, plan.id, "2024年6月")
    path = _return(ws, plan, tmp_path, {TASK: ("平台已上线。", "已完成", date(2024, 6, 20))}, "data.xlsx")
    before = _tables(ws)
    import_feedback(ws.db, [read_feedback_workbook(path)], date(2024, 6, 30), remember_as="data.xlsx")
    kept = json.loads(ws.db.conn.execute("SELECT value FROM meta WHERE key = ?", (LAST_KEY,)).fetchone()[0])
    assert [item[1] for item in kept["returns"]] == [DATA]
    assert _state(ws, plan.id)[0] == SENT
    undone = undo_last(ws.db)
    assert undone.returns == (DATA,)
    assert _state(ws, plan.id)[0] == NOT_SENT
    assert _tables(ws) == before


def test_a_return_deleted_since_makes_undo_fail_with_a_sentence(laiwu_2024, tmp_path: Path) -> None:
    from desktop.core.model import PlanError

    ws, plan = laiwu_2024
    open_round(ws.db, plan.id, "2024年6月")
    path = _return(ws, plan, tmp_path, {}, "blank.xlsx")
    result = import_feedback(ws.db, [read_feedback_workbook(path)], date(2024, 6, 30))
    ws.db.conn.execute("DELETE FROM round_returns")
    ws.db.conn.commit()
    with pytest.raises(PlanError, match="报送记录已被删除"):
        ws.revert(result.changes)
