"""Plans as table rows: writing a whole plan, writing exactly what a journal says, reading a plan back.

A plan is one ``plans`` row (metadata as JSON) and one ``tasks`` row per task: its parent
(NULL for a top-level task), its position among its siblings, its text and its own attributes
as JSON (NULL when it has none). :func:`write_changes` turns the ``Change`` list of
``plan.take_journal()`` into the few row writes it implies; the caller holds the transaction.

Revisions: ``plans.revision`` counts the writes of a plan's content, and each task row keeps the
revision that last wrote it. A plan read from the store remembers its revision
(``plan.revision``); :func:`write_changes` writes only if the stored revision is still that one
(else :class:`StaleWrite`, nothing written), then stamps the plan and the rows it wrote with the
next revision. So two writers on one workspace can never overwrite each other's edits unseen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from desktop.core.model import Change, Plan, Task
from desktop.store.errors import StaleWrite, StoreError

TaskRow = tuple[int, int, int | None, int, str, str | None]

_UPSERT_TASK = (
    "INSERT INTO tasks (plan_id, id, parent_id, position, text, attrs) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (plan_id, id) DO UPDATE SET parent_id = excluded.parent_id, "
    "position = excluded.position, text = excluded.text, attrs = excluded.attrs")
_UPSERT_REVISED = (
    "INSERT INTO tasks (plan_id, id, parent_id, position, text, attrs, revision) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (plan_id, id) DO UPDATE SET parent_id = excluded.parent_id, "
    "position = excluded.position, text = excluded.text, attrs = excluded.attrs, "
    "revision = excluded.revision")
STALE = ("这个计划刚被另一个窗口或程序修改过，为免覆盖对方的修改，这次修改没有保存；"
         "请重新打开这个计划后再改。")


def now_text() -> str:
    """The current time as stored: UTC, ISO 8601, milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _attrs_json(task: Task) -> str | None:
    return to_json(task.attrs) if task.attrs else None


def _row(plan_id: int, task: Task, position: int) -> TaskRow:
    parent = task.parent
    parent_id = None if parent is None or parent.parent is None else parent.id
    return (plan_id, task.id, parent_id, position, task.text, _attrs_json(task))


def task_rows(plan: Plan, plan_id: int) -> Iterator[TaskRow]:
    """One row per task of the plan, parents before children."""
    for node in plan.root.walk():
        for position, child in enumerate(node.children):
            yield _row(plan_id, child, position)


def insert_plan(db: Database, plan: Plan, now: str) -> int:
    """Insert the plan's row and all its task rows; returns the new plan id."""
    cursor = db.conn.execute(
        "INSERT INTO plans (title, fields, created_at, updated_at, archived, next_task_id) "
        "VALUES (?, ?, ?, ?, 0, ?)", (plan.title, to_json(plan.fields), now, now, plan.next_id))
    plan_id = int(cursor.lastrowid or 0)
    db.conn.executemany(_UPSERT_TASK, task_rows(plan, plan_id))
    return plan_id


def stored_revision(db: Database, plan_id: int) -> int | None:
    """The plan's stored revision (None: no such plan)."""
    row = db.conn.execute("SELECT revision FROM plans WHERE id = ?", (plan_id,)).fetchone()
    return None if row is None else int(row[0])


def check_revision(db: Database, plan: Plan) -> None:
    """Raise :class:`StaleWrite` if the stored plan moved on since ``plan`` was read."""
    if plan.id is not None and stored_revision(db, plan.id) not in (None, plan.revision):
        raise StaleWrite(STALE)


def write_changes(db: Database, plan: Plan, changes: Iterable[Change], now: str) -> None:
    """Persist what the journal entries touched, as the plan now has it (nothing for an empty journal).

    Refused with :class:`StaleWrite` when the stored plan is newer than ``plan``; on success
    ``plan.revision`` is the new revision (the caller puts the old one back if the transaction
    does not commit).
    """
    if plan.id is None:
        raise StoreError("这个计划还没有保存到工作区。")
    changes = list(changes)
    if not changes:
        return
    conn = db.conn
    touched: set[int] = set()
    parents: set[int] = set()
    fields_changed = False
    for change in changes:
        if change.kind == "field":
            fields_changed = True
        touched.update(change.task_ids)
        if change.kind in ("insert", "remove") and change.parent_id is not None:
            parents.add(change.parent_id)
    touched.discard(plan.ROOT_ID)
    old, new = plan.revision, plan.revision + 1
    if fields_changed:
        cursor = conn.execute("UPDATE plans SET title = ?, fields = ?, updated_at = ?, next_task_id = ?, "
                              "revision = ? WHERE id = ? AND revision = ?",
                              (plan.title, to_json(plan.fields), now, plan.next_id, new, plan.id, old))
    else:
        cursor = conn.execute("UPDATE plans SET updated_at = ?, next_task_id = ?, revision = ? "
                              "WHERE id = ? AND revision = ?", (now, plan.next_id, new, plan.id, old))
    if cursor.rowcount != 1:
        if stored_revision(db, plan.id) is not None:
            raise StaleWrite(STALE)
        raise StoreError("这个计划已不在工作区中（可能已被删除），修改没有保存。")
    plan.revision = new
    gone = [(plan.id, task_id) for task_id in touched if task_id not in plan]
    conn.executemany("DELETE FROM tasks WHERE plan_id = ? AND id = ?", gone)
    positions = _Positions()
    rows = [(*_row(plan.id, plan[task_id], positions.of(plan[task_id])), new)
            for task_id in touched if task_id in plan]
    conn.executemany(_UPSERT_REVISED, rows)
    shifted = [(position, new, plan.id, child.id)
               for parent_id in parents if parent_id in plan
               for position, child in enumerate(plan[parent_id].children) if child.id not in touched]
    conn.executemany("UPDATE tasks SET position = ?, revision = ? WHERE plan_id = ? AND id = ?", shifted)


class _Positions:
    """Each task's index among its siblings, computed once per parent."""

    def __init__(self) -> None:
        self._cache: dict[int, dict[int, int]] = {}

    def of(self, task: Task) -> int:
        parent = task.parent
        if parent is None:
            return 0
        table = self._cache.get(parent.id)
        if table is None:
            table = {child.id: i for i, child in enumerate(parent.children)}
            self._cache[parent.id] = table
        return table[task.id]


def read_plan(db: Database, plan_id: int) -> Plan:
    """The stored plan with its ids, ``plan.id`` set and an empty journal."""
    row = db.conn.execute("SELECT title, fields, next_task_id, revision FROM plans WHERE id = ?",
                          (plan_id,)).fetchone()
    if row is None:
        raise StoreError(f"工作区中没有编号为 {plan_id} 的计划。")
    title, fields_json, next_task_id, revision = row
    plan = Plan(title)
    plan.fields.update(json.loads(fields_json))
    plan.id = plan_id
    nodes: dict[int, Task] = {}
    top: list[Task] = []
    count = 0
    cursor = db.conn.execute("SELECT id, parent_id, text, attrs FROM tasks WHERE plan_id = ? "
                             "ORDER BY parent_id, position", (plan_id,))
    links: list[tuple[Task, int | None]] = []
    for task_id, parent_id, text, attrs in cursor:
        task = Task(id=task_id, text=text, attrs=json.loads(attrs) if attrs else {})
        nodes[task_id] = task
        links.append((task, parent_id))
        count += 1
    for task, parent_id in links:
        if parent_id is None:
            top.append(task)
            continue
        parent = nodes.get(parent_id)
        if parent is None:
            raise StoreError(f"计划 {plan_id} 的数据不完整（任务 {task.id} 的上级不存在），请从备份恢复。")
        task.parent = parent
        parent.children.append(task)
    for index, task in enumerate(top):
        plan.insert_subtree(plan.ROOT_ID, index, task)
    if sum(1 for _ in plan.tasks()) != count:
        raise StoreError(f"计划 {plan_id} 的数据不完整（任务层级有环），请从备份恢复。")
    plan.reserve_ids(int(next_task_id))
    plan.revision = int(revision)
    plan.take_journal()
    return plan
