"""Bringing assignments in line with the plan for some of its rows, and writing what a sync changed.

:func:`sync_tasks` reconciles the assignments of the given task ids only (their leaves' expected
units against their stored rows, see ``core.tracking.reconcile``) in one transaction with the
plan's revision checked: what an edit touched, or one slice of a first sync that the window runs
between frames. :func:`full_sync_ids` lists the ids a complete sync covers (every leaf, and every
task that still has active assignments although it is no leaf any more), so that syncing them in
any slices leaves the same rows as one ``sync_plan``. :func:`finish_sync` then writes the sync
mark (``sync_mark``) when nothing is left to sync. :func:`write_synced` is the bulk writer both
use: a sync only ever changes an assignment's unit spelling, role, due day and ``active`` flag,
or adds new rows.

What a sync writes can always be derived again from the plan, so the slices commit with
``synchronous=NORMAL`` (see :func:`_derived`): the write-ahead log is not flushed to disk at each
of them — a flush costs a few milliseconds on a busy disk, more than the slice itself — but at
the next ordinary commit or checkpoint. A power cut can lose only the last slices and the mark
written after them (the log keeps commits in order), and a plan without its mark is synced in
full when next opened. The clerk's own edits keep ``synchronous=FULL``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from sqlite_utils import Database

from desktop.core.model import Plan
from desktop.core.tracking import Assignment, Reconciled, expected_assignments, plan_dues, reconcile
from desktop.core.unit_text import normalise_name
from desktop.core.units import UnitDirectory
from desktop.store.boundary import store_call
from desktop.store.connection import transaction
from desktop.store.errors import StoreError
from desktop.store.rows import check_revision, now_text
from desktop.store.sync_mark import is_synced, write_mark

Db = Database | sqlite3.Connection
_CHUNK = 500  # ids per IN (...) list


@contextmanager
def _derived(database: Database) -> Iterator[Database]:
    """One transaction of derived rows: committed without waiting for the disk (see the module doc)."""
    conn = database.conn
    if conn.in_transaction:  # part of the caller's transaction: its commit decides
        with transaction(database):
            yield database
        return
    (level,) = conn.execute("PRAGMA synchronous").fetchone()
    conn.execute("PRAGMA synchronous = NORMAL")
    try:
        with transaction(database):
            yield database
    finally:
        conn.execute(f"PRAGMA synchronous = {int(level)}")


def _database(db: Db) -> Database:
    return db if isinstance(db, Database) else Database(db, execute_plugins=False)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start:start + _CHUNK])


def _stored(conn: sqlite3.Connection, plan_id: int, task_ids: Sequence[int]) -> list[Assignment]:
    """The stored assignments of those tasks without their logs (a sync never touches a log)."""
    rows: list[tuple[int, int, str, str, str, str | None, str | None, int]] = []
    for chunk in _chunks(task_ids):
        marks = ",".join("?" * len(chunk))
        rows.extend(conn.execute(
            "SELECT id, task_id, unit, role, status, completed_on, due, active FROM assignments "
            f"WHERE plan_id = ? AND task_id IN ({marks})", (plan_id, *chunk)))
    rows.sort(key=lambda row: (row[1], row[3], row[0]))  # as load_assignments orders them
    return [Assignment(task_id, unit, role, status, None if done is None else date.fromisoformat(done),
                       None if due is None else date.fromisoformat(due), bool(active), (), row_id)
            for row_id, task_id, unit, role, status, done, due, active in rows]


def write_synced(conn: sqlite3.Connection, plan_id: int,
                 changed: Sequence[Assignment]) -> dict[tuple[int, str], int]:
    """Write a sync's changes (the caller holds the transaction); returns the new rows' ids by key.

    Existing rows take the unit spelling, role, due day and active flag; new rows are inserted
    with their status. Ids are INTEGER PRIMARY KEYs, so the new rows are the ones above the
    highest id before the insert (the write lock is held throughout).
    """
    now = now_text()
    for item in changed:
        item.check()
    updates = [(item.unit, normalise_name(item.unit), item.role, _iso(item.due), int(item.active), now,
                item.id, plan_id) for item in changed if item.id is not None]
    if updates:
        cursor = conn.executemany(
            "UPDATE assignments SET unit = ?, unit_key = ?, role = ?, due = ?, active = ?, updated_at = ? "
            "WHERE id = ? AND plan_id = ?", updates)
        if cursor.rowcount != len(updates):
            raise StoreError("要保存的进展记录已不在工作区中，请重新打开该计划。")
    new = [item for item in changed if item.id is None]
    if not new:
        return {}
    (highest,) = conn.execute("SELECT COALESCE(MAX(id), 0) FROM assignments").fetchone()
    try:
        conn.executemany(
            "INSERT INTO assignments (plan_id, task_id, unit, unit_key, role, status, completed_on, due, "
            "active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(plan_id, item.task_id, item.unit, normalise_name(item.unit), item.role, item.status,
              _iso(item.completed_on), _iso(item.due), int(item.active), now) for item in new])
    except sqlite3.IntegrityError:
        raise StoreError("同一任务下这个单位已有一条分工记录，没有保存。") from None
    return {(task_id, key): row_id for row_id, task_id, key in conn.execute(
        "SELECT id, task_id, unit_key FROM assignments WHERE id > ? AND plan_id = ?", (highest, plan_id))}


def with_ids(result: Reconciled, ids: dict[tuple[int, str], int]) -> Reconciled:
    """The reconciliation with each new assignment given the id it was stored under."""
    if not ids:
        return result
    fresh = {id(item): Assignment(item.task_id, item.unit, item.role, item.status, item.completed_on,
                                  item.due, item.active, item.progress, ids.get(item.key))
             for item in result.added}

    def mapped(items: Sequence[Assignment]) -> list[Assignment]:
        return [fresh.get(id(item), item) for item in items]

    return Reconciled(mapped(result.assignments), mapped(result.added), result.deactivated,
                      result.reactivated, mapped(result.changed))


@store_call("同步任务分工")
def sync_tasks(db: Db, plan: Plan, directory: UnitDirectory | None, task_ids: Iterable[int]) -> Reconciled:
    """Reconcile the assignments of ``task_ids`` only, in one transaction (revision checked).

    A leaf among them gets its expected units; every stored row of them that is not expected
    (its unit left the row, or the task is no leaf or no longer in the plan) becomes inactive.
    Returns the reconciliation of those tasks (assignments without their logs, ids filled in).
    """
    if plan.id is None:
        raise StoreError("这个计划还没有保存到工作区。")
    ids = list(dict.fromkeys(task_ids))
    database = _database(db)
    with _derived(database):
        check_revision(database, plan)
        leaves = [task for task in (plan[i] for i in ids if i in plan)
                  if task.is_leaf and task.parent is not None]
        expected = expected_assignments(plan, directory, leaves)
        result = reconcile(_stored(database.conn, plan.id, ids), expected, plan_dues(plan, leaves))
        saved = write_synced(database.conn, plan.id, result.changed)
    return with_ids(result, saved)


@store_call("读取任务分工")
def full_sync_ids(db: Db, plan: Plan) -> list[int]:
    """What a complete sync covers: every leaf in plan order, then every other task (in id order)
    that still has active assignments (a leaf that got rows under it, a deleted row)."""
    if plan.id is None:
        return []
    leaves = [leaf.id for leaf in plan.leaves()]
    known = set(leaves)
    stale = sorted(task_id for (task_id,) in _database(db).conn.execute(
        "SELECT DISTINCT task_id FROM assignments WHERE plan_id = ? AND active = 1", (plan.id,))
        if task_id not in known)
    return leaves + stale


@store_call("同步任务分工")
def plan_synced(db: Db, plan: Plan, directory: UnitDirectory | None) -> bool:
    """Whether the plan's assignments are in line with this copy of the plan (its mark matches)."""
    return plan.id is not None and is_synced(_database(db).conn, plan.id, plan.revision, directory)


@store_call("同步任务分工")
def finish_sync(db: Db, plan: Plan, directory: UnitDirectory | None) -> None:
    """Record that every assignment of the plan is now in line with it (after the last slice)."""
    if plan.id is None:
        return
    database = _database(db)
    with _derived(database):
        check_revision(database, plan)
        write_mark(database.conn, plan.id, plan.revision, directory)
