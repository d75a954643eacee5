"""Driving real modal dialogs and drags from tests: act on the next dialog once it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget


def on_next_dialog(action: Callable[[QWidget], None], timeout_ms: int = 5000) -> list[str]:
    """Run ``action`` on the next modal dialog that opens (polling); returns a list that receives
    the dialog's class name once handled, so a test can check the dialog really appeared."""
    seen: list[str] = []
    waited = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            seen.append(type(dialog).__name__)
            action(dialog)
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return seen


def drop_on(widget: QWidget, point: QPoint, mime: QMimeData,
            action: Qt.DropAction = Qt.DropAction.MoveAction) -> bool:
    """Deliver drag-enter, drag-move and drop events at ``point`` of ``widget`` (a viewport)."""
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Drag events take an integer point, the drop event a real one (PySide6 6.11 accepts nothing else).
    enter = QDragEnterEvent(QPoint(point), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(QPoint(point), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, move)
    drop = QDropEvent(QPointF(point), actions, mime, buttons, mods)
    drop.setDropAction(action)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()
