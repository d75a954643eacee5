"""The table's own actions: 向下填充 (Ctrl+D) and 应用到所选行, acting while the table has the focus."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop.gui.outline.edit_controller import EditController
from desktop.gui.table.fill import fill
from desktop.gui.table.table_view import PlanTableView


@dataclass(frozen=True)
class TableActions:
    fill_down: QAction
    apply_to_selection: QAction

    def all(self) -> list[QAction]:
        return [self.fill_down, self.apply_to_selection]


def make_table_actions(table: PlanTableView, controller: EditController) -> TableActions:
    def action(text: str, key: str | None, tip: str, from_top: bool) -> QAction:
        made = QAction(text, table)
        if key:
            made.setShortcut(QKeySequence(key))
        made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        made.setToolTip(tip)
        made.setStatusTip(tip)
        made.triggered.connect(lambda _checked=False: fill(table, controller, from_top))
        table.addAction(made)
        return made

    return TableActions(
        fill_down=action("向下填充", "Ctrl+D", "把选中单元格中最上面一格的值填到下面各行（Ctrl+D）", True),
        apply_to_selection=action("应用到所选行", None, "把当前单元格的值应用到同一列选中的各行", False),
    )
