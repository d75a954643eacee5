"""The bar that says where an export went: 打开所在文件夹 · 打开文件 · ×.

Shown in the window (or the dialog) the export was started from, instead of a message box: a clerk
who exports ten files in a row is never stopped to click 确定, and the keyboard stays where it was
(neither the bar nor its buttons take the focus). The writer's warnings, when there are any, are
shown in the bar too. The bar hides itself after ``HIDE_AFTER_MS`` (not while the mouse is over it),
when the next export replaces it, or with ×. The buttons go through ``open_location``, the one
module that talks to the desktop.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QWidget

from desktop.gui.common import open_location

HIDE_AFTER_MS = 60_000
STYLE = ("#export_notice { background: #E8F5E9; border-top: 1px solid #A5D6A7; }"
         "#export_notice[warn=\"true\"] { background: #FFF8E1; border-top: 1px solid #FFCC80; }")


class ExportNotice(QFrame):
    """``show_file(path, text)`` after one file was written, ``show_folder(folder, text)`` after many."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_notice")
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.path: Path | None = None  # the file (or folder) the buttons open
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.open_folder_button = self._button("打开所在文件夹", "在文件管理器中打开导出文件所在的文件夹")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_file_button = self._button("打开文件", "用 Word、WPS、Excel 或 PDF 阅读器打开导出的文件")
        self.open_file_button.clicked.connect(self.open_file)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setToolTip("关闭提示")
        self.close_button.setAutoRaise(True)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 4, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_folder_button)
        layout.addWidget(self.open_file_button)
        layout.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(HIDE_AFTER_MS)
        self.timer.timeout.connect(self.hide)
        self.hide()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)  # in a dialog, Enter still means the dialog's own default button
        return button

    # ----- showing -----------------------------------------------------------------------------
    def show_file(self, path: Path, text: str = "", warnings: Sequence[str] = ()) -> None:
        """One file was written: both buttons."""
        self._show(Path(path), text or f"已导出“{Path(path).name}”", warnings, is_file=True)

    def show_folder(self, folder: Path, text: str, warnings: Sequence[str] = ()) -> None:
        """Several files were written into ``folder``: 打开所在文件夹 opens it."""
        self._show(Path(folder), text, warnings, is_file=False)

    def _show(self, path: Path, text: str, warnings: Sequence[str], *, is_file: bool) -> None:
        self.path = path
        lines = [f"{text}（{path.parent if is_file else path}）", *warnings]
        self.label.setText("\n".join(lines))
        self.label.setToolTip(str(path))
        self.open_file_button.setVisible(is_file)
        self.open_folder_button.setText("打开所在文件夹" if is_file else "打开文件夹")
        self.setProperty("warn", bool(warnings))
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()  # a child widget: showing it never activates a window or moves the focus
        self.timer.start()

    # ----- the buttons -------------------------------------------------------------------------
    def open_folder(self) -> bool:
        if self.path is None:
            return False
        return self._opened(open_location.show_in_folder(self.path), "文件夹")

    def open_file(self) -> bool:
        if self.path is None:
            return False
        return self._opened(open_location.open_file(self.path), "文件")

    def _opened(self, ok: bool, what: str) -> bool:
        if not ok and self.path is not None:
            self.label.setText(f"没能打开{what}，请在文件管理器中找到：{self.path}")
            self.timer.start()
        return ok

    # ----- the bar stays while the mouse is over it --------------------------------------------
    def enterEvent(self, event: QEnterEvent) -> None:
        self.timer.stop()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self.isVisible():
            self.timer.start()
        super().leaveEvent(event)
