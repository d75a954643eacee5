"""Asking which value a merged row keeps where the merged rows differ (责任单位, 完成时限 …).

One line per attribute in conflict, an editable list of the rows' values (and, for units, all of
them together); the first value is proposed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.merge_split import merge_options
from desktop.core.model import ATTRIBUTE_LABELS
from desktop.gui.common.dialogs import ok_cancel
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key

NONE_SHOWN = "（不设置）"


class MergeDialog(QDialog):
    def __init__(self, conflicts: dict[str, list[str]], count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("合并为一行")
        add_help_key(self, topics.EDIT_MERGE)  # F1: the guide's section on this
        self.boxes: dict[str, QComboBox] = {}
        form = QFormLayout()
        for key, values in conflicts.items():
            box = QComboBox(self)
            box.setEditable(True)
            for option in merge_options(key, values):
                box.addItem(option or NONE_SHOWN, option)
            box.setMinimumContentsLength(24)
            self.boxes[key] = box
            form.addRow(ATTRIBUTE_LABELS[key] + "：", box)
        layout = QVBoxLayout(self)
        note = QLabel(f"所选 {count} 行的以下内容不同，请选定合并后这一行的值：", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))

    def choices(self) -> dict[str, str]:
        chosen: dict[str, str] = {}
        for key, box in self.boxes.items():
            text = box.currentText().strip()
            chosen[key] = "" if text == NONE_SHOWN else text
        return chosen


def ask_merge_choices(conflicts: dict[str, list[str]], count: int,
                      parent: QWidget | None) -> dict[str, str] | None:
    """The values chosen for the conflicting attributes, or None when the clerk cancels."""
    if not conflicts:
        return {}
    dialog = MergeDialog(conflicts, count, parent)
    return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None
