"""The command line's last feedback import, kept in the workspace so ``fenjie feedback undo`` can undo it.

The :class:`~desktop.store.changes.OpChanges` record of the last ``feedback import`` (its undo
steps: the progress entries to delete, the assignments' states to put back, the units' returns to
take out of the reporting round and a round the import opened) is stored as JSON in the
``meta`` table (key ``feedback_last_import``), in the import's own transaction when the caller
passes the connection, so a crash can never leave an import without its record. Undoing runs the
record through the one undo path (``revert``) and removes it; as in the window, an assignment
changed after the import keeps its newer state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.core.tracking import ProgressEntry
from desktop.core.tracking_rounds import Rejection, ReturnRecord, Round
from desktop.store.boundary import store_call
from desktop.store.changes import (
    AssignmentState,
    DropEntries,
    DropReturns,
    DropRound,
    OpChanges,
    PutAssignmentStates,
    Step,
)
from desktop.store.connection import transaction
from desktop.store.errors import StoreError
from desktop.store.revert import revert
from desktop.store.tracking_store import Db

LAST_KEY = "feedback_last_import"
NOTHING = "没有可以撤销的反馈表导入（命令行最近一次导入已撤销，或还没有导入过）。"


@dataclass(frozen=True)
class UndoneImport:
    """What ``fenjie feedback undo`` did: the import's label, the counts, the ids left alone."""

    label: str
    restored: int  # assignments put back to their state before the import
    entries: int  # progress entries of the import deleted
    kept: tuple[int, ...]  # assignments changed after the import: their newer state stayed
    returns: tuple[str, ...] = ()  # units whose return of that import was taken out of the round


def _database(db: Db) -> Database:
    return db if isinstance(db, Database) else Database(db, execute_plugins=False)


def _entry(entry: ProgressEntry) -> dict[str, Any]:
    return {"id": entry.id, "date": entry.date.isoformat(), "text": entry.text,
            "reported_by": entry.reported_by, "source": entry.source,
            "attachments": list(entry.attachments), "source_file": entry.source_file}


def _return(record: ReturnRecord) -> list[Any]:
    return [record.round_id, record.unit, record.source, record.saved_at, record.imported_at, record.rows,
            [[item.seq, item.field, item.reason] for item in record.rejected], record.id]


def _encode(record: OpChanges, label: str) -> str:
    states = [step for step in record.undo if isinstance(step, PutAssignmentStates)]
    _, entries = record.tracking_parts()
    rounds = [step.round for step in record.undo if isinstance(step, DropRound)]
    return json.dumps({"label": label,
                       "before": [list(vars(s).values()) for step in states for s in step.states],
                       "after": [list(vars(s).values()) for step in states for s in step.expected],
                       "entries": [[aid, _entry(e)] for aid, e in entries],
                       "returns": [_return(item) for item in record.returns()],
                       "rounds": [list(vars(item).values()) for item in rounds]}, ensure_ascii=False)


def _decode_return(item: list[Any]) -> ReturnRecord:
    round_id, unit, source, saved_at, imported_at, rows, rejected, record_id = item
    return ReturnRecord(int(round_id), str(unit), str(source), saved_at, str(imported_at), int(rows),
                        tuple(Rejection(str(a), str(b), str(c)) for a, b, c in rejected), int(record_id))


def _decode(text: str) -> tuple[OpChanges, str]:
    try:
        data = json.loads(text)
        entries = tuple((int(aid), ProgressEntry(date.fromisoformat(e["date"]), e["text"], e["reported_by"],
                                                 e["source"], tuple(e["attachments"]), e["source_file"],
                                                 e["id"]))
                        for aid, e in data["entries"])
        before = tuple(AssignmentState(*s) for s in data["before"])
        after = tuple(AssignmentState(*s) for s in data["after"])
        returns = tuple(_decode_return(item) for item in data.get("returns", []))
        rounds = tuple(Round(*item) for item in data.get("rounds", []))
        label = str(data.get("label", ""))
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError("工作区中记录的上次导入已损坏，无法撤销。") from error
    steps: list[Step] = []
    if entries:
        steps.append(DropEntries(entries))
    if before:
        steps.append(PutAssignmentStates(before, after))
    if returns:
        steps.append(DropReturns(returns))
    steps.extend(DropRound(item) for item in rounds)
    return OpChanges(label, tuple(steps), tracking=True), label


@store_call("记录本次导入")
def remember(db: Db, record: OpChanges, label: str) -> None:
    """Keep ``record`` as the last import (the caller may hold the transaction)."""
    conn = _database(db).conn
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
                 "excluded.value", (LAST_KEY, _encode(record, label)))


@store_call("撤销上次导入")
def undo_last(db: Db) -> UndoneImport:
    """Undo the last remembered import (one transaction) and forget it."""
    database = _database(db)
    row = database.conn.execute("SELECT value FROM meta WHERE key = ?", (LAST_KEY,)).fetchone()
    if row is None:
        raise StoreError(NOTHING)
    record, label = _decode(row[0])
    with transaction(database):
        redo = revert(database, {}, record, [])
        database.conn.execute("DELETE FROM meta WHERE key = ?", (LAST_KEY,))
    wanted, entries = record.tracking_parts()
    put_back = {state.id for step in redo.undo if isinstance(step, PutAssignmentStates)
                for state in step.states}
    kept = tuple(state.id for state in wanted if state.id not in put_back)
    units = tuple(dict.fromkeys(item.unit for item in record.returns()))
    return UndoneImport(label, len(wanted) - len(kept), len(entries), kept, units)
