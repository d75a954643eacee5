"""Taking chosen changes of a comparison over into the old plan, as one undoable Batch.

The old side of the comparison is the plan being edited (its task ids are the comparison's
``old_ids``); the new side is, typically, a unit's edited copy. The operations are worked out on a
scratch copy of the plan, in the new version's order, so that each one is placed after the row
that precedes it there; removals come last. Accepting every entry makes the plan show exactly the
new version's rows, texts and (effective) attributes — see :func:`content_signature`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop.core.compare.result import Comparison, Entry
from desktop.core.compare.textdiff import normalize
from desktop.core.model import ATTRIBUTE_LABELS, Plan, Task
from desktop.core.operations import Batch, DeleteTask, InsertTask, MoveTask, Operation, SetAttr, SetText


def clone_plan(plan: Plan) -> Plan:
    """A detached copy of the plan with the same task ids and id counter."""
    fields = {key: value for key, value in plan.fields.items() if key != "title"}
    clone = Plan(plan.title, **fields)
    for index, child in enumerate(plan.root.children):
        clone.insert_subtree(Plan.ROOT_ID, index, clone.subtree_from_dict(child.to_dict(True), keep_ids=True))
    clone.reserve_ids(plan.next_id)
    clone.take_journal()
    clone.id = plan.id
    return clone


def content_signature(plan: Plan) -> list[tuple[Any, ...]]:
    """What the plan shows, row by row: depth, text, and on requirement rows the effective attributes."""
    out: list[tuple[Any, ...]] = []
    for task in plan.tasks():
        attrs: tuple[tuple[str, str], ...] = ()
        if not task.children:
            keys = sorted({*ATTRIBUTE_LABELS, *(k for t in [task, *task.ancestors()] for k in t.attrs)})
            attrs = tuple((key, normalize(task.effective(key))) for key in keys if task.effective(key))
        out.append((task.depth, normalize(task.text), not task.children, attrs))
    return out


class _Builder:
    """Applies operations to the scratch copy and remembers them for the Batch."""

    def __init__(self, plan: Plan, new: Plan) -> None:
        self.work = clone_plan(plan)
        self.new = new
        self.ops: list[Operation] = []
        self.mapping: dict[int, int] = {}  # new task id -> task id in the plan
        self.removing: set[int] = set()  # plan rows the accepted removals delete

    def run(self, op: Operation) -> None:
        op.apply(self.work)
        self.work.take_journal()
        self.ops.append(op)

    # ----- placing --------------------------------------------------------------------------
    def _target_parent(self, task: Task) -> int:
        node = task.parent
        while node is not None and node.parent is not None:
            mapped = self.mapping.get(node.id)
            if mapped is not None and mapped in self.work:
                return mapped
            node = node.parent
        return Plan.ROOT_ID

    def place(self, task: Task, current: int | None) -> tuple[int, int]:
        """Where the row for new ``task`` goes: (parent id, index), after its nearest placed sibling."""
        parent_id = self._target_parent(task)
        siblings = task.parent.children if task.parent is not None else []
        for sibling in reversed(siblings[:task.index]):
            mapped = self.mapping.get(sibling.id)
            if mapped is None or mapped not in self.work or mapped == current:
                continue
            anchor = self.work[mapped]
            if anchor.parent is None or anchor.parent.id != parent_id:
                continue
            index = anchor.index + 1
            if current is not None:
                node = self.work[current]
                if node.parent is anchor.parent and node.index < anchor.index:
                    index -= 1
            return parent_id, index
        return parent_id, 0

    def move(self, task_id: int, parent_id: int, index: int) -> None:
        node = self.work[task_id]
        if node.parent is not None and node.parent.id == parent_id and node.index == index:
            return
        keep = {leaf.id: self._shown(leaf) for leaf in node.walk() if not leaf.children}
        self.run(MoveTask(task_id, parent_id, index, label="采纳修改"))
        for leaf_id, values in keep.items():
            self.keep_values(leaf_id, values)

    def _shown(self, leaf: Task) -> dict[str, str]:
        keys = {*ATTRIBUTE_LABELS, *(k for t in [leaf, *leaf.ancestors()] for k in t.attrs)}
        return {key: leaf.effective(key) for key in keys}

    def keep_values(self, task_id: int, values: dict[str, str]) -> None:
        """Give a row explicitly the attribute values it showed before it was moved."""
        leaf = self.work[task_id]
        for key, value in values.items():
            if leaf.effective(key) != value:
                self.run(SetAttr(task_id, key, value, label="采纳修改"))

    # ----- the entries ----------------------------------------------------------------------
    def insert(self, new_id: int) -> None:
        task = self.new[new_id]
        parent_id, index = self.place(task, None)
        task_id = self.work.next_id
        data: dict[str, Any] = {"id": task_id, "text": task.text}
        if not task.children:
            parent = self.work[parent_id]
            for key, value in self._shown(task).items():
                if parent.effective(key) != value:
                    data[key] = value
        self.run(InsertTask(parent_id, index, data, label="采纳修改"))
        self.mapping[new_id] = task_id

    def take(self, entry: Entry) -> None:
        """Make the plan's row(s) for a paired entry look like the new version's."""
        task_id, new_id = entry.old_ids[0], entry.new_ids[0]
        task = self.new[new_id]
        if task_id not in self.work:
            return
        if entry.moved:
            self.move(task_id, *self.place(task, task_id))
        if entry.kind != "same" and self.work[task_id].text != task.text:
            self.run(SetText(task_id, task.text, label="采纳修改"))
        for change in entry.attrs:
            if self.work[task_id].effective(change.key) != change.new:
                self.run(SetAttr(task_id, change.key, change.new, label="采纳修改"))
        for extra in entry.new_ids[1:]:
            self.insert(extra)

    def remove(self, task_id: int) -> None:
        """Delete a row; any of its rows that are kept move up to where it was."""
        if task_id not in self.work:
            return
        node = self.work[task_id]
        parent = node.parent
        assert parent is not None
        kept = [child.id for child in node.children if not self._all_removed(child)]
        for offset, child_id in enumerate(kept):
            self.move(child_id, parent.id, node.index + 1 + offset)
        self.run(DeleteTask(task_id, label="采纳修改"))

    def _all_removed(self, node: Task) -> bool:
        return all(t.id in self.removing for t in node.walk())


def accept_batch(plan: Plan, new: Plan, comparison: Comparison, chosen: Iterable[Entry],
                 label: str = "采纳修改") -> Batch:
    """One Batch that takes the ``chosen`` entries of ``comparison`` (old = ``plan``) over from ``new``."""
    picked = {id(entry) for entry in chosen}
    builder = _Builder(plan, new)
    for entry in comparison.entries:
        if entry.old_ids and entry.new_ids:
            builder.mapping[entry.new_ids[0]] = entry.old_ids[0]
    removing: list[int] = []
    for entry in comparison.entries:
        accepted = id(entry) in picked
        if entry.kind == "removed":
            if accepted:
                removing.extend(entry.old_ids)
        elif entry.kind == "added":
            if accepted:
                builder.insert(entry.new_ids[0])
        elif accepted:
            builder.take(entry)
            if entry.kind == "merged":
                removing.extend(entry.old_ids[1:])
    builder.removing = set(removing)
    for task_id in removing:
        builder.remove(task_id)
    return Batch(builder.ops, label=label)
