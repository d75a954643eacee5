"""The workspace's list of plans: summaries, finding a plan by id or title, copying, archiving, deleting.

Plain functions over an open database; the caller wraps writes in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from desktop.store.errors import StoreError
from desktop.store.rows import now_text, to_json


@dataclass(frozen=True)
class PlanSummary:
    """One line of the workspace's plan list."""

    id: int
    title: str
    year: int | None
    leaf_count: int
    updated_at: datetime
    archived: bool


_SUMMARY_SQL = """
SELECT p.id, p.title, json_extract(p.fields, '$.year'), p.updated_at, p.archived,
       (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND NOT EXISTS
            (SELECT 1 FROM tasks c WHERE c.plan_id = t.plan_id AND c.parent_id = t.id))
FROM plans p {where} ORDER BY p.archived, p.id
"""


def no_such_plan(plan_id: int | str) -> StoreError:
    return StoreError(f"工作区中没有编号为 {plan_id} 的计划。")


def summaries(db: Database, include_archived: bool = True) -> list[PlanSummary]:
    """Plans in id order, archived ones last."""
    where = "" if include_archived else "WHERE p.archived = 0"
    rows = db.conn.execute(_SUMMARY_SQL.format(where=where)).fetchall()
    return [PlanSummary(plan_id, title, None if year is None else int(year), int(leaves),
                        datetime.fromisoformat(updated), bool(archived))
            for plan_id, title, year, updated, archived, leaves in rows]


def find(db: Database, id_or_title: str) -> int:
    """The plan with this id, else the one plan with exactly this title."""
    text = str(id_or_title).strip()
    if text.isdigit() and db.conn.execute("SELECT 1 FROM plans WHERE id = ?", (int(text),)).fetchone():
        return int(text)
    rows = db.conn.execute("SELECT id FROM plans WHERE title = ? ORDER BY id", (text,))
    ids = [int(row[0]) for row in rows]
    if len(ids) == 1:
        return ids[0]
    if ids:
        listed = "、".join(str(i) for i in ids)
        raise StoreError(f"有 {len(ids)} 个计划的标题都是“{text}”（编号 {listed}），请改用编号。")
    if text.isdigit():
        raise no_such_plan(text)
    raise StoreError(f"工作区中没有标题为“{text}”的计划。")


def duplicate(db: Database, plan_id: int, title: str | None = None) -> int:
    """Copy the plan's row and task rows (same task ids); returns the new plan's id."""
    row = db.conn.execute("SELECT title, fields, next_task_id FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if row is None:
        raise no_such_plan(plan_id)
    old_title, fields_json, next_task_id = row
    fields = json.loads(fields_json)
    fields["title"] = title if title is not None else f"{old_title}（副本）"
    now = now_text()
    cursor = db.conn.execute(
        "INSERT INTO plans (title, fields, created_at, updated_at, archived, next_task_id) "
        "VALUES (?, ?, ?, ?, 0, ?)", (fields["title"], to_json(fields), now, now, next_task_id))
    new_id = int(cursor.lastrowid or 0)
    db.conn.execute("INSERT INTO tasks (plan_id, id, parent_id, position, text, attrs) "
                    "SELECT ?, id, parent_id, position, text, attrs FROM tasks WHERE plan_id = ?",
                    (new_id, plan_id))
    return new_id


def delete(db: Database, plan_id: int) -> None:
    if db.conn.execute("DELETE FROM plans WHERE id = ?", (plan_id,)).rowcount != 1:
        raise no_such_plan(plan_id)


def set_archived(db: Database, plan_id: int, archived: bool) -> None:
    if db.conn.execute("UPDATE plans SET archived = ? WHERE id = ?", (int(archived), plan_id)).rowcount != 1:
        raise no_such_plan(plan_id)
