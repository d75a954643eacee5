"""The tracking data of the plan on screen: its assignments, kept in step with the plan and the store.

:class:`TrackingState` is the GUI's one door to the tracking tables. Opening a plan brings its
assignments in line with the plan and tells (``opened``) what became overdue since the plan was
last opened (the date is kept in QSettings under the workspace file and the plan's key, which a
copied or re-created plan does not share). A plan whose store sync mark still matches (see
``store.sync_mark``: nobody changed it since its last sync) is only read. After plan edits only
the rows the edit can have changed are synced again (``core.sync_scope``), debounced, so units
added to or removed from a row appear in the dashboard.

A large plan is opened in the background (``open(session, background=True)``): the sync runs a
few rows per transaction and the assignments are read a page at a time, each slice in a timer
tick of at most :data:`SLICE_S`, so the window answers input while it happens; ``ready`` tells
when the data is complete. Rows synced and assignments changed while a read runs are read again
after it. The dashboard reads the counts from :attr:`TrackingState.index` (``core.tracking_index``),
updated by the assignments each change wrote (:meth:`TrackingState.after_change`). Tracking
edits go through :meth:`apply` — one transaction, handed to ``record`` (the workbench's ``do``:
one step on the app's undo stack) — and every reload emits ``changed``. ``today`` is a callable
so tests can fix the date. A change refused because another program holds the workspace's lock
is kept and retried in the background (its typed report is never lost); the status bar says so.
A sync refused that way is retried too.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from desktop.core.change_set import ChangeSet
from desktop.core.feedback_check import Update
from desktop.core.model import PlanError
from desktop.core.sync_scope import SyncScope, scope_ids, sync_scope
from desktop.core.tracking import Assignment
from desktop.core.tracking_index import TrackingIndex
from desktop.core.tracking_overview import newly_overdue
from desktop.core.tracking_rounds import Round, UnitReturn, not_sent_keys
from desktop.core.units import UnitDirectory
from desktop.gui.plans.plan_session import PlanSession
from desktop.store.changes import (
    AddEntries,
    AddReturns,
    AddRound,
    DropEntries,
    DropReturns,
    DropRound,
    OpChanges,
    PutAssignmentStates,
    PutAssignmentUnits,
)
from desktop.store.errors import StoreBusy
from desktop.store.feedback_store import plan_key
from desktop.store.feedback_undo import apply_updates
from desktop.store.rounds import reporting_state
from desktop.store.tracking_store import load_by_ids, load_page
from desktop.store.tracking_sync import finish_sync, full_sync_ids, plan_synced, sync_tasks
from desktop.store.workspace import Workspace

Today = Callable[[], date]
Record = Callable[[Callable[[], OpChanges]], OpChanges]  # make a change as one undo step
SYNC_DELAY_MS = 250
RETRY_MS = 500  # a tracking change refused because another program holds the lock is tried again
SLICE_S = 0.010  # background work per timer tick: the rest of the frame is the window's
STEP_S = 0.006  # what one piece of it should take: the sizes below follow the measured speed
SIZES = {"sync": (5, 40, 400), "page": (100, 500, 5000)}  # (least, first, most) task ids / rows


def _order(item: Assignment) -> tuple[int, str, int]:
    return item.task_id, item.role, item.id or 0  # as load_assignments orders them


def _by_task(assignments: Iterable[Assignment]) -> dict[int, dict[int, Assignment]]:
    """Every assignment (active or not) by task and id."""
    out: dict[int, dict[int, Assignment]] = {}
    for item in assignments:
        out.setdefault(item.task_id, {})[item.id or 0] = item
    return out


def changed_assignments(record: OpChanges) -> set[int] | None:
    """The ids of the assignments a tracking change (or its undo) wrote; None when it may have
    written others too (a whole re-read is needed)."""
    ids: set[int] = set()
    for step in record.undo:
        if isinstance(step, PutAssignmentStates):
            ids.update(state.id for state in step.states)
        elif isinstance(step, PutAssignmentUnits):
            ids.update(row[0] for row in step.rows)
        elif isinstance(step, AddEntries | DropEntries):
            ids.update(assignment_id for assignment_id, _entry in step.entries)
        elif not isinstance(step, AddReturns | DropReturns | AddRound | DropRound):
            return None
    return ids


class _Read:
    """A whole read of a plan's assignments in pieces: pages in id order, each taken into a new
    dashboard index, then the index's due lists put in order."""

    def __init__(self, index: TrackingIndex) -> None:
        self.items: dict[int, Assignment] = {}
        self.tasks: dict[int, dict[int, Assignment]] = {}
        self.index = index
        self.after = 0  # the last id read
        self.paged = False
        self.sorted = False


class TrackingState(QObject):
    """Assignments of the shown plan; ``changed`` after each reload, ``failed(sentence)`` on errors,
    ``opened(newly overdue)`` once an opened plan's data is complete."""

    changed = Signal()
    failed = Signal(str)
    opened = Signal(list)

    def __init__(self, workspace: Workspace, settings: QSettings, record: Record, today: Today = date.today,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.record = record
        self.settings = settings
        self.today = today
        self.session: PlanSession | None = None
        self._items: dict[int, Assignment] = {}  # the shown plan's assignments by id
        self._tasks: dict[int, dict[int, Assignment]] = {}  # … by task
        self._list: list[Assignment] | None = None  # … in load_assignments' order, made when asked
        self.index: TrackingIndex | None = None  # the dashboard's counts, lists and filters
        self._structure = 0  # counts the structural edits of the shown plan (the index's token)
        self.round: Round | None = None  # the plan's current reporting round
        self.unit_returns: list[UnitReturn] = []  # each unit's state in it, 未报送 first
        self._sync = QTimer(self, singleShot=True, interval=SYNC_DELAY_MS)
        self._sync.timeout.connect(self._start_sync)
        self._scope = SyncScope()  # what the edits since the last sync can have changed
        # the background work: task ids left to sync, whether to write the sync mark when none are
        # left, the tasks whose rows to read again afterwards, and a full read (page by page)
        self._todo: dict[int, None] = {}
        self._units: UnitDirectory | None = None
        self._in_line = False  # every stored assignment outside _todo follows the plan
        self._mark = False
        self._reread: set[int] = set()  # tasks whose rows a sync wrote: read again when no read runs
        self._refresh: set[int] = set()  # assignments a tracking change wrote during a whole read
        self._read: _Read | None = None
        self._size = {kind: first for kind, (_least, first, _most) in SIZES.items()}
        self._opening = False
        self._work = QTimer(self, interval=0)
        self._work.timeout.connect(self._tick)
        self._pending: list[tuple[PlanSession, list[Update], str]] = []
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.retry_pending)

    # ----- loading -----------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """The shown plan's assignments are all read (nothing is being synced or read for it)."""
        return self.session is not None and not self.busy

    @property
    def busy(self) -> bool:
        return bool(self._todo or self._mark or self._read is not None or self._reread or self._refresh)

    def open(self, session: PlanSession | None, background: bool = False) -> list[Assignment]:
        """Show ``session``'s plan: sync what needs it, read, and emit ``opened`` with what became
        overdue since it was last opened (also returned when not in the ``background``)."""
        self._sync.stop()
        self._work.stop()
        self._scope = SyncScope()
        self._todo, self._mark, self._reread, self._read, self._in_line = {}, False, set(), None, False
        self._refresh = set()
        self.session = session
        if session is None or session.plan_id is None:
            self._opening = False
            self._set([])
            return []
        self._opening = True
        self._set([])
        try:
            self._units = self.workspace.units()
            if plan_synced(self.workspace.db, session.plan, self._units):
                self._in_line = True
            else:
                self._queue_full()
        except PlanError as error:
            self.failed.emit(str(error))
        self._read = self._new_read(session)
        if background:
            self._work.start()
            return []
        newly: list[Assignment] = []
        self.opened.connect(newly.extend)
        try:
            self._drain()
        finally:
            self.opened.disconnect(newly.extend)
        return newly

    def _queue_full(self) -> None:
        session = self.session
        assert session is not None
        self._units = self.workspace.units()
        self._todo.update(dict.fromkeys(full_sync_ids(self.workspace.db, session.plan)))
        self._in_line = True  # once the queue is done
        self._mark = True

    def schedule_sync(self, change_set: ChangeSet | None = None) -> None:
        """After a plan edit: sync the rows it can have changed (all without a change set) once the
        clerk pauses."""
        scope = SyncScope(full=True) if change_set is None else sync_scope(change_set)
        if change_set is not None and change_set.structural:
            self._structure += 1  # the dashboard index recounts (leaves, categories, order)
        if self.session is not None and not scope.empty:
            self._scope = self._scope | scope
            self._sync.start()

    def _start_sync(self) -> None:
        session = self.session
        scope, self._scope = self._scope, SyncScope()
        if session is None or scope.empty:
            return
        try:
            if scope.full:
                self._queue_full()
                self._read, self._reread = self._new_read(session), set()
            else:
                ids = scope_ids(session.plan, scope)
                self._todo.update(dict.fromkeys(ids))
                self._mark = self._mark or self._in_line
                self._reread.update(ids)  # after a whole read too: it may have read them before the sync
        except StoreBusy as error:
            self._scope = self._scope | scope
            self._sync.start()
            self.failed.emit(str(error))
            return
        except PlanError as error:
            self.failed.emit(str(error))
            return
        self._work.start()

    def _tick(self) -> None:
        """One slice: pieces of work while another one still fits in SLICE_S."""
        last = time.perf_counter() + SLICE_S - STEP_S
        while True:
            if not self._step():
                self._work.stop()
                return
            if time.perf_counter() > last:
                return

    def _drain(self) -> None:
        self._work.stop()
        while self._step():
            pass

    def _step(self) -> bool:
        """Do one piece of the background work; False when there is none left (or it must wait)."""
        session = self.session
        if session is None or session.plan_id is None:
            return False
        db = self.workspace.db
        try:
            if self._todo:
                ids = list(self._todo)[:self._size["sync"]]
                start = time.perf_counter()
                sync_tasks(db, session.plan, self._units, ids)
                self._measured("sync", len(ids), time.perf_counter() - start)
                for task_id in ids:
                    del self._todo[task_id]
                return True
            if self._mark:
                if self._in_line:
                    finish_sync(db, session.plan, self._units)
                self._mark = False
                return True
            if self._read is not None:
                return self._read_step(session, self._read)
            if self._refresh:
                changed, self._refresh = self._refresh, set()
                self.reload_assignments(sorted(changed))
                return bool(self._reread)
            if self._reread:
                tasks, self._reread = self._reread, set()
                fresh = load_by_ids(db, session.plan_id, tasks, tasks=True)
                # a unit new to the plan is one that has not reported in the current round
                self.round, self.unit_returns = reporting_state(db, session.plan_id)
                self._patch(tasks, fresh)
            return False
        except StoreBusy as error:  # another program holds the lock: carry on a little later
            self._work.stop()
            QTimer.singleShot(RETRY_MS, self._work.start)
            self.failed.emit(str(error))
            return False
        except PlanError as error:  # a stale plan copy, a damaged file: give up this work, say why
            syncing = bool(self._todo or self._mark)
            self._todo, self._mark, self._in_line = {}, False, False
            if not syncing:  # the read failed: show what was read before
                self._read, self._reread = None, set()
            self.failed.emit(str(error))
            return self.busy

    def _measured(self, kind: str, size: int, seconds: float) -> None:
        """Size the next piece of ``kind`` so that it takes about STEP_S (at most twice this one)."""
        least, _first, most = SIZES[kind]
        if size >= self._size[kind]:
            wanted = int(size * STEP_S / max(seconds, 1e-4))
            self._size[kind] = max(least, min(most, 2 * size, wanted))

    def _new_read(self, session: PlanSession) -> _Read:
        return _Read(TrackingIndex(session.plan, self.today(), (), self._structure))

    def _read_step(self, session: PlanSession, read: _Read) -> bool:
        assert session.plan_id is not None
        if not read.paged:
            size = self._size["page"]
            start = time.perf_counter()
            page = load_page(self.workspace.db, session.plan_id, read.after, size)
            read.index.restructure(self._structure)
            read.index.update(page, bulk=True)
            self._measured("page", size, time.perf_counter() - start)
            for item in page:
                read.items[item.id or 0] = item
                read.tasks.setdefault(item.task_id, {})[item.id or 0] = item
            if page:
                read.after = page[-1].id or 0
            read.paged = len(page) < size
            return True
        if not read.sorted:
            read.index.restructure(self._structure)
            read.index.sort()
            read.sorted = True
            return True
        self.round, self.unit_returns = reporting_state(self.workspace.db, session.plan_id)
        self._read = None  # what was synced or changed meanwhile is read again next (_reread, _refresh)
        self._items, self._tasks, self._list, self.index = read.items, read.tasks, None, read.index
        self.changed.emit()
        if self._opening:
            self._opening = False
            self.opened.emit(self._newly_overdue())
        return self.busy  # rows synced or changed during the read come next

    def _newly_overdue(self) -> list[Assignment]:
        today = self.today()
        since = self._last_opened()
        self._remember_opened(today)
        if since is None or since >= today:
            return []
        return newly_overdue(self._items.values(), since, today)  # (no need to sort them)

    def reload(self, sync: bool = False) -> bool:
        """Read the assignments again (after syncing all rows that need it when ``sync``)."""
        session = self.session
        if session is None or session.plan_id is None:
            self._set([])
            return False
        if sync:
            self._scope = self._scope | SyncScope(full=True)
            self._start_sync()
        self._read, self._reread, self._refresh = self._new_read(session), set(), set()
        self._drain()
        return not self.busy

    def flush(self) -> None:
        """Finish what is waiting now: a pending sync, any background work (before exporting, in tests)."""
        if self._sync.isActive():
            self._sync.stop()
            self._start_sync()
        self._drain()

    def _set(self, assignments: list[Assignment]) -> None:
        self._items = {item.id or 0: item for item in assignments}
        self._tasks, self._list = _by_task(assignments), None
        session = self.session
        self.index = None if session is None else TrackingIndex(session.plan, self.today(), assignments,
                                                                self._structure)
        self.changed.emit()

    def _patch(self, task_ids: Iterable[int], fresh: list[Assignment]) -> None:
        """Replace the rows of those tasks by ``fresh`` (their rows as stored now)."""
        gone = {item.id or 0 for task_id in task_ids for item in self._tasks.pop(task_id, {}).values()}
        self._replace(fresh, gone)

    def _replace(self, fresh: Sequence[Assignment], gone: Iterable[int] = ()) -> None:
        """Take in the stored versions of some assignments (and forget the ``gone`` ids)."""
        keep = {item.id for item in fresh}
        removed = [assignment_id for assignment_id in gone if assignment_id not in keep]
        for assignment_id in removed:
            old = self._items.pop(assignment_id, None)
            if old is not None:
                self._tasks.get(old.task_id, {}).pop(assignment_id, None)
        for item in fresh:
            old = self._items.get(item.id or 0)
            if old is not None and old.task_id != item.task_id:
                self._tasks.get(old.task_id, {}).pop(item.id or 0, None)
            self._items[item.id or 0] = item
            self._tasks.setdefault(item.task_id, {})[item.id or 0] = item
        self._list = None
        if self.index is not None:
            self.index.restructure(self._structure)
            self.index.update(fresh, removed)
        self.changed.emit()

    def reload_assignments(self, ids: Iterable[int]) -> None:
        """Read these assignments again (a status, an entry, an import, an undo changed them), and
        the reporting round's state."""
        ids = list(ids)
        session = self.session
        if session is None or session.plan_id is None:
            return
        if self._read is not None:  # the read may have passed them: read them again after it
            self._refresh.update(ids)
            return
        try:
            fresh = load_by_ids(self.workspace.db, session.plan_id, ids)
            self.round, self.unit_returns = reporting_state(self.workspace.db, session.plan_id)
        except PlanError as error:
            self.failed.emit(str(error))
            return
        self._replace(fresh, [assignment_id for assignment_id in ids if assignment_id in self._items])

    def reload_round(self) -> None:
        """Read the reporting round's state again (a round was opened, units' returns recorded)."""
        session = self.session
        if session is None or session.plan_id is None:
            return
        try:
            self.round, self.unit_returns = reporting_state(self.workspace.db, session.plan_id)
        except PlanError as error:
            self.failed.emit(str(error))
            return
        self.changed.emit()

    def after_change(self, record: OpChanges) -> None:
        """A tracking change was made or undone: read what it wrote again (everything if unsure)."""
        ids = changed_assignments(record)
        if ids is None:
            self.reload()
        else:
            self.reload_assignments(sorted(ids))

    def in_line(self) -> bool:
        """Whether the store says the shown plan's assignments follow it (nothing to sync)."""
        session = self.session
        try:
            units = self.workspace.units()
            return session is not None and plan_synced(self.workspace.db, session.plan, units)
        except PlanError:
            return False

    @property
    def assignments(self) -> list[Assignment]:
        """All of the shown plan's assignments, in ``load_assignments``' order."""
        if self._list is None:
            self._list = sorted(self._items.values(), key=_order)
        return self._list

    @property
    def structure(self) -> tuple[int, int]:
        """Changes whenever the shown plan's rows were inserted, removed or moved (or another plan shown)."""
        return id(self.session), self._structure

    def dashboard_index(self) -> TrackingIndex | None:
        """The index, brought to today and the plan's current rows."""
        if self.index is not None:
            self.index.restructure(self._structure)
            self.index.set_today(self.today())
        return self.index

    @property
    def not_sent(self) -> frozenset[str]:
        """The units that sent nothing in the current round (their 未开始 shows as 未报送)."""
        return not_sent_keys(self.unit_returns)

    def for_task(self, task_id: int) -> list[Assignment]:
        """The task's active assignments, 牵头单位 first."""
        items = [item for item in self._tasks.get(task_id, {}).values() if item.active]
        return sorted(items, key=lambda item: (item.role != "lead", item.role, item.id or 0))

    def assignment(self, assignment_id: int) -> Assignment | None:
        return self._items.get(assignment_id)

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

