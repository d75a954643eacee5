"""The recycle bin: deleting a plan only moves it there; restoring gives it back; purging really deletes."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop.core.tracking import progress_entry
from desktop.store.errors import StoreError
from desktop.store.migrations import CURRENT_VERSION
from desktop.store.tracking_store import add_progress, load_assignments, sync_plan
from tests.support.workspaces import Workspace

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def rows(conn: sqlite3.Connection, table: str, plan_id: int) -> list[tuple]:
    if table == "progress_entries":
        return conn.execute("SELECT p.* FROM progress_entries p JOIN assignments a ON a.id = p.assignment_id "
                            "WHERE a.plan_id = ? ORDER BY p.id", (plan_id,)).fetchall()
    order = "id" if table == "assignments" else "id, parent_id"
    return conn.execute(f"SELECT * FROM {table} WHERE plan_id = ? ORDER BY {order}", (plan_id,)).fetchall()


def tracked(workspace: Workspace, laiwu_plan) -> tuple[int, int]:
    """Two plans (the Laiwu sample with assignments and one progress entry, and a copy)."""
    first = workspace.add_plan(laiwu_plan).plan_id
    items = sync_plan(workspace.db, laiwu_plan).assignments
    add_progress(workspace.db, items[0].id, progress_entry(date(2024, 7, 1), "已部署"))
    second = workspace.duplicate_plan(first, "另一个计划").plan_id
    sync_plan(workspace.db, workspace.load_plan(second))
    return first, second


def test_delete_moves_the_plan_to_the_bin_and_restore_brings_it_back(workspace, laiwu_plan) -> None:
    first, second = tracked(workspace, laiwu_plan)
    conn = workspace.db.conn
    before = workspace.load_plan(first).to_dict(with_ids=True)
    stored = {table: rows(conn, table, first) for table in ("tasks", "assignments", "progress_entries")}
    assert stored["assignments"] and stored["progress_entries"]

    workspace.delete_plan(first)
    assert [s.id for s in workspace.list_plans()] == [second]
    binned = workspace.deleted_plans()
    assert [(s.id, s.title, s.leaf_count) for s in binned] == [(first, laiwu_plan.title, 59)]
    assert binned[0].deleted_at is not None
    assert conn.execute("SELECT deleted_at FROM plans WHERE id = ?", (first,)).fetchone()[0] is not None
    # nothing is really deleted while the plan is in the bin
    assert {table: rows(conn, table, first) for table in stored} == stored

    with pytest.raises(StoreError, match="回收站"):
        workspace.load_plan(first)
    with pytest.raises(StoreError, match="回收站"):
        workspace.find_plan(str(first))
    with pytest.raises(StoreError, match="没有标题为"):
        workspace.find_plan(laiwu_plan.title)
    with pytest.raises(StoreError, match="回收站"):
        workspace.duplicate_plan(first)
    with pytest.raises(StoreError, match="回收站"):
        workspace.set_archived(first, True)
    with pytest.raises(StoreError, match="回收站"):
        workspace.delete_plan(first)

    with Workspace.open(workspace.path) as other:  # the deletion is in the file
        assert [s.id for s in other.list_plans()] == [second]
        assert [s.id for s in other.deleted_plans()] == [first]

    workspace.restore_plan(first)
    assert [s.id for s in workspace.list_plans()] == [first, second]
    assert workspace.deleted_plans() == []
    assert workspace.load_plan(first).to_dict(with_ids=True) == before
    assert workspace.find_plan(laiwu_plan.title) == first
    assert {table: rows(conn, table, first) for table in stored} == stored
    with pytest.raises(StoreError, match="回收站中没有"):
        workspace.restore_plan(first)


def test_purge_deletes_for_good_with_tasks_and_tracking_rows(workspace, laiwu_plan) -> None:
    first, second = tracked(workspace, laiwu_plan)
    conn = workspace.db.conn
    with pytest.raises(StoreError, match="只能彻底删除回收站中的计划"):
        workspace.purge_plan(first)  # a live plan must go to the bin first
    kept = {table: rows(conn, table, second) for table in ("tasks", "assignments")}
    assert all(kept.values())
    workspace.delete_plan(first)
    workspace.purge_plan(first)
    assert conn.execute("SELECT count(*) FROM plans WHERE id = ?", (first,)).fetchone() == (0,)
    for table in ("tasks", "assignments", "progress_entries"):
        assert rows(conn, table, first) == []
    assert conn.execute("SELECT count(*) FROM progress_entries").fetchone() == (0,)
    assert {table: rows(conn, table, second) for table in kept} == kept  # the other plan is untouched
    assert workspace.deleted_plans() == []
    with pytest.raises(StoreError, match="回收站中没有"):
        workspace.restore_plan(first)
    with pytest.raises(StoreError, match="回收站中没有"):
        workspace.purge_plan(first)
    assert workspace.integrity_check() == ["ok"]
    assert len(load_assignments(workspace.db, second)) == len(kept["assignments"])


def test_the_bin_lists_the_latest_deletion_first(workspace, laiwu_plan) -> None:
    first, second = tracked(workspace, laiwu_plan)
    workspace.delete_plan(second)
    workspace.delete_plan(first)
    binned = workspace.deleted_plans()
    assert {s.id for s in binned} == {first, second}
    stamps = [(s.deleted_at, s.id) for s in binned]
    assert stamps == sorted(stamps, reverse=True)
    assert workspace.list_plans() == []


def test_a_v1_workspace_gains_the_column_and_every_plan_stays_live(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "workspace-v1.sqlite3", copy)
    with Workspace.open(copy) as workspace:
        assert workspace.schema_version == CURRENT_VERSION >= 4
        columns = {row[1] for row in workspace.db.conn.execute("PRAGMA table_info(plans)")}
        assert "deleted_at" in columns
        live = workspace.db.conn.execute("SELECT count(*) FROM plans WHERE deleted_at IS NULL").fetchone()
        assert live == (1,)
        assert [s.id for s in workspace.list_plans()] == [1] and workspace.deleted_plans() == []
        assert workspace.db.conn.execute("SELECT value FROM meta WHERE key = 'migrated_to_v4'").fetchone()


def test_live_plan_ids_follow_the_list_without_counting_rows(workspace, laiwu_plan) -> None:
    """``live_plan_ids`` gives the list's plans in its order (archived last, binned ones left out)."""
    first, second = tracked(workspace, laiwu_plan)
    third = workspace.duplicate_plan(first, "第三个计划").plan_id

    def listed() -> list[tuple[int, bool]]:
        return [(s.id, s.archived) for s in workspace.list_plans()]

    assert workspace.live_plan_ids() == listed() == [(first, False), (second, False), (third, False)]
    workspace.set_archived(first, True)
    workspace.delete_plan(second)
    assert workspace.live_plan_ids() == listed() == [(third, False), (first, True)]
