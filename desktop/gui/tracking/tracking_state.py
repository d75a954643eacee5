"""The tracking data of the plan on screen: its assignments, kept in step with the plan and the store.

:class:`TrackingState` is the GUI's one door to the tracking tables. Opening a plan brings its
assignments in line with the plan (``sync_plan``) and tells what became overdue since the plan
was last opened (the date is kept in QSettings under the workspace file and the plan's key, which
a copied or re-created plan does not share). After plan edits the assignments are synced again,
debounced, so units added to or removed from a row appear in the dashboard. Tracking edits go
through :meth:`apply` — one transaction, handed to ``record`` (the workbench's ``do``: one step on
the app's undo stack) — and every reload emits ``changed``. ``today`` is a callable so tests can
fix the date. A change refused because another program holds the workspace's lock is kept and
retried in the background (its typed report is never lost); the status bar says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from desktop.core.feedback_check import Update
from desktop.core.model import PlanError
from desktop.core.tracking import Assignment
from desktop.core.tracking_overview import newly_overdue
from desktop.gui.plans.plan_session import PlanSession
from desktop.store.changes import OpChanges
from desktop.store.errors import StoreBusy
from desktop.store.feedback_store import plan_key
from desktop.store.feedback_undo import apply_updates
from desktop.store.tracking_store import load_assignments, sync_plan
from desktop.store.workspace import Workspace

Today = Callable[[], date]
Record = Callable[[Callable[[], OpChanges]], OpChanges]  # make a change as one undo step
SYNC_DELAY_MS = 250
RETRY_MS = 500  # a tracking change refused because another program holds the lock is tried again


class TrackingState(QObject):
    """Assignments of the shown plan; ``changed`` after each reload, ``failed(sentence)`` on errors."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, workspace: Workspace, settings: QSettings, record: Record, today: Today = date.today,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.record = record
        self.settings = settings
        self.today = today
        self.session: PlanSession | None = None
        self.assignments: list[Assignment] = []
        self._by_task: dict[int, list[Assignment]] = {}
        # per plan: the plan copy, its session version and stored revision, and the unit directory
        # of its last sync; switching back to a plan nobody changed since needs no second one
        self._synced: dict[int, tuple[object, ...]] = {}
        self._sync = QTimer(self, singleShot=True, interval=SYNC_DELAY_MS)
        self._sync.timeout.connect(lambda: self.reload(sync=True))
        self._pending: list[tuple[PlanSession, list[Update], str]] = []
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.retry_pending)

    # ----- loading -----------------------------------------------------------------------------
    def open(self, session: PlanSession | None) -> list[Assignment]:
        """Show ``session``'s plan: sync, load, and return what became overdue since it was last opened."""
        self._sync.stop()
        self.session = session
        if session is None:
            self._set([])
            return []
        if not self.reload(sync=True):
            return []
        today = self.today()
        since = self._last_opened()
        self._remember_opened(today)
        if since is None or since >= today:
            return []
        return newly_overdue(self.assignments, since, today)

    def schedule_sync(self) -> None:
        """After a plan edit: sync the assignments once the clerk pauses."""
        if self.session is not None:
            self._sync.start()

    def reload(self, sync: bool = False) -> bool:
        """Read the assignments again (after syncing them with the plan when ``sync``)."""
        session = self.session
        if session is None or session.plan_id is None:
            self._set([])
            return False
        try:
            if sync:
                units = self.workspace.units()
                synced = (session.plan, session.version, session.plan.revision, units)
                if not _same_sync(self._synced.get(session.plan_id), synced):  # else nothing to do
                    sync_plan(self.workspace.db, session.plan, units)
                    self._synced[session.plan_id] = synced
            assignments = load_assignments(self.workspace.db, session.plan_id)
        except StoreBusy as error:
            if sync:  # another program holds the lock: sync again a little later
                self._sync.start()
            self.failed.emit(str(error))
            return False
        except PlanError as error:
            self.failed.emit(str(error))
            return False
        self._set(assignments)
        return True

    def flush(self) -> None:
        """Run a pending sync now (before exporting, or in tests)."""
        if self._sync.isActive():
            self._sync.stop()
            self.reload(sync=True)

    def _set(self, assignments: list[Assignment]) -> None:
        self.assignments = assignments
        by_task: dict[int, list[Assignment]] = {}
        for item in assignments:
            if item.active:
                by_task.setdefault(item.task_id, []).append(item)
        for items in by_task.values():
            items.sort(key=lambda item: item.role != "lead")
        self._by_task = by_task
        self.changed.emit()

    def for_task(self, task_id: int) -> list[Assignment]:
        """The task's active assignments, 牵头单位 first."""
        return list(self._by_task.get(task_id, ()))

    def assignment(self, assignment_id: int) -> Assignment | None:
        return next((item for item in self.assignments if item.id == assignment_id), None)

    # ----- changing ----------------------------------------------------------------------------
    def apply(self, updates: Sequence[Update], label: str) -> bool:
        """Apply tracking updates in one transaction as one undo step (the views reload)."""
        session = self.session
        if session is None or not updates:
            return False
        if self._pending:
            self._wait(session, updates, label)
            return True
        try:
            self._store(session, updates, label)
        except StoreBusy:
            self._wait(session, updates, label)
            return True
        except PlanError as error:
            self.failed.emit(str(error))
            return False
        return True

    def _store(self, session: PlanSession, updates: Sequence[Update], label: str) -> None:
        self.record(lambda: apply_updates(self.workspace.db, updates, label, session.plan_id))

    def _wait(self, session: PlanSession, updates: Sequence[Update], label: str) -> None:
        """Another program holds the lock: keep the typed report or status and retry in the background."""
        self._pending.append((session, list(updates), label))
        if not self._retry.isActive():
            self._retry.start(RETRY_MS)
        self.failed.emit(f"工作区正被另一个程序占用，{len(self._pending)} 项进展等待保存，正在自动重试……")

    def retry_pending(self) -> bool:
        """Store the waiting tracking changes in order; True when nothing is left waiting."""
        while self._pending:
            session, updates, label = self._pending[0]
            try:
                self._store(session, updates, label)
            except StoreBusy:
                self._retry.start(RETRY_MS)
                return False
            except PlanError as error:
                self._pending.pop(0)
                self.failed.emit(f"一项等待保存的进展（{label}）无法保存：{error}")
                continue
            self._pending.pop(0)
        self.failed.emit("等待保存的进展已全部保存。")
        return True

    # ----- last opened -------------------------------------------------------------------------
    def _settings_key(self) -> str | None:
        if self.session is None or self.session.plan_id is None:
            return None
        key = plan_key(self.workspace.db, self.session.plan_id)
        where = hashlib.sha256(str(self.workspace.path.resolve()).encode()).hexdigest()[:12]
        return None if key is None else f"tracking/last_opened/{where}-{key}"

    def _last_opened(self) -> date | None:
        key = self._settings_key()
        value = self.settings.value(key) if key else None
        try:
            return date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None

    def _remember_opened(self, today: date) -> None:
        key = self._settings_key()
        if key:
            self.settings.setValue(key, today.isoformat())


def _same_sync(last: tuple[object, ...] | None, now: tuple[object, ...]) -> bool:
    return last is not None and last[0] is now[0] and last[1:] == now[1:]
