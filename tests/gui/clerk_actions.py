"""Driving real widgets as a clerk does, counting every key press and mouse click.

Each method sends real input events through QTest (a click on a widget or on a tree row, a key
chord, typed text) and adds what the clerk would have pressed to ``count``, with a line in
``steps``; a test that acts only through these methods cannot report a count other than what it
did. Typing text counts one action per character typed (an IME or a paste would be fewer).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

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

    def _note(self, actions: int, what: str) -> None:
        self.count += actions
        self.steps.append(f"{what}（{actions}）")

    def click(self, widget: QWidget, what: str, pos: QPoint | None = None,
              modifier: Qt.KeyboardModifier = NO_MOD) -> None:
        """One left click on ``widget`` (its centre unless ``pos``)."""
        assert widget.isVisible() and widget.isEnabled(), f"{what}: the widget is not there to click"
        QTest.mouseClick(widget, LEFT, modifier, pos or widget.rect().center())
        self._note(1, what)

    def double_click(self, widget: QWidget, what: str, pos: QPoint | None = None) -> None:
        assert widget.isVisible()
        QTest.mouseDClick(widget, LEFT, NO_MOD, pos or widget.rect().center())
        self._note(2, what)

    def click_row(self, view: QAbstractItemView, pos: QPoint, what: str,
                  modifier: Qt.KeyboardModifier = NO_MOD) -> None:
        """A click on a row of a view at ``pos`` (viewport coordinates, a row the clerk can see)."""
        assert view.viewport().rect().contains(pos), f"{what}: the row is not in view"
        QTest.mouseClick(view.viewport(), LEFT, modifier, pos)
        self._note(1, what)

    def click_item(self, tree: QTreeWidget, item: QTreeWidgetItem, what: str,
                   modifier: Qt.KeyboardModifier = NO_MOD) -> None:
        rect = tree.visualItemRect(item)
        pos = QPoint(rect.left() + min(60, rect.width() // 2), rect.center().y())
        self.click_row(tree, pos, what, modifier)

    def key(self, widget: QWidget, key: Qt.Key, what: str, modifier: Qt.KeyboardModifier = NO_MOD) -> None:
        """One key press or key chord (Ctrl+S is one action)."""
        QTest.keyClick(widget, key, modifier)
        self._note(1, what)

    def type_text(self, widget: QWidget, text: str, what: str) -> None:
        """Typing ``text``: one action per character."""
        QTest.keyClicks(widget, text)
        self._note(len(text), what)

    def choose(self, combo: QComboBox, text: str, what: str) -> None:
        """Open a combo box with a click, move to the entry ``text`` with the arrow keys, press Enter.

        (A click on the entry right after the list opened is taken by Qt for the end of a
        press-drag-release and ignored, so the keyboard is what works at a clerk's speed.)
        """
        index = combo.findText(text)
        assert index >= 0, f"{what}: no entry {text!r}"
        steps = index - combo.currentIndex()
        self.click(combo, what + "（打开列表）")
        view = combo.view()
        wait_for(view.isVisible, "the list of " + what)
        key = Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up
        for _ in range(abs(steps)):
            QTest.keyClick(view, key)
        QTest.keyClick(view, Qt.Key.Key_Return)
        self._note(abs(steps) + 1, what + f"：{text}")
        wait_for(lambda: not view.isVisible(), "the list of " + what + " to close")
        QApplication.processEvents()
        assert combo.currentIndex() == index, f"{what}: {combo.currentText()!r} chosen instead of {text!r}"
