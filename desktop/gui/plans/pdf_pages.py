"""A window beside the import preview showing the pages of the PDF the plan was read from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.formats.pdf.pages import PdfPages


class PdfPagesDialog(QDialog):
    """Page-by-page view of a PDF (rendered on demand), to check the imported rows against it."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"原 PDF 页面 — {path.name}")
        self.pages = PdfPages(path)
        self.page = QSpinBox()
        self.page.setRange(1, max(len(self.pages), 1))
        self.page.setPrefix("第 ")
        self.page.setSuffix(f" 页 / 共 {len(self.pages)} 页")
        self.page.valueChanged.connect(self._show)
        previous = QPushButton("上一页")
        previous.clicked.connect(lambda: self.page.setValue(self.page.value() - 1))
        following = QPushButton("下一页")
        following.clicked.connect(lambda: self.page.setValue(self.page.value() + 1))
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        bar = QHBoxLayout()
        bar.addWidget(previous)
        bar.addWidget(self.page)
        bar.addWidget(following)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.resize(760, 900)
        self._show(1)

    def _show(self, number: int) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(self.pages.png(number - 1))
        self.image.setPixmap(pixmap)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pages.close()
        super().closeEvent(event)
