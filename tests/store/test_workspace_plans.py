"""The workspace: plans stored and loaded exactly, every edit committed at once, failures undone in memory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.model import Plan, PlanError
from desktop.core.operations import (
    Batch,
    MoveTask,
    SetAttr,
    SetField,
    SetText,
    copy_subtree,
    make_add_child,
    make_delete,
    make_indent,
    make_move_down,
    make_paste,
)
from desktop.formats.plan_json import read_plan
from desktop.resources import sample_plan_path
from desktop.store.errors import StoreError
from desktop.store.workspace import Workspace
from tests.support.generated import generated_plan


@pytest.fixture
def workspace(tmp_path: Path):
    with Workspace.open(tmp_path / "ws.sqlite3", seed_sample=False) as opened:
        yield opened


def reopened(workspace: Workspace, plan_id: int) -> Plan:
    """The plan as another process would read it from the file."""
    with Workspace.open(workspace.path) as other:
        return other.load_plan(plan_id)


def some_edits(plan: Plan) -> list:
    first = plan.root.children[0]
    leaf = plan.leaves()[3]
    return [
        SetText(leaf.id, "改写后的具体要求，\n含换行。"),
        SetAttr(leaf.id, "units", "区财政局、区政府办公室"),
        SetAttr(first.id, "deadline", "2024年12月底前"),
        SetAttr(leaf.id, "deadline", None),
        make_add_child(plan, first.id, "新增的具体要求", {"units": "各街道（镇）"}, index=0),
        make_move_down(plan, first.id),
        make_indent(plan, plan.leaves()[5].id),
        make_paste(plan, copy_subtree(plan, first.id), plan.ROOT_ID, 0),
        SetField("title", "改过标题的计划"),
        SetField("year", 2025),
        Batch([SetText(plan.leaves()[0].id, "批量一"), SetText(plan.leaves()[1].id, "批量二")]),
    ]


def test_pragmas_foreign_keys_wal_full_sync(workspace: Workspace) -> None:
    conn = workspace.db.conn
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA synchronous").fetchone() == (2,)
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_the_bundled_sample_round_trips_with_ids(workspace: Workspace) -> None:
    sample = read_plan(sample_plan_path())
    expected = sample.to_dict(with_ids=True)
    plan_id = workspace.add_plan(sample).plan_id
    assert sample.id == plan_id and sample.journal == []
    loaded = workspace.load_plan(plan_id)
    assert loaded.to_dict(with_ids=True) == expected
    assert loaded.id == plan_id and loaded.journal == [] and loaded.next_id == sample.next_id
    loaded.check_invariants()
    assert reopened(workspace, plan_id).to_dict(with_ids=True) == expected


def test_every_applied_edit_is_in_the_file_when_apply_returns(workspace: Workspace) -> None:
    plan = read_plan(sample_plan_path())
    plan_id = workspace.add_plan(plan).plan_id
    for op in some_edits(plan):
        changed = workspace.apply(plan, op)
        assert plan.journal == []
        assert reopened(workspace, plan_id).to_dict(with_ids=True) == plan.to_dict(with_ids=True)
    workspace.revert(changed, {plan_id: plan})  # undo through the workspace is stored like any edit
    assert reopened(workspace, plan_id).to_dict(with_ids=True) == plan.to_dict(with_ids=True)
    assert workspace.integrity_check() == ["ok"]


def test_deleting_the_newest_task_does_not_let_its_id_come_back(workspace: Workspace) -> None:
    plan = read_plan(sample_plan_path())
    plan_id = workspace.add_plan(plan).plan_id
    op = make_add_child(plan, plan.root.children[0].id, "最新的任务")
    workspace.apply(plan, op)
    newest = op.subtree["id"]
    workspace.apply(plan, make_delete(plan, newest))
    again = reopened(workspace, plan_id)
    assert again.next_id == plan.next_id > newest
    assert again.new_id() > newest


def test_applying_to_a_big_plan_and_reopening(workspace: Workspace) -> None:
    plan = generated_plan(2000)
    plan_id = workspace.add_plan(plan).plan_id
    top = plan.root.children
    workspace.apply(plan, MoveTask(top[-1].id, plan.ROOT_ID, 0))
    workspace.apply(plan, make_delete(plan, top[3].id))
    workspace.apply(plan, make_add_child(plan, top[0].children[0].id, "新", index=0))
    again = reopened(workspace, plan_id)
    assert again.to_dict(with_ids=True) == plan.to_dict(with_ids=True)
    assert [s.leaf_count for s in workspace.list_plans()] == [len(plan.leaves())]


def test_apply_updates_the_plans_updated_at(workspace: Workspace) -> None:
    plan = read_plan(sample_plan_path())
    workspace.add_plan(plan)
    [before] = workspace.list_plans()
    workspace.apply(plan, SetText(plan.leaves()[0].id, "新的内容"))
    [after] = workspace.list_plans()
    assert after.updated_at > before.updated_at


def test_a_failed_store_leaves_the_plan_in_memory_unchanged_closed_database(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "ws.sqlite3", seed_sample=False)
    plan = read_plan(sample_plan_path())
    plan_id = workspace.add_plan(plan).plan_id
    stored = plan.to_dict(with_ids=True)
    workspace.close()
    for op in some_edits(plan):
        with pytest.raises(StoreError, match="保存修改失败"):
            workspace.apply(plan, op)
        assert plan.to_dict(with_ids=True) == stored
        assert plan.journal == []
        plan.check_invariants()
    assert reopened(workspace, plan_id).to_dict(with_ids=True) == stored


def test_a_failed_store_leaves_the_plan_in_memory_unchanged_locked_database(workspace: Workspace) -> None:
    plan = read_plan(sample_plan_path())
    plan_id = workspace.add_plan(plan).plan_id
    stored = plan.to_dict(with_ids=True)
    workspace.db.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(str(workspace.path), timeout=0.05)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with pytest.raises(StoreError, match="工作区正被另一个程序"):
            workspace.apply(plan, make_delete(plan, plan.root.children[0].id))
        assert plan.to_dict(with_ids=True) == stored
    finally:
        other.rollback()
        other.close()
    workspace.apply(plan, make_delete(plan, plan.root.children[0].id))  # works once the lock is gone
    assert reopened(workspace, plan_id).to_dict(with_ids=True) == plan.to_dict(with_ids=True)


def test_editing_a_deleted_plan_fails_and_changes_nothing(workspace: Workspace) -> None:
    plan = read_plan(sample_plan_path())
    plan_id = workspace.add_plan(plan).plan_id
    workspace.delete_plan(plan_id)
    before = plan.to_dict(with_ids=True)
    with pytest.raises(StoreError, match="回收站"):  # in the recycle bin
        workspace.apply(plan, SetText(plan.leaves()[0].id, "x"))
    assert plan.to_dict(with_ids=True) == before
    assert workspace.db.conn.execute("SELECT count(*) FROM tasks").fetchone() == (81,)
    workspace.purge_plan(plan_id)
    with pytest.raises(StoreError, match="已不在工作区中"):  # deleted for good
        workspace.apply(plan, SetText(plan.leaves()[0].id, "x"))
    assert plan.to_dict(with_ids=True) == before
    assert workspace.db.conn.execute("SELECT count(*) FROM tasks").fetchone() == (0,)


def test_an_invalid_operation_changes_neither_memory_nor_file(workspace: Workspace) -> None:
    plan = read_plan(sample_plan_path())
    plan_id = workspace.add_plan(plan).plan_id
    first = plan.root.children[0]
    before = plan.to_dict(with_ids=True)
    bad = Batch([SetText(first.id, "先改了"), MoveTask(first.id, first.children[0].id, 0)])
    with pytest.raises(PlanError, match="自己的下级"):
        workspace.apply(plan, bad)
    assert plan.to_dict(with_ids=True) == before
    assert reopened(workspace, plan_id).to_dict(with_ids=True) == before


def test_a_plan_must_be_added_before_it_is_edited(workspace: Workspace) -> None:
    plan = read_plan(sample_plan_path())
    with pytest.raises(StoreError, match="先添加"):
        workspace.apply(plan, SetText(plan.leaves()[0].id, "x"))


def test_list_delete_duplicate_archive(workspace: Workspace) -> None:
    first = workspace.add_plan(read_plan(sample_plan_path())).plan_id
    second = workspace.add_plan(generated_plan(30)).plan_id
    copy = workspace.duplicate_plan(first).plan_id
    summaries = {s.id: s for s in workspace.list_plans()}
    assert summaries[copy].title == "2024年莱芜区政务公开重点工作任务分工（副本）"
    assert summaries[copy].leaf_count == summaries[first].leaf_count == 59
    assert summaries[first].year == 2024
    original, duplicate = workspace.load_plan(first), workspace.load_plan(copy)
    assert duplicate.to_dict(with_ids=True)["tasks"] == original.to_dict(with_ids=True)["tasks"]
    workspace.apply(duplicate, SetText(duplicate.leaves()[0].id, "只改副本"))
    assert workspace.load_plan(first).to_dict(with_ids=True) == original.to_dict(with_ids=True)

    workspace.set_archived(second, True)
    assert [s.id for s in workspace.list_plans()] == [first, copy, second]
    assert [s.archived for s in workspace.list_plans()] == [False, False, True]
    assert [s.id for s in workspace.list_plans(include_archived=False)] == [first, copy]
    workspace.set_archived(second, False)

    workspace.delete_plan(copy)  # to the recycle bin
    assert [s.id for s in workspace.list_plans()] == [first, second]
    rows = workspace.db.conn.execute("SELECT count(*) FROM tasks WHERE plan_id = ?", (copy,)).fetchone()
    assert rows == (81,)
    for action in (lambda: workspace.delete_plan(copy), lambda: workspace.load_plan(copy),
                   lambda: workspace.set_archived(copy, True), lambda: workspace.duplicate_plan(copy)):
        with pytest.raises(StoreError, match=f"编号为 {copy} 的计划在回收站中"):
            action()
    workspace.purge_plan(copy)  # deleted for good
    rows = workspace.db.conn.execute("SELECT count(*) FROM tasks WHERE plan_id = ?", (copy,)).fetchone()
    assert rows == (0,)
    for action in (lambda: workspace.delete_plan(copy), lambda: workspace.load_plan(copy),
                   lambda: workspace.set_archived(copy, True), lambda: workspace.duplicate_plan(copy)):
        with pytest.raises(StoreError, match=f"没有编号为 {copy} 的计划"):
            action()


def test_find_plan_by_id_or_unique_title(workspace: Workspace) -> None:
    first = workspace.add_plan(read_plan(sample_plan_path())).plan_id
    other = workspace.add_plan(generated_plan(20)).plan_id
    assert workspace.find_plan(str(first)) == first
    assert workspace.find_plan(f" {other} ") == other
    assert workspace.find_plan("2024年莱芜区政务公开重点工作任务分工") == first
    with pytest.raises(StoreError, match="没有编号为 99 的计划"):
        workspace.find_plan("99")
    with pytest.raises(StoreError, match="没有标题为“没有这个计划”的计划"):
        workspace.find_plan("没有这个计划")
    workspace.duplicate_plan(first, title="2024年莱芜区政务公开重点工作任务分工")
    with pytest.raises(StoreError, match=r"有 2 个计划的标题都是.*请改用编号"):
        workspace.find_plan("2024年莱芜区政务公开重点工作任务分工")
