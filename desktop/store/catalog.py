"""The workspace's list of plans: summaries, finding a plan by id or title, copying, archiving, deleting.

Deleting a plan moves it to the recycle bin (``plans.deleted_at`` is set; NULL means live): it
leaves the list and cannot be found or opened, but its rows stay, so the deletion can be undone
(:func:`restore`). Only :func:`purge` really deletes, and only a plan already in the bin.
Plain functions over an open database; the caller wraps writes in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from desktop.store.errors import StoreError
from desktop.store.rows import now_text, to_json
from desktop.store.sync_mark import clear_mark


@dataclass(frozen=True)
class PlanSummary:
    """One line of the workspace's plan list."""

    id: int
    title: str
    year: int | None
    leaf_count: int
    updated_at: datetime
    archived: bool
    deleted_at: datetime | None = None  # set for plans in the recycle bin


_SUMMARY_SQL = """
SELECT p.id, p.title,
       CASE WHEN json_valid(p.fields) THEN json_extract(p.fields, '$.year') END,
       p.updated_at, p.archived, p.deleted_at,
       (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND NOT EXISTS
            (SELECT 1 FROM tasks c WHERE c.plan_id = t.plan_id AND c.parent_id = t.id))
FROM plans p WHERE {where} ORDER BY {order}
"""
LIVE = "deleted_at IS NULL"


def no_such_plan(plan_id: int | str) -> StoreError:
    return StoreError(f"工作区中没有编号为 {plan_id} 的计划。")


def _summaries(db: Database, where: str, order: str) -> list[PlanSummary]:
    rows = db.conn.execute(_SUMMARY_SQL.format(where=where, order=order)).fetchall()
    return [PlanSummary(plan_id, title, None if year is None else int(year), int(leaves),
                        datetime.fromisoformat(updated), bool(archived),
                        None if deleted is None else datetime.fromisoformat(deleted))
            for plan_id, title, year, updated, archived, deleted, leaves in rows]


def summaries(db: Database, include_archived: bool = True) -> list[PlanSummary]:
    """Live plans (not in the recycle bin) in id order, archived ones last."""
    where = "p.deleted_at IS NULL" + ("" if include_archived else " AND p.archived = 0")
    return _summaries(db, where, "p.archived, p.id")


def live_ids(db: Database) -> list[tuple[int, bool]]:
    """(id, archived) of the live plans in the order of :func:`summaries`, without counting rows."""
    rows = db.conn.execute(f"SELECT id, archived FROM plans WHERE {LIVE} ORDER BY archived, id").fetchall()
    return [(int(plan_id), bool(archived)) for plan_id, archived in rows]


def deleted_summaries(db: Database) -> list[PlanSummary]:
    """The plans in the recycle bin, the most recently deleted first."""
    return _summaries(db, "p.deleted_at IS NOT NULL", "p.deleted_at DESC, p.id DESC")


def is_deleted(db: Database, plan_id: int) -> bool:
    row = db.conn.execute("SELECT deleted_at FROM plans WHERE id = ?", (plan_id,)).fetchone()
    return row is not None and row[0] is not None


def in_bin(plan_id: int | str) -> StoreError:
    return StoreError(f"编号为 {plan_id} 的计划在回收站中，请先从回收站恢复。")


def check_live(db: Database, plan_id: int) -> None:
    """Raise the plain error for a plan in the recycle bin (a missing plan is left to the caller)."""
    if is_deleted(db, plan_id):
        raise in_bin(plan_id)


def find(db: Database, id_or_title: str) -> int:
    """The plan with this id, else the one plan with exactly this title."""
    text = str(id_or_title).strip()
    if text.isdigit() and len(text) > 18:  # beyond SQLite's 64-bit integers: no plan has it
        raise no_such_plan(text if len(text) <= 30 else text[:30] + "…")
    if text.isdigit() and db.conn.execute(f"SELECT 1 FROM plans WHERE id = ? AND {LIVE}",
                                          (int(text),)).fetchone():
        return int(text)
    rows = db.conn.execute(f"SELECT id FROM plans WHERE title = ? AND {LIVE} ORDER BY id", (text,))
    ids = [int(row[0]) for row in rows]
    if len(ids) == 1:
        return ids[0]
    if ids:
        listed = "、".join(str(i) for i in ids)
        raise StoreError(f"有 {len(ids)} 个计划的标题都是“{text}”（编号 {listed}），请改用编号。")
    if text.isdigit():
        check_live(db, int(text))
        raise no_such_plan(text)
    raise StoreError(f"工作区中没有标题为“{text}”的计划。")


def duplicate(db: Database, plan_id: int, title: str | None = None) -> int:
    """Copy the plan's row and task rows (same task ids); returns the new plan's id."""
    check_live(db, plan_id)
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
    """Move a live plan to the recycle bin."""
    check_live(db, plan_id)
    if db.conn.execute(f"UPDATE plans SET deleted_at = ? WHERE id = ? AND {LIVE}",
                       (now_text(), plan_id)).rowcount != 1:
        raise no_such_plan(plan_id)


def restore(db: Database, plan_id: int) -> None:
    """Take a plan out of the recycle bin."""
    if db.conn.execute("UPDATE plans SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
                       (plan_id,)).rowcount != 1:
        raise StoreError(f"回收站中没有编号为 {plan_id} 的计划。")


def purge(db: Database, plan_id: int) -> None:
    """Delete a plan in the recycle bin for good (its tasks and tracking rows go with it)."""
    if db.conn.execute("DELETE FROM plans WHERE id = ? AND deleted_at IS NOT NULL", (plan_id,)).rowcount != 1:
        if db.conn.execute("SELECT 1 FROM plans WHERE id = ?", (plan_id,)).fetchone():
            raise StoreError("只能彻底删除回收站中的计划，请先删除它。")
        raise StoreError(f"回收站中没有编号为 {plan_id} 的计划。")
    clear_mark(db.conn, plan_id)


def set_archived(db: Database, plan_id: int, archived: bool) -> None:
    check_live(db, plan_id)
    if db.conn.execute("UPDATE plans SET archived = ? WHERE id = ?", (int(archived), plan_id)).rowcount != 1:
        raise no_such_plan(plan_id)
