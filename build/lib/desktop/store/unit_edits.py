"""Editing the units directory, including the edits that reach into every plan (rename; merge is in
``unit_merge``).

Plain functions over an open database, called inside one transaction by the workspace. Plans a
rename touches are taken from ``live`` (the copies the program has open) when present, else
loaded; each changed plan is recorded in ``done`` with the inverse of its change, so that the
workspace can put the in-memory plans back if the transaction fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from sqlite_utils import Database

from desktop.core.model import UNIT_ATTRIBUTES, Plan
from desktop.core.operations import Batch, Operation
from desktop.core.unit_text import contains_name
from desktop.core.units import Unit, UnitError, guess_kind, make_rename_unit
from desktop.store import tracking_store, unit_rows
from desktop.store.rows import now_text, read_plan, write_changes

Done = list[tuple[Plan, Operation]]
PlanWideEdit = Callable[[Database, Mapping[int, Plan], Done, str, str], None]

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


def rename_unit(db: Database, live: Mapping[int, Plan], done: Done, old: str, new: str) -> None:
    """Rename the unit in the directory and in every plan's unit cells."""
    directory = read_units(db)
    unit = directory.get(old)
    renamed = replace(unit, name=new.strip())
    directory.check_new(renamed, replacing=unit.name)
    rewrite_plans(db, live, done, [(unit.name, renamed.name)])
    unit_rows.update_unit(db, renamed)
    tracking_store.rename_unit(db, unit.name, renamed.name)


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
