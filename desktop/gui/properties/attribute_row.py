"""One attribute line of the properties panel: value, where it comes from, pick and clear buttons.

The value shown is the effective one; the note under it says whether it is set on this task, inherited
from a category (named with its number), or not set anywhere. Unit attributes get a "选择…" button
opening the unit picker; the deadline gets quick choices (年底前, 长期坚持 …) and a date picker
(in Chinese, opening on the date the deadline names or in the plan's year).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.deadlines import parse_deadline
from desktop.core.model import UNIT_ATTRIBUTES
from desktop.gui.common.text_editor import CellTextEdit
from desktop.gui.common.widgets import tool_button

MIXED = "多个值"
DEADLINE_CHOICES = ("年底前", "长期坚持", "持续推进", "上半年", "第三季度")


def deadline_for(day: QDate) -> str:
    """How a chosen date is written in the table: 2024年6月30日前."""
    return f"{day.year()}年{day.month()}月{day.day()}日前"


def first_shown_date(year: int | None, current: str, today: date) -> date:
    """Where the date picker opens: the date the deadline already names, else today's day in the
    plan's year (a 2020 plan's deadlines are in 2020, not in the year the clerk edits it)."""
    due = parse_deadline(current, year).due if current else None
    if due is not None:
        return due
    if year is None or year == today.year:
        return today
    day = min(today.day, calendar.monthrange(year, today.month)[1])
    return date(year, today.month, day)


def pick_date(parent: QWidget | None, year: int | None = None, current: str = "") -> QDate | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("选择完成日期")
    picker = QCalendarWidget(dialog)
    picker.setLocale(QLocale("zh_CN"))
    picker.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    picker.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    shown = first_shown_date(year, current, date.today())
    picker.setSelectedDate(QDate(shown.year, shown.month, shown.day))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(picker)
    layout.addWidget(buttons)
    return picker.selectedDate() if dialog.exec() == QDialog.DialogCode.Accepted else None


class AttributeRow(QWidget):
    """Emits ``edited(text)`` when the clerk commits a value and ``cleared()`` to inherit again.

    Unit lists and notes can be long, so they get a two-line box (Enter or leaving it commits);
    the deadline gets an editable list of the usual phrasings.
    """

    edited = Signal(str)
    cleared = Signal()

    def __init__(self, key: str, label: str, picker: Callable[[str], str | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._picker = picker
        self._shown = ""
        self.plan_year: int | None = None  # where the date picker opens (set by the panel)
        self.combo: QComboBox | None = None
        self.box: CellTextEdit | None = None
        if key == "deadline":
            self.combo = QComboBox(self)
            self.combo.setEditable(True)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.combo.addItems(DEADLINE_CHOICES)
            self._line_edit(self.combo).editingFinished.connect(self._commit)
            self.combo.activated.connect(lambda _i: self._commit())
            value: QWidget = self.combo
        else:
            self.box = CellTextEdit(self)
            lines = 3 if key in UNIT_ATTRIBUTES else 2
            self.box.setFixedHeight(self.box.fontMetrics().lineSpacing() * lines + 12)
            self.box.commit.connect(self._commit)
            self.box.installEventFilter(self)
            value = self.box
        self.source = QLabel(self)
        self.source.setStyleSheet("color: #666666;")
        self.source.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setStyleSheet("color: #C62828;")
        self.warning.setWordWrap(True)
        self.warning.hide()
        title = QLabel(label, self)
        title.setStyleSheet("font-weight: bold;")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(title)
        top.addStretch(1)
        if picker is not None:
            top.addWidget(self._button("选择…", "从单位名录中选择（可多选）", self._pick))
        if key == "deadline":
            top.addWidget(self._button("日期…", "选择一个日期", self._pick_date))
        top.addWidget(self._button("继承", "清除本项的设置，沿用上级任务的值", self.cleared.emit))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(value)
        layout.addWidget(self.source)
        layout.addWidget(self.warning)

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = tool_button(self, text, tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def show_value(self, value: str, source: str) -> None:
        self._shown = value
        self._set_placeholder("")
        self._set_text(value)
        self.source.setText(source)

    def show_mixed(self, count: int) -> None:
        """The selected tasks differ here: an empty box reading 多个值; a value typed replaces all."""
        self._shown = ""
        self._set_text("")
        self._set_placeholder(MIXED)
        self.source.setText(f"所选 {count} 项的值不同，填写后将一并修改")

    def _set_placeholder(self, text: str) -> None:
        if self.combo is not None:
            self._line_edit(self.combo).setPlaceholderText(text)
        elif self.box is not None:
            self.box.setPlaceholderText(text)

    @staticmethod
    def _line_edit(combo: QComboBox) -> QLineEdit:
        line_edit = combo.lineEdit()
        assert line_edit is not None  # an editable combo box always has its line edit
        return line_edit

    def placeholder(self) -> str:
        if self.combo is not None:
            return self._line_edit(self.combo).placeholderText()
        return self.box.placeholderText() if self.box is not None else ""

    def show_warning(self, text: str) -> None:
        """A problem with the value (an unreadable deadline), in red under it; "" hides it."""
        self.warning.setText(f"⚠ {text}" if text else "")
        self.warning.setVisible(bool(text))

    def _set_text(self, text: str) -> None:
        if self.combo is not None:
            self.combo.blockSignals(True)
            self.combo.setEditText(text)
            self.combo.blockSignals(False)
        elif self.box is not None and not self.box.hasFocus() and self.box.toPlainText() != text:
            self.box.setPlainText(text)  # (an unchanged text is not laid out and painted again)

    def current_text(self) -> str:
        if self.combo is not None:
            return self.combo.currentText().strip()
        return self.box.toPlainText().strip() if self.box is not None else ""

    def set_text(self, text: str) -> None:
        """Put ``text`` in the box and commit it (what picking or typing and Enter do)."""
        if self.box is not None:
            self.box.setPlainText(text)
        else:
            self._set_text(text)
        self._commit()

    def _commit(self) -> None:
        text = self.current_text()
        if text != self._shown:
            self._shown = text
            self.edited.emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.FocusOut:
            self._commit()
        return super().eventFilter(watched, event)

    def _pick(self) -> None:
        if self._picker is None:
            return
        chosen = self._picker(self.current_text())
        if chosen is not None:
            self.set_text(chosen)

    def _pick_date(self) -> None:
        day = pick_date(self, self.plan_year, self.current_text())
        if day is not None:
            self.set_text(deadline_for(day))
