"""The 导出各单位反馈表 dialog: which units (all or some), which folder, which files.

Every unit the plan assigns is listed, ticked; 全选 / 全不选 help with long lists. The files are
the feedback workbook (.xlsx, to fill in and return) and the unit's rows of the annex as .docx and
.pdf. One file of each kind per unit, named after the unit, in the chosen folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.common.dialogs import ok_cancel
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key

FORMAT_LABELS: dict[str, str] = {"xlsx": "反馈表（.xlsx，单位填写后交回）", "docx": "任务清单（.docx）",
                                 "pdf": "任务清单（.pdf）"}


class UnitExportDialog(QDialog):
    """Choose units, folder and formats; read the choice with ``units()``, ``folder()``, ``formats()``."""

    def __init__(self, units: list[str], folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出各单位反馈表")
        add_help_key(self, topics.TRACKING_EXPORT)  # F1: the guide's section on this
        self.list = QListWidget(self)
        self.list.setAccessibleName("单位")
        for name in units:
            item = QListWidgetItem(name, self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.list.itemChanged.connect(lambda _item: self._update())
        select_all = QPushButton("全选", self)
        select_all.clicked.connect(lambda: self.check_all(True))
        select_none = QPushButton("全不选", self)
        select_none.clicked.connect(lambda: self.check_all(False))
        self.count = QLabel(self)
        self.folder_edit = QLineEdit(folder, self)
        self.folder_edit.setPlaceholderText("保存到哪个文件夹")
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(self._browse)
        self.format_boxes: dict[str, QCheckBox] = {}
        formats = QHBoxLayout()
        for key, label in FORMAT_LABELS.items():
            box = QCheckBox(label, self)
            box.setChecked(True)
            box.toggled.connect(lambda _b: self._update())
            self.format_boxes[key] = box
            formats.addWidget(box)
        formats.addStretch(1)
        self.buttons = ok_cancel(self)
        self.buttons.button(self.buttons.StandardButton.Ok).setText("导出")
        self.folder_edit.textChanged.connect(lambda _t: self._update())
        pick = QHBoxLayout()
        pick.addWidget(select_all)
        pick.addWidget(select_none)
        pick.addStretch(1)
        pick.addWidget(self.count)
        where = QHBoxLayout()
        where.addWidget(QLabel("保存到：", self))
        where.addWidget(self.folder_edit, 1)
        where.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("为以下单位各导出一套文件（文件名为单位名称）：", self))
        layout.addWidget(self.list, 1)
        layout.addLayout(pick)
        layout.addLayout(formats)
        layout.addLayout(where)
        layout.addWidget(self.buttons)
        self.resize(560, 520)
        self._update()

    def check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def _checked(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())
                if self.list.item(row).checkState() == Qt.CheckState.Checked]

    def units(self) -> list[str] | None:
        """The ticked units; None when all are ticked (every unit of the plan)."""
        chosen = self._checked()
        return None if len(chosen) == self.list.count() else chosen

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip())

    def formats(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.format_boxes.items() if box.isChecked())

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择保存位置", self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    def _update(self) -> None:
        chosen = len(self._checked())
        self.count.setText(f"已选 {chosen} / {self.list.count()} 个单位")
        ready = chosen > 0 and bool(self.formats()) and bool(self.folder_edit.text().strip())
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(ready)
