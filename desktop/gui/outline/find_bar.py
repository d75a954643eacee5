"""The find bar above the task tree (Ctrl+F): search text, what to search, and "show only matches".

Typing searches as you go; Enter / F3 go to the next match, Shift+Enter / Shift+F3 to the previous
one; with 筛选 ticked the tree shows only the matches and their ancestors. Escape closes the bar
and shows everything again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.common.widgets import tool_button
from desktop.gui.outline.tree_filter import FIELDS


class FindBar(QWidget):
    """Emits ``search_changed`` (debounced), ``step(+1/-1)`` and ``closed``."""

    search_changed = Signal()
    step = Signal(int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("查找任务、单位或时限…")
        self.edit.setClearButtonEnabled(True)
        self.field = QComboBox(self)
        for key, label in FIELDS.items():
            self.field.addItem(label, key)
        self.filter = QCheckBox("筛选", self)
        self.filter.setToolTip("只显示匹配的任务及其上级任务")
        self.count = QLabel(self)
        previous = tool_button(self, "↑", "上一个（Shift+F3）")
        following = tool_button(self, "↓", "下一个（F3）")
        close = tool_button(self, "✕", "关闭查找（Esc）")
        # Two lines, so the search box gets the tree's whole width even when the tree is narrow.
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("查找任务、单位或时限…") + 40)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        top, bottom = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.edit, 1)
        top.addWidget(close)
        for widget in (self.field, self.filter, previous, following, self.count):
            bottom.addWidget(widget)
        bottom.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.search_changed)
        self.edit.textChanged.connect(lambda _t: self._debounce.start())
        self.field.currentIndexChanged.connect(lambda _i: self.search_changed.emit())
        self.filter.toggled.connect(lambda _b: self.search_changed.emit())
        previous.clicked.connect(lambda: self.step.emit(-1))
        following.clicked.connect(lambda: self.step.emit(1))
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, lambda: self.step.emit(1),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, lambda: self.step.emit(-1),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @property
    def query(self) -> str:
        return self.edit.text() if self.isVisible() else ""

    @property
    def field_key(self) -> str:
        return str(self.field.currentData())

    @property
    def filtering(self) -> bool:
        return self.filter.isChecked() and bool(self.query.strip())

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, position: int, total: int) -> None:
        self.count.setText("" if not self.edit.text() else (f"{position}/{total}" if total else "无匹配"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._debounce.stop()
            self.step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        else:
            super().keyPressEvent(event)
