"""A multi-line text editor for cells: Enter commits, Shift+Enter or Alt+Enter starts a new line,
Ctrl+Shift+Enter asks to split the row at the cursor.

Requirement texts run to several sentences, so a one-line QLineEdit is too cramped. The editor
grows with its text inside the view and commits like a line edit does, so keyboard editing in the
tree and the table feels the same as everywhere else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget


class CellTextEdit(QPlainTextEdit):
    """Plain-text editor that emits ``commit`` on Enter (Escape is handled by the item delegate)."""

    commit = Signal()
    split_requested = Signal(int, str)  # cursor position, the text shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.Box)
        self.setTabChangesFocus(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        self.setPlainText(text)
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            if mods & Qt.KeyboardModifier.ControlModifier and mods & Qt.KeyboardModifier.ShiftModifier:
                self.split_requested.emit(self.textCursor().position(), self.toPlainText())
            elif mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
                self.insertPlainText("\n")
            else:
                self.commit.emit()
            return
        super().keyPressEvent(event)
