"""Editing the units directory, including the edits that reach into every plan (rename; merge is in
``unit_merge``).

Plain functions over an open database, called inside one transaction by the workspace. Plans a
rename touches are taken from ``live`` (the copies the program has open) when present, else
loaded; each changed plan is recorded in ``done`` with the inverse of its change, so that the
workspace can put the in-memory plans back if the transaction fails. A rename returns the undo
steps that take it back exactly: the unit row, each rewritten cell as it was (a cell that held the
new name as free text before keeps it) and the moved assignments rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlite_utils import Database

from desktop.core.model import UNIT_ATTRIBUTES, Plan
from desktop.core.operations import Batch, Operation
from desktop.core.unit_text import contains_name, normalise_name
from desktop.core.units import Unit, UnitError, guess_kind, make_rename_unit
from desktop.store import tracking_store, unit_rows
from desktop.store.changes import AssignmentRow, EditPlan, PutAssignmentUnits, PutUnit, Step
from desktop.store.rows import now_text, read_plan, write_changes

Done = list[tuple[Plan, Operation]]

read_units = unit_rows.read_units


def add_unit(db: Database, name: str, short_name: str = "", aliases: Sequence[str] = (),
             kind: str | None = None) -> Unit:
    name = name.strip()
    unit = Unit(name, short_name.strip(), tuple(a.strip() for a in aliases if a.strip()),
                kind=kind or guess_kind(name))
    read_units(db).check_new(unit)
    return unit_rows.insert_unit(db, unit)


def update_unit(db: Database, name: str, short_name: str | None = None,
                aliases: Sequence[str] | None = None, kind: str | None = None) -> Unit:
    """Change a unit's short name, aliases or kind (its name changes only through :func:`rename_unit`)."""
    directory = read_units(db)
    unit = directory.get(name)
    changed = replace(
        unit,
        short_name=unit.short_name if short_name is None else short_name.strip(),
        aliases=unit.aliases if aliases is None else tuple(a.strip() for a in aliases if a.strip()),
        kind=unit.kind if kind is None else kind)
    directory.check_new(changed, replacing=unit.name)
    unit_rows.update_unit(db, changed)
    return changed


def assignment_rows(db: Database, names: tuple[str, ...]) -> tuple[AssignmentRow, ...]:
    """The assignments rows of these unit names as they are now (to put them back later)."""
    keys = sorted({normalise_name(name) for name in names})
    marks = ", ".join("?" for _ in keys)
    rows = db.conn.execute("SELECT id, unit, unit_key, updated_at FROM assignments "
                           f"WHERE unit_key IN ({marks}) ORDER BY id", keys).fetchall()
    return tuple((int(row_id), unit, key, updated) for row_id, unit, key, updated in rows)


def plan_steps(done: Done, first: int = 0) -> list[Step]:
    """Undo steps for the plans changed in memory since ``done[first]`` (a purged plan is skipped)."""
    return [EditPlan(int(plan.id or 0), inverse, required=False) for plan, inverse in done[first:]]


def rename_unit(db: Database, live: Mapping[int, Plan], done: Done, old: str, new: str) -> tuple[Step, ...]:
    """Rename the unit in the directory and in every plan's unit cells; returns the undo steps."""
    directory = read_units(db)
    unit = directory.get(old)
    renamed = replace(unit, name=new.strip())
    directory.check_new(renamed, replacing=unit.name)
    moved = assignment_rows(db, (unit.name,))
    first = len(done)
    rewrite_plans(db, live, done, [(unit.name, renamed.name)])
    unit_rows.update_unit(db, renamed)
    tracking_store.rename_unit(db, unit.name, renamed.name)
    return (PutUnit(unit, renamed.name), *plan_steps(done, first), PutAssignmentUnits(moved))


def reorder_units(db: Database, names: Sequence[str]) -> None:
    """Put the directory in the given order; ``names`` must list every unit once."""
    directory = read_units(db)
    units = [directory.get(name) for name in names]
    if sorted(int(u.id or 0) for u in units) != sorted(int(u.id or 0) for u in directory):
        raise UnitError("排序必须包含名录中的全部单位，且每个单位只出现一次。")
    unit_rows.set_order(db, [int(u.id or 0) for u in units])


def delete_unit(db: Database, name: str) -> None:
    """Remove the unit from the directory; plans keep their text, which becomes free text."""
    unit_rows.delete_unit(db, int(read_units(db).get(name).id or 0))


def rewrite_plans(db: Database, live: Mapping[int, Plan], done: Done,
                  replacements: list[tuple[str, str]]) -> None:
    now = now_text()
    for plan_id in _plans_mentioning(db, [old for old, _ in replacements]):
        plan = live.get(plan_id)
        if plan is None:
            plan = read_plan(db, plan_id)
        inverses: list[Operation] = []
        try:
            for old, new in replacements:  # one after another: a cell may hold several of the names
                batch = make_rename_unit(plan, old, new)
                if batch.ops:
                    inverses.append(batch.apply(plan))
        except BaseException:
            for inverse in reversed(inverses):
                inverse.apply(plan)
            plan.take_journal()
            raise
        if inverses:
            done.append((plan, Batch(list(reversed(inverses)), label="重命名单位")))
            write_changes(db, plan, plan.take_journal(), now)


def _plans_mentioning(db: Database, names: list[str]) -> list[int]:
    """Ids of the plans with a unit cell naming one of ``names`` as a whole token."""
    found: set[int] = set()
    rows = db.conn.execute("SELECT plan_id, attrs FROM tasks WHERE attrs IS NOT NULL ORDER BY plan_id")
    for plan_id, attrs_json in rows:
        if plan_id in found:
            continue
        attrs = json.loads(attrs_json)
        values = [attrs.get(key) for key in UNIT_ATTRIBUTES]
        if any(value and contains_name(value, name) for value in values for name in names):
            found.add(plan_id)
    return sorted(found)
