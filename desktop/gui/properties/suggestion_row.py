"""The properties panel's line for units found in an imported text: 文中提到 … [采用] [忽略].

Shown under 责任单位 while a selected task carries ``suggested_units`` (see
``desktop.core.suggestions``); 采用 adds the names to the task's 责任单位, 忽略 drops the
suggestion. With several tasks selected both act on all of them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class SuggestionRow(QFrame):
    accepted = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("SuggestionRow { background: #FFF8E1; }")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.accept_button = QPushButton("采用", self)
        self.accept_button.setToolTip("把文中提到的单位加入责任单位")
        self.dismiss_button = QPushButton("忽略", self)
        self.dismiss_button.setToolTip("不采用，不再提示")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.dismiss_button)
        self.accept_button.clicked.connect(lambda _c=False: self.accepted.emit())
        self.dismiss_button.clicked.connect(lambda _c=False: self.dismissed.emit())
        self.hide()

    def show_suggestions(self, names: list[str], tasks: int) -> None:
        if not names:
            self.hide()
            return
        where = f"（{tasks} 项任务）" if tasks > 1 else ""
        self.label.setText(f"文中提到的单位{where}：{'、'.join(names)}")
        self.show()
