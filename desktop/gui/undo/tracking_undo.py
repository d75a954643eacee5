"""Undo for tracking edits: a status change, a progress entry, a feedback import — one step each.

Every tracking change the GUI makes goes through ``feedback_undo.apply_updates`` (one
transaction) or ``feedback_store.import_feedback``; both return a :class:`FeedbackUndo` holding
the touched assignments' states before and after and the entries inserted. :class:`TrackingCommand`
keeps that record on the plan's QUndoStack: undo is ``undo_feedback`` (entries deleted, states
restored exactly), redo is ``redo_feedback`` (which returns the record for the next undo, the
entries having new ids). As with plan operations, the command is pushed after the change was
made, so the first ``redo()`` is skipped; a step that cannot be replayed is dropped and reported.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.store.feedback_undo import FeedbackUndo, redo_feedback, undo_feedback
from desktop.store.tracking_store import Db

OnChange = Callable[[], object]  # its result is not used
OnError = Callable[[Exception], None]


class TrackingCommand(QUndoCommand):
    """One applied tracking change; ``on_change`` runs after each undo or redo (views reload)."""

    def __init__(self, db: Db, record: FeedbackUndo, text: str, on_change: OnChange,
                 on_error: OnError | None = None) -> None:
        super().__init__(text)
        self._db = db
        self.record = record
        self._on_change = on_change
        self._on_error = on_error
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        try:
            self.record = redo_feedback(self._db, self.record)
        except Exception as error:
            self._fail(error)
        self._on_change()

    def undo(self) -> None:
        try:
            undo_feedback(self._db, self.record)
        except Exception as error:
            self._fail(error)
        self._on_change()

    def _fail(self, error: Exception) -> None:
        self.setObsolete(True)
        if self._on_error is not None:
            self._on_error(error)
