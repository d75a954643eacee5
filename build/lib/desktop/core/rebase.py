"""Applying an edit made on an old copy of a plan to a fresh copy of it (another writer saved first).

Most operations name tasks by id and apply to the fresh copy as they are. New tasks are the
exception: the old copy handed out ids that the other writer may have used meanwhile (both
windows' new task would be number 82). :func:`with_free_ids` gives every inserted task whose id
is taken in ``plan`` a free one, and renames the later references to it inside the same batch.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from desktop.core.model import Plan
from desktop.core.operations import Batch, InsertTask, Operation, ReorderChildren

_ID_FIELDS = ("task_id", "parent_id", "new_parent_id")


def with_free_ids(op: Operation, plan: Plan) -> Operation:
    """``op`` with the ids of the tasks it inserts made free in ``plan`` (``op`` itself when they are)."""
    return _renumber(op, plan, {})


def _renumber(op: Operation, plan: Plan, mapping: dict[int, int]) -> Operation:
    if isinstance(op, Batch):
        return dataclasses.replace(op, ops=[_renumber(inner, plan, mapping) for inner in op.ops])
    if isinstance(op, InsertTask):
        subtree = _free_subtree(op.subtree, plan, mapping)
        return dataclasses.replace(op, parent_id=mapping.get(op.parent_id, op.parent_id), subtree=subtree)
    if not mapping or not dataclasses.is_dataclass(op):
        return op
    changes: dict[str, Any] = {name: mapping[getattr(op, name)] for name in _ID_FIELDS
                               if isinstance(getattr(op, name, None), int) and getattr(op, name) in mapping}
    if isinstance(op, ReorderChildren):
        changes["order"] = [mapping.get(task_id, task_id) for task_id in op.order]
    return dataclasses.replace(op, **changes) if changes else op


def _free_subtree(data: dict[str, Any], plan: Plan, mapping: dict[int, int]) -> dict[str, Any]:
    copy = dict(data)
    task_id = copy.get("id")
    if isinstance(task_id, int) and (task_id in plan or task_id in mapping.values()):
        mapping[task_id] = plan.new_id()
        copy["id"] = mapping[task_id]
    children = copy.get("children")
    if isinstance(children, list):
        copy["children"] = [_free_subtree(child, plan, mapping) if isinstance(child, dict) else child
                            for child in children]
    return copy
