"""Every mutating workspace call returns an OpChanges record; reverting it is exact, reverting the
revert redoes it, and a record that no longer fits fails plainly without changing anything."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from desktop.core.feedback_check import Update
from desktop.core.operations import SetAttr, SetText
from desktop.core.tracking import IN_PROGRESS, progress_entry
from desktop.core.units import UnitError
from desktop.store.changes import OpChanges
from desktop.store.errors import StoreError
from desktop.store.feedback_undo import apply_updates
from desktop.store.rows import read_plan
from desktop.store.tracking_store import load_assignments, sync_plan
from desktop.store.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path):
    with Workspace.open(tmp_path / "ws.sqlite3") as opened:
        yield opened


def snapshot(workspace: Workspace) -> dict:
    """The live plans (a plan added then undone waits in the recycle bin) and every other table."""
    conn = workspace.db.conn
    plans = [row[0] for row in conn.execute("SELECT id FROM plans WHERE deleted_at IS NULL ORDER BY id")]
    return {
        "plans": conn.execute("SELECT id, title, archived FROM plans WHERE deleted_at IS NULL "
                              "ORDER BY id").fetchall(),
        "tasks": {plan_id: read_plan(workspace.db, plan_id).to_dict(with_ids=True) for plan_id in plans},
        "units": conn.execute("SELECT * FROM units ORDER BY id").fetchall(),
        "assignments": conn.execute("SELECT id, unit, unit_key, status, completed_on FROM assignments "
                                    "ORDER BY id").fetchall(),
        "progress": conn.execute("SELECT assignment_id, entry_date, text FROM progress_entries "
                                 "ORDER BY id").fetchall(),
    }


def round_trip(workspace: Workspace, change: Callable[[], OpChanges]) -> OpChanges:
    """Make the change, undo it (exactly the state before), redo it (exactly the state after)."""
    before = snapshot(workspace)
    record = change()
    assert isinstance(record, OpChanges) and not record.empty
    after = snapshot(workspace)
    assert after != before
    undone = workspace.revert(record)
    assert snapshot(workspace) == before
    redone = workspace.revert(undone)
    assert snapshot(workspace) == after
    workspace.revert(redone)
    assert snapshot(workspace) == before
    return record


def test_plan_list_calls_round_trip(workspace: Workspace) -> None:
    plan = workspace.load_plan(1)
    record = round_trip(workspace, lambda: workspace.duplicate_plan(1, "副本"))
    assert record.plan_list and record.plan_id == 2
    round_trip(workspace, lambda: workspace.set_archived(1, True))
    round_trip(workspace, lambda: workspace.delete_plan(1))
    workspace.delete_plan(1)
    round_trip(workspace, lambda: workspace.restore_plan(1))
    workspace.restore_plan(1)
    copy = read_plan(workspace.db, 1)
    copy.id = None
    added = round_trip(workspace, lambda: workspace.add_plan(copy, "导入计划"))
    assert added.label == "导入计划" and added.plan_id == copy.id
    assert plan.id == 1


def test_plan_edits_round_trip_in_memory_and_in_the_file(workspace: Workspace) -> None:
    plan = workspace.load_plan(1)
    leaf = plan.leaves()[0]
    text = leaf.text
    record = round_trip(workspace, lambda: workspace.apply(plan, SetText(leaf.id, "改过")))
    assert record.plan_ids == [1] and [c.kind for c in record.changes_of(1)] == ["text"]
    assert plan[leaf.id].text == text  # the open plan followed every revert


def test_directory_calls_round_trip(workspace: Workspace) -> None:
    round_trip(workspace, lambda: workspace.add_unit("区新设单位", short_name="新设"))
    round_trip(workspace, lambda: workspace.update_unit("区大数据服务中心", short_name="大数据中心"))
    round_trip(workspace, lambda: workspace.delete_unit("区大数据服务中心"))
    names = workspace.units().names()
    round_trip(workspace, lambda: workspace.reorder_units(list(reversed(names))))
    renamed = round_trip(workspace, lambda: workspace.rename_unit("区大数据服务中心", "区大数据局"))
    assert renamed.units and renamed.plan_ids == [1]
    round_trip(workspace, lambda: workspace.merge_units("区政府办公室", "区大数据服务中心"))


def test_undoing_a_rename_puts_back_only_the_cells_it_changed(workspace: Workspace) -> None:
    """Defect (a) at the store: a cell that held the new name before keeps it after the undo."""
    plan = workspace.load_plan(1)
    free = plan.leaves()[0]
    workspace.apply(plan, SetAttr(free.id, "units", "区大数据局"))
    sync_plan(workspace.db, plan, workspace.units())
    before = snapshot(workspace)
    record = workspace.rename_unit("区大数据服务中心", "区大数据局")
    workspace.revert(record)
    assert snapshot(workspace) == before
    assert plan[free.id].attrs["units"] == "区大数据局"


def test_tracking_changes_round_trip(workspace: Workspace) -> None:
    plan = workspace.load_plan(1)
    item = sync_plan(workspace.db, plan, workspace.units()).assignments[0]
    entry = progress_entry(date(2024, 7, 1), "已部署", item.unit)
    update = Update(item.id, IN_PROGRESS, None, entry)
    record = round_trip(workspace, lambda: apply_updates(workspace.db, [update], "添加进展", 1))
    assert record.tracking and record.plan_id == 1 and record.label == "添加进展"
    assert load_assignments(workspace.db, 1)[0].progress == ()


def test_a_record_that_no_longer_fits_fails_and_changes_nothing(workspace: Workspace) -> None:
    record = workspace.rename_unit("区大数据服务中心", "区大数据局")
    workspace.rename_unit("区大数据局", "区数据局")  # renamed again, outside this record
    state = snapshot(workspace)
    with pytest.raises(UnitError, match="已不在名录中"):
        workspace.revert(record)
    assert snapshot(workspace) == state
    copy = workspace.duplicate_plan(1).plan_id
    deleted = workspace.delete_plan(copy)
    workspace.purge_plan(copy)
    with pytest.raises(StoreError, match="彻底删除"):
        workspace.revert(deleted)
