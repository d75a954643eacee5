"""The 查找替换 dialog (Ctrl+H): replace a phrase in task texts and unit values, in one undo step.

The clerk types what to find and what to put instead, chooses where (the whole plan, or the
selected tasks and what is under them) and in what (任务内容, 牵头/责任/配合单位, 完成时限, 备注);
the dialog counts the occurrences as they type. 全部替换 applies one core batch
(``desktop.core.replace``) through the edit controller, so Ctrl+Z undoes all of it at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.replace import SEARCHABLE, TEXTS_AND_UNITS, count_occurrences, find_matches, make_replace
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key
from desktop.gui.outline.edit_controller import EditController


class ReplaceDialog(QDialog):
    def __init__(self, controller: EditController, selected: Callable[[], list[int]],
                 parent: QWidget | None = None, needle: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("查找替换")
        add_help_key(self, topics.EDIT_REPLACE)  # F1: the guide's section on this
        self.controller = controller
        self._selected = selected
        self.needle = QLineEdit(needle, self)
        self.needle.setPlaceholderText("例如：各镇（街道）要")
        self.replacement = QLineEdit(self)
        self.replacement.setPlaceholderText("留空即删除找到的文字")
        self.whole = QRadioButton("整个计划", self)
        self.selection = QRadioButton("所选任务（含下级）", self)
        self.whole.setChecked(True)
        self.selection.setEnabled(len(selected()) > 0)
        self.fields: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for n, (key, label) in enumerate(SEARCHABLE.items()):
            box = QCheckBox(label, self)
            box.setChecked(key in TEXTS_AND_UNITS)
            box.toggled.connect(lambda _b: self._count())
            self.fields[key] = box
            grid.addWidget(box, n // 3, n % 3)
        self.status = QLabel(self)
        self.apply_button = QPushButton("全部替换", self)
        self.apply_button.setDefault(True)
        close = QPushButton("关闭", self)
        scope = QHBoxLayout()
        scope.addWidget(self.whole)
        scope.addWidget(self.selection)
        scope.addStretch(1)
        form = QFormLayout()
        form.addRow("查找：", self.needle)
        form.addRow("替换为：", self.replacement)
        form.addRow("范围：", scope)
        form.addRow("内容：", grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.needle.textChanged.connect(lambda _t: self._count())
        self.whole.toggled.connect(lambda _b: self._count())
        self.apply_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.reject)
        self.resize(520, self.sizeHint().height())
        self._count()

    def _keys(self) -> list[str]:
        return [key for key, box in self.fields.items() if box.isChecked()]

    def _scope(self) -> list[int] | None:
        return self._selected() if self.selection.isChecked() else None

    def _count(self) -> int:
        session = self.controller.session
        needle = self.needle.text()
        if session is None or not needle:
            self.status.setText("")
            self.apply_button.setEnabled(False)
            return 0
        matches = find_matches(session.plan, needle, self._keys(), self._scope())
        total = count_occurrences(matches)
        rows = len({m.task_id for m in matches})
        self.status.setText(f"找到 {total} 处（{rows} 项任务）" if total else "没有找到")
        self.apply_button.setEnabled(total > 0)
        return total

    def replace_all(self) -> bool:
        session = self.controller.session
        if session is None:
            return False
        needle, replacement = self.needle.text(), self.replacement.text()
        keys, scope = self._keys(), self._scope()
        total = count_occurrences(find_matches(session.plan, needle, keys, scope))
        plan = session.plan
        done = self.controller.run(lambda: make_replace(plan, needle, replacement, keys, scope))
        if done:
            self._count()
            self.status.setText(f"已替换 {total} 处（可按 Ctrl+Z 撤销）")
        return done
