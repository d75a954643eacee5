"""Reporting rounds in a real workspace: two rounds, 本期/上期, a row's history, unit states, refusals."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.core.tracking import DONE, IN_PROGRESS, NOT_STARTED
from desktop.core.tracking_rounds import NOT_SENT, PARTLY, SENT
from desktop.formats.feedback.reader import read_feedback_workbook
from desktop.formats.feedback.workbook import write_feedback_workbook
from desktop.store.errors import StoreError
from desktop.store.feedback_store import feedback_sheets, import_feedback
from desktop.store.rounds import (
    current_round,
    open_round,
    period_change,
    plan_rounds,
    reporting_state,
    row_history,
)
from desktop.store.tracking_store import load_assignments
from tests.support.feedback_fill import fill
from tests.support.workspaces import Workspace

DATA, OFFICE = "区大数据服务中心", "区政府办公室"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"



def _return(ws, plan, tmp_path: Path, unit: str, reports: dict, name: str):
    sheet = feedback_sheets(ws.db, plan, [unit])[0]
    path = tmp_path / name
    write_feedback_workbook(sheet, path)
    fill(path, reports)
    return path


def test_two_rounds_this_period_and_last_and_a_rows_history(laiwu_2024, tmp_path: Path) -> None:
    ws, plan = laiwu_2024
    first = open_round(ws.db, plan.id, "2024年6月")
    one = _return(ws, plan, tmp_path, DATA, {36: ("开始建设。", "推进中", None)}, "june.xlsx")
    assert read_feedback_workbook(one).meta["round_name"] == "2024年6月"
    import_feedback(ws.db, [read_feedback_workbook(one)], date(2024, 6, 30))
    found, states = reporting_state(ws.db, plan.id)
    assert found == first
    by_unit = {s.unit: s for s in states}
    assert by_unit[DATA].state == SENT and by_unit[OFFICE].state == NOT_SENT
    assert states[0].state == NOT_SENT  # 未报送 first

    second = open_round(ws.db, plan.id, "2024年7月")
    assert [r.name for r in plan_rounds(ws.db, plan.id)] == ["2024年6月", "2024年7月"]
    assert current_round(ws.db, plan.id) == second and not plan_rounds(ws.db, plan.id)[0].open
    # a workbook of the closed round is refused with the reason
    stale = import_feedback(ws.db, [read_feedback_workbook(one)], date(2024, 7, 30))
    error = stale.files[0].error
    assert "已结束的报送轮次“2024年6月”" in error and "当前轮次为“2024年7月”" in error
    two = _return(ws, plan, tmp_path, DATA, {36: ("平台已上线。", "已完成", date(2024, 7, 20))}, "july.xlsx")
    import_feedback(ws.db, [read_feedback_workbook(two)], date(2024, 7, 30))
    items = load_assignments(ws.db, plan.id, include_inactive=False)
    change = period_change(ws.db, plan.id, items, date(2024, 7, 30))
    assert change is not None and change.previous == "2024年6月"
    assert [(a.task_id, a.unit) for a in change.newly_done] == [(36, DATA)]
    history = [(name, status) for name, unit, status, _ in row_history(ws.db, plan.id, 36) if unit == DATA]
    assert history == [("2024年6月", IN_PROGRESS), ("2024年7月", DONE)]
    office = [(name, status) for name, unit, status, _ in row_history(ws.db, plan.id, 36) if unit == OFFICE]
    assert office == [("2024年6月", NOT_STARTED), ("2024年7月", NOT_STARTED)]


def test_partly_returned_units_say_which_rows_and_why(laiwu_2024, tmp_path: Path) -> None:
    ws, plan = laiwu_2024
    path = _return(ws, plan, tmp_path, DATA, {36: ("在建。", "推进中", "某日"), 39: ("", "差不多", None)},
                   "back.xlsx")
    import_feedback(ws.db, [read_feedback_workbook(path)], date(2024, 7, 1))
    _, states = reporting_state(ws.db, plan.id)
    data = next(s for s in states if s.unit == DATA)
    assert data.state == PARTLY
    text = data.describe()
    assert "完成时间" in text and "差不多" in text and "序号" in text


def test_round_names_are_unique_per_plan(laiwu_2024) -> None:
    ws, plan = laiwu_2024
    open_round(ws.db, plan.id, "2024年6月")
    with pytest.raises(StoreError, match="已经有名为“2024年6月”的报送轮次"):
        open_round(ws.db, plan.id, "2024年6月")
    auto = open_round(ws.db, plan.id, today=date(2024, 6, 3))
    assert auto.name == "2024年6月（第2轮）"


def test_a_v4_workspace_gains_the_round_tables(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "workspace-v1.sqlite3", copy)
    with Workspace.open(copy) as ws:
        tables = {row[0] for row in ws.db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"report_rounds", "round_returns", "round_states"} <= tables
        assert reporting_state(ws.db, 1) == (None, [])
        made = open_round(ws.db, 1, "2024年6月")
        assert current_round(ws.db, 1) == made
