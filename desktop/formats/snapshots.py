"""Taking, opening and restoring named snapshots: a plan to and from its stored fenjie-plan/1 JSON.

A snapshot opened here is a detached :class:`Plan` with the plan's id and the task ids it had,
so comparing it with the plan matches rows by identity; nothing edits it (it is not registered
with the workspace), which is what "read-only" means. Restoring is :func:`make_restore`: one
Batch, so the workspace applies it as one undoable step.
"""

from __future__ import annotations

import copy

from desktop.core.model import PLAN_FIELDS, Plan
from desktop.core.operations import Batch, DeleteTask, InsertTask, Operation, SetField
from desktop.formats import plan_json
from desktop.store.changes import OpChanges
from desktop.store.errors import StoreError
from desktop.store.snapshots import SnapshotInfo
from desktop.store.workspace import Workspace


def take_snapshot(workspace: Workspace, plan: Plan, name: str) -> SnapshotInfo:
    """Store the plan as it is now under ``name`` (unique per plan)."""
    if plan.id is None:
        raise StoreError("这个计划还没有保存到工作区，不能保存快照。")
    ids = [task.id for task in plan.tasks()]
    return workspace.add_snapshot(plan.id, name, plan_json.dumps(plan), ids, plan.next_id)


def open_snapshot(workspace: Workspace, snapshot_id: int) -> Plan:
    """The plan as it was when the snapshot was taken, with its task ids (not stored back)."""
    data = workspace.snapshot_data(snapshot_id)
    plan = plan_json.loads(data.content)
    tasks = list(plan.tasks())
    if len(tasks) != len(data.task_ids):
        raise StoreError("快照内容与其任务编号不一致，可能已损坏。")
    rebuilt = Plan(plan.title, **{k: v for k, v in plan.fields.items() if k != "title"})
    ids = iter(data.task_ids)

    def with_ids(node: dict[str, object]) -> dict[str, object]:
        out = {k: v for k, v in node.items() if k != "children"}
        out["id"] = next(ids)
        children = node.get("children")
        if isinstance(children, list):
            out["children"] = [with_ids(child) for child in children]
        return out

    for index, child in enumerate(plan.root.children):
        rebuilt.insert_subtree(0, index, rebuilt.subtree_from_dict(with_ids(child.to_dict()), keep_ids=True))
    rebuilt.reserve_ids(data.next_task_id)
    rebuilt.take_journal()
    rebuilt.id = data.info.plan_id
    return rebuilt


def make_restore(plan: Plan, version: Plan, label: str = "恢复快照") -> Batch:
    """One Batch that makes ``plan`` exactly ``version`` (same rows, ids, attributes and plan fields)."""
    ops: list[Operation] = [DeleteTask(child.id, label=label) for child in plan.root.children]
    ops += [InsertTask(0, index, child.to_dict(with_ids=True), label=label)
            for index, child in enumerate(version.root.children)]
    for name in PLAN_FIELDS:
        if plan.fields.get(name) != version.fields.get(name):
            ops.append(SetField(name, copy.deepcopy(version.fields.get(name)), label=label))
    return Batch(ops, label=label)


def restore_snapshot(workspace: Workspace, plan: Plan, snapshot_id: int) -> OpChanges:
    """Put the plan back to the snapshot as one edit; ``Workspace.revert`` of the record undoes it."""
    version = open_snapshot(workspace, snapshot_id)
    if version.id != plan.id:
        raise StoreError("这个快照属于另一个计划。")
    name = workspace.snapshot_data(snapshot_id).info.name
    return workspace.apply(plan, make_restore(plan, version, f"恢复到快照“{name}”"))
