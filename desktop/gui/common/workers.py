"""Running slow work (import, export, print layout) off the UI thread, with progress and cancel.

``start_job`` runs a function on Qt's thread pool. A progress dialog with a 取消 button appears if
the work takes longer than ``PROGRESS_DELAY_MS`` (quick jobs never flash a dialog). The dialog is
made only when it is due and is reset and deleted the moment the job ends: a ``QProgressDialog``
starts its own show timer when it is constructed, and one left alive (say, while the result opens a
modal dialog, whose nested event loop holds back ``deleteLater``) would pop up over that dialog. The function
receives a :class:`CancelToken`: long functions may check it, and every caller checks it before
anything is written, so a cancelled job leaves no trace. The result (or the error's plain
sentence) comes back on the UI thread through ``done`` / ``failed``; a cancelled job emits
``cancelled`` instead and its result is dropped. An unexpected error (anything but a
``PlanError``) is written to the crash log, and the sentence names the log file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop import crashlog
from desktop.core.model import PlanError

PROGRESS_DELAY_MS = 200


class Cancelled(Exception):
    """Raised inside a job that noticed it was cancelled."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled


class _Signals(QObject):
    finished = Signal(object, object)  # result, error message (None on success)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[CancelToken], Any], token: CancelToken, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._token, self._signals = work, token, signals

    def run(self) -> None:
        try:
            result = self._work(self._token)
        except Cancelled:
            self._signals.finished.emit(None, "")
        except PlanError as error:
            self._signals.finished.emit(None, str(error))
        except Exception as error:  # unexpected: the details go to the crash log, the sentence names it
            self._signals.finished.emit(None, f"操作没有完成：{crashlog.failure_sentence(error)}")
        else:
            self._signals.finished.emit(result, None)


class Job(QObject):
    """One background job; keep a reference until ``done``, ``failed`` or ``cancelled`` fires."""

    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None, label: str, work: Callable[[CancelToken], Any]) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self.running = True
        self._signals = _Signals()
        self._signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._label, self._parent = label, parent
        self.progress: QProgressDialog | None = None  # made only when the job outlives the delay
        self._show_timer = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._show_timer.timeout.connect(self._show_progress)
        self._runnable = _Runnable(work, self.token, self._signals)

    def start(self) -> Job:
        self._show_timer.start()
        QThreadPool.globalInstance().start(self._runnable)
        return self

    def cancel(self) -> None:
        self.token.cancel()

    def _show_progress(self) -> None:
        if not self.running or self.progress is not None:
            return
        progress = QProgressDialog(self._label, "取消", 0, 0, self._parent)
        progress.setWindowTitle("请稍候")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.cancel)
        progress.setMinimumDuration(0)
        progress.show()
        self.progress = progress

    def _drop_progress(self) -> None:
        """Stop the dialog's own show timer (``reset``), hide it and let it go."""
        progress, self.progress = self.progress, None
        if progress is None:
            return
        progress.canceled.disconnect(self.cancel)
        progress.reset()
        progress.hide()
        progress.deleteLater()

    def _finished(self, result: object, error: str | None) -> None:
        self.running = False
        self._show_timer.stop()
        self._drop_progress()
        if self.token.cancelled or error == "":
            self.cancelled.emit()
        elif error is not None:
            self.failed.emit(error)
        else:
            self.done.emit(result)
        self.deleteLater()


def start_job(parent: QWidget | None, label: str, work: Callable[[CancelToken], Any]) -> Job:
    return Job(parent, label, work).start()


class JobList:
    """The background jobs still running, kept alive (a Job has no other owner) until each ends."""

    def __init__(self) -> None:
        self.running: list[Job] = []

    def keep(self, job: Job) -> Job:
        self.running.append(job)
        for signal in (job.done, job.failed, job.cancelled):
            signal.connect(lambda *_a, j=job: self.running.remove(j) if j in self.running else None)
        return job
