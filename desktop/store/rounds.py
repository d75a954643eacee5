"""Reporting rounds in the workspace: open and close them, record the returns, keep the states.

Tables (schema v5): ``report_rounds`` (at most one open round per plan, enforced by a partial
unique index), ``round_returns`` (one row per returned file imported into a round: unit, file,
the workbook's saved time, rows read and what was rejected, as JSON) and ``round_states`` (every
active assignment's status, completion date and due day as the round closed). See
:mod:`desktop.core.tracking_rounds` for what the states mean.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date

from sqlite_utils import Database

from desktop.core.tracking import Assignment
from desktop.core.tracking_rounds import (
    PeriodChange,
    Rejection,
    ReturnRecord,
    Round,
    UnitReturn,
    compare_rounds,
    default_round_name,
    unit_states,
)
from desktop.core.unit_text import normalise_name
from desktop.store.boundary import store_call
from desktop.store.connection import transaction
from desktop.store.errors import StoreError
from desktop.store.rows import now_text
from desktop.store.tracking_store import Db

_ROUND = "SELECT id, plan_id, name, opened_at, closed_at FROM report_rounds"
_RETURN = "SELECT round_id, unit, source, saved_at, imported_at, rows, rejected, id FROM round_returns"


def _database(db: Db) -> Database:
    return db if isinstance(db, Database) else Database(db, execute_plugins=False)


def _round(row: Sequence[object] | None) -> Round | None:
    return None if row is None else Round(*row)  # type: ignore[arg-type]


@store_call("读取报送轮次")
def current_round(db: Db, plan_id: int) -> Round | None:
    """The plan's open round, if any."""
    conn = _database(db).conn
    return _round(conn.execute(f"{_ROUND} WHERE plan_id = ? AND closed_at IS NULL", (plan_id,)).fetchone())


@store_call("读取报送轮次")
def plan_rounds(db: Db, plan_id: int) -> list[Round]:
    """The plan's rounds, oldest first."""
    conn = _database(db).conn
    return [Round(*row) for row in conn.execute(f"{_ROUND} WHERE plan_id = ? ORDER BY opened_at, id",
                                                (plan_id,))]


@store_call("读取报送轮次")
def get_round(db: Db, round_id: int) -> Round | None:
    return _round(_database(db).conn.execute(f"{_ROUND} WHERE id = ?", (round_id,)).fetchone())


@store_call("读取报送轮次")
def previous_round(db: Db, plan_id: int) -> Round | None:
    """The round before the current one: the latest closed round."""
    conn = _database(db).conn
    return _round(conn.execute(f"{_ROUND} WHERE plan_id = ? AND closed_at IS NOT NULL "
                               "ORDER BY closed_at DESC, id DESC LIMIT 1", (plan_id,)).fetchone())


def _snapshot(conn: sqlite3.Connection, round_: Round) -> None:
    conn.execute("DELETE FROM round_states WHERE round_id = ?", (round_.id,))
    conn.execute("INSERT INTO round_states (round_id, assignment_id, status, completed_on, due) "
                 "SELECT ?, id, status, completed_on, due FROM assignments WHERE plan_id = ? AND active = 1",
                 (round_.id, round_.plan_id))


@store_call("结束报送轮次")
def close_round(db: Db, round_id: int) -> Round:
    """Close the round, keeping every active assignment's state as it is now."""
    database = _database(db)
    with transaction(database):
        found = get_round(database, round_id)
        if found is None:
            raise StoreError("没有这个报送轮次。")
        if not found.open:
            return found
        stamp = now_text()
        _snapshot(database.conn, found)
        database.conn.execute("UPDATE report_rounds SET closed_at = ? WHERE id = ?", (stamp, round_id))
    return Round(found.id, found.plan_id, found.name, found.opened_at, stamp)


@store_call("开始报送轮次")
def open_round(db: Db, plan_id: int, name: str | None = None, *, today: date | None = None) -> Round:
    """Open a new round (closing the open one); named after today's month unless ``name`` is given."""
    database = _database(db)
    text = " ".join((name or "").split())
    with transaction(database):
        if database.conn.execute("SELECT 1 FROM plans WHERE id = ? AND deleted_at IS NULL",
                                 (plan_id,)).fetchone() is None:
            raise StoreError(f"工作区中没有编号为 {plan_id} 的计划。")
        taken = {row[0] for row in database.conn.execute("SELECT name FROM report_rounds WHERE plan_id = ?",
                                                         (plan_id,))}
        if text and text in taken:
            raise StoreError(f"这个计划已经有名为“{text}”的报送轮次，请换一个名称。")
        if not text:
            base = default_round_name(today or date.today())
            text, number = base, 2
            while text in taken:
                text, number = f"{base}（第{number}轮）", number + 1
        current = current_round(database, plan_id)
        if current is not None:
            close_round(database, current.id)
        stamp = now_text()
        cursor = database.conn.execute(
            "INSERT INTO report_rounds (plan_id, name, opened_at) VALUES (?, ?, ?)", (plan_id, text, stamp))
        round_id = int(cursor.lastrowid or 0)
    return Round(round_id, plan_id, text, stamp)


@store_call("开始报送轮次")
def ensure_round(db: Db, plan_id: int, today: date | None = None) -> Round:
    """The plan's open round, opened (named after today's month) when there is none."""
    database = _database(db)
    with transaction(database):
        found = current_round(database, plan_id)
        return found if found is not None else open_round(database, plan_id, today=today)


def _rejected_json(items: Sequence[Rejection]) -> str:
    return json.dumps([[item.seq, item.field, item.reason] for item in items], ensure_ascii=False)


def _rejected(text: str) -> tuple[Rejection, ...]:
    try:
        return tuple(Rejection(str(seq), str(field), str(reason)) for seq, field, reason in json.loads(text))
    except (ValueError, TypeError):
        return (Rejection("", "", "（记录已损坏）"),)


@store_call("记录反馈表")
def write_returns(db: Db, records: Sequence[ReturnRecord]) -> tuple[ReturnRecord, ...]:
    """Insert the returns (the caller may hold the transaction); returns them with their ids."""
    conn = _database(db).conn
    out: list[ReturnRecord] = []
    for record in records:
        cursor = conn.execute(
            "INSERT INTO round_returns (round_id, unit, unit_key, source, saved_at, imported_at, rows, "
            "rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (record.round_id, record.unit, normalise_name(record.unit), record.source, record.saved_at,
             record.imported_at, record.rows, _rejected_json(record.rejected)))
        out.append(ReturnRecord(record.round_id, record.unit, record.source, record.saved_at,
                                record.imported_at, record.rows, record.rejected, int(cursor.lastrowid or 0)))
    return tuple(out)


@store_call("撤销反馈表记录")
def delete_returns(db: Db, ids: Sequence[int]) -> None:
    conn = _database(db).conn
    for record_id in ids:
        conn.execute("DELETE FROM round_returns WHERE id = ?", (record_id,))


@store_call("读取报送情况")
def round_returns(db: Db, round_id: int) -> list[ReturnRecord]:
    """The round's returns in the order they were imported."""
    conn = _database(db).conn
    return [ReturnRecord(row[0], row[1], row[2], row[3], row[4], row[5], _rejected(row[6]), row[7])
            for row in conn.execute(f"{_RETURN} WHERE round_id = ? ORDER BY imported_at, id", (round_id,))]


@store_call("读取上期状态")
def round_states(db: Db, round_id: int) -> dict[int, tuple[str, str | None, str | None]]:
    """assignment id → (status, completed_on, due) as the round closed (empty while it is open)."""
    conn = _database(db).conn
    return {row[0]: (row[1], row[2], row[3]) for row in conn.execute(
        "SELECT assignment_id, status, completed_on, due FROM round_states WHERE round_id = ?", (round_id,))}


@store_call("读取任务历史")
def row_history(db: Db, plan_id: int, task_id: int) -> list[tuple[str, str, str, str | None]]:
    """A row's state by round: (round name, unit, status, completed_on) for each closed round, oldest
    first, then the current state under the open round's name (or 当前)."""
    conn = _database(db).conn
    out = [(row[0], row[1], row[2], row[3]) for row in conn.execute(
        "SELECT r.name, a.unit, s.status, s.completed_on FROM round_states s "
        "JOIN report_rounds r ON r.id = s.round_id JOIN assignments a ON a.id = s.assignment_id "
        "WHERE r.plan_id = ? AND a.task_id = ? ORDER BY r.closed_at, r.id, a.role != 'lead', a.id",
        (plan_id, task_id))]
    current = current_round(conn, plan_id)
    label = current.name if current is not None else "当前"
    out += [(label, row[0], row[1], row[2]) for row in conn.execute(
        "SELECT unit, status, completed_on FROM assignments WHERE plan_id = ? AND task_id = ? AND active = 1 "
        "ORDER BY role != 'lead', id", (plan_id, task_id))]
    return out


@store_call("读取报送情况")
def reporting_state(db: Db, plan_id: int) -> tuple[Round | None, list[UnitReturn]]:
    """The plan's current round (the open one, else the latest) and each unit's state in it: every
    unit with an active assignment, 未报送 first. (None, []) while the plan has no round."""
    conn = _database(db).conn
    found = current_round(conn, plan_id)
    if found is None:
        found = _round(conn.execute(f"{_ROUND} WHERE plan_id = ? ORDER BY opened_at DESC, id DESC LIMIT 1",
                                    (plan_id,)).fetchone())
    if found is None:
        return None, []
    units = [row[0] for row in conn.execute(
        "SELECT unit FROM assignments a JOIN (SELECT unit_key, MIN(id) AS first FROM assignments "
        "WHERE plan_id = ? AND active = 1 GROUP BY unit_key) f ON a.id = f.first ORDER BY a.id", (plan_id,))]
    return found, unit_states(units, round_returns(conn, found.id))


@store_call("读取上期状态")
def period_change(db: Db, plan_id: int, assignments: Sequence[Assignment],
                  today: date) -> PeriodChange | None:
    """This round against the last closed one (本期 / 上期); None when there is no closed round."""
    conn = _database(db).conn
    last = previous_round(conn, plan_id)
    if last is None or last.closed_at is None:
        return None
    closed = date.fromisoformat(last.closed_at[:10])
    return compare_rounds(assignments, round_states(conn, last.id), last.name, closed, today)
