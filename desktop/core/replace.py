"""Find and replace (查找替换) over task texts and unit/deadline/note values, as one undo step.

The search runs over the whole plan or over chosen tasks and everything under them. Texts are
replaced in the task's own text; attribute values only where they are set (a value a category
passes down is replaced once, on the category). Replacing with "" removes the phrase, e.g.
"各镇（街道）要" from twenty rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.model import ATTRIBUTE_LABELS, UNIT_ATTRIBUTES, Plan, PlanError, Task
from desktop.core.operations import Batch, Operation, SetAttr, SetText

TEXT = "text"
# What the clerk can search: the texts, the unit columns, the deadline, the note.
SEARCHABLE: dict[str, str] = {TEXT: "任务内容", **{k: ATTRIBUTE_LABELS[k] for k in UNIT_ATTRIBUTES},
                              "deadline": ATTRIBUTE_LABELS["deadline"], "note": ATTRIBUTE_LABELS["note"]}
TEXTS_AND_UNITS: tuple[str, ...] = (TEXT, *UNIT_ATTRIBUTES)


@dataclass(frozen=True)
class Match:
    task_id: int
    key: str  # TEXT or an attribute key
    count: int  # occurrences in that value


def _scope(plan: Plan, task_ids: Iterable[int] | None) -> list[Task]:
    if task_ids is None:
        return list(plan.tasks())
    seen: dict[int, Task] = {}
    for task_id in task_ids:
        if task_id in plan and task_id != plan.ROOT_ID:
            for task in plan[task_id].walk():
                seen.setdefault(task.id, task)
    order = {t.id: n for n, t in enumerate(plan.tasks())}
    return sorted(seen.values(), key=lambda t: order[t.id])


def _value(task: Task, key: str) -> str:
    return task.text if key == TEXT else task.attrs.get(key) or ""


def find_matches(plan: Plan, needle: str, keys: Iterable[str] = TEXTS_AND_UNITS,
                 task_ids: Iterable[int] | None = None) -> list[Match]:
    """Where ``needle`` occurs: each task's own text or own attribute value, in outline order."""
    if not needle:
        return []
    wanted = [k for k in keys if k in SEARCHABLE]
    found: list[Match] = []
    for task in _scope(plan, task_ids):
        if task.parent is None:
            continue
        for key in wanted:
            count = _value(task, key).count(needle)
            if count:
                found.append(Match(task.id, key, count))
    return found


def make_replace(plan: Plan, needle: str, replacement: str, keys: Iterable[str] = TEXTS_AND_UNITS,
                 task_ids: Iterable[int] | None = None) -> Batch:
    """Replace every occurrence (see the module doc); PlanError when there is none."""
    if not needle:
        raise PlanError("请输入要查找的文字。")
    matches = find_matches(plan, needle, keys, task_ids)
    if not matches:
        raise PlanError(f"没有找到“{needle}”。")
    ops: list[Operation] = []
    for match in matches:
        task = plan[match.task_id]
        new = _value(task, match.key).replace(needle, replacement)
        if match.key == TEXT:
            ops.append(SetText(task.id, new.strip()))
        else:
            ops.append(SetAttr(task.id, match.key, new.strip("、 ")))
    return Batch(ops, label="查找替换")


def count_occurrences(matches: Iterable[Match]) -> int:
    return sum(m.count for m in matches)
