"""A progress box never outlives its job (issue 14, defect 1).

``QProgressDialog`` runs its own show timer from construction; a box that is hidden but alive
(its ``deleteLater`` held back while the job's result opens a modal dialog) used to pop up over
that dialog four seconds later and swallow its clicks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget

from desktop.gui.common.workers import CancelToken, Job, start_job
from tests.gui.driving import on_next_dialog


def armed_progress_boxes() -> list[QProgressDialog]:
    """Progress boxes that are shown or could still show themselves (a running timer)."""
    boxes = [w for w in QApplication.allWidgets() if isinstance(w, QProgressDialog)]
    return [box for box in boxes
            if box.isVisible() or any(t.isActive() for t in box.findChildren(QTimer))]


def _start_then_dialog(parent: QWidget, work: Callable[[CancelToken], int],
                       seen: list[list[QProgressDialog]]) -> tuple[Job, list[bool]]:
    """Start ``work``; its result opens a modal message box (as the import preview does), and the
    armed progress boxes seen while that box is open go to ``seen``."""

    def inspect(dialog: QWidget) -> None:
        seen.append(armed_progress_boxes())
        dialog.findChild(QPushButton).click()

    def result(_value: object) -> None:
        on_next_dialog(inspect)
        QMessageBox.information(parent, "导入预览", "读取完成")

    job = start_job(parent, "正在读取…", work)
    gone: list[bool] = []
    job.destroyed.connect(lambda *_a: gone.append(True))
    job.done.connect(result)
    return job, gone


def _parent(qtbot) -> QWidget:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return parent


def test_quick_job_leaves_no_progress_box_behind(qtbot) -> None:
    seen: list[list[QProgressDialog]] = []
    _job, gone = _start_then_dialog(_parent(qtbot), lambda _token: 1, seen)
    qtbot.waitUntil(lambda: bool(seen) and bool(gone), timeout=10000)
    assert seen == [[]]


def test_slow_job_box_is_gone_when_result_dialog_opens(qtbot) -> None:
    release = threading.Event()

    def work(_token: CancelToken) -> int:
        release.wait(10)
        return 2

    seen: list[list[QProgressDialog]] = []
    _job, gone = _start_then_dialog(_parent(qtbot), work, seen)
    qtbot.waitUntil(lambda: any(box.isVisible() for box in armed_progress_boxes()), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: bool(seen) and bool(gone), timeout=10000)
    assert seen == [[]]
    assert armed_progress_boxes() == []
