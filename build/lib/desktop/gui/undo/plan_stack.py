"""Undo commands over core operations: one QUndoCommand per user action.

A command is created only after its operation has been applied successfully (an invalid action
raises before anything reaches the stack), so the first ``redo()`` that ``QUndoStack.push`` calls
is skipped. A step that fails to replay (the store refused it) is marked obsolete, which makes
QUndoStack drop it, and the error is reported. Later, ``undo()`` applies the stored inverse and
keeps the operation it returns for the next ``redo()``, and so on: every step goes through the
same applier (the workspace store), so undo and redo are persisted like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.core.operations import Operation

Apply = Callable[[Operation], Operation]
OnError = Callable[[Exception], None]


class OperationCommand(QUndoCommand):
    """An applied operation and its inverse; undo and redo swap them through ``apply``."""

    def __init__(self, apply: Apply, done: Operation, inverse: Operation, text: str,
                 on_error: OnError | None = None) -> None:
        super().__init__(text)
        self._apply = apply
        self._on_error = on_error
        self._done = done
        self._inverse = inverse
        self._skip_first_redo = True

    @property
    def operation(self) -> Operation:
        return self._done

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        try:
            self._inverse = self._apply(self._done)
        except Exception as error:
            self._fail(error)

    def undo(self) -> None:
        try:
            self._done = self._apply(self._inverse)
        except Exception as error:
            self._fail(error)

    def _fail(self, error: Exception) -> None:
        """The step could not be replayed: drop it from the stack (Qt does so for obsolete commands)."""
        self.setObsolete(True)
        if self._on_error is not None:
            self._on_error(error)
