"""Merging two units and taking the merge back: units table, every plan and the tracking tables exactly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.model import PlanError
from desktop.core.operations import SetAttr, make_delete
from desktop.core.tracking import progress_entry
from desktop.core.units import UnitError
from desktop.store.changes import AddUnit
from desktop.store.rows import read_plan
from desktop.store.tracking_store import add_progress, load_assignments, sync_plan
from desktop.store.workspace import Workspace

UNITS = ("各街道（镇）", "区政府各部门单位", "区政府办公室", "区大数据服务中心", "区发展改革局")
KEEP, DROP = "区政府办公室", "区大数据服务中心"


@pytest.fixture
def workspace(tmp_path: Path):
    with Workspace.open(tmp_path / "ws.sqlite3", seed_sample=True, seed_units=False) as opened:
        for name in UNITS:
            opened.add_unit(name)
        opened.update_unit(DROP, short_name="大数据中心", aliases=["莱芜区大数据服务中心"])
        opened.update_unit(KEEP, aliases=["区政府办"])
        yield opened


def snapshot(workspace: Workspace) -> dict:
    conn = workspace.db.conn
    plan_ids = [row[0] for row in conn.execute("SELECT id FROM plans ORDER BY id")]
    return {
        "units": conn.execute("SELECT * FROM units ORDER BY id").fetchall(),
        "assignments": conn.execute("SELECT * FROM assignments ORDER BY id").fetchall(),
        "progress": conn.execute("SELECT * FROM progress_entries ORDER BY id").fetchall(),
        "plans": {plan_id: read_plan(workspace.db, plan_id).to_dict(with_ids=True) for plan_id in plan_ids},
        "bin": [s.id for s in workspace.deleted_plans()],
    }


@pytest.fixture
def scene(workspace: Workspace):
    """Plan 1 open in memory, with a cell naming both units and one by its short name; plan 2 (a
    copy) in the recycle bin; assignments and a progress report for the dropped unit."""
    shown = workspace.load_plan(1)
    leaves = shown.leaves()
    workspace.apply(shown, SetAttr(leaves[0].id, "units", f"{KEEP}、{DROP}、区发展改革局"))
    workspace.apply(shown, SetAttr(leaves[1].id, "units", "大数据中心"))
    directory = workspace.units()
    items = sync_plan(workspace.db, shown, directory).assignments
    dropped = [item for item in items if item.unit == DROP and item.task_id != leaves[0].id]
    assert dropped
    add_progress(workspace.db, dropped[0].id, progress_entry(date(2024, 7, 1), "已部署", DROP))
    copy = workspace.duplicate_plan(1, "回收站中的副本").plan_id
    sync_plan(workspace.db, workspace.load_plan(copy), directory)
    workspace.delete_plan(copy)
    return shown, copy


def test_merge_then_unmerge_gives_everything_back_exactly(workspace: Workspace, scene) -> None:
    shown, copy = scene
    before = snapshot(workspace)
    shown_before = shown.to_dict(with_ids=True)

    record = workspace.merge_units(KEEP, DROP)
    assert record.plan_ids == [1, copy]  # the plan in the recycle bin is rewritten too
    dropped = next(step.unit for step in record.undo if isinstance(step, AddUnit))
    assert dropped.name == DROP and dropped.short_name == "大数据中心"
    merged = snapshot(workspace)
    assert DROP not in [row[1] for row in merged["units"]]
    assert merged["plans"] != before["plans"] and merged["assignments"] != before["assignments"]
    assert shown.leaves()[1].attrs["units"] == KEEP  # the open copy followed
    moved = [a for a in load_assignments(workspace.db, 1) if a.unit == KEEP]
    assert any(a.progress and a.progress[0].reported_by == DROP for a in moved)
    # the task naming both units keeps its row of the dropped unit under the old name
    assert any(a.unit == DROP for a in load_assignments(workspace.db, 1))

    assert workspace.revert(record).plan_ids == [1, copy]
    assert snapshot(workspace) == before
    assert shown.to_dict(with_ids=True) == shown_before
    assert shown.journal == []
    assert workspace.integrity_check() == ["ok"]

    # redo and undo again (what the undo stack does)
    again = workspace.merge_units(KEEP, DROP)
    assert snapshot(workspace)["plans"] == merged["plans"]
    workspace.revert(again)
    assert snapshot(workspace) == before
    with Workspace.open(workspace.path) as other:  # and it is all in the file
        assert snapshot(other) == before


def test_a_failed_unmerge_changes_nothing_in_memory_or_in_the_file(workspace: Workspace, scene) -> None:
    shown, copy = scene
    before = snapshot(workspace)
    named = next(task["id"] for task in _walk(before["plans"][copy]) if DROP in task.get("units", ""))
    record = workspace.merge_units(KEEP, DROP)
    # the copy loses a rewritten task while the merge is in effect: its inverse can no longer apply
    workspace.restore_plan(copy)
    other = workspace.load_plan(copy)
    workspace.apply(other, make_delete(other, named))
    workspace.delete_plan(copy)
    merged = snapshot(workspace)
    shown_merged = shown.to_dict(with_ids=True)
    with pytest.raises(PlanError) as refused:
        workspace.revert(record)
    assert str(named) in str(refused.value)  # the copy's missing task stopped it
    assert snapshot(workspace) == merged
    assert shown.to_dict(with_ids=True) == shown_merged  # plan 1 had been changed back, then restored


def test_unmerge_is_refused_when_the_kept_unit_was_renamed_since(workspace: Workspace, scene) -> None:
    record = workspace.merge_units(KEEP, DROP)
    workspace.rename_unit(KEEP, "区政府办公室（区外事办）")
    after = snapshot(workspace)
    with pytest.raises(UnitError, match="已不在名录中"):
        workspace.revert(record)
    assert snapshot(workspace) == after


def _walk(data: dict) -> list[dict]:
    found = []
    for child in data.get("tasks", data.get("children", [])):
        found.append(child)
        found.extend(_walk(child))
    return found


def test_unmerge_skips_a_plan_purged_from_the_bin_since(workspace: Workspace, scene) -> None:
    _shown, copy = scene
    before = snapshot(workspace)
    record = workspace.merge_units(KEEP, DROP)
    workspace.purge_plan(copy)
    assert workspace.revert(record).plan_ids == [1]
    after = snapshot(workspace)
    assert after["units"] == before["units"]
    assert after["plans"] == {1: before["plans"][1]}
    assert after["assignments"] == [row for row in before["assignments"] if row[1] == 1]  # plan_id column
    assert after["progress"] == before["progress"]
