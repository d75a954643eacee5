"""Running the undo steps of an :class:`~desktop.store.changes.OpChanges`: the one undo path.

:func:`revert` runs a record's steps in order (the caller holds the transaction) and returns the
record of what it did, whose steps redo it. Each step puts back exactly the rows or cells it names
and checks they are still there, so a step that no longer fits (its unit was deleted, its progress
entry removed, its plan purged from the recycle bin) fails with one plain sentence instead of
changing something else. Plans changed in memory are listed in ``done`` with the operation that
puts them back, so the workspace can restore the open plans if the transaction fails.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import replace

from sqlite_utils import Database

from desktop.core.model import Plan
from desktop.core.operations import Operation
from desktop.core.units import UnitError
from desktop.store import catalog, unit_rows
from desktop.store.changes import (
    AddEntries,
    AddReturns,
    AddRound,
    AddUnit,
    ArchivePlan,
    AssignmentState,
    BinPlan,
    DropEntries,
    DropReturns,
    DropRound,
    EditPlan,
    OpChanges,
    OrderUnits,
    PlanChanges,
    PutAssignmentStates,
    PutAssignmentUnits,
    PutUnit,
    RemoveUnit,
    Step,
)
from desktop.store.errors import StoreError
from desktop.store.rounds import write_returns
from desktop.store.rows import now_text, read_plan, write_changes
from desktop.store.tracking_store import add_progress

Done = list[tuple[Plan, Operation]]
PURGED = "这个计划已从回收站中彻底删除，这一步无法撤销或重做。"
ENTRY_GONE = "这条进展记录已被删除或修改，这一步无法撤销或重做。"
ASSIGNMENT_GONE = "涉及的任务分工已不在工作区中，这一步无法撤销或重做。"
RETURN_GONE = "单位“{unit}”交回的“{source}”的报送记录已被删除，这一步无法撤销或重做。"
ROUND_GONE = "报送轮次已不在工作区中（计划可能已被彻底删除），这一步无法撤销或重做。"
ROUND_TAKEN = "这个计划已经开始了另一个报送轮次（或已有同名轮次），“{name}”无法恢复，这一步无法重做。"


def revert(db: Database, live: Mapping[int, Plan], record: OpChanges, done: Done) -> OpChanges:
    """Run ``record.undo``; returns the record of this revert (its ``undo`` redoes the record)."""
    inverses: list[Step] = []
    plans: list[PlanChanges] = []
    now = now_text()
    for step in record.undo:
        inverses.append(_run(db, live, step, done, plans, now))
    return replace(record, undo=tuple(reversed(inverses)), plans=tuple(plans))


def _plan_exists(db: Database, plan_id: int) -> bool:
    return db.conn.execute("SELECT 1 FROM plans WHERE id = ?", (plan_id,)).fetchone() is not None


def _edit_plan(db: Database, live: Mapping[int, Plan], step: EditPlan, done: Done, plans: list[PlanChanges],
               now: str) -> Step:
    if not _plan_exists(db, step.plan_id):
        if step.required:
            raise StoreError(PURGED)
        return step  # purged since a directory-wide edit: nothing to give back
    plan = live.get(step.plan_id)
    if plan is None:
        plan = read_plan(db, step.plan_id)
    plan.take_journal()
    inverse = step.op.apply(plan)
    done.append((plan, inverse))
    changes = plan.take_journal()
    write_changes(db, plan, changes, now)
    plans.append(PlanChanges(step.plan_id, tuple(changes)))
    return replace(step, op=inverse)


def _bin_plan(db: Database, step: BinPlan) -> Step:
    if not _plan_exists(db, step.plan_id):
        raise StoreError(PURGED)
    if step.deleted:
        catalog.delete(db, step.plan_id)
    else:
        catalog.restore(db, step.plan_id)
    return BinPlan(step.plan_id, not step.deleted)


def _archive_plan(db: Database, step: ArchivePlan) -> Step:
    if not _plan_exists(db, step.plan_id):
        raise StoreError(PURGED)
    (was,) = db.conn.execute("SELECT archived FROM plans WHERE id = ?", (step.plan_id,)).fetchone()
    catalog.set_archived(db, step.plan_id, step.archived)
    return ArchivePlan(step.plan_id, bool(was))


def _unit_row(db: Database, unit_id: int | None, name: str) -> Step:
    current = next((unit for unit in unit_rows.read_units(db) if unit.id == unit_id), None)
    if current is None:
        raise UnitError(f"单位“{name}”已不在名录中，这一步无法撤销或重做。")
    return RemoveUnit(current)


def _put_unit(db: Database, step: PutUnit) -> Step:
    current = _unit_row(db, step.unit.id, step.current)
    assert isinstance(current, RemoveUnit)
    if current.unit.name != step.current:  # renamed since: the record no longer fits
        raise UnitError(f"单位“{step.current}”已不在名录中，这一步无法撤销或重做。")
    directory = unit_rows.read_units(db)
    directory.check_new(step.unit, replacing=current.unit.name)
    unit_rows.update_unit(db, step.unit)
    return PutUnit(current.unit, step.unit.name)


def _add_unit(db: Database, step: AddUnit) -> Step:
    unit_rows.read_units(db).check_new(step.unit)
    try:
        unit_rows.restore_unit(db, step.unit)
    except sqlite3.IntegrityError:
        raise UnitError(f"名录中已有与“{step.unit.name}”冲突的单位，这一步无法撤销或重做。") from None
    return RemoveUnit(step.unit)


def _remove_unit(db: Database, step: RemoveUnit) -> Step:
    current = _unit_row(db, step.unit.id, step.unit.name)
    assert isinstance(current, RemoveUnit)
    unit_rows.delete_unit(db, int(step.unit.id or 0))
    return AddUnit(current.unit)


def _order_units(db: Database, step: OrderUnits) -> Step:
    before = tuple(int(unit.id or 0) for unit in unit_rows.read_units(db))
    if sorted(before) != sorted(step.unit_ids):
        raise UnitError("单位名录已有增减，无法恢复原来的顺序。")
    unit_rows.set_order(db, step.unit_ids)
    return OrderUnits(before)


def _put_assignment_units(db: Database, step: PutAssignmentUnits) -> Step:
    before = []
    for row_id, unit, key, updated in step.rows:
        found = db.conn.execute("SELECT unit, unit_key, updated_at FROM assignments WHERE id = ?",
                                (row_id,)).fetchone()
        if found is None:
            continue  # the row went with its plan (purged) or its task: nothing to give back
        before.append((row_id, *found))
        db.conn.execute("UPDATE assignments SET unit = ?, unit_key = ?, updated_at = ? WHERE id = ?",
                        (unit, key, updated, row_id))
    return PutAssignmentUnits(tuple(before))


def _put_states(db: Database, step: PutAssignmentStates) -> Step:
    done: list[tuple[AssignmentState, AssignmentState]] = []  # (put, was)
    for state, wanted in zip(step.states, step.expected, strict=True):
        found = db.conn.execute("SELECT id, status, completed_on, updated_at FROM assignments WHERE id = ?",
                                (state.id,)).fetchone()
        if found is None:
            raise StoreError(ASSIGNMENT_GONE)
        if AssignmentState(*found) != wanted:
            continue  # changed since: the newer state stays (a later change is never erased)
        db.conn.execute("UPDATE assignments SET status = ?, completed_on = ?, updated_at = ? WHERE id = ?",
                        (state.status, state.completed_on, state.updated_at, state.id))
        done.append((state, wanted))
    return PutAssignmentStates(tuple(was for _, was in done), tuple(put for put, _ in done))


def _add_entries(db: Database, step: AddEntries) -> Step:
    entries = tuple((assignment_id, add_progress(db.conn, assignment_id, replace(entry, id=None)))
                    for assignment_id, entry in step.entries)
    return DropEntries(entries)


def _drop_entries(db: Database, step: DropEntries) -> Step:
    for _, entry in step.entries:
        if db.conn.execute("DELETE FROM progress_entries WHERE id = ?", (entry.id,)).rowcount != 1:
            raise StoreError(ENTRY_GONE)
    return AddEntries(step.entries)


def _add_returns(db: Database, step: AddReturns) -> Step:
    rounds = {record.round_id for record in step.records}
    for round_id in rounds:
        if db.conn.execute("SELECT 1 FROM report_rounds WHERE id = ?", (round_id,)).fetchone() is None:
            raise StoreError(ROUND_GONE)
    return DropReturns(write_returns(db, [replace(record, id=None) for record in step.records]))


def _drop_returns(db: Database, step: DropReturns) -> Step:
    for record in step.records:
        if db.conn.execute("DELETE FROM round_returns WHERE id = ?", (record.id,)).rowcount != 1:
            raise StoreError(RETURN_GONE.format(unit=record.unit, source=record.source))
    return AddReturns(step.records)


def _add_round(db: Database, step: AddRound) -> Step:
    round_ = step.round
    if db.conn.execute("SELECT 1 FROM report_rounds WHERE id = ?", (round_.id,)).fetchone() is not None:
        return DropRound(round_)  # still there (it was not dropped): nothing to put back
    if not _plan_exists(db, round_.plan_id):
        raise StoreError(ROUND_GONE)
    try:
        db.conn.execute("INSERT INTO report_rounds (id, plan_id, name, opened_at, closed_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (round_.id, round_.plan_id, round_.name, round_.opened_at, round_.closed_at))
    except sqlite3.IntegrityError:
        raise StoreError(ROUND_TAKEN.format(name=round_.name)) from None
    return DropRound(round_)


def _drop_round(db: Database, step: DropRound) -> Step:
    round_id = step.round.id
    used = db.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM round_returns WHERE round_id = ?) "
        "OR EXISTS (SELECT 1 FROM round_states WHERE round_id = ?) "
        "OR EXISTS (SELECT 1 FROM report_rounds WHERE id = ? AND closed_at IS NOT NULL)",
        (round_id, round_id, round_id)).fetchone()[0]
    if not used:  # a round used since (a later return, closed by the next round) stays
        db.conn.execute("DELETE FROM report_rounds WHERE id = ?", (round_id,))
    return AddRound(step.round)


def _run(db: Database, live: Mapping[int, Plan], step: Step, done: Done, plans: list[PlanChanges],
         now: str) -> Step:
    match step:
        case EditPlan():
            return _edit_plan(db, live, step, done, plans, now)
        case BinPlan():
            return _bin_plan(db, step)
        case ArchivePlan():
            return _archive_plan(db, step)
        case PutUnit():
            return _put_unit(db, step)
        case AddUnit():
            return _add_unit(db, step)
        case RemoveUnit():
            return _remove_unit(db, step)
        case OrderUnits():
            return _order_units(db, step)
        case PutAssignmentUnits():
            return _put_assignment_units(db, step)
        case PutAssignmentStates():
            return _put_states(db, step)
        case AddEntries():
            return _add_entries(db, step)
        case DropEntries():
            return _drop_entries(db, step)
        case AddReturns():
            return _add_returns(db, step)
        case DropReturns():
            return _drop_returns(db, step)
        case AddRound():
            return _add_round(db, step)
        case DropRound():
            return _drop_round(db, step)
    raise TypeError(f"unknown undo step {step!r}")
