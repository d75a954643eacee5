"""Whether a plan's assignments are in line with the plan: the sync mark in the ``meta`` table.

A sync (whole or incremental, see ``tracking_sync``) that leaves every assignment of a plan in
line with the plan writes ``tracking_sync/<plan id>`` = the plan revision it synced, a
fingerprint of the units directory it read names with, the plan's creation time and
:data:`SYNC_RULES` (bumped whenever the rules that turn a cell into units or a deadline into a
due day change). While all of them still hold, the assignments need no sync: re-opening a
plan nobody changed costs one read.

Anything that changes what a sync would produce changes one of the three: every plan write
bumps the revision (rows, units, deadlines, the plan's year and issue date), and a directory
edit (rename, merge, alias) changes the fingerprint. The mark is written in the sync's own
transaction, so it can never claim a sync that was rolled back.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from desktop.core.units import UnitDirectory

SYNC_RULES = 1  # bump when cell_units or the deadline rules change what a sync writes
_PREFIX = "tracking_sync/"


def units_fingerprint(directory: UnitDirectory | None) -> str:
    """A short digest of what a sync reads from the directory: names, short names, aliases."""
    if directory is None:
        return "-"
    data = [(unit.name, unit.short_name, list(unit.aliases)) for unit in directory.units]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _created(conn: sqlite3.Connection, plan_id: int) -> str:
    """When the plan was made: a purged plan's id given to a new plan never matches its old mark."""
    row = conn.execute("SELECT created_at FROM plans WHERE id = ?", (plan_id,)).fetchone()
    return "" if row is None else str(row[0])


def mark_value(conn: sqlite3.Connection, plan_id: int, revision: int,
               directory: UnitDirectory | None) -> str:
    return f"{SYNC_RULES}:{revision}:{units_fingerprint(directory)}:{_created(conn, plan_id)}"


def read_mark(conn: sqlite3.Connection, plan_id: int) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (f"{_PREFIX}{plan_id}",)).fetchone()
    return None if row is None else str(row[0])


def is_synced(conn: sqlite3.Connection, plan_id: int, revision: int,
              directory: UnitDirectory | None) -> bool:
    """Whether the plan's assignments were synced at ``revision`` with this directory and these rules."""
    return read_mark(conn, plan_id) == mark_value(conn, plan_id, revision, directory)


def write_mark(conn: sqlite3.Connection, plan_id: int, revision: int,
               directory: UnitDirectory | None) -> None:
    """Record a complete sync at ``revision`` (the caller holds the transaction)."""
    value = mark_value(conn, plan_id, revision, directory)
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value", (f"{_PREFIX}{plan_id}", value))


def clear_mark(conn: sqlite3.Connection, plan_id: int) -> None:
    """Forget the plan's mark (the next open syncs it in full)."""
    conn.execute("DELETE FROM meta WHERE key = ?", (f"{_PREFIX}{plan_id}",))
