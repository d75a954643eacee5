"""Small widget factories shared by the panels (typed, unlike PySide6's property keyword arguments)."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget


def tool_button(parent: QWidget, text: str, tip: str) -> QToolButton:
    """A flat tool button showing ``text`` with the tooltip ``tip``."""
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    return button
