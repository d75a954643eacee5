"""The strip above the tree and the table saying that they are filtered, with 清除筛选.

Shown only while a dashboard filter is active, so the clerk always knows that rows are hidden,
even with the dashboard closed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class ScopeBar(QWidget):
    """``show_label(text)`` (empty hides the bar); ``cleared`` when 清除筛选 is pressed."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scope_bar")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#scope_bar { background: #E3F2FD; }")
        self.label = QLabel(self)
        self.button = QPushButton("清除筛选", self)
        self.button.setToolTip("显示全部任务")
        self.button.clicked.connect(self.cleared)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_label(self, text: str) -> None:
        self.label.setText(f"只显示 {text}" if text else "")
        self.setVisible(bool(text))
