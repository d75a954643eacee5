"""The one undo command: a workspace change record on the app's one undo stack.

Every change the clerk makes — a plan edit, a units directory edit, a plan list edit, a tracking
change — returns an :class:`~desktop.store.changes.OpChanges` from the workspace. The change is
made first (a refused change never reaches the stack), then pushed as a :class:`ChangeCommand`,
so the first ``redo()`` that ``QUndoStack.push`` calls is skipped. ``undo()`` and ``redo()`` are the
same move: the host reverts the record it holds and the command keeps the record that reverts
that (undo and redo swap, persisted like any other change). Afterwards the host brings the view
to where it happened: undo shows the plan that was shown when the step was done, redo the plan
shown after it (the rows it changed are selected).

One failure rule: a step that cannot be replayed (its plan purged, its unit or progress entry
gone, the store refused it, or retired because its plan was reloaded after another writer changed
it) changes nothing; it is marked obsolete, which makes QUndoStack drop it, and the host reports
the error in one plain sentence.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from desktop.store.changes import EditPlan, OpChanges
from desktop.store.errors import StoreError


class UndoHost(Protocol):
    """What a :class:`ChangeCommand` needs: revert a record, show where it happened, report failure."""

    def revert(self, record: OpChanges) -> OpChanges: ...

    def reveal(self, plan_id: int | None, record: OpChanges) -> None: ...

    def report(self, error: Exception) -> None: ...


class ChangeCommand(QUndoCommand):
    """One applied change (``record``) as an undo step; ``before``/``after``: the plan shown then."""

    def __init__(self, host: UndoHost, record: OpChanges, text: str, before: int | None,
                 after: int | None) -> None:
        super().__init__(text)
        self.host = host
        self.record = record
        self.before = before
        self.after = after
        self.refusal: str | None = None
        self._skip_first_redo = True

    def edited_plans(self) -> set[int]:
        """The plans whose content this step's undo would edit."""
        return {step.plan_id for step in self.record.undo if isinstance(step, EditPlan)}

    def retire(self, reason: str) -> None:
        """The step no longer fits (its plan was reloaded): refuse it with ``reason`` when reached."""
        self.refusal = reason

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._replay(self.after)

    def undo(self) -> None:
        self._replay(self.before)

    def _replay(self, view: int | None) -> None:
        try:
            if self.refusal is not None:
                raise StoreError(self.refusal)
            self.record = self.host.revert(self.record)
        except Exception as error:
            self.setObsolete(True)  # QUndoStack drops it
            self.host.report(error)
            return
        self.host.reveal(view, self.record)
