"""The units directory as rows of the ``units`` table; the caller holds the transaction for writes."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlite_utils import Database

from desktop.core.units import Unit, UnitDirectory
from desktop.store.rows import to_json


def read_units(db: Database) -> UnitDirectory:
    rows = db.conn.execute("SELECT id, name, short_name, aliases, sort_order, kind FROM units "
                           "ORDER BY sort_order, id")
    return UnitDirectory([
        Unit(name=name, short_name=short_name, aliases=tuple(json.loads(aliases)), sort_order=order,
             kind=kind, id=unit_id)
        for unit_id, name, short_name, aliases, order, kind in rows])


def insert_unit(db: Database, unit: Unit) -> Unit:
    """Store a new unit at the end of the directory order; returns it with its id and order."""
    (last,) = db.conn.execute("SELECT COALESCE(MAX(sort_order), -1) FROM units").fetchone()
    order = int(last) + 1
    cursor = db.conn.execute(
        "INSERT INTO units (name, short_name, aliases, sort_order, kind) VALUES (?, ?, ?, ?, ?)",
        (unit.name, unit.short_name, to_json(list(unit.aliases)), order, unit.kind))
    return Unit(unit.name, unit.short_name, unit.aliases, order, unit.kind, int(cursor.lastrowid or 0))


def restore_unit(db: Database, unit: Unit) -> None:
    """Store a unit again exactly as it was: its id, order, names and kind (undoing a merge)."""
    db.conn.execute(
        "INSERT INTO units (id, name, short_name, aliases, sort_order, kind) VALUES (?, ?, ?, ?, ?, ?)",
        (unit.id, unit.name, unit.short_name, to_json(list(unit.aliases)), unit.sort_order, unit.kind))


def update_unit(db: Database, unit: Unit) -> None:
    db.conn.execute("UPDATE units SET name = ?, short_name = ?, aliases = ?, kind = ? WHERE id = ?",
                    (unit.name, unit.short_name, to_json(list(unit.aliases)), unit.kind, unit.id))


def delete_unit(db: Database, unit_id: int) -> None:
    db.conn.execute("DELETE FROM units WHERE id = ?", (unit_id,))


def set_order(db: Database, unit_ids: Sequence[int]) -> None:
    db.conn.executemany("UPDATE units SET sort_order = ? WHERE id = ?",
                        [(order, unit_id) for order, unit_id in enumerate(unit_ids)])
