"""A row's history across reporting rounds, from the workspace (see :mod:`desktop.core.tracking_history`).

:func:`round_history` gives, newest first, the current state (under the open round's name, else
当前) and every closed round of the plan as it closed: each unit of the row with its state kept in
``round_states``, whether it returned its workbook in that round (``round_returns``), whether it
was overdue then, and the latest progress entry recorded before the round closed.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from sqlite_utils import Database

from desktop.core.tracking import DONE
from desktop.core.tracking_history import CURRENT, RoundHistory, UnitInRound
from desktop.core.tracking_rounds import Round, unit_states
from desktop.core.unit_text import normalise_name
from desktop.store.boundary import store_call
from desktop.store.rounds import current_round, plan_rounds, round_returns
from desktop.store.tracking_store import Db


def _conn(db: Db) -> sqlite3.Connection:
    return db.conn if isinstance(db, Database) else db


def _returned(conn: sqlite3.Connection, round_: Round | None, units: list[str]) -> dict[str, str]:
    if round_ is None:
        return {}
    states = unit_states(units, round_returns(conn, round_.id))
    return {normalise_name(item.unit): item.state for item in states}


def _latest_entry(conn: sqlite3.Connection, assignment_id: int, before: str | None) -> tuple[str, str | None]:
    query = "SELECT text, entry_date FROM progress_entries WHERE assignment_id = ?"
    args: list[object] = [assignment_id]
    if before is not None:
        query += " AND recorded_at <= ?"
        args.append(before)
    row = conn.execute(query + " ORDER BY entry_date DESC, id DESC LIMIT 1", args).fetchone()
    return (row[0], row[1]) if row is not None else ("", None)


def _overdue(status: str, due: str | None, on: date) -> bool:
    return status != DONE and due is not None and date.fromisoformat(due) < on


Row = tuple[int, str, str, str, str | None, str | None]  # id, unit, role, status, completed_on, due


def _units(conn: sqlite3.Connection, rows: list[Row], round_: Round | None, on: date,
           before: str | None) -> tuple[UnitInRound, ...]:
    """``rows``: (assignment id, unit, role, status, completed_on, due), 牵头单位 first."""
    returned = _returned(conn, round_, [row[1] for row in rows])
    out = []
    for assignment_id, unit, role, status, completed_on, due in rows:
        text, day = _latest_entry(conn, assignment_id, before)
        out.append(UnitInRound(unit, role, status, completed_on, _overdue(status, due, on),
                               returned.get(normalise_name(unit), ""), text, day))
    return tuple(out)


@store_call("读取历次报送")
def round_history(db: Db, plan_id: int, task_id: int, today: date) -> list[RoundHistory]:
    """The row's history, newest first (see the module doc)."""
    conn = _conn(db)
    current = current_round(conn, plan_id)
    now: list[Row] = [tuple(row) for row in conn.execute(
        "SELECT id, unit, role, status, completed_on, due FROM assignments "
        "WHERE plan_id = ? AND task_id = ? AND active = 1 ORDER BY role != 'lead', id", (plan_id, task_id))]
    out = [RoundHistory(current.name if current is not None else CURRENT, True, None,
                        _units(conn, now, current, today, None))]
    for found in reversed(plan_rounds(conn, plan_id)):
        if found.open or found.closed_at is None:
            continue
        kept: list[Row] = [tuple(row) for row in conn.execute(
            "SELECT a.id, a.unit, a.role, s.status, s.completed_on, s.due FROM round_states s "
            "JOIN assignments a ON a.id = s.assignment_id WHERE s.round_id = ? AND a.task_id = ? "
            "ORDER BY a.role != 'lead', a.id", (found.id, task_id))]
        closed = date.fromisoformat(found.closed_at[:10])
        out.append(RoundHistory(found.name, False, found.closed_at,
                                _units(conn, kept, found, closed, found.closed_at)))
    return out
