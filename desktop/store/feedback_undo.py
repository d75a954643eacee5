"""Tracking changes as undoable records: a feedback import, accepted conflicts, a status or progress entry.

:func:`apply_changes` writes tracking updates (the caller holds the transaction) and returns an
:class:`~desktop.store.changes.OpChanges` whose undo steps delete the progress entries it inserted
and put the touched assignments' status, completion date and ``updated_at`` back exactly — except
an assignment changed since (by a later import, the clerk or another window), which keeps the
newer state: a later change is never erased. ``Workspace.revert`` runs those steps (and returns
the record that redoes them, the entries then getting new ids), like every other undo.
:func:`apply_updates` applies updates the clerk chose (accepted conflicts, a status change, a
progress entry) as a change of its own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from sqlite_utils import Database

from desktop.core.feedback_check import Update
from desktop.core.tracking import ProgressEntry
from desktop.store.boundary import store_call
from desktop.store.changes import AssignmentState, DropEntries, OpChanges, PutAssignmentStates, Step
from desktop.store.connection import transaction
from desktop.store.errors import StoreError
from desktop.store.rows import now_text
from desktop.store.tracking_store import Db, add_progress

__all__ = ["AssignmentState", "apply_changes", "apply_updates"]


def _database(db: Db) -> Database:
    return db if isinstance(db, Database) else Database(db, execute_plugins=False)


@store_call("保存进展")
def apply_updates(db: Db, updates: Sequence[Update], label: str = "修改督办状态",
                  plan_id: int | None = None) -> OpChanges:
    """Apply updates chosen by the clerk (conflicts accepted, a status, an entry) as one undoable change."""
    database = _database(db)
    with transaction(database):
        return apply_changes(database.conn, updates, label, plan_id)


def _states(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, AssignmentState]:
    found: dict[int, AssignmentState] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT id, status, completed_on, updated_at FROM assignments "
                                f"WHERE id IN ({marks})", chunk):
            found[row[0]] = AssignmentState(*row)
    return found


@store_call("保存进展")
def apply_changes(conn: sqlite3.Connection, updates: Sequence[Update], label: str = "导入反馈表",
                  plan_id: int | None = None) -> OpChanges:
    """Write the updates (the caller holds the transaction); the last update of an assignment wins."""
    latest: dict[int, Update] = {}
    entries: list[tuple[int, ProgressEntry]] = []
    for update in updates:
        latest[update.assignment_id] = update
        if update.entry is not None:
            entries.append((update.assignment_id, update.entry))
    before = _states(conn, list(latest))
    missing = [key for key in latest if key not in before]
    if missing:
        raise StoreError("要更新的任务分工已不在工作区中，请重新导入。")
    now = now_text()
    changed: list[tuple[AssignmentState, AssignmentState]] = []  # (before, after)
    for assignment_id, update in latest.items():
        done = update.completed_on.isoformat() if update.completed_on else None
        old = before[assignment_id]
        if (old.status, old.completed_on) == (update.status, done):
            continue
        conn.execute("UPDATE assignments SET status = ?, completed_on = ?, updated_at = ? WHERE id = ?",
                     (update.status, done, now, assignment_id))
        changed.append((old, AssignmentState(assignment_id, update.status, done, now)))
    inserted = tuple((assignment_id, add_progress(conn, assignment_id, entry))
                     for assignment_id, entry in entries)
    undo: list[Step] = []
    if inserted:
        undo.append(DropEntries(inserted))
    if changed:
        undo.append(PutAssignmentStates(tuple(old for old, _ in changed), tuple(new for _, new in changed)))
    return OpChanges(label, tuple(undo), plan_id=plan_id, tracking=bool(undo))

