"""Merging two units of the directory, and taking a merge back exactly.

:func:`merge_units` replaces the dropped unit by the kept one in every plan (each plan's change is
one core ``Batch`` whose inverse is kept), removes the dropped unit (its names become aliases of
the kept one) and carries its tracking assignments over. It returns a :class:`UnitMerge` record of
everything it changed; :func:`unmerge_units` puts all of it back: the dropped unit's row (same id,
order, names and kind), the kept unit's aliases, every plan's cells (by applying the stored
inverses; a plan purged from the recycle bin since is skipped) and the moved assignments rows
(unit, key and ``updated_at`` as they were).

Plain functions over an open database, called inside one transaction by the workspace; like the
other plan-wide edits, each plan changed in memory is recorded in ``done`` with the operation that
puts it back, so the workspace can restore the open plans if the transaction fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlite_utils import Database

from desktop.core.model import Plan
from desktop.core.operations import Operation
from desktop.core.unit_text import normalise_name
from desktop.core.units import Unit, UnitDirectory, UnitError
from desktop.store import tracking_store, unit_rows
from desktop.store.rows import now_text, read_plan, write_changes
from desktop.store.unit_edits import Done, read_units, rewrite_plans

# One assignments row as the merge found it: id, unit, unit_key, updated_at.
AssignmentRow = tuple[int, str, str, str]


@dataclass(frozen=True)
class UnitMerge:
    """What one merge changed, enough to take it back exactly (see :func:`unmerge_units`)."""

    kept: Unit  # the kept unit as it was before (its aliases grew)
    dropped: Unit  # the removed unit's row: id, name, short name, aliases, order, kind
    plan_edits: tuple[tuple[int, Operation], ...]  # per rewritten plan: the operation undoing it
    assignments: tuple[AssignmentRow, ...]  # the dropped unit's assignments rows before the merge

    @property
    def plan_ids(self) -> list[int]:
        """The plans whose cells the merge rewrote."""
        return [plan_id for plan_id, _ in self.plan_edits]


def _assignment_rows(db: Database, names: tuple[str, ...]) -> tuple[AssignmentRow, ...]:
    keys = sorted({normalise_name(name) for name in names})
    marks = ", ".join("?" for _ in keys)
    rows = db.conn.execute("SELECT id, unit, unit_key, updated_at FROM assignments "
                           f"WHERE unit_key IN ({marks}) ORDER BY id", keys).fetchall()
    return tuple((int(row_id), unit, key, updated) for row_id, unit, key, updated in rows)


def merge_units(db: Database, live: Mapping[int, Plan], done: Done, keep: str, drop: str) -> UnitMerge:
    """Replace ``drop`` by ``keep`` in every plan; ``drop``'s names become aliases of ``keep``."""
    directory = read_units(db)
    kept, dropped = directory.get(keep), directory.get(drop)
    if kept.id == dropped.id:
        raise UnitError("不能把单位合并到它自己。")
    aliases = kept.aliases + tuple(n for n in dropped.names() if n not in kept.names())
    merged = replace(kept, aliases=aliases)
    UnitDirectory([u for u in directory if u.id != dropped.id]).check_new(merged, replacing=kept.name)
    moved = _assignment_rows(db, dropped.names())
    first = len(done)
    rewrite_plans(db, live, done, [(name, kept.name) for name in dropped.names()])
    unit_rows.delete_unit(db, int(dropped.id or 0))
    unit_rows.update_unit(db, merged)
    for name in dropped.names():
        tracking_store.rename_unit(db, name, kept.name)
    edits = tuple((int(plan.id or 0), inverse) for plan, inverse in done[first:])
    return UnitMerge(kept, dropped, edits, moved)


def unmerge_units(db: Database, live: Mapping[int, Plan], done: Done, record: UnitMerge) -> None:
    """Take a merge back: the dropped unit, the kept unit's aliases, the plans' cells, the assignments."""
    directory = read_units(db)
    current = directory.find(record.kept.name)
    if current is None or current.id != record.kept.id:
        raise UnitError(f"单位“{record.kept.name}”已不在名录中，无法撤销合并。")
    unit_rows.update_unit(db, record.kept)
    read_units(db).check_new(record.dropped)
    unit_rows.restore_unit(db, record.dropped)
    now = now_text()
    for plan_id, inverse in record.plan_edits:
        plan = live.get(plan_id)
        if plan is None:
            if db.conn.execute("SELECT 1 FROM plans WHERE id = ?", (plan_id,)).fetchone() is None:
                continue  # purged from the recycle bin since the merge: nothing to give back
            plan = read_plan(db, plan_id)
        redo = inverse.apply(plan)
        done.append((plan, redo))
        write_changes(db, plan, plan.take_journal(), now)
    db.conn.executemany("UPDATE assignments SET unit = ?, unit_key = ?, updated_at = ? WHERE id = ?",
                        [(unit, key, updated, row_id) for row_id, unit, key, updated in record.assignments])
