"""催办 in the window: the units to remind, a list to copy, and one 催办通知 .docx per unit.

督办 → 催办… opens :class:`ReminderDialog` for the shown plan: the plain list (未报送 first, then the
most overdue units, each overdue task with its 序号, 完成时限 and days overdue) in a read-only box,
复制名单 (to paste into a message), and 生成催办通知… which asks for a folder and writes one
``<单位>-催办通知.docx`` per unit in a background job; when they are written, a bar in the dialog
offers to open the folder. The reply date defaults to a week from today.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.reminders import Reminder, reminder_list
from desktop.gui.common.export_notice import ExportNotice
from desktop.gui.common.workers import CancelToken, Job
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key

WriteNotices = Callable[[list[Reminder], Path, date], Callable[[CancelToken], list[Path]]]


class ReminderDialog(QDialog):
    """Shows the 催办 list; ``write(items, folder, reply_by)`` makes the job that writes the notices."""

    def __init__(self, items: list[Reminder], today: date, start_folder: str,
                 start_job: Callable[[Callable[[CancelToken], list[Path]], Path], object],
                 write: WriteNotices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("催办")
        add_help_key(self, topics.TRACKING_REMIND)  # F1: the guide's section on this
        self.items, self.today, self.start_folder = items, today, start_folder
        self._start_job, self._write = start_job, write
        self.reply_by = QDateEdit(self)
        self.reply_by.setCalendarPopup(True)
        self.reply_by.setDisplayFormat("yyyy-MM-dd")
        later = today + timedelta(days=7)
        self.reply_by.setDate(QDate(later.year, later.month, later.day))
        self.reply_by.dateChanged.connect(lambda _day: self._refresh())
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("催办名单")
        self.copy_button = QPushButton("复制名单", self)
        self.copy_button.clicked.connect(self.copy_list)
        self.notices_button = QPushButton("生成催办通知…", self)
        self.notices_button.setToolTip("为每个单位生成一份催办通知（.docx），文件名为单位名称")
        self.notices_button.clicked.connect(self.choose_folder)
        self.notices_button.setEnabled(bool(items))
        self.copy_button.setEnabled(bool(items))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel("要求报送日期：", self))
        row.addWidget(self.reply_by)
        row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.notices_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.notice = ExportNotice(self)  # 打开文件夹 once the notices are written
        layout.addWidget(self.notice)
        self.resize(720, 480)
        self._refresh()

    def reply_date(self) -> date:
        value = self.reply_by.date()
        return date(value.year(), value.month(), value.day())

    def list_text(self) -> str:
        return reminder_list(self.items, self.today, self.reply_date())

    def _refresh(self) -> None:
        self.text.setPlainText(self.list_text())

    def copy_list(self) -> None:
        QApplication.clipboard().setText(self.list_text())

    def choose_folder(self) -> object:
        folder = QFileDialog.getExistingDirectory(self, "催办通知保存到", self.start_folder)
        return self.write_to(Path(folder)) if folder else None

    def write_to(self, folder: Path) -> object:
        job = self._start_job(self._write(self.items, folder, self.reply_date()), folder)
        if isinstance(job, Job):
            job.done.connect(lambda written: self.notice.show_folder(
                folder, f"已生成 {len(written)} 份催办通知"))
        return job
