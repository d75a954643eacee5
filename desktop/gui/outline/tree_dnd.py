"""Dragging subtrees: the MIME payload and the drag-and-drop half of the tree model.

A drag carries the source plan's id, the dragged task ids (the top-most selected tasks, in outline
order) and a copy of each subtree (text and effective attributes, no ids), as JSON under
``TASKS_MIME``. Dropping inside the same plan moves the tasks; dropping into another plan
(another tree, or a plan in the plan list) pastes the copy. The model never edits the plan itself:
it hands the drop to ``drop_handler`` (the controller), which turns it into one core operation on
the undo stack.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.multi_ops import top_most
from desktop.core.operations import copy_subtree

if TYPE_CHECKING:
    from desktop.core.model import Plan

TASKS_MIME = "application/x-fenjie-tasks"
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TaskPayload:
    """What a drag or a copy carries."""

    plan_id: int | None
    task_ids: tuple[int, ...]
    subtrees: tuple[dict[str, Any], ...]

    def to_mime(self, mime: QMimeData | None = None) -> QMimeData:
        mime = mime or QMimeData()
        data = {"plan_id": self.plan_id, "task_ids": list(self.task_ids), "subtrees": list(self.subtrees)}
        mime.setData(TASKS_MIME, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        return mime

    @classmethod
    def from_mime(cls, mime: QMimeData | None) -> TaskPayload | None:
        if mime is None or not mime.hasFormat(TASKS_MIME):
            return None
        try:
            data = json.loads(bytes(mime.data(TASKS_MIME).data()).decode("utf-8"))
            return cls(data.get("plan_id"), tuple(int(i) for i in data["task_ids"]),
                       tuple(dict(s) for s in data["subtrees"]))
        except (ValueError, KeyError, TypeError):
            return None


DropHandler = Callable[[TaskPayload, int, int], bool]
EditHandler = Callable[[int, str], bool]  # True when the edit was applied


class TreeDragDrop:
    """Mixin for PlanTreeModel: MIME export of selected tasks and drops handed to the controller."""

    plan: Plan  # set by the model
    task_id: Callable[[Index], int]  # the model's: the task shown at an index (the root for none)
    drop_handler: DropHandler | None = None
    edit_handler: EditHandler | None = None

    def payload_for(self, task_ids: list[int]) -> TaskPayload:
        plan = self.plan
        return TaskPayload(plan.id, tuple(task_ids), tuple(copy_subtree(plan, i) for i in task_ids))

    def mimeTypes(self) -> list[str]:
        return [TASKS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(self.task_id(i) for i in indexes if i.isValid()))
        # Dragging a task and one of its descendants drags the ancestor only; several tasks travel
        # in the outline's order, whatever order they were selected in.
        return self.payload_for(top_most(self.plan, ids)).to_mime()

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        payload = TaskPayload.from_mime(data)
        if payload is None or not payload.task_ids:
            return False
        plan = self.plan
        if payload.plan_id != plan.id:
            return True
        target = self.task_id(parent)
        return all(i in plan and not plan[target].is_descendant_of(plan[i]) for i in payload.task_ids)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent) or self.drop_handler is None:
            return False
        payload = TaskPayload.from_mime(data)
        assert payload is not None
        plan = self.plan
        target = self.task_id(parent)
        index = row if row >= 0 else len(plan[target].children)
        return self.drop_handler(payload, target, index)
