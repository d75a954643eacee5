"""Tracking tables in a real workspace file: sync, statuses, progress logs, dashboard counts."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.core.operations import SetAttr
from desktop.core.tracking import (
    DISPLAY_STATUSES,
    DONE,
    IN_PROGRESS,
    ONGOING,
    Assignment,
    TrackingError,
    progress_entry,
    set_status,
)
from desktop.store.errors import StoreError
from desktop.store.tracking_store import (
    OVERDUE_SQL,
    add_progress,
    delete_progress,
    load_assignments,
    rename_unit,
    save_assignment,
    save_assignments,
    status_counts,
    sync_plan,
)
from desktop.store.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path):
    ws = Workspace.open(tmp_path / "workspace.sqlite3", seed_sample=False)
    yield ws
    ws.close()


@pytest.fixture
def laiwu(workspace, laiwu_plan):
    workspace.add_plan(laiwu_plan)
    return laiwu_plan


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_new_workspace_has_the_tracking_tables(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "w.sqlite3", seed_sample=False)
    try:
        assert {"assignments", "progress_entries"} <= _tables(ws.db.conn)
        assert ws.db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        ws.close()


def test_sync_stores_one_row_per_leaf_and_unit(workspace, laiwu) -> None:
    result = sync_plan(workspace.db, laiwu)
    assert len(result.added) == 123 and all(item.id is not None for item in result.assignments)
    count = workspace.db.conn.execute("SELECT COUNT(*) FROM assignments WHERE plan_id = ?", (laiwu.id,))
    assert count.fetchone()[0] == 123
    again = sync_plan(workspace.db, laiwu)
    assert again.changed == [] and len(again.assignments) == 123
    loaded = load_assignments(workspace.db, laiwu.id)
    assert sorted(item.key for item in loaded) == sorted(item.key for item in result.assignments)
    dues = {item.due for item in loaded}
    assert dues == {date(2024, 12, 31), None}  # 2024年12月底前, 长期坚持 and the page-number cell


def test_status_and_progress_survive_reopening_and_a_unit_change(tmp_path: Path, laiwu_plan) -> None:
    path = tmp_path / "workspace.sqlite3"
    with Workspace.open(path, seed_sample=False) as ws:
        ws.add_plan(laiwu_plan)
        items = sync_plan(ws.db, laiwu_plan).assignments
        leaf = laiwu_plan.leaves()[0]
        mine = [item for item in items if item.task_id == leaf.id]
        assert [item.unit for item in mine] == ["各街道（镇）", "区政府各部门单位"]
        entry = progress_entry(date(2024, 7, 15), "已在门户网站开设专栏", "王五", "imported",
                               attachments=[str(tmp_path / "专栏截图.png")],
                               source_file=str(tmp_path / "汇总.xlsx"))
        saved = save_assignment(ws.db, laiwu_plan.id, set_status(mine[0], IN_PROGRESS))
        stored_entry = add_progress(ws.db, saved.id, entry)
        assert stored_entry.id is not None
        changed = ws.apply(laiwu_plan, SetAttr(leaf.id, "units", "区政府各部门单位"))
        sync_plan(ws.db, laiwu_plan)
    with Workspace.open(path, seed_sample=False) as ws:
        plan = ws.load_plan(laiwu_plan.id)
        by_unit = {item.unit: item for item in load_assignments(ws.db, plan.id) if item.task_id == leaf.id}
        gone = by_unit["各街道（镇）"]
        assert (gone.active, gone.status) == (False, IN_PROGRESS)
        assert gone.progress == (stored_entry,)
        assert load_assignments(ws.db, plan.id, include_inactive=False).count(gone) == 0
        ws.revert(changed, {plan.id: plan})
        result = sync_plan(ws.db, plan)
        assert [item.unit for item in result.reactivated] == ["各街道（镇）"]
        back = {item.unit: item for item in load_assignments(ws.db, plan.id) if item.task_id == leaf.id}
        assert back["各街道（镇）"].active and back["各街道（镇）"].progress[0].text == "已在门户网站开设专栏"
        assert back["各街道（镇）"].progress[0].attachments == (str(tmp_path / "专栏截图.png"),)


def test_dashboard_counts_match_a_direct_sql_count(workspace, laiwu) -> None:
    items = sync_plan(workspace.db, laiwu).assignments
    edits = []
    for index, item in enumerate(items):
        if index % 5 == 0:
            edits.append(set_status(item, DONE, date(2024, 11, 30)))
        elif index % 5 == 1:
            edits.append(set_status(item, IN_PROGRESS))
        elif index % 5 == 2:
            edits.append(set_status(item, ONGOING))
    save_assignments(workspace.db, laiwu.id, edits)
    today = date(2025, 1, 10)
    counts = status_counts(workspace.db, laiwu.id, today)
    direct = dict(workspace.db.conn.execute(
        f"SELECT {OVERDUE_SQL} AS shown, COUNT(*) FROM assignments WHERE plan_id = :plan AND active = 1 "
        "GROUP BY shown", {"plan": laiwu.id, "today": today.isoformat()}).fetchall())
    totals = {status: sum(unit[status] for unit in counts.values()) for status in DISPLAY_STATUSES}
    assert {k: v for k, v in totals.items() if v} == direct
    assert sum(totals.values()) == 123
    assert totals["overdue"] > 0 and totals["done"] == len([e for e in edits if e.status == DONE])
    street = counts["各街道（镇）"]
    assert set(street) == set(DISPLAY_STATUSES) and sum(street.values()) == 50
    by_sql = workspace.db.conn.execute(
        "SELECT COUNT(*) FROM assignments WHERE plan_id = ? AND unit = '各街道（镇）' AND active = 1 "
        "AND status != 'done' AND due < ?", (laiwu.id, today.isoformat())).fetchone()[0]
    assert street["overdue"] == by_sql
    before = status_counts(workspace.db, laiwu.id, date(2024, 12, 31))
    assert sum(unit["overdue"] for unit in before.values()) == 0
    assert next(iter(counts)) == "各街道（镇）"  # units in the order of their first task


def test_inactive_assignments_are_not_counted(workspace, laiwu) -> None:
    sync_plan(workspace.db, laiwu)
    leaf = laiwu.leaves()[0]
    workspace.apply(laiwu, SetAttr(leaf.id, "units", "区政府各部门单位"))
    sync_plan(workspace.db, laiwu)
    counts = status_counts(workspace.db, laiwu.id, date(2024, 7, 1))
    assert sum(counts["各街道（镇）"].values()) == 49


def test_a_failed_batch_writes_nothing(workspace, laiwu) -> None:
    items = sync_plan(workspace.db, laiwu).assignments
    good = set_status(items[0], IN_PROGRESS)
    bad = replace(items[1], status="finished")
    with pytest.raises(TrackingError):
        save_assignments(workspace.db, laiwu.id, [good, bad])
    stored = {item.id: item for item in load_assignments(workspace.db, laiwu.id)}
    assert stored[good.id].status == items[0].status
    with pytest.raises(StoreError, match="已有一条"):
        clash = replace(items[0], unit=items[1].unit, task_id=items[1].task_id)
        save_assignments(workspace.db, laiwu.id, [clash])
    with pytest.raises(StoreError, match="没有编号"):
        save_assignments(workspace.db, 999, [Assignment(1, "区财政局")])
    with pytest.raises(StoreError, match="不在工作区"):
        add_progress(workspace.db, 99999, progress_entry(date(2024, 7, 1), "x"))


def test_new_assignments_with_entries_and_entry_deletion(workspace, laiwu) -> None:
    leaf = laiwu.leaves()[3]
    fresh = Assignment(leaf.id, "区财政局", "units", progress=(progress_entry(date(2024, 8, 1), "已完成"),))
    saved = save_assignment(workspace.db, laiwu.id, fresh)
    assert saved.id is not None and saved.progress[0].id is not None
    resaved = save_assignment(workspace.db, laiwu.id, saved)  # stored entries are not written twice
    assert resaved.progress == saved.progress
    assert len(load_assignments(workspace.db, laiwu.id)[0].progress) == 1
    delete_progress(workspace.db, saved.progress[0].id)
    assert load_assignments(workspace.db, laiwu.id)[0].progress == ()
    with pytest.raises(StoreError, match="不存在"):
        delete_progress(workspace.db, saved.progress[0].id)


def test_deleting_the_plan_deletes_its_tracking_rows(workspace, laiwu) -> None:
    items = sync_plan(workspace.db, laiwu).assignments
    add_progress(workspace.db, items[0].id, progress_entry(date(2024, 7, 1), "已部署"))
    workspace.delete_plan(laiwu.id)  # to the recycle bin: everything is kept
    conn = workspace.db.conn
    assert conn.execute("SELECT COUNT(*) FROM assignments").fetchone()[0] == len(items)
    assert conn.execute("SELECT COUNT(*) FROM progress_entries").fetchone()[0] == 1
    workspace.purge_plan(laiwu.id)  # deleted for good
    assert conn.execute("SELECT COUNT(*) FROM assignments").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM progress_entries").fetchone()[0] == 0


def test_renaming_a_unit_carries_its_history(workspace, laiwu) -> None:
    items = sync_plan(workspace.db, laiwu).assignments
    office = next(item for item in items if item.unit == "区政府办公室")
    add_progress(workspace.db, office.id, progress_entry(date(2024, 7, 1), "已部署"))
    moved = rename_unit(workspace.db, "区政府办公室", "区政府办公室（区外事办）")
    assert moved == 7
    renamed = {item.id: item for item in load_assignments(workspace.db, laiwu.id)}[office.id]
    assert renamed.unit == "区政府办公室（区外事办）" and renamed.progress[0].text == "已部署"


def test_functions_accept_a_plain_sqlite3_connection(tmp_path: Path, laiwu_plan) -> None:
    path = tmp_path / "workspace.sqlite3"
    with Workspace.open(path, seed_sample=False) as ws:
        ws.add_plan(laiwu_plan)
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        result = sync_plan(conn, laiwu_plan)
        assert len(load_assignments(conn, laiwu_plan.id)) == len(result.assignments) == 123
        counts = status_counts(conn, laiwu_plan.id, date(2024, 7, 1))
        assert sum(sum(unit.values()) for unit in counts.values()) == 123
    finally:
        conn.close()
