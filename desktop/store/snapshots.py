"""Named snapshots of a plan (初稿, 征求意见稿, …): rows of the ``snapshots`` table.

A snapshot is the plan's ``fenjie-plan/1`` JSON as it was (``content``), its task ids in
document order (``task_ids``, so that it can be compared with the plan by identity and restored
with the same ids), the plan's next task id, its name (unique per plan) and when it was taken.
Serialising is the caller's job (desktop.formats.snapshots); this module only stores rows, and the
caller holds the transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from desktop.store.errors import StoreError

MAX_NAME = 60


@dataclass(frozen=True)
class SnapshotInfo:
    """One snapshot as listed: its id, plan, name, time (UTC ISO) and number of rows."""

    id: int
    plan_id: int
    name: str
    created_at: str
    rows: int


@dataclass(frozen=True)
class SnapshotData:
    """A snapshot's stored content: the plan JSON and its task ids in document order."""

    info: SnapshotInfo
    content: str
    task_ids: list[int]
    next_task_id: int


_COLUMNS = "id, plan_id, name, created_at, row_count"


def _info(row: tuple[int, int, str, str, int]) -> SnapshotInfo:
    return SnapshotInfo(int(row[0]), int(row[1]), str(row[2]), str(row[3]), int(row[4]))


def clean_name(name: str) -> str:
    """The name as stored, or a StoreError for an empty or overlong one."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise StoreError("快照名称不能为空。")
    if len(cleaned) > MAX_NAME:
        raise StoreError(f"快照名称太长（最多 {MAX_NAME} 个字）。")
    return cleaned


def insert(db: Database, plan_id: int, name: str, content: str, task_ids: list[int],
           next_task_id: int, now: str) -> SnapshotInfo:
    name = clean_name(name)
    if db.conn.execute("SELECT 1 FROM plans WHERE id = ?", (plan_id,)).fetchone() is None:
        raise StoreError(f"工作区中没有编号为 {plan_id} 的计划。")
    try:
        cursor = db.conn.execute(
            "INSERT INTO snapshots (plan_id, name, created_at, content, task_ids, next_task_id, row_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (plan_id, name, now, content, json.dumps(task_ids), next_task_id, len(task_ids)))
    except sqlite3.IntegrityError:
        raise StoreError(f"这个计划已有名为“{name}”的快照，请换一个名称。") from None
    return SnapshotInfo(int(cursor.lastrowid or 0), plan_id, name, now, len(task_ids))


def listing(db: Database, plan_id: int) -> list[SnapshotInfo]:
    """The plan's snapshots, oldest first."""
    rows = db.conn.execute(f"SELECT {_COLUMNS} FROM snapshots WHERE plan_id = ? ORDER BY created_at, id",
                           (plan_id,)).fetchall()
    return [_info(row) for row in rows]


def read(db: Database, snapshot_id: int) -> SnapshotData:
    row = db.conn.execute(f"SELECT {_COLUMNS}, content, task_ids, next_task_id FROM snapshots WHERE id = ?",
                          (snapshot_id,)).fetchone()
    if row is None:
        raise StoreError("找不到这个快照，它可能已被删除。")
    return SnapshotData(_info(row[:5]), str(row[5]), [int(i) for i in json.loads(row[6])], int(row[7]))


def find(db: Database, plan_id: int, name: str) -> SnapshotInfo:
    """The plan's snapshot with exactly this name (spaces ignored at the ends)."""
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM snapshots WHERE plan_id = ? AND name = ?",
                          (plan_id, " ".join(str(name).split()))).fetchone()
    if row is None:
        names = "、".join(info.name for info in listing(db, plan_id)) or "无"
        raise StoreError(f"这个计划没有名为“{name}”的快照（已有：{names}）。")
    return _info(row)


def rename(db: Database, snapshot_id: int, name: str) -> SnapshotInfo:
    data = read(db, snapshot_id)
    name = clean_name(name)
    try:
        db.conn.execute("UPDATE snapshots SET name = ? WHERE id = ?", (name, snapshot_id))
    except sqlite3.IntegrityError:
        raise StoreError(f"这个计划已有名为“{name}”的快照，请换一个名称。") from None
    info = data.info
    return SnapshotInfo(info.id, info.plan_id, name, info.created_at, info.rows)


def delete(db: Database, snapshot_id: int) -> None:
    if db.conn.execute("DELETE FROM snapshots WHERE id = ?", (snapshot_id,)).rowcount == 0:
        raise StoreError("找不到这个快照，它可能已被删除。")
