"""Named snapshots: taken, listed, opened read-only, restored as one undoable edit, deleted; migration."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.compare import compare_plans
from desktop.core.operations import DeleteTask, SetAttr, SetField, SetText
from desktop.formats import plan_json
from desktop.formats.snapshots import open_snapshot, restore_snapshot, take_snapshot
from desktop.store.errors import StoreError
from desktop.store.migrations import CURRENT_VERSION
from tests.support.workspaces import Workspace

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    with Workspace.open(tmp_path / "ws.sqlite3") as opened:
        yield opened


def test_take_list_open_and_compare(workspace: Workspace) -> None:
    plan = workspace.load_plan(workspace.list_plans()[0].id)
    first = take_snapshot(workspace, plan, " 初稿 ")
    assert first.name == "初稿" and first.rows == sum(1 for _ in plan.tasks())
    leaf = plan.leaves()[0]
    workspace.apply(plan, SetText(leaf.id, leaf.text + "（已修改）"))
    workspace.apply(plan, SetAttr(leaf.id, "deadline", "2024年9月底前"))
    take_snapshot(workspace, plan, "征求意见稿")
    assert [s.name for s in workspace.snapshots(plan.id or 0)] == ["初稿", "征求意见稿"]

    draft = open_snapshot(workspace, first.id)
    assert draft.id == plan.id
    assert [t.id for t in draft.tasks()] == [t.id for t in plan.tasks()]
    result = compare_plans(draft, plan)
    assert [(e.kind, e.old_ids, [a.key for a in e.attrs]) for e in result.changes()] == [
        ("changed", [leaf.id], ["deadline"])]


def test_names_are_unique_per_plan_and_not_empty(workspace: Workspace) -> None:
    plan = workspace.load_plan(workspace.list_plans()[0].id)
    take_snapshot(workspace, plan, "送审稿")
    with pytest.raises(StoreError, match="已有名为“送审稿”的快照"):
        take_snapshot(workspace, plan, "送审稿")
    with pytest.raises(StoreError, match="不能为空"):
        take_snapshot(workspace, plan, "  ")
    with pytest.raises(StoreError, match="没有名为“印发稿”的快照（已有：送审稿）"):
        workspace.find_snapshot(plan.id or 0, "印发稿")
    assert len(workspace.snapshots(plan.id or 0)) == 1


def test_restore_is_one_edit_that_undo_takes_back(workspace: Workspace, tmp_path: Path) -> None:
    plan = workspace.load_plan(workspace.list_plans()[0].id)
    info = take_snapshot(workspace, plan, "初稿")
    snapshot_json = plan_json.dumps(plan)
    snapshot_ids = plan.to_dict(with_ids=True)["tasks"]
    leaves = plan.leaves()
    workspace.apply(plan, DeleteTask(leaves[2].id))
    workspace.apply(plan, SetText(leaves[5].id, "改过的文字"))
    workspace.apply(plan, SetField("title", "改过的标题"))
    edited = plan.to_dict(with_ids=True)

    record = restore_snapshot(workspace, plan, info.id)
    assert plan_json.dumps(plan) == snapshot_json
    assert plan.to_dict(with_ids=True)["tasks"] == snapshot_ids  # the same task ids come back
    reopened = Workspace.open(workspace.path)
    assert plan_json.dumps(reopened.load_plan(plan.id or 0)) == snapshot_json
    reopened.close()

    workspace.revert(record)
    assert plan.to_dict(with_ids=True) == edited
    assert workspace.load_plan(plan.id or 0).to_dict(with_ids=True) == edited


def test_rename_delete_and_cascade(workspace: Workspace) -> None:
    plan = workspace.load_plan(workspace.list_plans()[0].id)
    info = take_snapshot(workspace, plan, "初稿")
    assert workspace.rename_snapshot(info.id, "第一稿").name == "第一稿"
    workspace.delete_snapshot(info.id)
    assert workspace.snapshots(plan.id or 0) == []
    with pytest.raises(StoreError, match="找不到这个快照"):
        workspace.delete_snapshot(info.id)
    take_snapshot(workspace, plan, "初稿")
    workspace.delete_plan(plan.id or 0)
    workspace.purge_plan(plan.id or 0)
    assert workspace.db.conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 0


def test_an_old_workspace_gains_snapshots(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "workspace-v1.sqlite3", old)
    with Workspace.open(old) as workspace:
        assert workspace.schema_version == CURRENT_VERSION == 7
        plan = workspace.load_plan(workspace.list_plans()[0].id)
        info = take_snapshot(workspace, plan, "升级后第一个快照")
        assert plan_json.dumps(open_snapshot(workspace, info.id)) == plan_json.dumps(plan)
