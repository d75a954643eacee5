"""The 添加进展 dialog: date, what was done, who reported it, attachments by file path.

Attachments are chosen with a file dialog and kept as paths only (the files are not copied).
OK builds a checked :class:`ProgressEntry` (``source`` "typed"); a text-less entry without
attachments is refused in the dialog with the core's sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.tracking import ProgressEntry, TrackingError, progress_entry
from desktop.gui.common.dialogs import ok_cancel
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key


def qdate(on: date) -> QDate:
    return QDate(on.year, on.month, on.day)


def pydate(on: QDate) -> date:
    return date(on.year(), on.month(), on.day())


class ProgressEntryDialog(QDialog):
    """Asks for one progress report of ``unit``; ``entry()`` after acceptance."""

    def __init__(self, unit: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"添加进展 — {unit}")
        add_help_key(self, topics.TRACKING_DASHBOARD)  # F1: the guide's section on this
        self._entry: ProgressEntry | None = None
        self.day = QDateEdit(qdate(today), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("落实情况、取得的进展、存在的问题……")
        self.text.setTabChangesFocus(True)
        self.reported_by = QLineEdit(unit, self)
        self.attachments = QListWidget(self)
        self.attachments.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 10)
        add = QPushButton("添加附件…", self)
        add.clicked.connect(self.choose_attachments)
        remove = QPushButton("移除", self)
        remove.clicked.connect(self._remove_attachment)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #C62828;")
        self.error.hide()
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add)
        buttons_row.addWidget(remove)
        buttons_row.addStretch(1)
        form = QFormLayout()
        form.addRow("日期", self.day)
        form.addRow("进展情况", self.text)
        form.addRow("报送人", self.reported_by)
        form.addRow("附件", self.attachments)
        form.addRow("", buttons_row)
        note = QLabel("附件只记录文件位置，不复制文件。", self)
        note.setStyleSheet("color: #666666;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.resize(520, 420)
        self.text.setFocus()

    def choose_attachments(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择附件", "", "所有文件 (*)")
        self.add_attachments(paths)

    def add_attachments(self, paths: Sequence[str]) -> None:
        present = {self.attachments.item(row).text() for row in range(self.attachments.count())}
        for path in paths:
            if path and path not in present:
                self.attachments.addItem(path)
                present.add(path)

    def _remove_attachment(self) -> None:
        for item in self.attachments.selectedItems():
            self.attachments.takeItem(self.attachments.row(item))

    def attachment_paths(self) -> list[str]:
        return [self.attachments.item(row).text() for row in range(self.attachments.count())]

    def accept(self) -> None:
        try:
            self._entry = progress_entry(pydate(self.day.date()), self.text.toPlainText(),
                                         self.reported_by.text(), "typed", self.attachment_paths())
        except TrackingError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()

    def entry(self) -> ProgressEntry | None:
        return self._entry
