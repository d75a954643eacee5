"""One open plan in the GUI: the plan and the single door every edit of it goes through.

``PlanSession.do(op)`` applies a core operation through the applier (the workspace's ``apply``:
change in memory, persist in one transaction, return the :class:`OpChanges` record), pushes one
:class:`ChangeCommand` on the undo stack, and emits ``changed`` with the primitive changes the plan
journaled, so the tree and table models update exactly what changed. Undo and redo go through the
same path (the host reverts the record and the session :meth:`follow` s its changes). In the app
the stack and the host are the workbench's (one undo stack for everything the clerk does); a
session made on its own keeps its own stack and reverts its records in memory.

When another program holds the workspace's write lock, the store refuses quickly with
``StoreBusy`` (the GUI's connection has a short busy timeout, so the window never freezes). The
edit is then kept *pending*: ``do`` queues it, later edits queue behind it in order, a timer
retries them in the background, and ``notice`` tells the status bar what is waiting. A pending edit
is never dropped; it becomes an ordinary undo step once stored.

When another window or program changed the plan since it was read, the store refuses the edit
with ``StaleWrite``. The session then reloads the plan (``reload``: the fresh copy replaces the
old one, the undo steps of the old copy are retired — cleared on a session's own stack, refused
when reached on the app's — ``reloaded`` lets the views start over) and
applies the clerk's edit again to the fresh copy; only an edit that no longer makes sense (its
task was deleted meanwhile) is reported instead of stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop.core.change_set import ChangeSet
from desktop.core.leaf_rows import LeafRows
from desktop.core.model import Change, Plan, PlanError
from desktop.core.numbering import compute_numbers, number_of
from desktop.core.operations import Operation
from desktop.core.rebase import with_free_ids
from desktop.gui.undo.change_command import ChangeCommand, UndoHost
from desktop.store.changes import EditPlan, OpChanges, PlanChanges, Step
from desktop.store.errors import StaleWrite, StoreBusy, StoreError

Applier = Callable[[Plan, Operation], OpChanges]
Loader = Callable[[int], Plan]
RELOADED = "这个计划刚被另一个窗口或程序修改过，已重新载入最新内容。"
RETRY_FIRST_MS = 300
RETRY_MAX_MS = 3000
REBASE_ATTEMPTS = 10


def apply_in_memory(plan: Plan, op: Operation) -> OpChanges:
    """Apply ``op`` to the plan alone (no store): the record of what it changed."""
    plan.take_journal()
    inverse = op.apply(plan)
    changes = tuple(plan.take_journal())
    plan_id = plan.id or 0
    return OpChanges(op.label, (EditPlan(plan_id, inverse),), plan_id=plan_id,
                     plans=(PlanChanges(plan_id, changes),))


class PlanSession(QObject):
    """The open plan, its QUndoStack, and ``do``/``apply`` that keep views and storage in step."""

    changed = Signal(object)  # ChangeSet
    failed = Signal(str)  # a plain sentence for the user
    notice = Signal(str)  # a status-bar sentence: edits waiting for the workspace, or stored again
    reloaded = Signal()  # ``plan`` was replaced by a fresh copy from the store: views start over

    def __init__(self, plan: Plan, applier: Applier = apply_in_memory, parent: QObject | None = None,
                 loader: Loader | None = None, *, stack: QUndoStack | None = None,
                 host: UndoHost | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._applier = applier
        self._loader = loader
        self.stack = stack if stack is not None else QUndoStack(self)
        self.host: UndoHost = host if host is not None else self
        self.version = 0  # counts applied changes; caches keyed by it go stale with each edit
        self._numbers: tuple[int, dict[int, str]] = (-1, {})
        self._leaf_rows = LeafRows(plan)  # follows structural edits (see follow)
        self.pending: list[tuple[Operation, str]] = []  # edits waiting for another program's lock
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.retry_pending)
        self._delay = RETRY_FIRST_MS
        plan.take_journal()

    @property
    def plan_id(self) -> int | None:
        return self.plan.id

    def numbers(self) -> dict[int, str]:
        """The plan's computed numbering, recomputed at most once per edit."""
        if self._numbers[0] != self.version:
            self._numbers = (self.version, compute_numbers(self.plan))
        return self._numbers[1]

    def number_of(self, task_id: int) -> str:
        """One task's number prefix without numbering the whole plan (unless already done)."""
        if self._numbers[0] == self.version:
            return self._numbers[1].get(task_id, "")
        return number_of(self.plan, self.plan[task_id]) if task_id in self.plan else ""

    def leaf_row(self, task_id: int) -> int:
        """The 序号 (1-based row) of a requirement, 0 for a category; from the leaf counts of the
        subtrees before it, kept across edits (an edit forgets only the counts it changed)."""
        if self._leaf_rows.plan is not self.plan:
            self._leaf_rows = LeafRows(self.plan)
        return self._leaf_rows.row(task_id)

    def leaf_count(self) -> int:
        """How many requirement rows the plan has (kept across edits like ``leaf_row``)."""
        if self._leaf_rows.plan is not self.plan:
            self._leaf_rows = LeafRows(self.plan)
        return self._leaf_rows.count(self.plan.root) if self.plan.root.children else 0

    def do(self, op: Operation, label: str | None = None) -> OpChanges | None:
        """Apply ``op`` as one undoable step; an invalid op raises PlanError and changes nothing.

        Returns what it changed, or None when the workspace is busy and the edit was kept pending.
        """
        label = label or op.label
        if self.pending:
            self._wait(op, label)
            return None
        try:
            record = self.apply(op)
        except StoreBusy:
            self._wait(op, label)
            return None
        except StaleWrite:
            return self._rebase(op, label)
        self._push(record, label)
        return record

    def _push(self, record: OpChanges, label: str) -> None:
        self.stack.push(ChangeCommand(self.host, record, label, self.plan_id, self.plan_id))

    def reload(self, notice: str = RELOADED) -> bool:
        """Replace the plan by the stored one (another writer changed it); False if that failed."""
        if self._loader is None or self.plan.id is None:
            return False
        try:
            fresh = self._loader(self.plan.id)
        except StoreError as error:
            self.failed.emit(str(error))
            return False
        self.plan = fresh
        if self.host is self:  # on the app's stack the workbench retires this plan's steps
            self.stack.clear()  # the old copy's steps would undo the other writer's edits
        self.version += 1
        self.reloaded.emit()
        if notice:
            self.notice.emit(notice)
        return True

    def _rebase(self, op: Operation, label: str) -> OpChanges | None:
        """The plan was stale: reload it and apply ``op`` to the fresh copy, if it still applies."""
        for _attempt in range(REBASE_ATTEMPTS):  # the other writer may save again meanwhile
            if not self.reload(""):
                return None
            try:
                op = with_free_ids(op, self.plan)
                record = self.apply(op)
                break
            except StaleWrite:
                continue
            except StoreBusy:
                self._wait(op, label)
                return None
            except PlanError as error:
                self.failed.emit(f"{RELOADED}您的修改（{label}）已无法用在最新内容上，没有保存：{error}")
                return None
        else:
            self.failed.emit(f"这个计划正被另一个窗口或程序频繁修改，您的修改（{label}）没有保存，请稍后再试。")
            return None
        self._push(record, label)
        self.notice.emit(f"{RELOADED}您的修改（{label}）已保存在最新内容上。")
        return record

    def _wait(self, op: Operation, label: str) -> None:
        self.pending.append((op, label))
        if not self._retry.isActive():
            self._delay = RETRY_FIRST_MS
            self._retry.start(self._delay)
        self.notice.emit(f"工作区正被另一个程序占用，{len(self.pending)} 处修改等待保存，正在自动重试……")

    def retry_pending(self) -> bool:
        """Try to store the pending edits in order; True when none is left waiting."""
        while self.pending:
            op, label = self.pending[0]
            try:
                record = self.apply(op)
            except StoreBusy:
                self._delay = min(self._delay * 2, RETRY_MAX_MS)
                self._retry.start(self._delay)
                return False
            except StaleWrite:
                self.pending.pop(0)
                self._rebase(op, label)
                continue
            except PlanError as error:  # no longer possible (the plan changed meanwhile)
                self.pending.pop(0)
                self.failed.emit(f"一处等待保存的修改（{label}）无法保存：{error}")
                continue
            self.pending.pop(0)
            self._push(record, label)
        self._retry.stop()
        self.notice.emit("等待保存的修改已全部保存。")
        return True

    def apply(self, op: Operation) -> OpChanges:
        """Apply without touching the undo stack; emits ``changed``."""
        record = self._applier(self.plan, op)
        self.follow(record.changes_of(self.plan.id or 0))
        return record

    def follow(self, changes: tuple[Change, ...]) -> None:
        """The plan was changed (by this session, an undo or a directory-wide edit): tell the views."""
        self.plan.take_journal()
        self.version += 1
        change_set = ChangeSet(tuple(changes))
        if change_set.structural:
            self._leaf_rows.forget(change_set.changes)
        self.changed.emit(change_set)

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
