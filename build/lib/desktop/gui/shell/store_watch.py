"""Noticing other writers: the plan list and the open plans follow what another program committed.

Another window on a shared folder, or the command line (``fenjie import``, a feedback import),
may write to the workspace while the app is open. :class:`StoreWatch` polls SQLite's
``PRAGMA data_version`` (it changes only when *another* connection commits; a cheap read) once a
second. When it moved, the plan list is refreshed, every open plan whose stored revision differs
from its copy's is reloaded (unless it has edits waiting for the lock: those are stored against
the fresh copy by the session itself), and ``external_change`` tells the tracking views to read
the assignments again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.store.errors import StoreError

if TYPE_CHECKING:
    from desktop.gui.shell.workbench import Workbench

POLL_MS = 1000


class StoreWatch(QObject):
    """Polls the workbench's workspace for commits of other connections."""

    def __init__(self, bench: Workbench, interval_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bench = bench
        self._seen = self._version()
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _version(self) -> int | None:
        try:
            return self.bench.workspace.data_version()
        except StoreError:
            return None

    def check(self) -> bool:
        """Follow other writers' commits since the last check; True if there were any."""
        version = self._version()
        if version is None or version == self._seen:
            return False
        self._seen = version
        workspace = self.bench.workspace
        for session in list(self.bench.sessions.values()):
            if session.pending or session.plan_id is None:
                continue
            try:
                stored = workspace.plan_revision(session.plan_id)
            except StoreError:
                continue
            if stored is not None and stored != session.plan.revision:
                session.reload()
        self.bench.plans_changed.emit()
        self.bench.external_change.emit()
        return True
