"""Edit operations on a plan. Each one applies itself and returns its exact inverse.

Primitive operations (:class:`InsertTask`, :class:`DeleteTask`, :class:`MoveTask`, :class:`SetText`,
:class:`SetAttr`, :class:`SetField`, :class:`ReorderChildren`) and :class:`Batch`, which groups
several into one undo step, are plain data: the GUI wraps them in undo commands, the store
persists what they touched (``plan.journal``), the CLI and tests call them directly.

The ``make_*`` helpers build the operation for a user action (add a sibling, indent, move up, paste
…) and check it first: an invalid action raises :class:`PlanError` and changes nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop.core.model import Plan, PlanError, Task


class Operation(Protocol):
    label: str

    def apply(self, plan: Plan) -> Operation:
        """Change the plan and return the operation that undoes the change exactly."""
        ...


@dataclass
class InsertTask:
    """Insert a subtree (``Task.to_dict(with_ids=True)`` data) under a parent at an index."""

    parent_id: int
    index: int
    subtree: dict[str, Any]
    label: str = "插入任务"

    def apply(self, plan: Plan) -> Operation:
        node = plan.subtree_from_dict(copy.deepcopy(self.subtree), keep_ids=True)
        plan.insert_subtree(self.parent_id, self.index, node)
        return DeleteTask(node.id, label=self.label)


@dataclass
class DeleteTask:
    task_id: int
    label: str = "删除任务"

    def apply(self, plan: Plan) -> Operation:
        task = plan[self.task_id]
        if task.parent is None:
            raise PlanError("不能删除根节点。")
        parent_id, index, subtree = plan.remove_subtree(self.task_id)
        return InsertTask(parent_id, index, subtree.to_dict(with_ids=True), label=self.label)


@dataclass
class MoveTask:
    """Move a subtree under ``new_parent_id`` so that it ends up at ``index`` there."""

    task_id: int
    new_parent_id: int
    index: int
    label: str = "移动任务"

    def apply(self, plan: Plan) -> Operation:
        task = plan[self.task_id]
        new_parent = plan[self.new_parent_id]
        if task.parent is None:
            raise PlanError("不能移动根节点。")
        if new_parent.is_descendant_of(task):
            raise PlanError("不能把任务移动到它自己的下级中。")
        siblings_after_removal = len(new_parent.children) - (1 if task.parent is new_parent else 0)
        if not 0 <= self.index <= siblings_after_removal:
            raise PlanError("移动的目标位置超出范围。")
        old_parent_id, old_index, node = plan.remove_subtree(self.task_id)
        # Re-attach the very same nodes (ids kept) at the new place.
        plan.insert_subtree(self.new_parent_id, self.index, node)
        return MoveTask(self.task_id, old_parent_id, old_index, label=self.label)


@dataclass
class SetText:
    task_id: int
    text: str
    label: str = "修改内容"

    def apply(self, plan: Plan) -> Operation:
        old = plan.set_text(self.task_id, self.text)
        return SetText(self.task_id, old, label=self.label)


@dataclass
class SetAttr:
    """Set an attribute; ``None`` clears it so the task inherits, ``""`` means explicitly none."""

    task_id: int
    key: str
    value: str | None
    label: str = "修改属性"

    def apply(self, plan: Plan) -> Operation:
        old = plan.set_attr(self.task_id, self.key, self.value)
        return SetAttr(self.task_id, self.key, old, label=self.label)


@dataclass
class SetField:
    name: str
    value: Any
    label: str = "修改计划信息"

    def apply(self, plan: Plan) -> Operation:
        old = plan.set_field(self.name, self.value)
        return SetField(self.name, old, label=self.label)


@dataclass
class ReorderChildren:
    """Put a parent's children in the given order of ids (a permutation of the current ones)."""

    parent_id: int
    order: list[int]
    label: str = "排序"

    def apply(self, plan: Plan) -> Operation:
        parent = plan[self.parent_id]
        old = [child.id for child in parent.children]
        if sorted(old) != sorted(self.order):
            raise PlanError("排序后的任务与原有任务不一致。")
        for index, task_id in enumerate(self.order):
            if parent.children[index].id != task_id:
                MoveTask(task_id, self.parent_id, index).apply(plan)
        return ReorderChildren(self.parent_id, old, label=self.label)


@dataclass
class Batch:
    """Several operations applied in order as one undo step; all or nothing."""

    ops: list[Operation] = field(default_factory=list)
    label: str = "编辑"

    def apply(self, plan: Plan) -> Operation:
        inverses: list[Operation] = []
        try:
            for op in self.ops:
                inverses.append(op.apply(plan))
        except Exception:
            for inverse in reversed(inverses):
                inverse.apply(plan)
            raise
        return Batch(list(reversed(inverses)), label=self.label)


# ----- user actions ------------------------------------------------------------------------------

def _fresh(plan: Plan, text: str, attrs: dict[str, str] | None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": plan.new_id(), "text": text}
    data.update(attrs or {})
    return data


def make_add_child(plan: Plan, parent_id: int, text: str = "", attrs: dict[str, str] | None = None,
                   index: int | None = None) -> InsertTask:
    parent = plan[parent_id]
    position = len(parent.children) if index is None else index
    if not 0 <= position <= len(parent.children):
        raise PlanError("插入位置超出范围。")
    return InsertTask(parent_id, position, _fresh(plan, text, attrs), label="新建下级任务")


def make_add_sibling(plan: Plan, task_id: int, text: str = "", attrs: dict[str, str] | None = None,
                     after: bool = True) -> InsertTask:
    task = plan[task_id]
    if task.parent is None:
        raise PlanError("根节点没有同级任务。")
    index = task.index + (1 if after else 0)
    return InsertTask(task.parent.id, index, _fresh(plan, text, attrs), label="新建同级任务")


def make_delete(plan: Plan, task_id: int) -> DeleteTask:
    if plan[task_id].parent is None:
        raise PlanError("不能删除根节点。")
    return DeleteTask(task_id)


def make_move_up(plan: Plan, task_id: int) -> MoveTask:
    task = plan[task_id]
    if task.parent is None or task.index == 0:
        raise PlanError("这个任务已经在最上面了。")
    return MoveTask(task_id, task.parent.id, task.index - 1, label="上移")


def make_move_down(plan: Plan, task_id: int) -> MoveTask:
    task = plan[task_id]
    if task.parent is None or task.index == len(task.parent.children) - 1:
        raise PlanError("这个任务已经在最下面了。")
    return MoveTask(task_id, task.parent.id, task.index + 1, label="下移")


def make_indent(plan: Plan, task_id: int) -> MoveTask:
    """Make the task the last child of the sibling above it."""
    task = plan[task_id]
    if task.parent is None or task.index == 0:
        raise PlanError("第一个任务上面没有同级任务，不能降级。")
    new_parent = task.parent.children[task.index - 1]
    return MoveTask(task_id, new_parent.id, len(new_parent.children), label="降级")


def make_outdent(plan: Plan, task_id: int) -> MoveTask:
    """Make the task the sibling right after its parent."""
    task = plan[task_id]
    parent = task.parent
    if parent is None or parent.parent is None:
        raise PlanError("一级任务不能再升级。")
    grandparent = parent.parent
    return MoveTask(task_id, grandparent.id, parent.index + 1, label="升级")


def make_move_to(plan: Plan, task_id: int, new_parent_id: int, index: int) -> MoveTask:
    task = plan[task_id]
    new_parent = plan[new_parent_id]
    if task.parent is None:
        raise PlanError("不能移动根节点。")
    if new_parent.is_descendant_of(task):
        raise PlanError("不能把任务移动到它自己的下级中。")
    limit = len(new_parent.children) - (1 if task.parent is new_parent else 0)
    if not 0 <= index <= limit:
        raise PlanError("移动的目标位置超出范围。")
    return MoveTask(task_id, new_parent_id, index)


def copy_subtree(plan: Plan, task_id: int) -> dict[str, Any]:
    """The subtree as data without ids, for the clipboard; effective attributes are kept."""
    task = plan[task_id]
    data = task.to_dict()
    for ancestor_key in {k for a in task.ancestors() for k in a.attrs}:
        if ancestor_key not in data:
            data[ancestor_key] = task.effective(ancestor_key)
    return data


def make_paste(plan: Plan, data: dict[str, Any], parent_id: int, index: int | None = None) -> InsertTask:
    """Insert copied data (from this or another plan) with fresh ids."""
    parent = plan[parent_id]
    position = len(parent.children) if index is None else index
    if not 0 <= position <= len(parent.children):
        raise PlanError("粘贴位置超出范围。")

    def with_ids(node: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in node.items() if k not in ("id", "children")}
        out["id"] = plan.new_id()
        if node.get("children"):
            out["children"] = [with_ids(child) for child in node["children"]]
        return out

    return InsertTask(parent_id, position, with_ids(data), label="粘贴")


def make_sort_children(plan: Plan, parent_id: int,
                       key: Callable[[Task], Any] | None = None) -> ReorderChildren:
    parent = plan[parent_id]
    sort_key = key or (lambda task: task.text)
    order = [task.id for task in sorted(parent.children, key=sort_key)]
    return ReorderChildren(parent_id, order)


def make_set_attr_on_rows(plan: Plan, task_ids: list[int], key: str, value: str | None) -> Batch:
    """One undo step that sets an attribute on several tasks (a multi-row edit)."""
    return Batch([SetAttr(task_id, key, value) for task_id in task_ids], label="批量修改属性")
