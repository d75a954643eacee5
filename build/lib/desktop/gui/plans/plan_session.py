"""One open plan in the GUI: the plan, its undo stack and the single door every edit goes through.

``PlanSession.do(op)`` applies a core operation through the applier (the workspace's ``apply``:
change in memory, persist in one transaction, return the inverse), pushes one undo command, and
emits ``changed`` with the primitive changes the plan journaled, so the tree and table models
update exactly what changed. Undo and redo go through the same path. Sessions are kept per plan
for the whole run of the app, so a plan's undo history survives switching to another plan.

When another program holds the workspace's write lock, the store refuses quickly with
``StoreBusy`` (the GUI's connection has a short busy timeout, so the window never freezes). The
edit is then kept *pending*: ``do`` queues it, later edits queue behind it in order, a timer
retries them in the background, and ``notice`` tells the status bar what is waiting. A pending edit
is never dropped; it becomes an ordinary undo step once stored.

When another window or program changed the plan since it was read, the store refuses the edit
with ``StaleWrite``. The session then reloads the plan (``reload``: the fresh copy replaces the
old one, the undo history of the old copy is cleared, ``reloaded`` lets the views start over) and
applies the clerk's edit again to the fresh copy; only an edit that no longer makes sense (its
task was deleted meanwhile) is reported instead of stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop.core.model import Change, Plan, PlanError
from desktop.core.numbering import compute_numbers
from desktop.core.operations import Operation
from desktop.core.rebase import with_free_ids
from desktop.gui.undo.plan_stack import OperationCommand
from desktop.store.errors import StaleWrite, StoreBusy, StoreError

Applier = Callable[[Plan, Operation], Operation]
Loader = Callable[[int], Plan]
RELOADED = "这个计划刚被另一个窗口或程序修改过，已重新载入最新内容。"
RETRY_FIRST_MS = 300
RETRY_MAX_MS = 3000
REBASE_ATTEMPTS = 10


def apply_in_memory(plan: Plan, op: Operation) -> Operation:
    return op.apply(plan)


@dataclass(frozen=True)
class ChangeSet:
    """The primitive changes of one applied operation, in the order they happened."""

    changes: tuple[Change, ...]

    @property
    def structural(self) -> bool:
        return any(c.kind in ("insert", "remove") for c in self.changes)

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(c.key for c in self.changes if c.kind == "field" and c.key)

    @property
    def text_only(self) -> bool:
        return bool(self.changes) and all(c.kind == "text" for c in self.changes)

    def touched_tasks(self) -> set[int]:
        return {task_id for c in self.changes if c.kind in ("text", "attr") for task_id in c.task_ids}


class PlanSession(QObject):
    """The open plan, its QUndoStack, and ``do``/``apply`` that keep views and storage in step."""

    changed = Signal(object)  # ChangeSet
    failed = Signal(str)  # a plain sentence for the user
    notice = Signal(str)  # a status-bar sentence: edits waiting for the workspace, or stored again
    reloaded = Signal()  # ``plan`` was replaced by a fresh copy from the store: views start over

    def __init__(self, plan: Plan, applier: Applier = apply_in_memory, parent: QObject | None = None,
                 loader: Loader | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._applier = applier
        self._loader = loader
        self.stack = QUndoStack(self)
        self.version = 0  # counts applied operations; caches keyed by it go stale with each edit
        self._numbers: tuple[int, dict[int, str]] = (-1, {})
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

    def do(self, op: Operation, label: str | None = None) -> Operation | None:
        """Apply ``op`` as one undoable step; an invalid op raises PlanError and changes nothing.

        Returns the inverse, or None when the workspace is busy and the edit was kept pending.
        """
        label = label or op.label
        if self.pending:
            self._wait(op, label)
            return None
        try:
            inverse = self.apply(op)
        except StoreBusy:
            self._wait(op, label)
            return None
        except StaleWrite:
            return self._rebase(op, label)
        self.stack.push(OperationCommand(self.apply, op, inverse, label, self._report))
        return inverse

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
        self.stack.clear()  # the old copy's steps would undo the other writer's edits
        self.version += 1
        self.reloaded.emit()
        if notice:
            self.notice.emit(notice)
        return True

    def _rebase(self, op: Operation, label: str) -> Operation | None:
        """The plan was stale: reload it and apply ``op`` to the fresh copy, if it still applies."""
        for _attempt in range(REBASE_ATTEMPTS):  # the other writer may save again meanwhile
            if not self.reload(""):
                return None
            try:
                op = with_free_ids(op, self.plan)
                inverse = self.apply(op)
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
        self.stack.push(OperationCommand(self.apply, op, inverse, label, self._report))
        self.notice.emit(f"{RELOADED}您的修改（{label}）已保存在最新内容上。")
        return inverse

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
                inverse = self.apply(op)
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
            self.stack.push(OperationCommand(self.apply, op, inverse, label, self._report))
        self._retry.stop()
        self.notice.emit("等待保存的修改已全部保存。")
        return True

    def apply(self, op: Operation) -> Operation:
        """Apply without touching the undo stack; emits ``changed``."""
        watched = self.plan.journal
        inverse = self._applier(self.plan, op)
        # The store takes the journal to persist it; the list it took is the one we watched.
        changes = list(watched) if watched is not self.plan.journal else self.plan.take_journal()
        self.plan.take_journal()
        self.version += 1
        self.changed.emit(ChangeSet(tuple(changes)))
        return inverse

    def _report(self, error: Exception) -> None:
        self.failed.emit(f"撤销或重做没有完成：{error}")
