"""Operations on several selected tasks at once: move (drop), paste, delete, indent, outdent, move up/down.

The clerk selects tasks in the outline (Ctrl/Shift-click); an action applies to the *top-most*
selected tasks (a selected task's descendants go with it) in document order, and is one
:class:`~desktop.core.operations.Batch`, hence one undo step. The moves of a batch are applied one
after another, so each move's index is computed on a light model of the tree as the earlier moves
leave it (:class:`_Shadow`), never on the plan itself. An action that is impossible for one of
the tasks raises :class:`PlanError` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.model import Plan, PlanError, Task
from desktop.core.operations import Batch, DeleteTask, InsertTask, MoveTask, Operation, make_paste


def outline_key(task: Task) -> tuple[int, ...]:
    """Sorts tasks in document order (the order of the outline's rows) without walking the plan:
    the task's place under each of its ancestors, from the top."""
    path: list[int] = []
    node = task
    while node.parent is not None:
        path.append(node.index)
        node = node.parent
    path.reverse()
    return tuple(path)


def top_most(plan: Plan, task_ids: Iterable[int]) -> list[int]:
    """The given tasks without those inside another given task, in document order."""
    chosen = {i for i in task_ids if i in plan and i != plan.ROOT_ID}
    tops = [i for i in chosen if not any(a.id in chosen for a in plan[i].ancestors())]
    return sorted(tops, key=lambda i: outline_key(plan[i]))


class _Shadow:
    """Children lists and parents as the batch's earlier moves leave them (copied on first use)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._children: dict[int, list[int]] = {}
        self._parent: dict[int, int] = {}

    def children(self, parent_id: int) -> list[int]:
        found = self._children.get(parent_id)
        if found is None:
            found = [child.id for child in self.plan[parent_id].children]
            self._children[parent_id] = found
        return found

    def parent(self, task_id: int) -> int:
        if task_id not in self._parent:
            parent = self.plan[task_id].parent
            if parent is None:
                raise PlanError("不能移动根节点。")
            self._parent[task_id] = parent.id
        return self._parent[task_id]

    def index(self, task_id: int) -> int:
        return self.children(self.parent(task_id)).index(task_id)

    def move(self, task_id: int, parent_id: int, index: int) -> MoveTask:
        """Record the move in the shadow; ``index`` is counted after the task left its place."""
        self.children(self.parent(task_id)).remove(task_id)
        self.children(parent_id).insert(index, task_id)
        self._parent[task_id] = parent_id
        return MoveTask(task_id, parent_id, index)

    def move_before(self, task_id: int, parent_id: int, anchor: int | None) -> MoveTask:
        """Move the task under ``parent_id`` right before ``anchor`` (at the end for None)."""
        self.children(self.parent(task_id)).remove(task_id)
        siblings = self.children(parent_id)
        index = siblings.index(anchor) if anchor is not None else len(siblings)
        siblings.insert(index, task_id)
        self._parent[task_id] = parent_id
        return MoveTask(task_id, parent_id, index)


def _batch(moves: list[Operation], label: str) -> Batch:
    for move in moves:
        move.label = label
    return Batch(moves, label=label)


def make_move_many(plan: Plan, task_ids: Iterable[int], parent_id: int, index: int) -> Batch:
    """Put the tasks, in document order, one after another under ``parent_id`` before the child that
    is at ``index`` now (at the end for ``index`` past the last child) — what a drop does."""
    tasks = top_most(plan, task_ids)
    target = plan[parent_id]
    for task_id in tasks:
        if task_id == parent_id or target.is_descendant_of(plan[task_id]):
            raise PlanError("不能把任务移动到它自己的下级中。")
    if not 0 <= index <= len(target.children):
        raise PlanError("移动的目标位置超出范围。")
    moving = set(tasks)
    anchor = next((child.id for child in target.children[index:] if child.id not in moving), None)
    shadow = _Shadow(plan)
    moves: list[Operation] = [shadow.move_before(task_id, parent_id, anchor) for task_id in tasks]
    return _batch(moves, "移动任务")


def make_paste_many(plan: Plan, subtrees: Iterable[dict[str, object]], parent_id: int,
                    index: int) -> list[InsertTask]:
    """Inserts putting copies of the subtrees (fresh ids) one after another at ``index`` under
    ``parent_id``; applied in order (one ``Batch``), each lands right after the one before."""
    inserts: list[InsertTask] = []
    for offset, data in enumerate(subtrees):
        insert = make_paste(plan, data, parent_id, index)  # checked against the plan as it is now
        insert.index = index + offset  # the earlier inserts of the batch are in place by then
        inserts.append(insert)
    return inserts


def make_delete_many(plan: Plan, task_ids: Iterable[int]) -> Batch:
    tasks = top_most(plan, task_ids)
    if not tasks:
        raise PlanError("没有选中要删除的任务。")
    return Batch([DeleteTask(task_id) for task_id in tasks], label="删除任务")


def make_indent_many(plan: Plan, task_ids: Iterable[int]) -> Batch:
    """Each task becomes the last child of the sibling above it (as that sibling is by then), so a
    block of selected siblings ends up, in order, under the task above the block."""
    shadow = _Shadow(plan)
    moves: list[Operation] = []
    for task_id in top_most(plan, task_ids):
        siblings = shadow.children(shadow.parent(task_id))
        position = siblings.index(task_id)
        if position == 0:
            raise PlanError(f"“{_short(plan, task_id)}”上面没有同级任务，不能降级。")
        above = siblings[position - 1]
        moves.append(shadow.move(task_id, above, len(shadow.children(above))))
    return _batch(moves, "降级")


def make_outdent_many(plan: Plan, task_ids: Iterable[int]) -> Batch:
    """Each task becomes the sibling right after its parent; the last one first, so that tasks of
    one parent keep their order."""
    shadow = _Shadow(plan)
    moves: list[Operation] = []
    for task_id in reversed(top_most(plan, task_ids)):
        parent = shadow.parent(task_id)
        if parent == plan.ROOT_ID:
            raise PlanError(f"“{_short(plan, task_id)}”是一级任务，不能再升级。")
        grandparent = shadow.parent(parent)
        moves.append(shadow.move(task_id, grandparent, shadow.index(parent) + 1))
    return _batch(moves, "升级")


def make_move_up_many(plan: Plan, task_ids: Iterable[int]) -> Batch:
    shadow = _Shadow(plan)
    moves: list[Operation] = []
    for task_id in top_most(plan, task_ids):
        position = shadow.index(task_id)
        if position == 0:
            raise PlanError("选中的任务已经在最上面了。")
        moves.append(shadow.move(task_id, shadow.parent(task_id), position - 1))
    return _batch(moves, "上移")


def make_move_down_many(plan: Plan, task_ids: Iterable[int]) -> Batch:
    shadow = _Shadow(plan)
    moves: list[Operation] = []
    for task_id in reversed(top_most(plan, task_ids)):
        parent = shadow.parent(task_id)
        position = shadow.index(task_id)
        if position == len(shadow.children(parent)) - 1:
            raise PlanError("选中的任务已经在最下面了。")
        moves.append(shadow.move(task_id, parent, position + 1))
    return _batch(moves, "下移")


def _short(plan: Plan, task_id: int, limit: int = 16) -> str:
    text = plan[task_id].text
    return text if len(text) <= limit else text[:limit] + "…"
