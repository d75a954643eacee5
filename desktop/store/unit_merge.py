"""Merging two units of the directory, returning the steps that take the merge back exactly.

:func:`merge_units` replaces the dropped unit by the kept one in every plan (each plan's change is
one core ``Batch`` whose inverse is kept), removes the dropped unit (its names become aliases of
the kept one) and carries its tracking assignments over. It returns the undo steps that put all
of it back (run by ``Workspace.revert``): the kept unit's aliases, the dropped unit's row (same id,
order, names and kind), every plan's cells (a plan purged from the recycle bin since is skipped)
and the moved assignments rows (unit, key and ``updated_at`` as they were).

A plain function over an open database, called inside one transaction by the workspace; like the
other plan-wide edits, each plan changed in memory is recorded in ``done`` with the operation that
puts it back, so the workspace can restore the open plans if the transaction fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from sqlite_utils import Database

from desktop.core.model import Plan
from desktop.core.units import UnitDirectory, UnitError
from desktop.store import tracking_store, unit_rows
from desktop.store.changes import AddUnit, PutAssignmentUnits, PutUnit, Step
from desktop.store.unit_edits import Done, assignment_rows, plan_steps, read_units, rewrite_plans


def merge_units(db: Database, live: Mapping[int, Plan], done: Done, keep: str, drop: str) -> tuple[Step, ...]:
    """Replace ``drop`` by ``keep`` in every plan; ``drop``'s names become aliases of ``keep``."""
    directory = read_units(db)
    kept, dropped = directory.get(keep), directory.get(drop)
    if kept.id == dropped.id:
        raise UnitError("不能把单位合并到它自己。")
    aliases = kept.aliases + tuple(n for n in dropped.names() if n not in kept.names())
    merged = replace(kept, aliases=aliases)
    UnitDirectory([u for u in directory if u.id != dropped.id]).check_new(merged, replacing=kept.name)
    moved = assignment_rows(db, dropped.names())
    first = len(done)
    rewrite_plans(db, live, done, [(name, kept.name) for name in dropped.names()])
    unit_rows.delete_unit(db, int(dropped.id or 0))
    unit_rows.update_unit(db, merged)
    for name in dropped.names():
        tracking_store.rename_unit(db, name, kept.name)
    return (PutUnit(kept, kept.name), AddUnit(dropped), *plan_steps(done, first), PutAssignmentUnits(moved))
