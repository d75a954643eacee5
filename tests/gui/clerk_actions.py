"""Driving real widgets as a clerk does, counting every key press and mouse click.

:class:`Script` runs a test written as a generator of steps from the event loop, so that steps
can act inside modal dialogs that earlier steps opened (the way a clerk works through them).

Each method sends real input events through QTest (a click on a widget or on a tree row, a key
chord, typed text) and adds what the clerk would have pressed to ``count``, with a line in
``steps``; a test that acts only through these methods cannot report a count other than what it
did. ASCII text counts one action per character; Chinese counts the pinyin letters typed and
one space to pick the candidate (what a clerk presses with a pinyin input method).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import TypeVar

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

T = TypeVar("T")
NO_MOD = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def wait_for(condition: Callable[[], object], what: str, timeout_s: float = 60.0) -> None:
    """Process events until ``condition`` holds (an AssertionError naming ``what`` after the timeout)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"waited in vain for {what}"
        QTest.qWait(10)


@dataclass
class Actions:
    """Real key presses and clicks, counted."""

    count: int = 0
    steps: list[str] = field(default_factory=list)

    @staticmethod
    def _focus_window(widget: QWidget) -> None:
        """Make the widget's window the active one, as the window manager does when the clerk clicks
        into it or closes the dialog in front of it (the offscreen platform has no window manager)."""
        window = widget.window()
        if not window.isActiveWindow() and QApplication.activeModalWidget() in (None, window):
            window.activateWindow()
            wait_for(window.isActiveWindow, "the window to become active", 10.0)

    def _note(self, actions: int, what: str) -> None:
        self.count += actions
        self.steps.append(f"{what}（{actions}）")

    def outside(self, actions: int, what: str) -> None:
        """Actions the clerk takes outside the app (starting it from its icon)."""
        self._note(actions, what)

    def click(self, widget: QWidget, what: str, pos: QPoint | None = None,
              modifier: Qt.KeyboardModifier = NO_MOD) -> None:
        """One left click on ``widget`` (its centre unless ``pos``)."""
        assert widget.isVisible() and widget.isEnabled(), f"{what}: the widget is not there to click"
        self._focus_window(widget)
        self._note(1, what)
        QTest.mouseClick(widget, LEFT, modifier, pos or widget.rect().center())

    def click_row(self, view: QAbstractItemView, pos: QPoint, what: str,
                  modifier: Qt.KeyboardModifier = NO_MOD) -> None:
        """A click on a row of a view at ``pos`` (viewport coordinates, a row the clerk can see)."""
        assert view.viewport().rect().contains(pos), f"{what}: the row is not in view"
        self._focus_window(view)
        self._note(1, what)
        QTest.mouseClick(view.viewport(), LEFT, modifier, pos)

    def click_item(self, tree: QTreeWidget, item: QTreeWidgetItem, what: str,
                   modifier: Qt.KeyboardModifier = NO_MOD) -> None:
        rect = tree.visualItemRect(item)
        pos = QPoint(rect.left() + min(60, rect.width() // 2), rect.center().y())
        self.click_row(tree, pos, what, modifier)

    def key(self, widget: QWidget, key: Qt.Key, what: str, modifier: Qt.KeyboardModifier = NO_MOD) -> None:
        """One key press or key chord (Ctrl+S is one action)."""
        self._focus_window(widget)
        self._note(1, what)
        QTest.keyClick(widget, key, modifier)

    def type_text(self, widget: QWidget, text: str, what: str) -> None:
        """Typing ASCII ``text``: one action per character."""
        assert text.isascii(), "Chinese is typed through the input method: use type_pinyin"
        self._note(len(text), what)
        QTest.keyClicks(widget, text)

    def type_pinyin(self, widget: QWidget, text: str, pinyin: str, what: str) -> None:
        """Typing Chinese ``text`` with a pinyin input method: the letters of ``pinyin`` and a space
        for the first candidate, delivered to the widget as the input method's commit."""
        self._note(len(pinyin.replace(" ", "")) + 1, what)
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    def choose(self, combo: QComboBox, text: str, what: str) -> None:
        """Open a combo box with a click, move to the entry ``text`` with the arrow keys, press Enter.

        (A click on the entry right after the list opened is taken by Qt for the end of a
        press-drag-release and ignored, so the keyboard is what works at a clerk's speed.)
        """
        index = combo.findText(text)
        assert index >= 0, f"{what}: no entry {text!r}"
        steps = index - max(combo.currentIndex(), 0)
        arrow = QPoint(combo.width() - 8, combo.height() // 2)  # an editable box opens at its arrow
        self.click(combo, what + "（打开列表）", arrow if combo.isEditable() else None)
        view = combo.view()
        wait_for(view.isVisible, "the list of " + what)
        key = Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up
        self._note(abs(steps) + 1, what + f"：{text}")
        for _ in range(abs(steps)):
            QTest.keyClick(view, key)
        QTest.keyClick(view, Qt.Key.Key_Return)
        wait_for(lambda: not view.isVisible(), "the list of " + what + " to close")
        QApplication.processEvents()
        assert combo.currentIndex() == index, f"{what}: {combo.currentText()!r} chosen instead of {text!r}"


@dataclass
class Do:
    """A step of a :class:`Script` that may open a modal dialog: run from the event loop."""

    action: Callable[[], object]


@dataclass
class Until:
    """A step of a :class:`Script`: wait until ``condition`` returns something true (sent back)."""

    condition: Callable[[], object]
    what: str
    timeout_s: float = 30.0


Step = Do | Until


class Script:
    """Runs a generator of steps from timers, so that a step can open a modal dialog (a file dialog,
    the import preview …) and the next steps act on it inside that dialog's own event loop."""

    def __init__(self, steps: Generator[Step, object, None]) -> None:
        self.steps = steps
        self.done = False
        self.error: BaseException | None = None
        self.busy = False  # an action is running (it may wait in a dialog it opened)
        self.front: QWidget | None = None  # the dialog in front when the action started

    def start(self) -> None:
        QTimer.singleShot(0, lambda: self._advance(None))

    def _fail(self, error: BaseException) -> None:
        if self.error is None:
            self.error = error
        self.done = True
        QTimer.singleShot(0, _close_modals)

    def _advance(self, value: object) -> None:
        if self.done:
            return
        try:
            step = self.steps.send(value)
        except StopIteration:
            self.done = True
            return
        except BaseException as error:
            self._fail(error)
            return
        if isinstance(step, Do):
            QTimer.singleShot(0, lambda: self._run(step.action))
            QTimer.singleShot(0, self._after_action)
        else:
            self._wait(step, time.monotonic() + step.timeout_s)

    def _run(self, action: Callable[[], object]) -> None:
        self.busy = True
        self.front = QApplication.activeModalWidget()
        try:
            action()
        except BaseException as error:
            self._fail(error)
        finally:
            self.busy = False

    def _after_action(self) -> None:
        """Go on once the action has returned, or once it opened a modal dialog and waits in it."""
        if self.busy and QApplication.activeModalWidget() is self.front:
            QTimer.singleShot(10, self._after_action)
        else:
            self._advance(None)

    def _wait(self, step: Until, deadline: float) -> None:
        if self.done:
            return
        try:
            value = step.condition()
        except BaseException as error:
            self._fail(error)
            return
        if value:
            QTimer.singleShot(0, lambda: self._advance(value))
        elif time.monotonic() > deadline:
            shown = QApplication.activeModalWidget()
            text = shown.text() if isinstance(shown, QMessageBox) else ""
            self._fail(AssertionError(f"waited in vain for {step.what} (the dialog in front: "
                                      f"{type(shown).__name__ if shown else 'none'} {text})"))
        else:
            QTimer.singleShot(20, lambda: self._wait(step, deadline))


def _close_modals() -> None:
    """After a failure: close the open modal dialogs so the test can report instead of hanging."""
    for _ in range(10):
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        dialog.close()
        QApplication.processEvents()


def modal(kind: type[T]) -> Callable[[], T | None]:
    """A condition: the active modal dialog if it is a ``kind`` and shown."""
    def found() -> T | None:
        dialog = QApplication.activeModalWidget()
        return dialog if isinstance(dialog, kind) and dialog.isVisible() else None
    return found
