"""Finding tasks by text, unit or deadline, and the filter that keeps matches' ancestors visible.

Matching is case-insensitive substring search on the task's own text or on its effective (shown)
attribute values, ignoring white space, so 区财政局 finds “区 财政局” too. ``apply_filter`` hides
every row of the tree view that is neither a match nor an ancestor of one, and expands the path
to each match; with an empty query everything is shown again.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QTreeView

from desktop.core.model import UNIT_ATTRIBUTES, Plan, Task
from desktop.gui.outline.tree_model import PlanTreeModel

FIELDS: dict[str, str] = {"all": "全部", "text": "内容", "units": "单位", "deadline": "完成时限"}
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub("", text).casefold()


def task_matches(task: Task, needle: str, field: str) -> bool:
    if field in ("all", "text") and needle in _norm(task.text):
        return True
    if field in ("all", "units") and any(needle in _norm(task.effective(k)) for k in UNIT_ATTRIBUTES):
        return True
    return field in ("all", "deadline") and needle in _norm(task.effective("deadline"))


def matching_ids(plan: Plan, query: str, field: str = "all") -> list[int]:
    """Ids of matching tasks in document order (none for an empty query)."""
    needle = _norm(query)
    if not needle:
        return []
    return [task.id for task in plan.tasks() if task_matches(task, needle, field)]


def with_ancestors(plan: Plan, ids: list[int]) -> set[int]:
    shown: set[int] = set()
    for task_id in ids:
        node = plan[task_id]
        while node.parent is not None and node.id not in shown:
            shown.add(node.id)
            node = node.parent
    return shown


def apply_filter(view: QTreeView, model: PlanTreeModel, shown: set[int] | None) -> None:
    """Hide rows not in ``shown`` (None shows every row)."""
    plan = model.plan
    for task in plan.root.walk():
        parent = model.index_of(task.id)
        for row, child in enumerate(task.children):
            hidden = shown is not None and child.id not in shown
            if view.isRowHidden(row, parent) != hidden:
                view.setRowHidden(row, parent, hidden)
    if shown:
        for task_id in shown:
            if plan[task_id].children:
                view.expand(model.index_of(task_id))
