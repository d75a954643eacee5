"""Undo for the plan list: new, import, duplicate, archive, delete (to the recycle bin) and restore.

These actions change which plans exist rather than a plan's content, so they do not belong on a
plan's own undo stack: they go on one more stack of the workbench's QUndoGroup, the plan-list
stack. Which stack Ctrl+Z follows: after a plan-list action, the plan-list stack; as soon as the
clerk edits the shown plan (anything pushed on its stack) or opens a plan from the list, that
plan's stack; when no plan is shown, the plan-list stack. The plan-list stack also has its own
撤销/重做 entries in the 计划 menu and the list's context menu, reachable whatever is shown.

Deleting moves the plan to the recycle bin: its session (with the plan's own undo history) is put
aside and comes back when the deletion is undone or the plan restored. Creating a plan is undone
by moving it to the bin too, so an undo never destroys anything. Purging a plan from the bin is
the one plan action that cannot be undone; steps that refer to a purged plan then fail with a
plain message and drop out of the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from desktop.core.model import PlanError
from desktop.gui.undo.directory_undo import DirectoryCommand

if TYPE_CHECKING:
    from desktop.gui.plans.plan_session import PlanSession
    from desktop.gui.shell.workbench import Workbench

Edit = Callable[[], None]


class PlanListEdits:
    """The workbench's plan-list actions as undo steps on ``stack``."""

    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
        self.stack = QUndoStack(bench)
        self.binned: dict[int, PlanSession] = {}  # sessions of plans in the recycle bin
        self._purged: set[int] = set()
        bench.undo_group.addStack(self.stack)

    # ----- which stack Ctrl+Z follows ----------------------------------------------------------
    def activate(self) -> None:
        self.bench.undo_group.setActiveStack(self.stack)

    def watch(self, session: PlanSession) -> None:
        """An edit of the shown plan (a push on its stack) makes its stack the one Ctrl+Z follows."""
        session.stack.indexChanged.connect(lambda _index, s=session: self._session_used(s))

    def _session_used(self, session: PlanSession) -> None:
        group = self.bench.undo_group
        if not isValid(group):  # the window is being torn down: its stacks are cleared after the group
            return
        if session is self.bench.current and group.activeStack() is not session.stack:
            group.setActiveStack(session.stack)

    def _push(self, text: str, redo: Edit, undo: Edit) -> None:
        self.stack.push(DirectoryCommand(text, redo, undo, lambda _result: self.activate(), self._report))
        self.activate()

    def _report(self, error: Exception) -> None:
        self.bench.failed.emit(f"撤销或重做没有完成：{error}")

    def _title(self, plan_id: int) -> str:
        summaries = self.bench.summaries() + self.bench.workspace.deleted_plans()
        return next((s.title for s in summaries if s.id == plan_id), str(plan_id))

    # ----- the actions (each already done when it is pushed) -----------------------------------
    def created(self, plan_id: int, text: str) -> None:
        """A plan was added (new, import, copy): undo moves it to the recycle bin, redo brings it back."""
        self._push(text, lambda: self.restore_now(plan_id), lambda: self.bin_now(plan_id))

    def delete(self, plan_id: int) -> None:
        title = self._title(plan_id)
        self.bin_now(plan_id)
        self._push(f"删除计划“{title}”", lambda: self.bin_now(plan_id), lambda: self.restore_now(plan_id))

    def restore(self, plan_id: int) -> None:
        title = self._title(plan_id)
        self.restore_now(plan_id)
        self._push(f"恢复计划“{title}”", lambda: self.restore_now(plan_id), lambda: self.bin_now(plan_id))

    def set_archived(self, plan_id: int, archived: bool) -> None:
        title = self._title(plan_id)
        self._archive_now(plan_id, archived)
        text = f"{'归档' if archived else '取消归档'}“{title}”"
        self._push(text, lambda: self._archive_now(plan_id, archived),
                   lambda: self._archive_now(plan_id, not archived))

    def purge(self, plan_id: int) -> None:
        """Delete a plan in the recycle bin for good. Not an undo step: it cannot be taken back."""
        self.bench.workspace.purge_plan(plan_id)
        self._purged.add(plan_id)
        session = self.binned.pop(plan_id, None)
        if session is not None:
            session.deleteLater()
        self.bench.plans_changed.emit()

    # ----- the edits the steps replay ----------------------------------------------------------
    def _check(self, plan_id: int) -> None:
        if plan_id in self._purged:
            raise PlanError("这个计划已从回收站中彻底删除，这一步无法撤销或重做。")

    def bin_now(self, plan_id: int) -> None:
        """Move the plan to the recycle bin; when it was shown, show the first plan of the list."""
        self._check(plan_id)
        bench = self.bench
        bench.workspace.delete_plan(plan_id)
        session = bench.sessions.pop(plan_id, None)
        if session is not None:
            bench.undo_group.removeStack(session.stack)
            self.binned[plan_id] = session
            if session is bench.current:
                following = next((s.id for s in bench.summaries() if not s.archived), None)
                bench.open_plan(following)
        bench.plans_changed.emit()

    def restore_now(self, plan_id: int) -> None:
        """Take the plan out of the recycle bin (with its own undo history) and show it."""
        self._check(plan_id)
        bench = self.bench
        bench.workspace.restore_plan(plan_id)
        session = self.binned.pop(plan_id, None)
        if session is not None:
            session.version += 1  # a unit rename may have rewritten it while it was in the bin
            bench.sessions[plan_id] = session
            bench.undo_group.addStack(session.stack)
        bench.plans_changed.emit()
        bench.open_plan(plan_id)

    def _archive_now(self, plan_id: int, archived: bool) -> None:
        self._check(plan_id)
        self.bench.workspace.set_archived(plan_id, archived)
        self.bench.plans_changed.emit()


def plan_history_actions(owner: QWidget, stack: QUndoStack) -> list[QAction]:
    """撤销/重做 of the plan list's stack itself (no shortcut: Ctrl+Z follows the active stack)."""
    undo = stack.createUndoAction(owner, "撤销计划操作")
    redo = stack.createRedoAction(owner, "重做计划操作")
    return [undo, redo]
