"""The outliner's actions: menu entries whose shortcuts act while the task tree has the focus.

Enter adds a sibling below, Ctrl+Enter a child, Tab / Shift+Tab indent and outdent, Ctrl+↑/↓ move,
Delete deletes (asking first when the task has sub-tasks), Ctrl+Shift+M merges the selected rows
into one, Ctrl+Shift+K splits the current row into its sentences (Ctrl+Shift+Enter in the editor
splits at the cursor). The shortcuts use the widget context,
so they never fire while a cell editor or another panel has the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.gui.outline import row_edits
from desktop.gui.outline.edit_controller import EditController
from desktop.gui.outline.merge_dialog import ask_merge_choices
from desktop.gui.outline.tree_delegate import TaskDelegate
from desktop.gui.outline.tree_view import PlanTreeView

Key = QKeySequence | QKeySequence.StandardKey | str


@dataclass
class TreeActions:
    add_sibling: QAction
    add_child: QAction
    indent: QAction
    outdent: QAction
    move_up: QAction
    move_down: QAction
    delete: QAction
    rename: QAction
    merge: QAction
    split_sentences: QAction

    def all(self) -> list[QAction]:
        return [self.add_sibling, self.add_child, self.indent, self.outdent, self.move_up,
                self.move_down, self.delete, self.rename, self.merge, self.split_sentences]


def _action(owner: QWidget, text: str, keys: list[Key], slot: Callable[[], object], tip: str = "") -> QAction:
    action = QAction(text, owner)
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    action.setShortcuts(sequences)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.setToolTip(tip or text)
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


def make_tree_actions(tree: PlanTreeView, controller: EditController) -> TreeActions:
    delegate = tree.itemDelegate()
    if isinstance(delegate, TaskDelegate):  # Ctrl+Shift+Enter in the editor: split at the cursor
        delegate.split_requested.connect(
            lambda task_id, position, text: row_edits.split_at(controller, task_id, position, text))
    window = tree.window()
    return TreeActions(
        add_sibling=_action(tree, "新建同级任务", ["Return", "Enter"], controller.add_sibling,
                            "在当前任务下方新建同级任务（Enter）"),
        add_child=_action(tree, "新建下级任务", ["Ctrl+Return", "Ctrl+Enter"], controller.add_child,
                          "在当前任务下新建下级任务（Ctrl+Enter）"),
        indent=_action(tree, "降级", ["Tab"], controller.indent, "作为上一任务的下级（Tab）"),
        # One sequence only: X11 reports Shift+Tab as Backtab *and* Shift+Tab, so binding both
        # makes Qt drop the key as an "ambiguous shortcut overload".
        outdent=_action(tree, "升级", ["Shift+Tab"], controller.outdent, "提升一级（Shift+Tab）"),
        move_up=_action(tree, "上移", ["Ctrl+Up"], controller.move_up, "上移（Ctrl+↑）"),
        move_down=_action(tree, "下移", ["Ctrl+Down"], controller.move_down, "下移（Ctrl+↓）"),
        delete=_action(tree, "删除任务", [QKeySequence.StandardKey.Delete], controller.delete,
                       "删除当前任务及其下级任务（Delete）"),
        rename=_action(tree, "编辑内容", ["F2"], lambda: tree.edit(tree.currentIndex()),
                       "编辑当前任务的内容（F2）"),
        merge=_action(tree, "合并为一行", ["Ctrl+Shift+M"], lambda: row_edits.merge_selection(
            controller, lambda conflicts, count: ask_merge_choices(conflicts, count, window)),
            "把选中的几行合并为一行（Ctrl+Shift+M）"),
        split_sentences=_action(tree, "按句拆分", ["Ctrl+Shift+K"],
                                lambda: row_edits.split_sentences(controller),
                                "把当前行按句子拆成几行（Ctrl+Shift+K）；"
                                "编辑时 Ctrl+Shift+Enter 在光标处拆分"),
    )
