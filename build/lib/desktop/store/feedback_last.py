"""The command line's last feedback import, kept in the workspace so ``fenjie feedback undo`` can undo it.

The :class:`~desktop.store.feedback_undo.FeedbackUndo` of the last ``feedback import`` is stored as
JSON in the ``meta`` table (key ``feedback_last_import``), in the import's own transaction when the
caller passes the connection, so a crash can never leave an import without its record. Undoing
removes the record; it is the same guarded undo as the window's (a later change is never erased).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.core.tracking import ProgressEntry
from desktop.store.boundary import store_call
from desktop.store.connection import transaction
from desktop.store.errors import StoreError
from desktop.store.feedback_undo import AssignmentState, FeedbackUndo, undo_feedback
from desktop.store.tracking_store import Db

LAST_KEY = "feedback_last_import"
NOTHING = "没有可以撤销的反馈表导入（命令行最近一次导入已撤销，或还没有导入过）。"


def _database(db: Db) -> Database:
    return db if isinstance(db, Database) else Database(db, execute_plugins=False)


def _entry(entry: ProgressEntry) -> dict[str, Any]:
    return {"id": entry.id, "date": entry.date.isoformat(), "text": entry.text,
            "reported_by": entry.reported_by, "source": entry.source,
            "attachments": list(entry.attachments), "source_file": entry.source_file}


def _encode(record: FeedbackUndo, label: str) -> str:
    return json.dumps({"label": label, "before": [list(vars(s).values()) for s in record.before],
                       "after": [list(vars(s).values()) for s in record.after],
                       "entries": [[aid, _entry(e)] for aid, e in record.entries]}, ensure_ascii=False)


def _decode(text: str) -> tuple[FeedbackUndo, str]:
    try:
        data = json.loads(text)
        entries = tuple((int(aid), ProgressEntry(date.fromisoformat(e["date"]), e["text"], e["reported_by"],
                                                 e["source"], tuple(e["attachments"]), e["source_file"],
                                                 e["id"]))
                        for aid, e in data["entries"])
        record = FeedbackUndo(tuple(AssignmentState(*s) for s in data["before"]),
                              tuple(AssignmentState(*s) for s in data["after"]), entries)
        return record, str(data.get("label", ""))
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError("工作区中记录的上次导入已损坏，无法撤销。") from error


@store_call("记录本次导入")
def remember(db: Db, record: FeedbackUndo, label: str) -> None:
    """Keep ``record`` as the last import (the caller may hold the transaction)."""
    conn = _database(db).conn
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
                 "excluded.value", (LAST_KEY, _encode(record, label)))


@store_call("撤销上次导入")
def undo_last(db: Db) -> tuple[str, FeedbackUndo, tuple[int, ...]]:
    """Undo the last remembered import: (its label, its record, ids kept because changed since)."""
    database = _database(db)
    row = database.conn.execute("SELECT value FROM meta WHERE key = ?", (LAST_KEY,)).fetchone()
    if row is None:
        raise StoreError(NOTHING)
    record, label = _decode(row[0])
    with transaction(database):
        kept = undo_feedback(database, record)  # nested: joins this transaction
        database.conn.execute("DELETE FROM meta WHERE key = ?", (LAST_KEY,))
    return label, record, kept
