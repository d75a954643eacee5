"""Undoing and redoing a feedback import: one import is one reversible change set.

:func:`apply_changes` writes the updates of an import (the caller holds the transaction) and
returns a :class:`FeedbackUndo`: the states of the touched assignments before and after (status,
completion date, ``updated_at``) and the progress entries it inserted, with their ids.
:func:`undo_feedback` deletes those entries and restores the states exactly, in one transaction;
:func:`redo_feedback` applies the change again and returns the record for the next undo (the
entries get new ids). :func:`apply_updates` applies updates the clerk chose (accepted conflicts)
as a step of its own. The GUI wraps each step in one QUndoCommand.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlite_utils import Database

from desktop.core.feedback_check import Update
from desktop.core.tracking import ProgressEntry
from desktop.store.boundary import store_call
from desktop.store.connection import transaction
from desktop.store.errors import StoreError
from desktop.store.rows import now_text
from desktop.store.tracking_store import Db, add_progress


def _database(db: Db) -> Database:
    return db if isinstance(db, Database) else Database(db, execute_plugins=False)


@dataclass(frozen=True)
class AssignmentState:
    """The columns of an assignments row that an import changes."""

    id: int
    status: str
    completed_on: str | None
    updated_at: str


@dataclass(frozen=True)
class FeedbackUndo:
    """One import as a reversible change set (see the module doc)."""

    before: tuple[AssignmentState, ...] = ()
    after: tuple[AssignmentState, ...] = ()
    entries: tuple[tuple[int, ProgressEntry], ...] = ()  # (assignment id, entry with its id)

    @property
    def empty(self) -> bool:
        return not self.before and not self.entries



@store_call("保存进展")
def apply_updates(db: Db, updates: Sequence[Update]) -> FeedbackUndo:
    """Apply updates chosen by the clerk (conflicts accepted) as one undoable change."""
    database = _database(db)
    with transaction(database):
        return apply_changes(database.conn, updates)


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
def apply_changes(conn: sqlite3.Connection, updates: Sequence[Update]) -> FeedbackUndo:
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
    after: list[AssignmentState] = []
    for assignment_id, update in latest.items():
        done = update.completed_on.isoformat() if update.completed_on else None
        old = before[assignment_id]
        if (old.status, old.completed_on) == (update.status, done):
            after.append(old)
            continue
        conn.execute("UPDATE assignments SET status = ?, completed_on = ?, updated_at = ? WHERE id = ?",
                     (update.status, done, now, assignment_id))
        after.append(AssignmentState(assignment_id, update.status, done, now))
    inserted = tuple((assignment_id, add_progress(conn, assignment_id, entry))
                     for assignment_id, entry in entries)
    changed = [state for state in after if state != before[state.id]]
    return FeedbackUndo(tuple(before[state.id] for state in changed), tuple(changed), inserted)


def _current(conn: sqlite3.Connection, assignment_id: int) -> AssignmentState | None:
    row = conn.execute("SELECT id, status, completed_on, updated_at FROM assignments WHERE id = ?",
                       (assignment_id,)).fetchone()
    return None if row is None else AssignmentState(*row)


def _restore(conn: sqlite3.Connection, targets: Sequence[AssignmentState],
             expected: Sequence[AssignmentState], missing: str) -> tuple[int, ...]:
    """Put each assignment back to its target state, but only where it is still in the expected
    state: one changed since (a later import, the clerk, another window) keeps the newer state.
    Returns the ids that were left alone."""
    kept: list[int] = []
    for target, wanted in zip(targets, expected, strict=True):
        now = _current(conn, target.id)
        if now is None:
            raise StoreError(missing)
        if now != wanted:
            kept.append(target.id)
            continue
        conn.execute("UPDATE assignments SET status = ?, completed_on = ?, updated_at = ? WHERE id = ?",
                     (target.status, target.completed_on, target.updated_at, target.id))
    return tuple(kept)


@store_call("撤销导入")
def undo_feedback(db: Db, record: FeedbackUndo) -> tuple[int, ...]:
    """Put back what one import (or :func:`redo_feedback`) changed, in one transaction.

    Its progress entries are deleted (it refuses, changing nothing, if one has been deleted
    meanwhile); each assignment it changed gets its state back unless something changed it since
    (a later import must not be erased): the ids of those left alone are returned.
    """
    database = _database(db)
    with transaction(database):
        conn = database.conn
        for _, entry in record.entries:
            if conn.execute("DELETE FROM progress_entries WHERE id = ?", (entry.id,)).rowcount != 1:
                raise StoreError("导入的进展记录已被删除或修改，无法撤销这次导入。")
        return _restore(conn, record.before, record.after,
                        "导入涉及的任务分工已不在工作区中，无法撤销这次导入。")


@store_call("重做导入")
def redo_feedback(db: Db, record: FeedbackUndo) -> FeedbackUndo:
    """Apply an undone import again; returns the record to undo it next time (entries get new ids).

    An assignment changed since the undo keeps its newer state and drops out of the record.
    """
    database = _database(db)
    with transaction(database):
        conn = database.conn
        kept = set(_restore(conn, record.after, record.before,
                            "导入涉及的任务分工已不在工作区中，无法重做这次导入。"))
        entries = tuple((assignment_id, add_progress(conn, assignment_id, replace(entry, id=None)))
                        for assignment_id, entry in record.entries)
    pairs = [(old, new) for old, new in zip(record.before, record.after, strict=True) if old.id not in kept]
    return replace(record, before=tuple(old for old, _ in pairs), after=tuple(new for _, new in pairs),
                   entries=entries)
