"""Limits that no real plan meets: bigger input is refused in one sentence instead of freezing the app.

A county annex has tens to a few hundred rows, requirement texts of a few hundred characters and
three or four levels. A 3 MB text file cut into 200,000 rows, or a ten-million-character cell, is
a mistake (or an attack): the app would need a minute and a gigabyte to show it and the PDF export
minutes to lay it out. Every way a plan comes in — each importer, pasting, typing, the CLI — goes
through :func:`check_plan` or :func:`check_changes`; the numbers are listed in docs/import.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.model import Change, Plan, PlanError, Task

MAX_TASKS = 50_000  # rows of every level in one plan (the exports are tested with 20,000 rows)
MAX_TEXT_CHARS = 10_000  # one task's text
MAX_ATTR_CHARS = 2_000  # one attribute value (units, deadline …)
MAX_TITLE_CHARS = 500  # the plan's title
MAX_FIELD_CHARS = 20_000  # any other text field of the plan (the note …)
MAX_DEPTH = 32  # levels of tasks (a real annex has 2–5; deeper chains only strain recursive code)


def too_many(count: int) -> PlanError:
    return PlanError(f"计划有 {count:,} 行，超过 {MAX_TASKS:,} 行的上限，不像是一份任务分解表，"
                     "没有导入或保存。")


def _check_task(task: Task) -> None:
    if len(task.text) > MAX_TEXT_CHARS:
        raise PlanError(f"有一项任务的文字长达 {len(task.text):,} 字，超过 {MAX_TEXT_CHARS:,} 字的上限，"
                        "请拆分后再保存。")
    for key, value in task.attrs.items():
        if len(value) > MAX_ATTR_CHARS:
            raise PlanError(f"有一项任务的“{key}”长达 {len(value):,} 字，超过 {MAX_ATTR_CHARS:,} 字的上限。")


def _check_fields(plan: Plan) -> None:
    if len(plan.title) > MAX_TITLE_CHARS:
        raise PlanError(f"计划标题长达 {len(plan.title):,} 字，超过 {MAX_TITLE_CHARS} 字的上限。")
    for name, value in plan.fields.items():
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            raise PlanError(f"计划信息“{name}”长达 {len(value):,} 字，超过 {MAX_FIELD_CHARS:,} 字的上限。")


def height(task: Task) -> int:
    """Levels from ``task`` down to its deepest descendant (1 for a leaf)."""
    deepest, stack = 1, [(task, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in node.children)
    return deepest


def check_plan(plan: Plan) -> None:
    """Raise :class:`PlanError` (one sentence) if the whole plan is above any limit."""
    _check_fields(plan)
    count = 0
    stack = [(child, 1) for child in plan.root.children]
    while stack:
        task, level = stack.pop()
        count += 1
        if count > MAX_TASKS:
            raise too_many(sum(1 for _ in plan.tasks()))
        if level > MAX_DEPTH:
            raise PlanError(f"任务层级超过 {MAX_DEPTH} 层的上限，不像是一份任务分解表。")
        _check_task(task)
        stack.extend((child, level + 1) for child in task.children)


def check_changes(plan: Plan, changes: Iterable[Change]) -> None:
    """Raise :class:`PlanError` if an edit (its journal ``changes``) took the plan above a limit."""
    touched: set[int] = set()
    inserted = False
    for change in changes:
        if change.kind == "field":
            _check_fields(plan)
        elif change.kind == "insert":
            inserted = True
        touched.update(change.task_ids)
    if inserted:
        count = plan.task_count()
        if count > MAX_TASKS:
            raise too_many(count)
    for task_id in touched:
        if task_id == plan.ROOT_ID or task_id not in plan:
            continue
        task = plan[task_id]
        _check_task(task)
        if inserted and task.depth + height(task) - 1 > MAX_DEPTH:
            raise PlanError(f"任务层级超过 {MAX_DEPTH} 层的上限。")
