"""Feedback in a real workspace file: plan identity, the signing secret, file-level refusals, undo/redo."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop.core.operations import SetAttr, SetText
from desktop.core.tracking import DONE, IN_PROGRESS
from desktop.formats.feedback.reader import read_feedback_workbook
from desktop.formats.feedback.workbook import write_feedback_workbook
from desktop.store.changes import DropEntries, DropReturns, PutAssignmentStates
from desktop.store.errors import StoreError
from desktop.store.feedback_store import (
    apply_updates,
    feedback_secret,
    feedback_sheets,
    import_feedback,
    plan_key,
)
from desktop.store.tracking_store import load_assignments
from tests.support.feedback_fill import fill, set_saved_time
from tests.support.workspaces import Workspace

TODAY = date(2024, 7, 1)
DATA = "区大数据服务中心"


def _tables(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    return (conn.execute("SELECT * FROM assignments ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM progress_entries ORDER BY id").fetchall())


def _returned(workspace, plan, tmp_path: Path, reports: dict, unit: str = DATA, name: str = "back.xlsx"):
    sheet = feedback_sheets(workspace.db, plan, [unit])[0]
    path = tmp_path / name
    write_feedback_workbook(sheet, path)
    fill(path, reports)
    return read_feedback_workbook(path)


def test_plan_key_is_stable_and_differs_for_a_copy(workspace, laiwu, tmp_path: Path) -> None:
    key = plan_key(workspace.db, laiwu.id)
    assert key == plan_key(workspace.db, laiwu.id)
    copy_id = workspace.duplicate_plan(laiwu.id).plan_id
    assert plan_key(workspace.db, copy_id) not in (None, key)
    assert plan_key(workspace.db, 999) is None
    workspace.close()
    with Workspace.open(workspace.path) as again:
        assert plan_key(again.db, laiwu.id) == key


def test_the_secret_is_made_once_and_kept(workspace) -> None:
    assert feedback_secret(workspace.db) is None
    made = feedback_secret(workspace.db, create=True)
    assert made is not None and len(made) == 32
    assert feedback_secret(workspace.db, create=True) == made == feedback_secret(workspace.db)


def test_sheets_for_every_unit_or_the_ones_named(workspace, laiwu) -> None:
    every = feedback_sheets(workspace.db, laiwu)
    assert len(every) == 19 and every[0].unit == "各街道（镇）" and len(every[0].rows) == 50
    assert sum(len(sheet.rows) for sheet in every) == 123
    assert [s.unit for s in feedback_sheets(workspace.db, laiwu, ["区财政局", " 区财政局"])] == ["区财政局"]
    with pytest.raises(StoreError, match="计划中没有单位“区外事办”的任务"):
        feedback_sheets(workspace.db, laiwu, ["区外事办"])


def test_undo_and_redo_are_exact(workspace, laiwu, tmp_path: Path) -> None:
    returned = _returned(workspace, laiwu, tmp_path, {36: ("上线。", "推进中", None),
                                                      59: ("完成。", "已完成", date(2024, 6, 3))})
    before = _tables(workspace.db.conn)
    result = import_feedback(workspace.db, [returned], TODAY)
    after = _tables(workspace.db.conn)
    entries, states, returns = result.changes.undo  # the unit's return in the round goes too
    assert isinstance(entries, DropEntries) and isinstance(states, PutAssignmentStates)
    assert isinstance(returns, DropReturns) and [r.unit for r in returns.records] == [DATA]
    assert after != before and len(entries.entries) == 2 and len(states.states) == 2
    assert result.changes.tracking and result.changes.plan_id == laiwu.id
    undone = workspace.revert(result.changes)
    assert _tables(workspace.db.conn) == before
    again = workspace.revert(undone)  # the record of an undo redoes it
    statuses = {a.task_id: a.status for a in load_assignments(workspace.db, laiwu.id) if a.unit == DATA}
    assert statuses[36] == IN_PROGRESS and statuses[59] == DONE
    workspace.revert(again)
    assert _tables(workspace.db.conn) == before


def test_undo_refuses_when_an_imported_entry_is_gone(workspace, laiwu, tmp_path: Path) -> None:
    returned = _returned(workspace, laiwu, tmp_path, {36: ("上线。", "推进中", None)})
    result = import_feedback(workspace.db, [returned], TODAY)
    workspace.db.conn.execute("DELETE FROM progress_entries")
    state = _tables(workspace.db.conn)
    with pytest.raises(StoreError, match="无法撤销"):
        workspace.revert(result.changes)
    assert _tables(workspace.db.conn) == state


def test_accepting_conflicts_is_its_own_undoable_step(workspace, laiwu, tmp_path: Path) -> None:
    returned = _returned(workspace, laiwu, tmp_path, {36: ("上线。", "推进中", None)})
    plan = workspace.load_plan(laiwu.id)
    workspace.apply(plan, SetAttr(36, "deadline", "2024年9月底前"))  # not part of the fingerprint
    workspace.apply(plan, SetAttr(36, "units", "区大数据服务中心、区政府办公室"))
    workspace.apply(plan, SetText(36, plan[36].text + "（调整）"))
    result = import_feedback(workspace.db, [returned], TODAY)
    conflict = next(row for row in result.rows if row.task_id == 36)
    assert conflict.outcome == "conflict" and conflict.update is not None
    before = _tables(workspace.db.conn)
    undo = apply_updates(workspace.db, [conflict.update], "采用冲突", laiwu.id)
    mine = {a.task_id: a for a in load_assignments(workspace.db, laiwu.id) if a.unit == DATA}
    assert mine[36].status == IN_PROGRESS
    workspace.revert(undo)
    assert _tables(workspace.db.conn) == before


def test_a_failed_write_leaves_nothing_behind(workspace, laiwu, tmp_path: Path) -> None:
    returned = _returned(workspace, laiwu, tmp_path, {36: ("上线。", "推进中", None)})
    result = import_feedback(workspace.db, [returned], TODAY)
    workspace.revert(result.changes)
    state = _tables(workspace.db.conn)
    good = next(row.update for row in result.rows if row.update is not None)
    with pytest.raises(StoreError):
        apply_updates(workspace.db, [good, replace(good, assignment_id=987654)])
    assert _tables(workspace.db.conn) == state


def test_file_level_refusals_change_nothing(workspace, laiwu, tmp_path: Path) -> None:
    returned = _returned(workspace, laiwu, tmp_path, {36: ("上线。", "推进中", None)})
    # from another workspace: its secret differs
    other_path = tmp_path / "other.sqlite3"
    with Workspace.open(other_path, seed_sample=False) as other:
        other.add_plan(workspace.load_plan(laiwu.id))
        foreign = _returned(other, other.load_plan(1), tmp_path, {36: ("上线。", "推进中", None)},
                            name="foreign.xlsx")
    state = _tables(workspace.db.conn)
    result = import_feedback(workspace.db, [foreign], TODAY, unreadable=[("bad.xlsx", "文件已损坏。")])
    assert [(f.source, f.error) for f in result.files] == [
        ("bad.xlsx", "文件已损坏。"),
        ("foreign.xlsx", "这份反馈表不是从本工作区导出的，或其中的标识信息被改动，未导入。")]
    assert result.rows == [] and result.changes.empty
    # for a unit that no longer has any task in the plan
    plan = workspace.load_plan(laiwu.id)
    for task_id in (36, 39, 42, 43, 59, 63):
        workspace.apply(plan, SetAttr(task_id, "units", "区政府办公室"))
    result = import_feedback(workspace.db, [returned], TODAY)
    assert "计划中没有单位“区大数据服务中心”的任务" in result.files[0].error
    # of a plan that was deleted
    workspace.delete_plan(laiwu.id)
    result = import_feedback(workspace.db, [returned], TODAY)
    assert "工作区中已没有这个计划" in result.files[0].error
    assert _tables(workspace.db.conn)[1] == state[1] == []


def test_a_unit_merged_into_another_since_the_export_is_still_found(workspace, laiwu, tmp_path: Path) -> None:
    returned = _returned(workspace, laiwu, tmp_path, {42: ("接口已联通。", "推进中", None)})
    names = {unit.name for unit in workspace.units()}
    for name in (DATA, "区政府办公室"):
        if name not in names:
            workspace.add_unit(name)
    workspace.merge_units("区政府办公室", DATA)
    result = import_feedback(workspace.db, [returned], TODAY)
    assert result.files[0].error == ""
    applied = [row.task_id for row in result.rows if row.outcome == "applied"]
    assert applied == [42]
    office = {a.task_id: a for a in load_assignments(workspace.db, laiwu.id) if a.unit == "区政府办公室"}
    assert office[42].status == IN_PROGRESS and office[42].progress[0].reported_by == DATA


# ----- issue 11 defect 2, issue 13: order, duplicates, undo that keeps later imports -------------
def _written(workspace, plan, tmp_path: Path, name: str, unit: str = DATA) -> Path:
    sheet = feedback_sheets(workspace.db, plan, [unit])[0]
    path = tmp_path / name
    write_feedback_workbook(sheet, path)
    return path


def _state(workspace, plan, task_id: int, unit: str = DATA) -> tuple[str, date | None]:
    found = {a.task_id: a for a in load_assignments(workspace.db, plan.id) if a.unit == unit}
    return found[task_id].status, found[task_id].completed_on


def test_two_returns_of_one_unit_in_one_import_newer_wins_whatever_the_order(workspace, laiwu,
                                                                             tmp_path: Path) -> None:
    old = _written(workspace, laiwu, tmp_path, "a-newest-name.xlsx")
    fill(old, {36: ("开始建设。", "推进中", None), 39: ("方案已印发。", "推进中", None)})
    set_saved_time(old, datetime(2024, 6, 10, 9, 0, tzinfo=UTC))
    new = _written(workspace, laiwu, tmp_path, "b.xlsx")
    fill(new, {36: ("平台已上线。", "已完成", date(2024, 6, 20))})
    set_saved_time(new, datetime(2024, 6, 25, 9, 0, tzinfo=UTC))
    # the older file is given last and sorts last by name: still the newer one wins
    result = import_feedback(workspace.db, [read_feedback_workbook(new), read_feedback_workbook(old)], TODAY)
    assert _state(workspace, laiwu, 36) == (DONE, date(2024, 6, 20))
    assert _state(workspace, laiwu, 39) == (IN_PROGRESS, None)  # only the older file reported it
    older = next(item for item in result.files if item.source == old.name)
    assert len(older.notes) == 1 and "较新的“b.xlsx”为准" in older.notes[0] and "2024-06-10" in older.notes[0]
    row36 = next(row for row in older.rows if row.task_id == 36)
    assert row36.outcome == "unchanged" and "以较新的为准" in row36.reason


def test_an_older_workbook_imported_later_is_a_conflict_not_a_rollback(workspace, laiwu,
                                                                       tmp_path: Path) -> None:
    old = _written(workspace, laiwu, tmp_path, "old.xlsx")  # exported while 未开始
    fill(old, {36: ("开始建设。", "推进中", None)})
    import_feedback(workspace.db, [_returned(workspace, laiwu, tmp_path,
                                             {36: ("上线。", "已完成", date(2024, 6, 20))}, name="new.xlsx")],
                    TODAY)
    assert _state(workspace, laiwu, 36) == (DONE, date(2024, 6, 20))
    result = import_feedback(workspace.db, [read_feedback_workbook(old)], TODAY)
    row = next(row for row in result.rows if row.task_id == 36)
    assert row.outcome == "conflict" and "现在已是“已完成（2024-06-20）”" in row.reason
    assert _state(workspace, laiwu, 36) == (DONE, date(2024, 6, 20))


def test_undoing_an_import_keeps_what_a_later_import_wrote(workspace, laiwu, tmp_path: Path) -> None:
    first = import_feedback(workspace.db, [_returned(workspace, laiwu, tmp_path,
                                                     {36: ("开始。", "推进中", None)}, name="1.xlsx")], TODAY)
    second = import_feedback(workspace.db, [_returned(workspace, laiwu, tmp_path,
                                                      {36: ("完成。", "已完成", date(2024, 6, 28))},
                                                      name="2.xlsx")], TODAY)
    assert not second.failed and _state(workspace, laiwu, 36) == (DONE, date(2024, 6, 28))
    redo = workspace.revert(first.changes)
    assert redo.tracking_parts()[0] == ()  # no state was put back: the later 已完成 stays
    assert _state(workspace, laiwu, 36) == (DONE, date(2024, 6, 28))
    texts = [e.text for a in load_assignments(workspace.db, laiwu.id) if a.unit == DATA and a.task_id == 36
             for e in a.progress]
    assert texts == ["完成。"]
