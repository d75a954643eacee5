"""Progress tracking in the workspace: the ``assignments`` and ``progress_entries`` tables.

One ``assignments`` row per (plan, leaf task, unit) — the unit matched by ``unit_key`` (its name
without spaces, brackets full-width) — with its role, status, completion date, due day and an
``active`` flag: rows are never deleted when a unit leaves a row, so undoing the change brings the
history back. ``task_id`` deliberately has no foreign key to ``tasks``: a deleted leaf's history
must survive until the plan itself is deleted (the workspace never reuses task ids). Each
``progress_entries`` row is one dated report with its attachments as a JSON list of file paths.
Deleting a plan deletes its assignments and their logs (ON DELETE CASCADE).

Dates are ISO text (2024-12-31), so "overdue" is a plain SQL comparison: see :data:`OVERDUE_SQL`.
Every public writer runs in one transaction (a savepoint when the caller already holds one).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.core.model import Plan
from desktop.core.tracking import (
    DISPLAY_STATUSES,
    Assignment,
    ProgressEntry,
    Reconciled,
    sync_assignments,
)
from desktop.core.unit_text import normalise_name
from desktop.core.units import UnitDirectory
from desktop.store.boundary import store_call
from desktop.store.connection import transaction
from desktop.store.errors import StoreError
from desktop.store.rows import check_revision, now_text
from desktop.store.sync_mark import is_synced, write_mark
from desktop.store.tracking_sync import with_ids, write_synced

# The displayed status of an assignments row; bind :today as an ISO date.
OVERDUE_SQL = ("CASE WHEN status != 'done' AND due IS NOT NULL AND due < :today "
               "THEN 'overdue' ELSE status END")

Db = Database | sqlite3.Connection  # every function takes either

_COLUMNS = "id, task_id, unit, role, status, completed_on, due, active"
_UPSERT = (
    "INSERT INTO assignments (plan_id, task_id, unit, unit_key, role, status, completed_on, due, active, "
    "updated_at) VALUES (:plan_id, :task_id, :unit, :unit_key, :role, :status, :completed_on, :due, "
    ":active, :now) ON CONFLICT (plan_id, task_id, unit_key) DO UPDATE SET unit = excluded.unit, "
    "role = excluded.role, status = excluded.status, completed_on = excluded.completed_on, "
    "due = excluded.due, active = excluded.active, updated_at = excluded.updated_at")


def _database(db: Db) -> Database:
    return db if isinstance(db, Database) else Database(db, execute_plugins=False)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


# id, assignment id, date, text, reported by, source, source file, attachments (JSON)
_EntryRow = tuple[int, int, str, str, str, str, str, str]


def _entry(row: _EntryRow) -> ProgressEntry:
    entry_id, _, on, text, reported_by, source, source_file, attachments = row
    return ProgressEntry(date.fromisoformat(on), text, reported_by, source,
                         tuple(json.loads(attachments)), source_file, entry_id)


@store_call("读取任务分工")
def load_assignments(db: Db, plan_id: int, *,
                     include_inactive: bool = True) -> list[Assignment]:
    """The plan's assignments (ordered by task id, role, unit) with their logs in date order."""
    conn = _database(db).conn
    where = "plan_id = ?" + ("" if include_inactive else " AND active = 1")
    rows = conn.execute(f"SELECT {_COLUMNS} FROM assignments WHERE {where} "
                        "ORDER BY task_id, role, id", (plan_id,)).fetchall()
    logs: dict[int, list[ProgressEntry]] = {}
    for row in conn.execute(
            "SELECT p.id, p.assignment_id, p.entry_date, p.text, p.reported_by, p.source, p.source_file, "
            "p.attachments FROM progress_entries p JOIN assignments a ON a.id = p.assignment_id "
            f"WHERE a.{where} ORDER BY p.entry_date, p.id", (plan_id,)):
        logs.setdefault(row[1], []).append(_entry(row))
    return [Assignment(task_id, unit, role, status, _date(done), _date(due), bool(active),
                       tuple(logs.get(row_id, ())), row_id)
            for row_id, task_id, unit, role, status, done, due, active in rows]


def _assignments(rows: Sequence[tuple[Any, ...]], logs: dict[int, list[ProgressEntry]]) -> list[Assignment]:
    return [Assignment(task_id, unit, role, status, _date(done), _date(due), bool(active),
                       tuple(logs.get(row_id, ())), row_id)
            for row_id, task_id, unit, role, status, done, due, active in rows]


@store_call("读取任务分工")
def load_page(db: Db, plan_id: int, after_id: int, limit: int) -> list[Assignment]:
    """Up to ``limit`` of the plan's assignments with ids above ``after_id``, in id order, with their
    logs: the window reads a large plan's assignments a page at a time between frames."""
    conn = _database(db).conn
    # "+plan_id": walk the ids from after_id (the primary key), not the plan's rows through an index
    rows = conn.execute(f"SELECT {_COLUMNS} FROM assignments WHERE id > ? AND +plan_id = ? "
                        "ORDER BY id LIMIT ?", (after_id, plan_id, limit)).fetchall()
    return _assignments(rows, _logs(conn, [row[0] for row in rows]))


@store_call("读取任务分工")
def load_by_ids(db: Db, plan_id: int, ids: Iterable[int], *, tasks: bool = False) -> list[Assignment]:
    """The plan's assignments with those ids (or, with ``tasks``, of those task ids) and their logs."""
    conn = _database(db).conn
    wanted = sorted(set(ids))
    column = "task_id" if tasks else "id"
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows.extend(conn.execute(f"SELECT {_COLUMNS} FROM assignments WHERE plan_id = ? AND {column} IN "
                                 f"({','.join('?' * len(chunk))})", (plan_id, *chunk)))
    rows.sort(key=lambda row: (row[1], row[3], row[0]))
    return _assignments(rows, _logs(conn, [row[0] for row in rows]))


@store_call("读取任务分工")
def load_unit(db: Db, plan_id: int, unit_key: str) -> list[Assignment]:
    """One unit's active assignments in the plan (by its name key), with their logs, in the order
    of :func:`load_assignments` (an import reads only the units whose files it imports)."""
    conn = _database(db).conn
    rows = conn.execute(f"SELECT {_COLUMNS} FROM assignments WHERE plan_id = ? AND active = 1 "
                        "AND unit_key = ? ORDER BY task_id, role, id", (plan_id, unit_key)).fetchall()
    return _assignments(rows, _logs(conn, [row[0] for row in rows]))


def _logs(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[ProgressEntry]]:
    """The logs of those assignments, each in date order."""
    logs: dict[int, list[ProgressEntry]] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        for row in conn.execute(
                "SELECT id, assignment_id, entry_date, text, reported_by, source, source_file, attachments "
                f"FROM progress_entries WHERE assignment_id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY entry_date, id", chunk):
            logs.setdefault(row[1], []).append(_entry(row))
    for entries in logs.values():
        entries.sort(key=lambda entry: (entry.date, entry.id or 0))
    return logs


def _insert_entry(conn: sqlite3.Connection, assignment_id: int, entry: ProgressEntry) -> ProgressEntry:
    entry.check()
    cursor = conn.execute(
        "INSERT INTO progress_entries (assignment_id, entry_date, text, reported_by, source, source_file, "
        "attachments, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (assignment_id, entry.date.isoformat(), entry.text, entry.reported_by, entry.source,
         entry.source_file, json.dumps(list(entry.attachments), ensure_ascii=False), now_text()))
    return replace(entry, id=int(cursor.lastrowid or 0))


def _write(conn: sqlite3.Connection, plan_id: int, item: Assignment, now: str) -> Assignment:
    item.check()
    values = {"plan_id": plan_id, "task_id": item.task_id, "unit": item.unit,
              "unit_key": normalise_name(item.unit), "role": item.role, "status": item.status,
              "completed_on": _iso(item.completed_on), "due": _iso(item.due), "active": int(item.active),
              "now": now, "id": item.id}
    if item.id is not None:
        cursor = conn.execute(
            "UPDATE assignments SET task_id = :task_id, unit = :unit, unit_key = :unit_key, role = :role, "
            "status = :status, completed_on = :completed_on, due = :due, active = :active, "
            "updated_at = :now WHERE id = :id AND plan_id = :plan_id", values)
        if cursor.rowcount != 1:
            raise StoreError("要保存的进展记录已不在工作区中，请重新打开该计划。")
        row_id = item.id
    else:
        conn.execute(_UPSERT, values)
        row_id = conn.execute("SELECT id FROM assignments WHERE plan_id = ? AND task_id = ? AND unit_key = ?",
                              (plan_id, item.task_id, values["unit_key"])).fetchone()[0]
    log = tuple(entry if entry.id is not None else _insert_entry(conn, row_id, entry)
                for entry in item.progress)
    return replace(item, id=row_id, progress=log)


def _check_plan(conn: sqlite3.Connection, plan_id: int) -> None:
    if conn.execute("SELECT 1 FROM plans WHERE id = ?", (plan_id,)).fetchone() is None:
        raise StoreError(f"工作区中没有编号为 {plan_id} 的计划。")


@store_call("保存任务分工")
def save_assignments(db: Db, plan_id: int,
                     assignments: Iterable[Assignment]) -> list[Assignment]:
    """Write the assignments (and their log entries that have no id yet) in one transaction.

    A row is found by its id, or for a new one by (plan, task, unit key); returns the assignments
    with their ids and their entries' ids filled in.
    """
    database = _database(db)
    now = now_text()
    try:
        with transaction(database):
            _check_plan(database.conn, plan_id)
            return [_write(database.conn, plan_id, item, now) for item in assignments]
    except sqlite3.IntegrityError:
        raise StoreError("同一任务下这个单位已有一条分工记录，没有保存。") from None


@store_call("保存任务分工")
def save_assignment(db: Db, plan_id: int, assignment: Assignment) -> Assignment:
    """Write one assignment (see :func:`save_assignments`); returns it with its ids."""
    return save_assignments(db, plan_id, [assignment])[0]


@store_call("保存进展")
def add_progress(db: Db, assignment_id: int, entry: ProgressEntry) -> ProgressEntry:
    """Append one entry to an assignment's log in its own transaction; returns it with its id."""
    database = _database(db)
    with transaction(database):
        found = database.conn.execute("SELECT 1 FROM assignments WHERE id = ?", (assignment_id,)).fetchone()
        if found is None:
            raise StoreError("这条任务分工已不在工作区中，进展没有保存。")
        return _insert_entry(database.conn, assignment_id, entry)


@store_call("删除进展记录")
def delete_progress(db: Db, entry_id: int) -> None:
    """Remove one log entry (a report typed by mistake)."""
    database = _database(db)
    with transaction(database):
        if database.conn.execute("DELETE FROM progress_entries WHERE id = ?", (entry_id,)).rowcount != 1:
            raise StoreError("这条进展记录已不存在。")


@store_call("同步任务分工")
def sync_plan(db: Db, plan: Plan,
              directory: UnitDirectory | None = None) -> Reconciled:
    """Bring the stored assignments in line with the plan's leaves, units and deadlines (one transaction).

    Returns the reconciliation with every assignment's id filled in. A plan whose sync mark says
    it is already in line (``sync_mark``: same revision, directory and rules) is only read.
    """
    if plan.id is None:
        raise StoreError("这个计划还没有保存到工作区。")
    database = _database(db)
    with transaction(database):
        check_revision(database, plan)  # a stale copy would undo another writer's assignments
        if is_synced(database.conn, plan.id, plan.revision, directory):
            return Reconciled(load_assignments(database, plan.id), [], [], [], [])
        result = sync_assignments(plan, load_assignments(database, plan.id), directory)
        saved = write_synced(database.conn, plan.id, result.changed)
        write_mark(database.conn, plan.id, plan.revision, directory)
    return with_ids(result, saved)


@store_call("统计完成情况")
def status_counts(db: Db, plan_id: int, today: date) -> dict[str, dict[str, int]]:
    """For the dashboard: per unit, how many active assignments show each status (overdue derived).

    Keys of the inner dicts are ``DISPLAY_STATUSES`` (all present, zeros included); an assignment
    counts once, as ``overdue`` when its due day is before ``today`` and it is not done. Units in
    the order of their lowest task id, then of their first stored row (the order of the cell).
    """
    conn = _database(db).conn
    rows = conn.execute(
        f"SELECT unit_key, MIN(unit), {OVERDUE_SQL} AS shown, COUNT(*), MIN(task_id), MIN(id) "
        "FROM assignments WHERE plan_id = :plan AND active = 1 GROUP BY unit_key, shown",
        {"plan": plan_id, "today": today.isoformat()}).fetchall()
    first: dict[str, tuple[int, int]] = {}
    names: dict[str, str] = {}
    counts: dict[str, dict[str, int]] = {}
    for key, unit, shown, count, task_id, row_id in rows:
        names.setdefault(key, unit)
        first[key] = min(first.get(key, (task_id, row_id)), (task_id, row_id))
        counts.setdefault(key, dict.fromkeys(DISPLAY_STATUSES, 0))[shown] = count
    return {names[key]: counts[key] for key in sorted(counts, key=first.__getitem__)}


@store_call("更新任务分工中的单位名称")
def rename_unit(db: Db, old: str, new: str) -> int:
    """Carry assignments over when a unit is renamed in the directory; returns how many moved.

    Rows of a task that already has an assignment for ``new`` are left under the old name.
    """
    database = _database(db)
    old_key, new_key = normalise_name(old), normalise_name(new)
    with transaction(database):
        return database.conn.execute(
            "UPDATE assignments SET unit = ?, unit_key = ?, updated_at = ? WHERE unit_key = ? AND NOT EXISTS "
            "(SELECT 1 FROM assignments other WHERE other.plan_id = assignments.plan_id "
            "AND other.task_id = assignments.task_id AND other.unit_key = ?)",
            (new, new_key, now_text(), old_key, new_key)).rowcount
