"""Units the importer found in a requirement's text (``suggested_units``), accepted or dismissed.

The text importer stores the unit names it spots in a sentence ("区财政局牵头…") under the
attribute ``suggested_units`` (joined with 、); nothing prints it. Accepting adds the names to the
task's own 责任单位 (keeping names already there) and drops the suggestion; dismissing only drops
it. Both are one :class:`Batch` over any number of tasks, so one undo step.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.model import Plan, Task
from desktop.core.operations import Batch, Operation, SetAttr

SUGGESTED_UNITS = "suggested_units"  # the attribute the text importer fills (formats/text/outline.py)
SEPARATOR = "、"


def suggestion(task: Task) -> str:
    return (task.attrs.get(SUGGESTED_UNITS) or "").strip()


def with_suggestions(plan: Plan, task_ids: Iterable[int] | None = None) -> list[int]:
    """The tasks (all, or of ``task_ids``) that carry a suggestion, in outline order."""
    chosen = None if task_ids is None else set(task_ids)
    return [t.id for t in plan.tasks() if suggestion(t) and (chosen is None or t.id in chosen)]


def accepted_units(task: Task) -> str:
    """The task's own 责任单位 with the suggested names added (no name twice)."""
    names = [n for n in (task.attrs.get("units") or "").split(SEPARATOR) if n.strip()]
    for name in suggestion(task).split(SEPARATOR):
        if name.strip() and name.strip() not in names:
            names.append(name.strip())
    return SEPARATOR.join(names)


def make_accept_suggestions(plan: Plan, task_ids: Iterable[int] | None = None) -> Batch:
    ops: list[Operation] = []
    for task_id in with_suggestions(plan, task_ids):
        task = plan[task_id]
        units = accepted_units(task)
        if units != (task.attrs.get("units") or ""):
            ops.append(SetAttr(task_id, "units", units))
        ops.append(SetAttr(task_id, SUGGESTED_UNITS, None))
    return Batch(ops, label="采用建议的责任单位")


def make_dismiss_suggestions(plan: Plan, task_ids: Iterable[int] | None = None) -> Batch:
    ops: list[Operation] = [SetAttr(i, SUGGESTED_UNITS, None) for i in with_suggestions(plan, task_ids)]
    return Batch(ops, label="忽略建议的责任单位")
