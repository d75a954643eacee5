"""One open plan in the GUI: the plan and the single door every edit of it goes through.

``PlanSession.do(op)`` applies a core operation through the applier (the workspace's ``apply``:
change in memory, persist in one transaction, return the :class:`OpChanges` record), pushes one
:class:`ChangeCommand` on the undo stack, and emits ``changed`` with the primitive changes the plan
journaled, so the tree and table models update exactly what changed. Undo and redo go through the
same path (the host reverts the record and the session :meth:`follow` s its changes). In the app
the stack and the host are the workbench's (one undo stack for everything the clerk does); a
session made on its own keeps its own stack and reverts its records in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.core.change_set import ChangeSet
from desktop.core.model import Change, Plan
from desktop.core.numbering import compute_numbers
from desktop.core.operations import Operation
from desktop.gui.undo.change_command import ChangeCommand, UndoHost
from desktop.store.changes import EditPlan, OpChanges, PlanChanges, Step

Applier = Callable[[Plan, Operation], OpChanges]


def apply_in_memory(plan: Plan, op: Operation) -> OpChanges:
    """Apply ``op`` to the plan alone (no store): the record of what it changed."""
    plan.take_journal()
    inverse = op.apply(plan)
    changes = tuple(plan.take_journal())
    plan_id = plan.id or 0
    return OpChanges(op.label, (EditPlan(plan_id, inverse),), plan_id=plan_id,
                     plans=(PlanChanges(plan_id, changes),))


class PlanSession(QObject):
    """The open plan and ``do``/``apply`` that keep views, storage and the undo stack in step."""

    changed = Signal(object)  # ChangeSet
    failed = Signal(str)  # a plain sentence for the user

    def __init__(self, plan: Plan, applier: Applier = apply_in_memory, parent: QObject | None = None, *,
                 stack: QUndoStack | None = None, host: UndoHost | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._applier = applier
        self.stack = stack if stack is not None else QUndoStack(self)
        self.host: UndoHost = host if host is not None else self
        self.version = 0  # counts applied changes; caches keyed by it go stale with each edit
        self._numbers: tuple[int, dict[int, str]] = (-1, {})
        plan.take_journal()

    @property
    def plan_id(self) -> int | None:
        return self.plan.id

    def numbers(self) -> dict[int, str]:
        """The plan's computed numbering, recomputed at most once per edit."""
        if self._numbers[0] != self.version:
            self._numbers = (self.version, compute_numbers(self.plan))
        return self._numbers[1]

    def do(self, op: Operation, label: str | None = None) -> OpChanges:
        """Apply ``op`` as one undoable step; an invalid op raises PlanError and changes nothing."""
        record = self.apply(op)
        self.stack.push(ChangeCommand(self.host, record, label or op.label, self.plan_id, self.plan_id))
        return record

    def apply(self, op: Operation) -> OpChanges:
        """Apply without touching the undo stack; emits ``changed``."""
        record = self._applier(self.plan, op)
        self.follow(record.changes_of(self.plan.id or 0))
        return record

    def follow(self, changes: tuple[Change, ...]) -> None:
        """The plan was changed (by this session, an undo or a directory-wide edit): tell the views."""
        self.plan.take_journal()
        self.version += 1
        self.changed.emit(ChangeSet(tuple(changes)))

    # ----- the undo host of a session made on its own (the app's sessions use the workbench) ------
    def revert(self, record: OpChanges) -> OpChanges:
        """Take a record of this plan back in memory; returns the record that redoes it."""
        inverses: list[Step] = []
        changes: list[Change] = []
        for step in record.undo:
            if not isinstance(step, EditPlan):
                raise TypeError(f"a plan session alone cannot revert {step!r}")
            done = apply_in_memory(self.plan, step.op)
            inverses.extend(done.undo)
            changes.extend(done.changes_of(self.plan.id or 0))
        self.follow(tuple(changes))
        plan_id = self.plan.id or 0
        return OpChanges(record.label, tuple(reversed(inverses)), plan_id=plan_id,
                         plans=(PlanChanges(plan_id, tuple(changes)),))

    def reveal(self, plan_id: int | None, record: OpChanges) -> None:
        """A session on its own is always shown: nothing to bring into view."""

    def report(self, error: Exception) -> None:
        self.failed.emit(f"撤销或重做没有完成：{error}")
